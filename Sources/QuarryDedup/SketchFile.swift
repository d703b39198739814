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

/// The sketch files of a run's tasks, with documents numbered densely in task order, then key
/// order. Passes over all documents stream the files (`forEachRecord`); the few documents
/// phase 3 looks up one by one (representatives' ids, signatures of candidate pairs) are read
/// with pread, so no sketch file is ever held in memory, mapped or not.
final class SketchCatalog: @unchecked Sendable {
    let directory: String
    let parameters: DedupParameters
    let tasks: [Int]
    let paths: [String]
    /// Documents per task, and the dense number of each task's first document.
    let counts: [Int]
    let bases: [Int]
    let total: Int
    /// XXH64 of the (task, count) list: band and pair files record it, so files built over
    /// other sketches are not mixed in.
    let fingerprint: UInt64
    let recordSize: Int
    /// Bytes of the sketch files.
    let bytesOnDisk: Int64
    private let lock = DedupLock()
    /// Descriptors of files read by `read(task:offset:into:)`, closed with the catalog.
    private var descriptors: [Int: Int32] = [:]

    /// Opens the sketch files of `tasks` in `directory`, checking their parameters: with
    /// `indexOnly`, only those the band hashes depend on.
    init(directory: String, tasks: [Int], parameters: DedupParameters, indexOnly: Bool = false) throws {
        self.directory = directory
        self.tasks = tasks
        var paths: [String] = []
        var counts: [Int] = []
        var found: DedupParameters?
        var fingerprintBytes: [UInt8] = []
        var bytes: Int64 = 0
        for task in tasks {
            let path = DedupWorkDirectory.sketchPath(directory, task: task)
            guard FileInfo.exists(path) else {
                throw InputError(file: path, "no sketches for task \(task): phase 1 (signatures) is not complete")
            }
            let checked = try DedupFileFormat.checkFile(path, kind: .sketches, expected: found ?? parameters,
                                                        indexOnly: indexOnly && found == nil,
                                                        recordSize: SketchRecord.size, blobLength: { $0.b })
            guard checked.number == task else { throw InputError(file: path, "holds the sketches of task \(checked.number), not \(task)") }
            found = checked.parameters
            paths.append(path)
            counts.append(Int(checked.footer.count))
            bytes += FileInfo.size(of: path) ?? 0
            fingerprintBytes.appendLE(UInt64(task))
            fingerprintBytes.appendLE(checked.footer.count)
        }
        self.parameters = found ?? parameters
        self.paths = paths
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
        bytesOnDisk = bytes
    }

    deinit {
        for fd in descriptors.values { close(fd) }
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

    /// Reads `buffer.count` bytes at `offset` of task index `t`'s file.
    private func read(task t: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        let fd: Int32 = try lock.locked {
            if let fd = descriptors[t] { return fd }
            if descriptors.count >= 64 {
                for fd in descriptors.values { close(fd) }
                descriptors.removeAll()
            }
            let fd = open(paths[t], O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw InputError(file: paths[t], "cannot open: \(String(cString: strerror(errno)))") }
            descriptors[t] = fd
            return fd
        }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw InputError(file: paths[t], offset: Int64(offset), "cannot read a sketch record") }
            done += n
        }
    }

    /// The id of document `dense`.
    func id(_ dense: Int) throws -> String {
        let t = taskIndex(of: dense)
        var fixed = [UInt8](repeating: 0, count: SketchRecord.fixedSize)
        let recordOffset = DedupFileKind.headerSize + (dense - bases[t]) * recordSize
        try fixed.withUnsafeMutableBytes { try read(task: t, offset: recordOffset, into: $0) }
        let (start, length) = fixed.withUnsafeBytes { (Int($0.baseAddress!.le64(16)), Int($0.baseAddress!.le32(24))) }
        guard length > 0 else { return "" }
        var id = [UInt8](repeating: 0, count: length)
        let blob = DedupFileKind.headerSize + counts[t] * recordSize
        try id.withUnsafeMutableBytes { try read(task: t, offset: blob + start, into: $0) }
        return String(decoding: id, as: UTF8.self)
    }

    /// Reads `into.count` sketch words of document `dense`, from word `first` on.
    func words(_ dense: Int, from first: Int, into: UnsafeMutableBufferPointer<UInt64>) throws {
        let t = taskIndex(of: dense)
        let offset = DedupFileKind.headerSize + (dense - bases[t]) * recordSize + SketchRecord.fixedSize + 8 * first
        try read(task: t, offset: offset, into: UnsafeMutableRawBufferPointer(into))
        #if _endian(big)
        for i in into.indices { into[i] = UInt64(littleEndian: into[i]) }
        #endif
    }

    /// Calls `body` with the dense number and record of every document of task index `t`, in
    /// order, reading the file in chunks (so a pass over all sketches does not keep them in memory).
    func forEachRecord(task t: Int, chunkBytes: Int = 1 << 20, _ body: (Int, UnsafeRawPointer) throws -> Void) throws {
        let path = paths[t]
        let reader = try FileReader(path: path, offset: Int64(DedupFileKind.headerSize))
        let perChunk = max(1, chunkBytes / recordSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: perChunk * recordSize, alignment: 8)
        defer { buffer.deallocate() }
        var done = 0
        while done < counts[t] {
            let want = min(perChunk, counts[t] - done) * recordSize
            try DedupFileFormat.readFully(reader, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            let records = want / recordSize
            for i in 0..<records { try body(bases[t] + done + i, UnsafeRawPointer(buffer.baseAddress! + i * recordSize)) }
            done += records
        }
    }
}
