// The Unicode classes of the pre-tokenizer regexes — \p{L}, \p{N}, \s and, for o200k, the two
// overlapping letter-case sets and \p{M} — at Unicode 16.0, the version the reference engines
// use (Oniguruma in HF tokenizers 0.23.3, regex-syntax 0.8.11 in tiktoken 0.14.0; the
// measurements are in scripts/generate-unicode-classes.py). Swift's own Unicode properties are
// 17.0 and are deliberately not used.
//
// Lookup: a 128-entry table for ASCII, and a two-stage table for every other scalar (stage 1:
// one byte per block of 256 code points, 0x1100 blocks; stage 2: the 140 distinct blocks of 256
// class bytes, 35 KB), built once from the generated run list (UnicodeClassTableRanges.swift).
// `decode` reads one UTF-8 character from bytes: a well-formed scalar (Unicode Table 3-7), or
// any other byte on its own as a one-byte character of class "other".

/// A set of Unicode classes one character belongs to. "Other" (`[^\s\p{L}\p{N}]`) is the set
/// without letter, number and whitespace.
public struct CharacterClass: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// \p{L}: general category Lu, Ll, Lt, Lm or Lo.
    public static let letter = CharacterClass(rawValue: 1)
    /// \p{N}: Nd, Nl or No (so "²", "½", "Ⅻ" and Arabic-Indic digits are numbers).
    public static let number = CharacterClass(rawValue: 2)
    /// \s: the 25 White_Space code points (U+0009–000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    public static let whitespace = CharacterClass(rawValue: 4)
    /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    public static let upper = CharacterClass(rawValue: 8)
    /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    public static let lower = CharacterClass(rawValue: 16)
    /// \p{M}: Mn, Mc or Me (marks are not letters).
    public static let mark = CharacterClass(rawValue: 32)
    /// `[^\s\p{L}\p{N}]`: none of letter, number, whitespace — punctuation, symbols, emoji,
    /// marks, controls, unassigned code points, surrogates and bytes that are not UTF-8.
    public static let other = CharacterClass(rawValue: 64)
}

/// Per-scalar and per-UTF-8-character class lookup (see the file header).
public enum UnicodeClass {
    /// The classes of a Unicode scalar value; surrogates and values above U+10FFFF are `other`.
    public static func classify(scalar: UInt32) -> CharacterClass {
        CharacterClass(rawValue: tables.classOf(scalar))
    }

    /// The first UTF-8 character of `bytes[offset...]`: its classes and its length in bytes
    /// (1–4). A byte that does not start a well-formed scalar is a one-byte `other` character.
    /// `offset` must be inside `bytes`.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (CharacterClass, Int) {
        let t = tables
        let (flags, length) = t.decode(bytes.baseAddress! + offset, available: bytes.count - offset)
        return (CharacterClass(rawValue: flags), length)
    }

    /// The shared lookup tables, built on first use.
    static let tables = ClassTables(runs: runs)

    /// The class bits of `scalar` (with `other`) by binary search over the run list: the slow
    /// twin of the two-stage table, used by the reference scanner and the tests.
    static func classBySearch(_ scalar: UInt32) -> UInt8 {
        guard scalar < 0x110000, !(0xD800...0xDFFF).contains(scalar) else { return CharacterClass.other.rawValue }
        var low = 0, high = runs.count - 1      // runs[low] starts at or before scalar
        while low < high {
            let mid = (low + high + 1) / 2
            if runs[mid] >> 8 <= scalar { low = mid } else { high = mid - 1 }
        }
        return withOther(UInt8(truncatingIfNeeded: runs[low]))
    }

    /// Adds the `other` bit to class bits that have no letter, number or whitespace bit.
    @inline(__always) static func withOther(_ flags: UInt8) -> UInt8 {
        flags & 7 == 0 ? flags | CharacterClass.other.rawValue : flags
    }
}

