// WARCRawRecord: how WARCScanner lays out one record in a RawRecordBatch for warc_v1 and
// wet_v1 to decode (a 16-byte prefix of flags and declared length, the WARC header, then the
// block: all of it, its first bytes, or none).
import QuarryCore

/// The layout of one raw record in a RawRecordBatch: a 16-byte prefix, the WARC header, and
/// the block (all of it, its first bytes, or none).
enum WARCRawRecord {
    static let prefixBytes = 16

    struct Flags: OptionSet {
        let rawValue: UInt8
        /// The record's offset is the compressed offset of its gzip member.
        static let compressedOffset = Flags(rawValue: 1)
        /// Only the first bytes of the block are here (it is longer than the limit).
        static let blockCut = Flags(rawValue: 2)
        /// No block: the scanner skipped it (a record type the reader does not read).
        static let headerOnly = Flags(rawValue: 4)
    }

    /// A raw record taken apart.
    struct View {
        var flags: Flags
        var header: UnsafeBufferPointer<UInt8>
        /// The block, or its first bytes when `flags` has `.blockCut`.
        var block: UnsafeBufferPointer<UInt8>
        /// The block's length as the header declares it.
        var declaredLength: Int64
    }

    static func append(to batch: inout [UInt8], flags: Flags, header: UnsafeBufferPointer<UInt8>,
                       block: UnsafeBufferPointer<UInt8>, declaredLength: Int64) {
        var prefix = [UInt8](repeating: 0, count: prefixBytes)
        prefix[0] = flags.rawValue
        let h = UInt32(header.count)
        for k in 0..<4 { prefix[4 + k] = UInt8(truncatingIfNeeded: h >> (8 * k)) }
        for k in 0..<8 { prefix[8 + k] = UInt8(truncatingIfNeeded: declaredLength >> (8 * k)) }
        batch.append(contentsOf: prefix)
        batch.append(contentsOf: header)
        batch.append(contentsOf: block)
    }

    static func view(_ record: UnsafeBufferPointer<UInt8>) -> View {
        var h = 0
        for k in 0..<4 { h |= Int(record[4 + k]) << (8 * k) }
        var declared: Int64 = 0
        for k in 0..<8 { declared |= Int64(record[8 + k]) << (8 * k) }
        let headerEnd = prefixBytes + h
        return View(flags: Flags(rawValue: record[0]),
                    header: UnsafeBufferPointer(rebasing: record[prefixBytes..<headerEnd]),
                    block: UnsafeBufferPointer(rebasing: record[headerEnd...]), declaredLength: declared)
    }
}
