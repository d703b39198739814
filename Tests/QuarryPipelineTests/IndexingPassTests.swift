// The phases of index stages as the executor drives them (Execution/IndexingPass.swift,
// StagePreparation.swift, RunPhases.swift), with a test double: a stage that drops every
// document whose text was seen earlier in the corpus, keeping its sketches, buckets and
// decisions as text files in its work directory. Checked: the kept documents are the first
// occurrences in input order, for any worker count and through counting and index stages in
// one walk; the work directories; a resumed run redoes only missing work; --fresh; the phase
// commands on one machine and on two ranks give the local run's documents; the phase rules
// (errors before any output, naming the phase to run); the context given to buildIndex.
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryTestSupport
import Testing

/// Drops documents whose text (lowercased, with `lowercase`) was seen before in the corpus.
struct SeenTextStage: CorpusIndexStage {
    struct Options: StageOptions {
        var tag = ""
        var lowercase = false
        init() {}
        static var fields: [OptionField<Options>] {
            [.init("tag", \.tag, doc: "Names this stage's calls in CountCalls."),
             .init("lowercase", \.lowercase, doc: "Compare texts lowercased.")]
        }
    }

    static let id: StageID = "seen_text_v1"
    static let summary = "Test stage: drops documents whose text was seen before."
    let options: Options
    var dropped: Set<UInt64>?

    init(options: Options) throws { self.options = options }

    /// FNV-1a 64 of the (lowercased) text, as 16 hex digits.
    func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (options.lowercase ? text.lowercased() : text).utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One line per document: its key, its text hash.
    func sketch(_ batch: DocumentBatch) -> [String] {
        CountCalls.shared.add(options.tag + ".sketch")
        return batch.documents.indices.map { "\(batch.key($0).rawValue) \(hash(batch.documents[$0].text))" }
    }

    final class Writer: CorpusSketchWriter {
        let path: String
        let fails: Bool
        var text = ""
        init(path: String, fails: Bool) {
            self.path = path
            self.fails = fails
        }
        func append(_ sketches: [String]) throws {
            if fails { throw InputError(file: path, "disk full (test)") }
            for line in sketches { text += line + "\n" }
        }
        func commit() throws { try SeenTextStage.writeAtomically(text, to: path) }
        func abort() { text = "" }
    }

    static func writeAtomically(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
        guard rename(path + ".tmp", path) == 0 else { throw InputError(file: path, "cannot rename") }
    }

