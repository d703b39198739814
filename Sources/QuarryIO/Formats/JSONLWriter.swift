// jsonl_writer_v1: documents as JSON Lines, one file per task, compressed with zstd (default,
// level 3) or gzip, or plain. Compressed files are cut into independent frames (members)
// every few MiB, so damage to one part of a file leaves the rest readable. Outputs of several
// tasks concatenate into one valid file (single-file `--output`).
import QuarryCore

/// Writes JSONL documents.
public struct JSONLWriter: DocumentWriter {
    public struct Options: StageOptions {
        public var compression = Compression.zstd
        public var level: Int?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("compression", \.compression, doc: "Compression of the output files: zstd, gzip or none."),
                .init("level", \.level, doc: "Compression level; default 3 for zstd, 6 for gzip."),
            ]
        }

        public func validate() throws {
            if compression == .bzip2 { throw ConfigError("bzip2 output is not supported; use zstd, gzip or none") }
            guard let level else { return }
            switch compression {
            case .gzip where !(0...9).contains(level): throw ConfigError("gzip level must be 0...9, found \(level)")
            case .zstd where !(-7...22).contains(level), .auto where !(-7...22).contains(level):
                throw ConfigError("zstd level must be -7...22, found \(level)")
            default: break
            }
        }
    }

    public static let id: StageID = "jsonl_writer_v1"
    public static let summary = "Writes documents as JSON Lines, one file per input shard (.jsonl.zst by default)."

    public let options: Options

    public init(options: Options) throws {
        try options.validate()
        self.options = options
    }

    /// The file extension of the outputs, e.g. `.jsonl.zst`.
    public var fileExtension: String {
        ".jsonl" + (options.compression == .auto ? Compression.zstd : options.compression).fileExtension
    }

    public func encode(_ documents: [Document]) throws -> EncodedChunk {
        JSONLWriter.encodeLines(documents)
    }

    /// Encodes documents as JSON lines.
    public static func encodeLines(_ documents: [Document]) -> EncodedChunk {
        let estimate = documents.reduce(0) { $0 + $1.byteCount + 128 }
        let out = ByteBuffer(capacity: estimate + estimate / 8)
        for document in documents { JSONLDocumentFormat.encode(document, to: out) }
        return EncodedChunk(bytes: out, documents: documents.count)
    }

    public func outputPaths(_ target: OutputTarget) -> [String] {
        [target.directory + "/" + target.stem + fileExtension]
    }

    public func openOutput(_ target: OutputTarget) throws -> any WriterOutput {
        let path = outputPaths(target)[0]
        let compression = options.compression == .auto ? Compression.zstd : options.compression
        return JSONLOutput(sink: try compression.openSink(path: path, level: options.level), path: path)
    }

    public var isConcatenable: Bool { true }
}

/// rejects_writer_v1: documents that were set aside, with `metadata.filter_reason` and
/// `metadata.filter_stage`, as JSON Lines under the run's `rejects/` directory.
public struct RejectsWriter: DocumentWriter {
    public typealias Options = JSONLWriter.Options
    public static let id: StageID = "rejects_writer_v1"
    public static let summary = "Writes set-aside documents (bad input records, and filtered ones on request) as JSON Lines."

    let jsonl: JSONLWriter

    public init(options: Options) throws { jsonl = try JSONLWriter(options: options) }
    public func encode(_ documents: [Document]) throws -> EncodedChunk { JSONLWriter.encodeLines(documents) }
    public func outputPaths(_ target: OutputTarget) -> [String] { jsonl.outputPaths(target) }
    public func openOutput(_ target: OutputTarget) throws -> any WriterOutput { try jsonl.openOutput(target) }
    public var isConcatenable: Bool { true }
}

/// One task's JSONL file.
final class JSONLOutput: WriterOutput {
    /// Uncompressed bytes per compressed frame.
    static let frameBytes = 8 << 20

    let sink: any ByteSink
    let path: String
    private var sinceFrame = 0

    init(sink: any ByteSink, path: String) {
        self.sink = sink
        self.path = path
    }

    func write(_ chunk: EncodedChunk) throws {
        try chunk.bytes.withUnsafeBytes { try sink.write($0) }
        sinceFrame += chunk.bytes.count
        if sinceFrame >= Self.frameBytes {
            try sink.endFrame()
            sinceFrame = 0
        }
    }

    func commit() throws -> [String] {
        try sink.commit()
        return [path]
    }

    func abort() { sink.abort() }

    var fileBytes: Int64 { sink.fileBytes }
}
