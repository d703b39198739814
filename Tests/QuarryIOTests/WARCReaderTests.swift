// Tests of warc_v1's decode (Formats/WARCReader.swift, WARCPayload.swift, HTTPHeaders.swift,
// URLPatterns.swift, WARCHeader.swift) and of wet_v1 (Formats/WETReader.swift).
//
// Why: `decode` decides what a web document is: which records become documents, with which
// id, text and metadata, and why the others do not (each drop has a reason the funnel shows,
// each bad record an issue kind). Payloads are built here with every coding a server uses
// (chunked, gzip in one or two members, zlib and raw deflate written by hand as stored
// blocks, identity under a "gzip" header as crawlers store it), so the expected bytes are
// known independently of the code under test. The URL globs are checked against a plain
// recursive matcher.
import Foundation
import QuarryCore
@testable import QuarryIO
import QuarryTestSupport
import Testing

/// Reads one archive of `records` (plain .warc) with `reader`.
func readRecords(_ records: [WARCRecordSpec], _ reader: WARCReader) throws -> ReaderOutput {
    let dir = TemporaryDirectory("quarry-warc")
    let (path, _) = try writeArchive(records.map(\.bytes), layout: .plain, in: dir)
    return try readDocuments(reader, path: path)
}

/// A response record for `uri` with the given HTTP headers and body.
func response(_ id: String, uri: String = "https://r.example/", status: Int = 200, headers: [(String, String)] = [("Content-Type", "text/html")],
              body: [UInt8], warcHeaders: [(String, String)] = []) -> WARCRecordSpec {
    WARCRecordSpec(type: "response", id: id, uri: uri, headers: [("Content-Type", "application/http; msgtype=response")] + warcHeaders,
                   block: httpResponse(status, status == 200 ? "OK" : "Other", headers: headers, body: body))
}

