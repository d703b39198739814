// External merge sort of fixed-size records within a memory budget (Knuth, TAOCP vol. 3
// §5.4: sorted runs, then a k-way merge with a heap). Phase 2 of dedup sorts (band hash,
// document) entries this way: records gather in a buffer that never exceeds the budget; a
// full buffer is sorted and spilled to a run file; at the end the runs are merged through a
// heap, each read through its own slice of the budget. When there are more runs than slices
// of at least 64 KiB fit in the budget, runs are first merged in groups into longer runs.
// Records are unique (each carries its document number), so the order is total and the output
// is the same bytes whatever the budget.
#if canImport(Glibc)
import Glibc
#endif
import QuarryCore
import QuarryIO

/// A fixed-size little-endian record the external sorter can sort.
protocol SortRecord: Comparable, Sendable {
    static var byteSize: Int { get }
    init(loadingFrom p: UnsafeRawPointer)
    func store(to p: UnsafeMutableRawPointer)
    /// Whether the two records share a bucket (same hash, any document).
    func hasSameKey(as other: Self) -> Bool
    /// Whether this record's key sorts before `other`'s (documents aside).
    func keyPrecedes(_ other: Self) -> Bool
    var document: UInt32 { get }
}

/// One document in one MinHash band: 12 bytes on disk (hash u64, document u32).
struct BandEntry: SortRecord {
    var hash: UInt64
    var document: UInt32

    static var byteSize: Int { 12 }
    init(hash: UInt64, document: UInt32) {
        self.hash = hash
        self.document = document
    }
    init(loadingFrom p: UnsafeRawPointer) {
        hash = p.le64(0)
        document = p.le32(8)
    }
    func store(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: hash.littleEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: document.littleEndian, toByteOffset: 8, as: UInt32.self)
    }
    func hasSameKey(as other: BandEntry) -> Bool { hash == other.hash }
    func keyPrecedes(_ other: BandEntry) -> Bool { hash < other.hash }
    static func < (a: BandEntry, b: BandEntry) -> Bool {
        a.hash != b.hash ? a.hash < b.hash : a.document < b.document
    }
}

/// One document's exact-dedup hash: 20 bytes on disk (high u64, low u64, document u32).
struct ExactEntry: SortRecord {
    var high: UInt64
    var low: UInt64
    var document: UInt32

    static var byteSize: Int { 20 }
    init(high: UInt64, low: UInt64, document: UInt32) {
        self.high = high
        self.low = low
        self.document = document
    }
    init(loadingFrom p: UnsafeRawPointer) {
        high = p.le64(0)
        low = p.le64(8)
        document = p.le32(16)
    }
    func store(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: high.littleEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: low.littleEndian, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: document.littleEndian, toByteOffset: 16, as: UInt32.self)
    }
    func hasSameKey(as other: ExactEntry) -> Bool { high == other.high && low == other.low }
    func keyPrecedes(_ other: ExactEntry) -> Bool { high != other.high ? high < other.high : low < other.low }
    static func < (a: ExactEntry, b: ExactEntry) -> Bool {
        if a.high != b.high { return a.high < b.high }
        if a.low != b.low { return a.low < b.low }
        return a.document < b.document
    }
}

/// A candidate pair of documents (phase 2 → 3): 8 bytes on disk (first u32, second u32).
struct PairEntry: SortRecord {
    var first: UInt32
    var second: UInt32

    static var byteSize: Int { 8 }
    init(first: UInt32, second: UInt32) {
        self.first = first
        self.second = second
    }
    init(loadingFrom p: UnsafeRawPointer) {
        first = p.le32(0)
        second = p.le32(4)
    }
    func store(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: first.littleEndian, toByteOffset: 0, as: UInt32.self)
        p.storeBytes(of: second.littleEndian, toByteOffset: 4, as: UInt32.self)
    }
    var document: UInt32 { first }
    func hasSameKey(as other: PairEntry) -> Bool { first == other.first }
    func keyPrecedes(_ other: PairEntry) -> Bool { first < other.first }
    static func < (a: PairEntry, b: PairEntry) -> Bool { a.first != b.first ? a.first < b.first : a.second < b.second }
}

/// Sorts records within `memoryBytes`, spilling sorted runs next to `runPrefix`.
final class ExternalSorter<R: SortRecord> {
    private let budget: Int
    private let runPrefix: String
    /// Records the buffer may hold: the whole budget.
    private let limit: Int
    private var buffer: UnsafeMutableBufferPointer<R>
    private var filled = 0
    private var runs: [(path: String, count: Int)] = []
    private var runNumber = 0
    /// Most bytes the sorter held at once (buffer, or merge buffers).
    private(set) var peakBytes = 0
    /// Runs spilled to disk (0: sorted in memory).
    var runCount: Int { runNumber }

    /// The smallest read buffer per run in a merge (below it, runs are merged in groups first).
    static var minimumMergeBuffer: Int { 64 << 10 }

