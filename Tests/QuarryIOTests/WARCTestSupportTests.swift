// Helpers for the WARC, WET and plain-file reader tests: WARC records and HTTP responses built
// byte by byte as ISO 28500 and RFC 9112 spell them, a realistic little crawl (warcinfo,
// request, responses chunked and gzipped, a 404, a resource, metadata, a revisit, WARC/1.1),
// legacy-charset texts encoded by Python's codecs (an independent encoder), writing archives
// plain, gzipped per record (Common Crawl's layout) or as one gzip stream, and reading a file
// through a reader's splits, scanners and decode the way the pipeline does.
import Foundation
import QuarryCore
@testable import QuarryIO
import QuarryTestSupport
import Testing

// MARK: - Building records

/// One WARC record to write.
struct WARCRecordSpec {
    var type: String
    /// The uuid part of the WARC-Record-ID; empty for a record without one.
    var id: String
    var uri: String?
    var headers: [(String, String)] = []
    var block: [UInt8]
    var version = "1.0"
    /// A Content-Length other than the block's (damage).
    var declaredLength: Int?
    var trailer = "\r\n\r\n"

    var bytes: [UInt8] {
        var head = "WARC/\(version)\r\nWARC-Type: \(type)\r\n"
        if !id.isEmpty { head += "WARC-Record-ID: <urn:uuid:\(id)>\r\n" }
        head += "WARC-Date: 2024-06-01T00:00:00Z\r\n"
        if let uri { head += "WARC-Target-URI: \(uri)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(declaredLength ?? block.count)\r\n\r\n"
        return Array(head.utf8) + block + Array(trailer.utf8)
    }

    /// The record id as documents carry it.
    var documentID: String { "urn:uuid:\(id)" }
}

/// An HTTP/1.1 response: status line, headers, empty line, body.
func httpResponse(_ status: Int = 200, _ reason: String = "OK", headers: [(String, String)], body: [UInt8]) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(reason)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    return Array((head + "\r\n").utf8) + body
}

/// `body` in chunks of the given sizes (cycling), with a chunk extension on the first.
func chunked(_ body: [UInt8], sizes: [Int]) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0, k = 0
    while i < body.count {
        let n = min(sizes[k % sizes.count], body.count - i)
        out += Array(String(n, radix: 16).utf8) + (k == 0 ? Array(";ext=1".utf8) : []) + [0x0D, 0x0A]
        out += body[i..<(i + n)] + [0x0D, 0x0A]
        i += n
        k += 1
    }
    return out + Array("0\r\n\r\n".utf8)
}

/// `bytes` as a gzip file's bytes (Quarry's own GzipSink, through a temporary file).
func gzipBytes(_ bytes: [UInt8], members: Int = 1) throws -> [UInt8] {
    let dir = TemporaryDirectory("quarry-warc-gzip")
    let path = dir.file("payload.gz")
    let cut = bytes.count / max(1, members)
    let pieces = members <= 1 ? [bytes] : [Array(bytes[..<cut]), Array(bytes[cut...])]
    _ = try writeMembers(pieces, to: path)
    return try readBytes(path)
}

/// `bytes` as deflate stored blocks (RFC 1951 §3.2.4), wrapped as zlib (RFC 1950) unless `raw`:
/// a compressed stream written by hand, independent of zlib.
func storedDeflate(_ bytes: [UInt8], raw: Bool) -> [UInt8] {
    var out: [UInt8] = raw ? [] : [0x78, 0x01]
    var i = 0
    repeat {
        let n = min(65_535, bytes.count - i)
        let final: UInt8 = i + n == bytes.count ? 1 : 0
        out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
        out += bytes[i..<(i + n)]
        i += n
    } while i < bytes.count
    if !raw {
        var a: UInt32 = 1, b: UInt32 = 0
        for c in bytes { a = (a + UInt32(c)) % 65_521; b = (b + a) % 65_521 }
        let adler = b << 16 | a
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }
    return out
}

