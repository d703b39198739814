// A loaded byte-level BPE tokenizer: a `TokenizerDefinition` compiled for encoding (merge rank
// table, byte → token table, added-token matchers) and decoding (bytes of every id). Immutable
// and shared by all threads; each thread encodes through its own `TokenEncoder`
// (`makeEncoder()`), which holds the word cache and scratch memory. Behaviour follows Hugging
// Face `tokenizers` 0.23 (FORMAT.md §2–4); deviations are listed on `decode`.

import QuarryCore
import QuarryText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level BPE tokenizer ready to encode and decode.
public final class Tokenizer: Sendable {
    public let definition: TokenizerDefinition
    let mergeTable: BPEMergeTable
    /// The token of each byte value, `UInt32.max` when the vocabulary has none.
    let byteIDs: [UInt32]
    /// Added tokens matched in the raw text / in the normalized text.
    let rawMatcher: AddedTokenMatcher
    let normalizedMatcher: AddedTokenMatcher
    /// Bytes of every id for decoding (added tokens: their content), flat.
    let decodeStorage: [UInt8]
    let decodeOffsets: [Int]
    /// Whether each id is a special added token (skipped by `decode(skipSpecialTokens: true)`).
    let special: [Bool]
    let addedByContent: [String: TokenID]

    /// Compiles `definition`; throws a `ConfigError` when a merge's parts or result are not
    /// tokens of the vocabulary.
    public convenience init(_ definition: TokenizerDefinition) throws {
        try self.init(definition, rankByMergedID: false)
    }

    /// `rankByMergedID`: a merge's rank is the id of the token it makes (tiktoken's rule)
    /// instead of its position in the list, so that merges making the same token tie.
    init(_ definition: TokenizerDefinition, rankByMergedID: Bool) throws {
        self.definition = definition
        let vocabulary = definition.vocabulary
        do {
            var table = try BPEMergeTable(merges: definition.merges, vocabulary: vocabulary)
            if rankByMergedID {
                var entries: [(left: TokenID, right: TokenID, rank: UInt32, merged: TokenID)] = []
                for merge in definition.merges {
                    let merged = TokenID(truncatingIfNeeded: table.lookup(merge.left, merge.right))
                    entries.append((merge.left, merge.right, merged, merged))
                }
                table = BPEMergeTable(entries: entries)
            }
            mergeTable = table
        } catch {
            let merge = definition.merges[error.rank]
            throw ConfigError("merge \(error.rank) (\(merge.left), \(merge.right)): a part or the merged token is not in the vocabulary")
        }
        var byteIDs = [UInt32](repeating: UInt32.max, count: 256)
        for byte in 0..<256 {
            if let id = [UInt8(byte)].withUnsafeBufferPointer({ vocabulary.id(of: $0) }) { byteIDs[byte] = id }
        }
        self.byteIDs = byteIDs

        var raw: [(token: AddedToken, bytes: [UInt8])] = []
        var normalized: [(token: AddedToken, bytes: [UInt8])] = []
        var addedByContent: [String: TokenID] = [:]
        for token in definition.addedTokens {
            if token.normalized {
                normalized.append((token, TokenizerNormalization.normalize(token.content, form: definition.normalizer)))
            } else {
                raw.append((token, Array(token.content.utf8)))
            }
            if addedByContent[token.content] == nil { addedByContent[token.content] = token.id }
        }
        rawMatcher = AddedTokenMatcher(raw)
        normalizedMatcher = AddedTokenMatcher(normalized)
        self.addedByContent = addedByContent

        let count = definition.idCount
        // Added tokens decode to their content, normalized for normalized tokens (tokenizers'
        // id_to_token returns the normalized content: "ﬁx" under NFKC decodes as "fix").
        var contents = [[UInt8]?](repeating: nil, count: count)
        var special = [Bool](repeating: false, count: count)
        for token in definition.addedTokens {
            contents[Int(token.id)] = token.normalized
                ? TokenizerNormalization.normalize(token.content, form: definition.normalizer) : Array(token.content.utf8)
            special[Int(token.id)] = special[Int(token.id)] || token.special
        }
        var storage: [UInt8] = []
        var offsets = [0]
        storage.reserveCapacity(vocabulary.storage.count)
        offsets.reserveCapacity(count + 1)
        for id in 0..<count {
            if let content = contents[id] {
                storage.append(contentsOf: content)
            } else {
                storage.append(contentsOf: vocabulary.bytes(of: TokenID(id)))
            }
            offsets.append(storage.count)
        }
        decodeStorage = storage
        decodeOffsets = offsets
        self.special = special
    }

