// Runs one task: scans its input split, hands batches to the worker pool (or processes them
// inline), writes the results in input order into outputs with temporary names, and commits
// them when the whole split is done. Bad records are logged (the first few per task), counted
// against --max-errors and set aside in rejects/; the run store keeps their counts and the
// first of them. Stages' side outputs (PII spans) go to RUN/<name>/<stem>.jsonl, committed
// with the task's other outputs; a routing pipeline writes one output per route instead of
// the main one (RoutedOutputs.swift).
import Logging
import QuarryCore
import QuarryIO
import QuarryStats

/// The run was stopped: --max-errors was exceeded.
struct RunCancelled: Error {}

struct TaskRunner {
    let pipeline: ResolvedPipeline
    let processor: BatchProcessor
    let outputs: OutputPlan
    let pool: WorkerPool
    let permits: Permits
    let control: RunControl
    let logger: Logger
    /// Batches of one task in flight at once.
    let maxInFlight: Int
    /// Records, for a task, every path it may write (the run store's `start`): called again
    /// when a routing pipeline meets a new route, before that route's files exist.
    var recordPlanned: @Sendable (PlannedTask, [String]) throws -> Void = { _, _ in }
    /// The paths an earlier attempt of each task recorded (kept in the record, so `--fresh`
    /// still finds the files of routes that attempt met).
    var earlierPlanned: [Int: [String]] = [:]
    /// Bad records of one task that are logged one by one.
    static let loggedIssuesPerTask = 10
    /// Bad records of one task the run store keeps with their file, offset and message
    /// (all are counted, and all are set aside in rejects/).
    static let storedIssuesPerTask = 100

    func run(_ task: PlannedTask) throws -> TaskResult {
        let clock = ContinuousClock()
        let started = clock.now
        let (mainTarget, rejectsTarget) = (outputs.mainTarget(task), outputs.rejectsTarget(task))
        let scanner = try pipeline.reader.openScanner(task.split)
        // A routing pipeline writes one output per route (RoutedOutputs.swift) and no main one.
        let output = outputs.routing == nil ? try pipeline.writer.openOutput(mainTarget) : nil
        let routed = outputs.routing == nil ? nil
            : RoutedOutputs(plan: outputs, task: task, planned: plannedPaths(task)) { try recordPlanned(task, $0) }
        var rejects: (any WriterOutput)?
        var sideFiles: [String: AtomicFile] = [:]
        var collector = ResultCollector(positions: pipeline.stages.count + 2, ids: pipeline.funnelIDs)
        var inFlight: [Promise<BatchResult>] = []  // oldest first; consumed ones are removed
        var lastConsumed = task.split.start
        var committed: [String] = []
        do {
            func consumeOldest() throws {
                let promise = inFlight.removeFirst()
                defer { permits.release() }
                let result = try promise.wait()
                try output?.write(result.output)
                for (route, chunk) in result.routed { try routed?.write(route, chunk) }
                if let chunk = result.rejects {
                    if rejects == nil { rejects = try pipeline.rejectsWriter.openOutput(rejectsTarget) }
                    try rejects?.write(chunk)
                }
                for (name, lines) in result.sideLines.sorted(by: { $0.key < $1.key }) where !lines.isEmpty {
                    if sideFiles[name] == nil { sideFiles[name] = try AtomicFile(path: outputs.sidePath(name, task)) }
                    try lines.withUnsafeBytes { try sideFiles[name]!.write($0) }
                }
                log(result.issues, loggedSoFar: collector.issueCount)
                collector.add(result)
                let written = result.output.documents + result.routed.reduce(0) { $0 + $1.chunk.documents }
                control.advance(bytes: max(0, result.fileBytesConsumed - lastConsumed), documents: Int64(written))
                lastConsumed = max(lastConsumed, result.fileBytesConsumed)
                guard control.countBadRecords(result.issues.count) else { throw RunCancelled() }
            }
            var sequence = 0
            while var scanned = try scanner.next() {
                if control.cancelled { throw RunCancelled() }
                (scanned.task, scanned.sequence) = (task.index, sequence)
                sequence += 1
                let raw = scanned
                permits.acquire()
                let promise = Promise<BatchResult>()
                let processor = self.processor
                pool.submit { promise.fulfill(Result { try processor.process(raw) }) }
                inFlight.append(promise)
                while inFlight.count >= maxInFlight { try consumeOldest() }
            }
            while !inFlight.isEmpty { try consumeOldest() }
            let unlogged = collector.issueCount - Self.loggedIssuesPerTask
            if unlogged > 0 {
                logger.warning("\(task.split.path): \(unlogged) more bad records not shown; see \(outputs.layout.rejectsDirectory)")
            }
            var mainOutputs: [String]
            if let routed {
                defer { committed = routed.committed }
                mainOutputs = try routed.commit()
            } else {
                mainOutputs = try output!.commit()
            }
            committed = mainOutputs
            if let rejects { committed += try rejects.commit() }
            for (_, file) in sideFiles.sorted(by: { $0.key < $1.key }) {
                try file.commit()
                committed.append(file.finalPath)
            }
            if routed == nil { mainOutputs = pipeline.writer.outputPaths(mainTarget) }
            return collector.result(outputs: committed, mainOutputs: mainOutputs,
                                    fileBytes: output?.fileBytes ?? routed?.fileBytes ?? 0, seconds: (clock.now - started).seconds)
        } catch {
            for promise in inFlight {
                _ = try? promise.wait()
                permits.release()
            }
            output?.abort()
            routed?.abort()
            rejects?.abort()
            for file in sideFiles.values { file.abort() }
            // A rejects commit that failed after the main one: take the main one back too.
            for path in committed { RunCleanup.remove(path) }
            throw error
        }
    }

