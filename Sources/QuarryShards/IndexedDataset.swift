// Reads a Megatron-LM indexed dataset (PREFIX.idx + PREFIX.bin) through read-only memory maps,
// after checking every field of the index: megatron-core 0.16.1's `_IndexReader` checks only
// the version and that the counts agree, so a damaged file there reads garbage; here any
// mismatch is an InputError naming the file and the byte offset of the bad field
// (issue8-prep shards/FORMAT.md §1.2). Layout: IndexedDatasetFormat.swift.
import QuarryCore
import QuarryIO

/// A read-only, memory-mapped indexed dataset: documents of token ids (or mask values).
public final class IndexedDataset: @unchecked Sendable {
    public let prefix: String
    public let dtype: TokenDType
    /// Sequences in the data set (one per document in the files Quarry writes).
    public let sequenceCount: Int
    /// Elements in the `.bin` file.
    public let elementCount: Int

    private let index: MappedFile
    private let data: MappedFile
    private let lengthsOffset: Int
    private let pointersOffset: Int
    private let documentsOffset: Int
    private let documentIndexCount: Int

    /// Maps PREFIX.idx and PREFIX.bin and checks them.
    public init(prefix: String) throws {
        self.prefix = prefix
        let indexPath = IndexedDatasetFormat.indexPath(prefix: prefix)
        let dataPath = IndexedDatasetFormat.dataPath(prefix: prefix)
        index = try MappedFile(path: indexPath)
        data = try MappedFile(path: dataPath)
        let header = try IndexedDataset.checkHeader(index.bytes, path: indexPath)
        dtype = header.dtype
        sequenceCount = header.sequences
        documentIndexCount = header.documents + 1
        lengthsOffset = IndexedDatasetFormat.headerSize
        pointersOffset = lengthsOffset + 4 * sequenceCount
        documentsOffset = pointersOffset + 8 * sequenceCount
        elementCount = try IndexedDataset.checkBody(index.bytes, path: indexPath, dtype: dtype, sequences: sequenceCount,
                                                    documentIndexCount: documentIndexCount, dataSize: data.bytes.count,
                                                    dataPath: dataPath)
    }

    /// Documents in the data set.
    public var count: Int { documentIndexCount - 1 }

    /// The sequences of `document`.
    public func sequences(of document: Int) -> Range<Int> {
        precondition(document >= 0 && document < count, "document \(document) out of range 0..<\(count)")
        return Int(documentIndex(document))..<Int(documentIndex(document + 1))
    }

    /// Elements in sequence `sequence`.
    public func sequenceLength(_ sequence: Int) -> Int {
        Int(index.base.littleEndian(at: lengthsOffset + 4 * sequence, as: Int32.self))
    }

    /// Byte offset of sequence `sequence` in the `.bin` file.
    public func sequencePointer(_ sequence: Int) -> Int {
        Int(index.base.littleEndian(at: pointersOffset + 8 * sequence, as: Int64.self))
    }

    /// Elements in `document` (all its sequences).
    public func length(of document: Int) -> Int {
        byteRange(of: document).count / dtype.itemSize
    }

    /// The byte range of `document` in the `.bin` file (its sequences are contiguous: checked).
    public func byteRange(of document: Int) -> Range<Int> {
        let seqs = sequences(of: document)
        guard let first = seqs.first else {
            // A document without sequences sits where the next sequence starts.
            let at = seqs.lowerBound < sequenceCount ? sequencePointer(seqs.lowerBound) : data.bytes.count
            return at..<at
        }
        let last = seqs.upperBound - 1
        return sequencePointer(first)..<(sequencePointer(last) + sequenceLength(last) * dtype.itemSize)
    }

