// Run store schema 2: dropped bytes per reason and histograms round-trip through run.sqlite,
// only done tasks count, any worker count gives the same merged histograms, a schema 1 store
// still reads (without them) and resuming one is refused with a clear message, and damaged
// histogram rows are left out and counted instead of crashing.
import Foundation
import QuarryCore
import QuarryIO
@testable import QuarryPipeline
import QuarryStats
import QuarryTestSupport
import Testing

/// Drops documents under 40 bytes, recording every document's length in bytes (log buckets)
/// and its share of ASCII letters (linear buckets).
struct MeasuringLengthFilter: DocumentFilter {
    struct Options: StageOptions { static var fields: [OptionField<Options>] { [] } }
    static let id: StageID = "measuring_length_v1"
    static let summary = "Drops documents under 40 bytes, recording lengths; for tests."
    static let lengthLayout = HistogramLayout.log(1, 10_000, buckets: 40)
    static let letterLayout = HistogramLayout.linear(0, 1, buckets: 20)
    init(options: Options) {}

    func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        let bytes = document.byteCount
        stats.observe("length_bytes", Double(bytes), layout: Self.lengthLayout)
        let letters = document.text.utf8.filter { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }.count
        stats.observe("letter_share", bytes == 0 ? .nan : Double(letters) / Double(bytes), layout: Self.letterLayout)
        return bytes < 40 ? .drop(reason: "under_40_bytes") : .keep
    }
}

@Suite struct RunStoreHistogramTests {
    func stats(seed: UInt64) -> StageStats {
        var rng = SplitMix64(seed: seed)
        var s = StageStats()
        s.documentsIn = 100
        s.kept = 90
        s.drop(reason: "short", by: 6)
        s.drop(reason: "unreported", by: 4)
        s.droppedBytes["short"] = 6 * 17
        for _ in 0..<100 {
            s.observe("ratio", Double(rng.below(1200)) / 1000 - 0.1, layout: .linear(0, 1, buckets: 10))
            s.observe("length", Double(rng.below(5000)), layout: .log(1, 1000, buckets: 12))
        }
        s.observe("ratio", .nan, layout: .linear(0, 1, buckets: 10))
        s.observe("empty_later", .nan, layout: .linear(0, 1, buckets: 3))
        return s
    }

    func result(_ stats: StageStats) -> TaskResult {
        TaskResult(stages: [StageReport(position: 0, id: "jsonl_v1", stats: StageStats()),
                            StageReport(position: 1, id: "some_filter_v1", stats: stats)],
                   samples: [], issues: [], issueCounts: [:], outputs: [], mainOutputs: [], outputFileBytes: 0, seconds: 0)
    }

    func split(_ index: Int) -> InputSplit {
        InputSplit(path: "/in/a.jsonl", name: "a.jsonl", start: Int64(index) * 10, end: Int64(index + 1) * 10,
                   part: index, parts: 3)
    }

    @Test func droppedBytesAndHistogramsRoundTripForDoneTasksOnly() throws {
        let dir = TemporaryDirectory("quarry-store-hist")
        let path = dir.file("run.sqlite")
        let store = try RunStore(path: path)
        try store.recordTasks((0..<3).map { TaskRecord(index: $0, split: split($0)) })
        let a = stats(seed: 1), b = stats(seed: 2), c = stats(seed: 3)
        try store.complete(0, result(a))
        try store.complete(1, result(b))
        try store.complete(2, result(c))
        try store.reset(2)  // task 2 will run again: its results no longer count
        let report = try RunStore(readingFrom: path).report()
        var expected = a
        expected.merge(b)
        let row = try #require(report.stages.first { $0.position == 1 })
        #expect(row.stats.histograms == expected.histograms)
        #expect(row.stats.droppedBytes == ["short": 204])
        #expect(row.stats.dropped == ["short": 12, "unreported": 8])
        #expect(row.stats.histograms["ratio"]?.nanCount == 2)
        #expect(row.stats.histograms["empty_later"]?.count == 0)
        #expect(row.stats.counters.isEmpty)
        // Both ways of merging (tasks in the store, ranks in the report) agree.
        var viaReports = try RunStore(readingFrom: path).report()
        viaReports.merge(try RunStore(readingFrom: path).report())
        var twice = expected
        twice.merge(expected)
        #expect(viaReports.stages[1].stats.histograms == twice.histograms)
    }