    init(memoryBytes: Int, runPrefix: String) {
        budget = max(memoryBytes, 4 * R.byteSize)
        self.runPrefix = runPrefix
        limit = max(4, budget / MemoryLayout<R>.stride)
        buffer = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    deinit {
        buffer.deallocate()
        for run in runs { unlink(run.path) }
    }

    func add(_ record: R) throws {
        if filled == buffer.count { try makeRoom() }
        buffer[filled] = record
        filled += 1
    }

    /// Grows the buffer (old and new together within the budget) or spills it.
    private func makeRoom() throws {
        let grown = min(max(1024, buffer.count * 2), limit - buffer.count)
        if grown > buffer.count {
            let bigger = UnsafeMutableBufferPointer<R>.allocate(capacity: grown)
            if filled > 0 { _ = bigger.initialize(from: buffer[0..<filled]) }
            peakBytes = max(peakBytes, (buffer.count + grown) * MemoryLayout<R>.stride)
            buffer.deallocate()
            buffer = bigger
            return
        }
        try spill()
    }

    private func spill() throws {
        var part = UnsafeMutableBufferPointer(rebasing: buffer[0..<filled])
        part.sort()
        let path = "\(runPrefix).run-\(runNumber).tmp"
        runNumber += 1
        let writer = try RunWriter(path: path, recordSize: R.byteSize)
        for i in 0..<filled { try writer.append { buffer[i].store(to: $0) } }
        try writer.finish()
        runs.append((path, filled))
        filled = 0
    }

    /// Hands every record to `consume` in sorted order, then frees everything.
    func finish(_ consume: (R) throws -> Void) throws {
        if runs.isEmpty {
            var sorted = UnsafeMutableBufferPointer(rebasing: buffer[0..<filled])
            sorted.sort()
            for r in sorted { try consume(r) }
            buffer.deallocate()
            buffer = UnsafeMutableBufferPointer(start: nil, count: 0)
            filled = 0
            return
        }
        if filled > 0 { try spill() }
        buffer.deallocate()
        buffer = UnsafeMutableBufferPointer(start: nil, count: 0)
        let fanIn = max(2, budget / Self.minimumMergeBuffer - 1)
        while runs.count > fanIn {
            let group = Array(runs.prefix(fanIn))
            runs.removeFirst(fanIn)
            let path = "\(runPrefix).run-\(runNumber).tmp"
            runNumber += 1
            let writer = try RunWriter(path: path, recordSize: R.byteSize)
            try merge(group) { r in try writer.append { r.store(to: $0) } }
            try writer.finish()
            runs.append((path, group.reduce(0) { $0 + $1.count }))
        }
        let last = runs
        runs = []
        try merge(last, consume)
    }

    /// Merges sorted run files, deleting them afterwards.
    private func merge(_ group: [(path: String, count: Int)], _ consume: (R) throws -> Void) throws {
        let slice = max(R.byteSize, budget / (group.count + 1) / R.byteSize * R.byteSize)
        peakBytes = max(peakBytes, slice * group.count)
        let readers = try group.map { try RunReader<R>(path: $0.path, count: $0.count, bufferBytes: slice) }
        defer { for run in group { unlink(run.path) } }
        // Binary min-heap of (record, reader).
        var heap: [(R, Int)] = []
        heap.reserveCapacity(readers.count)
        for (i, reader) in readers.enumerated() {
            if let r = try reader.next() { heap.append((r, i)) }
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, heap[l].0 < heap[m].0 { m = l }
                if r < heap.count, heap[r].0 < heap[m].0 { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first {
            try consume(top.0)
            if let next = try readers[top.1].next() {
                heap[0] = (next, top.1)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}

/// Writes raw records to a scratch file (no header: runs live only inside one sort).
final class RunWriter {
    private let fd: Int32
    private let path: String
    private let recordSize: Int
    private var staging: UnsafeMutableRawBufferPointer
    private var used = 0

    init(path: String, recordSize: Int) throws {
        self.path = path
        self.recordSize = recordSize
        try Directories.create(parentOf: path)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, "cannot create: \(String(cString: strerror(errno)))") }
        staging = .allocate(byteCount: max(recordSize, (1 << 16) / recordSize * recordSize), alignment: 8)
    }

    deinit {
        staging.deallocate()
        if fd >= 0 { Glibc.close(fd) }
    }

    @inline(__always) func append(_ store: (UnsafeMutableRawPointer) -> Void) throws {
        if used + recordSize > staging.count { try flush() }
        store(staging.baseAddress! + used)
        used += recordSize
    }

    private func flush() throws {
        var done = 0
        while done < used {
            let n = write(fd, staging.baseAddress! + done, used - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "write failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        used = 0
    }

    /// Writes out what is staged (the file is closed when the writer goes).
    func finish() throws {
        try flush()
    }
}

/// Reads `count` records of a sorted run (or any file of records from `offset`) through a buffer.
final class RunReader<R: SortRecord> {
    private let reader: FileReader
    private let buffer: UnsafeMutableRawBufferPointer
    private var remaining: Int
    private var available = 0
    private var position = 0

    init(path: String, count: Int, bufferBytes: Int, offset: Int64 = 0) throws {
        reader = try FileReader(path: path, offset: offset)
        remaining = count
        buffer = .allocate(byteCount: max(R.byteSize, bufferBytes / R.byteSize * R.byteSize), alignment: 8)
    }

    deinit { buffer.deallocate() }

    func next() throws -> R? {
        if position == available {
            guard remaining > 0 else { return nil }
            let want = min(buffer.count / R.byteSize, remaining) * R.byteSize
            var filled = 0
            while filled < want {
                let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<want]))
                guard n > 0 else { throw InputError(file: reader.path, "ends inside its records (truncated?)") }
                filled += n
            }
            available = want
            position = 0
            remaining -= want / R.byteSize
        }
        let r = R(loadingFrom: buffer.baseAddress! + position)
        position += R.byteSize
        return r
    }
}
