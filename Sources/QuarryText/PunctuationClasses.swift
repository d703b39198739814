// Punctuation classes of Unicode scalars, as the field's quality filters define them: datatrove's
// PUNCTUATION_SET (a Gopher "symbol word" is made only of these) and TERMINAL_PUNCTUATION (a
// FineWeb line "ends in punctuation" when its last character is one of these), from datatrove
// 0.10.1 src/datatrove/utils/text.py; the tables are generated into PunctuationTables.swift.
// ASCII answers from two 64-bit masks; other scalars by binary search in the sorted tables.

/// Membership of scalars in the punctuation sets the quality filters use.
public enum PunctuationClasses {
    /// Whether `scalar` is in datatrove's PUNCTUATION_SET: ASCII punctuation, most C0 and C1
    /// control characters (not tab or line feed), and common CJK and typographic punctuation.
    @inlinable @inline(__always)
    public static func isPunctuation(_ scalar: UInt32) -> Bool {
        if scalar < 128 { return asciiBit(scalar, punctuationMask) }
        return contains(punctuationScalars, scalar)
    }

    /// Whether `scalar` is in datatrove's TERMINAL_PUNCTUATION: sentence-ending marks of many
    /// scripts (`.`, `!`, `?`, `。`, `！`, `؟`, `।` …).
    @inlinable @inline(__always)
    public static func isTerminal(_ scalar: UInt32) -> Bool {
        if scalar < 128 { return scalar == 0x2E || scalar == 0x21 || scalar == 0x3F }
        return contains(terminalScalars, scalar)
    }

    /// Bit `s` of the ASCII mask pair (low word: 0…63, high word: 64…127).
    @usableFromInline @inline(__always)
    static func asciiBit(_ s: UInt32, _ mask: (UInt64, UInt64)) -> Bool {
        s < 64 ? (mask.0 >> UInt64(s)) & 1 == 1 : (mask.1 >> UInt64(s - 64)) & 1 == 1
    }

    /// The ASCII members of `punctuationScalars`, as a bit mask pair.
    @usableFromInline
    static let punctuationMask: (UInt64, UInt64) = {
        var low: UInt64 = 0, high: UInt64 = 0
        for s in punctuationScalars where s < 128 {
            if s < 64 { low |= 1 << UInt64(s) } else { high |= 1 << UInt64(s - 64) }
        }
        return (low, high)
    }()

    /// Binary search in a sorted table.
    @usableFromInline
    static func contains(_ table: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = table.count
        while low < high {
            let mid = (low + high) >> 1
            if table[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < table.count && table[low] == value
    }
}