    static func lines(_ path: String) throws -> [Substring] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "missing") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }

    func openSketchWriter(directory: String, task: Int) throws -> any CorpusSketchWriter<[String]> {
        Writer(path: directory + "/sketches-\(task).txt", fails: FailingTasks.shared.fails(options.tag, task))
    }

    func hasSketches(directory: String, task: Int) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/sketches-\(task).txt")
    }

    /// Buckets: share r of W holds the sketches whose hash's first digit is r modulo W, sorted.
    /// Clusters: in each hash, every key but the smallest is dropped.
    func buildIndex(_ context: CorpusIndexContext) throws {
        CountCalls.shared.add(options.tag + ".build")
        let shares = context.step == .all ? 1 : context.worldSize
        try Self.writeAtomically("memory=\(context.memoryBytes) workers=\(context.workers) tasks=\(context.tasks)\n",
                                 to: context.directory + "/context-\(context.step)-\(context.rank)-of-\(context.worldSize).txt")
        if context.step != .clusters {
            let rank = context.step == .all ? 0 : context.rank
            let path = context.directory + "/buckets-\(rank)-of-\(shares).txt"
            if !FileManager.default.fileExists(atPath: path) {
                var share: [(hash: Substring, key: UInt64)] = []
                for task in context.tasks {
                    for line in try Self.lines(context.directory + "/sketches-\(task).txt") {
                        let parts = line.split(separator: " ")
                        if Int(String(parts[1].first!), radix: 16)! % shares == rank { share.append((parts[1], UInt64(parts[0])!)) }
                    }
                }
                share.sort { ($0.hash, $0.key) < ($1.hash, $1.key) }
                try Self.writeAtomically(share.map { "\($0.hash) \($0.key)\n" }.joined(), to: path)
            }
        }
        if context.step != .buckets {
            var first: [Substring: UInt64] = [:]
            var dropped: [UInt64] = []
            for rank in 0..<shares {
                for line in try Self.lines(context.directory + "/buckets-\(rank)-of-\(shares).txt") {
                    let parts = line.split(separator: " ")
                    if first[parts[0]] == nil { first[parts[0]] = UInt64(parts[1])! } else { dropped.append(UInt64(parts[1])!) }
                }
            }
            try Self.writeAtomically(dropped.sorted().map { "\($0)\n" }.joined(), to: context.directory + "/decisions.txt")
        }
    }

    func indexIsComplete(directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/decisions.txt")
    }

    func prepared(directory: String) throws -> SeenTextStage {
        var copy = self
        copy.dropped = Set(try Self.lines(directory + "/decisions.txt").map { UInt64($0)! })
        return copy
    }

    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        guard let dropped else { throw InputError(file: "", "not prepared") }
        let keys = batch.documents.indices.map { batch.key($0).rawValue }
        var i = 0
        batch.drop { _ in
            defer { i += 1 }
            return dropped.contains(keys[i]) ? "seen_duplicate" : nil
        }
    }
}

/// Tasks whose sketch writer fails, by stage tag (tests run in parallel).
final class FailingTasks: @unchecked Sendable {
    static let shared = FailingTasks()
    private let lock = NSLock()
    private var tasks: [String: Int] = [:]
    func set(_ tag: String, _ task: Int?) { lock.withLock { tasks[tag] = task } }
    func fails(_ tag: String, _ task: Int) -> Bool { lock.withLock { tasks[tag] == task } }
}

@Suite struct IndexingPassTests {
    let f = ExecutorFixture()

    static let registry = try! StageRegistry(stages: [SeenTextStage.self, SourceCountingStage.self], readers: [JSONLReader.self],
                                             writers: [JSONLWriter.self, RejectsWriter.self])

    /// Three inputs (one split into several tasks) of short texts with many repeats, some
    /// differing only in case; returns the input directory and the ids a naive pass keeps
    /// (first exact occurrence, then first lowercased occurrence, in input order).
    func makeInputs() throws -> (path: String, kept: [String]) {
        var seen = Set<String>(), seenLower = Set<String>()
        var kept: [String] = []
        for (file, count) in [("a.jsonl", 2000), ("b.jsonl", 60), ("c/d.jsonl", 400)] {
            var text = ""
            for i in 0..<count {
                let n = (i * 37 + file.utf8.count * 11) % 700
                let body = n % 3 == 0 ? "Text number \(n / 2)" : "text number \(n)"
                let id = "\(file)-\(i)"
                if seen.insert(body).inserted, seenLower.insert(body.lowercased()).inserted { kept.append(id) }
                text += JSONWriter.text(of: ["id": .string(id), "text": .string(body), "source": .string("s\(n % 5)")]) + "\n"
            }
            try f.dir.write("input/" + file, text)
        }
        return (f.dir.file("input"), kept)
    }

    func spec(_ input: String, tag: String) throws -> PipelineSpec {
        try PipelineSpec.parse("""
            version: 1
            name: indexing
            input: { reader: jsonl_v1, paths: ["\(input)"], split_bytes: 16384 }
            stages:
              - source_counting_v1: { tag: \(tag) }
              - seen_text_v1: { tag: \(tag) }
              - seen_text_v1: { tag: \(tag)-lower, lowercase: true }
            output: { writer: jsonl_writer_v1, directory: \(f.dir.file("unused")), compression: none }
            rejects: { filtered: true }
            """, file: "indexing.yaml")
    }