    @Test func damagedHistogramRowsAreCountedNotCrashedOn() throws {
        let dir = TemporaryDirectory("quarry-store-hist")
        let path = dir.file("run.sqlite")
        let store = try RunStore(path: path)
        try store.recordTasks((0..<2).map { TaskRecord(index: $0, split: split($0)) })
        try store.complete(0, result(stats(seed: 1)))
        try store.complete(1, result(stats(seed: 2)))
        try store.db.execute("UPDATE stage_histograms SET counts = '[1,x]' WHERE task = 0 AND name = 'ratio'")
        try store.db.execute("UPDATE stage_histograms SET scaled_sum = 'many' WHERE task = 1 AND name = 'length'")
        try store.db.execute("UPDATE stage_histograms SET buckets = 99999 WHERE task = 1 AND name = 'empty_later'")
        let row = try RunStore(readingFrom: path).report().stages[1]
        #expect(row.stats.counters[RunStore.unreadableHistograms] == 3)
        #expect(row.stats.histograms["ratio"] == stats(seed: 2).histograms["ratio"])
        #expect(row.stats.histograms["length"] == stats(seed: 1).histograms["length"])
        #expect(RunStore.parseCounts("[]") == [] && RunStore.parseCounts("[3,0,12]") == [3, 0, 12])
        #expect(RunStore.parseCounts("[1,,2]") == nil && RunStore.parseCounts("[-1]") == nil && RunStore.parseCounts("3") == nil)
    }

