// Readers (DESIGN.md §3: sources are their own protocol). A reader turns one input file, or a
// byte range of it, into documents in two steps: a sequential scan that decompresses and cuts
// raw records (one thread per task), and a decode of those records into documents that
// workers run in parallel. Damage never stops a scan: it is reported as InputIssues with the
// file and offset, and the rest of the input is read.

/// The part of an input file one task reads.
public struct InputSplit: Sendable, Hashable {
    /// The file's path as given (after glob expansion).
    public var path: String
    /// The path relative to the common directory of all inputs; names the task's outputs.
    public var name: String
    /// First byte of the range. A record belongs to the range its first byte is in.
    public var start: Int64
    /// End of the range (exclusive), or nil for the end of the file.
    public var end: Int64?
    /// This split's index among the file's splits, and their number.
    public var part: Int
    public var parts: Int

    public init(path: String, name: String, start: Int64 = 0, end: Int64? = nil, part: Int = 0, parts: Int = 1) {
        self.path = path
        self.name = name
        self.start = start
        self.end = end
        self.part = part
        self.parts = parts
    }
}

/// One raw record inside a RawRecordBatch.
public struct RawRecord: Sendable, Hashable {
    /// Where the record's bytes are in the batch's `bytes`.
    public var range: Range<Int>
    /// Byte offset of the record in the (decompressed) input.
    public var offset: Int64
    /// 1-based line number, when known.
    public var line: Int64?

    public init(range: Range<Int>, offset: Int64, line: Int64?) {
        self.range = range
        self.offset = offset
        self.line = line
    }
}

/// Raw records cut from an input, ready to decode.
public struct RawRecordBatch: Sendable {
    /// The input file, for messages.
    public var file: String
    /// The input's relative name, for default document ids.
    public var name: String
    public var bytes: [UInt8] = []
    public var records: [RawRecord] = []
    /// Damage found while scanning (decompression errors, oversized records).
    public var issues: [InputIssue] = []
    /// Bytes of the input file consumed once this batch was cut (drives progress and ETA).
    public var fileBytesConsumed: Int64 = 0
    /// The task reading this batch, and the batch's place in the task (from 0); the executor
    /// sets them as it scans.
    public var task = 0
    public var sequence = 0

    public init(file: String, name: String) {
        self.file = file
        self.name = name
    }
}

/// A sequential scan over one InputSplit; one thread calls it.
public protocol RecordScanner: AnyObject {
    /// The next batch of raw records, or nil at the end of the split. Throws only when the
    /// input cannot be read at all (an I/O error), never for damaged content.
    func next() throws -> RawRecordBatch?
}

/// An input format.
public protocol DocumentReader: Sendable {
    associatedtype Options: StageOptions
    /// Stable identifier used in pipeline files, e.g. `jsonl_v1`.
    static var id: StageID { get }
    static var summary: String { get }
    /// File name endings the reader takes, e.g. `.jsonl`, `.jsonl.gz`.
    static var fileExtensions: [String] { get }
    init(options: Options) throws
    /// Byte ranges to split a file into, or nil to read it as one task. Ranges must not
    /// depend on the number of workers, so that any worker count writes the same outputs.
    func splits(path: String, size: Int64) -> [Range<Int64>]?
    /// Opens a scan over one split.
    func openScanner(_ split: InputSplit) throws -> any RecordScanner
    /// Decodes raw records into documents, in record order. Records that cannot be decoded
    /// become issues; records skipped on purpose (wrong type, filtered out) are counted with
    /// `stats.drop(reason:)`. Runs on worker threads, several batches at once.
    func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document]
}

extension DocumentReader {
    public func splits(path: String, size: Int64) -> [Range<Int64>]? { nil }
}
