// Byte streams: a file read plain or through a decompressor, and a file written plain or
// through a compressor. Compression comes from the file extension (DESIGN.md §4.4) unless
// given. Decompressors never stop at damage: they report it as an event and resume at the
// next frame or member they can find, so the records after the damage are still read.
import QuarryCore

/// What one read from a ByteSource produced.
public enum ReadEvent: Equatable {
    /// `n` bytes were written into the buffer.
    case bytes(Int)
    /// The stream is damaged here; reading resumes after it. Bytes before this event and
    /// after it are not contiguous.
    case damaged(InputIssue)
    /// No more bytes.
    case end
}

/// A readable stream of decompressed bytes.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes. Throws only for I/O errors.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent
    /// Bytes of the underlying file consumed so far.
    var fileOffset: Int64 { get }
}

/// A writable stream of bytes into a file, compressed or not.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Closes the current compressed frame (zstd) or member (gzip), so that a reader can
    /// resume here after damage earlier in the file. No-op for plain files.
    func endFrame() throws
    /// Flushes everything and renames the file to its final name.
    func commit() throws
    /// Removes the partial file.
    func abort()
    /// Bytes written to the file so far.
    var fileBytes: Int64 { get }
}

/// Compression of a file.
public enum Compression: String, OptionEnum, Sendable {
    /// From the file extension.
    case auto
    case none
    case gzip
    case zstd
    case bzip2

    /// The compression a file name implies.
    public static func of(path: String) -> Compression {
        if path.hasSuffix(".gz") { return .gzip }
        if path.hasSuffix(".zst") || path.hasSuffix(".zstd") { return .zstd }
        if path.hasSuffix(".bz2") { return .bzip2 }
        return .none
    }

    /// `self`, with `auto` resolved from the file name.
    public func resolved(for path: String) -> Compression {
        self == .auto ? Compression.of(path: path) : self
    }

    /// The file extension for this compression (".gz"), empty for none.
    public var fileExtension: String {
        switch self {
        case .gzip: return ".gz"
        case .zstd: return ".zst"
        case .bzip2: return ".bz2"
        case .none, .auto: return ""
        }
    }

    /// Opens `path` for reading from `offset` (offsets other than 0 need an uncompressed file).
    public func openSource(path: String, offset: Int64 = 0) throws -> any ByteSource {
        let file = try FileReader(path: path, offset: offset)
        switch resolved(for: path) {
        case .none, .auto: return PlainSource(file: file)
        case .gzip: return FramedSource(file: file, codec: try GzipCodec(path: path))
        case .zstd: return FramedSource(file: file, codec: try ZstdCodec(path: path))
        case .bzip2: return FramedSource(file: file, codec: try Bzip2Codec(path: path))
        }
    }

    /// Creates `path` (under a temporary name until commit) for writing.
    /// - Parameter level: compression level, nil for the codec's default (gzip 6, zstd 3).
    public func openSink(path: String, level: Int? = nil) throws -> any ByteSink {
        let file = try AtomicFile(path: path)
        switch resolved(for: path) {
        case .none, .auto: return PlainSink(file: file)
        case .gzip: return try GzipSink(file: file, level: level ?? 6)
        case .zstd: return try ZstdSink(file: file, level: level ?? 3)
        case .bzip2:
            file.abort()
            throw ConfigError("bzip2 output is not supported; write .gz or .zst instead", file: path)
        }
    }
}

/// An uncompressed file.
final class PlainSource: ByteSource {
    let file: FileReader
    init(file: FileReader) { self.file = file }
    var fileOffset: Int64 { file.offset }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        let n = try file.read(into: buffer)
        return n == 0 ? .end : .bytes(n)
    }
}

/// An uncompressed output file.
final class PlainSink: ByteSink {
    let file: AtomicFile
    init(file: AtomicFile) { self.file = file }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }
    func endFrame() throws {}
    func commit() throws { try file.commit() }
    func abort() { file.abort() }
    var fileBytes: Int64 { file.bytesWritten }
}
