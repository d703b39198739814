// The HTTP response a WARC `response` record's block holds (RFC 9112): a status line, header
// fields, an empty line, then the payload as the server sent it — possibly chunked
// (`Transfer-Encoding: chunked`, RFC 9112 §7.1) and compressed (`Content-Encoding`). Parsing is
// lenient in the ways crawled data needs: bare LF line ends, folded lines, a missing empty
// line (then the headers run to the end of the block), and headers that say "chunked" over a
// body that is not (crawlers such as Common Crawl's store the payload de-chunked and renamed
// the header only from 2018 on, so `dechunk` keeps the body as it is when it does not parse
// as chunks, as warcio does).
import Glibc

/// The head of an HTTP response.
struct HTTPResponseHead: Equatable {
    /// The status code, or nil when the status line has none.
    var status: Int?
    var contentType: String?
    var contentEncoding: String?
    var transferEncoding: String?
    /// Bytes of the status line, the header fields and the empty line: the payload starts here.
    var length: Int
}

enum HTTPHeaders {
    /// Longest head looked at; a block without an empty line before this is all head.
    static let maxHeadBytes = 64 << 10

    /// Parses the head of an HTTP response at the start of `bytes`; nil unless they start with "HTTP/".
    static func parseResponse(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPResponseHead? {
        guard let p = bytes.baseAddress, bytes.count >= 5, p[0] == 0x48, p[1] == 0x54, p[2] == 0x54, p[3] == 0x50, p[4] == 0x2F else {
            return nil
        }
        let n = min(bytes.count, maxHeadBytes)
        var head = HTTPResponseHead(length: n)
        var i = 0
        var first = true
        while i < n {
            let lineEnd: Int
            if let nl = memchr(p + i, 0x0A, n - i) {
                lineEnd = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p
            } else {
                lineEnd = n
            }
            var end = lineEnd
            if end > i, p[end - 1] == 0x0D { end -= 1 }
            let next = min(lineEnd + 1, n)
            if first {
                head.status = statusCode(p + i, end - i)
                first = false
            } else if end == i {
                head.length = next
                return head
            } else if p[i] != 0x20 && p[i] != 0x09, let colon = memchr(p + i, 0x3A, end - i) {
                let c = UnsafePointer<UInt8>(colon.assumingMemoryBound(to: UInt8.self)) - p
                var nameEnd = c
                while nameEnd > i, p[nameEnd - 1] == 0x20 || p[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                let nameLength = nameEnd - i
                func value() -> String {
                    var s = c + 1, e = end
                    while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
                    while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
                    return String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
                }
                switch nameLength {
                case 12 where equalsIgnoringASCIICase(p + i, 12, "content-type"):
                    if head.contentType == nil { head.contentType = value() }
                case 16 where equalsIgnoringASCIICase(p + i, 16, "content-encoding"):
                    head.contentEncoding = value()
                case 17 where equalsIgnoringASCIICase(p + i, 17, "transfer-encoding"):
                    head.transferEncoding = value()
                default: break
                }
            }
            i = next
        }
        head.length = n
        return head
    }

    /// The status code in a status line "HTTP/1.1 200 OK" (also "HTTP/2 404").
    static func statusCode(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 5
        while i < n, p[i] != 0x20 { i += 1 }
        while i < n, p[i] == 0x20 { i += 1 }
        guard i + 3 <= n, WARCHeader.isDigit(p[i]), WARCHeader.isDigit(p[i + 1]), WARCHeader.isDigit(p[i + 2]) else { return nil }
        if i + 3 < n, WARCHeader.isDigit(p[i + 3]) { return nil }
        return Int(p[i] &- 0x30) * 100 + Int(p[i + 1] &- 0x30) * 10 + Int(p[i + 2] &- 0x30)
    }

    /// The media type of a Content-Type value, lower-cased, without parameters:
    /// "Text/HTML; charset=UTF-8" → "text/html".
    static func mediaType(_ contentType: String) -> String {
        var utf8 = contentType.utf8[...]
        if let semicolon = utf8.firstIndex(of: 0x3B) { utf8 = utf8[..<semicolon] }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        return String(decoding: utf8, as: UTF8.self).lowercased()
    }

    /// The codings listed in a Content-Encoding or Transfer-Encoding value, lower-cased, in order.
    static func codings(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty && $0 != "identity" }
    }

    enum Dechunked: Equatable {
        /// The body was chunked; `out` holds the joined chunks.
        case complete
        /// The body was chunked but ends before the last chunk; `out` holds the chunks read.
        case truncated
        /// The joined chunks would pass the limit; `out` holds the first `limit` bytes.
        case capped
        /// The body does not start with a chunk-size line: it is not chunked.
        case notChunked
    }

    /// Joins the chunks of a chunked body into `out` (at most `limit` bytes). Chunk extensions
    /// and trailer fields are ignored.
    static func dechunk(_ body: UnsafeBufferPointer<UInt8>, limit: Int, into out: inout [UInt8]) -> Dechunked {
        guard let p = body.baseAddress else { return .notChunked }
        let n = body.count
        var i = 0
        var first = true
        while true {
            // chunk-size [; ext] CRLF
            var size = 0, digits = 0
            while i < n, let d = hexValue(p[i]) {
                guard digits < 15 else { return first ? .notChunked : .truncated }
                size = size << 4 | d
                digits += 1
                i += 1
            }
            guard digits > 0 else { return first ? .notChunked : (i >= n ? .truncated : .complete) }
            while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
            if i < n, p[i] == 0x3B { while i < n, p[i] != 0x0A { i += 1 } }
            if i < n, p[i] == 0x0D { i += 1 }
            guard i < n, p[i] == 0x0A else { return first ? .notChunked : .truncated }
            i += 1
            first = false
            if size == 0 { return .complete }
            let available = min(size, n - i)
            let room = limit - out.count
            if available > room {
                out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: max(0, room)))
                return .capped
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: available))
            i += available
            if available < size { return .truncated }
            if i < n, p[i] == 0x0D { i += 1 }
            if i < n, p[i] == 0x0A { i += 1 }
            if i >= n { return .truncated }
        }
    }

    @inline(__always)
    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: Int(c - 0x30)
        case 0x41...0x46: Int(c - 0x41 + 10)
        case 0x61...0x66: Int(c - 0x61 + 10)
        default: nil
        }
    }
}

fileprivate extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
