// The first pass of stages that count over the whole corpus before they process a document
// (QuarryCore/CorpusPass.swift). Before any task runs, each such stage, in pipeline order
// (StagePreparation.swift walks the counting and index stages together), gets its counts:
// every task of the run is read, its documents go through the stages before the counting
// stage (earlier counting and index stages already prepared), and the stage counts them. Batches
// are counted on the worker pool; their counts are merged in input order within a task, and
// the tasks' counts in task order, so the result is the same for 1 or N workers.
//
// The merged counts go to OUT/corpus-counts/<position>-<stage id>.counts (written atomically)
// and their checksum to the run store; a resumed run whose file still matches reads it back
// instead of counting again, and `--fresh` removes it. With --rank/--world-size every rank
// counts all the tasks (not only its own), so every rank sees the same counts as a local run
// would, at the cost of reading the whole input once per rank in this pass; each rank writes
// its own file (`….rank-R-of-W.counts`). The stages before a counting stage run twice (once
// per pass): put counting stages early in a pipeline when those stages are expensive.
import Foundation
import Logging
import QuarryCore
import QuarryIO
import QuarryText

extension LocalExecutor {
    /// The stage prepared with its counts, counted now or read back from an earlier attempt.
    func prepare<S: CorpusCountingStage>(_ stage: S, position: Int, pipeline: ResolvedPipeline,
                                         plan: RunPlan, store: RunStore) throws -> S {
        let path = CountsFile.path(plan.layout, position: position, id: S.id)
        let key = "corpus_counts.\(position).\(S.id)"
        if let recorded = try store.meta(key), let data = FileManager.default.contents(atPath: path),
           CountsFile.checksum(Array(data)) == recorded {
            logger.info("stage \(position + 1) \(S.id): using the counts of an earlier attempt (\(path))")
            return try stage.prepared(with: try stage.decodeCounts(Array(data)))
        }
        logger.info("stage \(position + 1) \(S.id): counting pass over \(plan.tasks.count) tasks")
        let pass = CountingPass(pipeline: pipeline, position: position, stage: stage, workers: options.workers)
        let counts = stage.finished(try pass.run(plan.tasks))
        let bytes = counts.encoded()
        let file = try AtomicFile(path: path)
        try bytes.withUnsafeBytes { try file.write($0) }
        try file.commit()
        try store.setMeta(key, CountsFile.checksum(bytes))
        return try stage.prepared(with: counts)
    }
}

/// Where counts are stored, and how a stored file is recognized.
enum CountsFile {
    static func directory(_ layout: RunLayout) -> String { layout.runDirectory + "/corpus-counts" }

    /// The file name's ending for this rank: every rank writes its own file.
    static func suffix(_ layout: RunLayout) -> String {
        layout.worldSize == 1 ? ".counts" : ".rank-\(layout.rank)-of-\(layout.worldSize).counts"
    }

    static func path(_ layout: RunLayout, position: Int, id: StageID) -> String {
        directory(layout) + "/\(position + 1)-\(id)" + suffix(layout)
    }

    /// XXH64 (seed 0) of the bytes, with their count: what the run store records for a counts file.
    static func checksum(_ bytes: [UInt8]) -> String {
        "xxh64:" + StableHash.hex(StableHash.xxh64(bytes, seed: 0)) + ":" + String(bytes.count)
    }

    /// Removes this rank's counts files (`--fresh`).
    static func remove(_ layout: RunLayout) {
        let directory = directory(layout)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasSuffix(suffix(layout)) && (layout.worldSize > 1 || !name.contains(".rank-")) {
            RunCleanup.remove(directory + "/" + name)
        }
    }
}

/// A task of a counting pass could not be read: the run stops before any task is processed.
struct CountingPassFailed: Error, CustomStringConvertible {
    var description: String
}

/// Reads every task through the stages before a counting stage and merges what it counts.
struct CountingPass<S: CorpusCountingStage>: Sendable {
    let pipeline: ResolvedPipeline
    let position: Int
    let stage: S
    let workers: Int

    func run(_ tasks: [PlannedTask]) throws -> S.Counts {
        let runner = CorpusPassRunner(pipeline: pipeline, position: position, workers: workers)
        let merger = OrderedMerger(first: stage.makeCounts(), order: tasks.map(\.index))
        let (position, stage) = (self.position, self.stage)
        try runner.forEachTask(tasks, threadName: "quarry-count",
                               describe: { task, what in "counting pass for stage \(position + 1) \(S.id), task \(task.index): \(what)" },
                               fail: { CountingPassFailed(description: $0) }) { task, lanes in
            // The counts of one task: its batches counted on the pool, merged in input order.
            var total = stage.makeCounts()
            try runner.forEachBatch(of: task, lanes: lanes, work: { raw in
                var counts = stage.makeCounts()
                stage.count(try runner.documentsReachingStage(raw).documents, into: &counts)
                return counts
            }, consume: { total.merge($0) })
            merger.add(task.index, total)
        }
        return merger.result()
    }
}

/// Merges the counts of tasks that finish in any order into a total, in task order, holding
/// only the counts of tasks that finished ahead of their turn.
final class OrderedMerger<Counts: CorpusCounts>: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Counts
    private let order: [Int]
    private var next = 0
    private var waiting: [Int: Counts] = [:]

    init(first: Counts, order: [Int]) {
        total = first
        self.order = order
    }

    func add(_ index: Int, _ counts: Counts) {
        lock.withLock {
            waiting[index] = counts
            while next < order.count, let ready = waiting.removeValue(forKey: order[next]) {
                total.merge(ready)
                next += 1
            }
        }
    }

    func result() -> Counts { lock.withLock { total } }
}
