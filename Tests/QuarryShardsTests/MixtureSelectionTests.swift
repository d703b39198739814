// MixtureSubset: the binned draw equals the sort-everything twin, hits its target within far
// less than a document, and depends only on the seed.
import Testing
import QuarryTestSupport
@testable import QuarryShards

@Suite struct MixtureSelectionTests {
    /// Document lengths from 1 to ~20,000 tokens, log-uniform (many short, a few long documents).
    static func lengths(_ count: Int, seed: UInt64) -> [Int] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u = Double(random.next() >> 11) * 0x1p-53
            return max(1, Int((20_000.0 * (u * u * u)).rounded()))
        }
    }

    @Test func fastEqualsSlow() {
        for (count, seed) in [(1, 1), (7, 2), (100, 3), (5_000, 4), (60_000, 5)] as [(Int, UInt64)] {
            let lengths = Self.lengths(count, seed: seed)
            let total = lengths.reduce(0, +)
            let keys = MixtureKeys(seed: seed)
            let source = MixtureKeys.sourceID(name: "s")
            for fraction in [0.0, 0.001, 0.3, 0.77, 0.999] {
                let target = Int(Double(total) * fraction)
                let fast = MixtureSubset.select(count: count, target: target, length: { lengths[$0] },
                                                key: { keys.selectionKey(source: source, document: $0) })
                let slow = MixtureSubset.selectSlow(count: count, target: target, length: { lengths[$0] },
                                                    key: { keys.selectionKey(source: source, document: $0) })
                let members = (0..<count).filter { fast.contains(document: $0, key: keys.selectionKey(source: source, document: $0)) }
                #expect(members == slow, "count \(count) fraction \(fraction)")
                #expect(fast.tokens == slow.reduce(0) { $0 + lengths[$1] })
                #expect(fast.documents == slow.count)
            }
        }
    }

    @Test func hitsTheTargetClosely() {
        let lengths = Self.lengths(20_000, seed: 9)
        let total = lengths.reduce(0, +)
        let keys = MixtureKeys(seed: 11)
        for fraction in [0.01, 0.2, 0.5, 0.9] {
            let target = Int(Double(total) * fraction)
            let subset = MixtureSubset.select(count: lengths.count, target: target, length: { lengths[$0] },
                                              key: { keys.selectionKey(source: 1, document: $0) })
            // Within 10 tokens of the target out of tens of thousands to millions.
            #expect(abs(subset.tokens - target) <= 10, "fraction \(fraction): \(subset.tokens) vs \(target)")
        }
    }

    @Test func seedChangesTheDraw() {
        let lengths = Self.lengths(1_000, seed: 1)
        func draw(_ seed: UInt64) -> [Int] {
            let keys = MixtureKeys(seed: seed)
            return MixtureSubset.selectSlow(count: 1_000, target: 50_000, length: { lengths[$0] }, key: { keys.selectionKey(source: 5, document: $0) })
        }
        #expect(draw(1) == draw(1))
        #expect(draw(1) != draw(2))
    }
}
