// Overlap resolution: higher-priority types win, then longer spans, then earlier ones; the
// result never overlaps, does not depend on input order, and equals the plain quadratic twin
// on random span sets.
import Testing
@testable import QuarryPII

@Suite struct PIISpanResolverTests {
    @Test func priorityThenLengthThenStart() {
        let spans = [PIISpan(.phone, start: 0, end: 20), PIISpan(.creditCard, start: 2, end: 21), PIISpan(.person, start: 25, end: 30),
                     PIISpan(.streetAddress, start: 24, end: 40), PIISpan(.email, start: 50, end: 60), PIISpan(.email, start: 55, end: 70)]
        let resolved = PIISpanResolver.resolve(spans, textLength: 100)
        #expect(resolved == [PIISpan(.creditCard, start: 2, end: 21), PIISpan(.streetAddress, start: 24, end: 40),
                             PIISpan(.email, start: 55, end: 70)])
    }

    @Test func dropsEmptyAndOutOfRangeSpansAndDuplicates() {
        let spans = [PIISpan(.email, start: 5, end: 5), PIISpan(.email, start: 8, end: 12), PIISpan(.phone, start: 3, end: 9),
                     PIISpan(.email, start: 0, end: 3), PIISpan(.email, start: 0, end: 3)]
        #expect(PIISpanResolver.resolve(spans, textLength: 10) == [PIISpan(.email, start: 0, end: 3), PIISpan(.phone, start: 3, end: 9)])
    }

    @Test func matchesTheNaiveTwinWhateverTheOrder() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<300 {
            let spans = (0..<next(25)).map { _ -> PIISpan in
                let start = next(200)
                return PIISpan(PIIType.allCases[next(PIIType.allCases.count)], start: start, end: start + 1 + next(30))
            }
            let fast = PIISpanResolver.resolve(spans, textLength: 220)
            #expect(fast == PIISpanResolver.resolveNaively(spans, textLength: 220))
            #expect(fast == PIISpanResolver.resolve(spans.reversed(), textLength: 220))
            for (a, b) in zip(fast, fast.dropFirst()) { #expect(a.end <= b.start) }
        }
    }
}
