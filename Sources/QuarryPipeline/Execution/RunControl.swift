// Shared state of a running run: cancellation, the bad-record budget (--max-errors) and the
// progress counters. Updated once per batch, read by the progress display.
import Foundation

final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var _cancelled = false
    private var _badRecords = 0
    private var _bytesDone: Int64 = 0
    private var _documents: Int64 = 0
    private var _tasksDone = 0
    let maxErrors: Int?
    let totalBytes: Int64
    let totalTasks: Int

    init(maxErrors: Int?, badRecords: Int = 0, totalBytes: Int64, totalTasks: Int) {
        self.maxErrors = maxErrors
        _badRecords = badRecords
        self.totalBytes = totalBytes
        self.totalTasks = totalTasks
    }

    var cancelled: Bool { lock.withLock { _cancelled } }

    func cancel() { lock.withLock { _cancelled = true } }

    /// Counts bad records; returns false (and cancels the run) once the budget is exceeded.
    func countBadRecords(_ n: Int) -> Bool {
        lock.withLock {
            _badRecords += n
            if let maxErrors, _badRecords > maxErrors {
                _cancelled = true
                return false
            }
            return true
        }
    }

    var badRecords: Int { lock.withLock { _badRecords } }

    func advance(bytes: Int64, documents: Int64) {
        lock.withLock {
            _bytesDone += bytes
            _documents += documents
        }
    }

    func taskDone() { lock.withLock { _tasksDone += 1 } }

    var snapshot: (bytes: Int64, documents: Int64, tasksDone: Int) {
        lock.withLock { (_bytesDone, _documents, _tasksDone) }
    }
}