/// Texts in legacy charsets, encoded with Python 3's codecs (`text.encode(codec)`), and the
/// text they spell.
enum LegacyText {
    static let russian = "Привет, мир! Это страница на русском языке. Здесь много текста о погоде, городах и людях, чтобы распознавание кодировки работало уверенно."
    /// `russian.encode("cp1251")`
    static let cp1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0, 0x21, 0x20, 0xDD, 0xF2, 0xEE, 0x20, 0xF1, 0xF2, 0xF0, 0xE0, 0xED, 0xE8, 0xF6, 0xE0, 0x20, 0xED, 0xE0, 0x20, 0xF0, 0xF3, 0xF1, 0xF1, 0xEA, 0xEE, 0xEC, 0x20, 0xFF, 0xE7, 0xFB, 0xEA, 0xE5, 0x2E, 0x20, 0xC7, 0xE4, 0xE5, 0xF1, 0xFC, 0x20, 0xEC, 0xED, 0xEE, 0xE3, 0xEE, 0x20, 0xF2, 0xE5, 0xEA, 0xF1, 0xF2, 0xE0, 0x20, 0xEE, 0x20, 0xEF, 0xEE, 0xE3, 0xEE, 0xE4, 0xE5, 0x2C, 0x20, 0xE3, 0xEE, 0xF0, 0xEE, 0xE4, 0xE0, 0xF5, 0x20, 0xE8, 0x20, 0xEB, 0xFE, 0xE4, 0xFF, 0xF5, 0x2C, 0x20, 0xF7, 0xF2, 0xEE, 0xE1, 0xFB, 0x20, 0xF0, 0xE0, 0xF1, 0xEF, 0xEE, 0xE7, 0xED, 0xE0, 0xE2, 0xE0, 0xED, 0xE8, 0xE5, 0x20, 0xEA, 0xEE, 0xE4, 0xE8, 0xF0, 0xEE, 0xE2, 0xEA, 0xE8, 0x20, 0xF0, 0xE0, 0xE1, 0xEE, 0xF2, 0xE0, 0xEB, 0xEE, 0x20, 0xF3, 0xE2, 0xE5, 0xF0, 0xE5, 0xED, 0xED, 0xEE, 0x2E]

    static let japanese = "日本語のテキストです。今日は良い天気ですね。東京の駅の近くにある店で買い物をしました。"
    /// `japanese.encode("shift_jis")`
    static let shiftJIS: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x65, 0x83, 0x4C, 0x83, 0x58, 0x83, 0x67, 0x82, 0xC5, 0x82, 0xB7, 0x81, 0x42, 0x8D, 0xA1, 0x93, 0xFA, 0x82, 0xCD, 0x97, 0xC7, 0x82, 0xA2, 0x93, 0x56, 0x8B, 0x43, 0x82, 0xC5, 0x82, 0xB7, 0x82, 0xCB, 0x81, 0x42, 0x93, 0x8C, 0x8B, 0x9E, 0x82, 0xCC, 0x89, 0x77, 0x82, 0xCC, 0x8B, 0xDF, 0x82, 0xAD, 0x82, 0xC9, 0x82, 0xA0, 0x82, 0xE9, 0x93, 0x58, 0x82, 0xC5, 0x94, 0x83, 0x82, 0xA2, 0x95, 0xA8, 0x82, 0xF0, 0x82, 0xB5, 0x82, 0xDC, 0x82, 0xB5, 0x82, 0xBD, 0x81, 0x42]

    static let korean = "한국어 페이지입니다. 오늘은 날씨가 좋습니다. 서울 역 근처의 가게에서 쇼핑을 했습니다. 한국어 문장이 충분히 길어야 인코딩을 추측할 수 있습니다."
    /// `korean.encode("euc-kr")`
    static let eucKR: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xC6, 0xE4, 0xC0, 0xCC, 0xC1, 0xF6, 0xC0, 0xD4, 0xB4, 0xCF, 0xB4, 0xD9, 0x2E, 0x20, 0xBF, 0xC0, 0xB4, 0xC3, 0xC0, 0xBA, 0x20, 0xB3, 0xAF, 0xBE, 0xBE, 0xB0, 0xA1, 0x20, 0xC1, 0xC1, 0xBD, 0xC0, 0xB4, 0xCF, 0xB4, 0xD9, 0x2E, 0x20, 0xBC, 0xAD, 0xBF, 0xEF, 0x20, 0xBF, 0xAA, 0x20, 0xB1, 0xD9, 0xC3, 0xB3, 0xC0, 0xC7, 0x20, 0xB0, 0xA1, 0xB0, 0xD4, 0xBF, 0xA1, 0xBC, 0xAD, 0x20, 0xBC, 0xEE, 0xC7, 0xCE, 0xC0, 0xBB, 0x20, 0xC7, 0xDF, 0xBD, 0xC0, 0xB4, 0xCF, 0xB4, 0xD9, 0x2E, 0x20, 0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xB9, 0xAE, 0xC0, 0xE5, 0xC0, 0xCC, 0x20, 0xC3, 0xE6, 0xBA, 0xD0, 0xC8, 0xF7, 0x20, 0xB1, 0xE6, 0xBE, 0xEE, 0xBE, 0xDF, 0x20, 0xC0, 0xCE, 0xC4, 0xDA, 0xB5, 0xF9, 0xC0, 0xBB, 0x20, 0xC3, 0xDF, 0xC3, 0xF8, 0xC7, 0xD2, 0x20, 0xBC, 0xF6, 0x20, 0xC0, 0xD6, 0xBD, 0xC0, 0xB4, 0xCF, 0xB4, 0xD9, 0x2E]

    static let chinese = "这是一个中文网页。今天天气很好，我们在北京火车站附近的商店买了东西。"
    /// `chinese.encode("gbk")`
    static let gbk: [UInt8] = [0xD5, 0xE2, 0xCA, 0xC7, 0xD2, 0xBB, 0xB8, 0xF6, 0xD6, 0xD0, 0xCE, 0xC4, 0xCD, 0xF8, 0xD2, 0xB3, 0xA1, 0xA3, 0xBD, 0xF1, 0xCC, 0xEC, 0xCC, 0xEC, 0xC6, 0xF8, 0xBA, 0xDC, 0xBA, 0xC3, 0xA3, 0xAC, 0xCE, 0xD2, 0xC3, 0xC7, 0xD4, 0xDA, 0xB1, 0xB1, 0xBE, 0xA9, 0xBB, 0xF0, 0xB3, 0xB5, 0xD5, 0xBE, 0xB8, 0xBD, 0xBD, 0xFC, 0xB5, 0xC4, 0xC9, 0xCC, 0xB5, 0xEA, 0xC2, 0xF2, 0xC1, 0xCB, 0xB6, 0xAB, 0xCE, 0xF7, 0xA1, 0xA3]

    static let french = "Café crème brûlée — déjà vu, naïve façade."
    /// `french.encode("cp1252")`
    static let cp1252: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65, 0x20, 0x62, 0x72, 0xFB, 0x6C, 0xE9, 0x65, 0x20, 0x97, 0x20, 0x64, 0xE9, 0x6A, 0xE0, 0x20, 0x76, 0x75, 0x2C, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x20, 0x66, 0x61, 0xE7, 0x61, 0x64, 0x65, 0x2E]
}

