// `quarry-bench prepare`: recompresses benchmark inputs as .jsonl.zst (zstd level 3), once.
import QuarryCore
import QuarryIO

func prepare(outputDirectory: String, inputs: [String]) throws {
    try Directories.create(outputDirectory)
    for input in inputs {
        var name = String(input.split(separator: "/").last ?? "")
        for suffix in [".gz", ".zst", ".bz2"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        let path = outputDirectory + "/" + name + ".zst"
        if FileInfo.exists(path) { continue }
        let source = try Compression.auto.openSource(path: input)
        let sink = try Compression.zstd.openSink(path: path, level: 3)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        reading: while true {
            switch try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) {
            case .bytes(let n): try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            case .damaged(let issue): throw issue.asError
            case .end: break reading
            }
        }
        try sink.commit()
        print("prepared \(path)")
    }
}

extension InputIssue {
    var asError: InputError { InputError(file: file, offset: offset, message) }
}
