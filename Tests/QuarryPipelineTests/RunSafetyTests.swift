// Regression tests for what a review found in the executor: outputs that would land on
// inputs or on each other, a stage that throws, --max-errors over several attempts, inputs
// reached by several paths, an output directory inside the inputs, --fresh after a run died
// between writing and recording a task, mixed world sizes, bounded issue lists.
import Foundation
import QuarryCore
import QuarryIO
@testable import QuarryPipeline
import QuarryStats
import QuarryTestSupport
import Testing

/// A stage that fails on every batch.
struct AlwaysThrows: DocumentStage {
    struct Options: StageOptions { static var fields: [OptionField<Options>] { [] } }
    struct Failure: Error, CustomStringConvertible { var description: String { "this stage always fails" } }
    static let id: StageID = "always_throws_v1"
    static let summary = "Fails, for tests."
    init(options: Options) {}
    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws { throw Failure() }
}

@Suite struct RunSafetyTests {
    func spec(_ yaml: String) throws -> PipelineSpec { try PipelineSpec.parse(yaml, file: "t.yaml") }

    @Test func theSingleOutputFileCannotBeAnInput() throws {
        let f = ExecutorFixture()
        try f.dir.write("data/a.jsonl", ExecutorFixture.lines("a", count: 5, seed: 1))
        let before = try readBytes(f.dir.file("data/a.jsonl"))
        let s = try f.spec(input: f.dir.file("data"))
        #expect(throws: ConfigError.self) { _ = try f.run(s, output: f.dir.file("data/a.jsonl"), workers: 1, fresh: true) }
        #expect(try readBytes(f.dir.file("data/a.jsonl")) == before)
    }

