// Histogram: values land in the bucket a plain linear search over the bounds finds, NaN and
// out-of-range values are counted apart, merging any split in any order gives the same
// histogram, and quantile estimates stay within one bucket of the exact quantile.
import QuarryCore
import QuarryTestSupport
import Testing

@Suite struct HistogramTests {
    /// The slow twin of `bucketIndex`: the last bucket whose lower bound is at most `value`
    /// (so `upper` itself is in the last bucket).
    func plainIndex(_ layout: HistogramLayout, _ value: Double) -> Int {
        if value < layout.lower { return -1 }
        if value > layout.upper { return layout.buckets }
        var index = 0
        for i in 0..<layout.buckets where layout.bound(i) <= value { index = i }
        return index
    }

    func randomValues(_ n: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in Double(rng.below(1_000_000)) / 997.0 - 50 }
    }

    @Test(arguments: [HistogramLayout.linear(0, 100, buckets: 40), .linear(-5, 7.5, buckets: 3),
                      .log(1, 1000, buckets: 30), .log(0.01, 1e6, buckets: 64)])
    func bucketIndexMatchesThePlainSearch(layout: HistogramLayout) {
        #expect(layout.isValid)
        let bounds = (0...layout.buckets).map { layout.bound($0) }
        var probes = randomValues(2000, seed: 7) + bounds + [layout.lower, layout.upper, -1e300, 1e300]
        probes += bounds.map { $0.nextUp } + bounds.map { $0.nextDown }
        for value in probes {
            let fast = layout.bucketIndex(value), slow = plainIndex(layout, value)
            // At an exact bound, rounding in log or division may put a value one bucket off.
            if fast != slow { #expect(abs(fast - slow) == 1 && bounds.contains { abs($0 - value) <= 1e-9 * max(1, abs($0)) }, "\(value)") }
        }
        #expect(layout.bucketIndex(layout.lower) == 0)
        #expect(layout.bucketIndex(layout.upper) == layout.buckets - 1)
        #expect(layout.bucketIndex(layout.upper.nextUp) == layout.buckets)
        #expect(layout.bucketIndex(layout.upper.nextDown) == layout.buckets - 1)
        #expect(layout.bucketIndex(layout.lower.nextDown) == -1)
    }

    @Test func countsUnderflowOverflowAndNaNApart() {
        var h = Histogram(layout: .linear(0, 10, buckets: 5))
        for v in [-1, 0, 1.9, 2, 9.99, 10, 25, .infinity, -.infinity, .nan, .nan] { h.add(v) }
        #expect(h.counts == [2, 1, 0, 0, 2])
        #expect(h.underflow == 2 && h.overflow == 2 && h.nanCount == 2)
        #expect(h.count == 9)
        #expect(h.minimum == -.infinity && h.maximum == .infinity)
        // Each value is rounded to a multiple of 2^-32 (2.3e-10) in the sum.
        #expect(abs(h.sum - 47.89) < 1e-8)
    }

    @Test func emptyHistogramHasNoQuantileOrMean() {
        let h = Histogram(layout: .log(1, 100, buckets: 10))
        #expect(h.count == 0 && h.quantile(0.5) == nil && h.mean == nil)
        #expect(h.counts == Array(repeating: 0, count: 10))
    }

    @Test func invalidLayoutsCountEverythingAsOverflowWithoutCrashing() {
        for layout in [HistogramLayout.log(0, 10, buckets: 4), .linear(5, 5, buckets: 3), .linear(0, 1, buckets: 0),
                       .linear(0, .infinity, buckets: 2), .linear(.nan, 1, buckets: 2), .linear(0, 1, buckets: -3)] {
            #expect(!layout.isValid)
            var h = Histogram(layout: layout)
            for v in [-3.0, 0, 0.5, 7] { h.add(v) }
            #expect(h.overflow == 4 && h.underflow == 0 && h.counts == [0], "\(layout)")
            #expect(h.quantile(0.5) != nil)
        }
    }

    @Test func mergingAnySplitInAnyOrderGivesTheSameHistogram() {
        let values = randomValues(5000, seed: 42) + [.nan, .infinity, 1e-300, 0.1, 0.2, 0.3]
        let layout = HistogramLayout.linear(-10, 900, buckets: 37)
        var whole = Histogram(layout: layout)
        for v in values { whole.add(v) }
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20 {
            var parts = (0..<1 + rng.below(9)).map { _ in Histogram(layout: layout) }
            for v in values { parts[rng.below(parts.count)].add(v) }
            parts.shuffle(using: &rng)
            var merged = Histogram(layout: layout)
            for p in parts {
                let merged1 = merged.merge(p)
                #expect(merged1)
            }
            #expect(merged == whole)
            #expect(merged.sum == whole.sum)
        }
    }

    @Test func sumIsExactAtTheFixedPointScale() {
        var a = Histogram(layout: .linear(0, 1, buckets: 2)), b = a
        for v in [0.1, 0.2, 0.3] { a.add(v) }
        for v in [0.3, 0.2, 0.1] { b.add(v) }
        #expect(a.scaledSum == b.scaledSum)
        #expect(abs(a.sum - 0.6) < 1e-9)
        var big = Histogram(layout: .linear(0, 1, buckets: 1))
        big.add(1e300); big.add(-1e300)
        #expect(big.sum == 0 && big.overflow == 1 && big.underflow == 1)
    }

    @Test func mergeRefusesADifferentLayout() {
        var a = Histogram(layout: .linear(0, 10, buckets: 5))
        a.add(3)
        var b = Histogram(layout: .linear(0, 10, buckets: 6))
        b.add(4)
        let before = a
        let accepted = a.merge(b)
        #expect(!accepted)
        #expect(a == before)
    }

    @Test(arguments: [HistogramLayout.linear(-50, 1000, buckets: 105), .log(0.5, 2000, buckets: 120)])
    func quantilesStayWithinOneBucketOfTheExactValue(layout: HistogramLayout) {
        let values = randomValues(3000, seed: 11)
        var h = Histogram(layout: layout)
        for v in values { h.add(v) }
        let sorted = values.sorted()
        #expect(h.quantile(0) == sorted.first && h.quantile(1) == sorted.last)
        for q in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
            let exact = sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
            let estimate = h.quantile(q)!
            // Within the width of the exact value's bucket (or the underflow span) on either side.
            let i = layout.bucketIndex(exact)
            let low = i < 0 ? sorted.first! : layout.bound(max(i - 1, 0))
            let high = i >= layout.buckets ? sorted.last! : layout.bound(min(i + 2, layout.buckets))
            #expect(estimate >= low && estimate <= high, "q=\(q) exact=\(exact) estimate=\(estimate)")
        }
        #expect(h.quantile(.nan) == h.quantile(0.5))
        #expect(h.quantile(-3) == sorted.first && h.quantile(7) == sorted.last)
    }

    @Test func quantilesAreMonotonic() {
        var h = Histogram(layout: .log(1, 1e5, buckets: 50))
        for v in randomValues(1000, seed: 5) { h.add(v) }
        let qs = stride(from: 0.0, through: 1.0, by: 0.01).map { h.quantile($0)! }
        #expect(zip(qs, qs.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func storedPartsRebuildTheHistogramOrAreRefused() throws {
        var h = Histogram(layout: .linear(0, 4, buckets: 4))
        for v in [-1, 0.5, 1.5, 1.6, 9, .nan] { h.add(v) }
        let rebuilt = try #require(Histogram(layout: h.layout, counts: h.counts, underflow: h.underflow, overflow: h.overflow,
                                             nanCount: h.nanCount, scaledSum: h.scaledSum, minimum: h.minimum, maximum: h.maximum))
        #expect(rebuilt == h)
        #expect(Histogram(layout: h.layout, counts: [1, 2], underflow: 0, overflow: 0, nanCount: 0,
                          scaledSum: 0, minimum: 0, maximum: 1) == nil)
        #expect(Histogram(layout: h.layout, counts: [1, -1, 0, 0], underflow: 0, overflow: 0, nanCount: 0,
                          scaledSum: 0, minimum: 0, maximum: 1) == nil)
        #expect(Histogram(layout: .log(0, 1, buckets: 1), counts: [0], underflow: 0, overflow: 0, nanCount: 0,
                          scaledSum: 0, minimum: 0, maximum: 1) == nil)
        #expect(Histogram(layout: h.layout, counts: [Int64.max, 1, 0, 0], underflow: 0, overflow: 0, nanCount: 0,
                          scaledSum: 0, minimum: 0, maximum: 1) == nil)
        #expect(Histogram(layout: h.layout, counts: [1, 0, 0, 0], underflow: 0, overflow: 0, nanCount: 0,
                          scaledSum: 0, minimum: 3, maximum: 1) == nil)
    }
}
