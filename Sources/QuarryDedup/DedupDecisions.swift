// The decisions of phase 3 for one task, `decisions/task-NNNNNN.dec`, and the cache phase 4's
// worker threads share to read them. Only documents in a cluster of two or more are listed;
// a document not listed is unique and kept as it is.
//
// Layout (DedupFileFormat.swift for header and footer; magic QDDECIDE; number = task): records
// sorted by key, 24 bytes each: key u64 (CorpusKey) · cluster size u32 · flags u32 (bit 0: the
// document is its cluster's representative) · representative id offset u32 · id length u32
// (into the blob; 0, 0 for a representative) · then the blob of representative ids, UTF-8;
// footer (records, blob offset, blob length).
import QuarryCore
import QuarryIO

/// What phase 3 decided for one document of a cluster of two or more.
public struct DedupDecision: Equatable, Sendable {
    public var clusterSize: Int
    /// The id of the document kept for the cluster; nil when this document is that one.
    public var representative: String?
}

enum DecisionRecord {
    static let size = 24
    static let representativeFlag: UInt32 = 1
}

/// Writes one task's decisions (keys ascending); the file appears only on commit.
final class DecisionFileWriter {
    private let out: BinaryOut
    private var ids: [UInt8] = []
    private var count: UInt64 = 0

    init(path: String, parameters: DedupParameters, task: Int) throws {
        out = try BinaryOut(path: path)
        try out.bytes(DedupFileFormat.header(.decisions, parameters: parameters, number: task))
    }

    func append(key: UInt64, clusterSize: Int, representative: String?) throws {
        try out.u64(key)
        try out.u32(UInt32(clamping: clusterSize))
        if let representative {
            let bytes = Array(representative.utf8)
            try out.u32(0)
            try out.u32(UInt32(ids.count))
            try out.u32(UInt32(bytes.count))
            ids.append(contentsOf: bytes)
        } else {
            try out.u32(DecisionRecord.representativeFlag)
            try out.u32(0)
            try out.u32(0)
        }
        count += 1
    }

    func commit() throws {
        let blobOffset = UInt64(out.offset)
        try out.bytes(ids)
        try out.bytes(DedupFileFormat.footer(.decisions, DedupFooter(count: count, a: blobOffset, b: UInt64(ids.count))))
        try out.commit()
    }

    func abort() { out.abort() }
}

/// The decisions of one task, looked up by key.
struct TaskDecisions: Sendable {
    var keys: [UInt64] = []
    var decisions: [DedupDecision] = []

    /// The decision for `key`, or nil when the document is unique.
    func decision(for key: CorpusKey) -> DedupDecision? {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key.rawValue { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key.rawValue ? decisions[lo] : nil
    }

    /// Reads and checks a decision file.
    static func read(path: String, parameters: DedupParameters, task: Int) throws -> TaskDecisions {
        guard FileInfo.exists(path) else {
            throw InputError(file: path, "no dedup decisions for task \(task): phase 3 (clusters) did not cover this task")
        }
        let file = try MappedFile(path: path, randomAccess: true)
        let (_, number, footer) = try DedupFileFormat.check(file.bytes, path: path, kind: .decisions, expected: parameters,
                                                           recordSize: { _ in DecisionRecord.size }, blobLength: { $0.b })
        guard number == task else { throw InputError(file: path, "holds the decisions of task \(number), not \(task)") }
        let base = file.bytes.baseAddress! + DedupFileKind.headerSize
        let count = Int(footer.count)
        let blob = base + count * DecisionRecord.size
        var result = TaskDecisions()
        result.keys.reserveCapacity(count)
        result.decisions.reserveCapacity(count)
        for i in 0..<count {
            let r = base + i * DecisionRecord.size
            let key = r.le64(0)
            if let last = result.keys.last, key <= last { throw InputError(file: path, "damaged dedup file: keys out of order") }
            var representative: String?
            if r.le32(12) & DecisionRecord.representativeFlag == 0 {
                let start = Int(r.le32(16)), length = Int(r.le32(20))
                guard UInt64(start + length) <= footer.b else { throw InputError(file: path, "damaged dedup file: id out of its blob") }
                representative = String(decoding: UnsafeRawBufferPointer(start: blob + start, count: length), as: UTF8.self)
            }
            result.keys.append(key)
            result.decisions.append(DedupDecision(clusterSize: Int(r.le32(8)), representative: representative))
        }
        return result
    }
}

/// The decisions of the few tasks being filtered now, loaded on first use and shared by the
/// worker threads of phase 4 (a task's batches usually go to one worker in order, so a small
/// cache of recently used tasks holds the ones in flight).
final class DecisionCache: @unchecked Sendable {
    let directory: String
    let parameters: DedupParameters
    /// Tasks kept at most; the least recently used goes first.
    let capacity: Int
    private let lock = DedupLock()
    private var entries: [(task: Int, decisions: TaskDecisions)] = []

    init(directory: String, parameters: DedupParameters, capacity: Int = 4) {
        self.directory = directory
        self.parameters = parameters
        self.capacity = max(1, capacity)
    }

    func decisions(task: Int) throws -> TaskDecisions {
        if let hit = lock.locked({ () -> TaskDecisions? in
            guard let i = entries.firstIndex(where: { $0.task == task }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.decisions
        }) {
            return hit
        }
        // Read outside the lock; two threads may read the same task once each.
        let loaded = try TaskDecisions.read(path: DedupWorkDirectory.decisionsPath(directory, task: task),
                                            parameters: parameters, task: task)
        lock.locked {
            if !entries.contains(where: { $0.task == task }) {
                entries.append((task, loaded))
                if entries.count > capacity { entries.removeFirst() }
            }
        }
        return loaded
    }

    /// Tasks held now (for tests).
    var cachedTasks: [Int] { lock.locked { entries.map(\.task) } }
}
