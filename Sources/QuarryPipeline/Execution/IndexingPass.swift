// Phase 1 of the stages that index the whole corpus before they process a document
// (QuarryCore/CorpusIndex.swift: exact_dedup_v1, minhash_dedup_v1), and the preparation of such
// a stage: its sketches, then its index (phases 2 and 3, run by the stage), then the stage
// prepared with its decisions for phase 4. Modelled on the counting pass (CountingPass.swift):
// each task of this rank is read, its batches go through the stages before the index stage
// (earlier counting and index stages already prepared) on the worker pool, and `sketch(_:)`
// summarizes each batch. A task's sketches are appended in input order to the stage's writer
// and committed together, so a task's sketches are either all there or not at all; a resumed
// run sketches only the tasks whose sketches are missing (`hasSketches`), and the failpoint
// "index.sketches" fires after each commit. The stage's work directory is
// OUT/dedup/<position + 1>-<stage id>/; every file in it belongs to the stage.
import Foundation
import Logging
import QuarryCore
import QuarryIO

/// An index stage of a pipeline that needs its phases, with where it keeps its files.
struct IndexedStage {
    var position: Int
    var id: StageID
    var stage: any CorpusIndexStage
    var directory: String

    /// The tasks (of `tasks`) whose sketches are not in the work directory.
    func missingSketches(_ tasks: [PlannedTask]) -> [PlannedTask] {
        tasks.filter { !stage.hasSketches(directory: directory, task: $0.index) }
    }

    var isComplete: Bool { stage.indexIsComplete(directory: directory) }
    var name: String { "stage \(position + 1) \(id)" }
}

/// Where index stages keep their files.
enum IndexDirectory {
    static func root(_ layout: RunLayout) -> String { layout.runDirectory + "/dedup" }

    static func path(_ layout: RunLayout, position: Int, id: StageID) -> String {
        root(layout) + "/\(position + 1)-\(id)"
    }
}

extension LocalExecutor {
    /// The index stages of the pipeline that need their phases, in pipeline order.
    func indexedStages(_ layout: RunLayout) -> [IndexedStage] {
        pipeline.stages.indices.compactMap { position in
            guard let stage = pipeline.stages[position].stage as? any CorpusIndexStage, stage.needsIndex else { return nil }
            return IndexedStage(position: position, id: pipeline.stages[position].id, stage: stage,
                                directory: IndexDirectory.path(layout, position: position, id: pipeline.stages[position].id))
        }
    }

    /// Phase 1 for `stage` (at its position in `pipeline`, whose earlier stages are prepared):
    /// sketches `tasks` whose sketches are missing. Returns the tasks sketched and skipped.
    func sketch<S: CorpusIndexStage>(_ stage: S, at entry: IndexedStage, pipeline: ResolvedPipeline,
                                     tasks: [PlannedTask], plan: RunPlan) throws -> (sketched: Int, skipped: Int) {
        try Directories.create(entry.directory)
        let missing = entry.missingSketches(tasks)
        if missing.count < tasks.count {
            logger.info("\(entry.name): signatures of \(tasks.count - missing.count) of \(tasks.count) tasks already written")
        }
        guard !missing.isEmpty else { return (0, tasks.count) }
        let clock = ContinuousClock()
        let started = clock.now
        let control = RunControl(maxErrors: nil, totalBytes: inputBytes(missing, plan: plan), totalTasks: missing.count)
        let progress = options.progress ? ProgressDisplay(control: control) : nil
        let pass = IndexingPass(pipeline: pipeline, position: entry.position, stage: stage, directory: entry.directory,
                                workers: options.workers, control: control)
        let result = Result { try pass.run(missing) }
        progress?.stop()
        let documents = try result.get()
        let seconds = Self.seconds((clock.now - started).seconds)
        logger.info("\(entry.name): signatures of \(documents) documents in \(missing.count) tasks, \(seconds)")
        return (missing.count, tasks.count - missing.count)
    }

    /// Phases 2 and 3 (or one of them) for `entry`, by the stage itself; then logs the figures of
    /// the stage's `summary.json`, when it writes one.
    func buildIndex(_ entry: IndexedStage, tasks: [PlannedTask], step: CorpusIndexStep, rank: Int = 0, worldSize: Int = 1) throws {
        try Directories.create(entry.directory)
        let clock = ContinuousClock()
        let started = clock.now
        let name = entry.name
        let logger = self.logger
        let what = step == .all ? "buckets and clusters" : step.rawValue
        let share = step == .buckets && worldSize > 1 ? " (share \(rank) of \(worldSize))" : ""
        logger.info("\(name): \(what)\(share), memory budget \(ByteSize.text(options.memoryBytes))")
        try entry.stage.buildIndex(CorpusIndexContext(
            directory: entry.directory, tasks: tasks.map(\.index), memoryBytes: options.memoryBytes,
            workers: max(1, options.workers), step: step, rank: rank, worldSize: worldSize,
            log: { logger.info("\(name): \($0)") }))
        var line = "\(name): \(what)\(share) done, \(Self.seconds((clock.now - started).seconds))"
        if let figures = Self.summaryFigures(entry.directory) { line += "; " + figures }
        logger.info("\(line)")
    }