    @Test func rejectsCannotLandOnInputsOrOnTheOutputs() throws {
        let f = ExecutorFixture()
        try f.compress("data/a.jsonl.zst", ExecutorFixture.lines("a", count: 5, seed: 1) + "bad line\n", .zstd)
        let before = try readBytes(f.dir.file("data/a.jsonl.zst"))
        let onInputs = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("data"))"] }
            output: { writer: jsonl_writer_v1 }
            rejects: { directory: "\(f.dir.file("data"))" }
            """)
        #expect(throws: ConfigError.self) { _ = try f.run(onInputs, output: f.dir.file("out1"), workers: 1) }
        #expect(try readBytes(f.dir.file("data/a.jsonl.zst")) == before)
        let onOutputs = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("data"))"] }
            output: { writer: jsonl_writer_v1 }
            rejects: { directory: "." }
            """)
        #expect(throws: ConfigError.self) { _ = try f.run(onOutputs, output: f.dir.file("out2"), workers: 1) }
    }

    @Test func aThrowingStageFailsItsTasksWithoutHangingTheRun() throws {
        let f = ExecutorFixture()
        for i in 0..<5 { try f.dir.write("in/\(i).jsonl", ExecutorFixture.lines("t\(i)", count: 50, seed: UInt64(i))) }
        let registry = try StageRegistry(stages: [AlwaysThrows.self], readers: [JSONLReader.self], writers: [JSONLWriter.self, RejectsWriter.self])
        let s = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("in"))"] }
            stages: [ always_throws_v1 ]
            output: { writer: jsonl_writer_v1 }
            """)
        for workers in [1, 3] {
            var options = RunOptions()
            options.workers = workers
            options.output = f.dir.file("out\(workers)")
            let outcome = try LocalExecutor(pipeline: try ResolvedPipeline(s, registry: registry), options: options).run()
            #expect(outcome.failures.count == 5)
            #expect(outcome.failures.allSatisfy { $0.contains("this stage always fails") })
            #expect(!outcome.succeeded)
            #expect(!FileInfo.exists(f.dir.file("out\(workers)/0.jsonl.zst")))
        }
    }

    @Test func maxErrorsCountsBadRecordsOfEarlierAttempts() throws {
        let f = ExecutorFixture()
        for i in 0..<4 { try f.dir.write("in/\(i).jsonl", ExecutorFixture.lines("m\(i)", count: 5, seed: 1) + "bad\nworse\n") }
        let s = try f.spec(input: f.dir.file("in"))
        var outcomes: [Bool] = []
        for _ in 0..<4 { outcomes.append(try f.run(s, output: f.dir.file("out"), workers: 1, maxErrors: 3).stoppedByErrors) }
        #expect(outcomes == [true, true, true, true])
        #expect(try f.run(s, output: f.dir.file("out"), workers: 1).succeeded)
    }

    @Test func aSingleFileNamedInThePipelineGetsItsCompression() throws {
        let f = ExecutorFixture()
        try f.dir.write("in/a.jsonl", ExecutorFixture.lines("a", count: 20, seed: 1))
        let s = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("in"))"] }
            output: { writer: jsonl_writer_v1, directory: "\(f.dir.file("out/all.jsonl.gz"))" }
            """)
        var options = RunOptions()
        options.workers = 1
        _ = try LocalExecutor(pipeline: try ResolvedPipeline(s), options: options).run()
        let bytes = try readBytes(f.dir.file("out/all.jsonl.gz"))
        #expect(bytes.prefix(2) == [0x1F, 0x8B])
    }

    @Test func aFileReachedByManyPathsIsReadOnce() throws {
        let f = ExecutorFixture()
        try f.dir.write("data/a.jsonl", ExecutorFixture.lines("a", count: 7, seed: 1))
        #expect(symlink("..", f.dir.file("data/loop")) == 0)
        let s = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("data"))", "\(f.dir.path)/./data/*.jsonl"] }
            output: { writer: jsonl_writer_v1 }
            """)
        let outcome = try f.run(s, output: f.dir.file("out.jsonl"), workers: 2)
        #expect(outcome.report.input.documents == 7)
    }

    @Test func anOutputDirectoryInsideTheInputsStillResumes() throws {
        let f = ExecutorFixture()
        try f.dir.write("data/a.jsonl", ExecutorFixture.lines("a", count: 7, seed: 1))
        let s = try f.spec(input: f.dir.file("data"))
        #expect(try f.run(s, output: f.dir.file("data/out"), workers: 1).succeeded)
        let again = try f.run(s, output: f.dir.file("data/out"), workers: 1)
        #expect(again.tasksSkipped == 1 && again.tasksRun == 0)
    }

    @Test func freshRemovesWhatATaskWroteBeforeItWasRecorded() throws {
        let f = ExecutorFixture()
        try f.dir.write("in/a.jsonl", ExecutorFixture.lines("a", count: 20, seed: 1) + "bad\n")
        let output = f.dir.file("out")
        _ = try f.run(try f.spec(input: f.dir.file("in")), output: output, workers: 1)
        // As if the process died after renaming the outputs but before recording the task done.
        let store = try RunStore(path: output + "/run.sqlite")
        try store.start(0, planned: [output + "/a.jsonl.zst", output + "/rejects/a.jsonl.zst"])
        #expect(FileInfo.exists(output + "/a.jsonl.zst") && FileInfo.exists(output + "/rejects/a.jsonl.zst"))
        let other = try spec("""
            version: 1
            input: { reader: jsonl_v1, paths: ["\(f.dir.file("in"))"] }
            output: { writer: jsonl_writer_v1, compression: gzip }
            """)
        #expect(try f.run(other, output: output, workers: 1, fresh: true).succeeded)
        #expect(!FileInfo.exists(output + "/a.jsonl.zst"))
        #expect(FileInfo.exists(output + "/a.jsonl.gz"))
    }

    @Test func worldSizesDoNotMixInOneDirectory() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let s = try f.spec(input: input)
        _ = try f.run(s, output: f.dir.file("out"), workers: 1)
        #expect(throws: ConfigError.self) { _ = try f.run(s, output: f.dir.file("out"), workers: 1, rank: 0, worldSize: 2) }
    }

    @Test func theStoreKeepsCountsOfAllBadRecordsButDetailsOfTheFirst() throws {
        let f = ExecutorFixture()
        try f.dir.write("in/a.jsonl", String(repeating: "not json\n", count: 300) + ExecutorFixture.lines("a", count: 3, seed: 1))
        let outcome = try f.run(try f.spec(input: f.dir.file("in")), output: f.dir.file("out"), workers: 1)
        #expect(outcome.report.issuesByKind == ["invalid_json": 300])
        #expect(outcome.report.issues.count == 50)  // the report shows the first 50
        let stored = try RunStore(readingFrom: f.dir.file("out/run.sqlite")).report(maxIssues: 1000).issues.count
        #expect(stored == TaskRunner.storedIssuesPerTask)
    }

    @Test func outOfRangeLevelsAreConfigurationErrors() throws {
        let f = ExecutorFixture()
        for writer in ["{ writer: jsonl_writer_v1, level: 99 }", "{ writer: jsonl_writer_v1, compression: gzip, level: 12 }"] {
            let s = try spec("""
                version: 1
                input: { reader: jsonl_v1, paths: ["\(f.dir.path)"] }
                output: \(writer)
                """)
            #expect(throws: ConfigError.self) { _ = try ResolvedPipeline(s) }
        }
    }
}
