// The stored form of corpus counts (CorpusPass.swift: `CorpusCounts.encoded()`): a magic
// number, a little-endian UInt32 version, then little-endian fixed-width integers and
// length-prefixed bytes. The writer and the checked reader every counts format shares; a
// damaged file is an InputError naming what was being read and the byte offset.

extension Array where Element == UInt8 {
    /// Appends `value` as little-endian bytes.
    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { self += $0 }
    }
}

/// Reads stored counts from the start, checking their magic number and version first.
public struct CountsReader {
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var position = 0
    /// What the bytes are, for messages ("line dedup counts").
    public let what: String

    public init(_ bytes: [UInt8], what: String, magic: [UInt8], version: UInt32) throws {
        self.bytes = bytes
        self.what = what
        guard bytes.starts(with: magic) else { throw fail("not \(what) (bad magic)") }
        position = magic.count
        let found = try take(UInt32.self)
        guard found == version else { throw fail("\(what) version \(found), expected \(version)") }
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - position }

    /// An error at the current offset.
    public func fail(_ message: String) -> InputError {
        InputError(file: what, offset: Int64(position), message)
    }

    public mutating func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw fail("truncated") }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[position..<position + size]) }
        position += size
        return T(littleEndian: value)
    }

    /// The next `count` bytes.
    public mutating func take(bytes count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw fail("truncated") }
        defer { position += count }
        return bytes[position..<position + count]
    }
}
