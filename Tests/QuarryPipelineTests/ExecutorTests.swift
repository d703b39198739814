// The local executor's guarantees, in process: any worker count writes the same bytes; a run
// resumes (only missing work is redone, nothing counted twice); ranks split the tasks; bad
// records are counted and set aside; configuration errors come before any output.
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryStats
import QuarryTestSupport
import Testing

/// Builds small corpora and runs pipelines over them.
struct ExecutorFixture {
    let dir = TemporaryDirectory("quarry-exec")

    /// Lines of JSONL documents with varied text.
    static func lines(_ prefix: String, count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let words = ["alpha", "beta", "gamma", "Straße", "字", "😀", "  ", "\t", "x", "hello world", "\u{A0}"]
        var out = ""
        for i in 0..<count {
            let text = rng.string(from: words, count: Int.random(in: 0..<40, using: &rng))
                + (i % 7 == 0 ? "\r\n\n\n\nend  " : "")
            let doc: JSONValue = ["id": .string("\(prefix)-\(i)"), "text": .string(text),
                                  "metadata": ["n": .int(i), "tags": ["a", "b"]]]
            out += JSONWriter.text(of: doc) + "\n"
        }
        return out
    }

    /// Three inputs: a plain file big enough to split, a gzip file, a zstd file.
    func makeInputs() throws -> String {
        let input = dir.file("input")
        try dir.write("input/big.jsonl", Self.lines("big", count: 3000, seed: 1))
        try compress("input/sub/small.jsonl.gz", Self.lines("gz", count: 500, seed: 2), .gzip)
        try compress("input/sub/other.jsonl.zst", Self.lines("zst", count: 700, seed: 3), .zstd)
        return input
    }

    func compress(_ name: String, _ text: String, _ compression: Compression, frameEvery: Int? = nil) throws {
        let path = dir.file(name)
        try Directories.create(parentOf: path)
        let sink = try compression.openSink(path: path)
        let bytes = Array(text.utf8)
        let step = frameEvery ?? bytes.count
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            try bytes[start..<end].withUnsafeBytes { try sink.write($0) }
            try sink.endFrame()
            start = end
        }
        try sink.commit()
    }

    func spec(input: String, stages: String = "[text_normalize_v1, {length_filter_v1: {min_words: 3}}]",
              readerOptions: String = ", split_bytes: 65536", filtered: Bool = true) throws -> PipelineSpec {
        try PipelineSpec.parse("""
            version: 1
            name: fixture
            input: { reader: jsonl_v1, paths: ["\(input)"]\(readerOptions) }
            stages: \(stages)
            output: { writer: jsonl_writer_v1, directory: \(dir.file("unused")) }
            rejects: { filtered: \(filtered) }
            """, file: "fixture.yaml")
    }

    func run(_ spec: PipelineSpec, output: String, workers: Int, fresh: Bool = false, maxErrors: Int? = nil,
             rank: Int = 0, worldSize: Int = 1) throws -> RunOutcome {
        var options = RunOptions()
        options.workers = workers
        options.output = output
        options.fresh = fresh
        options.maxErrors = maxErrors
        options.rank = rank
        options.worldSize = worldSize
        return try LocalExecutor(pipeline: try ResolvedPipeline(spec, output: output), options: options).run()
    }

    /// Every file under a directory (relative path → bytes), run stores excluded.
    func tree(_ root: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let name = enumerator?.nextObject() as? String {
            let path = root + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue || name.contains(".sqlite") { continue }
            out[name] = try readBytes(path)
        }
        return out
    }
}

