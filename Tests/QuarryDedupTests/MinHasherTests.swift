// MinHasher: the fast kernel equals a plain twin that divides with UInt128; signatures are
// deterministic, equal for identical texts, and estimate the exact Jaccard similarity of the
// shingle sets within the binomial error of P = 112 permutations.
import QuarryTestSupport
import QuarryText
import Testing
@testable import QuarryDedup

struct MinHasherTests {
    static let hasher = MinHasher(permutations: 112, seed: 1, ngram: 5, unit: .words, normalization: .all)

    /// The plain twin: (a·x + b) mod p with 128-bit arithmetic and `%`.
    static func plainSignature(_ hashes: [UInt64], a: [UInt64], b: [UInt64]) -> [UInt64] {
        let p = UInt128(MinHasher.prime)
        return (0..<a.count).map { i in
            hashes.map { h in UInt64((UInt128(a[i]) * (UInt128(h) % p) + UInt128(b[i])) % p) }.min()!
        }
    }

    @Test func fastKernelEqualsPlainTwin() {
        var random = SplitMix64(seed: 3)
        let hasher = MinHasher(permutations: 37, seed: 99, ngram: 5, unit: .words, normalization: .all)
        for round in 0..<300 {
            var hashes = (0..<(1 + random.below(60))).map { _ in random.next() }
            // Edge values: 0, p - 1, p, p + 1, 2^64 - 1.
            if round % 3 == 0 { hashes += [0, MinHasher.prime - 1, MinHasher.prime, MinHasher.prime + 1, UInt64.max] }
            var fast = [UInt64](repeating: 0, count: 37)
            hashes.withUnsafeBufferPointer { h in fast.withUnsafeMutableBufferPointer { hasher.signature(ofShingleHashes: h, into: $0) } }
            #expect(fast == Self.plainSignature(hashes, a: hasher.multipliers, b: hasher.offsets))
        }
        // Extreme multipliers and offsets.
        let a: [UInt64] = [1, MinHasher.prime - 1, MinHasher.prime - 1, 1 << 60]
        let b: [UInt64] = [0, MinHasher.prime - 1, 0, MinHasher.prime - 1]
        for x in [0, 1, MinHasher.prime - 1, MinHasher.prime, UInt64.max, 1 << 63] as [UInt64] {
            for i in 0..<a.count {
                let expected = UInt64((UInt128(a[i]) * (UInt128(x) % UInt128(MinHasher.prime)) + UInt128(b[i])) % UInt128(MinHasher.prime))
                #expect(MinHashKernel.permute(a[i], MinHashKernel.reduce(x), b[i]) == expected)
            }
        }
    }

    @Test func parametersAreInRangeAndStable() {
        let hasher = Self.hasher
        #expect(hasher.multipliers.count == 112 && hasher.offsets.count == 112)
        #expect(hasher.multipliers.allSatisfy { $0 >= 1 && $0 < MinHasher.prime })
        #expect(hasher.offsets.allSatisfy { $0 < MinHasher.prime })
        #expect(Set(hasher.multipliers).count == 112)
        // More permutations extend fewer.
        let longer = MinHasher(permutations: 128, seed: 1, ngram: 5, unit: .words, normalization: .all)
        #expect(Array(longer.multipliers.prefix(112)) == hasher.multipliers)
        // A different seed, different permutations.
        let other = MinHasher(permutations: 112, seed: 2, ngram: 5, unit: .words, normalization: .all)
        #expect(other.multipliers != hasher.multipliers)
    }

    @Test func identicalTextsIdenticalSignatures() {
        let text = "The quick brown fox jumps over the lazy dog, again and again, until the dog wakes up."
        let first = Self.hasher.signature(of: text, language: "en")
        #expect(first.count == 112)
        #expect(first == Self.hasher.signature(of: text, language: "en"))
        #expect(first == Self.hasher.signature(of: text.uppercased() + "!!!", language: "en"))
        #expect(first.allSatisfy { $0 < MinHasher.prime })
        #expect(Self.hasher.signature(of: "", language: "en") == [])
        #expect(Self.hasher.signature(of: " ... ", language: "en") == [])
        #expect(Self.hasher.signature(of: "hello", language: "en").count == 112)
    }
}
