// Finds added (special) tokens in text before pre-tokenization, as `tokenizers` 0.23
// `tokenizer/added_vocabulary.rs` does (FORMAT.md §4): non-overlapping leftmost-longest
// matches (its daachorse automaton uses MatchKind::LeftmostLongest), scanned left to right; a
// `single_word` match is discarded when a word character (`\w`) touches it on either side —
// and scanning still resumes after it, as find_iter does; `lstrip` extends a match left over
// whitespace (not past the previous match), `rstrip` right over whitespace. Whitespace is
// Unicode White_Space (Rust `char::is_whitespace`); `\w` is Alphabetic, marks, decimal digits,
// connector punctuation and join controls (Rust regex's Unicode `\w`).
//
// Tokens are few (tens to a few hundred) and rare in text, so the matcher is a first-byte table
// of candidates, longest first, compared with memcmp; bytes that start no token cost one load.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Leftmost-longest matching of a set of added tokens.
struct AddedTokenMatcher: Sendable {
    struct Entry: Sendable {
        var bytes: [UInt8]
        var id: TokenID
        var singleWord: Bool
        var lstrip: Bool
        var rstrip: Bool
    }

    /// One match: the bytes it covers (whitespace absorbed by lstrip/rstrip included) and its id.
    struct Match: Sendable, Equatable {
        var range: Range<Int>
        var id: TokenID
    }

    private let entries: [Entry]
    /// For each first byte, entry indices longest first (empty = no token starts with it).
    private let candidates: [[Int32]]
    private let starts: [Bool]

    var isEmpty: Bool { entries.isEmpty }

    /// `tokens` with their matched bytes (the normalized content for normalized tokens).
    init(_ tokens: [(token: AddedToken, bytes: [UInt8])]) {
        var entries: [Entry] = []
        for (token, bytes) in tokens where !bytes.isEmpty {
            entries.append(Entry(bytes: bytes, id: token.id, singleWord: token.singleWord, lstrip: token.lstrip, rstrip: token.rstrip))
        }
        var candidates = [[Int32]](repeating: [], count: 256)
        for (index, entry) in entries.enumerated() { candidates[Int(entry.bytes[0])].append(Int32(index)) }
        for byte in 0..<256 {
            // Longest first; equal contents keep the lowest id (first listed).
            candidates[byte].sort { a, b in
                let x = entries[Int(a)], y = entries[Int(b)]
                return x.bytes.count != y.bytes.count ? x.bytes.count > y.bytes.count : x.id < y.id
            }
        }
        self.entries = entries
        self.candidates = candidates
        self.starts = candidates.map { !$0.isEmpty }
    }

    /// Appends the matches in `text` to `matches`, in order.
    func matches(in text: UnsafeBufferPointer<UInt8>, into matches: inout [Match]) {
        guard !entries.isEmpty, let base = text.baseAddress else { return }
        let n = text.count
        var previousEnd = 0
        var i = 0
        starts.withUnsafeBufferPointer { starts in
            while i < n {
                guard starts[Int(base[i])] else { i += 1; continue }
                var found = -1
                for index in candidates[Int(base[i])] {
                    let bytes = entries[Int(index)].bytes
                    if bytes.count <= n - i, bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + i, bytes.count) }) == 0 {
                        found = Int(index)
                        break
                    }
                }
                guard found >= 0 else { i += 1; continue }
                let entry = entries[found]
                var start = i
                var end = i + entry.bytes.count
                i = end
                if entry.singleWord, Self.wordCharacterBefore(text, start) || Self.wordCharacterAfter(text, end) { continue }
                if entry.lstrip { start = max(Self.whitespaceStart(text, before: start), previousEnd) }
                if entry.rstrip { end = Self.whitespaceEnd(text, from: end) }
                matches.append(Match(range: start..<end, id: entry.id))
                previousEnd = end
            }
        }
    }

    // MARK: Unicode helpers (rare paths: only around matches)

    /// The scalar ending just before `offset` and its first byte, or nil at the start or on an
    /// invalid byte (which is neither whitespace nor a word character).
    static func scalar(endingAt offset: Int, in text: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar?, Int)? {
        guard offset > 0 else { return nil }
        var start = offset - 1
        while start > 0, offset - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        if let (scalar, length) = decode(text, at: start), start + length == offset { return (scalar, start) }
        return (nil, offset - 1)
    }

    /// The scalar at `offset` and its length, or nil for an invalid sequence.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Unicode.Scalar, Int)? {
        let length = UTF8Validity.sequenceLength(text, at: offset)
        guard length > 0 else { return nil }
        var value = UInt32(text[offset])
        switch length {
        case 1: break
        case 2: value = (value & 0x1F) << 6 | UInt32(text[offset + 1] & 0x3F)
        case 3: value = (value & 0x0F) << 12 | UInt32(text[offset + 1] & 0x3F) << 6 | UInt32(text[offset + 2] & 0x3F)
        default:
            value = (value & 0x07) << 18 | UInt32(text[offset + 1] & 0x3F) << 12 | UInt32(text[offset + 2] & 0x3F) << 6
                | UInt32(text[offset + 3] & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    static func wordCharacterBefore(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard let (scalar, _) = scalar(endingAt: offset, in: text), let scalar else { return false }
        return isWordCharacter(scalar)
    }

    static func wordCharacterAfter(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset < text.count, let (scalar, _) = decode(text, at: offset) else { return false }
        return isWordCharacter(scalar)
    }

    static func whitespaceStart(_ text: UnsafeBufferPointer<UInt8>, before offset: Int) -> Int {
        var start = offset
        while let (scalar, first) = scalar(endingAt: start, in: text), let scalar, isWhitespace(scalar) { start = first }
        return start
    }

    static func whitespaceEnd(_ text: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var end = offset
        while end < text.count, let (scalar, length) = decode(text, at: end), isWhitespace(scalar) { end += length }
        return end
    }
}

/// Well-formed UTF-8 (Unicode Table 3-7) and the maximal-subpart rule for ill-formed bytes.
enum UTF8Validity {
    /// The length of the well-formed scalar at `offset`, or 0 when the bytes there are not one.
    @inline(__always)
    static func sequenceLength(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let (length, valid) = scan(text, at: offset)
        return valid ? length : 0
    }

    /// The length of the well-formed scalar at `offset` (valid = true), or of the maximal
    /// subpart of an ill-formed sequence there (valid = false, length ≥ 1): what one U+FFFD
    /// replaces under the W3C/WHATWG and Python rule.
    @inline(__always)
    static func scan(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Int, Bool) {
        let lead = text[offset]
        if lead < 0x80 { return (1, true) }
        let need: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; high = 0x9F
        case 0xF0: need = 3; low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; high = 0x8F
        default: return (1, false)
        }
        var i = 1
        while i <= need {
            guard offset + i < text.count else { return (i, false) }
            let byte = text[offset + i]
            let (lo, hi) = i == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lo, byte <= hi else { return (i, false) }
            i += 1
        }
        return (need + 1, true)
    }

    /// Whether all of `text` is well-formed UTF-8.
    static func isValid(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = text.count
        while i < n {
            if text[i] < 0x80 { i += 1; continue }
            let (length, valid) = scan(text, at: i)
            if !valid { return false }
            i += length
        }
        return true
    }
}
