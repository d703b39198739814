// The binary layout every file of a dedup stage's work directory shares (DESIGN.md §5: binary
// formats start with a magic number and a version; writes are atomic). Little-endian
// throughout, fixed-size records so a record is found by arithmetic:
//
//   header, 64 bytes:  magic (8 ASCII bytes, one per kind of file) · format version u32 ·
//                      header size u32 (64) · the stage parameters (32 bytes, below) ·
//                      number u32 (the task of a sketch or decision file, the band of a band
//                      or pair file) · 4 zero bytes · extra u64 (a pair file: its sort's peak
//                      memory in bytes; else 0)
//   body:              count fixed-size records, then for some kinds a blob of UTF-8 ids
//   footer, 32 bytes:  count u64 · a u64 · b u64 · end magic (8 bytes); `a` and `b` are the
//                      blob's offset and length (sketch, decision files) or the number of
//                      documents the index was built over and a fingerprint of its task list
//                      (band and pair files)
//
// Parameters (32 bytes): method u8 (1 exact, 2 minhash) · shingle unit u8 (0 words,
// 1 characters) · normalization u8 (bit 0 lowercase, 1 whitespace, 2 punctuation, 3 digits) ·
// stores full signatures u8 · ngram u32 · bands u32 · rows u32 · seed u64 · sketch algorithm
// version u32 · reserved u32. Files made with other parameters are refused with a
// ConfigError that names the file; damaged files are InputErrors.
#if canImport(Glibc)
import Glibc
#endif
import QuarryCore
import QuarryIO

/// What a dedup index depends on: two runs can share an index only when these agree.
public struct DedupParameters: Equatable, Sendable, CustomStringConvertible {
    public enum Method: UInt8, Sendable { case exact = 1, minhash = 2 }

    public var method: Method
    /// Shingle size (MinHash), 0 for exact.
    public var ngram: Int
    /// Bands (MinHash); exact dedup has one "band": the 128-bit text hash.
    public var bands: Int
    /// Rows per band (MinHash), 0 for exact.
    public var rows: Int
    public var seed: UInt64
    public var characterShingles: Bool
    /// Bit 0 lowercase, 1 whitespace, 2 punctuation, 3 digits.
    public var normalization: UInt8
    /// Whether sketches keep the full signature (needed to verify candidates against a threshold).
    public var storesSignatures: Bool
    /// Bumped when the sketch of a document changes for the same parameters.
    public var algorithmVersion: UInt32 = 1

    public init(method: Method, ngram: Int, bands: Int, rows: Int, seed: UInt64, characterShingles: Bool,
                normalization: UInt8, storesSignatures: Bool) {
        self.method = method
        self.ngram = ngram
        self.bands = bands
        self.rows = rows
        self.seed = seed
        self.characterShingles = characterShingles
        self.normalization = normalization
        self.storesSignatures = storesSignatures
    }

    /// UInt64 words of one document's sketch: the band hashes (and the full signature), or
    /// the 128-bit hash as (low, high).
    public var sketchWidth: Int {
        method == .exact ? 2 : bands + (storesSignatures ? bands * rows : 0)
    }

    /// Whether an index made with `other` holds the same band hashes as one made with these.
    public func sharesIndex(with other: DedupParameters) -> Bool {
        var a = self, b = other
        a.storesSignatures = false
        b.storesSignatures = false
        return a == b
    }

    public var description: String {
        let norms = ["lowercase", "whitespace", "punctuation", "digits"].enumerated()
            .filter { normalization & (1 << $0.offset) != 0 }.map(\.element)
        let normText = norms.isEmpty ? "none" : norms.joined(separator: "+")
        switch method {
        case .exact:
            return "exact, normalization \(normText), version \(algorithmVersion)"
        case .minhash:
            return "minhash ngram \(ngram) \(characterShingles ? "characters" : "words"), \(bands) bands x \(rows) rows, "
                + "seed \(seed), normalization \(normText)\(storesSignatures ? ", full signatures" : ""), version \(algorithmVersion)"
        }
    }

    static let encodedSize = 32

    func encode(into out: inout [UInt8]) {
        out.append(method.rawValue)
        out.append(characterShingles ? 1 : 0)
        out.append(normalization)
        out.append(storesSignatures ? 1 : 0)
        out.appendLE(UInt32(ngram))
        out.appendLE(UInt32(bands))
        out.appendLE(UInt32(rows))
        out.appendLE(seed)
        out.appendLE(algorithmVersion)
        out.appendLE(UInt32(0))
    }

