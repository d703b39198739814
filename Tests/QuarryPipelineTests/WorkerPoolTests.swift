// The worker pool runs every job and lets go of what a job captured as soon as it has run
// (a batch of records must not outlive its processing: memory stays bounded).
import Foundation
@testable import QuarryPipeline
import Testing

final class Payload: @unchecked Sendable {}

@Suite struct WorkerPoolTests {
    @Test func jobsRunAndReleaseWhatTheyCaptured() throws {
        for threads in [0, 1, 3] {
            let pool = WorkerPool(threads: threads)
            weak var released: Payload?
            let done = (0..<50).map { _ in Promise<Int>() }
            for (i, promise) in done.enumerated() {
                let payload = Payload()
                if i == 0 { released = payload }
                pool.submit { _ = payload; promise.fulfill(.success(i)) }
            }
            #expect(try done.map { try $0.wait() } == Array(0..<50))
            usleep(50_000)
            #expect(released == nil, "the pool still holds a finished job (threads: \(threads))")
            pool.shutdown()
        }
    }

    @Test func permitsBoundWhatIsInFlight() {
        let permits = Permits(2)
        permits.acquire()
        permits.acquire()
        let acquired = Promise<Bool>()
        Thread { permits.acquire(); acquired.fulfill(.success(true)) }.start()
        usleep(50_000)
        permits.release()
        #expect((try? acquired.wait()) == true)
    }
}
