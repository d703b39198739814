// warc_v1: web pages from WARC files (ISO 28500; WARC/1.0 and 1.1), plain (.warc) or gzipped
// (.warc.gz, one member per record as Common Crawl ships them, or one stream). `response`
// records give their HTTP payload, `resource` records their block; both become documents whose
// text is the page decoded to UTF-8 (the HTML itself: main-text extraction is html_extract_v1).
// Every other record type (warcinfo, request, metadata, revisit, conversion ...) is skipped
// and counted as `skipped_<type>`. Records filtered out on purpose are drops of the reader's
// funnel row: `url_excluded`, `http_status_not_ok`, `content_type_skipped`,
// `content_encoding_unsupported`, `empty_payload`. Bad records are issues with the file and
// the record's offset — for .warc.gz the compressed offset of the record's gzip member, which
// `dd`/`zcat` can read from: `invalid_warc_record`, `warc_length_mismatch`, `truncated_input`,
// `corrupt_gzip`, `invalid_http_response`, `corrupt_content_encoding`, `record_too_large`.
//
// Document id: the WARC-Record-ID without its angle brackets ("urn:uuid:…"), as Common Crawl
// indexes and the web-sample JSONL spell it (datatrove keeps the brackets). Metadata, in this
// order: `url`, `warc_date`, `warc_record_id`, `content_type` (the media type, lower-case),
// `charset` (the charset the text was decoded from), `http_status` (responses), and
// `warc_identified_payload_type` when the record has one.
import QuarryCore
import QuarryText

