// Writes one Megatron-LM indexed dataset (PREFIX.bin + PREFIX.idx, layout in
// IndexedDatasetFormat.swift). Quarry writes one sequence per document, which is what
// megatron-core's `IndexedDatasetBuilder.add_document(ids, [len(ids)])` and
// `tools/preprocess_data.py` (without --split-sentences) produce; the files are byte-identical
// to that builder's output for the same ids (checked by scripts/reference/megatron_read.py).
// Both files are written under temporary names and renamed by `finish()` (DESIGN.md §5).
import QuarryCore
import QuarryIO

/// Appends documents to PREFIX.bin and keeps the index in memory until `finish()`.
public struct IndexedDatasetWriter {
    public let prefix: String
    public let dtype: TokenDType
    /// Sequences written so far.
    public var sequenceCount: Int { lengths.count }
    /// Documents ended so far.
    public var documentCount: Int { documentIndices.count - 1 }
    /// Elements (tokens, mask values) written so far.
    public private(set) var elementCount: Int = 0

    private let data: AtomicFile
    private var lengths: [Int32] = []
    private var documentIndices: [Int64] = [0]
    private var scratch: [UInt8] = []
    private var finished = false

    /// Elements converted per write call, so a long document is converted in bounded memory.
    private static let chunkElements = 1 << 16

    /// Starts PREFIX.bin (as a temporary file); PREFIX.idx is written by `finish()`.
    public init(prefix: String, dtype: TokenDType) throws {
        self.prefix = prefix
        self.dtype = dtype
        data = try AtomicFile(path: IndexedDatasetFormat.dataPath(prefix: prefix))
    }

    /// Appends one document made of one sequence. Throws when an id does not fit the dtype.
    public mutating func append(_ tokens: UnsafeBufferPointer<UInt32>) throws {
        try appendSequence(tokens)
        endDocument()
    }

    /// Appends one document made of one sequence.
    public mutating func append(_ tokens: [UInt32]) throws {
        try tokens.withUnsafeBufferPointer { try append($0) }
    }

    /// Appends one sequence to the current document (call `endDocument()` after its last one).
    public mutating func appendSequence(_ tokens: UnsafeBufferPointer<UInt32>) throws {
        try checkLength(tokens.count)
        var start = 0
        while start < tokens.count {
            let end = min(tokens.count, start + Self.chunkElements)
            try convert(UnsafeBufferPointer(rebasing: tokens[start..<end]), offset: start)
            try scratch.withUnsafeBytes { try data.write($0) }
            start = end
        }
        lengths.append(Int32(tokens.count))
        elementCount += tokens.count
    }

    /// Appends one sequence given as elements already encoded in this writer's dtype
    /// (little-endian), e.g. copied from another data set by `shards merge` or mixing.
    public mutating func appendSequence(rawElements bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count % dtype.itemSize == 0 else {
            throw ConfigError("\(bytes.count) bytes are not a whole number of \(dtype.name) elements",
                              file: IndexedDatasetFormat.dataPath(prefix: prefix))
        }
        let count = bytes.count / dtype.itemSize
        try checkLength(count)
        try data.write(bytes)
        lengths.append(Int32(count))
        elementCount += count
    }

    /// Appends a loss mask (values 0 or 1) as one document; the writer's dtype must be uint8.
    public mutating func append(mask: UnsafeBufferPointer<UInt8>) throws {
        guard dtype == .uint8 else {
            throw ConfigError("a mask goes to a uint8 data set, not \(dtype.name)",
                              file: IndexedDatasetFormat.dataPath(prefix: prefix))
        }
        try appendSequence(rawElements: UnsafeRawBufferPointer(mask))
        endDocument()
    }

    /// Ends the current document: the sequences appended since the last call form it.
    public mutating func endDocument() {
        documentIndices.append(Int64(lengths.count))
    }

    /// Writes PREFIX.idx and renames both files to their final names. A document left open
    /// (sequences without `endDocument()`) is ended first.
    public mutating func finish() throws {
        guard !finished else { return }
        if documentIndices.last! != Int64(lengths.count) { endDocument() }
        let index = IndexedDatasetWriter.index(dtype: dtype, lengths: lengths, documentIndices: documentIndices)
        let indexFile = try AtomicFile(path: IndexedDatasetFormat.indexPath(prefix: prefix))
        try index.withUnsafeBytes { try indexFile.write($0) }
        try data.commit()
        try indexFile.commit()
        finished = true
    }

    /// The bytes of an index (header, lengths, pointers, document indices).
    static func index(dtype: TokenDType, lengths: [Int32], documentIndices: [Int64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(IndexedDatasetFormat.indexSize(sequences: lengths.count, documents: documentIndices.count - 1))
        out.append(contentsOf: IndexedDatasetFormat.magic)
        out.appendLittleEndian(IndexedDatasetFormat.version)
        out.append(dtype.rawValue)
        out.appendLittleEndian(UInt64(lengths.count))
        out.appendLittleEndian(UInt64(documentIndices.count))
        for length in lengths { out.appendLittleEndian(length) }
        var pointer: Int64 = 0
        for length in lengths {
            out.appendLittleEndian(pointer)
            pointer += Int64(length) * Int64(dtype.itemSize)
        }
        for index in documentIndices { out.appendLittleEndian(index) }
        return out
    }

    private func checkLength(_ count: Int) throws {
        guard count <= Int(Int32.max) else {
            throw ConfigError("a sequence of \(count) elements is longer than the format's int32 length field",
                              file: IndexedDatasetFormat.dataPath(prefix: prefix))
        }
        guard !finished else {
            throw ConfigError("data set already finished", file: IndexedDatasetFormat.dataPath(prefix: prefix))
        }
    }

    /// Converts `tokens` into `scratch` as little-endian elements of the dtype.
    private mutating func convert(_ tokens: UnsafeBufferPointer<UInt32>, offset: Int) throws {
        let limit = dtype.maximumID
        for (i, id) in tokens.enumerated() where id > limit {
            throw ConfigError("token \(offset + i) of sequence \(lengths.count) is id \(id), which does not fit \(dtype.name) "
                              + "(largest \(limit)); choose the dtype from the vocabulary size",
                              file: IndexedDatasetFormat.dataPath(prefix: prefix))
        }
        let itemSize = dtype.itemSize
        let dtype = self.dtype
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: tokens.count * itemSize))
        scratch.withUnsafeMutableBytes { out in
            let base = out.baseAddress!
            switch dtype {
            case .uint8, .int8:
                for (i, id) in tokens.enumerated() { base.storeBytes(of: UInt8(id), toByteOffset: i, as: UInt8.self) }
            case .uint16, .int16:
                for (i, id) in tokens.enumerated() {
                    base.storeBytes(of: UInt16(id).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
                }
            case .int32:
                for (i, id) in tokens.enumerated() { base.storeBytes(of: id.littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
            case .int64:
                for (i, id) in tokens.enumerated() {
                    base.storeBytes(of: UInt64(id).littleEndian, toByteOffset: 8 * i, as: UInt64.self)
                }
            case .float32:
                for (i, id) in tokens.enumerated() {
                    base.storeBytes(of: Float(id).bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                }
            case .float64:
                for (i, id) in tokens.enumerated() {
                    base.storeBytes(of: Double(id).bitPattern.littleEndian, toByteOffset: 8 * i, as: UInt64.self)
                }
            }
        }
    }
}
