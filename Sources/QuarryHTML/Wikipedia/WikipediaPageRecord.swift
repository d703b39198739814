// The raw records the Wikipedia dump scanner hands to `decode`: pages already cut out of the
// XML, in a compact binary layout (all integers little-endian, strings as a UInt32 byte
// count followed by UTF-8 bytes):
//
//   site    u8 1 · str dbname · str base URL · u32 n · n × (i32 namespace key · str name)
//   page    u8 2 · u8 flags (bit 0: redirect) · i32 ns · i64 page id · i64 revision id ·
//           str title · str timestamp · str redirect target · str wikitext
//   skipped u8 3 · u8 reason (1 namespace, 2 redirect, 3 content model) · i32 ns ·
//           i64 page id · str title
//
// Every batch starts with a site record (when the dump has a <siteinfo>) so that each batch
// decodes on its own, on any worker. Records live only in memory between the scanner and
// `decode`; they are never written to disk.

/// Kinds of record.
enum PageRecordKind: UInt8 {
    case site = 1
    case page = 2
    case skipped = 3
}

/// Why the scanner skipped a page; each is a drop reason of the reader.
enum SkipReason: UInt8 {
    case namespace = 1
    case redirect = 2
    case contentModel = 3

    var dropReason: String {
        switch self {
        case .namespace: return "skipped_namespace"
        case .redirect: return "skipped_redirect"
        case .contentModel: return "skipped_content_model"
        }
    }
}

/// Appends records to a batch's bytes.
enum PageRecordWriter {
    static func site(_ site: WikiSiteInfo, into bytes: inout [UInt8]) {
        bytes.append(PageRecordKind.site.rawValue)
        string(site.dbname, into: &bytes)
        string(site.base, into: &bytes)
        integer(UInt32(site.namespaces.count), into: &bytes)
        for (key, name) in site.namespaces {
            integer(UInt32(bitPattern: Int32(truncatingIfNeeded: key)), into: &bytes)
            string(name, into: &bytes)
        }
    }

    static func page(redirect: Bool, ns: Int, pageID: Int64, revisionID: Int64, title: [UInt8], timestamp: [UInt8],
                     redirectTarget: [UInt8], text: [UInt8], into bytes: inout [UInt8]) {
        bytes.append(PageRecordKind.page.rawValue)
        bytes.append(redirect ? 1 : 0)
        integer(UInt32(bitPattern: Int32(truncatingIfNeeded: ns)), into: &bytes)
        integer(UInt64(bitPattern: pageID), into: &bytes)
        integer(UInt64(bitPattern: revisionID), into: &bytes)
        string(title, into: &bytes)
        string(timestamp, into: &bytes)
        string(redirectTarget, into: &bytes)
        string(text, into: &bytes)
    }

    static func skipped(_ reason: SkipReason, ns: Int, pageID: Int64, title: [UInt8], into bytes: inout [UInt8]) {
        bytes.append(PageRecordKind.skipped.rawValue)
        bytes.append(reason.rawValue)
        integer(UInt32(bitPattern: Int32(truncatingIfNeeded: ns)), into: &bytes)
        integer(UInt64(bitPattern: pageID), into: &bytes)
        string(title, into: &bytes)
    }

    private static func integer<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func string(_ value: [UInt8], into bytes: inout [UInt8]) {
        integer(UInt32(value.count), into: &bytes)
        bytes.append(contentsOf: value)
    }

    private static func string(_ value: String, into bytes: inout [UInt8]) {
        string(Array(value.utf8), into: &bytes)
    }
}

/// Reads one record. Every accessor checks bounds: a malformed record reads as nil.
struct PageRecordReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func byte() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard at + size <= bytes.count else { return nil }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[at..<(at + size)]))) }
        at += size
        return T(littleEndian: value)
    }

    mutating func int32() -> Int? { integer(UInt32.self).map { Int(Int32(bitPattern: $0)) } }
    mutating func int64() -> Int64? { integer(UInt64.self).map { Int64(bitPattern: $0) } }

    /// A string's bytes, valid as long as the record's buffer.
    mutating func string() -> UnsafeBufferPointer<UInt8>? {
        guard let count = integer(UInt32.self).map(Int.init), at + count <= bytes.count else { return nil }
        defer { at += count }
        return UnsafeBufferPointer(rebasing: bytes[at..<(at + count)])
    }
}

/// A page record, decoded (strings point into the batch).
struct PageRecord {
    var redirect: Bool
    var ns: Int
    var pageID: Int64
    var revisionID: Int64
    var title: UnsafeBufferPointer<UInt8>
    var timestamp: UnsafeBufferPointer<UInt8>
    var redirectTarget: UnsafeBufferPointer<UInt8>
    var text: UnsafeBufferPointer<UInt8>

    /// Reads the fields after the kind byte.
    init?(_ reader: inout PageRecordReader) {
        guard let flags = reader.byte(), let ns = reader.int32(), let pageID = reader.int64(),
              let revisionID = reader.int64(), let title = reader.string(), let timestamp = reader.string(),
              let redirectTarget = reader.string(), let text = reader.string() else { return nil }
        redirect = flags & 1 != 0
        self.ns = ns
        self.pageID = pageID
        self.revisionID = revisionID
        self.title = title
        self.timestamp = timestamp
        self.redirectTarget = redirectTarget
        self.text = text
    }
}

extension WikiSiteInfo {
    /// Reads the fields of a site record after the kind byte.
    init?(_ reader: inout PageRecordReader) {
        guard let dbname = reader.string(), let base = reader.string(), let count = reader.integer(UInt32.self) else { return nil }
        self.init()
        self.dbname = String(decoding: dbname, as: UTF8.self)
        self.base = String(decoding: base, as: UTF8.self)
        for _ in 0..<count {
            guard let key = reader.int32(), let name = reader.string() else { return nil }
            namespaces.append((key, String(decoding: name, as: UTF8.self)))
        }
    }
}
