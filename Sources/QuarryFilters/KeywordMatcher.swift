// Measuring how much of a text is keywords, for keyword_filter_v1: one Aho-Corasick scan finds
// every adult and spam keyword in the text (lowered as Python's str.lower() does, ASCII case
// folded by the automaton as in BadWordMatcher), and only a text with a keyword is segmented
// into words (the words of the lowered text), to count the words the keywords cover.
//
// A keyword occurrence counts when it stands on its own: at each end, the neighbouring character
// is not a word character (Python's \w), or the keyword's end character or its neighbour belongs
// to a script written without spaces (Han, kana, Thai, Lao, Khmer, Burmese), where words touch.
// So "casino" counts in "casino!" and "在线casino", not in "casinos"; "在线观看" counts inside a
// Chinese sentence. `naiveShares` is the plain twin the tests check against.
import QuarryText

/// Keyword words and words of one category in a text. Words are counted only in a text where
/// a keyword occurs (elsewhere the share is 0 whatever the count, and segmenting costs time).
struct KeywordShare: Sendable, Equatable {
    var keywordWords = 0
    var words = 0
    /// keywordWords / words, 0 for a text without words.
    var ratio: Double { words == 0 ? 0 : Double(keywordWords) / Double(words) }
}

/// Finds adult and spam keywords and measures their share of a text's words.
struct KeywordMatcher: Sendable {
    static let adultBit: UInt8 = 1
    static let spamBit: UInt8 = 2

    /// Lowered keywords, sorted, and the categories (bits) of each.
    let keywords: [String]
    let categories: [UInt8]
    private let automaton: ByteAhoCorasick

    init(adult: [String], spam: [String]) {
        var bits: [String: UInt8] = [:]
        for word in adult { bits[PythonWordCase.lower(word), default: 0] |= Self.adultBit }
        for word in spam { bits[PythonWordCase.lower(word), default: 0] |= Self.spamBit }
        bits[""] = nil
        keywords = bits.keys.sorted()
        categories = keywords.map { bits[$0]! }
        automaton = ByteAhoCorasick(patterns: keywords.map { Array($0.utf8) }, foldASCIICase: true)
    }

    /// Adult and spam shares of the words of `text`.
    func shares(in text: String, tokenizer: some WordTokenizer) -> (adult: KeywordShare, spam: KeywordShare) {
        withUTF8Bytes(of: text) { original in
            if let lowered = PythonWordCase.lowerNonASCII(original) {
                return lowered.withUnsafeBufferPointer { shares(inLowered: $0, tokenizer: tokenizer) }
            }
            return shares(inLowered: original, tokenizer: tokenizer)
        }
    }

    /// Shares in text whose non-ASCII characters are lowered already.
    private func shares(inLowered bytes: UnsafeBufferPointer<UInt8>, tokenizer: some WordTokenizer)
        -> (adult: KeywordShare, spam: KeywordShare) {
        var spans: [(start: Int, end: Int, bits: UInt8)] = []
        let lengths = automaton.patternLengths
        automaton.forEachMatch(in: bytes) { pattern, end in
            let start = end - lengths[pattern]
            if Self.standsAlone(bytes, start, end) { spans.append((start, end, categories[pattern])) }
            return true
        }
        if spans.isEmpty { return (KeywordShare(), KeywordShare()) }
        // Words of the lowered text (ASCII lowered too: spaCy's rules depend on case), whose
        // byte offsets are those of `bytes`.
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var ranges: [Range<Int>] = []
        lowered.withUnsafeBufferPointer { tokenizer.appendWords(of: $0, to: &ranges) }
        let words = ranges.filter { Self.hasWordCharacter(bytes, $0) }
        var marks = [UInt8](repeating: 0, count: words.count)
        for span in spans {
            // First word ending after the span starts; words are in text order and disjoint.
            var low = 0, high = words.count
            while low < high {
                let mid = (low + high) / 2
                if words[mid].upperBound <= span.start { low = mid + 1 } else { high = mid }
            }
            var i = low
            while i < words.count && words[i].lowerBound < span.end {
                marks[i] |= span.bits
                i += 1
            }
        }
        let adult = marks.reduce(0) { $0 + ($1 & Self.adultBit != 0 ? 1 : 0) }
        let spam = marks.reduce(0) { $0 + ($1 & Self.spamBit != 0 ? 1 : 0) }
        return (KeywordShare(keywordWords: adult, words: words.count), KeywordShare(keywordWords: spam, words: words.count))
    }

    /// Whether the occurrence at `start..<end` stands on its own (see the file comment).
    static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if start > 0 {
            var i = start - 1
            while i > 0, bytes[i] & 0xC0 == 0x80 { i -= 1 }
            let before = PythonWordCase.decode(bytes, at: i).0
            if PythonWordCase.isWordScalar(before) && !isUnspaced(before)
                && !isUnspaced(PythonWordCase.decode(bytes, at: start).0) { return false }
        }
        if end < bytes.count {
            let after = PythonWordCase.decode(bytes, at: end).0
            var i = end - 1
            while i > start, bytes[i] & 0xC0 == 0x80 { i -= 1 }
            if PythonWordCase.isWordScalar(after) && !isUnspaced(after)
                && !isUnspaced(PythonWordCase.decode(bytes, at: i).0) { return false }
        }
        return true
    }

    /// Whether `s` belongs to a script written without spaces between words: Thai, Lao,
    /// Burmese, Khmer, kana, Han (with the compatibility and supplementary ideographs).
    static func isUnspaced(_ s: UInt32) -> Bool {
        switch s {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// Whether the word `range` holds a letter, digit or underscore (Python's \w).
    static func hasWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let (scalar, length) = PythonWordCase.decode(bytes, at: i)
            if PythonWordCase.isWordScalar(scalar) { return true }
            i += length
        }
        return false
    }

    /// The plain twin: lowers the whole text, finds each keyword at every offset by comparing
    /// scalars, and marks the words each occurrence overlaps.
    func naiveShares(in text: String, tokenizer: some WordTokenizer) -> (adult: KeywordShare, spam: KeywordShare) {
        let lowered = Array(PythonWordCase.lower(text).utf8)
        var marks: [Range<Int>: UInt8] = [:]
        var words: [Range<Int>] = []
        var found = false
        lowered.withUnsafeBufferPointer { bytes in
            tokenizer.appendWords(of: bytes, to: &words)
            words = words.filter { Self.hasWordCharacter(bytes, $0) }
            for (keyword, bits) in zip(keywords, categories) {
                let k = Array(keyword.utf8)
                guard k.count <= bytes.count else { continue }
                for start in 0...(bytes.count - k.count) where Array(bytes[start..<start + k.count]) == k {
                    guard Self.standsAlone(bytes, start, start + k.count) else { continue }
                    found = true
                    for word in words where word.overlaps(start..<start + k.count) { marks[word, default: 0] |= bits }
                }
            }
        }
        guard found else { return (KeywordShare(), KeywordShare()) }
        let adult = marks.values.filter { $0 & Self.adultBit != 0 }.count
        let spam = marks.values.filter { $0 & Self.spamBit != 0 }.count
        return (KeywordShare(keywordWords: adult, words: words.count), KeywordShare(keywordWords: spam, words: words.count))
    }
}
