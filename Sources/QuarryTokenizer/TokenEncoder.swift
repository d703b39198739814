// Text → token ids for one thread, in the order `tokenizers` 0.23 applies its steps
// (`tokenizer/mod.rs` encode_single_sequence, FORMAT.md §1–4):
//   1. added tokens with normalized: false are cut out of the raw text;
//   2. each remaining segment is normalized (NFC/NFKC…), then added tokens with normalized:
//      true are cut out of the normalized segment;
//   3. each remaining piece gets ByteLevel's prefix space if configured, is split by the
//      pre-tokenizer scanner (PieceScanner, no regex engine), and each pre-token is BPE-encoded
//      (ignore_merges lookup, then the word cache, then the merge loop of TokenEncoderWord);
//   4. the post-processor's BOS/EOS ids go around the result when special tokens are asked for.
// Invalid UTF-8 passes through as raw bytes (each invalid byte is its own "other" character for
// the scanner), unless `replaceInvalidUTF8` asks for Python's `decode('utf-8', 'replace')`
// first — the form in which `tokenizers` sees such text, used by the parity tests.

/// Encodes texts for one thread; holds the word cache and scratch memory (not Sendable: make
/// one per thread with `Tokenizer.makeEncoder()`).
public struct TokenEncoder {
    public let tokenizer: Tokenizer
    /// Replace each maximal ill-formed UTF-8 subpart with U+FFFD before encoding (Python's
    /// `errors="replace"`), instead of keeping the raw bytes.
    public var replaceInvalidUTF8 = false
    private let scratch: BPEWordScratch
    private var normalized: [UInt8] = []
    private var prefixed: [UInt8] = []
    private var rawMatches: [AddedTokenMatcher.Match] = []
    private var normalizedMatches: [AddedTokenMatcher.Match] = []

    init(tokenizer: Tokenizer) {
        self.tokenizer = tokenizer
        scratch = BPEWordScratch()
    }

    /// Appends the ids of `text` (UTF-8 bytes, possibly invalid) to `ids`; with
    /// `addSpecialTokens` the post-processor's BOS/EOS ids go around them.
    public mutating func encode(_ text: UnsafeBufferPointer<UInt8>, addSpecialTokens: Bool, into ids: inout [TokenID]) {
        if replaceInvalidUTF8, !UTF8Validity.isValid(text) {
            let replaced = String(decoding: text, as: UTF8.self)  // U+FFFD per maximal subpart
            var copy = Array(replaced.utf8)
            replaceInvalidUTF8 = false
            copy.withUnsafeBufferPointer { encode($0, addSpecialTokens: addSpecialTokens, into: &ids) }
            replaceInvalidUTF8 = true
            return
        }
        let post = tokenizer.definition.postProcessor
        if addSpecialTokens, let post { ids.append(contentsOf: post.prefix) }
        if tokenizer.rawMatcher.isEmpty {
            encodeSegment(text, into: &ids)
        } else {
            rawMatches.removeAll(keepingCapacity: true)
            tokenizer.rawMatcher.matches(in: text, into: &rawMatches)
            var start = 0
            for index in rawMatches.indices {
                let match = rawMatches[index]
                if match.range.lowerBound > start { encodeSegment(UnsafeBufferPointer(rebasing: text[start..<match.range.lowerBound]), into: &ids) }
                ids.append(match.id)
                start = match.range.upperBound
            }
            if start < text.count { encodeSegment(UnsafeBufferPointer(rebasing: text[start...]), into: &ids) }
        }
        if addSpecialTokens, let post { ids.append(contentsOf: post.suffix) }
    }

    /// A segment between raw added tokens: normalize, then cut normalized added tokens.
    private mutating func encodeSegment(_ segment: UnsafeBufferPointer<UInt8>, into ids: inout [TokenID]) {
        if let form = tokenizer.definition.normalizer {
            normalized.removeAll(keepingCapacity: true)
            TokenizerNormalization.normalize(segment, form: form, into: &normalized)
            let copy = normalized  // the pieces below reuse `prefixed`, not this buffer
            copy.withUnsafeBufferPointer { cutNormalizedTokens($0, into: &ids) }
        } else {
            cutNormalizedTokens(segment, into: &ids)
        }
    }

    private mutating func cutNormalizedTokens(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [TokenID]) {
        let matcher = tokenizer.normalizedMatcher
        if matcher.isEmpty {
            encodePiece(text, into: &ids)
            return
        }
        normalizedMatches.removeAll(keepingCapacity: true)
        matcher.matches(in: text, into: &normalizedMatches)
        let matches = normalizedMatches
        var start = 0
        for match in matches {
            if match.range.lowerBound > start { encodePiece(UnsafeBufferPointer(rebasing: text[start..<match.range.lowerBound]), into: &ids) }
            ids.append(match.id)
            start = match.range.upperBound
        }
        if start < text.count { encodePiece(UnsafeBufferPointer(rebasing: text[start...]), into: &ids) }
    }

    /// Text free of added tokens: prefix space, pre-tokenizer split, BPE per pre-token.
    private mutating func encodePiece(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [TokenID]) {
        guard !text.isEmpty else { return }
        let pre = tokenizer.definition.preTokenization
        if pre.addPrefixSpace, text[0] != 0x20 {
            prefixed.removeAll(keepingCapacity: true)
            prefixed.append(0x20)
            prefixed.append(contentsOf: text)
            let copy = prefixed
            copy.withUnsafeBufferPointer { split($0, pre.split, into: &ids) }
        } else {
            split(text, pre.split, into: &ids)
        }
    }

    @inline(__always)
    private mutating func split(_ text: UnsafeBufferPointer<UInt8>, _ split: PreTokenizerSplit?, into ids: inout [TokenID]) {
        guard let split else {
            encodeWord(text, into: &ids)
            return
        }
        var scanner = PieceScanner(split: split, text: text)
        while let range = scanner.next() {
            encodeWord(UnsafeBufferPointer(rebasing: text[range]), into: &ids)
        }
    }

    /// Appends the BPE ids of one pre-token.
    @inline(__always)
    mutating func encodeWord(_ piece: UnsafeBufferPointer<UInt8>, into ids: inout [TokenID]) {
        let n = piece.count
        guard n > 0 else { return }
        let tokenizer = self.tokenizer
        if n == 1 {
            let id = tokenizer.byteIDs[Int(piece[0])]
            if id != UInt32.max { ids.append(id) }
            return
        }
        if tokenizer.definition.ignoreMerges, let id = tokenizer.definition.vocabulary.id(of: piece) {
            ids.append(id)
            return
        }
        if n <= BPEWordScratch.maxCachedBytes {
            let hash = BPEWordScratch.hash(piece)
            if scratch.lookup(piece, hash: hash, into: &ids) { return }
            let before = ids.count
            tokenizer.byteIDs.withUnsafeBufferPointer {
                BPEWordMerger.merge(piece, byteIDs: $0.baseAddress!, table: tokenizer.mergeTable, scratch: scratch, into: &ids)
            }
            ids.withUnsafeBufferPointer { scratch.insert(piece, hash: hash, ids: UnsafeBufferPointer(rebasing: $0[before...])) }
            return
        }
        tokenizer.byteIDs.withUnsafeBufferPointer {
            BPEWordMerger.merge(piece, byteIDs: $0.baseAddress!, table: tokenizer.mergeTable, scratch: scratch, into: &ids)
        }
    }
}
