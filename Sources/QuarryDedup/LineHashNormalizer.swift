// The normalized form of a line that line_dedup_v1 hashes, on UTF-8 bytes. It follows CCNet's
// `normalize_for_dedup` (Wenzek et al. 2019, §3.1; cc_net/text_normalizer.py: strip, lower-case,
// every Unicode decimal digit to "0", its list of Unicode punctuation and the non-printing
// characters U+0000…U+001F, U+007F…U+009F removed) and goes a little further, so that lines
// differing only in typography count as one:
//   - punctuation removed is datatrove's PUNCTUATION_SET (QuarryText.PunctuationClasses: ASCII
//     and CJK punctuation, most control characters) plus CCNet's symbols that are not in it
//     (´ ∶ ～ ━ ► ％) and the invisible format characters (soft hyphen, U+200B…U+200F, U+2060, U+FEFF);
//   - accents stripped as CCNet's `strip_accents` does (NFD, then drop the combining marks), for
//     the letters of Latin-1, Latin Extended-A/B and Latin Extended Additional (Vietnamese),
//     through a table built once from ICU's NFD; combining marks U+0300…U+036F are dropped
//     anywhere. Precomposed letters of other scripts keep their marks (Greek tonos, Cyrillic й);
//   - whitespace (Python's str.isspace) collapsed to one space, and none at either end.
// Lower-casing is Unicode's per-scalar mapping (the standard library's `lowercaseMapping`).
// ASCII is decided inline; every other scalar of the Basic Multilingual Plane through a table
// built once from those rules (ScalarAction), so no Unicode property is looked up per character.
//
// The hash of a normalized line is XXH3-64 with seed 0 (QuarryText.StableHash), stored in the
// counts file, so it must never change within format version 1 of LineHashCounts.
import QuarryText

/// Normalizes lines for line deduplication and hashes them.
public enum LineHashNormalizer {
    /// Appends the normalized form of `p[range]` to `out` and returns its length in Unicode
    /// scalars (0: the line normalizes to nothing).
    public static func normalize(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) -> Int {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: outputCapacity(range.count))
        defer { buffer.deallocate() }
        let (bytes, scalars) = normalize(p, range, to: buffer)
        out.append(contentsOf: UnsafeBufferPointer(start: buffer, count: bytes))
        return scalars
    }

    /// Room the normalized form of `n` bytes may need: a scalar of k bytes becomes at most a
    /// space and 3 bytes (U+023A Ⱥ, 2 bytes, lower-cases to U+2C65, 3 bytes), never more than 2k.
    public static func outputCapacity(_ n: Int) -> Int { 2 * n + 8 }

    /// Writes the normalized form of `p[range]` to `o`, which has room for
    /// `outputCapacity(range.count)` bytes; returns its length in bytes and in scalars.
    public static func normalize(_ p: UnsafePointer<UInt8>, _ range: Range<Int>,
                                 to o: UnsafeMutablePointer<UInt8>) -> (bytes: Int, scalars: Int) {
        var n = 0
        var scalars = 0
        var pendingSpace = false
        var i = range.lowerBound
        let end = range.upperBound
        ScalarAction.basicPlane.withUnsafeBufferPointer { table in
            @inline(__always) func put(_ s: UInt32) {
                if pendingSpace {
                    o[n] = 0x20
                    n += 1
                    scalars += 1
                    pendingSpace = false
                }
                n += writeUTF8(s, to: o + n)
                scalars += 1
            }
            while i < end {
                let b = p[i]
                let s: UInt32, length: Int
                if b < 0x80 { (s, length) = (UInt32(b), 1) } else { (s, length) = PythonText.scalar(p, i, end) }
                let action = s < 0x10000 ? table[Int(s)] : ScalarAction.classify(s)
                switch action {
                case ScalarAction.space:
                    pendingSpace = scalars > 0
                case ScalarAction.remove:
                    break
                case ScalarAction.multiple:
                    // Rare: a lower case of several scalars (İ → i + U+0307); each may be accented.
                    if let scalar = Unicode.Scalar(s) {
                        for lower in scalar.properties.lowercaseMapping.unicodeScalars where !isRemoved(lower.value) {
                            put(AccentTable.base(of: lower.value).map(UInt32.init) ?? lower.value)
                        }
                    }
                default:
                    if action == s && length > 1 {
                        if pendingSpace {
                            o[n] = 0x20
                            n += 1
                            scalars += 1
                            pendingSpace = false
                        }
                        for k in 0..<length { o[n + k] = p[i + k] }
                        n += length
                        scalars += 1
                    } else {
                        put(action)
                    }
                }
                i += length
            }
        }
        return (n, scalars)
    }

    /// Writes scalar `s` as UTF-8 to `o`; returns the bytes written.
    @inline(__always)
    static func writeUTF8(_ s: UInt32, to o: UnsafeMutablePointer<UInt8>) -> Int {
        if s < 0x80 {
            o[0] = UInt8(s)
            return 1
        } else if s < 0x800 {
            (o[0], o[1]) = (UInt8(0xC0 | s >> 6), UInt8(0x80 | s & 0x3F))
            return 2
        } else if s < 0x10000 {
            (o[0], o[1], o[2]) = (UInt8(0xE0 | s >> 12), UInt8(0x80 | s >> 6 & 0x3F), UInt8(0x80 | s & 0x3F))
            return 3
        }
        (o[0], o[1], o[2], o[3]) = (UInt8(0xF0 | s >> 18), UInt8(0x80 | s >> 12 & 0x3F), UInt8(0x80 | s >> 6 & 0x3F), UInt8(0x80 | s & 0x3F))
        return 4
    }

    /// Whether a non-ASCII scalar is left out of the normalized line: punctuation, C1 controls,
    /// combining marks, invisible format characters.
    public static func isRemoved(_ s: UInt32) -> Bool {
        if s < 0x80 { return PunctuationClasses.isPunctuation(s) || s < 0x20 || s == 0x7F }
        if s <= 0x9F || (s >= 0x300 && s < 0x370) { return true }
        switch s {
        case 0xAD, 0xB4, 0x200B...0x200F, 0x2060, 0xFEFF, 0x2236, 0x2501, 0x25BA, 0xFF05, 0xFF5E: return true
        default: return PunctuationClasses.isPunctuation(s)
        }
    }

    /// XXH3-64 (seed 0) of a normalized line.
    public static func hash(_ normalized: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableHash.xxh3_64(normalized, seed: 0)
    }

    /// The hash of `p[range]` when its normalized form has at least `minScalars` scalars (and
    /// at least one), else nil. `scratch` is reused between calls.
    public static func lineHash(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, minScalars: Int,
                                scratch: inout [UInt8]) -> UInt64? {
        let needed = outputCapacity(range.count)
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: max(needed, 2 * scratch.count)) }
        return scratch.withUnsafeMutableBufferPointer { buffer -> UInt64? in
            let (bytes, scalars) = normalize(p, range, to: buffer.baseAddress!)
            guard scalars > 0, scalars >= minScalars else { return nil }
            return hash(UnsafeBufferPointer(start: buffer.baseAddress, count: bytes))
        }
    }
}

