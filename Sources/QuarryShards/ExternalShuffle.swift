// A global shuffle of document references that need not fit in memory (issue 8 item 6): the
// two-pass "random buckets" shuffle (Sanders 1998, "Random permutations on distributed,
// external and hierarchical memory"). Every reference carries a 64-bit random key; pass 1
// appends it to the bucket file that holds its key range, pass 2 loads one bucket at a time,
// sorts it by (key, reference) and hands it on. Because buckets are key ranges, the output is
// exactly "all references sorted by key": the same order whatever the bucket count (memory
// budget), the number of workers writing buckets, or the order in which they wrote. Memory is
// the largest bucket (16 bytes a reference) plus the write buffers.
//
// On disk a bucket is one or more files `bucket_BBBBB.wWWW` (one per writer), each a plain
// array of little-endian (key u64, reference u64) pairs.

#if canImport(Glibc)
import Glibc
#endif
import QuarryCore

/// One shuffled item: a random key and the reference it orders.
public struct ShuffleRecord: Sendable, Hashable, Comparable {
    public var key: UInt64
    public var reference: UInt64
    public init(key: UInt64, reference: UInt64) { self.key = key; self.reference = reference }
    public static func < (a: ShuffleRecord, b: ShuffleRecord) -> Bool {
        a.key != b.key ? a.key < b.key : a.reference < b.reference
    }
    static let byteSize = 16
}

/// The bucket files of one shuffle.
public struct ExternalShuffle: Sendable {
    public let directory: String
    public let bucketCount: Int

    /// Loaded buckets are expected to stay under the budget with this headroom: bucket sizes
    /// vary by a few standard deviations around the mean, so the mean is aimed at 1/1.25.
    static let headroom = 1.25

    /// Buckets needed for `records` references within `memoryBytes` (at least 1, at most 65,536).
    public static func bucketCount(records: Int, memoryBytes: Int) -> Int {
        let bytes = Double(records) * Double(ShuffleRecord.byteSize) * headroom
        return max(1, min(65536, Int((bytes / Double(max(memoryBytes, 1 << 12))).rounded(.up))))
    }

    public init(directory: String, bucketCount: Int) {
        self.directory = directory
        self.bucketCount = max(1, bucketCount)
    }

    /// The bucket of a key: its key range.
    @inline(__always)
    public func bucket(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(bucketCount)).high)
    }

    func path(bucket: Int, writer: Int) -> String {
        directory + "/bucket_" + Self.padded(bucket, 5) + ".w" + Self.padded(writer, 3)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Appends references to bucket files; one writer per worker, each with its own files.
    public final class Writer {
        let shuffle: ExternalShuffle
        let index: Int
        var buffer: [ShuffleRecord] = []
        let capacity: Int
        public private(set) var written = 0

        /// - Parameter bufferRecords: references held before they are spilled to the bucket files.
        public init(_ shuffle: ExternalShuffle, index: Int, bufferRecords: Int) {
            self.shuffle = shuffle
            self.index = index
            capacity = max(1024, bufferRecords)
            buffer.reserveCapacity(capacity)
        }

        @inline(__always)
        public func add(key: UInt64, reference: UInt64) throws {
            buffer.append(ShuffleRecord(key: key, reference: reference))
            if buffer.count >= capacity { try flush() }
        }

        /// Spills the buffer: records grouped by bucket (counting sort), each group appended to its file.
        public func flush() throws {
            guard !buffer.isEmpty else { return }
            let buckets = shuffle.bucketCount
            var starts = [Int](repeating: 0, count: buckets + 1)
            for record in buffer { starts[shuffle.bucket(of: record.key) + 1] += 1 }
            for b in 0..<buckets { starts[b + 1] += starts[b] }
            var next = starts
            var bytes = [UInt8](repeating: 0, count: buffer.count * ShuffleRecord.byteSize)
            bytes.withUnsafeMutableBytes { raw in
                for record in buffer {
                    let b = shuffle.bucket(of: record.key)
                    let at = next[b] * ShuffleRecord.byteSize
                    raw.storeBytes(of: record.key.littleEndian, toByteOffset: at, as: UInt64.self)
                    raw.storeBytes(of: record.reference.littleEndian, toByteOffset: at + 8, as: UInt64.self)
                    next[b] += 1
                }
            }
            for b in 0..<buckets where starts[b + 1] > starts[b] {
                let path = shuffle.path(bucket: b, writer: index)
                try bytes.withUnsafeBytes { raw in
                    let slice = UnsafeRawBufferPointer(rebasing: raw[(starts[b] * ShuffleRecord.byteSize)..<(starts[b + 1] * ShuffleRecord.byteSize)])
                    try Self.append(slice, to: path)
                }
            }
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        static func append(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw InputError(file: path, "cannot open shuffle bucket: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: path, offset: Int64(done), "cannot write shuffle bucket: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }

    /// The references of one bucket in their final order (sorted by key, then reference),
    /// reading the files of writers `0..<writers`.
    public func load(bucket: Int, writers: Int) throws -> [ShuffleRecord] {
        var records: [ShuffleRecord] = []
        for writer in 0..<writers {
            let path = self.path(bucket: bucket, writer: writer)
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT { continue }
                throw InputError(file: path, "cannot open shuffle bucket: \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw InputError(file: path, "cannot stat shuffle bucket") }
            let size = Int(info.st_size)
            guard size % ShuffleRecord.byteSize == 0 else {
                throw InputError(file: path, offset: Int64(size), "shuffle bucket is not a whole number of 16-byte records")
            }
            // Read in 1 MiB chunks so the bucket is held once, as records.
            records.reserveCapacity(records.count + size / ShuffleRecord.byteSize)
            var chunk = [UInt8](repeating: 0, count: min(size, 1 << 20))
            var done = 0
            while done < size {
                let want = min(chunk.count, size - done)
                var filled = 0
                try chunk.withUnsafeMutableBytes { raw in
                    while filled < want {
                        let n = read(fd, raw.baseAddress! + filled, want - filled)
                        if n < 0, errno == EINTR { continue }
                        guard n > 0 else { throw InputError(file: path, offset: Int64(done + filled), "cannot read shuffle bucket") }
                        filled += n
                    }
                }
                chunk.withUnsafeBytes { raw in
                    for at in stride(from: 0, to: want, by: ShuffleRecord.byteSize) {
                        records.append(ShuffleRecord(
                            key: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                            reference: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))))
                    }
                }
                done += want
            }
        }
        records.sort()
        return records
    }

    /// Deletes the files of one bucket.
    public func remove(bucket: Int, writers: Int) {
        for writer in 0..<writers { unlink(path(bucket: bucket, writer: writer)) }
    }
}