@Suite struct ExecutorTests {
    @Test func oneWorkerAndManyWorkersWriteTheSameBytes() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let spec = try f.spec(input: input)
        let one = try f.run(spec, output: f.dir.file("one"), workers: 1)
        let four = try f.run(spec, output: f.dir.file("four"), workers: 4)
        #expect(one.succeeded && four.succeeded)
        #expect(one.tasksRun > 3, "the big file must be split into several tasks")
        let a = try f.tree(f.dir.file("one")), b = try f.tree(f.dir.file("four"))
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(a.keys.contains("big.part-00000.jsonl.zst"))
        #expect(a.keys.contains("sub/small.jsonl.zst"))
        #expect(a.keys.contains { $0.hasPrefix("rejects/") })
        #expect(one.report.stages.map(\.stats.kept) == four.report.stages.map(\.stats.kept))
        #expect(one.report.input.documents == 4200)
    }

    @Test func singleFileOutputIsTheTasksInOrder() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let spec = try f.spec(input: input)
        let directory = try f.run(spec, output: f.dir.file("dir"), workers: 3)
        let single = try f.run(spec, output: f.dir.file("all.jsonl"), workers: 2)
        #expect(single.outputFile == f.dir.file("all.jsonl"))
        // Task order is path order: big.part-*, then sub/other, then sub/small.
        var expected: [UInt8] = []
        for name in try f.tree(f.dir.file("dir")).keys.filter({ !$0.hasPrefix("rejects/") }).sorted() {
            expected += try decompressed(f.dir.file("dir/" + name))
        }
        #expect(expected.count > 100_000)
        #expect(try readBytes(f.dir.file("all.jsonl")) == expected)
        #expect(directory.report.output.documents == single.report.output.documents)
        // Running the same command again finds the run complete and leaves the file alone.
        let again = try f.run(spec, output: f.dir.file("all.jsonl"), workers: 2)
        #expect(again.tasksRun == 0)
        #expect(try readBytes(f.dir.file("all.jsonl")) == expected)
    }

    @Test func resumeRedoesOnlyMissingWorkAndCountsNothingTwice() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let spec = try f.spec(input: input)
        let output = f.dir.file("out")
        let first = try f.run(spec, output: output, workers: 2)
        let before = try f.tree(output)
        let again = try f.run(spec, output: output, workers: 2)
        #expect(again.tasksRun == 0)
        #expect(again.tasksSkipped == first.tasksRun)
        try FileManager.default.removeItem(atPath: output + "/sub/small.jsonl.zst")
        let repaired = try f.run(spec, output: output, workers: 2)
        #expect(repaired.tasksRun == 1)
        #expect(try f.tree(output) == before)
        #expect(repaired.report == first.report.withStores(repaired.report.stores).withSecondsOf(repaired.report))
    }

    @Test func aDifferentPipelineInTheSameDirectoryNeedsFresh() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let output = f.dir.file("out")
        _ = try f.run(try f.spec(input: input), output: output, workers: 2)
        let other = try f.spec(input: input, stages: "[text_normalize_v1]")
        #expect(throws: ConfigError.self) { _ = try f.run(other, output: output, workers: 2) }
        let fresh = try f.run(other, output: output, workers: 2, fresh: true)
        #expect(fresh.succeeded)
        #expect(fresh.report.stages.count == 3)
    }

    @Test func ranksSplitTheTasksAndTheirStatsMerge() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let spec = try f.spec(input: input)
        let whole = try f.run(spec, output: f.dir.file("whole"), workers: 2)
        let output = f.dir.file("ranked")
        var runs = 0
        for rank in 0..<3 { runs += try f.run(spec, output: output, workers: 1, rank: rank, worldSize: 3).tasksRun }
        #expect(runs == whole.tasksRun)
        #expect(try f.tree(output) == (try f.tree(f.dir.file("whole"))))
        let merged = try RunStats.load([output])
        #expect(merged.stores.count == 3)
        #expect(merged.stages.map(\.stats.kept) == whole.report.stages.map(\.stats.kept))
        #expect(merged.stages.map(\.stats.dropped) == whole.report.stages.map(\.stats.dropped))
    }

    @Test func missingInputIsAConfigurationErrorBeforeAnyOutput() throws {
        let f = ExecutorFixture()
        let spec = try f.spec(input: f.dir.file("nope/*.jsonl"))
        #expect(throws: ConfigError.self) { _ = try f.run(spec, output: f.dir.file("out"), workers: 1) }
        #expect(!FileInfo.exists(f.dir.file("out")))
        let missing = try f.spec(input: f.dir.file("missing.jsonl"))
        #expect(throws: ConfigError.self) { _ = try f.run(missing, output: f.dir.file("out"), workers: 1) }
        #expect(!FileInfo.exists(f.dir.file("out")))
    }

    @Test func outputsNeverOverwriteInputs() throws {
        let f = ExecutorFixture()
        try f.compress("data/a.jsonl.zst", ExecutorFixture.lines("a", count: 10, seed: 1), .zstd)
        let spec = try f.spec(input: f.dir.file("data"))
        #expect(throws: ConfigError.self) { _ = try f.run(spec, output: f.dir.file("data"), workers: 1) }
        #expect(try readBytes(f.dir.file("data/a.jsonl.zst")).count > 0)
    }

    @Test func aSecondRunOfTheSameOutputIsRefusedWhileTheFirstHoldsIt() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let output = f.dir.file("out")
        try Directories.create(output)
        let held = open(output + "/run.sqlite.lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(held, LOCK_EX) == 0)
        #expect(throws: ConfigError.self) { _ = try f.run(try f.spec(input: input), output: output, workers: 1) }
        close(held)
        #expect(try f.run(try f.spec(input: input), output: output, workers: 1).succeeded)
    }

    @Test func maxErrorsStopsTheRun() throws {
        let f = ExecutorFixture()
        var text = ExecutorFixture.lines("m", count: 100, seed: 9)
        text += "not json\n{\"id\": 1}\n[1,2]\n"
        try f.dir.write("bad/m.jsonl", text)
        let spec = try f.spec(input: f.dir.file("bad"))
        let lenient = try f.run(spec, output: f.dir.file("a"), workers: 1)
        #expect(lenient.succeeded)
        #expect(lenient.report.issuesByKind == ["invalid_json": 2, "missing_text": 1])
        let strict = try f.run(spec, output: f.dir.file("b"), workers: 1, maxErrors: 2)
        #expect(strict.stoppedByErrors)
        #expect(!strict.succeeded)
    }

    func decompressed(_ path: String) throws -> [UInt8] {
        let source = try Compression.auto.openSource(path: path)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let event = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            guard case .bytes(let n) = event else { break }
            out += buffer[0..<n]
        }
        return out
    }
}

extension RunReport {
    func withStores(_ stores: [String]) -> RunReport {
        var copy = self
        copy.stores = stores
        return copy
    }

    /// Seconds are wall-clock measures and differ between runs; take them from `other`.
    func withSecondsOf(_ other: RunReport) -> RunReport {
        var copy = self
        for i in copy.stages.indices where i < other.stages.count { copy.stages[i].stats.seconds = other.stages[i].stats.seconds }
        return copy
    }
}