/// The ASCII table and the two-stage table, in memory that is never freed (one copy per
/// process), so scanners can keep raw pointers to them.
struct ClassTables: @unchecked Sendable {
    let ascii: UnsafeMutablePointer<UInt8>        // 128 class bytes
    let stage1: UnsafeMutablePointer<UInt8>       // 0x1100 block numbers
    let stage2: UnsafeMutablePointer<UInt8>       // distinct blocks × 256 class bytes

    init(runs: [UInt32]) {
        let other = CharacterClass.other.rawValue
        var full = [UInt8](repeating: other, count: 0x110000)
        for k in runs.indices {
            let start = Int(runs[k] >> 8)
            let end = k + 1 < runs.count ? Int(runs[k + 1] >> 8) : 0x110000
            let flags = UInt8(truncatingIfNeeded: runs[k])
            if flags != 0 { for cp in start..<end { full[cp] = UnicodeClass.withOther(flags) } }
        }
        for cp in 0xD800...0xDFFF { full[cp] = other }
        ascii = .allocate(capacity: 128)
        for b in 0..<128 { ascii[b] = full[b] }
        stage1 = .allocate(capacity: 0x1100)
        var blocks: [[UInt8]: Int] = [:]
        var ordered: [[UInt8]] = []
        for block in 0..<0x1100 {
            let content = Array(full[(block << 8)..<((block + 1) << 8)])
            if let known = blocks[content] {
                stage1[block] = UInt8(known)
            } else {
                precondition(ordered.count < 256, "more than 256 distinct class blocks")
                blocks[content] = ordered.count
                stage1[block] = UInt8(ordered.count)
                ordered.append(content)
            }
        }
        stage2 = .allocate(capacity: ordered.count << 8)
        for (index, block) in ordered.enumerated() {
            for k in 0..<256 { stage2[(index << 8) | k] = block[k] }
        }
    }

    @inline(__always) func classOf(_ scalar: UInt32) -> UInt8 {
        guard scalar < 0x110000 else { return CharacterClass.other.rawValue }
        return stage2[Int(stage1[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)]
    }

    /// Class bits and byte length of the character at `p` (`available` ≥ 1 bytes readable).
    @inline(__always) func decode(_ p: UnsafePointer<UInt8>, available: Int) -> (UInt8, Int) {
        let b0 = p[0]
        if b0 < 0x80 { return (ascii[Int(b0)], 1) }
        return decodeMultiByte(p, available: available)
    }

    /// The class of a byte that is not part of a well-formed UTF-8 scalar.
    @inline(__always) static var invalid: UInt8 { 64 }

    /// Table 3-7 of the Unicode Standard: C2–DF 80–BF; E0 A0–BF; E1–EC 80–BF; ED 80–9F;
    /// EE–EF 80–BF; F0 90–BF; F1–F3 80–BF; F4 80–8F (then 80–BF for the remaining bytes).
    func decodeMultiByte(_ p: UnsafePointer<UInt8>, available: Int) -> (UInt8, Int) {
        let b0 = UInt32(p[0])
        if b0 < 0xC2 || b0 > 0xF4 || available < 2 { return (Self.invalid, 1) }
        let b1 = UInt32(p[1])
        if b0 < 0xE0 {
            guard b1 & 0xC0 == 0x80 else { return (Self.invalid, 1) }
            return (classOf((b0 & 0x1F) << 6 | (b1 & 0x3F)), 2)
        }
        let low1: UInt32 = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80
        let high1: UInt32 = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF
        guard b1 >= low1, b1 <= high1, available >= 3 else { return (Self.invalid, 1) }
        let b2 = UInt32(p[2])
        guard b2 & 0xC0 == 0x80 else { return (Self.invalid, 1) }
        if b0 < 0xF0 {
            return (classOf((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)), 3)
        }
        guard available >= 4 else { return (Self.invalid, 1) }
        let b3 = UInt32(p[3])
        guard b3 & 0xC0 == 0x80 else { return (Self.invalid, 1) }
        return (classOf((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)), 4)
    }
}