    func run(_ input: String, tag: String, output: String, workers: Int = 2, fresh: Bool = false, phase: RunPhase = .all,
             rank: Int = 0, worldSize: Int = 1, memory: Int? = nil) throws -> RunOutcome {
        var options = RunOptions()
        options.workers = workers
        options.output = output
        options.fresh = fresh
        options.phase = phase
        options.rank = rank
        options.worldSize = worldSize
        if let memory { options.memoryBytes = memory }
        return try LocalExecutor(pipeline: try ResolvedPipeline(try spec(input, tag: tag), registry: Self.registry, output: output),
                                 options: options).run()
    }

    /// The ids of the kept documents of a run directory, in task order then input order.
    func keptIDs(_ directory: String) throws -> [String] {
        var ids: [String] = []
        for (name, bytes) in try f.tree(directory).sorted(by: { $0.key < $1.key })
        where name.hasSuffix(".jsonl") && !name.hasPrefix("rejects/") && !name.hasPrefix("dedup/") {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                ids.append(object["id"] as! String)
            }
        }
        return ids
    }

    /// The outputs of a run (documents and rejects), without the run store and work files.
    func outputs(_ directory: String) throws -> [String: [UInt8]] {
        try f.tree(directory).filter { !$0.key.hasPrefix("dedup/") && !$0.key.hasPrefix("corpus-counts/") }
    }

    func expectConfigError(_ mentioning: String, _ body: () throws -> RunOutcome) {
        do {
            _ = try body()
            Issue.record("expected a configuration error mentioning '\(mentioning)'")
        } catch let error as ConfigError {
            #expect(error.message.contains(mentioning), "\(error.message)")
        } catch {
            Issue.record("expected a ConfigError, got \(error)")
        }
    }

    @Test func keepsFirstOccurrencesThroughCountingAndIndexStagesForAnyWorkerCount() throws {
        let (input, kept) = try makeInputs()
        let one = try run(input, tag: "idx-workers", output: f.dir.file("one"), workers: 1)
        let three = try run(input, tag: "idx-workers", output: f.dir.file("three"), workers: 3)
        #expect(one.succeeded && three.succeeded)
        #expect(one.tasksRun > 3, "the big file must be split into several tasks")
        #expect(try keptIDs(f.dir.file("one")).sorted() == kept.sorted())
        #expect(kept.count < 2460 / 2, "the corpus must have many duplicates")
        #expect(try outputs(f.dir.file("one")) == (try outputs(f.dir.file("three"))))
        let tree = try f.tree(f.dir.file("one"))
        #expect(tree.keys.contains("dedup/2-seen_text_v1/decisions.txt"))
        #expect(tree.keys.contains("dedup/3-seen_text_v1/decisions.txt"))
        #expect(tree.keys.contains("dedup/2-seen_text_v1/sketches-0.txt"))
        // Stage 3 sketches only what stage 2 keeps; the counting stage still counted everything.
        let lines = { (name: String) in String(decoding: tree[name]!, as: UTF8.self).split(separator: "\n").count }
        let sketched2 = (0..<one.tasksRun).map { lines("dedup/2-seen_text_v1/sketches-\($0).txt") }.reduce(0, +)
        let sketched3 = (0..<one.tasksRun).map { lines("dedup/3-seen_text_v1/sketches-\($0).txt") }.reduce(0, +)
        #expect(sketched2 == 2460)
        #expect(sketched3 < sketched2 && sketched3 > kept.count)
        let drops = one.report.stages.map { $0.stats.dropped["seen_duplicate"] ?? 0 }
        #expect(drops == [0, 0, Int64(2460 - sketched3), Int64(sketched3 - kept.count), 0])
    }

    @Test func aResumedRunRedoesOnlyMissingWorkAndFreshStartsOver() throws {
        let (input, _) = try makeInputs()
        let output = f.dir.file("out")
        let first = try run(input, tag: "idx-resume", output: output)
        let (sketches, builds) = (CountCalls.shared.count("idx-resume.sketch"), CountCalls.shared.count("idx-resume.build"))
        #expect(first.succeeded && sketches > 0 && builds == 1)
        let before = try outputs(output)

        // An output gone: the indexes are complete and used as they are.
        try FileManager.default.removeItem(atPath: output + "/b.jsonl")
        #expect(try run(input, tag: "idx-resume", output: output).tasksRun == 1)
        #expect(CountCalls.shared.count("idx-resume.sketch") == sketches && CountCalls.shared.count("idx-resume.build") == builds)
        #expect(try outputs(output) == before)

        // Killed in stage 3's phases: one task's sketches and the decisions are missing. Stage 2
        // is not redone, stage 3 sketches the one task again and builds its index again.
        let lowerSketches = CountCalls.shared.count("idx-resume-lower.sketch")
        try FileManager.default.removeItem(atPath: output + "/b.jsonl")
        try FileManager.default.removeItem(atPath: output + "/dedup/3-seen_text_v1/sketches-1.txt")
        try FileManager.default.removeItem(atPath: output + "/dedup/3-seen_text_v1/decisions.txt")
        _ = try run(input, tag: "idx-resume", output: output)
        #expect(CountCalls.shared.count("idx-resume.sketch") == sketches)
        let resketched = CountCalls.shared.count("idx-resume-lower.sketch") - lowerSketches
        #expect(resketched >= 1 && resketched < lowerSketches)
        #expect(CountCalls.shared.count("idx-resume-lower.build") == 2)
        #expect(try outputs(output) == before)

        // --fresh removes the work directories: everything is sketched again.
        _ = try run(input, tag: "idx-resume", output: output, fresh: true)
        #expect(CountCalls.shared.count("idx-resume.sketch") == 2 * sketches)
        #expect(try outputs(output) == before)
    }

    @Test func aFailedSignatureTaskStopsTheRunBeforeAnyOutputAndLeavesNoSketches() throws {
        let (input, kept) = try makeInputs()
        let output = f.dir.file("out")
        FailingTasks.shared.set("idx-fail", 2)
        do {
            _ = try run(input, tag: "idx-fail", output: output)
            Issue.record("the run must fail")
        } catch {
            #expect("\(error)".contains("signatures of stage 2 seen_text_v1, task 2"), "\(error)")
            #expect("\(error)".contains("disk full (test)"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/dedup/2-seen_text_v1/sketches-2.txt"))
        #expect(!FileManager.default.fileExists(atPath: output + "/dedup/2-seen_text_v1/sketches-2.txt.tmp"))
        #expect(try outputs(output).isEmpty, "no task may run before the index is complete")
        FailingTasks.shared.set("idx-fail", nil)
        #expect(try run(input, tag: "idx-fail", output: output).succeeded)
        #expect(try keptIDs(output).sorted() == kept.sorted())
    }

    @Test func phaseCommandsOnOneMachineWriteWhatOneCommandWrites() throws {
        let (input, _) = try makeInputs()
        _ = try run(input, tag: "idx-local", output: f.dir.file("all"))
        let output = f.dir.file("phased")
        expectConfigError("--phase signatures") { try run(input, tag: "idx-local", output: output, phase: .filter) }
        #expect(!FileManager.default.fileExists(atPath: output), "a phase error comes before any output")
        expectConfigError("--phase signatures") { try run(input, tag: "idx-local", output: output, phase: .buckets) }
        for round in 0..<2 {
            let signatures = try run(input, tag: "idx-local", output: output, phase: .signatures)
            #expect(signatures.phaseSummary?.contains("stage \(round + 2) seen_text_v1") == true, "\(signatures.phaseSummary ?? "")")
            #expect(signatures.tasksRun > 3)
            if round == 0 {
                expectConfigError("--phase buckets") { try run(input, tag: "idx-local", output: output, phase: .filter) }
            }
            _ = try run(input, tag: "idx-local", output: output, phase: .buckets)
            let clusters = try run(input, tag: "idx-local", output: output, phase: .clusters)
            #expect(clusters.phaseSummary?.hasSuffix(round == 0 ? "--phase signatures for stage 3 seen_text_v1" : "--phase filter") == true)
        }
        let done = try run(input, tag: "idx-local", output: output, phase: .signatures)
        #expect(done.phaseSummary?.contains("nothing to do") == true)
        #expect(try run(input, tag: "idx-local", output: output, phase: .filter).succeeded)
        #expect(try outputs(output) == (try outputs(f.dir.file("all"))))
    }

    @Test func twoRanksRunningThePhasesKeepWhatALocalRunKeeps() throws {
        let (input, kept) = try makeInputs()
        let output = f.dir.file("ranked")
        expectConfigError("--phase signatures, then --phase buckets") {
            try run(input, tag: "idx-ranks", output: output, rank: 0, worldSize: 2)
        }
        #expect(!FileManager.default.fileExists(atPath: output), "a phase error comes before any output")
        let memory = 123_456_789
        func phase(_ phase: RunPhase, _ rank: Int) throws -> RunOutcome {
            try run(input, tag: "idx-ranks", output: output, workers: 1, phase: phase, rank: rank, worldSize: 2, memory: memory)
        }
        for _ in 0..<2 {
            _ = try phase(.signatures, 0)
            expectConfigError("run --phase signatures on every rank first") { try phase(.buckets, 0) }
            _ = try phase(.signatures, 1)
            _ = try phase(.buckets, 0)
            _ = try phase(.buckets, 1)
            #expect(try phase(.clusters, 1).phaseSummary?.contains("nothing to do on rank 1") == true)
            _ = try phase(.clusters, 0)
        }
        let tree = try f.tree(output)
        #expect(tree.keys.contains("dedup/2-seen_text_v1/buckets-1-of-2.txt"))
        let context = String(decoding: tree["dedup/3-seen_text_v1/context-buckets-1-of-2.txt"] ?? [], as: UTF8.self)
        #expect(context.hasPrefix("memory=123456789 workers=1 tasks=[0, 1, 2"), "\(context)")
        #expect(tree.keys.contains("dedup/3-seen_text_v1/context-clusters-0-of-2.txt"))
        #expect(try phase(.filter, 0).succeeded && (try phase(.filter, 1)).succeeded)
        #expect(try keptIDs(output).sorted() == kept.sorted())

        // Once every index is complete, phase all runs the rank's tasks; a phase command of
        // another pipeline in the same directory is refused.
        #expect(try phase(.all, 1).succeeded)
        expectConfigError("holds another run") {
            try run(input, tag: "idx-other", output: output, workers: 1, phase: .signatures, rank: 0, worldSize: 2)
        }
    }

    @Test func memorySizes() {
        #expect(ByteSize.parse("4G") == 4 << 30)
        #expect(ByteSize.parse("512M") == 512 << 20)
        #expect(ByteSize.parse("1.5G") == 3 << 29)
        #expect(ByteSize.parse("100000") == 100_000)
        #expect(ByteSize.parse("64k") == 64 << 10)
        #expect(ByteSize.parse("2GiB") == 2 << 30)
        #expect(ByteSize.parse("1T") == 1 << 40)
        for bad in ["", "G", "four", "4X", "-1G", "1..5G", "0", "4 G B", "1e9", "0.0000001K"] {
            #expect(ByteSize.parse(bad) == nil, "\(bad)")
        }
        #expect(ByteSize.text(4 << 30) == "4G")
        #expect(ByteSize.text(3 << 29) == "1.5G")
        #expect(ByteSize.text(1000) == "1000")
    }
}