    /// Prepares an index stage for phase 4: with `build`, runs the phases its index still
    /// lacks (phase 1 for all `tasks`, then buildIndex); otherwise its index must be complete.
    func prepareIndex<S: CorpusIndexStage>(_ stage: S, at entry: IndexedStage, pipeline: ResolvedPipeline,
                                           plan: RunPlan, build: Bool) throws -> S {
        let tasks = plan.tasks
        if !stage.indexIsComplete(directory: entry.directory) {
            guard build else { throw ConfigError(IndexedStage.incompleteMessage(entry, tasks: tasks)) }
            _ = try sketch(stage, at: entry, pipeline: pipeline, tasks: tasks, plan: plan)
            try buildIndex(entry, tasks: tasks, step: .all)
        } else {
            logger.info("\(entry.name): index complete, using it (\(entry.directory))")
        }
        return try stage.prepared(directory: entry.directory)
    }

    /// The top-level figures of `DIRECTORY/summary.json` as "key value, …", or nil.
    static func summaryFigures(_ directory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: directory + "/summary.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], !object.isEmpty else { return nil }
        let figures = object.keys.sorted().compactMap { key -> String? in
            switch object[key] {
            case let number as NSNumber: return "\(key) \(number)"
            case let text as String: return "\(key) \(text)"
            default: return nil
            }
        }
        return figures.isEmpty ? nil : figures.joined(separator: ", ")
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}

extension IndexedStage {
    /// Why phase 4 cannot run yet, naming the phase to run.
    static func incompleteMessage(_ entry: IndexedStage, tasks: [PlannedTask]) -> String {
        let missing = entry.missingSketches(tasks)
        let head = "\(entry.name): its index in \(entry.directory) is not complete"
        if !missing.isEmpty {
            return head + " (signatures of \(missing.count) of \(tasks.count) tasks are missing); run --phase signatures "
                + "on every rank first, then --phase buckets, then --phase clusters"
        }
        return head + " (signatures are complete); run --phase buckets on every rank, then --phase clusters, first"
    }
}

/// A task of an indexing pass could not be read: the run stops before any task is processed.
struct IndexingPassFailed: Error, CustomStringConvertible {
    var description: String
}

/// Reads tasks through the stages before an index stage and writes each task's sketches.
struct IndexingPass<S: CorpusIndexStage>: Sendable {
    let pipeline: ResolvedPipeline
    let position: Int
    let stage: S
    let directory: String
    let workers: Int
    /// Progress: bytes read, documents sketched, tasks done.
    let control: RunControl

    /// Sketches every task of `tasks`; returns the documents sketched.
    func run(_ tasks: [PlannedTask]) throws -> Int64 {
        let runner = CorpusPassRunner(pipeline: pipeline, position: position, workers: workers)
        let documents = DocumentTally()
        let position = self.position
        try runner.forEachTask(tasks, threadName: "quarry-sketch",
                               describe: { task, what in "signatures of stage \(position + 1) \(S.id), task \(task.index): \(what)" },
                               fail: { IndexingPassFailed(description: $0) }) { task, lanes in
            documents.add(try sketch(task, runner: runner, lanes: lanes))
            Failpoint.hit("index.sketches")
        }
        return documents.total
    }

    /// Writes the sketches of one task (its batches sketched on the pool, appended in input
    /// order) and commits them; returns the documents sketched.
    func sketch(_ task: PlannedTask, runner: CorpusPassRunner, lanes: CorpusPassRunner.Lanes) throws -> Int64 {
        let writer = try stage.openSketchWriter(directory: directory, task: task.index)
        var documents: Int64 = 0
        var lastConsumed = task.split.start
        let stage = self.stage
        do {
            try runner.forEachBatch(of: task, lanes: lanes, work: { raw in
                var batch = try runner.documentsReachingStage(raw)
                batch.currentStage = S.id
                return SketchedBatch(sketches: stage.sketch(batch), documents: batch.documents.count,
                                     fileBytesConsumed: raw.fileBytesConsumed)
            }, consume: { result in
                try writer.append(result.sketches)
                documents += Int64(result.documents)
                control.advance(bytes: max(0, result.fileBytesConsumed - lastConsumed), documents: Int64(result.documents))
                lastConsumed = max(lastConsumed, result.fileBytesConsumed)
            })
            try writer.commit()
            control.taskDone()
            return documents
        } catch {
            writer.abort()
            throw error
        }
    }

    /// What phase 1 made of one batch.
    struct SketchedBatch: Sendable {
        var sketches: S.Sketches
        var documents: Int
        var fileBytesConsumed: Int64
    }
}

/// Documents counted by several threads.
final class DocumentTally: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0
    func add(_ n: Int64) { lock.withLock { value += n } }
    var total: Int64 { lock.withLock { value } }
}