    /// The raw little-endian elements of `document`, valid while the data set is alive.
    public func rawBytes(of document: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data.bytes[byteRange(of: document)])
    }

    /// The raw elements of sequence `sequence`.
    public func rawBytes(ofSequence sequence: Int) -> UnsafeRawBufferPointer {
        let start = sequencePointer(sequence)
        return UnsafeRawBufferPointer(rebasing: data.bytes[start..<(start + sequenceLength(sequence) * dtype.itemSize)])
    }

    /// The ids of `document` (negative int32/int64 values come back as their bit patterns).
    public func tokens(of document: Int) -> [UInt32] {
        decode(rawBytes(of: document))
    }

    /// The ids of sequence `sequence`.
    public func tokens(ofSequence sequence: Int) -> [UInt32] {
        decode(rawBytes(ofSequence: sequence))
    }

    /// Element `i` (0-based within the document) of `document`.
    public func token(_ i: Int, of document: Int) -> UInt32 {
        let bytes = rawBytes(of: document)
        return element(bytes.baseAddress!, i)
    }

    private func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt32] {
        let n = bytes.count / dtype.itemSize
        guard n > 0, let base = bytes.baseAddress else { return [] }
        return [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
            switch dtype {
            case .uint16:
                for i in 0..<n { out[i] = UInt32(base.littleEndian(at: 2 * i, as: UInt16.self)) }
            case .int32:
                for i in 0..<n { out[i] = base.littleEndian(at: 4 * i, as: UInt32.self) }
            default:
                for i in 0..<n { out[i] = element(base, i) }
            }
            initialized = n
        }
    }

    @inline(__always) private func element(_ base: UnsafeRawPointer, _ i: Int) -> UInt32 {
        switch dtype {
        case .uint8: return UInt32(base.load(fromByteOffset: i, as: UInt8.self))
        case .int8: return UInt32(bitPattern: Int32(base.load(fromByteOffset: i, as: Int8.self)))
        case .uint16: return UInt32(base.littleEndian(at: 2 * i, as: UInt16.self))
        case .int16: return UInt32(bitPattern: Int32(base.littleEndian(at: 2 * i, as: Int16.self)))
        case .int32: return base.littleEndian(at: 4 * i, as: UInt32.self)
        case .int64: return UInt32(truncatingIfNeeded: base.littleEndian(at: 8 * i, as: UInt64.self))
        case .float32:
            return UInt32(clamping: Int64(Float(bitPattern: base.littleEndian(at: 4 * i, as: UInt32.self))))
        case .float64:
            return UInt32(clamping: Int64(Double(bitPattern: base.littleEndian(at: 8 * i, as: UInt64.self))))
        }
    }

    private func documentIndex(_ i: Int) -> Int64 {
        index.base.littleEndian(at: documentsOffset + 8 * i, as: Int64.self)
    }

    // MARK: checks

    /// Checks the fixed header; returns the dtype and counts.
    static func checkHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws
        -> (dtype: TokenDType, sequences: Int, documents: Int) {
        let size = bytes.count
        guard size >= IndexedDatasetFormat.headerSize else {
            throw InputError(file: path, offset: Int64(size),
                             "index ends after \(size) bytes, inside the \(IndexedDatasetFormat.headerSize)-byte header")
        }
        let base = bytes.baseAddress!
        let magic = Array(bytes[0..<IndexedDatasetFormat.magic.count])
        guard magic == IndexedDatasetFormat.magic else {
            if Array(magic.prefix(IndexedDatasetFormat.legacyMagic.count)) == IndexedDatasetFormat.legacyMagic {
                throw InputError(file: path, offset: 0,
                                 "legacy lazy/cached index (magic TNTIDX); only the mmap format (MMIDIDX) is read")
            }
            throw InputError(file: path, offset: 0, "not a Megatron indexed dataset index: magic is \(hex(magic)), "
                             + "expected \(hex(IndexedDatasetFormat.magic)) (\"MMIDIDX\\0\\0\")")
        }
        let version = base.littleEndian(at: IndexedDatasetFormat.versionOffset, as: UInt64.self)
        guard version == IndexedDatasetFormat.version else {
            throw InputError(file: path, offset: Int64(IndexedDatasetFormat.versionOffset),
                             "index version \(version), only version 1 exists")
        }
        let code = base.load(fromByteOffset: IndexedDatasetFormat.dtypeOffset, as: UInt8.self)
        guard let dtype = TokenDType(rawValue: code) else {
            throw InputError(file: path, offset: Int64(IndexedDatasetFormat.dtypeOffset),
                             "unknown dtype code \(code) (known: 1-8)")
        }
        let sequences = base.littleEndian(at: IndexedDatasetFormat.sequenceCountOffset, as: UInt64.self)
        let documentIndexCount = base.littleEndian(at: IndexedDatasetFormat.documentCountOffset, as: UInt64.self)
        guard documentIndexCount >= 1 else {
            throw InputError(file: path, offset: Int64(IndexedDatasetFormat.documentCountOffset),
                             "document index count 0 (it counts a leading 0, so it is at least 1)")
        }
        // Compare sizes without overflow: each count must be below the file size to be possible.
        guard sequences <= UInt64(size), documentIndexCount <= UInt64(size) else {
            throw InputError(file: path, offset: Int64(IndexedDatasetFormat.sequenceCountOffset),
                             "header counts \(sequences) sequences and \(documentIndexCount) document indices, "
                             + "more than a \(size)-byte index can hold")
        }
        let expected = IndexedDatasetFormat.indexSize(sequences: Int(sequences), documents: Int(documentIndexCount) - 1)
        guard size == expected else {
            let extra = size == expected + Int(sequences)
                ? " (the extra bytes would be multimodal sequence modes, which text shards never have)" : ""
            throw InputError(file: path, offset: Int64(min(size, expected)),
                             "index is \(size) bytes; its header (\(sequences) sequences, \(documentIndexCount) "
                             + "document indices) needs exactly \(expected)\(extra)")
        }
        return (dtype, Int(sequences), Int(documentIndexCount) - 1)
    }

    /// Checks lengths, pointers and document indices against each other and the `.bin` size;
    /// returns the element count.
    static func checkBody(_ bytes: UnsafeRawBufferPointer, path: String, dtype: TokenDType, sequences: Int,
                          documentIndexCount: Int, dataSize: Int, dataPath: String) throws -> Int {
        let base = bytes.baseAddress!
        let lengthsOffset = IndexedDatasetFormat.headerSize
        let pointersOffset = lengthsOffset + 4 * sequences
        let documentsOffset = pointersOffset + 8 * sequences
        var expectedPointer = 0
        for s in 0..<sequences {
            let length = base.littleEndian(at: lengthsOffset + 4 * s, as: Int32.self)
            guard length >= 0 else {
                throw InputError(file: path, offset: Int64(lengthsOffset + 4 * s), "sequence \(s) has length \(length)")
            }
            let pointer = base.littleEndian(at: pointersOffset + 8 * s, as: Int64.self)
            guard pointer == Int64(expectedPointer) else {
                throw InputError(file: path, offset: Int64(pointersOffset + 8 * s),
                                 "sequence \(s) starts at byte \(pointer) of the data file, expected \(expectedPointer) "
                                 + "(sequences are stored back to back)")
            }
            expectedPointer += Int(length) * dtype.itemSize
            guard expectedPointer <= dataSize else {
                throw InputError(file: dataPath, offset: Int64(dataSize),
                                 "data file ends after \(dataSize) bytes; sequence \(s) of the index ends at byte \(expectedPointer)")
            }
        }
        guard expectedPointer == dataSize else {
            throw InputError(file: dataPath, offset: Int64(expectedPointer),
                             "data file is \(dataSize) bytes; the index accounts for \(expectedPointer)")
        }
        var previous: Int64 = 0
        for d in 0..<documentIndexCount {
            let at = documentsOffset + 8 * d
            let value = base.littleEndian(at: at, as: Int64.self)
            if d == 0, value != 0 {
                throw InputError(file: path, offset: Int64(at), "document indices start with \(value), expected 0")
            }
            guard value >= previous, value <= Int64(sequences) else {
                throw InputError(file: path, offset: Int64(at),
                                 "document index \(d) is \(value): indices must rise from 0 to \(sequences)")
            }
            previous = value
        }
        guard previous == Int64(sequences) else {
            throw InputError(file: path, offset: Int64(documentsOffset + 8 * (documentIndexCount - 1)),
                             "last document index is \(previous), expected the sequence count \(sequences)")
        }
        return expectedPointer / dtype.itemSize
    }
}

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { b in let s = String(b, radix: 16); return s.count == 1 ? "0" + s : s }.joined(separator: " ")
}
