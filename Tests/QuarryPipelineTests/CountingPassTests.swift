// The first pass of counting stages (Execution/CountingPass.swift): the counts cover every
// task, are the same bytes for 1 or N workers (merged in corpus order, even where the order of
// first sight matters), are stored in the run directory and read back on resume instead of
// counted again, go with --fresh, and every rank of a cluster run counts the whole input.
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryTestSupport
import Testing

/// How many batches each tagged counting stage counted (tests run in parallel, so each test
/// uses its own tag).
final class CountCalls: @unchecked Sendable {
    static let shared = CountCalls()
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    func add(_ tag: String) { lock.withLock { calls[tag, default: 0] += 1 } }
    func count(_ tag: String) -> Int { lock.withLock { calls[tag, default: 0] } }
}

/// Counts documents per `source` in a first pass, then writes into each document its source's
/// count and the first three sources of the corpus in order of first sight.
struct SourceCountingStage: CorpusCountingStage {
    struct Options: StageOptions {
        var tag = ""
        init() {}
        static var fields: [OptionField<Options>] { [.init("tag", \.tag, doc: "Names this stage's count calls.")] }
    }

    struct Counts: CorpusCounts {
        var order: [String] = []
        var documents: [String: Int] = [:]
        mutating func merge(_ later: Counts) {
            for source in later.order {
                if documents[source] == nil { order.append(source) }
                documents[source, default: 0] += later.documents[source]!
            }
        }
        func encoded() -> [UInt8] { Array(order.map { "\($0)=\(documents[$0]!)" }.joined(separator: "\n").utf8) }
    }

    static let id: StageID = "source_counting_v1"
    static let summary = "Test stage: documents per source."
    let options: Options
    var counts: Counts?

    init(options: Options) throws { self.options = options }

    func makeCounts() -> Counts { Counts() }

    func count(_ documents: [Document], into counts: inout Counts) {
        CountCalls.shared.add(options.tag)
        var batch = Counts()
        for document in documents {
            let source = document.source ?? "-"
            if batch.documents[source] == nil { batch.order.append(source) }
            batch.documents[source, default: 0] += 1
        }
        counts.merge(batch)
    }

    func decodeCounts(_ bytes: [UInt8]) throws -> Counts {
        var counts = Counts()
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=")
            guard parts.count == 2, let n = Int(parts[1]) else { throw InputError(file: "counts", "bad line \(line)") }
            counts.order.append(String(parts[0]))
            counts.documents[String(parts[0])] = n
        }
        return counts
    }

    func prepared(with counts: Counts) throws -> SourceCountingStage {
        var copy = self
        copy.counts = counts
        return copy
    }

    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        guard let counts else { throw InputError(file: "", "not prepared") }
        for i in batch.documents.indices {
            batch.documents[i].metadata["source_documents"] = .int(counts.documents[batch.documents[i].source ?? "-"] ?? -1)
            batch.documents[i].metadata["first_sources"] = .string(counts.order.prefix(3).joined(separator: ","))
        }
    }
}

@Suite struct CountingPassTests {
    let f = ExecutorFixture()

    static let registry = try! StageRegistry(stages: [SourceCountingStage.self], readers: [JSONLReader.self],
                                             writers: [JSONLWriter.self, RejectsWriter.self])

    /// Three inputs (one split into several tasks) whose documents come from 7 sources, each
    /// first seen at a different place.
    func makeInputs() throws -> (path: String, perSource: [String: Int]) {
        var perSource: [String: Int] = [:]
        for (file, count) in [("a.jsonl", 2500), ("b.jsonl", 40), ("c/d.jsonl", 300)] {
            var text = ""
            for i in 0..<count {
                let source = "s\((i * 7 + file.utf8.count) % (3 + i / 600))"
                perSource[source, default: 0] += 1
                text += JSONWriter.text(of: ["id": .string("\(file)-\(i)"), "text": .string("document \(i) of \(file)"),
                                             "source": .string(source)]) + "\n"
            }
            try f.dir.write("input/" + file, text)
        }
        return (f.dir.file("input"), perSource)
    }

    func run(_ input: String, tag: String, output: String, workers: Int, fresh: Bool = false,
             rank: Int = 0, worldSize: Int = 1) throws -> RunOutcome {
        let spec = try PipelineSpec.parse("""
            version: 1
            name: counting
            input: { reader: jsonl_v1, paths: ["\(input)"], split_bytes: 16384 }
            stages: [{source_counting_v1: {tag: \(tag)}}]
            output: { writer: jsonl_writer_v1, directory: \(f.dir.file("unused")) }
            """, file: "counting.yaml")
        var options = RunOptions()
        options.workers = workers
        options.output = output
        options.fresh = fresh
        options.rank = rank
        options.worldSize = worldSize
        return try LocalExecutor(pipeline: try ResolvedPipeline(spec, registry: Self.registry, output: output), options: options).run()
    }

