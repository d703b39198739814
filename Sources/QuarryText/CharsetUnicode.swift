// The Unicode decoders of the charset layer: a UTF-8 scan that validates and counts in one pass
// (the evidence Charsets uses to accept or overrule a declared charset), UTF-8 repair, and the
// UTF-16LE/BE decoders. Both follow the WHATWG Encoding Standard
// (https://encoding.spec.whatwg.org/#utf-8-decoder, #shared-utf-16-decoder): each maximal
// invalid subpart of UTF-8 (Unicode §3.9, "U+FFFD substitution of maximal subparts") and each
// unpaired surrogate or odd trailing byte of UTF-16 becomes one U+FFFD. Valid UTF-8 never leaves
// the fast validator, which skips ASCII sixteen bytes at a time (SWAR) and checks multi-byte
// sequences against Unicode Table 3-7; the slower counting scan runs only on invalid bytes.
import QuarryCore

/// What one pass over bytes says about them as UTF-8.
struct UTF8Scan: Sendable, Equatable {
    /// Well-formed multi-byte sequences (one per non-ASCII character).
    var multibyte = 0
    /// Maximal invalid subparts, not counting `truncatedTail`.
    var invalid = 0
    /// The bytes end inside a sequence that was well-formed so far (a cut-off document).
    var truncatedTail = false

    /// Every byte is ASCII.
    var isASCII: Bool { multibyte == 0 && invalid == 0 && !truncatedTail }
    /// Well-formed UTF-8 (ASCII included).
    var isValid: Bool { invalid == 0 && !truncatedTail }
    /// U+FFFD a UTF-8 decoder inserts.
    var replacements: Int { invalid + (truncatedTail ? 1 : 0) }

    /// Strong evidence of UTF-8: at least one multi-byte character, and at most one invalid
    /// subpart per 50 of them (2 %). Text in a legacy encoding is almost never like this: its
    /// non-ASCII bytes seldom pair up into well-formed sequences (a windows-1252 "é" is a lone
    /// 0xE9; EUC-KR "가" is B0 A1, and B0 cannot start a sequence), so its invalid subparts
    /// outnumber its accidental well-formed sequences. A cut-off final sequence is ignored.
    var isStronglyUTF8: Bool { multibyte > 0 && invalid * 50 <= multibyte }

    /// The bytes are clearly not UTF-8: more invalid subparts than well-formed multi-byte
    /// characters. A page that declares UTF-8 and scans like this is lying about its charset.
    var isClearlyNotUTF8: Bool { invalid > multibyte }
}

