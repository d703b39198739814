// Phase 1 of a dedup stage (CorpusIndex.swift): the sketches of one task's documents, in key
// order, in one file `sketches/task-NNNNNN.sk` of the stage's work directory, and the catalog
// that numbers the documents of all sketch files densely (task order, then key order) for
// phases 2 and 3.
//
// Layout (DedupFileFormat.swift for header and footer; magic QDSKETCH): after the header,
// one record per document of 32 + 8 × width bytes:
//   key u64 (CorpusKey) · prefer f64 (bit pattern; NaN when absent) · id offset u64 (in the
//   id blob) · id length u32 · flags u32 (bit 0: has a sketch) · width × u64 sketch words
// then the UTF-8 ids one after the other; footer (count, blob offset, blob length).
// Sketch words: MinHash: the b band hashes, then the full signature (b × r values) when
// the stage verifies candidates against a threshold; exact: the 128-bit hash as low, high.
// A document with no shingle has no sketch (flag clear, words zero) and is never a MinHash
// duplicate.
#if canImport(Glibc)
import Glibc
#endif
import QuarryCore
import QuarryIO
import QuarryText

/// What phase 1 learns from one batch: per document, its key, prefer value, id and sketch.
public struct DedupSketches: Sendable {
    /// UInt64 words per document in `words`.
    public var width: Int
    public var keys: [CorpusKey] = []
    public var prefer: [Double] = []
    public var ids: [String] = []
    public var hasSketch: [Bool] = []
    /// `width` words per document, zeros for a document without a sketch.
    public var words: [UInt64] = []

    public init(width: Int, capacity: Int = 0) {
        self.width = width
        keys.reserveCapacity(capacity)
        prefer.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        hasSketch.reserveCapacity(capacity)
        words.reserveCapacity(capacity * width)
    }

    public var count: Int { keys.count }
}

enum SketchRecord {
    static let fixedSize = 32
    static func size(_ params: DedupParameters) -> Int { fixedSize + 8 * params.sketchWidth }
    static let hasSketchFlag: UInt32 = 1
}

/// Writes one task's sketch file; the file appears under its final name only on commit.
public final class SketchFileWriter: CorpusSketchWriter {
    public typealias Sketches = DedupSketches
    private let out: BinaryOut
    private let params: DedupParameters
    private var ids: [UInt8] = []
    private var count: UInt64 = 0
    private var lastKey: UInt64?

    init(path: String, parameters: DedupParameters, task: Int) throws {
        params = parameters
        out = try BinaryOut(path: path)
        try out.bytes(DedupFileFormat.header(.sketches, parameters: parameters, number: task))
    }

    public func append(_ sketches: DedupSketches) throws {
        guard sketches.width == params.sketchWidth, sketches.words.count == sketches.count * sketches.width else {
            throw InputError(file: out.file.finalPath, "sketches of width \(sketches.width) given to a file of width \(params.sketchWidth)")
        }
        for i in 0..<sketches.count {
            let key = sketches.keys[i].rawValue
            if let lastKey, key <= lastKey {
                throw InputError(file: out.file.finalPath, "sketches out of key order: \(sketches.keys[i]) after \(CorpusKey(rawValue: lastKey))")
            }
            lastKey = key
            let id = sketches.ids[i].utf8
            try out.u64(key)
            try out.u64(sketches.prefer[i].bitPattern)
            try out.u64(UInt64(ids.count))
            try out.u32(UInt32(truncatingIfNeeded: id.count))
            try out.u32(sketches.hasSketch[i] ? SketchRecord.hasSketchFlag : 0)
            for w in 0..<sketches.width { try out.u64(sketches.words[i * sketches.width + w]) }
            ids.append(contentsOf: id)
            count += 1
        }
    }

    public func commit() throws {
        let blobOffset = UInt64(out.offset)
        try out.bytes(ids)
        try out.bytes(DedupFileFormat.footer(.sketches, DedupFooter(count: count, a: blobOffset, b: UInt64(ids.count))))
        try out.commit()
    }

    public func abort() { out.abort() }
}

/// The sketch files of a run's tasks, with documents numbered densely in task order, then key order.
final class SketchCatalog: @unchecked Sendable {
    let directory: String
    let parameters: DedupParameters
    let tasks: [Int]
    let files: [MappedFile]
    /// Documents per task, and the dense number of each task's first document.
    let counts: [Int]
    let bases: [Int]
    let total: Int
    /// XXH64 of the (task, count) list: band and pair files record it, so files built over
    /// other sketches are not mixed in.
    let fingerprint: UInt64
    let recordSize: Int

