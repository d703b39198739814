// The string hash fastText uses for its vocabulary and n-gram buckets (`Dictionary::hash`,
// facebookresearch/fastText src/dictionary.cc @1142dc4): 32-bit FNV-1a, except that each byte is
// sign-extended before the XOR, so bytes ≥ 0x80 flip the top 24 bits too. fastText keeps that
// quirk on purpose so old models stay valid; Quarry must do the same to read them.

public enum FastTextHash {
    public static let offsetBasis: UInt32 = 2_166_136_261
    public static let prime: UInt32 = 16_777_619

    /// One step of the hash: the byte, sign-extended to 32 bits, XORed in, then multiplied.
    @inlinable @inline(__always)
    public static func step(_ h: UInt32, _ byte: UInt8) -> UInt32 {
        (h ^ UInt32(bitPattern: Int32(Int8(bitPattern: byte)))) &* prime
    }

    /// The hash of a whole byte string.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = offsetBasis
        for b in bytes { h = step(h, b) }
        return h
    }

    @inlinable
    public static func hash(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    /// The slow twin: the same hash written the way the C++ reads, one `int8_t` at a time.
    public static func naiveHash(_ bytes: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            let signed = Int32(Int8(bitPattern: b))
            h = h ^ UInt32(truncatingIfNeeded: signed)
            h = h &* 16_777_619
        }
        return h
    }
}
