// StageStats: histograms are created on first observation and merged by name, dropped bytes
// are summed per reason, layout conflicts are counted instead of crashing, and a filter that
// implements `decide(_:stats:)` records its histograms through `run(on:stats:)`.
import QuarryCore
import QuarryTestSupport
import Testing

/// Drops documents shorter than 3 bytes and records each document's length.
struct MeasuringFilter: DocumentFilter {
    struct Options: StageOptions { static var fields: [OptionField<Options>] { [] } }
    static let id: StageID = "measuring_v1"
    static let summary = "Drops documents under 3 bytes, recording lengths."
    static let layout = HistogramLayout.linear(0, 10, buckets: 5)
    init(options: Options) {}
    func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        stats.observe("length", Double(document.byteCount), layout: Self.layout)
        return document.byteCount < 3 ? .drop(reason: "short") : .keep
    }
}

@Suite struct StageStatsTests {
    let layout = HistogramLayout.linear(0, 1, buckets: 4)

    @Test func observeCreatesAHistogramOnFirstUse() {
        var stats = StageStats()
        #expect(stats.histograms.isEmpty)
        stats.observe("ratio", 0.3, layout: layout)
        stats.observe("ratio", 0.8, layout: layout)
        stats.observe("other", 4, layout: .log(1, 10, buckets: 2))
        #expect(stats.histograms["ratio"]?.counts == [0, 1, 0, 1])
        #expect(stats.histograms["other"]?.counts == [0, 1])
        #expect(stats.counters.isEmpty)
    }

    @Test func aDifferentLayoutIsCountedAsAConflict() {
        var stats = StageStats()
        stats.observe("ratio", 0.3, layout: layout)
        stats.observe("ratio", 0.3, layout: .linear(0, 2, buckets: 4))
        #expect(stats.histograms["ratio"]?.count == 1)
        #expect(stats.counters[StageStats.histogramLayoutConflicts] == 1)
        var other = StageStats()
        other.observe("ratio", 0.5, layout: .linear(0, 1, buckets: 8))
        stats.merge(other)
        #expect(stats.histograms["ratio"]?.count == 1)
        #expect(stats.counters[StageStats.histogramLayoutConflicts] == 2)
    }

    @Test func mergeSumsDroppedBytesAndHistogramsInAnyOrder() {
        var rng = SplitMix64(seed: 9)
        var parts = (0..<6).map { _ in StageStats() }
        var whole = StageStats()
        for _ in 0..<500 {
            let value = Double(rng.below(1000)) / 900
            let reason = ["a", "b", "c"][rng.below(3)], bytes = Int64(rng.below(50))
            let name = rng.bool() ? "x" : "y"
            let part = rng.below(parts.count)
            parts[part].observe(name, value, layout: layout)
            parts[part].drop(reason: reason)
            parts[part].droppedBytes[reason, default: 0] += bytes
            whole.observe(name, value, layout: layout)
            whole.drop(reason: reason)
            whole.droppedBytes[reason, default: 0] += bytes
        }
        for _ in 0..<5 {
            parts.shuffle(using: &rng)
            var merged = StageStats()
            for p in parts { merged.merge(p) }
            #expect(merged == whole)
        }
    }

    @Test func filtersRecordHistogramsAndDroppedBytesThroughRun() throws {
        var batch = DocumentBatch(documents: ["a", "bb", "ccc", "dddd", "", "eeeeeeeeeeee"].enumerated().map {
            Document(id: "d\($0.offset)", text: $0.element)
        })
        var stats = StageStats()
        try MeasuringFilter(options: .init()).run(on: &batch, stats: &stats)
        #expect(batch.documents.map(\.id) == ["d2", "d3", "d5"])
        #expect(stats.dropped == ["short": 3])
        #expect(stats.droppedBytes == ["short": 3])
        let lengths = try #require(stats.histograms["length"])
        #expect(lengths.counts == [2, 2, 1, 0, 0] && lengths.overflow == 1 && lengths.count == 6)
        // The plain `decide(_:)` still answers, discarding what it records.
        #expect(MeasuringFilter(options: .init()).decide(Document(id: "x", text: "no")) == .drop(reason: "short"))
    }

    @Test func filtersThatOnlyDecideRecordNoHistograms() throws {
        var batch = DocumentBatch(documents: (0..<4).map { Document(id: "d\($0)", text: String(repeating: "x", count: $0 + 1)) })
        var stats = StageStats()
        try DropOdd(options: .init()).run(on: &batch, stats: &stats)
        #expect(stats.histograms.isEmpty)
        #expect(stats.droppedBytes == ["odd": 2 + 4])
        var scratch = StageStats()
        #expect(DropOdd(options: .init()).decide(Document(id: "d3", text: ""), stats: &scratch) == .drop(reason: "odd"))
    }
}
