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

    /// The CJK ideograph (three-byte UTF-8 with lead byte E4–E9, U+4E00–U+9FFF) starting at
    /// `i`, its three bytes packed into a UInt32, or nil.
    @inlinable public static func ideograph(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
        guard i >= 0, i + 2 < t.count else { return nil }
        let b0 = t[i]
        guard b0 >= 0xE4, b0 <= 0xE9, t[i + 1] & 0xC0 == 0x80, t[i + 2] & 0xC0 == 0x80 else { return nil }
        return UInt32(b0) << 16 | UInt32(t[i + 1]) << 8 | UInt32(t[i + 2])
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
/// anywhere, since scripts without spaces have no word boundaries to check. Cues are stored
/// flat (one byte array, cues grouped by first byte) so a lookup touches no nested arrays.
public struct CueWords: Sendable {
    /// Every cue's lowercased bytes, back to back, grouped by first byte.
    private let bytes: [UInt8]
    /// Per cue (in group order): start in `bytes`, length, whether it must be a whole word, and
    /// its index in the list given to `init`.
    private let starts: [Int32]
    private let lengths: [Int32]
    private let wholeWord: [Bool]
    private let original: [Int32]
    /// For each first byte, the range of cues starting with it: `groupStart[b]..<groupStart[b + 1]`.
    private let groupStart: [Int32]

    public init(_ words: [String]) {
        let cues = words.enumerated().filter { !$0.element.isEmpty }.map { (index: $0.offset, bytes: $0.element.utf8.map(PIIBytes.lower)) }
        let sorted = cues.sorted { ($0.bytes[0], $0.index) < ($1.bytes[0], $1.index) }
        var bytes: [UInt8] = [], starts: [Int32] = [], lengths: [Int32] = [], whole: [Bool] = [], original: [Int32] = []
        var groupStart = [Int32](repeating: 0, count: 257)
        for cue in sorted {
            starts.append(Int32(bytes.count))
            lengths.append(Int32(cue.bytes.count))
            whole.append(cue.bytes.allSatisfy { $0 < 0x80 })
            original.append(Int32(cue.index))
            bytes += cue.bytes
            groupStart[Int(cue.bytes[0]) + 1] += 1
        }
        for b in 1...256 { groupStart[b] += groupStart[b - 1] }
        (self.bytes, self.starts, self.lengths, self.wholeWord, self.original, self.groupStart) = (bytes, starts, lengths, whole, original, groupStart)
    }

    /// The cue matching at `i`, as (cue index in the list given to `init`, end), if any; the
    /// longest when several match.
    @inlinable public func match(in text: UnsafeBufferPointer<UInt8>, at i: Int) -> (cue: Int, end: Int)? {
        matchImpl(text, i)
    }

    @usableFromInline func matchImpl(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (cue: Int, end: Int)? {
        let first = Int(PIIBytes.lower(text[i]))
        let lo = Int(groupStart[first]), hi = Int(groupStart[first + 1])
        guard lo < hi else { return nil }
        return bytes.withUnsafeBufferPointer { cueBytes -> (cue: Int, end: Int)? in
            var best: (cue: Int, end: Int)?
            for c in lo..<hi {
                let start = Int(starts[c]), length = Int(lengths[c])
                let end = i + length
                guard end <= text.count, best == nil || end > best!.end else { continue }
                var k = 1
                while k < length, PIIBytes.lower(text[i + k]) == cueBytes[start + k] { k += 1 }
                guard k == length else { continue }
                if wholeWord[c] {
                    if PIIBytes.alnumBefore(text, i) && PIIBytes.isAlnum(cueBytes[start]) { continue }
                    if PIIBytes.alnumAt(text, end) && PIIBytes.isAlnum(cueBytes[start + length - 1]) { continue }
                }
                best = (Int(original[c]), end)
            }
            return best
        }
    }

    /// Whether some cue lies wholly within `text[from..<to]` (clamped to the text).
    public func occurs(in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        let lo = max(0, from), hi = min(text.count, to)
        guard lo < hi else { return false }
        for i in lo..<hi where groupStart[Int(PIIBytes.lower(text[i]))] != groupStart[Int(PIIBytes.lower(text[i])) + 1] {
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
    public var count: Int { starts.count }
}
