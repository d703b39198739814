// Reads a tiktoken rank file (`cl100k_base.tiktoken` and friends, tiktoken 0.14.0
// `tiktoken/load.py` load_tiktoken_bpe): one token per line, `<base64 bytes> <rank>`, ranks
// being the token ids. tiktoken merges the adjacent pair whose concatenation has the lowest
// rank, and takes a whole piece that is a token as is (`_byte_pair_merge` / `encode_native`
// in its src/lib.rs). In `TokenizerDefinition` terms: ignore_merges, and one merge (a, b) for
// every way of cutting a token into two tokens a + b, ranked by the token they make (the
// `Tokenizer` is built with `rankByMergedID`, so all cuts of one token tie and the leftmost
// wins, as in tiktoken). The file carries no split and no special tokens: the split is given
// (cl100k by default) and special tokens are added by the caller if needed.

import QuarryCore

public enum TiktokenRanks {
    /// The definition in a rank file's bytes; `path` names the file in errors.
    public static func read(_ bytes: [UInt8], path: String, split: PreTokenizerSplit) throws -> TokenizerDefinition {
        var tokens: [[UInt8]?] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var line = bytes[lineStart..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            defer { lineStart = lineEnd + 1 }
            if line.isEmpty { continue }
            guard let space = line.firstIndex(of: 0x20),
                  let rank = Int(String(decoding: line[(space + 1)...], as: UTF8.self)), rank >= 0, rank < 1 << 31,
                  let token = decodeBase64(line[..<space]), !token.isEmpty else {
                throw InputError(file: path, offset: Int64(lineStart), "expected \"<base64 token> <rank>\"")
            }
            if tokens.count <= rank { tokens.append(contentsOf: repeatElement(nil, count: rank + 1 - tokens.count)) }
            guard tokens[rank] == nil else { throw InputError(file: path, offset: Int64(lineStart), "rank \(rank) appears twice") }
            tokens[rank] = token
        }
        guard !tokens.isEmpty else { throw InputError(file: path, "no tokens") }
        let vocabulary = TokenVocabulary(tokens: tokens)
        var merges: [BPEMerge] = []
        for (id, token) in tokens.enumerated() {
            guard let token, token.count >= 2, vocabulary.id(of: token) == TokenID(id) else { continue }
            for cut in 1..<token.count {
                if let left = vocabulary.id(of: token[..<cut]), let right = vocabulary.id(of: token[cut...]) {
                    merges.append(BPEMerge(left, right))
                }
            }
        }
        return TokenizerDefinition(preTokenization: PreTokenization(split: split, splitInsideByteLevel: false),
                                   vocabulary: vocabulary, merges: merges, ignoreMerges: true)
    }

    /// Standard base64 (RFC 4648, `=` padding optional); nil on any other character.
    static func decodeBase64(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for char in text {
            let value: UInt32
            switch char {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(char - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(char - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(char - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
