// UTF-8 validation of one sequence, and the length of the "maximal subpart" of an invalid one
// (Unicode 15, §3.9, "U+FFFD Substitution of Maximal Subparts", the practice Swift's String
// also follows), so that every invalid stretch becomes the same U+FFFD characters Swift's
// own repair would produce.

/// The length (2...4) of the valid UTF-8 sequence starting at `p` (a byte >= 0x80), or 0 if
/// the bytes there are not one.
@inline(__always)
func validSequenceLength(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
    let lead = p[0]
    let available = end - p
    @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
    if lead < 0xC2 { return 0 }
    if lead < 0xE0 {
        return available >= 2 && isContinuation(p[1]) ? 2 : 0
    }
    if lead < 0xF0 {
        guard available >= 3 else { return 0 }
        let second = p[1]
        let secondOK: Bool
        switch lead {
        case 0xE0: secondOK = second >= 0xA0 && second <= 0xBF
        case 0xED: secondOK = second >= 0x80 && second <= 0x9F
        default: secondOK = isContinuation(second)
        }
        return secondOK && isContinuation(p[2]) ? 3 : 0
    }
    if lead < 0xF5 {
        guard available >= 4 else { return 0 }
        let second = p[1]
        let secondOK: Bool
        switch lead {
        case 0xF0: secondOK = second >= 0x90 && second <= 0xBF
        case 0xF4: secondOK = second >= 0x80 && second <= 0x8F
        default: secondOK = isContinuation(second)
        }
        return secondOK && isContinuation(p[2]) && isContinuation(p[3]) ? 4 : 0
    }
    return 0
}

/// The number of bytes (>= 1) one U+FFFD replaces at an invalid sequence starting at `p`.
func maximalSubpartLength(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
    let lead = p[0]
    let needed: Int
    var low: UInt8 = 0x80, high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: needed = 1
    case 0xE0: needed = 2; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: needed = 2
    case 0xED: needed = 2; high = 0x9F
    case 0xF0: needed = 3; low = 0x90
    case 0xF1...0xF3: needed = 3
    case 0xF4: needed = 3; high = 0x8F
    default: return 1
    }
    var length = 1
    while length <= needed, p + length < end {
        let b = p[length]
        let ok = length == 1 ? (b >= low && b <= high) : (b & 0xC0 == 0x80)
        if !ok { break }
        length += 1
    }
    return length
}

/// Appends the UTF-8 encoding of a scalar value (assumed valid: not a surrogate, <= 0x10FFFF).
@inline(__always)
func appendUTF8(_ value: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
    if value < 0x80 {
        out[0] = UInt8(value)
        return 1
    } else if value < 0x800 {
        out[0] = UInt8(0xC0 | (value >> 6))
        out[1] = UInt8(0x80 | (value & 0x3F))
        return 2
    } else if value < 0x10000 {
        out[0] = UInt8(0xE0 | (value >> 12))
        out[1] = UInt8(0x80 | ((value >> 6) & 0x3F))
        out[2] = UInt8(0x80 | (value & 0x3F))
        return 3
    } else {
        out[0] = UInt8(0xF0 | (value >> 18))
        out[1] = UInt8(0x80 | ((value >> 12) & 0x3F))
        out[2] = UInt8(0x80 | ((value >> 6) & 0x3F))
        out[3] = UInt8(0x80 | (value & 0x3F))
        return 4
    }
}