    /// Loads a tokenizer.json, or a tiktoken rank file (`*.tiktoken`, split `.cl100k` unless
    /// `split` says otherwise).
    public static func load(path: String) throws -> Tokenizer {
        try load(path: path, tiktokenSplit: .cl100k)
    }

    public static func load(path: String, tiktokenSplit: PreTokenizerSplit) throws -> Tokenizer {
        let bytes = try readFile(path)
        if path.hasSuffix(".tiktoken") {
            let definition = try TiktokenRanks.read(bytes, path: path, split: tiktokenSplit)
            return try Tokenizer(definition, rankByMergedID: true)
        }
        let definition = try TokenizerJSON.read(bytes, path: path)
        do {
            return try Tokenizer(definition)
        } catch let error as ConfigError {
            throw error.located(file: path)
        }
    }

    /// One past the highest token id.
    public var idCount: Int { decodeOffsets.count - 1 }

    /// The id of an added token by its content, else of the vocabulary entry whose
    /// tokenizer.json key is `content` (byte-level text, `Ġthe` for " the"), else of the
    /// vocabulary entry whose bytes are the UTF-8 of `content`.
    public func id(ofToken content: String) -> TokenID? {
        if let id = addedByContent[content] { return id }
        if let bytes = ByteLevelAlphabet.decode(content), let id = definition.vocabulary.id(of: bytes) { return id }
        return definition.vocabulary.id(of: Array(content.utf8))
    }

    /// An encoder for one thread (holds its own word cache).
    public func makeEncoder() -> TokenEncoder { TokenEncoder(tokenizer: self) }

    /// The ids of `text` (a fresh encoder per call: prefer `makeEncoder()` in loops).
    public func encode(_ text: String, addSpecialTokens: Bool = false) -> [TokenID] {
        var encoder = makeEncoder()
        var ids: [TokenID] = []
        var text = text
        text.withUTF8 { encoder.encode($0, addSpecialTokens: addSpecialTokens, into: &ids) }
        return ids
    }

    /// The bytes of `ids`, concatenated: vocabulary tokens give their raw bytes and added
    /// tokens their content's UTF-8 (normalized for normalized tokens, as tokenizers does), so `decode(encode(x)) == x` for any bytes x (for an added
    /// token whose content is byte-level text, such as "é", `tokenizers` would map the content
    /// back through the byte alphabet; Quarry keeps the content). Ids out of range are skipped;
    /// `skipSpecialTokens` skips special added tokens. Invalid UTF-8 is returned as it is
    /// (`tokenizers` replaces it with U+FFFD when making a string).
    public func decode(_ ids: [TokenID], skipSpecialTokens: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * 4)
        decodeStorage.withUnsafeBufferPointer { storage in
            for id in ids {
                let i = Int(id)
                guard i < special.count else { continue }
                if skipSpecialTokens && special[i] { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: storage[decodeOffsets[i]..<decodeOffsets[i + 1]]))
            }
        }
        return out
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw InputError(file: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if read > 0 { bytes.append(contentsOf: chunk[0..<read]) }
            if read < chunk.count {
                if ferror(file) != 0 { throw InputError(file: path, offset: Int64(bytes.count), "read error") }
                break
            }
        }
        return bytes
    }
}
