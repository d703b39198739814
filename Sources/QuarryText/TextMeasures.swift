// Text measures on UTF-8 bytes: Unicode scalars (what Python's `len(str)` counts), lines and
// whitespace-delimited words, for length filters and statistics. The scalar and line counts
// read eight bytes per step (SWAR, exact per-byte masks and a popcount); the word count is a
// two-state scanner that skips runs of ASCII word bytes eight at a time.
//
// Words follow Python's `str.split()` without arguments, restricted to the separators below:
// a word is a maximal run of bytes that are neither ASCII whitespace (tab, LF, VT, FF, CR,
// space) nor a Unicode space separator (U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
// U+205F, U+3000). Unlike Python, U+0085 and U+001C–U+001F are word characters here. Text in
// scripts written without spaces (Chinese, Japanese, Thai) counts as few, very long "words";
// dictionary-based segmentation for those scripts is a separate primitive.
import QuarryCore

/// Counts of Unicode scalars, lines and words in UTF-8 text.
public enum TextMeasures {
    /// The number of Unicode scalars (code points) in valid UTF-8: the bytes that are not
    /// continuation bytes (0x80–0xBF). Equal to `String.unicodeScalars.count`.
    public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var p = bytes.baseAddress else { return 0 }
        let end = p + bytes.count
        var continuation = 0
        while end - p >= 8 {
            let word = SWAR.load(p)
            // A continuation byte has bit 7 set and bit 6 clear; `word << 1` moves each byte's
            // bit 6 onto its own bit 7, so the mask is exact for every byte.
            continuation += (word & ~(word << 1) & SWAR.highBits).nonzeroBitCount
            p += 8
        }
        while p < end {
            if p.pointee & 0xC0 == 0x80 { continuation += 1 }
            p += 1
        }
        return bytes.count - continuation
    }

    /// The number of lines separated by "\n": a final "\n" ends the last line rather than
    /// starting a new one, and empty text has no lines ("a" = 1, "a\n" = 1, "a\nb" = 2,
    /// "\n\n" = 2). Only LF separates lines; normalize CR and U+2028 first if they should.
    public static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return 0 }
        let end = p + bytes.count
        var newlines = 0
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while end - p >= 8 {
            let x = SWAR.load(p) ^ 0x0A0A_0A0A_0A0A_0A0A
            // Exact zero-byte mask: no carry leaves a byte, unlike SWAR.zeroBytes.
            newlines += (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
            p += 8
        }
        while p < end {
            if p.pointee == 0x0A { newlines += 1 }
            p += 1
        }
        return bytes[bytes.count - 1] == 0x0A ? newlines : newlines + 1
    }

    /// The number of whitespace-delimited words (see the file header for the separators).
    /// Text without spaces, such as Chinese, counts as one word per space-free run.
    public static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var i = 0
        var words = 0
        var inWord = false
        while i < n {
            if n - i >= 8 {
                let word = SWAR.load(base + i)
                let special = SWAR.bytes(word, below: 0x21) | SWAR.nonASCII(word)
                if special == 0 {  // eight printable ASCII bytes: all inside one word
                    if !inWord { words += 1; inWord = true }
                    i += 8
                    continue
                }
            }
            let b = base[i]
            let separator = b < 0x80 ? (isASCIIWhitespace(b) ? 1 : 0)
                                     : spaceSeparatorLength(at: base + i, available: n - i)
            if separator > 0 {
                inWord = false
                i += separator
            } else {
                if !inWord { words += 1; inWord = true }
                i += 1
            }
        }
        return words
    }

    /// Tab, LF, VT, FF, CR or space.
    @inlinable @inline(__always)
    public static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte &- 0x09) < 5
    }

    /// The length in bytes (2 or 3) of the Unicode space separator starting at `p` (U+00A0,
    /// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), or 0 when the bytes
    /// there are something else. `available` is the number of readable bytes from `p`.
    @inlinable @inline(__always)
    public static func spaceSeparatorLength(at p: UnsafePointer<UInt8>, available: Int) -> Int {
        switch p[0] {
        case 0xC2:
            return available >= 2 && p[1] == 0xA0 ? 2 : 0
        case 0xE1:
            return available >= 3 && p[1] == 0x9A && p[2] == 0x80 ? 3 : 0
        case 0xE2:
            guard available >= 3 else { return 0 }
            if p[1] == 0x80 {
                let c = p[2]
                return (c &- 0x80) <= 0x0A || c == 0xA8 || c == 0xA9 || c == 0xAF ? 3 : 0
            }
            return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0
        case 0xE3:
            return available >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}

extension TextMeasures {
    /// The number of Unicode scalars in `text`, as Python's `len(text)` counts.
    public static func scalarCount(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable(scalarCount) ?? text.unicodeScalars.count
    }

    /// The number of "\n"-separated lines in `text` (see `lineCount(_:)` on bytes).
    public static func lineCount(_ text: String) -> Int {
        withBytes(of: text, lineCount)
    }

    /// The number of whitespace-delimited words in `text` (see `wordCount(_:)` on bytes).
    public static func wordCount(_ text: String) -> Int {
        withBytes(of: text, wordCount)
    }

    private static func withBytes(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Int) -> Int {
        if let n = text.utf8.withContiguousStorageIfAvailable(body) { return n }
        var copy = text
        return copy.withUTF8(body)
    }
}