    /// The paths `task` may write: the planned ones, and those an earlier attempt recorded.
    func plannedPaths(_ task: PlannedTask) -> [String] {
        var paths = outputs.paths(task)
        var seen = Set(paths)
        for path in earlierPlanned[task.index] ?? [] where seen.insert(path).inserted { paths.append(path) }
        return paths
    }

    private func log(_ issues: [InputIssue], loggedSoFar: Int) {
        for (i, issue) in issues.enumerated() where loggedSoFar + i < Self.loggedIssuesPerTask {
            logger.warning("\(issue.description) [\(issue.kind)]",
                           metadata: ["file": "\(issue.file)", "offset": "\(issue.offset)", "kind": "\(issue.kind)"])
        }
    }
}

/// Adds up the batch results of one task, in order.
struct ResultCollector {
    var stats: [StageStats]
    var ids: [StageID]
    /// The first bad records, with their places (`TaskRunner.storedIssuesPerTask`).
    var issues: [IssueReport] = []
    /// All bad records of the task, in all and by kind.
    var issueCount = 0
    var issueCounts: [String: Int64] = [:]
    var samples: [SampleReport] = []
    var sampleLimit = PerKeyLimit(RunStore.samplesPerReason)

    init(positions: Int, ids: [StageID]) {
        stats = [StageStats](repeating: StageStats(), count: positions)
        self.ids = ids
    }

    mutating func add(_ result: BatchResult) {
        for i in stats.indices { stats[i].merge(result.stats[i]) }
        issueCount += result.issues.count
        for issue in result.issues { issueCounts[issue.kind, default: 0] += 1 }
        for issue in result.issues.prefix(max(0, TaskRunner.storedIssuesPerTask - issues.count)) {
            issues.append(IssueReport(file: issue.file, offset: issue.offset, offsetIsCompressed: issue.offsetIsCompressed,
                                      line: issue.line, kind: issue.kind, message: issue.message))
        }
        for sample in result.samples where sampleLimit.admit("\(sample.position)/\(sample.reason)") {
            samples.append(sample)
        }
    }

    func result(outputs: [String], mainOutputs: [String], fileBytes: Int64, seconds: Double) -> TaskResult {
        TaskResult(stages: stats.enumerated().map { StageReport(position: $0.offset, id: ids[$0.offset].rawValue, stats: $0.element) },
                   samples: samples, issues: issues, issueCounts: issueCounts, outputs: outputs, mainOutputs: mainOutputs, outputFileBytes: fileBytes,
                   seconds: seconds)
    }
}

/// Admits at most `limit` items per key (samples per drop reason).
struct PerKeyLimit {
    let limit: Int
    private var counts: [String: Int] = [:]

    init(_ limit: Int) { self.limit = limit }

    mutating func admit(_ key: String) -> Bool {
        guard counts[key, default: 0] < limit else { return false }
        counts[key, default: 0] += 1
        return true
    }
}
