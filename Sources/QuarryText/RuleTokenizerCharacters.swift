// Character classes and UTF-8 decoding for RuleTokenizer (spaCy's rule-based tokenizer on bytes).
//
// Every class the tokenizer's expressions use (spacy/lang/char_classes.py, Python's
// str.isspace, re's \w and \d, Unicode category P*) is one bit of a 16-bit flag word per
// scalar, generated from spaCy 3.8.18 by scripts/reference/spacy_tables.py into
// RuleTokenizerTables.swift as runs of scalars. At first use the runs are expanded into a direct
// table for the Basic Multilingual Plane (65,536 flag words, 128 KiB); scalars above it are
// looked up by binary search over the runs, which is also the slow twin the tests compare with.
//
// Decoding never reads outside the bounds it is given and maps malformed UTF-8 to U+FFFD, one
// byte at a time, so bad input cannot crash the tokenizer (valid UTF-8 is what it is specified for).

enum RuleCharacters {
    /// Flag words of U+0000...U+FFFF, built once from the generated runs.
    nonisolated(unsafe) static let bmp: UnsafePointer<UInt16> = {
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
        let starts = RuleTokenizerTables.flagStarts, values = RuleTokenizerTables.flagValues
        for run in starts.indices {
            let start = Int(starts[run])
            guard start < 0x10000 else { break }
            let end = run + 1 < starts.count ? min(Int(starts[run + 1]), 0x10000) : 0x10000
            for scalar in start..<end { table[scalar] = values[run] }
        }
        return UnsafePointer(table)
    }()

    /// The flags of a scalar (table lookup in the BMP, binary search above it).
    @inline(__always)
    static func flags(_ scalar: UInt32) -> RuleCharFlags {
        if scalar < 0x10000 { return RuleCharFlags(rawValue: bmp[Int(scalar)]) }
        return searchFlags(scalar)
    }

    /// The flags of a scalar by binary search over the generated runs: the slow twin of `flags`.
    static func searchFlags(_ scalar: UInt32) -> RuleCharFlags {
        let starts = RuleTokenizerTables.flagStarts
        var low = 0, high = starts.count  // invariant: starts[low] <= scalar < starts[high]
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= scalar { low = mid } else { high = mid }
        }
        return RuleCharFlags(rawValue: RuleTokenizerTables.flagValues[low])
    }

    /// The host-name characters of spaCy's URL expression: [A-Za-z0-9\u00a1-\uffff].
    @inline(__always)
    static func isHostCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIIAlphanumeric(UInt8(scalar)) }
        return scalar >= 0xA1 && scalar <= 0xFFFF
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26
    }

    @inline(__always)
    static func isASCIIDigit(_ byte: UInt8) -> Bool { (byte &- 0x30) < 10 }
}

/// A text's UTF-8 bytes with scalar decoding forwards and backwards inside given bounds, and
/// the character classes of its scalars.
struct UTF8Text {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// RuleCharacters.bmp, read once (a static is checked for initialization at every use).
    let classes: UnsafePointer<UInt16>
    let affixes: RuleAffixData

    init(base: UnsafePointer<UInt8>, count: Int, affixes: RuleAffixData = .shared) {
        self.base = base
        self.count = count
        classes = affixes.classes
        self.affixes = affixes
    }

    /// The flags of a scalar.
    @inline(__always)
    func flags(of scalar: UInt32) -> RuleCharFlags {
        if scalar < 0x10000 { return RuleCharFlags(rawValue: classes[Int(scalar)]) }
        return RuleCharacters.searchFlags(scalar)
    }

    @inline(__always)
    subscript(_ index: Int) -> UInt8 { base[index] }

    /// The scalar starting at `index` (< `end`) and its length in bytes; malformed bytes decode
    /// as U+FFFD of length 1.
    @inline(__always)
    func scalar(at index: Int, end: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(base[index])
        if b0 < 0x80 { return (b0, 1) }
        return decodeMultibyte(at: index, end: end)
    }

    func decodeMultibyte(at index: Int, end: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(base[index])
        let length: Int, minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = b0 & 0x1F; minimum = 0x80
        case 0xE0...0xEF: length = 3; value = b0 & 0x0F; minimum = 0x800
        case 0xF0...0xF4: length = 4; value = b0 & 0x07; minimum = 0x10000
        default: return (0xFFFD, 1)
        }
        guard end - index >= length else { return (0xFFFD, 1) }
        for k in 1..<length {
            let b = UInt32(base[index + k])
            guard b & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | (b & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return (0xFFFD, 1) }
        return (value, length)
    }

    /// The scalar ending just before `index` (> `start`), not reaching before `start`.
    @inline(__always)
    func scalar(before index: Int, start: Int) -> (value: UInt32, length: Int) {
        let last = base[index - 1]
        if last < 0x80 { return (UInt32(last), 1) }
        var lead = index - 1
        while lead > start && index - lead < 4 && base[lead] & 0xC0 == 0x80 { lead -= 1 }
        let decoded = decodeMultibyte(at: lead, end: index)
        if lead + decoded.length == index { return decoded }
        return (0xFFFD, 1)
    }

    /// The flags of the scalar starting at `index`, with its length.
    @inline(__always)
    func flags(at index: Int, end: Int) -> (flags: RuleCharFlags, length: Int) {
        let b = base[index]
        if b < 0x80 { return (RuleCharFlags(rawValue: classes[Int(b)]), 1) }
        let s = decodeMultibyte(at: index, end: end)
        return (flags(of: s.value), s.length)
    }

    /// Whether the bytes at `index` (bounded by `end`) begin with `literal`.
    @inline(__always)
    func hasPrefix(_ literal: [UInt8], at index: Int, end: Int) -> Bool {
        guard end - index >= literal.count else { return false }
        for k in 0..<literal.count where base[index + k] != literal[k] { return false }
        return true
    }

    /// Whether the bytes in start..<end end with `literal`.
    @inline(__always)
    func hasSuffix(_ literal: [UInt8], start: Int, end: Int) -> Bool {
        guard end - start >= literal.count else { return false }
        return hasPrefix(literal, at: end - literal.count, end: end)
    }

    /// The number of scalars in start..<end.
    func scalarCount(_ start: Int, _ end: Int) -> Int {
        var n = 0
        for i in start..<end where base[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
