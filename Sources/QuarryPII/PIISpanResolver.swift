// Deterministic resolution of overlapping detections (issue 6): when detectors disagree about
// a stretch of text, one span wins and the others are dropped. The winner is the type of higher
// priority (checksum-validated and structurally unmistakable types first: PIIType.priority),
// then the longer span, then the earlier one; ties between identical spans keep one. The result
// does not depend on the order detectors ran in or appended their spans.

public enum PIISpanResolver {
    /// The spans that win, without overlaps, in text order. Spans outside `0...textLength` or
    /// empty are dropped.
    public static func resolve(_ spans: [PIISpan], textLength: Int) -> [PIISpan] {
        let valid = spans.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= textLength }
        if valid.count <= 1 { return valid }
        let ranked = valid.sorted { a, b in
            if a.type.priority != b.type.priority { return a.type.priority < b.type.priority }
            if a.length != b.length { return a.length > b.length }
            return a.start < b.start
        }
        var kept: [PIISpan] = []  // sorted by start, non-overlapping
        kept.reserveCapacity(ranked.count)
        for span in ranked {
            // The first kept span starting at or after span.start, and its left neighbour.
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if kept[mid].start < span.start { lo = mid + 1 } else { hi = mid }
            }
            if lo < kept.count, kept[lo].start < span.end { continue }
            if lo > 0, kept[lo - 1].end > span.start { continue }
            kept.insert(span, at: lo)
        }
        return kept
    }

    /// The plain twin: quadratic, for tests.
    static func resolveNaively(_ spans: [PIISpan], textLength: Int) -> [PIISpan] {
        let valid = spans.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= textLength }
        let ranked = valid.sorted { ($0.type.priority, -$0.length, $0.start) < ($1.type.priority, -$1.length, $1.start) }
        var kept: [PIISpan] = []
        for span in ranked where !kept.contains(where: { $0.overlaps(span) }) { kept.append(span) }
        return kept.sorted()
    }
}
