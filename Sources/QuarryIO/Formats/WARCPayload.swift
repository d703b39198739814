// From a raw WARC record (as WARCScanner cuts it) to the pieces a reader turns into a
// document: the header fields as strings, and for a `response` the HTTP status, media type
// and payload bytes with the transfer coding (chunked) and content coding (gzip, deflate)
// undone. Shared by warc_v1 and wet_v1; runs in `decode`, on worker threads.
import QuarryCore
import QuarryText

/// The header fields of a WARC record that documents use, as strings.
struct WARCFields {
    /// Lower-cased: "response", "conversion" ...
    var type: String
    var targetURI: String?
    var date: String?
    /// The WARC-Record-ID without its angle brackets: "urn:uuid:…".
    var recordID: String?
    var contentType: String?
    var identifiedPayloadType: String?
    var identifiedContentLanguage: String?

    init(header: UnsafeBufferPointer<UInt8>) {
        guard let base = header.baseAddress, case .header(let h) = WARCHeader.parse(base, count: header.count, atEnd: true) else {
            self.type = "unknown"
            return
        }
        type = WARCHeader.typeName(h.type, in: header)
        targetURI = WARCHeader.string(h.targetURI, in: header).map(Self.unbracketed)
        date = WARCHeader.string(h.date, in: header)
        recordID = WARCHeader.string(h.recordID, in: header).map(Self.unbracketed)
        contentType = WARCHeader.string(h.contentType, in: header)
        identifiedPayloadType = WARCHeader.string(h.identifiedPayloadType, in: header)
        identifiedContentLanguage = WARCHeader.string(h.identifiedContentLanguage, in: header)
    }

    /// "<urn:uuid:x>" → "urn:uuid:x" (WARC/1.0 writes URIs in angle brackets; 1.1 only ids).
    static func unbracketed(_ value: String) -> String {
        let u = value.utf8
        guard u.count >= 2, u.first == UInt8(ascii: "<"), u.last == UInt8(ascii: ">") else { return value }
        return String(value.dropFirst().dropLast())
    }

    /// The name of a `skipped_<type>` counter: the type, letters, digits and `_` only.
    var counterName: String {
        "skipped_" + String(type.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) && $0.isASCII ? Character($0) : "_" })
    }
}

/// A payload with its codings undone.
enum WARCPayload {
    /// Why a payload could not be had.
    enum Failure: Error {
        /// The record is dropped on purpose, with this reason.
        case drop(String)
        /// The record is bad or too large: an issue of this kind.
        case issue(kind: String, message: String)
    }

    /// Undoes `Transfer-Encoding: chunked` and `Content-Encoding` gzip / x-gzip / deflate on
    /// `body`, keeping at most `limit` bytes. Returns nil when `body` can be used as it is.
    /// Lenient like browsers and warcio: a body that does not parse as chunks, or that does
    /// not start like the declared compression, is taken as already decoded (crawlers often
    /// store it so and keep the header).
    static func decode(_ body: UnsafeBufferPointer<UInt8>, transferEncoding: String?, contentEncoding: String?,
                       limit: Int, stats: inout StageStats) throws(Failure) -> [UInt8]? {
        var current: [UInt8]?
        if HTTPHeaders.codings(transferEncoding).contains("chunked") {
            var out: [UInt8] = []
            // One byte past the limit tells a payload of exactly `limit` bytes from a longer one.
            switch HTTPHeaders.dechunk(body, limit: limit + 1, into: &out) {
            case .complete where out.count > limit, .truncated where out.count > limit, .capped:
                throw .issue(kind: "record_too_large", message: "the de-chunked payload is longer than the limit of \(limit) bytes")
            case .complete:
                stats.count("dechunked_payloads")
                current = out
            case .truncated:
                stats.count("dechunked_payloads")
                stats.count("truncated_chunked_payloads")
                current = out
            case .notChunked:
                stats.count("chunked_header_on_plain_payload")
            }
        }
        // Codings are listed in the order they were applied (RFC 9110 §8.4): undo the last first.
        for coding in HTTPHeaders.codings(contentEncoding).reversed() {
            let format: Inflater.Format
            switch coding {
            case "gzip", "x-gzip": format = .gzip
            case "deflate": format = .deflate
            default: throw .drop("content_encoding_unsupported")
            }
            let compressed: ([UInt8]?) = try withBytes(current, body) { bytes throws(Failure) -> [UInt8]? in
                let looksCompressed = format == .gzip ? bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
                                                      : bytes.count >= 2 && !looksLikeText(bytes)
                guard looksCompressed else { return nil }
                var out: [UInt8] = []
                out.reserveCapacity(min(limit, bytes.count * 4))
                switch Inflater.inflate(bytes, format: format, limit: limit + 1, into: &out) {
                case .complete where out.count <= limit: return out
                case .complete, .capped:
                    throw .issue(kind: "record_too_large", message: "the payload inflates to more than the limit of \(limit) bytes")
                case .damaged(let why):
                    throw .issue(kind: "corrupt_content_encoding", message: "the \(coding) payload cannot be decompressed: \(why)")
                }
            }
            if let compressed {
                stats.count("content_encoding_\(format == .gzip ? "gzip" : "deflate")")
                current = compressed
            } else {
                stats.count("content_encoding_already_decoded")
            }
        }
        return current
    }

    private static func withBytes<R>(_ array: [UInt8]?, _ fallback: UnsafeBufferPointer<UInt8>,
                                     _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> R) throws(Failure) -> R {
        guard let array else { return try body(fallback) }
        let result: Result<R, Failure> = array.withUnsafeBufferPointer { buffer in
            do throws(Failure) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Whether the first bytes are text (no control bytes but tab, CR, LF), as compressed data
    /// almost never is over 64 bytes.
    static func looksLikeText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in bytes.prefix(64) where c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D || c == 0x7F { return false }
        return true
    }

    /// The media type of a payload without a declared one: HTML if it starts like HTML.
    static func sniffedMediaType(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        let rest = UnsafeBufferPointer(rebasing: bytes[i..<min(bytes.count, i + 16)])
        for start in ["<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"] {
            let s = Array(start.utf8)
            if rest.count >= s.count, (0..<s.count).allSatisfy({ URLPatterns.lower(rest[$0]) == s[$0] }) { return "text/html" }
        }
        return "application/octet-stream"
    }
}

/// Which media types a reader keeps: exact types, `type/*`, or `*`.
struct MediaTypeFilter: Sendable {
    private let exact: Set<String>
    private let prefixes: [String]
    private let all: Bool

    init(_ types: [String]) {
        let lowered = types.map { $0.lowercased() }
        all = lowered.contains("*") || lowered.contains("*/*")
        exact = Set(lowered.filter { !$0.hasSuffix("/*") })
        prefixes = lowered.filter { $0.hasSuffix("/*") && $0 != "*/*" }.map { String($0.dropLast()) }
    }

    func admits(_ mediaType: String) -> Bool {
        all || exact.contains(mediaType) || prefixes.contains { mediaType.hasPrefix($0) }
    }
}

extension InputIssue {
    /// An issue for a raw WARC record found bad while decoding.
    init(record: RawRecord, in raw: RawRecordBatch, flags: WARCRawRecord.Flags, kind: String, message: String,
         sample: UnsafeBufferPointer<UInt8>, length: Int64?) {
        self.init(file: raw.file, offset: record.offset, offsetIsCompressed: flags.contains(.compressedOffset), kind: kind,
                  message: message, sample: Array(sample.prefix(WARCScanner.sampleBytes)), length: length)
    }
}
