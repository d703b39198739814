// Runs one task: scans its input split, hands batches to the worker pool (or processes them
// inline), writes the results in input order into outputs with temporary names, and commits
// them when the whole split is done. Bad records are logged (the first few per task), counted
// against --max-errors and set aside in rejects/.
import Logging
import QuarryCore
import QuarryStats

/// The run was stopped (too many bad records, or another failure).
struct RunCancelled: Error {}

struct TaskRunner {
    let pipeline: ResolvedPipeline
    let processor: BatchProcessor
    let layout: RunLayout
    let pool: WorkerPool
    let permits: Permits
    let control: RunControl
    let logger: Logger
    /// Batches of one task in flight at once.
    let maxInFlight: Int
    /// Bad records of one task that are logged one by one.
    static let loggedIssuesPerTask = 10

    func run(_ task: PlannedTask) throws -> TaskResult {
        let clock = ContinuousClock()
        let started = clock.now
        let scanner = try pipeline.reader.openScanner(task.split)
        let output = try pipeline.writer.openOutput(OutputTarget(directory: layout.outputDirectory, stem: task.stem))
        var rejects: (any WriterOutput)?
        var collector = ResultCollector(positions: pipeline.stages.count + 2, samplesPerReason: RunStore.samplesPerReason,
                                        ids: pipeline.funnelIDs)
        var inFlight: [Promise<BatchResult>] = []  // oldest first; consumed ones are removed
        var lastConsumed = task.split.start
        do {
            func consumeOldest() throws {
                let result = try inFlight.removeFirst().wait()
                permits.release()
                try output.write(result.output)
                if let chunk = result.rejects {
                    if rejects == nil {
                        rejects = try pipeline.rejectsWriter.openOutput(OutputTarget(directory: layout.rejectsDirectory, stem: task.stem))
                    }
                    try rejects?.write(chunk)
                }
                log(result.issues, loggedSoFar: collector.issues.count)
                collector.add(result)
                control.advance(bytes: max(0, result.fileBytesConsumed - lastConsumed), documents: Int64(result.output.documents))
                lastConsumed = max(lastConsumed, result.fileBytesConsumed)
                guard control.countBadRecords(result.issues.count) else { throw RunCancelled() }
            }
            while let raw = try scanner.next() {
                if control.cancelled { throw RunCancelled() }
                permits.acquire()
                let promise = Promise<BatchResult>()
                let processor = self.processor
                pool.submit { promise.fulfill(Result { try processor.process(raw) }) }
                inFlight.append(promise)
                while inFlight.count >= maxInFlight { try consumeOldest() }
            }
            while !inFlight.isEmpty { try consumeOldest() }
            let skipped = collector.issues.count - Self.loggedIssuesPerTask
            if skipped > 0 {
                logger.warning("\(task.split.path): \(skipped) more bad records not shown; see \(layout.rejectsDirectory)")
            }
            var paths = try output.commit()
            if let rejects { paths += try rejects.commit() }
            return collector.result(outputs: paths, fileBytes: output.fileBytes, seconds: seconds(clock.now - started))
        } catch {
            for promise in inFlight {
                _ = try? promise.wait()
                permits.release()
            }
            output.abort()
            rejects?.abort()
            throw error
        }
    }

    private func log(_ issues: [InputIssue], loggedSoFar: Int) {
        for (i, issue) in issues.enumerated() where loggedSoFar + i < Self.loggedIssuesPerTask {
            logger.warning("\(issue.description) [\(issue.kind)]",
                           metadata: ["file": "\(issue.file)", "offset": "\(issue.offset)", "kind": "\(issue.kind)"])
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Adds up the batch results of one task, in order.
struct ResultCollector {
    var stats: [StageStats]
    var ids: [StageID]
    var issues: [IssueReport] = []
    var samples: [SampleReport] = []
    var sampleCounts: [String: Int] = [:]
    let samplesPerReason: Int

    init(positions: Int, samplesPerReason: Int, ids: [StageID]) {
        stats = [StageStats](repeating: StageStats(), count: positions)
        self.samplesPerReason = samplesPerReason
        self.ids = ids
    }

    mutating func add(_ result: BatchResult) {
        for i in stats.indices { stats[i].merge(result.stats[i]) }
        issues += result.issues.map {
            IssueReport(file: $0.file, offset: $0.offset, offsetIsCompressed: $0.offsetIsCompressed, line: $0.line,
                        kind: $0.kind, message: $0.message)
        }
        for sample in result.samples {
            let key = "\(sample.position)/\(sample.reason)"
            if sampleCounts[key, default: 0] < samplesPerReason {
                sampleCounts[key, default: 0] += 1
                samples.append(sample)
            }
        }
    }

    func result(outputs: [String], fileBytes: Int64, seconds: Double) -> TaskResult {
        TaskResult(stages: stats.enumerated().map { StageReport(position: $0.offset, id: ids[$0.offset].rawValue, stats: $0.element) },
                   samples: samples, issues: issues, outputs: outputs, outputFileBytes: fileBytes, seconds: seconds)
    }
}
