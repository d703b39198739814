// The JSONL read-parse-write benchmark of issue #2: decompress (zstd), parse (lines + JSON
// into Documents), serialize (Documents to JSON lines), compress (zstd level 3), each timed
// alone on data held in memory, then all four streaming together as `quarry run` does it.
import Glibc
import QuarryCore
import QuarryIO

/// A ByteSource over bytes in memory.
final class MemorySource: ByteSource {
    let bytes: [UInt8]
    var position = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var fileOffset: Int64 { Int64(position) }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        let n = min(buffer.count, bytes.count - position)
        if n == 0 { return .end }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
        position += n
        return .bytes(n)
    }
}

struct JSONLBenchmark {
    let files: [String]
    let textKey: String

    func readAll(_ source: any ByteSource) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let event = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            switch event {
            case .bytes(let n): out.append(contentsOf: buffer[0..<n])
            case .damaged(let issue): fatalError("damaged benchmark input: \(issue)")
            case .end: return out
            }
        }
    }

    func run(streamingOnly: Bool = false) throws {
        var options = JSONLReader.Options()
        options.textKey = textKey
        let reader = try JSONLReader(options: options)
        let writer = try JSONLWriter(options: JSONLWriter.Options())
        let temporary = "/tmp/quarry-bench-\(getpid())"
        try Directories.create(temporary)
        defer { _ = system("rm -rf \(temporary)") }

        if streamingOnly {
            let (_, seconds) = try measure { try streamAll(reader: reader, writer: writer, temporary: temporary) }
            let megabytes = Double(files.reduce(Int64(0)) { $0 + (FileInfo.size(of: $1) ?? 0) }) / 1e6
            printRow("streaming, one thread (compressed MB)", megabytes: megabytes, seconds: seconds)
            return
        }
        // 1. decompress
        let (plain, decompressSeconds) = try measure { try files.map { try readAll(Compression.zstd.openSource(path: $0)) } }
        let megabytes = Double(plain.reduce(0) { $0 + $1.count }) / 1e6

        // 2. parse
        let (documents, parseSeconds) = try measure { () -> [[Document]] in
            var all: [[Document]] = []
            for (i, bytes) in plain.enumerated() {
                let scanner = LineScanner(source: MemorySource(bytes), file: files[i], name: files[i])
                while let raw = try scanner.next() {
                    var stats = StageStats()
                    var issues: [InputIssue] = []
                    all.append(reader.decode(raw, stats: &stats, issues: &issues))
                    precondition(issues.isEmpty, "bad record in benchmark input: \(issues[0])")
                }
            }
            return all
        }
        let documentCount = documents.reduce(0) { $0 + $1.count }

        // 3. serialize
        let (chunks, serializeSeconds) = try measure { try documents.map { try writer.encode($0) } }
        let outputMegabytes = Double(chunks.reduce(0) { $0 + $1.bytes.count }) / 1e6

        // 4. compress
        let (_, compressSeconds) = try measure {
            let sink = try Compression.zstd.openSink(path: temporary + "/out.jsonl.zst", level: 3)
            for chunk in chunks { try chunk.bytes.withUnsafeBytes { try sink.write($0) } }
            try sink.commit()
        }

        // 5. everything streaming, one thread: what one worker of `quarry run` does.
        let (_, streamingSeconds) = try measure { try streamAll(reader: reader, writer: writer, temporary: temporary) }

        print("JSONL read-parse-write: \(files.count) files, \(documentCount) documents, \(format(megabytes)) MB of JSONL in, \(format(outputMegabytes)) MB out")
        printRow("decompress (zstd)", megabytes: megabytes, seconds: decompressSeconds)
        printRow("parse (lines + JSON -> Document)", megabytes: megabytes, seconds: parseSeconds)
        printRow("serialize (Document -> JSON)", megabytes: megabytes, seconds: serializeSeconds)
        printRow("compress (zstd level 3)", megabytes: megabytes, seconds: compressSeconds)
        printRow("sum of the four phases", megabytes: megabytes,
                 seconds: decompressSeconds + parseSeconds + serializeSeconds + compressSeconds)
        printRow("streaming, one thread", megabytes: megabytes, seconds: streamingSeconds)
    }

    func streamAll(reader: JSONLReader, writer: JSONLWriter, temporary: String) throws {
        for (i, file) in files.enumerated() {
            let split = InputSplit(path: file, name: "f\(i)")
            let scanner = try reader.openScanner(split)
            let output = try writer.openOutput(OutputTarget(directory: temporary, stem: "s\(i)"))
            while let raw = try scanner.next() {
                var stats = StageStats()
                var issues: [InputIssue] = []
                try output.write(writer.encode(reader.decode(raw, stats: &stats, issues: &issues)))
            }
            _ = try output.commit()
        }
    }
}
