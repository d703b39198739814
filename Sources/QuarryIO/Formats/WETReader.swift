// wet_v1: plain text from WET files, the WARC files of `conversion` records in which Common
// Crawl ships each page's extracted text (.warc.wet.gz; also .wet, .wet.gz). Each conversion
// record becomes a document whose text is the record's block (UTF-8 as Common Crawl writes
// it; decoded through Charsets.decodeText so other WET producers' bytes are safe too). Other
// record types (warcinfo ...) are skipped and counted as `skipped_<type>`. Drops:
// `url_excluded`, `empty_payload`; issues as warc_v1 (the scanner is the same).
//
// Document id and metadata as warc_v1: id the WARC-Record-ID without angle brackets;
// `url`, `warc_date`, `warc_record_id`, `content_type` ("text/plain" unless the record says
// otherwise), `charset`, and `warc_identified_content_language` when the record has one
// (Common Crawl's language guess, e.g. "eng,deu").
import QuarryCore
import QuarryText

/// Reads WET conversion records.
public struct WETReader: DocumentReader {
    public struct Options: StageOptions {
        public var urlInclude: [String] = []
        public var urlExclude: [String] = []
        public var maxPayloadBytes = 4 << 20
        public var splitBytes = 256 << 20
        public var defaultSource: String?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("url_include", \.urlInclude, doc: WARCOptionDocs.urlInclude),
                .init("url_exclude", \.urlExclude, doc: WARCOptionDocs.urlExclude),
                .init("max_payload_bytes", \.maxPayloadBytes,
                      doc: "Longest text read, in bytes; longer records are set aside as record_too_large without being buffered."),
                .init("split_bytes", \.splitBytes, doc: WARCOptionDocs.splitBytes),
                .init("default_source", \.defaultSource, doc: WARCOptionDocs.defaultSource),
            ]
        }

        public func validate() throws {
            try WARCOptionDocs.validate(maxPayloadBytes: maxPayloadBytes, splitBytes: splitBytes)
        }
    }

    public static let id: StageID = "wet_v1"
    public static let summary = "Reads extracted page text from WET conversion records (.warc.wet.gz, .wet, .wet.gz)."
    public static let fileExtensions = [".warc.wet.gz", ".warc.wet", ".wet", ".wet.gz"]

    public let options: Options
    let urls: URLFilter

    public init(options: Options) throws {
        self.options = options
        urls = URLFilter(include: options.urlInclude, exclude: options.urlExclude)
    }

    public func splits(path: String, size: Int64) -> [Range<Int64>]? {
        WARCSplits.ranges(path: path, size: size, step: options.splitBytes)
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        try WARCScanner.open(split, config: .init(blockTypes: ["conversion"], maxBlockBytes: options.maxPayloadBytes,
                                                  headBytes: WARCScanner.sampleBytes))
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        var documents: [Document] = []
        documents.reserveCapacity(raw.records.count)
        raw.bytes.withUnsafeBufferPointer { bytes in
            for record in raw.records {
                let view = WARCRawRecord.view(UnsafeBufferPointer(rebasing: bytes[record.range]))
                let fields = WARCFields(header: view.header)
                guard fields.type == "conversion", !view.flags.contains(.headerOnly) else {
                    stats.count(fields.counterName)
                    continue
                }
                guard urls.admits(fields.targetURI) else {
                    stats.drop(reason: "url_excluded")
                    continue
                }
                if view.flags.contains(.blockCut) {
                    issues.append(InputIssue(record: record, in: raw, flags: view.flags, kind: "record_too_large",
                                             message: "the record's text of \(view.declaredLength) bytes is longer than the limit of "
                                                + "\(options.maxPayloadBytes) bytes (max_payload_bytes)",
                                             sample: view.block, length: view.declaredLength))
                    continue
                }
                let block = view.block
                guard block.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
                    stats.drop(reason: "empty_payload")
                    continue
                }
                let text = Charsets.decodeText(block)
                if text.replacements > 0 {
                    stats.count("charset_replacement_documents")
                    stats.count("charset_replacements", by: Int64(text.replacements))
                }
                var metadata: JSONObject = [:]
                if let url = fields.targetURI { metadata["url"] = .string(url) }
                if let date = fields.date { metadata["warc_date"] = .string(date) }
                if let id = fields.recordID { metadata["warc_record_id"] = .string(id) }
                metadata["content_type"] = .string(fields.contentType.map(HTTPHeaders.mediaType) ?? "text/plain")
                metadata["charset"] = .string(text.charset)
                if let language = fields.identifiedContentLanguage {
                    metadata["warc_identified_content_language"] = .string(language)
                }
                documents.append(Document(id: fields.recordID ?? "\(raw.name)#\(record.offset)", text: text.text,
                                          source: options.defaultSource, metadata: metadata))
            }
        }
        return documents
    }
}