    /// Opens the sketch files of `tasks` in `directory`, checking their parameters: with
    /// `indexOnly`, only those the band hashes depend on.
    init(directory: String, tasks: [Int], parameters: DedupParameters, indexOnly: Bool = false) throws {
        self.directory = directory
        self.tasks = tasks
        var files: [MappedFile] = []
        var counts: [Int] = []
        var found: DedupParameters?
        var fingerprintBytes: [UInt8] = []
        for task in tasks {
            let path = DedupWorkDirectory.sketchPath(directory, task: task)
            guard FileInfo.exists(path) else {
                throw InputError(file: path, "no sketches for task \(task): phase 1 (signatures) is not complete")
            }
            let file = try MappedFile(path: path)
            let (params, number, footer) = try DedupFileFormat.check(
                file.bytes, path: path, kind: .sketches, expected: found ?? parameters, indexOnly: indexOnly && found == nil,
                recordSize: SketchRecord.size, blobLength: { $0.b })
            guard number == task else { throw InputError(file: path, "holds the sketches of task \(number), not \(task)") }
            found = params
            files.append(file)
            counts.append(Int(footer.count))
            fingerprintBytes.appendLE(UInt64(task))
            fingerprintBytes.appendLE(footer.count)
        }
        self.parameters = found ?? parameters
        self.files = files
        self.counts = counts
        var bases: [Int] = []
        var total = 0
        for c in counts {
            bases.append(total)
            total += c
        }
        self.bases = bases
        self.total = total
        self.fingerprint = StableHash.xxh64(fingerprintBytes)
        recordSize = SketchRecord.size(self.parameters)
    }

    /// The record of document `dense`.
    @inline(__always) func record(_ dense: Int) -> UnsafeRawPointer {
        let t = taskIndex(of: dense)
        return files[t].bytes.baseAddress! + DedupFileKind.headerSize + (dense - bases[t]) * recordSize
    }

    /// The index in `tasks` of the task holding document `dense`.
    func taskIndex(of dense: Int) -> Int {
        var lo = 0, hi = bases.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if bases[mid] <= dense { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func key(_ dense: Int) -> UInt64 { record(dense).le64(0) }
    func prefer(_ dense: Int) -> Double { Double(bitPattern: record(dense).le64(8)) }
    func hasSketch(_ dense: Int) -> Bool { record(dense).le32(28) & SketchRecord.hasSketchFlag != 0 }

    func id(_ dense: Int) -> String {
        let t = taskIndex(of: dense)
        let file = files[t].bytes
        let r = file.baseAddress! + DedupFileKind.headerSize + (dense - bases[t]) * recordSize
        let blob = DedupFileKind.headerSize + counts[t] * recordSize
        let start = blob + Int(r.le64(16)), length = Int(r.le32(24))
        guard start + length <= file.count - DedupFileKind.footerSize else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: file[start..<start + length]), as: UTF8.self)
    }

    /// The sketch words of document `dense`.
    func words(_ dense: Int) -> UnsafePointer<UInt64>? {
        // Records start at 64 + k × (32 + 8w): always 8-byte aligned in a page-aligned mapping.
        (record(dense) + SketchRecord.fixedSize).assumingMemoryBound(to: UInt64.self)
    }

    /// Calls `body` with the dense number and record of every document of task index `t`, in
    /// order, reading the file in chunks (so a pass over all sketches does not keep them in memory).
    func forEachRecord(task t: Int, chunkBytes: Int = 1 << 20, _ body: (Int, UnsafeRawPointer) throws -> Void) throws {
        let path = files[t].path
        let reader = try FileReader(path: path, offset: Int64(DedupFileKind.headerSize))
        let perChunk = max(1, chunkBytes / recordSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: perChunk * recordSize, alignment: 8)
        defer { buffer.deallocate() }
        var done = 0
        while done < counts[t] {
            let want = min(perChunk, counts[t] - done) * recordSize
            var filled = 0
            while filled < want {
                let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<want]))
                guard n > 0 else { throw InputError(file: path, "damaged dedup file: ends inside its records") }
                filled += n
            }
            let records = want / recordSize
            for i in 0..<records { try body(bases[t] + done + i, UnsafeRawPointer(buffer.baseAddress! + i * recordSize)) }
            done += records
        }
    }

    /// Bytes of the sketch files.
    var bytesOnDisk: Int64 { files.reduce(0) { $0 + Int64($1.bytes.count) } }
}