/// Reads WARC response and resource records.
public struct WARCReader: DocumentReader {
    public struct Options: StageOptions {
        public var onlyOK = true
        public var contentTypes = ["text/html", "application/xhtml+xml", "text/plain"]
        public var urlInclude: [String] = []
        public var urlExclude: [String] = []
        public var maxPayloadBytes = 4 << 20
        public var splitBytes = 256 << 20
        public var defaultSource: String?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("only_ok", \.onlyOK, doc: "Keep only responses with HTTP status 200; others are dropped as http_status_not_ok."),
                .init("content_types", \.contentTypes,
                      doc: "Media types kept (`type/*` and `*` allowed), from WARC-Identified-Payload-Type, else the HTTP "
                        + "Content-Type, else sniffed; others are dropped as content_type_skipped."),
                .init("url_include", \.urlInclude, doc: WARCOptionDocs.urlInclude),
                .init("url_exclude", \.urlExclude, doc: WARCOptionDocs.urlExclude),
                .init("max_payload_bytes", \.maxPayloadBytes,
                      doc: "Longest payload read, in bytes, after de-chunking and decompression; longer records are set aside "
                        + "as record_too_large without being buffered."),
                .init("split_bytes", \.splitBytes, doc: WARCOptionDocs.splitBytes),
                .init("default_source", \.defaultSource, doc: WARCOptionDocs.defaultSource),
            ]
        }

        public func validate() throws {
            try WARCOptionDocs.validate(maxPayloadBytes: maxPayloadBytes, splitBytes: splitBytes)
            for type in contentTypes where type != "*" && !type.contains("/") {
                throw ConfigError("content_types: '\(type)' is not a media type (type/subtype, type/*, or *)")
            }
        }
    }

    public static let id: StageID = "warc_v1"
    public static let summary = "Reads web pages from WARC response and resource records (.warc, .warc.gz), HTML decoded to UTF-8."
    public static let fileExtensions = [".warc", ".warc.gz"]

    /// Record types whose blocks the scanner keeps.
    static let documentTypes = ["response", "resource"]

    public let options: Options
    let urls: URLFilter
    let mediaTypes: MediaTypeFilter

    public init(options: Options) throws {
        self.options = options
        urls = URLFilter(include: options.urlInclude, exclude: options.urlExclude)
        mediaTypes = MediaTypeFilter(options.contentTypes)
    }

    public func splits(path: String, size: Int64) -> [Range<Int64>]? {
        WARCSplits.ranges(path: path, size: size, step: options.splitBytes)
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        try WARCScanner.open(split, config: .init(blockTypes: Self.documentTypes,
                                                  maxBlockBytes: options.maxPayloadBytes + HTTPHeaders.maxHeadBytes))
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        var documents: [Document] = []
        documents.reserveCapacity(raw.records.count / 2 + 1)
        raw.bytes.withUnsafeBufferPointer { bytes in
            for record in raw.records {
                let view = WARCRawRecord.view(UnsafeBufferPointer(rebasing: bytes[record.range]))
                let fields = WARCFields(header: view.header)
                guard Self.documentTypes.contains(fields.type), !view.flags.contains(.headerOnly) else {
                    stats.count(fields.counterName)
                    continue
                }
                do throws(WARCPayload.Failure) {
                    documents.append(try document(view, fields, record, raw, &stats))
                } catch {
                    switch error {
                    case .drop(let reason): stats.drop(reason: reason)
                    case .issue(let kind, let message):
                        issues.append(InputIssue(record: record, in: raw, flags: view.flags, kind: kind, message: message,
                                                 sample: view.block, length: view.declaredLength))
                    }
                }
            }
        }
        return documents
    }

    /// A response's or resource's payload, before charset decoding.
    struct Payload {
        var status: Int?
        /// The media type the filters went by.
        var mediaType: String
        /// The Content-Type value the server (or the resource record) declared.
        var declaredType: String?
        /// The payload as stored.
        var body: UnsafeBufferPointer<UInt8>
        /// The payload with its transfer and content codings undone, when it had any.
        var decoded: [UInt8]?

        /// Calls `f` with the payload bytes.
        func withBytes<R>(_ f: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let decoded else { return f(body) }
            return decoded.withUnsafeBufferPointer(f)
        }
    }

    /// The payload of a response or resource record, or why it is dropped or set aside.
    func payload(_ view: WARCRawRecord.View, _ fields: WARCFields, _ stats: inout StageStats) throws(WARCPayload.Failure) -> Payload {
        guard urls.admits(fields.targetURI) else { throw .drop("url_excluded") }
        var body = view.block
        var status: Int?
        var declaredType = fields.contentType
        var transferEncoding: String?, contentEncoding: String?
        if fields.type == "response" {
            guard let head = HTTPHeaders.parseResponse(view.block) else {
                throw .issue(kind: "invalid_http_response", message: "the response record's block does not start with an HTTP status line")
            }
            status = head.status
            if options.onlyOK && head.status != 200 { throw .drop("http_status_not_ok") }
            body = UnsafeBufferPointer(rebasing: view.block[min(head.length, view.block.count)...])
            declaredType = head.contentType
            transferEncoding = head.transferEncoding
            contentEncoding = head.contentEncoding
        }
        if body.isEmpty { throw .drop("empty_payload") }
        let mediaType = fields.identifiedPayloadType.map(HTTPHeaders.mediaType).flatMap { $0.isEmpty ? nil : $0 }
            ?? declaredType.map(HTTPHeaders.mediaType).flatMap { $0.isEmpty ? nil : $0 }
            ?? WARCPayload.sniffedMediaType(body)
        guard mediaTypes.admits(mediaType) else { throw .drop("content_type_skipped") }
        let limit = options.maxPayloadBytes
        let tooLarge = WARCPayload.Failure.issue(kind: "record_too_large", message: "the record's block of \(view.declaredLength) "
            + "bytes holds more than the limit of \(limit) payload bytes (max_payload_bytes)")
        if view.flags.contains(.blockCut) { throw tooLarge }
        // Decoding stops at the limit (record_too_large); a payload used as stored is checked after.
        let decoded = try WARCPayload.decode(body, transferEncoding: transferEncoding, contentEncoding: contentEncoding,
                                             limit: limit, stats: &stats)
        if decoded == nil && body.count > limit { throw tooLarge }
        return Payload(status: status, mediaType: mediaType, declaredType: declaredType, body: body, decoded: decoded)
    }

    /// One response or resource record as a document.
    func document(_ view: WARCRawRecord.View, _ fields: WARCFields, _ record: RawRecord, _ raw: RawRecordBatch,
                  _ stats: inout StageStats) throws(WARCPayload.Failure) -> Document {
        let payload = try payload(view, fields, &stats)
        let charsetLabel = payload.declaredType.flatMap { Charsets.charset(fromContentType: $0) }
        let text: DecodedText? = payload.withBytes { bytes in
            guard bytes.count > 0 else { return nil }
            return payload.mediaType == "text/plain" ? Charsets.decodeText(bytes, httpCharset: charsetLabel)
                                                     : Charsets.decodeHTML(bytes, httpCharset: charsetLabel)
        }
        guard let text else { throw .drop("empty_payload") }
        if text.replacements > 0 {
            stats.count("charset_replacement_documents")
            stats.count("charset_replacements", by: Int64(text.replacements))
        }
        var metadata: JSONObject = [:]
        if let url = fields.targetURI { metadata["url"] = .string(url) }
        if let date = fields.date { metadata["warc_date"] = .string(date) }
        if let id = fields.recordID { metadata["warc_record_id"] = .string(id) }
        metadata["content_type"] = .string(payload.mediaType)
        metadata["charset"] = .string(text.charset)
        if let status = payload.status { metadata["http_status"] = .int(status) }
        if let identified = fields.identifiedPayloadType { metadata["warc_identified_payload_type"] = .string(identified) }
        return Document(id: fields.recordID ?? "\(raw.name)#\(record.offset)", text: text.text, source: options.defaultSource,
                        metadata: metadata)
    }
}
/// Byte ranges for splitting a WARC or WET file into tasks.
enum WARCSplits {
    /// Ranges of `step` bytes for plain and gzip files larger than `step`; nil otherwise (a
    /// zstd or bzip2 file is read whole).
    static func ranges(path: String, size: Int64, step: Int) -> [Range<Int64>]? {
        let step = Int64(step)
        let compression = Compression.of(path: path)
        guard step > 0, size > step, compression == .none || compression == .gzip else { return nil }
        return stride(from: Int64(0), to: size, by: Int(step)).map { $0..<min($0 + step, size) }
    }
}

/// The options warc_v1 and wet_v1 share: their documentation and checks.
enum WARCOptionDocs {
    static let urlInclude = "When not empty, keep only URLs matching one pattern: with * or ? a glob over the whole URL, "
        + "otherwise a substring; ASCII case ignored. Others are dropped as url_excluded."
    static let urlExclude = "Drop URLs matching any pattern (as url_include) as url_excluded."
    static let splitBytes = "Files larger than this many bytes are read as several tasks, starting at record (gzip member) "
        + "boundaries; 0 never splits."
    static let defaultSource = "The documents' `source`."

    static func validate(maxPayloadBytes: Int, splitBytes: Int) throws {
        guard maxPayloadBytes > 0, maxPayloadBytes <= 1 << 40 else { throw ConfigError("max_payload_bytes must be between 1 and 1 TiB (1099511627776)") }
        guard splitBytes >= 0 else { throw ConfigError("split_bytes must be 0 or positive") }
    }
}