    /// The output documents' metadata with their `source`, by id.
    func outputs(_ directory: String) throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for (name, bytes) in try f.tree(directory) where name.hasSuffix(".jsonl.zst") && !name.hasPrefix("rejects/") {
            let text = String(decoding: try decompressed(bytes), as: UTF8.self)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                var metadata = object["metadata"] as! [String: Any]
                metadata["source"] = object["source"]
                out[object["id"] as! String] = metadata
            }
        }
        return out
    }

    func decompressed(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = f.dir.file("scratch-\(UUID().uuidString).zst")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let source = try Compression.zstd.openSource(path: path)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) { out += buffer[0..<n] }
        return out
    }

    func countsFiles(_ directory: String) throws -> [String: [UInt8]] {
        try f.tree(directory).filter { $0.key.hasPrefix("corpus-counts/") }
    }

    @Test func countsCoverEveryTaskAndAreTheSameForAnyWorkerCount() throws {
        let (input, perSource) = try makeInputs()
        let one = try run(input, tag: "workers", output: f.dir.file("one"), workers: 1)
        let four = try run(input, tag: "workers", output: f.dir.file("four"), workers: 4)
        #expect(one.succeeded && four.succeeded)
        #expect(one.tasksRun > 3, "the big file must be split into several tasks")
        let files = try countsFiles(f.dir.file("one"))
        #expect(files.keys.sorted() == ["corpus-counts/1-source_counting_v1.counts"])
        #expect(files == (try countsFiles(f.dir.file("four"))))
        let documents = try outputs(f.dir.file("one"))
        #expect(documents.count == 2840)
        // Each document carries its source's count over all tasks; the first sources are those
        // of a.jsonl's first documents, in order.
        let first = documents["a.jsonl-0"]!
        #expect(first["first_sources"] as? String == "s1,s2,s0")
        for (id, metadata) in documents {
            #expect(metadata["source_documents"] as? Int == perSource[metadata["source"] as! String], "\(id)")
        }
        #expect(try f.tree(f.dir.file("one")).filter { !$0.key.hasPrefix("corpus-counts/") }
            == (try f.tree(f.dir.file("four"))).filter { !$0.key.hasPrefix("corpus-counts/") })
    }

    @Test func aResumedRunReadsItsCountsInsteadOfCountingAgain() throws {
        let (input, _) = try makeInputs()
        let output = f.dir.file("out")
        let first = try run(input, tag: "resume", output: output, workers: 2)
        let counted = CountCalls.shared.count("resume")
        #expect(first.succeeded && counted > 0)
        let before = try f.tree(output)
        try FileManager.default.removeItem(atPath: output + "/b.jsonl.zst")
        let repaired = try run(input, tag: "resume", output: output, workers: 2)
        #expect(repaired.tasksRun == 1)
        #expect(CountCalls.shared.count("resume") == counted, "a resumed run must not count again")
        #expect(try f.tree(output) == before)

        // Damaged counts are counted again, as is a --fresh run.
        try Data("s1=1".utf8).write(to: URL(fileURLWithPath: output + "/corpus-counts/1-source_counting_v1.counts"))
        try FileManager.default.removeItem(atPath: output + "/b.jsonl.zst")
        _ = try run(input, tag: "resume", output: output, workers: 2)
        let recounted = CountCalls.shared.count("resume")
        #expect(recounted == 2 * counted)
        #expect(try f.tree(output) == before)
        _ = try run(input, tag: "resume", output: output, workers: 2, fresh: true)
        #expect(CountCalls.shared.count("resume") == 3 * counted)
        #expect(try f.tree(output) == before)
    }

    @Test func everyRankCountsTheWholeInput() throws {
        let (input, _) = try makeInputs()
        _ = try run(input, tag: "ranks-local", output: f.dir.file("local"), workers: 2)
        let output = f.dir.file("ranked")
        for rank in 0..<2 { _ = try run(input, tag: "ranks", output: output, workers: 1, rank: rank, worldSize: 2) }
        #expect(try outputs(output).mapValues { NSDictionary(dictionary: $0) }
            == (try outputs(f.dir.file("local"))).mapValues { NSDictionary(dictionary: $0) })
        let files = try countsFiles(output)
        #expect(files.keys.sorted() == ["corpus-counts/1-source_counting_v1.rank-0-of-2.counts",
                                        "corpus-counts/1-source_counting_v1.rank-1-of-2.counts"])
        #expect(Set(files.values).count == 1)
    }
}