    /// A store as a schema 1 build left it: the old tables only.
    func writeSchema1Store(at path: String) throws {
        try Directories.create(parentOf: path)
        let db = try SQLiteDatabase(path: path)
        try db.execute("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE tasks (idx INTEGER PRIMARY KEY, path TEXT NOT NULL, name TEXT NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER, part INTEGER NOT NULL, parts INTEGER NOT NULL,
                state TEXT NOT NULL, outputs TEXT NOT NULL DEFAULT '[]', main_outputs TEXT NOT NULL DEFAULT '[]',
                output_bytes INTEGER NOT NULL DEFAULT 0, seconds REAL NOT NULL DEFAULT 0, finished_at TEXT);
            CREATE TABLE stage_stats (task INTEGER NOT NULL, position INTEGER NOT NULL, stage TEXT NOT NULL,
                documents_in INTEGER NOT NULL, kept INTEGER NOT NULL, bytes_in INTEGER NOT NULL,
                bytes_out INTEGER NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (task, position));
            CREATE TABLE stage_drops (task INTEGER NOT NULL, position INTEGER NOT NULL, reason TEXT NOT NULL,
                count INTEGER NOT NULL, PRIMARY KEY (task, position, reason));
            CREATE TABLE stage_counters (task INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
                value INTEGER NOT NULL, PRIMARY KEY (task, position, name));
            CREATE TABLE rejected_samples (task INTEGER NOT NULL, position INTEGER NOT NULL, stage TEXT NOT NULL,
                reason TEXT NOT NULL, seq INTEGER NOT NULL, document_id TEXT NOT NULL, text TEXT NOT NULL);
            CREATE TABLE input_issue_counts (task INTEGER NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (task, kind));
            CREATE TABLE input_issues (task INTEGER NOT NULL, seq INTEGER NOT NULL, file TEXT NOT NULL,
                offset INTEGER NOT NULL, offset_is_compressed INTEGER NOT NULL, line INTEGER, kind TEXT NOT NULL,
                message TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '1'), ('pipeline_name', 'old'), ('identity', 'old run');
            INSERT INTO tasks (idx, path, name, start, part, parts, state) VALUES (0, '/in/a.jsonl', 'a.jsonl', 0, 0, 1, 'done');
            INSERT INTO stage_stats VALUES (0, 0, 'jsonl_v1', 10, 10, 500, 500, 0.1), (0, 1, 'length_filter_v1', 10, 7, 500, 450, 0.1);
            INSERT INTO stage_drops VALUES (0, 1, 'too_few_words', 3);
            """)
    }

    @Test func aSchema1StoreStillReadsWithoutBytesOrHistograms() throws {
        let dir = TemporaryDirectory("quarry-store-hist")
        try writeSchema1Store(at: dir.file("run/run.sqlite"))
        let report = try RunStats.load([dir.file("run")])
        #expect(report.pipelineName == "old")
        #expect(report.stages.map(\.id) == ["jsonl_v1", "length_filter_v1"])
        #expect(report.stages[1].stats.dropped == ["too_few_words": 3])
        #expect(report.stages[1].stats.droppedBytes.isEmpty && report.stages[1].stats.histograms.isEmpty)
        let text = TerminalReport.render(report)
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  too_few_words") && $0.hasSuffix("-") })
    }

    @Test func resumingASchema1StoreIsRefusedNamingTheVersion() throws {
        let f = ExecutorFixture()
        try f.dir.write("in/a.jsonl", ExecutorFixture.lines("a", count: 5, seed: 1))
        try writeSchema1Store(at: f.dir.file("out/run.sqlite"))
        let spec = try f.spec(input: f.dir.file("in"))
        do {
            _ = try f.run(spec, output: f.dir.file("out"), workers: 1)
            Issue.record("a schema 1 store was resumed")
        } catch {
            #expect("\(error)".contains("schema 1") && "\(error)".contains("--fresh"), "\(error)")
        }
        #expect(try f.run(spec, output: f.dir.file("out"), workers: 1, fresh: true).succeeded)
    }

    @Test func aFilterThatMeasuresGetsTheSameHistogramsWithAnyWorkerCount() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let registry = try StageRegistry(stages: StageRegistry.builtinStages + [MeasuringLengthFilter.self],
                                         readers: StageRegistry.builtinReaders, writers: StageRegistry.builtinWriters)
        let spec = try f.spec(input: input, stages: "[measuring_length_v1]")
        var reports: [RunReport] = []
        for (name, workers) in [("one", 1), ("three", 3)] {
            var options = RunOptions()
            options.workers = workers
            options.output = f.dir.file(name)
            let outcome = try LocalExecutor(pipeline: try ResolvedPipeline(spec, registry: registry, output: options.output),
                                            options: options).run()
            #expect(outcome.succeeded && outcome.tasksRun > 3)
            reports.append(try RunStats.load([f.dir.file(name)]))
        }
        let one = try #require(reports[0].stages.first { $0.id == "measuring_length_v1" })
        let three = try #require(reports[1].stages.first { $0.id == "measuring_length_v1" })
        #expect(one.stats.histograms == three.stats.histograms)
        #expect(one.stats.droppedBytes == three.stats.droppedBytes)
        let lengths = try #require(one.stats.histograms["length_bytes"])
        #expect(lengths.count == one.stats.documentsIn && lengths.count == 4200)
        let dropped = try #require(one.stats.dropped["under_40_bytes"])
        #expect(dropped > 0 && one.stats.kept + dropped == 4200)
        let droppedBytes = try #require(one.stats.droppedBytes["under_40_bytes"])
        #expect(droppedBytes >= 0 && droppedBytes < 40 * dropped)
        // Every dropped document is under 40 bytes: the buckets below 40 hold at least them.
        let below40 = (0..<40).filter { MeasuringLengthFilter.lengthLayout.bound($0 + 1) <= 40 }
            .reduce(Int64(0)) { $0 + lengths.counts[$1] } + lengths.underflow
        #expect(below40 <= dropped)
        #expect(one.stats.histograms["letter_share"]?.nanCount == lengths.underflow)
        let text = TerminalReport.render(reports[0])
        #expect(text.contains("Histograms"))
        #expect(text.contains("length_bytes") && text.contains("letter_share"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  under_40_bytes") })
    }
}
