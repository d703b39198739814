// The byte layout of a Megatron-LM indexed dataset index (`PREFIX.idx`), written from
// megatron-core 0.16.1 `_IndexWriter` / `_IndexReader` (issue8-prep shards/FORMAT.md §1.2).
// Little-endian throughout:
//
//   0   9 bytes   magic "MMIDIDX\0\0"
//   9   u64       version, 1
//   17  u8        dtype code (TokenDType)
//   18  u64       sequence count S
//   26  u64       document index count D + 1 (the leading 0 counts)
//   34  i32[S]    sequence lengths, in elements
//   ..  i64[S]    sequence pointers, byte offsets into PREFIX.bin
//   ..  i64[D+1]  document indices [0, …, S]: document d is sequences [di[d], di[d+1])
//
// The i64 arrays start at 34 + 4S, which is not 8-byte aligned, so every read is unaligned.
// The `.bin` file is the elements of every sequence, concatenated, with no header.

/// Constants and little helpers shared by the indexed dataset writer and reader.
public enum IndexedDatasetFormat {
    public static let magic: [UInt8] = Array("MMIDIDX".utf8) + [0, 0]
    /// The magic of the older non-mmap "lazy/cached" fairseq index, which Quarry does not read.
    static let legacyMagic: [UInt8] = Array("TNTIDX".utf8) + [0, 0]
    public static let version: UInt64 = 1
    public static let headerSize = 34
    static let versionOffset = 9
    static let dtypeOffset = 17
    static let sequenceCountOffset = 18
    static let documentCountOffset = 26

    /// The `.idx` path of a dataset prefix.
    public static func indexPath(prefix: String) -> String { prefix + ".idx" }
    /// The `.bin` path of a dataset prefix.
    public static func dataPath(prefix: String) -> String { prefix + ".bin" }

    /// The size of an index of `sequences` sequences grouped into `documents` documents.
    public static func indexSize(sequences: Int, documents: Int) -> Int {
        headerSize + 12 * sequences + 8 * (documents + 1)
    }

    /// The dataset prefix of a path given as PREFIX, PREFIX.bin or PREFIX.idx.
    public static func prefix(of path: String) -> String {
        for suffix in [".idx", ".bin"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }
}

extension Array where Element == UInt8 {
    @inline(__always) mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawPointer {
    @inline(__always) func littleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
