// The JSONL read-parse-write benchmark of issue #2, on one thread, streaming as one worker of
// `quarry run` does: decompress (zstd) and cut lines, parse (JSON into Documents), serialize
// (Documents to JSON lines), compress (zstd level 3) and write. Each part is timed with the
// thread's CPU clock around its own calls, so the parts add up to the whole.
import Glibc
import QuarryCore
import QuarryIO

/// CPU seconds of the calling thread.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

struct JSONLBenchmark {
    let files: [String]
    let textKey: String

    func run() throws {
        var options = JSONLReader.Options()
        options.textKey = textKey
        let reader = try JSONLReader(options: options)
        let writer = try JSONLWriter(options: JSONLWriter.Options())
        let temporary = "/tmp/quarry-bench-\(getpid())"
        try Directories.create(temporary)
        defer { _ = system("rm -rf \(temporary)") }

        var read = 0.0, parse = 0.0, serialize = 0.0, write = 0.0
        var megabytes = 0.0, outMegabytes = 0.0
        var documents = 0
        let total = cpuSeconds()
        for (i, file) in files.enumerated() {
            var t = threadCPUSeconds()
            func lap() -> Double {
                let now = threadCPUSeconds()
                defer { t = now }
                return now - t
            }
            let scanner = try reader.openScanner(InputSplit(path: file, name: "f\(i)"))
            let output = try writer.openOutput(OutputTarget(directory: temporary, stem: "s\(i)"))
            _ = lap()
            while true {
                let next = try scanner.next()
                read += lap()
                guard let raw = next else { break }
                megabytes += Double(raw.bytes.count + raw.records.count) / 1e6
                var stats = StageStats()
                var issues: [InputIssue] = []
                let batch = reader.decode(raw, stats: &stats, issues: &issues)
                precondition(issues.isEmpty, "bad record in benchmark input: \(issues[0])")
                documents += batch.count
                parse += lap()
                let chunk = try writer.encode(batch)
                outMegabytes += Double(chunk.bytes.count) / 1e6
                serialize += lap()
                try output.write(chunk)
                write += lap()
            }
            _ = try output.commit()
            write += lap()
        }
        let whole = cpuSeconds() - total
        print("JSONL read-parse-write: \(files.count) files, \(documents) documents, \(format(megabytes)) MB of JSONL in, \(format(outMegabytes)) MB out")
        printRow("decompress + cut lines", megabytes: megabytes, seconds: read)
        printRow("parse (JSON -> Document)", megabytes: megabytes, seconds: parse)
        printRow("serialize (Document -> JSON)", megabytes: megabytes, seconds: serialize)
        printRow("compress (zstd 3) + write", megabytes: megabytes, seconds: write)
        printRow("whole run, one thread", megabytes: megabytes, seconds: whole)
    }
}
