// Python's `str` semantics on UTF-8 bytes. The quality rules Quarry must agree with (Gopher, C4
// and FineWeb as datatrove writes them) are defined by Python string methods: `len` counts code
// points, `strip()` and `split()` use `str.isspace`, `splitlines()` knows eight line
// boundaries, `isalpha()` means a letter category, `lower()` maps a few non-ASCII letters to
// ASCII. This file gives those answers on byte ranges, so filters never build Strings per line.
// Character properties follow the Unicode tables of Python 3.11 (Unicode 14); Swift's own
// tables are newer, which only matters for letters assigned since.

/// Python string methods on ranges of valid UTF-8 bytes.
public enum PythonText {
    /// The scalar starting at `i` (a lead byte) and its length in bytes. Bytes that are not
    /// valid UTF-8 come back one at a time as their byte value, so scanning never stops.
    @inlinable @inline(__always)
    public static func scalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 >= 0xF0, i + 3 < end {
            return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
                    | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F), 4)
        }
        if b0 >= 0xE0, b0 < 0xF0, i + 2 < end {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        if b0 >= 0xC0, b0 < 0xE0, i + 1 < end {
            return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
        }
        return (b0, 1)
    }

    /// The start of the scalar that ends at `end` (exclusive): steps back over continuation bytes.
    @inlinable @inline(__always)
    public static func scalarStart(_ p: UnsafePointer<UInt8>, before end: Int, from start: Int) -> Int {
        var i = end - 1
        while i > start, p[i] & 0xC0 == 0x80, end - i < 4 { i -= 1 }
        return i
    }

    /// `str.isspace()` for one character: ASCII tab…carriage return, 0x1C…0x1F, space, U+0085,
    /// U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inlinable @inline(__always)
    public static func isSpace(_ s: UInt32) -> Bool {
        if s < 0x80 { return s == 0x20 || (s &- 0x09) < 5 || (s &- 0x1C) < 4 }
        switch s {
        case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return s >= 0x2000 && s <= 0x200A
        }
    }

    /// Whether `s` ends a line for `str.splitlines()`: LF, VT, FF, CR, 0x1C…0x1E, U+0085,
    /// U+2028, U+2029 (a CR LF pair is one boundary).
    @inlinable @inline(__always)
    public static func isLineBoundary(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s &- 0x0A) < 4 || (s &- 0x1C) < 3 }
        return s == 0x85 || s == 0x2028 || s == 0x2029
    }

    /// `str.isalpha()` for one character: general category Lu, Ll, Lt, Lm or Lo.
    @inlinable @inline(__always)
    public static func isAlpha(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s | 0x20) &- 0x61 < 26 }
        guard let scalar = Unicode.Scalar(s) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Python's `\d` for `str` patterns: general category Nd (decimal digits of every script).
    @inlinable @inline(__always)
    public static func isDecimalDigit(_ s: UInt32) -> Bool {
        if s < 0x80 { return s &- 0x30 < 10 }
        guard let scalar = Unicode.Scalar(s) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// The number of code points in `range` (Python's `len`).
    @inlinable
    public static func length(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        TextMeasures.scalarCount(UnsafeBufferPointer(start: p + range.lowerBound, count: range.count))
    }

    /// `str.strip()`: `range` without leading and trailing whitespace.
    public static func strip(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let (s, n) = scalar(p, start, end)
            guard isSpace(s) else { break }
            start += n
        }
        while end > start {
            let i = scalarStart(p, before: end, from: start)
            guard isSpace(scalar(p, i, end).value) else { break }
            end = i
        }
        return start..<end
    }

    /// `str.splitlines()` (without the line ends): appends each line's range. Empty text has no
    /// lines; a final boundary ends the last line without starting another.
    public static func appendLines(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, to lines: inout [Range<Int>]) {
        var start = range.lowerBound, i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = p[i]
            // Fast path: bytes that are neither a boundary nor the lead of a multi-byte one.
            if b > 0x1E && b < 0x80 { i += 1; continue }
            if b < 0x80 {
                if isLineBoundary(UInt32(b)) {
                    lines.append(start..<i)
                    i += (b == 0x0D && i + 1 < end && p[i + 1] == 0x0A) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
                continue
            }
            let (s, n) = scalar(p, i, end)
            if s == 0x85 || s == 0x2028 || s == 0x2029 {
                lines.append(start..<i)
                start = i + n
            }
            i += n
        }
        if start < end { lines.append(start..<end) }
    }

    /// `str.split()` without arguments: appends the ranges of the whitespace-separated words.
    public static func appendWhitespaceWords(_ p: UnsafePointer<UInt8>, _ range: Range<Int>,
                                             to words: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        var wordStart = -1
        while i < end {
            let b = p[i]
            let (space, n): (Bool, Int)
            if b < 0x80 {
                (space, n) = (isSpace(UInt32(b)), 1)
            } else {
                let (s, len) = scalar(p, i, end)
                (space, n) = (isSpace(s), len)
            }
            if space {
                if wordStart >= 0 { words.append(wordStart..<i); wordStart = -1 }
            } else if wordStart < 0 {
                wordStart = i
            }
            i += n
        }
        if wordStart >= 0 { words.append(wordStart..<end) }
    }

    /// `str.count(needle)`: non-overlapping occurrences of `needle` (non-empty) in `range`.
    public static func count(_ needle: StaticString, in p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        let n = needle.utf8CodeUnitCount
        let q = needle.utf8Start
        guard n > 0, range.count >= n else { return 0 }
        let first = q[0]
        var count = 0
        var i = range.lowerBound
        let last = range.upperBound - n
        while i <= last {
            if p[i] == first, memcmpEqual(p + i, q, n) {
                count += 1
                i += n
            } else {
                i += 1
            }
        }
        return count
    }

    /// Whether the bytes of `range` end with `suffix`.
    @inlinable
    public static func hasSuffix(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        return range.count >= n && memcmpEqual(p + range.upperBound - n, suffix.utf8Start, n)
    }

    /// Whether the bytes of `range` start with `prefix`.
    @inlinable
    public static func hasPrefix(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        return range.count >= n && memcmpEqual(p + range.lowerBound, prefix.utf8Start, n)
    }

    /// Whether `n` bytes at `a` and `b` are equal.
    @inlinable @inline(__always)
    public static func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        while k < n {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// The bytes of `range` as `str.lower()` would give them for matching ASCII phrases:
    /// ASCII letters lowered, U+212A KELVIN SIGN as `k`, U+0130 as `i` + U+0307, every other
    /// character unchanged (no other character lowers to, or from, ASCII). Written into `out`.
    public static func lowerForASCIIMatch(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = p[i]
            if b < 0x80 {
                out.append(b &- 0x41 < 26 ? b | 0x20 : b)
                i += 1
                continue
            }
            let (s, n) = scalar(p, i, end)
            if s == 0x212A {
                out.append(0x6B)
            } else if s == 0x130 {
                out.append(contentsOf: [0x69, 0xCC, 0x87])
            } else {
                out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: n))
            }
            i += n
        }
    }

    /// Whether `haystack` contains the ASCII `needle` (non-empty) anywhere.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        guard let base = haystack.baseAddress else { return false }
        let n = needle.utf8CodeUnitCount
        guard n > 0, haystack.count >= n else { return false }
        let q = needle.utf8Start, first = q[0]
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if base[i] == first, memcmpEqual(base + i, q, n) { return true }
            i += 1
        }
        return false
    }
}