/// An HTML page around `body` bytes, with an optional <meta charset>.
func htmlPage(title: String, body: [UInt8], metaCharset: String? = nil) -> [UInt8] {
    var head = "<!DOCTYPE html>\n<html><head>"
    if let metaCharset { head += "<meta charset=\"\(metaCharset)\">" }
    head += "<title>\(title)</title></head><body><p>"
    return Array(head.utf8) + body + Array("</p></body></html>\n".utf8)
}

// MARK: - A little crawl

/// A realistic WARC: what each record is and what reading it should give.
struct SampleCrawl {
    var records: [WARCRecordSpec] = []
    /// Documents warc_v1 makes with default options: id → text.
    var expectedTexts: [String: String] = [:]
    var expectedCharsets: [String: String] = [:]

    static let pageA = "<!DOCTYPE html><html><head><title>A</title></head><body><h1>Page A</h1><p>"
        + String(repeating: "Chunked and gzipped text. ", count: 200) + "</p></body></html>"

    static func make() throws -> SampleCrawl {
        var crawl = SampleCrawl()
        func add(_ spec: WARCRecordSpec, text: String? = nil, charset: String? = nil) {
            crawl.records.append(spec)
            if let text { crawl.expectedTexts[spec.documentID] = text }
            if let charset { crawl.expectedCharsets[spec.documentID] = charset }
        }
        add(WARCRecordSpec(type: "warcinfo", id: "00000000-0000-4000-8000-000000000000",
                           headers: [("Content-Type", "application/warc-fields")],
                           block: Array("software: quarry-tests\r\nformat: WARC File Format 1.0\r\n".utf8)))
        add(WARCRecordSpec(type: "request", id: "00000000-0000-4000-8000-000000000001", uri: "https://a.example/page",
                           headers: [("Content-Type", "application/http; msgtype=request")],
                           block: Array("GET /page HTTP/1.1\r\nHost: a.example\r\n\r\n".utf8)))
        // 200, chunked over gzip, as a server sends it.
        let gz = try gzipBytes(Array(pageA.utf8), members: 2)
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000002", uri: "https://a.example/page",
                           headers: [("Content-Type", "application/http; msgtype=response"),
                                     ("WARC-Identified-Payload-Type", "text/html")],
                           block: httpResponse(headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                                                         ("Transfer-Encoding", "chunked")], body: chunked(gz, sizes: [100, 7, 1000]))),
            text: pageA, charset: "utf-8")
        add(WARCRecordSpec(type: "metadata", id: "00000000-0000-4000-8000-000000000003", uri: "https://a.example/page",
                           headers: [("Content-Type", "application/warc-fields")], block: Array("fetchTimeMs: 120\r\n".utf8)))
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000004", uri: "https://a.example/missing",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(404, "Not Found", headers: [("Content-Type", "text/html")],
                                               body: Array("<html><body>Not found</body></html>".utf8))))
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000005", uri: "https://a.example/logo.png",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(headers: [("Content-Type", "image/png")], body: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])))
        // A resource record (no HTTP), windows-1252 declared in its Content-Type.
        let french = htmlPage(title: "fr", body: LegacyText.cp1252)
        add(WARCRecordSpec(type: "resource", id: "00000000-0000-4000-8000-000000000006", uri: "file:///mirror/fr.html",
                           headers: [("Content-Type", "text/html; charset=windows-1252")], block: french),
            text: String(decoding: htmlPage(title: "fr", body: Array(LegacyText.french.utf8)), as: UTF8.self), charset: "windows-1252")
        add(WARCRecordSpec(type: "revisit", id: "00000000-0000-4000-8000-000000000007", uri: "https://a.example/page",
                           headers: [("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                                     ("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: [])))
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000008", uri: "https://a.example/notes.txt",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(headers: [("Content-Type", "text/plain")], body: Array("Plain notes, ünïcödé.\n".utf8))),
            text: "Plain notes, ünïcödé.\n", charset: "utf-8")
        // windows-1251 from the HTTP header.
        let russian = htmlPage(title: "ru", body: LegacyText.cp1251)
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000009", uri: "https://ru.example/",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(headers: [("Content-Type", "text/html; charset=windows-1251")], body: russian)),
            text: String(decoding: htmlPage(title: "ru", body: Array(LegacyText.russian.utf8)), as: UTF8.self), charset: "windows-1251")
        // WARC/1.1, deflate (zlib) encoding, Shift_JIS from <meta>.
        let japanese = htmlPage(title: "ja", body: LegacyText.shiftJIS, metaCharset: "Shift_JIS")
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000010", uri: "https://ja.example/",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
                                               body: storedDeflate(japanese, raw: false)),
                           version: "1.1"),
            text: String(decoding: htmlPage(title: "ja", body: Array(LegacyText.japanese.utf8), metaCharset: "Shift_JIS"), as: UTF8.self),
            charset: "shift_jis")
        add(WARCRecordSpec(type: "response", id: "00000000-0000-4000-8000-000000000011", uri: "https://a.example/old",
                           headers: [("Content-Type", "application/http; msgtype=response")],
                           block: httpResponse(301, "Moved Permanently", headers: [("Location", "https://a.example/new")], body: [])))
        return crawl
    }

    var bytes: [UInt8] { records.flatMap(\.bytes) }
}

