// Phases 2 and 3 resumed after a killed run (simulated by the partial state a kill leaves:
// a band or decision file missing, a temporary file left behind, no completion marker) give
// the same bytes as an uninterrupted run; so do other worker counts, a budget small enough to
// spill many runs, and phase 2 split across jobs (rank / world size).
import QuarryCore
@testable import QuarryDedup
import QuarryIO
import QuarryTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DedupResumeTests {
    /// Four tasks of generated prose with planted near-duplicates (a few words edited) of
    /// earlier documents, across tasks; `copyOf` names each copy's original.
    static func corpus() -> (tasks: [[[Document]]], copyOf: [String: String]) {
        var prose = ProseGenerator(seed: 21)
        var originals: [(id: String, words: [String])] = []
        var copyOf: [String: String] = [:]
        var tasks: [[[Document]]] = []
        for t in 0..<4 {
            var batches: [[Document]] = []
            for b in 0..<3 {
                var docs: [Document] = []
                for i in 0..<15 {
                    let id = "t\(t)b\(b)i\(i)"
                    let words: [String]
                    if !originals.isEmpty, i % 3 == 0 {
                        let original = originals[prose.random.below(originals.count)]
                        words = prose.edited(original.words, rate: 0.005)
                        copyOf[id] = original.id
                    } else {
                        words = prose.words(100 + prose.random.below(100))
                        originals.append((id, words))
                    }
                    var d = Document(id: id, text: words.joined(separator: " "))
                    d.metadata["q"] = .int(prose.random.below(5))
                    docs.append(d)
                }
                batches.append(docs)
            }
            tasks.append(batches)
        }
        return (tasks, copyOf)
    }

    static func stage(threshold: Double? = nil) throws -> MinHashDedupStage {
        var options = MinHashDedupStage.Options()
        options.threshold = threshold
        options.prefer = "q"
        return try MinHashDedupStage(options: options)
    }

    /// Band, pair and decision files and the summary, by name.
    func outputs(_ directory: String) throws -> [String: [UInt8]] {
        try snapshot(directory).filter { !$0.key.hasPrefix("sketches/") }
    }

    func build(_ stage: MinHashDedupStage, _ directory: String, memory: Int = 64 << 20, workers: Int = 1,
               step: CorpusIndexStep = .all, rank: Int = 0, worldSize: Int = 1) throws {
        try stage.buildIndex(CorpusIndexContext(directory: directory, tasks: [0, 1, 2, 3], memoryBytes: memory, workers: workers,
                                                step: step, rank: rank, worldSize: worldSize))
    }

    @Test func resumedPhasesGiveTheSameBytes() throws {
        let root = TemporaryDirectory("quarry-resume")
        let stage = try Self.stage()
        let tasks = Self.corpus().tasks
        let reference = root.file("reference")
        let result = try DedupHarness.run(stage, tasks: tasks, directory: reference)
        #expect(result.stats.dropped["minhash_duplicate", default: 0] >= 10)
        let expected = try outputs(reference)
        #expect(expected.keys.contains("decisions/task-000003.dec"))

        // Killed in phase 2: one band committed with its pairs, one with only its pairs, a
        // temporary band file and a sort run left behind.
        let work = root.file("resumed")
        try DedupHarness.sketch(stage, tasks: tasks, directory: work)
        try build(stage, work, step: .buckets)
        unlink(DedupWorkDirectory.bandPath(work, band: 3))
        try root.write("resumed/index/band-05.idx.tmp", [1, 2, 3])
        try root.write("resumed/index/band-05.run-0.tmp", [9, 9])
        unlink(DedupWorkDirectory.bandPath(work, band: 5))
        unlink(DedupWorkDirectory.pairsPath(work, band: 7))
        #expect(throws: InputError.self) { try build(stage, work, step: .clusters) }
        try build(stage, work, step: .buckets)
        // Killed in phase 3: two decision files written, then the marker and summary missing.
        try build(stage, work, step: .clusters)
        unlink(DedupWorkDirectory.completePath(work))
        unlink(DedupWorkDirectory.summaryPath(work))
        unlink(DedupWorkDirectory.decisionsPath(work, task: 2))
        try root.write("resumed/decisions/task-000003.dec.tmp", [0])
        #expect(!stage.indexIsComplete(directory: work))
        try build(stage, work)
        #expect(stage.indexIsComplete(directory: work))
        var resumed = try outputs(work)
        resumed.removeValue(forKey: "decisions/task-000003.dec.tmp")
        #expect(resumed == expected)
        let again = try DedupHarness.filter(stage, tasks: tasks, directory: work)
        #expect(again.keptIDs == result.keptIDs)
    }

    @Test func workersBudgetAndJobSplitGiveTheSameBytes() throws {
        let root = TemporaryDirectory("quarry-resume")
        let stage = try Self.stage(threshold: 0.7)
        let tasks = Self.corpus().tasks
        let reference = root.file("one")
        try DedupHarness.sketch(stage, tasks: tasks, directory: reference)
        try build(stage, reference)
        let expected = try outputs(reference)
        #expect(!expected.isEmpty)

        let two = root.file("two")
        try DedupHarness.sketch(stage, tasks: tasks, directory: two)
        try build(stage, two, memory: 1 << 14, workers: 2)   // 16 KiB: many sorted runs per band
        var parallel = try outputs(two)
        #expect(parallel.removeValue(forKey: "summary.json") != nil)
        var plain = expected
        plain.removeValue(forKey: "summary.json")  // records the sort's peak memory
        #expect(parallel == plain)

        let split = root.file("split")
        try DedupHarness.sketch(stage, tasks: tasks, directory: split)
        try build(stage, split, step: .buckets, rank: 1, worldSize: 3)
        try build(stage, split, step: .buckets, rank: 0, worldSize: 3)
        #expect(throws: InputError.self) { try build(stage, split, step: .clusters) }
        try build(stage, split, step: .buckets, rank: 2, worldSize: 3)
        try build(stage, split, step: .clusters)
        #expect(try outputs(split) == expected)
    }

    @Test func damagedFilesAreInputErrorsAndOtherParametersConfigErrors() throws {
        let root = TemporaryDirectory("quarry-resume")
        let stage = try Self.stage()
        let tasks = Self.corpus().tasks
        let work = root.file("work")
        try DedupHarness.sketch(stage, tasks: tasks, directory: work)
        // A truncated sketch file.
        let path = DedupWorkDirectory.sketchPath(work, task: 1)
        let bytes = try readBytes(path)
        try root.write("work/sketches/task-000001.sk", Array(bytes.dropLast(40)))
        #expect(!stage.hasSketches(directory: work, task: 1))
        #expect(throws: InputError.self) { try build(stage, work) }
        try root.write("work/sketches/task-000001.sk", bytes)
        try build(stage, work)
        // The same directory under other parameters.
        var options = MinHashDedupStage.Options()
        options.rows = 4
        let other = try MinHashDedupStage(options: options)
        #expect(!other.indexIsComplete(directory: work))
        #expect(throws: ConfigError.self) { try other.buildIndex(CorpusIndexContext(directory: work, tasks: [0, 1, 2, 3], memoryBytes: 1 << 20, workers: 1)) }
        // A damaged decision file is reported when phase 4 reaches its task.
        try root.write("work/decisions/task-000000.dec", [UInt8](repeating: 7, count: 100))
        #expect(throws: InputError.self) { try DedupHarness.filter(stage, tasks: tasks, directory: work) }
    }

    @Test func minhashAgainstAnEarlierRun() throws {
        let root = TemporaryDirectory("quarry-resume")
        let (tasks, copyOf) = Self.corpus()
        let oldTasks = Array(tasks.prefix(2)), newTasks = Array(tasks.suffix(2))
        let oldIDs = Set(oldTasks.flatMap { $0.flatMap { $0.map(\.id) } })
        let oldWork = root.file("old/dedup/3-minhash_dedup_v1")
        _ = try DedupHarness.run(try Self.stage(), tasks: oldTasks, directory: oldWork)
        let before = try snapshot(oldWork)

        var options = MinHashDedupStage.Options()
        options.prefer = "q"
        options.against = [root.file("old")]
        let incremental = try DedupHarness.run(try MinHashDedupStage(options: options), tasks: newTasks,
                                               directory: root.file("new/dedup/1-minhash_dedup_v1"))
        #expect(try snapshot(oldWork) == before)
        let copiesOfOld = newTasks.flatMap { $0.flatMap { $0.map(\.id) } }.filter { copyOf[$0].map(oldIDs.contains) == true }
        #expect(copiesOfOld.count >= 5)
        for id in copiesOfOld { #expect(incremental.dropped[id] == "minhash_duplicate", "\(id), a copy of \(copyOf[id]!)") }

        // In annotate mode, they name an old document (old documents always win, whatever prefer says).
        options.mode = "annotate"
        let annotated = try DedupHarness.run(try MinHashDedupStage(options: options), tasks: newTasks,
                                             directory: root.file("new2/dedup/1-minhash_dedup_v1"))
        for id in copiesOfOld {
            let representative = annotated.documents[id]?.metadata["duplicate_of"]?.stringValue
            #expect(representative.map(oldIDs.contains) == true, "\(id) → \(representative ?? "nil")")
        }
        // Decisions exist for the new tasks only.
        #expect(FileInfo.exists(root.file("new/dedup/1-minhash_dedup_v1/decisions/task-000001.dec")))
        #expect(!FileInfo.exists(root.file("new/dedup/1-minhash_dedup_v1/decisions/task-000002.dec")))
    }

    @Test func everyPlantedCopyIsFound() throws {
        let root = TemporaryDirectory("quarry-resume")
        let (tasks, copyOf) = Self.corpus()
        let result = try DedupHarness.run(try Self.stage(), tasks: tasks, directory: root.path)
        #expect(copyOf.count >= 40)
        // Each copy's cluster keeps one document: the copy or its original is gone.
        for (copy, original) in copyOf {
            #expect(result.dropped[copy] != nil || result.dropped[original] != nil, "\(copy) of \(original)")
        }
    }
}
