// Writers (DESIGN.md §3: sinks are their own protocol). Workers encode documents in parallel;
// one thread writes the encoded chunks of a task in order into files with temporary names,
// and commit renames them, so a killed run never leaves a half-written output under a final
// name (DESIGN.md §4.6).

/// Documents encoded by a writer, ready to be written in order.
public struct EncodedChunk: Sendable {
    public var bytes: ByteBuffer
    public var documents: Int

    public init(bytes: ByteBuffer, documents: Int) {
        self.bytes = bytes
        self.documents = documents
    }
}

/// Where one task's output goes: a directory and a file name stem (the input's relative name
/// without its extension); the writer adds its own extension.
public struct OutputTarget: Sendable, Hashable {
    public var directory: String
    public var stem: String

    public init(directory: String, stem: String) {
        self.directory = directory
        self.stem = stem
    }
}

/// An open output of one task.
public protocol WriterOutput: AnyObject {
    func write(_ chunk: EncodedChunk) throws
    /// Flushes and moves the temporary files to their final names; returns the final paths.
    func commit() throws -> [String]
    /// Removes the temporary files.
    func abort()
    /// Bytes written to disk so far (after compression).
    var fileBytes: Int64 { get }
}

/// An output format.
public protocol DocumentWriter: Sendable {
    associatedtype Options: StageOptions
    /// Stable identifier used in pipeline files, e.g. `jsonl_writer_v1`.
    static var id: StageID { get }
    static var summary: String { get }
    init(options: Options) throws
    /// Encodes documents; runs on worker threads, several chunks at once.
    func encode(_ documents: [Document]) throws -> EncodedChunk
    /// Opens a task's output under temporary names.
    func openOutput(_ target: OutputTarget) throws -> any WriterOutput
    /// The final paths `openOutput(target)` produces once committed.
    func outputPaths(_ target: OutputTarget) -> [String]
    /// Whether outputs of several tasks can be joined into one file by concatenating their
    /// bytes (true for JSONL, plain or compressed), which single-file `--output` needs.
    var isConcatenable: Bool { get }
}

extension DocumentWriter {
    public var isConcatenable: Bool { false }
}
