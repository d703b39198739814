// Routed outputs (route_v1 in a run): one file per route and input shard holding exactly the
// lines the unrouted run writes for that route, in the same order; 1 or N workers write the
// same bytes; the routes met in the data are recorded before their files exist; resuming
// redoes only a task whose routed file is gone; --fresh removes routed files and their
// directories; routing mistakes are configuration errors before any output.
import Foundation
import QuarryCore
import QuarryIO
@testable import QuarryPipeline
import QuarryTestSupport
import Testing

/// A corpus with a `lang` metadata value on most documents, and runs over it.
struct RoutingFixture {
    let f = ExecutorFixture()
    static let languages: [JSONValue?] = ["en", "de", "fr", "zh-Hans", nil, "a/b", "en", "de"]

    static func lines(_ prefix: String, count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let words = ["alpha", "beta", "gamma", "Straße", "字", "😀", " ", "x", "hello world"]
        var out = ""
        for i in 0..<count {
            var metadata: JSONObject = ["n": .int(i)]
            if let lang = languages[rng.below(languages.count)] { metadata["lang"] = lang }
            let doc: JSONValue = ["id": .string("\(prefix)-\(i)"), "text": .string(rng.string(from: words, count: rng.below(30))),
                                  "metadata": .object(metadata)]
            out += JSONWriter.text(of: doc) + "\n"
        }
        return out
    }

    func makeInputs() throws -> String {
        try f.dir.write("input/big.jsonl", Self.lines("big", count: 3000, seed: 5))
        try f.compress("input/sub/small.jsonl.gz", Self.lines("gz", count: 400, seed: 6), .gzip)
        return f.dir.file("input")
    }

    static let filter = "{length_filter_v1: {min_words: 3}}"

    func spec(_ input: String, route: String? = "{route_v1: {key: lang}}") throws -> PipelineSpec {
        try f.spec(input: input, stages: "[" + [Self.filter, route].compactMap { $0 }.joined(separator: ", ") + "]")
    }

    /// Output files (relative path → bytes), rejects and run stores left out.
    func outputs(_ root: String) throws -> [String: [UInt8]] {
        try f.tree(root).filter { !$0.key.hasPrefix("rejects/") }
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

    /// The JSON lines of a file, each with its newline.
    func lines(of path: String) throws -> [[UInt8]] {
        try decompressed(path).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) + [0x0A] }
    }

    /// The route route_v1 {key: lang} gives a JSON line.
    static func route(of line: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        guard let lang = metadata["lang"] as? String, !lang.isEmpty else { return "unknown" }
        return lang == "a/b" ? "a%2Fb" : lang
    }
}

