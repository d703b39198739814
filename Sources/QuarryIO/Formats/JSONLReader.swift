// jsonl_v1: documents from JSON Lines files, plain or compressed (.gz, .zst, .bz2; from the
// extension unless `compression` says otherwise). Uncompressed files larger than
// `split_bytes` are split into byte ranges read as separate tasks. A line that is not a
// document is an issue (kind `invalid_json`, `missing_text` ...) with its file and offset.
import QuarryCore

/// Reads JSONL documents.
public struct JSONLReader: DocumentReader {
    public struct Options: StageOptions {
        public var textKey = "text"
        public var idKey = "id"
        public var defaultSource: String?
        public var compression = Compression.auto
        public var maxRecordBytes = 16 << 20
        public var splitBytes = 256 << 20

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("text_key", \.textKey, doc: "Key holding the document text (datatrove: text_key)."),
                .init("id_key", \.idKey, doc: "Key holding the document id; when absent the id is `<file>#<byte offset>`."),
                .init("default_source", \.defaultSource, doc: "Source name for documents without a `source` key."),
                .init("compression", \.compression, doc: "Compression of the files; `auto` goes by extension (.gz, .zst, .bz2)."),
                .init("max_record_bytes", \.maxRecordBytes,
                      doc: "Longest line read, in bytes; longer lines are set aside as `record_too_large`."),
                .init("split_bytes", \.splitBytes,
                      doc: "Uncompressed files larger than this many bytes are read as several tasks of this size; 0 never splits."),
            ]
        }

        public func validate() throws {
            guard maxRecordBytes > 0 else { throw ConfigError("max_record_bytes must be positive") }
            guard splitBytes >= 0 else { throw ConfigError("split_bytes must be 0 or positive") }
            guard !textKey.isEmpty, !idKey.isEmpty else { throw ConfigError("text_key and id_key must not be empty") }
        }
    }

    public static let id: StageID = "jsonl_v1"
    public static let summary = "Reads JSON Lines documents (.jsonl, .jsonl.gz, .jsonl.zst, .jsonl.bz2)."
    public static let fileExtensions = [".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".jsonl.bz2",
                                        ".ndjson", ".ndjson.gz", ".ndjson.zst"]

    public let options: Options
    let format: JSONLDocumentFormat

    public init(options: Options) throws {
        self.options = options
        format = JSONLDocumentFormat(textKey: options.textKey, idKey: options.idKey)
    }

    public func splits(path: String, size: Int64) -> [Range<Int64>]? {
        let step = Int64(options.splitBytes)
        guard step > 0, size > step, options.compression.resolved(for: path) == .none else { return nil }
        return stride(from: Int64(0), to: size, by: Int(step)).map { $0..<min($0 + step, size) }
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        let source = try options.compression.openSource(path: split.path, offset: max(0, split.start - 1))
        return LineScanner(source: source, file: split.path, name: split.name, start: split.start, end: split.end,
                           limits: .init(maxRecordBytes: options.maxRecordBytes))
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        var documents: [Document] = []
        documents.reserveCapacity(raw.records.count)
        let scratch = ByteBuffer(capacity: 1 << 16)
        var conflicts = 0
        raw.bytes.withUnsafeBufferPointer { bytes in
            for record in raw.records {
                let line = UnsafeBufferPointer(rebasing: bytes[record.range])
                var replacements = 0
                do throws(RecordError) {
                    var document = try format.decode(line, scratch: scratch, defaultID: "\(raw.name)#\(record.offset)",
                                                     replacements: &replacements, conflicts: &conflicts,
                                                     backing: (raw.bytes, record.range.lowerBound))
                    if document.source == nil { document.source = options.defaultSource }
                    if replacements > 0 {
                        stats.count("invalid_utf8_documents")
                        stats.count("invalid_utf8_replacements", by: Int64(replacements))
                    }
                    documents.append(document)
                } catch {
                    issues.append(InputIssue(file: raw.file, offset: record.offset, line: record.line, kind: error.kind,
                                             message: error.message,
                                             sample: Array(line.prefix(LineScanner.sampleBytes)), length: Int64(line.count)))
                }
            }
        }
        if conflicts > 0 { stats.count("metadata_key_conflicts", by: Int64(conflicts)) }
        return documents
    }
}