enum UnicodeDecoding {
    /// The length of the well-formed sequence at `i` (1...4), or the negated length of the
    /// maximal invalid subpart there; `ranOut` is set when the input ended inside a sequence.
    @inline(__always)
    static func sequence(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, ranOut: inout Bool) -> Int {
        let lead = p[i]
        if lead < 0x80 { return 1 }
        var need: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; upper = 0x9F
        case 0xF0: need = 3; lower = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; upper = 0x8F
        default: return -1
        }
        var j = i + 1
        while need > 0 {
            guard j < n else { ranOut = true; return -(j - i) }
            let b = p[j]
            guard b >= lower, b <= upper else { return -(j - i) }
            lower = 0x80
            upper = 0xBF
            j += 1
            need -= 1
        }
        return j - i
    }

    /// Scans `bytes` as UTF-8: well-formed multi-byte characters, invalid subparts, a cut-off
    /// tail. Valid input (the common case) costs one pass of `validUTF8Characters`; only invalid
    /// input pays for the counting scan, `scanInvalidUTF8`.
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        if let multibyte = validUTF8Characters(bytes) { return UTF8Scan(multibyte: multibyte) }
        return scanInvalidUTF8(bytes)
    }

    /// The number of multi-byte characters if `bytes` are valid UTF-8, else nil. ASCII runs go
    /// sixteen bytes at a time (SWAR); a multi-byte character is checked in place against
    /// Unicode Table 3-7 with its bytes' bits combined, without a loop per continuation byte.
    static func validUTF8Characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var multibyte = 0
        var i = 0
        while i < n {
            // ASCII: sixteen, then eight bytes at a time, then to the first non-ASCII byte.
            if n - i >= 16 {
                let w0 = SWAR.load(p + i) & SWAR.highBits
                let w1 = SWAR.load(p + i + 8) & SWAR.highBits
                if w0 | w1 == 0 {
                    i += 16
                    continue
                }
                i += w0 != 0 ? SWAR.firstIndex(w0) : 8 + SWAR.firstIndex(w1)
            } else if p[i] < 0x80 {
                i += 1
                continue
            }
            // A run of multi-byte characters (CJK, Cyrillic text) without going back to SWAR.
            while i < n {
                let b0 = UInt32(p[i])
                if b0 < 0x80 { break }
                if b0 < 0xE0 {
                    // C2..DF, then one continuation byte.
                    guard b0 >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return nil }
                    i += 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { return nil }
                    let b1 = UInt32(p[i + 1])
                    let b2 = UInt32(p[i + 2])
                    guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
                    // The top bits of the code point: at least U+0800, not a surrogate D800..DFFF.
                    let top = (b0 & 0x0F) << 6 | (b1 & 0x3F)
                    guard top >= 0x20, top & 0x3E0 != 0x360 else { return nil }
                    i += 3
                } else {
                    guard b0 <= 0xF4, i + 3 < n else { return nil }
                    let b1 = UInt32(p[i + 1])
                    guard b1 & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return nil }
                    // U+10000...U+10FFFF.
                    let top = (b0 & 0x07) << 6 | (b1 & 0x3F)
                    guard top >= 0x10, top < 0x110 else { return nil }
                    i += 4
                }
                multibyte += 1
            }
        }
        return multibyte
    }

    /// The counting scan, for bytes that are not valid UTF-8.
    static func scanInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        var scan = UTF8Scan()
        guard let p = bytes.baseAddress else { return scan }
        let n = bytes.count
        var i = 0
        while i < n {
            if p[i] < 0x80 {
                i += 1
                while n - i >= 16, (SWAR.load(p + i) | SWAR.load(p + i + 8)) & SWAR.highBits == 0 { i += 16 }
                continue
            }
            var ranOut = false
            let length = sequence(p, i, n, ranOut: &ranOut)
            if length > 0 {
                scan.multibyte += 1
                i += length
            } else if ranOut {
                scan.truncatedTail = true
                i -= length
            } else {
                scan.invalid += 1
                i -= length
            }
        }
        return scan
    }

    /// UTF-8 with each maximal invalid subpart replaced by U+FFFD; `scan` is `scanUTF8(bytes)`.
    static func repairUTF8(_ bytes: UnsafeBufferPointer<UInt8>, scan: UTF8Scan) -> String {
        guard let p = bytes.baseAddress else { return "" }
        let n = bytes.count
        if scan.isValid { return String(validatedUTF8: bytes, isASCII: scan.isASCII) }
        return withOutput(capacity: n + 2 * scan.replacements) { out in
            var i = 0
            var o = 0
            while i < n {
                var ranOut = false
                let length = sequence(p, i, n, ranOut: &ranOut)
                if length > 0 {
                    for k in 0..<length { out[o + k] = p[i + k] }
                    o += length
                    i += length
                } else {
                    out[o] = 0xEF; out[o + 1] = 0xBF; out[o + 2] = 0xBD
                    o += 3
                    i -= length
                }
            }
            return o
        }
    }

    /// UTF-16 (without its BOM) to UTF-8, with the number of U+FFFD inserted.
    static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> (String, Int) {
        guard let p = bytes.baseAddress else { return ("", 0) }
        let units = bytes.count / 2
        var replacements = 0
        let text = withOutput(capacity: units * 3 + 3) { out in
            var o = 0
            @inline(__always) func put(_ c: UInt32) {
                if c < 0x80 {
                    out[o] = UInt8(c); o += 1
                } else if c < 0x800 {
                    out[o] = UInt8(0xC0 | c >> 6); out[o + 1] = UInt8(0x80 | c & 0x3F); o += 2
                } else if c < 0x10000 {
                    out[o] = UInt8(0xE0 | c >> 12); out[o + 1] = UInt8(0x80 | c >> 6 & 0x3F)
                    out[o + 2] = UInt8(0x80 | c & 0x3F); o += 3
                } else {
                    out[o] = UInt8(0xF0 | c >> 18); out[o + 1] = UInt8(0x80 | c >> 12 & 0x3F)
                    out[o + 2] = UInt8(0x80 | c >> 6 & 0x3F); out[o + 3] = UInt8(0x80 | c & 0x3F); o += 4
                }
            }
            @inline(__always) func unit(_ k: Int) -> UInt32 {
                let a = UInt32(p[2 * k])
                let b = UInt32(p[2 * k + 1])
                return bigEndian ? a << 8 | b : b << 8 | a
            }
            var k = 0
            while k < units {
                let u = unit(k)
                k += 1
                if u < 0xD800 || u > 0xDFFF {
                    put(u)
                } else if u <= 0xDBFF, k < units, case let low = unit(k), low >= 0xDC00, low <= 0xDFFF {
                    put(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                    k += 1
                } else {
                    put(0xFFFD)  // unpaired surrogate; the unit after a lone high one is decoded anew
                    replacements += 1
                }
            }
            if bytes.count % 2 == 1 {
                put(0xFFFD)
                replacements += 1
            }
            return o
        }
        return (text, replacements)
    }

    /// A String of the UTF-8 that `body` writes into a scratch buffer of `capacity` bytes
    /// (returning the count). The body must write valid UTF-8.
    @inline(__always)
    static func withOutput(capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, 1))
        defer { buffer.deallocate() }
        let count = body(buffer)
        precondition(count <= capacity, "charset decoder overran its output buffer")
        let out = UnsafeBufferPointer(start: buffer, count: count)
        return String(validatedUTF8: out, isASCII: SWAR.isASCII(out))
    }
}
