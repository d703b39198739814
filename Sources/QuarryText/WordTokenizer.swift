// The word and sentence segmentation every text stage shares. A tokenizer reports words and
// sentences as UTF-8 byte ranges of the text it was given, so callers measure, hash and compare
// them without copying. Which tokenizer serves which language: WordTokenizers.swift.
//
// Words follow the tokenizers the field's filters are defined with (datatrove 0.10.1
// `split_into_words`: spaCy's rule-based tokenizer for space-delimited languages, dictionary
// segmentation for Chinese, Japanese and Thai): punctuation is split off into words of its own,
// and no word contains whitespace.

/// Splits UTF-8 text into words and sentences.
public protocol WordTokenizer: Sendable {
    /// Appends the byte ranges of the words of `text` (valid UTF-8), in text order. No range is
    /// empty or contains whitespace; punctuation split off from a word is a word of its own.
    func appendWords(of text: UnsafeBufferPointer<UInt8>, to words: inout [Range<Int>])

    /// Appends the byte ranges of the sentences of `text` (valid UTF-8), in text order, each
    /// without leading or trailing whitespace; whitespace-only sentences are left out.
    func appendSentences(of text: UnsafeBufferPointer<UInt8>, to sentences: inout [Range<Int>])
}

extension WordTokenizer {
    /// The words of `text`, as byte ranges of `text.utf8`.
    public func wordRanges(of text: String) -> [Range<Int>] {
        var words: [Range<Int>] = []
        withUTF8Bytes(of: text) { appendWords(of: $0, to: &words) }
        return words
    }

    /// The words of `text` as strings (for tests and tools; hot paths use the ranges).
    public func words(of text: String) -> [String] {
        let bytes = Array(text.utf8)
        return wordRanges(of: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The sentences of `text` as strings (for tests and tools; hot paths use the ranges).
    public func sentences(of text: String) -> [String] {
        var ranges: [Range<Int>] = []
        withUTF8Bytes(of: text) { appendSentences(of: $0, to: &ranges) }
        let bytes = Array(text.utf8)
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The number of sentences in `text`.
    public func sentenceCount(of text: UnsafeBufferPointer<UInt8>) -> Int {
        var ranges: [Range<Int>] = []
        appendSentences(of: text, to: &ranges)
        return ranges.count
    }
}

/// Calls `body` with the UTF-8 bytes of `text`, copying only when the string is not native.
@inlinable
public func withUTF8Bytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return try copy.withUTF8(body)
}
