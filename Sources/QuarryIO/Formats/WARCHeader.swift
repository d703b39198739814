// WARC record headers, as ISO 28500 defines them (WARC/1.1, 2017; WARC/1.0, 2009, is the same
// for every field read here): a version line "WARC/1.1", named fields "Name: value" (names
// case-insensitive), and an empty line; the record's block of `Content-Length` bytes follows,
// then two CRLFs. The parser reads only the fields Quarry uses, as byte ranges into the
// caller's buffer, so the scanner allocates nothing per record; it accepts bare LF line ends
// and any "WARC/<digit>.<digits>" version, as warcio does, because real files have both.
import Glibc

/// The fields of one WARC record header, as byte ranges relative to the header's first byte.
struct WARCHeader {
    /// Bytes from "WARC/" up to and including the empty line that ends the header.
    var length: Int
    /// The block's length in bytes (`Content-Length`).
    var contentLength: Int64
    /// The version after "WARC/", e.g. "1.0".
    var version: Range<Int>
    var type: Range<Int>?
    var targetURI: Range<Int>?
    var date: Range<Int>?
    var recordID: Range<Int>?
    var contentType: Range<Int>?
    var identifiedPayloadType: Range<Int>?
    var identifiedContentLanguage: Range<Int>?

    enum Parse {
        case header(WARCHeader)
        /// The header is not complete in the bytes given.
        case needMore
        /// Not a WARC header (the reason).
        case invalid(String)
    }

    /// Longest header accepted; real ones are under 2 KiB.
    static let maxBytes = 64 << 10

    /// Whether `p` (with `n` bytes, at least 7 unless at the end) starts like a record:
    /// "WARC/", a digit and a dot.
    static func startsRecord(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        n >= 7 && p[0] == 0x57 && p[1] == 0x41 && p[2] == 0x52 && p[3] == 0x43 && p[4] == 0x2F
            && isDigit(p[5]) && p[6] == 0x2E
    }

    /// Parses the header at the start of `p` (`n` bytes). `atEnd` says no more bytes follow.
    static func parse(_ p: UnsafePointer<UInt8>, count n: Int, atEnd: Bool) -> Parse {
        guard n >= 7 else { return atEnd ? .invalid("the input ends inside a WARC header") : .needMore }
        guard startsRecord(p, n) else { return .invalid("a WARC record must start with \"WARC/<version>\"") }
        // Version line.
        var i = 5
        while i < n, isDigit(p[i]) || p[i] == 0x2E { i += 1 }
        let version = 5..<i
        if i < n, p[i] == 0x0D { i += 1 }
        guard i < n else { return incomplete(n, atEnd) }
        guard p[i] == 0x0A else { return .invalid("the WARC version line has extra characters") }
        i += 1

        var header = WARCHeader(length: 0, contentLength: -1, version: version)
        var sawContentLength = false
        while true {
            guard i < n else { return incomplete(n, atEnd) }
            guard let nl = memchr(p + i, 0x0A, n - i) else { return incomplete(n, atEnd) }
            let lineEnd = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p
            var end = lineEnd
            if end > i, p[end - 1] == 0x0D { end -= 1 }
            if end == i {                                   // the empty line
                header.length = lineEnd + 1
                break
            }
            defer { i = lineEnd + 1 }
            if p[i] == 0x20 || p[i] == 0x09 { continue }   // a folded continuation: not used here
            guard let colon = memchr(p + i, 0x3A, end - i) else { continue }
            let c = UnsafePointer<UInt8>(colon.assumingMemoryBound(to: UInt8.self)) - p
            var nameEnd = c
            while nameEnd > i, p[nameEnd - 1] == 0x20 || p[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            var valueStart = c + 1, valueEnd = end
            while valueStart < valueEnd, p[valueStart] == 0x20 || p[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, p[valueEnd - 1] == 0x20 || p[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = valueStart..<valueEnd
            switch Field(p + i, nameEnd - i) {
            case .type?: header.type = value
            case .targetURI?: header.targetURI = value
            case .date?: header.date = value
            case .recordID?: header.recordID = value
            case .contentType?: header.contentType = value
            case .identifiedPayloadType?: header.identifiedPayloadType = value
            case .identifiedContentLanguage?: header.identifiedContentLanguage = value
            case .contentLength?:
                guard let length = parseLength(p + valueStart, valueEnd - valueStart) else {
                    return .invalid("the WARC Content-Length is not a number")
                }
                header.contentLength = length
                sawContentLength = true
            case nil: break
            }
        }
        guard sawContentLength else { return .invalid("the WARC header has no Content-Length") }
        return .header(header)
    }

    private static func incomplete(_ n: Int, _ atEnd: Bool) -> Parse {
        if atEnd { return .invalid("the input ends inside a WARC header") }
        if n >= maxBytes { return .invalid("the WARC header is longer than \(maxBytes) bytes") }
        return .needMore
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// A decimal Content-Length (at most 18 digits).
    private static func parseLength(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n > 0, n <= 18 else { return nil }
        var value: Int64 = 0
        for k in 0..<n {
            guard isDigit(p[k]) else { return nil }
            value = value * 10 + Int64(p[k] &- 0x30)
        }
        return value
    }

    /// The header fields Quarry reads.
    private enum Field {
        case type, targetURI, date, recordID, contentType, contentLength, identifiedPayloadType, identifiedContentLanguage

        init?(_ p: UnsafePointer<UInt8>, _ n: Int) {
            switch n {
            case 9:
                if equalsIgnoringASCIICase(p, n, "warc-type") { self = .type; return }
                if equalsIgnoringASCIICase(p, n, "warc-date") { self = .date; return }
            case 12: if equalsIgnoringASCIICase(p, n, "content-type") { self = .contentType; return }
            case 14:
                if equalsIgnoringASCIICase(p, n, "content-length") { self = .contentLength; return }
                if equalsIgnoringASCIICase(p, n, "warc-record-id") { self = .recordID; return }
            case 15: if equalsIgnoringASCIICase(p, n, "warc-target-uri") { self = .targetURI; return }
            case 28: if equalsIgnoringASCIICase(p, n, "warc-identified-payload-type") { self = .identifiedPayloadType; return }
            case 32: if equalsIgnoringASCIICase(p, n, "warc-identified-content-language") { self = .identifiedContentLanguage; return }
            default: break
            }
            return nil
        }
    }
}

/// Whether the `n` bytes at `p` spell `lowercase` in any letter case (ASCII).
@inline(__always)
func equalsIgnoringASCIICase(_ p: UnsafePointer<UInt8>, _ n: Int, _ lowercase: StaticString) -> Bool {
    guard n == lowercase.utf8CodeUnitCount else { return false }
    let q = lowercase.utf8Start
    for k in 0..<n where p[k] | (isASCIILetter(p[k]) ? 0x20 : 0) != q[k] { return false }
    return true
}

@inline(__always)
func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

extension WARCHeader {
    /// The value of a field as a String (invalid UTF-8 replaced), or nil when absent.
    static func string(_ range: Range<Int>?, in header: UnsafeBufferPointer<UInt8>) -> String? {
        guard let range, range.upperBound <= header.count else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: header[range]), as: UTF8.self)
    }

    /// The record type, lower-cased ("response", "warcinfo" ...), or "unknown".
    static func typeName(_ range: Range<Int>?, in header: UnsafeBufferPointer<UInt8>) -> String {
        guard let name = string(range, in: header), !name.isEmpty else { return "unknown" }
        return name.lowercased()
    }
}
