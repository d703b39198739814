// MinHasher: the fast kernel equals a plain twin that divides with UInt128; signatures are
// deterministic, equal for identical texts, and estimate the exact Jaccard similarity of the
// shingle sets within the binomial error of P = 112 permutations.
import QuarryTestSupport
import QuarryText
import Testing
@_spi(Benchmark) @testable import QuarryDedup

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

    @Test func signatureCountsDistinctShingles() {
        let text = "a b c d e f a b c d e f a b c d e f"
        var signature = [UInt64](repeating: 0, count: 112)
        let distinct = signature.withUnsafeMutableBufferPointer { Self.hasher.signature(of: text, language: "en", into: $0) }
        let set = Self.hasher.shingleHashes(of: text, language: "en")
        #expect(distinct == 6 && set.count == 6)  // abcde bcdef cdefa defab efabc fabcd
        #expect(set == set.sorted() && Set(set).count == set.count)
        var direct = [UInt64](repeating: 0, count: 112)
        set.withUnsafeBufferPointer { h in direct.withUnsafeMutableBufferPointer { Self.hasher.signature(ofShingleHashes: h, into: $0) } }
        #expect(direct == signature)
        #expect(signature == Self.plainSignature(set, a: Self.hasher.multipliers, b: Self.hasher.offsets))
        var untouched = [UInt64](repeating: 7, count: 112)
        #expect(untouched.withUnsafeMutableBufferPointer { Self.hasher.signature(of: "...", language: "en", into: $0) } == 0)
        #expect(untouched == [UInt64](repeating: 7, count: 112))
    }

    @Test func bandHashIsXXH3OfLittleEndianRows() {
        let rows: [UInt64] = [1, 0x0102_0304_0506_0708, MinHasher.prime - 1]
        var bytes: [UInt8] = []
        for row in rows { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: row >> (8 * UInt64(k)))) } }
        #expect(rows.withUnsafeBufferPointer { MinHasher.bandHash($0) } == StableHash.xxh3_64(bytes))
        #expect(rows.withUnsafeBufferPointer { MinHasher.bandHash(UnsafeBufferPointer(rebasing: $0[0..<2])) }
                != rows.withUnsafeBufferPointer { MinHasher.bandHash(UnsafeBufferPointer(rebasing: $0[1..<3])) })
    }

    /// Pairs of texts with known overlap: a random text and a copy with a fraction of its words
    /// replaced, so exact Jaccard similarities spread over 0…1.
    static func pairs(count: Int) -> [(String, String)] {
        var random = SplitMix64(seed: 2024)
        // Letters only: digits would all normalize to "0".
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let vocabulary = (0..<3000).map { n in String((0..<3).map { letters[(n / [1, 26, 676][$0]) % 26] }) + "q" }
        return (0..<count).map { k in
            let words = (0..<(40 + random.below(300))).map { _ in vocabulary[random.below(vocabulary.count)] }
            let rate = Double(k % 10) / 12
            let edited = words.map { random.below(1000) < Int(rate * 1000) ? vocabulary[random.below(vocabulary.count)] : $0 }
            return (words.joined(separator: " "), edited.joined(separator: " "))
        }
    }

    static func exactJaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let sa = Set(a), sb = Set(b)
        return Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
    }

    static func estimatedJaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }

    /// Whether estimates agree with exact similarities as MinHash promises: each within five
    /// binomial standard deviations of P = 112 draws (sqrt(J(1 − J)/112), at least 0.02), and the
    /// mean error within four standard errors of the mean (0.047 / sqrt(pairs) at worst).
    static func withinBounds(_ pairs: [(exact: Double, estimate: Double)]) -> Bool {
        let each = pairs.allSatisfy { abs($0.estimate - $0.exact) <= max(0.02, 5 * (($0.exact * (1 - $0.exact)) / 112).squareRoot()) }
        let meanError = pairs.reduce(0) { $0 + $1.estimate - $1.exact } / Double(pairs.count)
        return each && abs(meanError) <= 4 * 0.047 / Double(pairs.count).squareRoot()
    }

    @Test func estimatesExactJaccard() {
        let results = Self.pairs(count: 80).map { a, b in
            (exact: Self.exactJaccard(Self.hasher.shingleHashes(of: a, language: "en"), Self.hasher.shingleHashes(of: b, language: "en")),
             estimate: Self.estimatedJaccard(Self.hasher.signature(of: a, language: "en"), Self.hasher.signature(of: b, language: "en")))
        }
        #expect(results.contains { $0.exact > 0.2 && $0.exact < 0.8 })
        #expect(results.contains { $0.exact == 1 })
        #expect(Self.withinBounds(results))
        // The bound has power: a hasher whose permutations are all one permutation fails it.
        let broken = MinHasher(permutations: 1, seed: 1, ngram: 5, unit: .words, normalization: .all)
        let brokenResults = Self.pairs(count: 80).map { a, b in
            (exact: Self.exactJaccard(broken.shingleHashes(of: a, language: "en"), broken.shingleHashes(of: b, language: "en")),
             estimate: broken.signature(of: a, language: "en") == broken.signature(of: b, language: "en") ? 1.0 : 0.0)
        }
        #expect(!Self.withinBounds(brokenResults))
    }

    @Test func removeRepeatsKeepsFirstOccurrences() {
        var random = SplitMix64(seed: 5)
        var table: [UInt64] = []
        for round in 0..<200 {
            var hashes = (0..<random.below(200)).map { _ in random.below(4) == 0 ? UInt64(random.below(8)) : random.next() }
            if round % 7 == 0 { hashes += hashes }
            var seen = Set<UInt64>()
            let expected = hashes.filter { seen.insert($0).inserted }
            let kept = MinHasher.removeRepeats(&hashes, table: &table)
            #expect(Array(hashes.prefix(kept)) == expected)
        }
    }
}
