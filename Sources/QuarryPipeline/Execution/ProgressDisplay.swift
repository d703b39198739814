// Progress on a terminal (stderr), redrawn twice a second: tasks, documents, documents/s,
// MB/s of input and an ETA from the input bytes read. Only used when stderr is a terminal.
import Foundation

final class ProgressDisplay: @unchecked Sendable {
    private let control: RunControl
    private let lock = NSLock()
    private var running = true
    private let thread: Thread
    private let started = Date()

    init(control: RunControl) {
        self.control = control
        let box = Weak()
        thread = Thread {
            while let display = box.value, display.isRunning {
                display.draw()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        box.value = self
        thread.start()
    }

    private final class Weak: @unchecked Sendable { weak var value: ProgressDisplay? }

    private var isRunning: Bool { lock.withLock { running } }

    func stop() {
        lock.withLock { running = false }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        let (bytes, documents, tasksDone) = control.snapshot
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / elapsed
        var line = "  \(tasksDone)/\(control.totalTasks) tasks  \(documents) docs  "
            + "\(Int(Double(documents) / elapsed)) docs/s  \(format(rate / 1e6)) MB/s"
        if rate > 0, control.totalBytes > bytes {
            line += "  ETA \(duration(Double(control.totalBytes - bytes) / rate))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    private func format(_ x: Double) -> String { String(Double(Int(x * 10)) / 10) }

    private func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
