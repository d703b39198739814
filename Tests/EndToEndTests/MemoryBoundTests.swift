// Memory stays bounded whatever the input size (issue #2: streaming, constant memory): a
// run over an input several times larger than the limit below must stay under it. Peak
// memory is the child's VmHWM from /proc, read while it runs.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct MemoryBoundTests {
    /// The high-water mark of resident memory of a running process, in bytes.
    func peakResident(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "").map { $0 * 1024 }
        }
        return nil
    }

    @Test func aLargeInputRunsInBoundedMemory() throws {
        let dir = TemporaryDirectory("quarry-memory")
        // 240 MB of JSONL in one zstd file (one task, so memory cannot hide in task count).
        var block = ""
        for i in 0..<2000 {
            block += #"{"id":"b\#(i)","text":"\#(String(repeating: "lorem ipsum dolor sit amet ", count: 18 + i % 7))"}"# + "\n"
        }
        let bytes = Array(block.utf8)
        let path = dir.file("in/big.jsonl.zst")
        try Directories.create(parentOf: path)
        let sink = try Compression.zstd.openSink(path: path, level: 1)
        var written = 0
        while written < 240_000_000 {
            try bytes.withUnsafeBytes { try sink.write($0) }
            written += bytes.count
        }
        try sink.commit()
        try dir.write("p.yaml", """
            version: 1
            input: { reader: jsonl_v1, paths: [in] }
            stages: [ text_normalize_v1 ]
            output: { writer: jsonl_writer_v1, directory: out, level: 1 }
            """)

        let running = try QuarryBinary.start(["run", "p.yaml", "--workers", "2"], in: dir.path, discardOutput: true)
        var peak = 0
        while running.process.isRunning {
            peak = max(peak, peakResident(running.process.processIdentifier) ?? 0)
            usleep(20_000)
        }
        running.process.waitUntilExit()
        #expect(running.process.terminationStatus == 0)
        #expect(peak > 0)
        #expect(peak < 160_000_000, "peak resident memory \(peak / 1_000_000) MB for a \(written / 1_000_000) MB input")
    }
}