@Suite struct WARCReaderDocumentTests {
    @Test func metadataIsComplete() throws {
        let crawl = try SampleCrawl.make()
        let out = try readRecords(crawl.records, try warcReader { $0.defaultSource = "test-crawl" })
        let page = try #require(out.documents.first)
        #expect(page.id == "urn:uuid:00000000-0000-4000-8000-000000000002")
        #expect(page.source == "test-crawl")
        #expect(Array(page.metadata.keys) == ["url", "warc_date", "warc_record_id", "content_type", "charset", "http_status",
                                               "warc_identified_payload_type"])
        #expect(page.metadata["url"] == .string("https://a.example/page"))
        #expect(page.metadata["warc_date"] == .string("2024-06-01T00:00:00Z"))
        #expect(page.metadata["warc_record_id"] == .string(page.id))
        #expect(page.metadata["content_type"] == .string("text/html"))
        #expect(page.metadata["http_status"] == .int(200))
        #expect(page.metadata["warc_identified_payload_type"] == .string("text/html"))
        // The resource record has no HTTP status.
        let resource = try #require(out.documents.first { $0.id.hasSuffix("006") })
        #expect(resource.metadata["http_status"] == nil)
        #expect(resource.metadata["content_type"] == .string("text/html"))
        #expect(out.stats.counters["dechunked_payloads"] == 1)
        #expect(out.stats.counters["content_encoding_gzip"] == 1)
        #expect(out.stats.counters["content_encoding_deflate"] == 1)
    }

    @Test func onlyOKFalseKeepsOtherStatuses() throws {
        let crawl = try SampleCrawl.make()
        let out = try readRecords(crawl.records, try warcReader { $0.onlyOK = false })
        let missing = try #require(out.documents.first { $0.id.hasSuffix("004") })
        #expect(missing.metadata["http_status"] == .int(404))
        // The 301 has no body.
        #expect(out.stats.dropped == ["content_type_skipped": 1, "empty_payload": 1])
    }

    @Test func contentTypesChooseThePages() throws {
        let crawl = try SampleCrawl.make()
        let plain = try readRecords(crawl.records, try warcReader { $0.contentTypes = ["text/plain"] })
        #expect(plain.ids == ["urn:uuid:00000000-0000-4000-8000-000000000008"])
        #expect(plain.stats.dropped == ["http_status_not_ok": 2, "content_type_skipped": 5])
        let images = try readRecords(crawl.records, try warcReader { $0.contentTypes = ["image/*"] })
        #expect(images.ids == ["urn:uuid:00000000-0000-4000-8000-000000000005"])
        let all = try readRecords(crawl.records, try warcReader { $0.contentTypes = ["*"] })
        #expect(all.documents.count == 6)
        #expect(all.stats.dropped == ["http_status_not_ok": 2])
    }

    @Test func urlPatternsFilterRecords() throws {
        let records = [
            response("1", uri: "https://en.wikipedia.org/wiki/Quarry", body: Array("<p>1</p>".utf8)),
            response("2", uri: "https://news.example.com/2024/story.html", body: Array("<p>2</p>".utf8)),
            response("3", uri: "http://NEWS.example.com/tag/x", body: Array("<p>3</p>".utf8)),
            response("4", uri: "https://shop.example.net/cart", body: Array("<p>4</p>".utf8)),
        ]
        func ids(_ configure: (inout WARCReader.Options) -> Void) throws -> [String] {
            let out = try readRecords(records, try warcReader(configure))
            #expect(out.stats.dropped["url_excluded", default: 0] == Int64(records.count - out.documents.count))
            return out.ids.map { String($0.dropFirst("urn:uuid:".count)) }
        }
        #expect(try ids { $0.urlInclude = ["wikipedia.org"] } == ["1"])
        #expect(try ids { $0.urlInclude = ["*://news.example.com/*"] } == ["2", "3"])
        #expect(try ids { $0.urlInclude = ["https://*.example.*/*"] } == ["2", "4"])
        #expect(try ids { $0.urlExclude = ["/tag/", "*.net/*"] } == ["1", "2"])
        #expect(try ids { $0.urlInclude = ["example"]; $0.urlExclude = ["/cart"] } == ["2", "3"])
        #expect(try ids { $0.urlInclude = ["*.html"] } == ["2"])
    }

    @Test func contentCodingsAreUndone() throws {
        let html = Array(("<html><body><p>" + String(repeating: "coded text ", count: 50) + "</p></body></html>").utf8)
        let records = [
            response("gzip", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: try gzipBytes(html)),
            response("x-gzip", headers: [("Content-Type", "text/html"), ("Content-Encoding", "x-gzip")], body: try gzipBytes(html, members: 2)),
            response("zlib", headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate")], body: storedDeflate(html, raw: false)),
            response("raw-deflate", headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate")], body: storedDeflate(html, raw: true)),
            // Crawlers store the payload decoded and keep the header (Common Crawl before 2018).
            response("already", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
                     body: html),
            response("chunked-gzip", headers: [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
                     body: chunked(try gzipBytes(html), sizes: [1, 2, 3, 500])),
            response("identity", headers: [("Content-Type", "text/html"), ("Content-Encoding", "identity")], body: html),
            // Two codings, listed in the order applied: deflate first, then gzip over it.
            response("two-codings", headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate, gzip")],
                     body: try gzipBytes(storedDeflate(html, raw: false))),
            response("brotli", headers: [("Content-Type", "text/html"), ("Content-Encoding", "br")], body: [0x1B, 0x2A, 0x00, 0x10]),
            response("corrupt", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                     body: Array(try gzipBytes(html).prefix(40)) + [UInt8](repeating: 0xAB, count: 30)),
        ]
        let out = try readRecords(records, try warcReader())
        #expect(out.ids == ["gzip", "x-gzip", "zlib", "raw-deflate", "already", "chunked-gzip", "identity", "two-codings"].map { "urn:uuid:" + $0 })
        for document in out.documents { #expect(document.text == String(decoding: html, as: UTF8.self), "\(document.id)") }
        #expect(out.stats.dropped == ["content_encoding_unsupported": 1])
        #expect(out.issueKinds == ["corrupt_content_encoding"])
        #expect(out.stats.counters["content_encoding_already_decoded"] == 1)
        #expect(out.stats.counters["chunked_header_on_plain_payload"] == 1)
    }

    @Test func theLimitIsExact() throws {
        let limit = 1000
        func page(_ n: Int) -> [UInt8] { Array(("<p>" + String(repeating: "x", count: n - 8) + "</p>\n").utf8) }
        var records: [WARCRecordSpec] = []
        for (n, suffix) in [(limit, "fits"), (limit + 1, "over")] {
            let body = page(n)
            records += [
                response("identity-\(suffix)", body: body),
                response("chunked-\(suffix)", headers: [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                         body: chunked(body, sizes: [300])),
                response("gzip-\(suffix)", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: try gzipBytes(body)),
            ]
        }
        let out = try readRecords(records, try warcReader { $0.maxPayloadBytes = limit })
        #expect(out.ids == ["identity-fits", "chunked-fits", "gzip-fits"].map { "urn:uuid:" + $0 })
        #expect(out.issueKinds == ["record_too_large", "record_too_large", "record_too_large"])
    }

    @Test func mediaTypeComesFromTheCrawlerThenTheServerThenTheBytes() throws {
        let records = [
            // The crawler's identification wins over a wrong server header.
            response("identified", headers: [("Content-Type", "application/octet-stream")], body: Array("<html>x</html>".utf8),
                     warcHeaders: [("WARC-Identified-Payload-Type", "text/html")]),
            response("sniffed-html", headers: [], body: Array("\n  <!DOCTYPE html><html>y</html>".utf8)),
            response("sniffed-binary", headers: [], body: [0x00, 0x01, 0x02, 0x03]),
            response("xhtml", headers: [("Content-Type", "Application/XHTML+XML; charset=UTF-8")], body: Array("<html>z</html>".utf8)),
            // An empty identification says nothing: the server's type is used.
            response("empty-identified", headers: [("Content-Type", "text/html")], body: Array("<html>e</html>".utf8),
                     warcHeaders: [("WARC-Identified-Payload-Type", "")]),
        ]
        let out = try readRecords(records, try warcReader())
        #expect(out.ids == ["urn:uuid:identified", "urn:uuid:sniffed-html", "urn:uuid:xhtml", "urn:uuid:empty-identified"])
        #expect(out.documents.map { $0.metadata["content_type"] }
            == [.string("text/html"), .string("text/html"), .string("application/xhtml+xml"), .string("text/html")])
        #expect(out.stats.dropped == ["content_type_skipped": 1])
    }

    @Test func plainTextUsesTheHTTPCharset() throws {
        let czech = "Žluťoučký kůň úpěl ďábelské ódy. Příliš žluťoučký kůň. "
        let records = [
            response("latin2", headers: [("Content-Type", "text/plain; charset=iso-8859-2")],
                     body: Array(try #require(czech.data(using: .isoLatin2)))),
            response("cp1251", headers: [("Content-Type", "text/plain; charset=windows-1251")],
                     body: Array(try #require("Да, это текст. ".data(using: .windowsCP1251)))),
        ]
        let out = try readRecords(records, try warcReader())
        #expect(out.documents.map(\.text) == [czech, "Да, это текст. "])
        #expect(out.documents.map { $0.metadata["charset"] } == [.string("iso-8859-2"), .string("windows-1251")])
    }

    @Test func badResponsesAreIssuesAndEmptyOnesDrops() throws {
        let records = [
            WARCRecordSpec(type: "response", id: "not-http", uri: "https://r.example/", block: Array("<html>no status line</html>".utf8)),
            response("empty", body: []),
            WARCRecordSpec(type: "response", id: "http2", uri: "https://r.example/",
                           block: Array("HTTP/2 200\r\ncontent-type: text/html\r\n\r\n<p>h2</p>".utf8)),
            // Without a WARC-Record-ID, the id is the file's name and the record's offset.
            response("", body: Array("<p>no id</p>".utf8)),
        ]
        let dir = TemporaryDirectory("quarry-warc")
        let path = try dir.write("bad.warc", records.flatMap(\.bytes))
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["invalid_http_response"])
        #expect(out.issues.first?.sample == Array("<html>no status line</html>".utf8))
        #expect(out.stats.dropped == ["empty_payload": 1])
        #expect(out.ids == ["urn:uuid:http2", "bad.warc#\(records.prefix(3).map(\.bytes.count).reduce(0, +))"])
    }
}

@Suite struct WARCReaderOptionTests {
    @Test func optionsAreCheckedAndDescribed() throws {
        let options = try WARCReader.Options(config: .mapping([("only_ok", .scalar("false")),
                                                               ("url_exclude", .sequence([.scalar("*.pdf")]))]))
        #expect(options.onlyOK == false)
        #expect(options.urlExclude == ["*.pdf"])
        #expect(options.maxPayloadBytes == 4 << 20)
        #expect(options.splitBytes == 256 << 20)
        #expect(options.contentTypes == ["text/html", "application/xhtml+xml", "text/plain"])
        #expect(throws: ConfigError.self) { try WARCReader.Options(config: .mapping([("content_type", .sequence([]))])) }
        #expect(throws: ConfigError.self) { try WARCReader.Options(config: .mapping([("content_types", .sequence([.scalar("html")]))])) }
        #expect(throws: ConfigError.self) { try WARCReader.Options(config: .mapping([("max_payload_bytes", .scalar("0"))])) }
        // A limit so large that limit + 1 would overflow is refused, not a crash later.
        #expect(throws: ConfigError.self) {
            try WARCReader.Options(config: .mapping([("max_payload_bytes", .scalar("\(Int.max)"))]))
        }
        #expect(WARCReader.Options.fields.map(\.name) == ["only_ok", "content_types", "url_include", "url_exclude",
                                                            "max_payload_bytes", "split_bytes", "default_source"])
        #expect(WARCReader.fileExtensions == [".warc", ".warc.gz"])
        #expect(WETReader.fileExtensions.contains(".warc.wet.gz"))
    }
}

@Suite struct WARCHeaderTests {
    @Test func aHeaderArrivingByteByByteNeedsMoreUntilComplete() throws {
        let record = response("abc", body: Array("<p>x</p>".utf8)).bytes
        var complete: WARCHeader?
        for n in 0...record.count {
            let parsed = record.withUnsafeBufferPointer { WARCHeader.parse($0.baseAddress!, count: n, atEnd: false) }
            switch parsed {
            case .needMore: #expect(complete == nil, "needs more after completing at \(n)")
            case .header(let h):
                if complete == nil { complete = h }
                #expect(h.length == complete!.length)
            case .invalid(let why): Issue.record("invalid at \(n): \(why)")
            }
        }
        let h = try #require(complete)
        #expect(h.contentLength == Int64(httpResponse(headers: [("Content-Type", "text/html")], body: Array("<p>x</p>".utf8)).count))
        record.withUnsafeBufferPointer { buffer in
            let header = UnsafeBufferPointer(rebasing: buffer[0..<h.length])
            #expect(WARCHeader.string(h.recordID, in: header) == "<urn:uuid:abc>")
            #expect(WARCHeader.typeName(h.type, in: header) == "response")
        }
    }

    @Test func malformedHeadersAreInvalid() {
        func parse(_ text: String, atEnd: Bool = true) -> String {
            let bytes = Array(text.utf8)
            switch bytes.withUnsafeBufferPointer({ WARCHeader.parse($0.baseAddress!, count: bytes.count, atEnd: atEnd) }) {
            case .header: return "header"
            case .needMore: return "more"
            case .invalid(let why): return why
            }
        }
        #expect(parse("WARC/1.0\r\nContent-Length: 5\r\n\r\n") == "header")
        #expect(parse("WARC/1.0\r\nWARC-Type: x\r\n\r\n").contains("no Content-Length"))
        #expect(parse("WARC/1.0\r\nContent-Length: 5x\r\n\r\n").contains("not a number"))
        #expect(parse("WARC/1.0 extra\r\n\r\n").contains("extra"))
        #expect(parse("WARX/1.0\r\n\r\n").contains("must start"))
        #expect(parse("WARC/1.0\r\nContent-Length: 5\r\n").contains("ends inside"))
        #expect(parse("WARC/1.0\r\nContent-Length: 5\r\n", atEnd: false) == "more")
        #expect(parse("WARC/1.0\r\nX: " + String(repeating: "a", count: 70_000), atEnd: false).contains("longer than"))
    }
}

@Suite struct HTTPHeadersTests {
    func head(_ text: String) -> HTTPResponseHead? {
        Array(text.utf8).withUnsafeBufferPointer { HTTPHeaders.parseResponse($0) }
    }

    @Test func responseHeadsParse() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-KR\r\nTRANSFER-ENCODING:chunked\r\n"
            + "Content-Encoding: gzip\r\nX-Folded: a\r\n b\r\n\r\n"
        let h = try #require(head(text + "body"))
        #expect(h.status == 200)
        #expect(h.contentType == "text/html; charset=EUC-KR")
        #expect(h.transferEncoding == "chunked")
        #expect(h.contentEncoding == "gzip")
        #expect(h.length == text.utf8.count)
        #expect(head("HTTP/2 404\nContent-Type: text/plain\n\nx")?.status == 404)
        #expect(head("HTTP/1.0 2000 OK\r\n\r\n")?.status == nil)
        #expect(head("HTTP/1.1 200 OK\r\nContent-Type: a\r\n")?.length == 34)    // no empty line: all head
        #expect(head("<html>") == nil)
        #expect(HTTPHeaders.mediaType(" Text/HTML ; charset=utf-8") == "text/html")
        #expect(HTTPHeaders.codings("gzip, identity ,Chunked") == ["gzip", "chunked"])
    }

    @Test func dechunkingIsLenient() {
        func dechunk(_ text: String, limit: Int = 100) -> (HTTPHeaders.Dechunked, String) {
            var out: [UInt8] = []
            let result = Array(text.utf8).withUnsafeBufferPointer { HTTPHeaders.dechunk($0, limit: limit, into: &out) }
            return (result, String(decoding: out, as: UTF8.self))
        }
        #expect(dechunk("5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer: t\r\n\r\n") == (.complete, "hello world"))
        #expect(dechunk("5\nhello\n0\n\n") == (.complete, "hello"))
        #expect(dechunk("5\r\nhello\r\n6\r\n wo") == (.truncated, "hello wo"))
        #expect(dechunk("5\r\nhello\r\n") == (.truncated, "hello"))
        #expect(dechunk("<html>") == (.notChunked, ""))
        #expect(dechunk("abc def") == (.notChunked, ""))
        #expect(dechunk("a\r\n0123456789\r\n0\r\n\r\n", limit: 4) == (.capped, "0123"))
    }
}

@Suite struct URLPatternTests {
    /// The plain twin: recursive glob over Characters, case-folded.
    func naiveGlob(_ pattern: Substring, _ text: Substring) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == "*" { return naiveGlob(pattern.dropFirst(), text) || (!text.isEmpty && naiveGlob(pattern, text.dropFirst())) }
        guard let t = text.first else { return false }
        return (p == "?" || p.lowercased() == t.lowercased()) && naiveGlob(pattern.dropFirst(), text.dropFirst())
    }

    @Test func globsMatchTheNaiveTwin() {
        var rng = SplitMix64(seed: 11)
        let alphabet: [Character] = ["a", "b", "A", "/", ".", "*", "?"]
        for _ in 0..<3000 {
            let pattern = String((0..<Int.random(in: 1...7, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
                + (Bool.random(using: &rng) ? "*" : "")
            let text = String((0..<Int.random(in: 0...10, using: &rng)).map { _ in alphabet[Int.random(in: 0..<5, using: &rng)] })
            guard pattern.contains("*") || pattern.contains("?") else { continue }
            #expect(URLPatterns([pattern]).matches(text) == naiveGlob(pattern[...], text[...]), "\(pattern) ~ \(text)")
        }
    }

    @Test func substringsIgnoreCase() {
        let patterns = URLPatterns(["Example.COM/", "wiki"])
        #expect(patterns.matches("https://www.example.com/x"))
        #expect(patterns.matches("https://de.WIKIpedia.org"))
        #expect(!patterns.matches("https://example.org/"))
        #expect(URLFilter(include: [], exclude: []).admits(nil))
        #expect(!URLFilter(include: ["a"], exclude: []).admits(nil))
    }
}

@Suite struct WETReaderTests {
    static func conversion(_ id: String, uri: String, text: String, language: String? = nil) -> WARCRecordSpec {
        var headers: [(String, String)] = [("WARC-Refers-To", "<urn:uuid:ref-\(id)>"), ("WARC-Block-Digest", "sha1:XYZ"),
                                           ("Content-Type", "text/plain")]
        if let language { headers.append(("WARC-Identified-Content-Language", language)) }
        return WARCRecordSpec(type: "conversion", id: id, uri: uri, headers: headers, block: Array(text.utf8))
    }

    static let records: [WARCRecordSpec] = [
        WARCRecordSpec(type: "warcinfo", id: "info", headers: [("Content-Type", "application/warc-fields")],
                       block: Array("Software-Info: ia-web-commons\r\nExtracted-Date: Mon, 01 Jan 2024\r\n".utf8)),
        conversion("t1", uri: "https://a.example/1", text: "First page title\nFirst page text, ünïcödé.\n", language: "eng,deu"),
        conversion("t2", uri: "https://b.example/2", text: "日本語のテキスト\n"),
        conversion("t3", uri: "https://c.example/3", text: "\n \n"),
        conversion("t4", uri: "https://skip.example/4", text: "skipped by url"),
    ]

    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord])
    func conversionRecordsAreDocuments(_ layout: ArchiveLayout) throws {
        let dir = TemporaryDirectory("quarry-wet")
        let path = dir.file("sample" + (layout == .plain ? ".wet" : ".warc.wet.gz"))
        if layout == .plain {
            try writeFile(path, Self.records.flatMap(\.bytes))
        } else {
            _ = try writeMembers(Self.records.map(\.bytes), to: path)
        }
        var options = WETReader.Options()
        options.urlExclude = ["skip.example"]
        options.defaultSource = "cc-wet"
        let out = try readDocuments(try WETReader(options: options), path: path)
        #expect(out.issues.isEmpty)
        #expect(out.ids == ["urn:uuid:t1", "urn:uuid:t2"])
        #expect(out.documents.map(\.text) == ["First page title\nFirst page text, ünïcödé.\n", "日本語のテキスト\n"])
        let first = out.documents[0]
        #expect(Array(first.metadata.keys) == ["url", "warc_date", "warc_record_id", "content_type", "charset",
                                                "warc_identified_content_language"])
        #expect(first.metadata["content_type"] == .string("text/plain"))
        #expect(first.metadata["charset"] == .string("utf-8"))
        #expect(first.metadata["warc_identified_content_language"] == .string("eng,deu"))
        #expect(first.source == "cc-wet")
        #expect(out.stats.counters["skipped_warcinfo"] == 1)
        #expect(out.stats.dropped == ["empty_payload": 1, "url_excluded": 1])
    }

    @Test func longTextsAreSetAside() throws {
        let records = [Self.conversion("big", uri: "https://a.example/", text: String(repeating: "long text ", count: 2000)),
                       Self.conversion("small", uri: "https://a.example/s", text: "short")]
        let dir = TemporaryDirectory("quarry-wet")
        let path = dir.file("big.warc.wet.gz")
        let file = try writeMembers(records.map(\.bytes), to: path)
        var options = WETReader.Options()
        options.maxPayloadBytes = 5000
        let out = try readDocuments(try WETReader(options: options), path: path)
        #expect(out.ids == ["urn:uuid:small"])
        #expect(out.issueKinds == ["record_too_large"])
        #expect(out.issues.first?.offset == file.start(0))
        #expect(out.issues.first?.offsetIsCompressed == true)
        #expect(out.issues.first?.length == 20_000)
    }
}
