// A fixed pool of worker threads with a job queue, a one-shot result cell, and a counting
// semaphore that bounds the batches in flight (so memory stays bounded whatever the input
// size). Plain threads and condition variables: the work is CPU-bound and blocking, which
// Swift's cooperative task pool is not meant for.
import Foundation

/// Threads that run submitted jobs in submission order of pickup.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    /// Queued jobs; taken ones are set to nil at once, so nothing they captured (a batch of
    /// records) outlives its run.
    private var jobs: [(@Sendable () -> Void)?] = []
    private var head = 0
    private var closed = false
    private var threads: [Thread] = []
    let size: Int

    /// - Parameter threads: number of threads; 0 runs every job inline in `submit`.
    init(threads: Int, name: String = "quarry-worker") {
        size = threads
        for i in 0..<threads {
            // The thread holds the pool until shutdown() lets it return.
            let thread = Thread { self.loop() }
            thread.name = "\(name)-\(i)"
            thread.stackSize = 8 << 20
            self.threads.append(thread)
            thread.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        if size == 0 {
            job()
            return
        }
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while head == jobs.count && !closed { condition.wait() }
            if head == jobs.count && closed {
                condition.unlock()
                return
            }
            let job = jobs[head]
            jobs[head] = nil
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64 {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job?()
        }
    }

    /// Finishes the queued jobs and stops the threads.
    func shutdown() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A value produced once, by one thread, and waited for by another.
final class Promise<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    func fulfill(_ value: Result<Value, any Error>) {
        condition.lock()
        result = value
        condition.broadcast()
        condition.unlock()
    }

    func wait() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}

/// A counting semaphore.
final class Permits: @unchecked Sendable {
    private let condition = NSCondition()
    private var available: Int

    init(_ count: Int) { available = count }

    func acquire() {
        condition.lock()
        while available == 0 { condition.wait() }
        available -= 1
        condition.unlock()
    }

    func release() {
        condition.lock()
        available += 1
        condition.signal()
        condition.unlock()
    }
}