@Suite struct RoutedOutputsTests {
    @Test func eachRouteHoldsTheLinesOfTheUnroutedRunInOrder() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let plain = try r.f.run(try r.spec(input, route: nil), output: r.f.dir.file("plain"), workers: 2)
        let routed = try r.f.run(try r.spec(input), output: r.f.dir.file("routed"), workers: 2)
        #expect(plain.succeeded && routed.succeeded)
        let plainFiles = try r.outputs(r.f.dir.file("plain")), routedFiles = try r.outputs(r.f.dir.file("routed"))
        #expect(plainFiles.count > 3, "the big input must be split into several tasks")
        var expected: [String: [UInt8]] = [:]
        for stem in plainFiles.keys {
            for line in try r.lines(of: r.f.dir.file("plain/" + stem)) {
                expected[try RoutingFixture.route(of: line) + "/" + stem, default: []] += line
            }
        }
        #expect(Set(expected.keys) == Set(routedFiles.keys))
        for (name, bytes) in expected {
            #expect(try r.decompressed(r.f.dir.file("routed/" + name)) == bytes, "\(name)")
        }
        #expect(routedFiles.keys.contains("a%2Fb/big.part-00000.jsonl.zst"))
        #expect(routedFiles.keys.contains("unknown/sub/small.jsonl.zst"))
        #expect(!routedFiles.keys.contains { !$0.contains("/") }, "no main output beside the routes")
        // Counts: per route at route_v1, and the funnel adds up.
        let counters = routed.report.stages[2].stats.counters
        var perRoute: [String: Int64] = [:]
        for (name, bytes) in expected {
            perRoute["routed." + name.split(separator: "/")[0], default: 0] += Int64(bytes.filter { $0 == 0x0A }.count)
        }
        #expect(counters == perRoute)
        #expect(routed.report.output.documents == plain.report.output.documents)
        #expect(routed.report.stages.last!.stats.kept == plain.report.stages.last!.stats.kept)
    }

    @Test func oneWorkerAndManyWriteTheSameRoutedBytes() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let spec = try r.spec(input, route: "{route_v1: {key: lang, values: [en, zh-Hans]}}")
        let one = try r.f.run(spec, output: r.f.dir.file("one"), workers: 1)
        let three = try r.f.run(spec, output: r.f.dir.file("three"), workers: 3)
        let a = try r.f.tree(r.f.dir.file("one"))
        #expect(a == (try r.f.tree(r.f.dir.file("three"))))
        #expect(Set(a.keys.compactMap { $0.split(separator: "/").first.map(String.init) }) == ["en", "zh-Hans", "other", "unknown", "rejects"])
        #expect(one.report.stages.map(\.stats.counters) == three.report.stages.map(\.stats.counters))
    }

    @Test func otherAndMissingCanDrop() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let spec = try r.spec(input, route: "{route_v1: {key: lang, values: [en, de], other: drop, missing: drop}}")
        let outcome = try r.f.run(spec, output: r.f.dir.file("out"), workers: 2)
        let routes = Set(try r.outputs(r.f.dir.file("out")).keys.map { String($0.split(separator: "/")[0]) })
        #expect(routes == ["en", "de"])
        let stage = outcome.report.stages[2].stats
        #expect(stage.dropped.keys.sorted() == ["route.lang.missing", "route.lang.not_listed"])
        #expect(stage.kept == (stage.counters["routed.en"] ?? 0) + (stage.counters["routed.de"] ?? 0))
        #expect(stage.kept == outcome.report.output.documents)
    }

    @Test func resumeRedoesOnlyTheTaskWhoseRoutedFileIsGone() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let spec = try r.spec(input)
        let output = r.f.dir.file("out")
        let first = try r.f.run(spec, output: output, workers: 2)
        let before = try r.f.tree(output)
        let again = try r.f.run(spec, output: output, workers: 2)
        #expect(again.tasksRun == 0 && again.tasksSkipped == first.tasksRun)
        try FileManager.default.removeItem(atPath: output + "/fr/sub/small.jsonl.zst")
        let repaired = try r.f.run(spec, output: output, workers: 2)
        #expect(repaired.tasksRun == 1)
        #expect(try r.f.tree(output) == before)
        #expect(repaired.report.stages.map(\.stats.counters) == first.report.stages.map(\.stats.counters))
    }

    @Test func aTaskThatDiedMidwayIsRedoneAndFreshRemovesEveryRoute() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let spec = try r.spec(input)
        let output = r.f.dir.file("out")
        _ = try r.f.run(spec, output: output, workers: 2)
        let before = try r.f.tree(output)
        // As if the process died after renaming a task's routed files but before recording it done.
        let store = try RunStore(path: output + "/run.sqlite")
        let task = try #require(try store.tasks().first { $0.split.path.hasSuffix("small.jsonl.gz") })
        try store.start(task.index, planned: task.outputs)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: output + "/de/sub/small.jsonl.zst.tmp"))
        let resumed = try r.f.run(spec, output: output, workers: 2)
        #expect(resumed.tasksRun == 1)
        #expect(try r.f.tree(output) == before)
        // --fresh with another pipeline: every routed file, temporary ones and the emptied route
        // directories go.
        try Data("partial".utf8).write(to: URL(fileURLWithPath: output + "/en/big.part-00000.jsonl.zst.tmp"))
        let other = try r.spec(input, route: nil)
        #expect(try r.f.run(other, output: output, workers: 2, fresh: true).succeeded)
        let after = try FileManager.default.contentsOfDirectory(atPath: output)
        for route in ["en", "de", "fr", "zh-Hans", "unknown", "a%2Fb"] { #expect(!after.contains(route), "\(route) is left") }
        #expect(after.contains("big.part-00000.jsonl.zst"))
    }

    @Test func routesMetInTheDataAreRecordedBeforeTheirFilesExist() throws {
        let r = RoutingFixture()
        // One task of two batches (a batch holds at most 4096 records); a stage before route_v1
        // fails on the second, after the first was routed and written under temporary names.
        try r.f.dir.write("one/a.jsonl", RoutingFixture.lines("a", count: 5000, seed: 7))
        let output = r.f.dir.file("out")
        let registry = try StageRegistry(stages: StageRegistry.builtinStages + [FailOnDocument.self],
                                         readers: StageRegistry.builtinReaders, writers: StageRegistry.builtinWriters)
        let spec = try r.f.spec(input: r.f.dir.file("one"), stages: "[{fail_on_document_v1: {id: a-4500}}, {route_v1: {key: lang}}]",
                                readerOptions: "")
        var options = RunOptions()
        options.workers = 2
        options.output = output
        let outcome = try LocalExecutor(pipeline: try ResolvedPipeline(spec, registry: registry, output: output), options: options).run()
        #expect(outcome.failures.count == 1)
        let store = try RunStore(readingFrom: output + "/run.sqlite")
        let failed = try #require(try store.tasks().first)
        #expect(failed.state == .failed)
        for route in ["en", "de", "fr", "zh-Hans", "a%2Fb", "unknown"] {
            #expect(failed.outputs.contains(output + "/\(route)/a.jsonl.zst"), "\(route) not recorded")
            #expect(!FileInfo.exists(output + "/\(route)/a.jsonl.zst.tmp"), "the failed task's temporary file stays")
            #expect(!FileInfo.exists(output + "/\(route)/a.jsonl.zst"))
        }
    }

    @Test func routingMistakesAreConfigurationErrorsBeforeAnyOutput() throws {
        let r = RoutingFixture()
        let input = try r.makeInputs()
        let cases = [
            "[{route_v1: {key: lang}}, \(RoutingFixture.filter)]",                          // not last
            "[{route_v1: {key: lang}}, {route_v1: {key: n}}]",                              // twice
            "[{route_v1: {key: lang, values: [en, rejects]}}]",                             // the rejects directory
            "[{route_v1: {key: lang, missing: corpus-counts}}]",                            // a directory the run uses
        ]
        for (i, stages) in cases.enumerated() {
            let spec = try r.f.spec(input: input, stages: stages)
            #expect(throws: ConfigError.self, "\(stages)") { _ = try r.f.run(spec, output: r.f.dir.file("out\(i)"), workers: 1) }
            #expect(!FileInfo.exists(r.f.dir.file("out\(i)")))
        }
        #expect(throws: ConfigError.self) { _ = try r.f.run(try r.spec(input), output: r.f.dir.file("one.jsonl"), workers: 1) }
        #expect(!FileInfo.exists(r.f.dir.file("one.jsonl.run")))
    }

    @Test func aValueNamingADirectoryTheRunUsesFailsItsTask() throws {
        let r = RoutingFixture()
        try r.f.dir.write("in/a.jsonl", #"{"id": "1", "text": "a b c", "metadata": {"lang": "rejects"}}"# + "\n")
        let outcome = try r.f.run(try r.f.spec(input: r.f.dir.file("in"), stages: "[{route_v1: {key: lang}}]"),
                                  output: r.f.dir.file("out"), workers: 1)
        #expect(outcome.failures.count == 1)
        #expect(outcome.failures.first?.contains("rejects") == true)
    }
}

/// A test stage that throws when it meets the document with a given id.
struct FailOnDocument: DocumentStage {
    struct Options: StageOptions {
        var id = ""
        init() {}
        static var fields: [OptionField<Options>] { [.init("id", \.id, doc: "The id that fails.")] }
    }
    struct Failure: Error {}
    static let id: StageID = "fail_on_document_v1"
    static let summary = "Fails on one document (tests)."
    let options: Options
    init(options: Options) throws { self.options = options }
    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        if batch.documents.contains(where: { $0.id == options.id }) { throw Failure() }
    }
}
