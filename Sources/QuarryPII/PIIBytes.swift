// Byte-level helpers the PII detectors share: ASCII classes, word boundaries that treat any
// non-ASCII byte as a boundary (so "电话13812345678" or "邮箱a@b.cn" still match, the way
// CJK text writes them), and `CueWords`, a small case-insensitive word list looked up in a
// window around a candidate (context words such as "tel", "电话", "Telefon", "Mr.").
// Everything works on UTF-8 bytes; cues are matched byte for byte after ASCII lowercasing.

/// ASCII classification of single bytes.
public enum PIIBytes {
    @inlinable public static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inlinable public static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inlinable public static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inlinable public static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inlinable public static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inlinable public static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    /// ASCII lowercase; other bytes unchanged.
    @inlinable public static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
    /// Space, tab, CR, LF, FF, VT.
    @inlinable public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09 < 5) }
    /// A byte that continues a multi-byte UTF-8 character (never starts one).
    @inlinable public static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    /// Whether an ASCII letter or digit touches position `i` from the left (`text[i - 1]`).
    @inlinable public static func alnumBefore(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i > 0 && isAlnum(text[i - 1])
    }

    /// Whether an ASCII letter or digit starts at `i` (just past a candidate ending at `i`).
    @inlinable public static func alnumAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i < text.count && isAlnum(text[i])
    }

    /// Whether `text[at...]` starts with `literal`, comparing ASCII letters case-insensitively
    /// (`literal` must be lowercase).
    @inlinable public static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, at: Int, lowercased literal: [UInt8]) -> Bool {
        guard at >= 0, at + literal.count <= text.count else { return false }
        for k in 0..<literal.count where lower(text[at + k]) != literal[k] { return false }
        return true
    }

    /// The start of the UTF-8 character containing byte `i` (moves left past continuation bytes).
    @inlinable public static func characterStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = min(max(i, 0), text.count)
        while j > 0, j < text.count, isContinuation(text[j]) { j -= 1 }
        return j
    }
}

/// A list of context words, matched case-insensitively (ASCII) in a byte window.
///
/// An ASCII cue matches only as a whole word (no ASCII letter or digit on either side, so
/// "tel" does not match inside "hotel"); a cue with non-ASCII bytes (电话, Straße) matches
/// anywhere, since scripts without spaces have no word boundaries to check.
public struct CueWords: Sendable {
    private let cues: [[UInt8]]
    private let wholeWord: [Bool]
    /// For each first byte, the cues starting with it (ASCII letters under their lowercase).
    private let byFirstByte: [[Int32]]

    public init(_ words: [String]) {
        var cues: [[UInt8]] = []
        var table = [[Int32]](repeating: [], count: 256)
        for word in words where !word.isEmpty {
            let bytes = word.utf8.map(PIIBytes.lower)
            table[Int(bytes[0])].append(Int32(cues.count))
            cues.append(bytes)
        }
        self.cues = cues
        self.wholeWord = cues.map { $0.allSatisfy { $0 < 0x80 } }
        self.byFirstByte = table
    }

    /// The cue matching at `i`, as (cue index, end), if any; the longest when several match.
    @inlinable public func match(in text: UnsafeBufferPointer<UInt8>, at i: Int) -> (cue: Int, end: Int)? {
        matchImpl(text, i)
    }

    @usableFromInline func matchImpl(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (cue: Int, end: Int)? {
        let candidates = byFirstByte[Int(PIIBytes.lower(text[i]))]
        guard !candidates.isEmpty else { return nil }
        var best: (cue: Int, end: Int)?
        for c in candidates {
            let cue = cues[Int(c)]
            guard PIIBytes.hasPrefix(text, at: i, lowercased: cue) else { continue }
            let end = i + cue.count
            if wholeWord[Int(c)] {
                if PIIBytes.alnumBefore(text, i) && PIIBytes.isAlnum(cue[0]) { continue }
                if PIIBytes.alnumAt(text, end) && PIIBytes.isAlnum(cue[cue.count - 1]) { continue }
            }
            if best == nil || end > best!.end { best = (Int(c), end) }
        }
        return best
    }

    /// Whether some cue lies wholly within `text[from..<to]` (clamped to the text).
    public func occurs(in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        let lo = max(0, from), hi = min(text.count, to)
        guard lo < hi else { return false }
        for i in lo..<hi {
            if let m = matchImpl(text, i), m.end <= hi { return true }
        }
        return false
    }

    /// Whether a cue lies within `window` bytes before `position` (it may end right at it).
    public func occurs(in text: UnsafeBufferPointer<UInt8>, before position: Int, window: Int) -> Bool {
        occurs(in: text, from: position - window, to: position)
    }

    /// Whether a cue lies within `window` bytes after `position`.
    public func occurs(in text: UnsafeBufferPointer<UInt8>, after position: Int, window: Int) -> Bool {
        occurs(in: text, from: position, to: position + window)
    }

    /// Number of cues.
    public var count: Int { cues.count }
}
