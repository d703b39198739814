// The local executor (DESIGN.md §4.6): plans the tasks, opens or resumes the run store,
// prepares the stages that see the whole corpus first (StagePreparation.swift) or runs one
// phase of an index stage (RunPhases.swift), runs the pending tasks on worker threads, and
// joins single-file outputs at the end. A run is resumable by default: tasks already done
// (with their outputs present) are skipped, others run again from the start of their split,
// so a killed run loses or doubles nothing. The failpoint "run.task" fires after each task is
// recorded done.
import Foundation
import Logging
import QuarryCore
import QuarryIO
import QuarryStats

/// How a run ended.
public struct RunOutcome: Sendable {
    public var report: RunReport
    public var runDirectory: String
    /// The single output file, when there is one.
    public var outputFile: String?
    public var tasksRun: Int
    public var tasksSkipped: Int
    /// Tasks that failed, with the error.
    public var failures: [String]
    /// True when --max-errors stopped the run.
    public var stoppedByErrors: Bool
    /// For a phase of the index stages (`--phase signatures|buckets|clusters`): what it did.
    public var phaseSummary: String? = nil
    public var succeeded: Bool { failures.isEmpty && !stoppedByErrors }
}

public struct LocalExecutor: Sendable {
    public let pipeline: ResolvedPipeline
    public let options: RunOptions
    let logger = Logger(label: "quarry.run")

    public init(pipeline: ResolvedPipeline, options: RunOptions) {
        self.pipeline = pipeline
        self.options = options
    }

    public func run() throws -> RunOutcome {
        let plan = try prepare()
        let layout = plan.layout
        let mine = plan.tasks.filter { $0.index % layout.worldSize == layout.rank }
        // Which phase of the index stages can run is known before any output (RunPhases.swift).
        let target = try checkPhase(indexedStages(layout), plan: plan, forgetting: options.fresh && layout.worldSize == 1)
        try Directories.create(layout.runDirectory)
        let lock = try RunLock(path: layout.storePath + ".lock")
        defer { lock.release() }
        try checkWorldSize(layout)
        if options.fresh {
            RunCleanup.removePreviousRun(layout)
            if layout.worldSize > 1, FileInfo.exists(IndexDirectory.root(layout)) {
                let shared = IndexDirectory.root(layout)
                logger.warning("--fresh keeps \(shared), which every rank shares; remove it yourself to start the phases over")
            }
        }
        try Directories.create(layout.outputDirectory)

        let store = try RunStore(path: layout.storePath)
        let pending = try resume(store: store, plan: plan, tasks: mine)
        if options.phase.isIndexPhase { return try runIndexPhase(target, plan: plan, store: store, mine: mine) }
        let skipped = mine.count - pending.count
        if skipped > 0 { logger.info("resuming: \(skipped) of \(mine.count) tasks already done") }

        // Stages that see the whole corpus first are prepared (StagePreparation.swift); a local
        // run builds the indexes it lacks, a cluster run needs them complete (RunPhases.swift).
        let build = layout.worldSize == 1 && options.phase == .all
        let executor = pending.isEmpty ? self
            : LocalExecutor(pipeline: try preparedPipeline(plan: plan, store: store, buildIndexes: build), options: options)
        let clock = ContinuousClock()
        let started = clock.now
        // Bad records of tasks done in earlier attempts count against --max-errors too.
        let (control, failures) = executor.runTasks(pending, plan: plan, store: store, badRecordsSoFar: try store.badRecordCount())
        if !pending.isEmpty, !indexedStages(layout).isEmpty {
            let (_, documents, tasks) = control.snapshot
            let seconds = Self.seconds((clock.now - started).seconds)
            logger.info("phase filter: \(tasks) tasks, \(documents) documents written, \(seconds)")
        }
        let stoppedByErrors = options.maxErrors.map { control.badRecords > $0 } ?? false
        if stoppedByErrors {
            logger.error("stopped: \(control.badRecords) bad input records, more than --max-errors \(options.maxErrors!)")
        }
        var outputFile: String?
        if let single = layout.singleFile, failures.all.isEmpty, !stoppedByErrors {
            if try store.meta("joined") != "1" || !FileInfo.exists(single) {
                try SingleFileOutput.join(store: store, into: single)
            }
            outputFile = single
        }
        return RunOutcome(report: try store.report(), runDirectory: layout.runDirectory, outputFile: outputFile,
                          tasksRun: control.snapshot.tasksDone, tasksSkipped: skipped, failures: failures.all,
                          stoppedByErrors: stoppedByErrors)
    }