// MARK: - Writing archives

enum ArchiveLayout: String, CaseIterable, CustomTestStringConvertible {
    /// .warc
    case plain
    /// .warc.gz, one gzip member per record (Common Crawl).
    case memberPerRecord
    /// .warc.gz, one gzip stream.
    case singleStream

    var testDescription: String { rawValue }
    var fileExtension: String { self == .plain ? ".warc" : ".warc.gz" }
}

/// Writes `records` in `layout`; returns the path and the offset of each record (file offset
/// of its member, or of its first byte; for one stream, its decompressed offset).
func writeArchive(_ records: [[UInt8]], layout: ArchiveLayout, in dir: TemporaryDirectory, name: String = "crawl") throws
    -> (path: String, offsets: [Int64]) {
    let path = dir.file(name + layout.fileExtension)
    var offsets: [Int64] = []
    var at: Int64 = 0
    for record in records {
        offsets.append(at)
        at += Int64(record.count)
    }
    switch layout {
    case .plain:
        try writeFile(path, records.flatMap { $0 })
    case .memberPerRecord:
        let file = try writeMembers(records, to: path)
        offsets = Array(file.bounds.dropLast())
    case .singleStream:
        try writeCompressed(records.flatMap { $0 }, to: path)
    }
    return (path, offsets)
}

