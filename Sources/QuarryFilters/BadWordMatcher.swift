// Finding list words in a document the way datatrove 0.10.1's C4BadWordsFilter does
// (src/datatrove/pipeline/filters/c4_filters.py): in the text lowered by Python's `str.lower()`,
// a word counts where it stands between non-word characters (`(?:\W|^)word(?:\W|$)`) for
// languages written with spaces, and anywhere for Chinese, Japanese and Thai. Instead of
// datatrove's regular expression, one Aho-Corasick scan finds every occurrence and the boundary
// is checked on the bytes around it (PythonWordCase). ASCII case is folded by the automaton, so
// only documents with non-ASCII upper-case letters are copied to be lowered.
import QuarryText

/// Whether a text contains a word of a list, with datatrove's boundary rule.
struct BadWordMatcher: Sendable {
    /// How list words must sit in the text.
    enum Boundary: Sendable {
        /// Between non-word characters or the ends of the text (languages written with spaces).
        case nonWordCharacters
        /// Anywhere, also inside longer words (Chinese, Japanese, Thai).
        case none
    }

    /// The list words that can match: lowering changes none of them (a word holding an
    /// upper-case letter never occurs in lowered text, in datatrove as here).
    let words: [String]
    let boundary: Boundary
    private let automaton: ByteAhoCorasick

    init(words: some Sequence<String>, boundary: Boundary) {
        let usable = Set(words.filter { !$0.isEmpty && PythonWordCase.lower($0) == $0 }).sorted()
        self.words = usable
        self.boundary = boundary
        automaton = ByteAhoCorasick(patterns: usable.map { Array($0.utf8) }, foldASCIICase: true)
    }

    /// Whether `text` (valid UTF-8) contains a list word.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let lowered = PythonWordCase.lowerNonASCII(text) {
            return lowered.withUnsafeBufferPointer { scan($0) }
        }
        return scan(text)
    }

    func matches(_ text: String) -> Bool {
        withUTF8Bytes(of: text) { matches($0) }
    }

    /// Scans text whose non-ASCII characters are lowered already.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch boundary {
        case .none:
            return automaton.containsMatch(in: bytes)
        case .nonWordCharacters:
            var found = false
            let lengths = automaton.patternLengths
            automaton.forEachMatch(in: bytes) { pattern, end in
                let start = end - lengths[pattern]
                if !PythonWordCase.isWordBefore(bytes, start) && !PythonWordCase.isWordAt(bytes, end) {
                    found = true
                    return false
                }
                return true
            }
            return found
        }
    }

    /// The plain twin: lowers the whole text with `PythonWordCase.lower`, then looks for each word
    /// at every offset and checks the characters around it one scalar at a time.
    func naiveMatches(_ text: String) -> Bool {
        let lowered = Array(PythonWordCase.lower(text).unicodeScalars)
        let isWord = { (s: Unicode.Scalar) in PythonWordCase.isWordScalar(s.value) }
        for word in words {
            let w = Array(word.unicodeScalars)
            guard w.count <= lowered.count else { continue }
            for start in 0...(lowered.count - w.count) where Array(lowered[start..<start + w.count]) == w {
                if boundary == .none { return true }
                let before = start == 0 || !isWord(lowered[start - 1])
                let after = start + w.count == lowered.count || !isWord(lowered[start + w.count])
                if before && after { return true }
            }
        }
        return false
    }
}
