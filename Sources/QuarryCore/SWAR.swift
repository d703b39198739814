// Word-at-a-time (SWAR) byte classification for the byte scanners (JSON reader and writer,
// text passes): eight bytes per step instead of one, the technique of Sean Anderson's "Bit
// Twiddling Hacks" (haszero / hasless). A set high bit in a result marks a byte of interest;
// the lowest one is always exact (borrows only create false marks above a true one), which is
// all the scanners use: `mask.trailingZeroBitCount >> 3` is the index of the first such byte.

public enum SWAR {
    @inlinable static var lowBits: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable public static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// Loads eight bytes (little-endian: the first byte is the lowest).
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Stores eight bytes at `p` (unaligned).
    @inlinable @inline(__always)
    public static func store(_ word: UInt64, at p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    /// Marks the bytes that are zero.
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- lowBits) & ~word & highBits
    }

    /// Marks the bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (lowBits &* UInt64(byte)))
    }

    /// Marks the bytes below `limit` (which must be at most 0x80).
    @inlinable @inline(__always)
    public static func bytes(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- lowBits &* UInt64(limit)) & ~word & highBits
    }

    /// Marks the bytes of 0x80 and above (non-ASCII).
    @inlinable @inline(__always)
    public static func nonASCII(_ word: UInt64) -> UInt64 { word & highBits }

    /// The index (0...7) of the first marked byte of a non-zero mask.
    @inlinable @inline(__always)
    public static func firstIndex(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }

    /// Whether all bytes are ASCII (below 0x80).
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        let end = p + bytes.count
        while end - p >= 8 {
            if load(p) & highBits != 0 { return false }
            p += 8
        }
        while p < end {
            if p.pointee >= 0x80 { return false }
            p += 1
        }
        return true
    }
}