    static func decode(_ p: UnsafeRawPointer) -> DedupParameters? {
        guard let method = Method(rawValue: p.load(as: UInt8.self)) else { return nil }
        var params = DedupParameters(
            method: method, ngram: Int(p.le32(4)), bands: Int(p.le32(8)), rows: Int(p.le32(12)), seed: p.le64(16),
            characterShingles: p.load(fromByteOffset: 1, as: UInt8.self) != 0,
            normalization: p.load(fromByteOffset: 2, as: UInt8.self),
            storesSignatures: p.load(fromByteOffset: 3, as: UInt8.self) != 0)
        params.algorithmVersion = p.le32(24)
        return params
    }
}

/// The kinds of file in a work directory, by magic number.
enum DedupFileKind: String {
    case sketches = "QDSKETCH"
    case band = "QDBANDIX"
    case pairs = "QDPAIRS_"
    case decisions = "QDDECIDE"
    case complete = "QDINDEXC"

    var magic: [UInt8] { Array(rawValue.utf8) }
    var endMagic: [UInt8] { Array("QDEND".utf8) + Array(rawValue.utf8.prefix(3)) }
    static let version: UInt32 = 1
    static let headerSize = 64
    static let footerSize = 32
}

/// The footer's three numbers.
struct DedupFooter: Equatable {
    var count: UInt64
    var a: UInt64
    var b: UInt64
}

enum DedupFileFormat {
    /// The 64-byte header of a file of `kind`.
    /// `extra` goes to the last 8 header bytes (a pair file keeps its sort's peak memory there).
    static func header(_ kind: DedupFileKind, parameters: DedupParameters, number: Int, extra: UInt64 = 0) -> [UInt8] {
        var out: [UInt8] = kind.magic
        out.appendLE(DedupFileKind.version)
        out.appendLE(UInt32(DedupFileKind.headerSize))
        parameters.encode(into: &out)
        out.appendLE(UInt32(number))
        out.appendLE(UInt32(0))
        out.appendLE(extra)
        return out
    }