/// What normalization does with one non-ASCII scalar: the scalar it becomes (itself, "0" for
/// a digit, the base letter of an accented Latin letter, its lower case), or a marker. Decided
/// once per scalar of the Basic Multilingual Plane into a table (64 Ki entries, 256 KiB, built
/// on first use), since Unicode property lookups cost more than the rest of the work on a line.
enum ScalarAction {
    static let remove: UInt32 = 0
    static let space: UInt32 = 0xFFFF_FFFE
    /// Lower case of more than one scalar: worked out when met.
    static let multiple: UInt32 = 0xFFFF_FFFF

    static let basicPlane: [UInt32] = (0..<0x10000).map { classify(UInt32($0)) }

    static func classify(_ s: UInt32) -> UInt32 {
        if PythonText.isSpace(s) { return space }
        if PythonText.isDecimalDigit(s) { return 0x30 }
        if LineHashNormalizer.isRemoved(s) { return remove }
        if let base = AccentTable.base(of: s) { return UInt32(base) }
        guard let scalar = Unicode.Scalar(s) else { return remove }  // lone surrogates never reach here
        guard scalar.properties.changesWhenLowercased else { return s }
        let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
        guard lower.count == 1 else { return multiple }
        if LineHashNormalizer.isRemoved(lower[0].value) { return remove }
        if let base = AccentTable.base(of: lower[0].value) { return UInt32(base) }
        return lower[0].value
    }
}

/// The ASCII letter (lower case) each accented Latin letter is made of, from ICU's NFD: a
/// letter whose decomposition is one ASCII letter followed only by combining marks maps to it.
enum AccentTable {
    /// Latin-1 Supplement letters to Latin Extended-B (U+00C0…U+024F).
    static let latin: [UInt8] = build(0xC0..<0x250)
    /// Latin Extended Additional (U+1E00…U+1EFF).
    static let additional: [UInt8] = build(0x1E00..<0x1F00)

    static func base(of s: UInt32) -> UInt8? {
        let value: UInt8
        if s >= 0xC0 && s < 0x250 {
            value = latin[Int(s - 0xC0)]
        } else if s >= 0x1E00 && s < 0x1F00 {
            value = additional[Int(s - 0x1E00)]
        } else {
            return nil
        }
        return value == 0 ? nil : value
    }

    static func build(_ scalars: Range<UInt32>) -> [UInt8] {
        scalars.map { value -> UInt8 in
            guard let scalar = Unicode.Scalar(value),
                  let decomposed = try? UnicodeNormalization.normalize(String(scalar), to: .nfd) else { return 0 }
            let parts = Array(decomposed.unicodeScalars)
            guard parts.count >= 2, parts[0].isASCII, parts[0].properties.isAlphabetic,
                  parts.dropFirst().allSatisfy({ (0x300..<0x370).contains($0.value) }) else { return 0 }
            return UInt8(parts[0].value) | 0x20
        }
    }
}
