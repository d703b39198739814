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
// Lower-casing is Unicode's simple per-scalar mapping (ASCII by arithmetic, others through the
// standard library's `lowercaseMapping` only for the scalars that change).
//
// The hash of a normalized line is XXH3-64 with seed 0 (QuarryText.StableHash), stored in the
// counts file, so it must never change within format version 1 of LineHashCounts.
import QuarryText

/// Normalizes lines for line deduplication and hashes them.
public enum LineHashNormalizer {
    /// Appends the normalized form of `p[range]` to `out` and returns its length in Unicode
    /// scalars (0: the line normalizes to nothing).
    public static func normalize(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) -> Int {
        var scalars = 0
        var pendingSpace = false
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = p[i]
            if b < 0x80 {
                i += 1
                let s = UInt32(b)
                if PythonText.isSpace(s) {
                    pendingSpace = scalars > 0
                } else if s &- 0x30 < 10 {
                    emit(0x30, &out, &scalars, &pendingSpace)
                } else if PunctuationClasses.isPunctuation(s) || s < 0x20 || s == 0x7F {
                    continue
                } else {
                    emit(s &- 0x41 < 26 ? b | 0x20 : b, &out, &scalars, &pendingSpace)
                }
                continue
            }
            let (s, length) = PythonText.scalar(p, i, end)
            let next = i + length
            defer { i = next }
            if (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0xAC00 && s <= 0xD7A3) {
                // Han ideographs and Hangul syllables: no digit, punctuation, mark or case among them.
                if pendingSpace { out.append(0x20); scalars += 1; pendingSpace = false }
                for k in i..<next { out.append(p[k]) }
                scalars += 1
            } else if PythonText.isSpace(s) {
                pendingSpace = scalars > 0
            } else if PythonText.isDecimalDigit(s) {
                emit(0x30, &out, &scalars, &pendingSpace)
            } else if isRemoved(s) {
                continue
            } else if let base = AccentTable.base(of: s) {
                emit(base, &out, &scalars, &pendingSpace)
            } else if let scalar = Unicode.Scalar(s), scalar.properties.changesWhenLowercased {
                // Rare (upper-case letters beyond Latin): the mapping may itself be accented (Å → å).
                for lower in scalar.properties.lowercaseMapping.unicodeScalars where !isRemoved(lower.value) {
                    if let base = AccentTable.base(of: lower.value) {
                        emit(base, &out, &scalars, &pendingSpace)
                    } else {
                        if pendingSpace { out.append(0x20); scalars += 1; pendingSpace = false }
                        out.append(contentsOf: String(lower).utf8)
                        scalars += 1
                    }
                }
            } else {
                if pendingSpace { out.append(0x20); scalars += 1; pendingSpace = false }
                for k in i..<next { out.append(p[k]) }
                scalars += 1
            }
        }
        return scalars
    }

    @inline(__always)
    static func emit(_ byte: UInt8, _ out: inout [UInt8], _ scalars: inout Int, _ pendingSpace: inout Bool) {
        if pendingSpace {
            out.append(0x20)
            scalars += 1
            pendingSpace = false
        }
        out.append(byte)
        scalars += 1
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
        scratch.removeAll(keepingCapacity: true)
        let scalars = normalize(p, range, into: &scratch)
        guard scalars > 0, scalars >= minScalars else { return nil }
        return scratch.withUnsafeBufferPointer { hash($0) }
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