    /// Runs the pending tasks on runner threads (one task each at a time) over a shared pool
    /// of workers for their batches, and waits for all of them.
    func runTasks(_ pending: [PlannedTask], plan: RunPlan, store: RunStore, badRecordsSoFar: Int) -> (RunControl, Failures) {
        let workers = max(1, options.workers)
        let runners = min(workers, max(1, pending.count))
        // Runners decompress, cut, compress and write; the pool gets the cores left over.
        let pool = WorkerPool(threads: workers > runners ? workers - runners : 0)
        defer { pool.shutdown() }
        let control = RunControl(maxErrors: options.maxErrors, badRecords: badRecordsSoFar,
                                 totalBytes: inputBytes(pending, plan: plan), totalTasks: pending.count)
        let progress = options.progress ? ProgressDisplay(control: control) : nil
        let processor = BatchProcessor(pipeline: pipeline, samplesPerReason: RunStore.samplesPerReason)
        // A task records the paths it may write when it starts, and again when it meets a new route.
        let earlier = Dictionary(((try? store.tasks()) ?? []).map { ($0.index, $0.outputs) }, uniquingKeysWith: { a, _ in a })
        let runner = TaskRunner(pipeline: pipeline, processor: processor, outputs: plan.outputs, pool: pool,
                                permits: Permits(2 * workers), control: control, logger: logger,
                                maxInFlight: max(2, 2 * workers / runners),
                                recordPlanned: { task, paths in try store.start(task.index, planned: paths) },
                                earlierPlanned: earlier)
        let failures = Failures()
        let queue = TaskQueue(pending)
        let finished = DispatchGroup()
        for i in 0..<runners {
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                while !control.cancelled, let task = queue.next() {
                    do {
                        try store.start(task.index, planned: runner.plannedPaths(task))
                        let result = try runner.run(task)
                        try store.complete(task.index, result)
                        Failpoint.hit("run.task")
                        control.taskDone()
                    } catch is RunCancelled {
                        try? store.setState(task.index, .pending)
                    } catch {
                        try? store.setState(task.index, .failed)
                        let what = "\(error)".contains(task.split.path) ? "\(error)" : "\(task.split.path): \(error)"
                        failures.add("task \(task.index) failed: \(what)")
                        logger.error("task \(task.index) failed: \(what)")
                    }
                }
            }
            thread.name = "quarry-task-\(i)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        progress?.stop()
        return (control, failures)
    }

    /// The input bytes of `tasks` (for progress).
    func inputBytes(_ tasks: [PlannedTask], plan: RunPlan) -> Int64 {
        let sizes = Dictionary(plan.files.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
        return tasks.reduce(Int64(0)) { $0 + ($1.split.end ?? sizes[$1.split.path] ?? 0) - $1.split.start }
    }
}

/// Hands out tasks in index order to the runner threads.
final class TaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [PlannedTask]
    private var position = 0
    init(_ tasks: [PlannedTask]) { self.tasks = tasks }
    func next() -> PlannedTask? {
        lock.withLock {
            guard position < tasks.count else { return nil }
            defer { position += 1 }
            return tasks[position]
        }
    }
}

/// Task failures, collected from the runner threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ message: String) { lock.withLock { items.append(message) } }
    var all: [String] { lock.withLock { items } }
}
