// Word n-grams without building strings. Two kinds of n-gram equality matter to the repetition
// rules (datatrove's gopher_repetition_filter.py): words joined by nothing ("ab"+"c" equals
// "a"+"bc") and words joined by spaces (equal exactly when the words are).
// - Joined by nothing: a polynomial hash modulo the Mersenne prime 2^61 - 1 (Karp-Rabin)
//   composes under concatenation, H(a + b) = H(a)·B^|b| + H(b), so any run of consecutive
//   words is a subtraction of two prefix hashes: O(1) per n-gram whatever n is. Different
//   strings of length L collide with probability about L / 2^61.
// - Joined by spaces: the words' own hashes (XXH3-64) mixed in order.
// Both are fixed functions, stable across processes, but for in-memory comparison only
// (StableHash names the hashes that are stored).

/// Prefix hashes of a sequence of words, for hashing n-grams in O(1).
public struct NGramHasher {
    /// 2^61 - 1.
    public static let modulus: UInt64 = (1 << 61) - 1
    /// A fixed base, below the modulus.
    public static let base: UInt64 = 0x0A3D_70A3_D70A_3D71 % modulus

    /// Prefix hashes of the words concatenated: `joined[k]` covers words 0..<k.
    private(set) var joined: [UInt64] = [0]
    /// Each word's XXH3-64 hash.
    private(set) var wordHashes: [UInt64] = []
    /// Prefix sums of word lengths in bytes (for the powers of the base).
    private(set) var byteOffsets: [Int] = [0]
    /// Prefix sums of word lengths in code points (Python's `len`).
    public private(set) var charOffsets: [Int] = [0]
    /// Powers of the base for short lengths; longer ones are computed by squaring.
    private var powers: [UInt64] = [1]

    public init() {}

    /// The number of words.
    public var count: Int { joined.count - 1 }

    /// Forgets the words, keeping the storage.
    public mutating func removeAll() {
        joined.removeAll(keepingCapacity: true); joined.append(0)
        wordHashes.removeAll(keepingCapacity: true)
        byteOffsets.removeAll(keepingCapacity: true); byteOffsets.append(0)
        charOffsets.removeAll(keepingCapacity: true); charOffsets.append(0)
    }

    /// Adds the words at `ranges` of the bytes at `p`.
    public mutating func append(words ranges: [Range<Int>], of p: UnsafePointer<UInt8>) {
        for range in ranges {
            var h = joined[joined.count - 1]
            var chars = 0
            for i in range {
                let b = p[i]
                h = Self.add(Self.multiply(h, Self.base), UInt64(b) &+ 1)
                if b & 0xC0 != 0x80 { chars += 1 }
            }
            joined.append(h)
            wordHashes.append(StableHash.xxh3_64(UnsafeBufferPointer(start: p + range.lowerBound, count: range.count)))
            byteOffsets.append(byteOffsets[byteOffsets.count - 1] + range.count)
            charOffsets.append(charOffsets[charOffsets.count - 1] + chars)
        }
    }

    /// The hash of words `start..<start + n` concatenated (Python `"".join(words[i:i+n])`).
    public mutating func joinedHash(_ start: Int, _ n: Int) -> UInt64 {
        let length = byteOffsets[start + n] - byteOffsets[start]
        return Self.subtract(joined[start + n], Self.multiply(joined[start], power(length)))
    }

    /// The hash of words `start..<start + n` joined by single spaces (`" ".join(…)`): the
    /// words' hashes mixed in order (words hold no spaces, so equal joins mean equal words).
    @inline(__always)
    public func spacedHash(_ start: Int, _ n: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        for k in start..<start + n {
            h = (h ^ wordHashes[k]) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return h
    }

    /// The code points of words `start..<start + n`, without separators.
    @inline(__always)
    public func characters(_ start: Int, _ n: Int) -> Int {
        charOffsets[start + n] - charOffsets[start]
    }

    /// The polynomial hash of bytes on their own (for lines and paragraphs).
    public static func hash(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0
        for i in range { h = add(multiply(h, base), UInt64(p[i]) &+ 1) }
        return h
    }

    /// B^exponent mod 2^61 - 1, from a table for exponents up to 4,096.
    @inline(__always)
    private mutating func power(_ exponent: Int) -> UInt64 {
        if exponent < powers.count { return powers[exponent] }
        return slowPower(exponent)
    }

    private mutating func slowPower(_ exponent: Int) -> UInt64 {
        if exponent <= 4096 {
            while powers.count <= exponent { powers.append(Self.multiply(powers[powers.count - 1], Self.base)) }
            return powers[exponent]
        }
        var result: UInt64 = 1, b = Self.base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = Self.multiply(result, b) }
            b = Self.multiply(b, b)
            e >>= 1
        }
        return result
    }

    @inline(__always)
    static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        // a·b = high·2^64 + low; modulo 2^61 - 1, 2^61 ≡ 1, so fold the bits above 61 down.
        let folded = (low & modulus) &+ ((low >> 61) | (high << 3))
        let once = (folded & modulus) &+ (folded >> 61)
        return once >= modulus ? once &- modulus : once
    }

    @inline(__always)
    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let sum = a &+ b
        let once = (sum & modulus) &+ (sum >> 61)
        return once >= modulus ? once &- modulus : once
    }

    @inline(__always)
    static func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a &- b : a &+ modulus &- b
    }
}