    static func footer(_ kind: DedupFileKind, _ footer: DedupFooter) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLE(footer.count)
        out.appendLE(footer.a)
        out.appendLE(footer.b)
        out.append(contentsOf: kind.endMagic)
        return out
    }

    /// Reads and checks the header and footer of `bytes` (a whole file): magic, version,
    /// parameters (`expected`; with `indexOnly`, only what the band hashes depend on) and
    /// that the body holds `count` records of `recordSize` bytes plus `blobLength(footer)`.
    static func check(_ bytes: UnsafeRawBufferPointer, path: String, kind: DedupFileKind, expected: DedupParameters?,
                      indexOnly: Bool = false, recordSize: (DedupParameters) -> Int,
                      blobLength: (DedupFooter) -> UInt64 = { _ in 0 }) throws -> (DedupParameters, number: Int, DedupFooter) {
        let minimum = DedupFileKind.headerSize + DedupFileKind.footerSize
        guard bytes.count >= minimum else {
            throw InputError(file: path, "damaged dedup file: \(bytes.count) bytes, shorter than a header and footer")
        }
        let checked = try check(header: UnsafeRawBufferPointer(rebasing: bytes[0..<DedupFileKind.headerSize]),
                                footer: UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - DedupFileKind.footerSize)...]),
                                fileSize: bytes.count, path: path, kind: kind, expected: expected, indexOnly: indexOnly,
                                recordSize: recordSize, blobLength: blobLength)
        return (checked.parameters, checked.number, checked.footer)
    }

    /// The same check reading only the header and footer of the file at `path` (a file's body
    /// is never mapped or read here, so checking large files costs no memory).
    static func checkFile(_ path: String, kind: DedupFileKind, expected: DedupParameters?, indexOnly: Bool = false,
                          recordSize: (DedupParameters) -> Int, blobLength: (DedupFooter) -> UInt64 = { _ in 0 }) throws
        -> (parameters: DedupParameters, number: Int, footer: DedupFooter, extra: UInt64) {
        guard let size = FileInfo.size(of: path) else { throw InputError(file: path, "missing or not a regular file") }
        let minimum = DedupFileKind.headerSize + DedupFileKind.footerSize
        guard size >= Int64(minimum) else {
            throw InputError(file: path, "damaged dedup file: \(size) bytes, shorter than a header and footer")
        }
        let reader = try FileReader(path: path)
        var header = [UInt8](repeating: 0, count: DedupFileKind.headerSize)
        var footer = [UInt8](repeating: 0, count: DedupFileKind.footerSize)
        try header.withUnsafeMutableBytes { try readFully(reader, into: $0) }
        try reader.seek(to: size - Int64(DedupFileKind.footerSize))
        try footer.withUnsafeMutableBytes { try readFully(reader, into: $0) }
        return try header.withUnsafeBytes { h in
            try footer.withUnsafeBytes { f in
                try check(header: h, footer: f, fileSize: Int(size), path: path, kind: kind, expected: expected,
                          indexOnly: indexOnly, recordSize: recordSize, blobLength: blobLength)
            }
        }
    }

    static func readFully(_ reader: FileReader, into buffer: UnsafeMutableRawBufferPointer) throws {
        var filled = 0
        while filled < buffer.count {
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            guard n > 0 else { throw InputError(file: reader.path, "damaged dedup file: ends early") }
            filled += n
        }
    }

    private static func check(header: UnsafeRawBufferPointer, footer: UnsafeRawBufferPointer, fileSize: Int, path: String,
                              kind: DedupFileKind, expected: DedupParameters?, indexOnly: Bool, recordSize: (DedupParameters) -> Int,
                              blobLength: (DedupFooter) -> UInt64) throws
        -> (parameters: DedupParameters, number: Int, footer: DedupFooter, extra: UInt64) {
        let base = header.baseAddress!
        guard Array(header[0..<8]) == kind.magic else {
            throw InputError(file: path, "not a dedup \(kind) file (wrong magic number)")
        }
        let version = base.le32(8)
        guard version == DedupFileKind.version else {
            throw InputError(file: path, "dedup \(kind) file of format version \(version); this build reads version \(DedupFileKind.version)")
        }
        guard let params = DedupParameters.decode(base + 16) else {
            throw InputError(file: path, "damaged dedup file: unknown method in its header")
        }
        if let expected {
            let same = indexOnly ? expected.sharesIndex(with: params) : expected == params
            guard same else {
                throw ConfigError("\(path) was made with other dedup parameters (\(params)) than this stage's (\(expected)); "
                                  + "run again with --fresh, or with the parameters it was made with")
            }
        }
        let end = footer.baseAddress!
        guard Array(footer[24..<32]) == kind.endMagic else {
            throw InputError(file: path, "damaged dedup file: no end marker (truncated?)")
        }
        let counts = DedupFooter(count: end.le64(0), a: end.le64(8), b: end.le64(16))
        let (body, overflow) = counts.count.multipliedReportingOverflow(by: UInt64(recordSize(params)))
        let blob = blobLength(counts)
        let minimum = DedupFileKind.headerSize + DedupFileKind.footerSize
        guard !overflow, body &+ blob == UInt64(fileSize - minimum) else {
            throw InputError(file: path, "damaged dedup file: \(counts.count) records do not fill its \(fileSize) bytes")
        }
        return (params, Int(base.le32(48)), counts, base.le64(56))
    }
}

/// Writes little-endian records to an AtomicFile through a staging buffer.
final class BinaryOut {
    let file: AtomicFile
    private var staging: [UInt8] = []
    private let flushAt = 1 << 16

    init(path: String) throws {
        file = try AtomicFile(path: path)
        staging.reserveCapacity(flushAt + 4096)
    }

    @inline(__always) func u64(_ v: UInt64) throws {
        staging.appendLE(v)
        if staging.count >= flushAt { try flush() }
    }

    @inline(__always) func u32(_ v: UInt32) throws {
        staging.appendLE(v)
        if staging.count >= flushAt { try flush() }
    }

    func bytes(_ b: [UInt8]) throws {
        staging.append(contentsOf: b)
        if staging.count >= flushAt { try flush() }
    }

    /// Appends one sortable record.
    @inline(__always) func record<R: SortRecord>(_ r: R) throws {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { r.store(to: $0.baseAddress!) }
        withUnsafeBytes(of: scratch) { staging.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<R.byteSize])) }
        if staging.count >= flushAt { try flush() }
    }

    func raw(_ p: UnsafeRawBufferPointer) throws {
        try flush()
        try file.write(p)
    }

    func flush() throws {
        guard !staging.isEmpty else { return }
        try staging.withUnsafeBytes { try file.write($0) }
        staging.removeAll(keepingCapacity: true)
    }

    /// Bytes written so far, staged ones included.
    var offset: Int64 { file.bytesWritten + Int64(staging.count) }

    func commit() throws {
        try flush()
        try file.commit()
    }

    func abort() { file.abort() }
}

extension Array where Element == UInt8 {
    @inline(__always) mutating func appendLE(_ v: UInt64) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
    @inline(__always) mutating func appendLE(_ v: UInt32) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawPointer {
    @inline(__always) func le64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    @inline(__always) func le32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

/// A mutex for state shared by worker threads.
final class DedupLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