// MARK: - Reading

/// Everything a reader made of a file.
struct ReaderOutput {
    var documents: [Document] = []
    var issues: [InputIssue] = []
    var stats = StageStats()
    /// Offsets of the raw records, in order.
    var recordOffsets: [Int64] = []
    var batches: [RawRecordBatch] = []

    var ids: [String] { documents.map(\.id) }
    var issueKinds: [String] { issues.map(\.kind) }
    /// Documents + issues + drops, which the funnel counts as the reader's `in`.
    var funnelIn: Int64 { Int64(documents.count + issues.count) + stats.droppedTotal }
}

/// Reads `path` with `reader`, split into `ranges` (default: the reader's own splits), each
/// range scanned and decoded as a task would.
func readDocuments<R: DocumentReader>(_ reader: R, path: String, name: String? = nil, ranges: [Range<Int64>]? = nil,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws -> ReaderOutput {
    let size = FileInfo.size(of: path)!
    let ranges = ranges ?? reader.splits(path: path, size: size) ?? [0..<size]
    var out = ReaderOutput()
    for (part, range) in ranges.enumerated() {
        let split = InputSplit(path: path, name: name ?? URL(fileURLWithPath: path).lastPathComponent, start: range.lowerBound,
                               end: ranges.count > 1 ? range.upperBound : nil, part: part, parts: ranges.count)
        let scanner = try reader.openScanner(split)
        var batches = 0
        while let batch = try scanner.next() {
            batches += 1
            if batches > 100_000 {
                Issue.record("the scanner did not finish", sourceLocation: sourceLocation)
                break
            }
            out.batches.append(batch)
            out.recordOffsets += batch.records.map(\.offset)
            var issues = batch.issues
            out.documents += reader.decode(batch, stats: &out.stats, issues: &issues)
            out.issues += issues
        }
    }
    return out
}

/// warc_v1 with options set by `configure`.
func warcReader(_ configure: (inout WARCReader.Options) -> Void = { _ in }) throws -> WARCReader {
    var options = WARCReader.Options()
    configure(&options)
    try options.validate()
    return try WARCReader(options: options)
}

@Suite struct WARCTestSupportTests {
    @Test func storedDeflateIsReadByZlib() throws {
        let data = Array(String(repeating: "stored block ", count: 6000).utf8)   // more than one 64 KiB block
        for raw in [false, true] {
            var out: [UInt8] = []
            let outcome = storedDeflate(data, raw: raw).withUnsafeBufferPointer {
                Inflater.inflate($0, format: .deflate, limit: 1 << 20, into: &out)
            }
            #expect(outcome == .complete)
            #expect(out == data, "raw: \(raw)")
        }
    }

    @Test func chunkedBodiesJoinBack() {
        let body = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        let result = chunked(body, sizes: [3, 5]).withUnsafeBufferPointer { HTTPHeaders.dechunk($0, limit: 100, into: &out) }
        #expect(result == .complete)
        #expect(out == body)
    }
}
