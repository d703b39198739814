// What the passes that read the whole corpus before any task is processed (the counting pass of
// CountingPass.swift and phase 1 of IndexingPass.swift) share: runner threads taking tasks in
// index order over one worker pool, and, within a task, batches numbered as the executor numbers
// them (task, sequence), taken through the stages before the pass's stage on the pool and handed
// back in input order, with at most `maxInFlight` batches of a task in flight.
import Foundation
import QuarryCore

struct CorpusPassRunner: Sendable {
    let pipeline: ResolvedPipeline
    /// The pipeline position of the stage the pass is for: the stages before it run on each batch.
    let position: Int
    let workers: Int

    /// What a runner thread hands to the body run for one task.
    struct Lanes: Sendable {
        let pool: WorkerPool
        let permits: Permits
        let maxInFlight: Int
    }

    /// Runs `body` for every task on up to `workers` runner threads sharing a pool; after the first
    /// failure no new task starts, and the first failure's message (from `describe`) is thrown as
    /// the error `fail` makes.
    func forEachTask(_ tasks: [PlannedTask], threadName: String,
                     describe: @escaping @Sendable (PlannedTask, String) -> String,
                     fail: (String) -> any Error,
                     _ body: @escaping @Sendable (PlannedTask, Lanes) throws -> Void) throws {
        let workers = max(1, self.workers)
        let runners = min(workers, max(1, tasks.count))
        let pool = WorkerPool(threads: workers > runners ? workers - runners : 0)
        defer { pool.shutdown() }
        let lanes = Lanes(pool: pool, permits: Permits(2 * workers), maxInFlight: max(2, 2 * workers / runners))
        let queue = TaskQueue(tasks)
        let failures = Failures()
        let finished = DispatchGroup()
        for i in 0..<runners {
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                while failures.all.isEmpty, let task = queue.next() {
                    do {
                        try body(task, lanes)
                    } catch {
                        let what = "\(error)".contains(task.split.path) ? "\(error)" : "\(task.split.path): \(error)"
                        failures.add(describe(task, what))
                    }
                }
            }
            thread.name = "\(threadName)-\(i)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        if let failure = failures.all.first { throw fail(failure) }
    }

    /// Scans `task`, runs `work` on each batch on the pool and `consume` on the results in input
    /// order. On an error, waits for the batches in flight and rethrows.
    func forEachBatch<R: Sendable>(of task: PlannedTask, lanes: Lanes,
                                   work: @escaping @Sendable (RawRecordBatch) throws -> R,
                                   consume: (R) throws -> Void) throws {
        let scanner = try pipeline.reader.openScanner(task.split)
        var inFlight: [Promise<R>] = []
        do {
            func consumeOldest() throws {
                let promise = inFlight.removeFirst()
                defer { lanes.permits.release() }
                try consume(try promise.wait())
            }
            var sequence = 0
            while var scanned = try scanner.next() {
                (scanned.task, scanned.sequence) = (task.index, sequence)
                sequence += 1
                let raw = scanned
                lanes.permits.acquire()
                let promise = Promise<R>()
                lanes.pool.submit { promise.fulfill(Result { try work(raw) }) }
                inFlight.append(promise)
                while inFlight.count >= lanes.maxInFlight { try consumeOldest() }
            }
            while !inFlight.isEmpty { try consumeOldest() }
        } catch {
            for promise in inFlight {
                _ = try? promise.wait()
                lanes.permits.release()
            }
            throw error
        }
    }

    /// The documents of a batch as they reach the pass's stage: decoded, and through the stages
    /// before it. Stats and bad records are not kept: the run proper counts them.
    func documentsReachingStage(_ raw: RawRecordBatch) throws -> DocumentBatch {
        var stats = StageStats()
        var issues = raw.issues
        var batch = DocumentBatch(documents: pipeline.reader.decode(raw, stats: &stats, issues: &issues),
                                  task: raw.task, sequence: raw.sequence)
        for entry in pipeline.stages[..<position] {
            try entry.stage.run(on: &batch, stats: &stats)
        }
        return batch
    }
}
