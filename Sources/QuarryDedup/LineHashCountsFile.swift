// The stored form of LineHashCounts (the counts file line_dedup_v1 leaves in
// OUT/corpus-counts/, DESIGN.md §5: magic and version first), little-endian:
//   "QLDH"  magic
//   u32     version (1)
//   u64     max_memory the table was made with
//   u64     documents counted
//   u32     error bound F
//   u64     prunes
//   u64     n, then n entries sorted by hash, strictly increasing:
//           u64 hash (a hash of 0 stored as its substitute), u32 count, u32 error, u64 holder
// The same counts give the same bytes whatever order their table holds them in.
import QuarryCore

extension LineHashCounts {
    static let magic: [UInt8] = Array("QLDH".utf8)
    static let version: UInt32 = 1
    static let entryBytes = 24

    public func encoded() -> [UInt8] {
        let entries = sortedEntries
        var out = Self.magic
        out.reserveCapacity(48 + entries.count * Self.entryBytes)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        put(Self.version)
        put(UInt64(maxMemory))
        put(UInt64(documents))
        put(errorBound)
        put(UInt64(prunes))
        put(UInt64(entries.count))
        for e in entries {
            put(e.hash)
            put(e.count)
            put(e.error)
            put(e.holder)
        }
        return out
    }

    /// Reads the stored form; throws an InputError on another format or version, or damaged bytes.
    public init(encoded bytes: [UInt8]) throws {
        var position = 0
        func fail(_ what: String) -> InputError { InputError(file: "line dedup counts", offset: Int64(position), what) }
        func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
            guard bytes.count - position >= MemoryLayout<T>.size else { throw fail("truncated") }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[position..<position + MemoryLayout<T>.size]) }
            position += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        guard bytes.starts(with: Self.magic) else { throw fail("not line dedup counts (bad magic)") }
        position = Self.magic.count
        let version = try take(UInt32.self)
        guard version == Self.version else { throw fail("line dedup counts version \(version), expected \(Self.version)") }
        let memory = try take(UInt64.self)
        let documents = try take(UInt64.self)
        let bound = try take(UInt32.self)
        let prunes = try take(UInt64.self)
        guard memory <= UInt64(Int.max), documents <= UInt64(Int64.max), prunes <= UInt64(Int.max) else {
            throw fail("damaged header")
        }
        let n = try take(UInt64.self)
        guard n == UInt64((bytes.count - position) / Self.entryBytes), (bytes.count - position) % Self.entryBytes == 0 else {
            throw fail("entry count \(n) does not match the \(bytes.count - position) bytes that follow")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(n))
        var previous: UInt64?
        for _ in 0..<n {
            let hash = try take(UInt64.self)
            let count = try take(UInt32.self)
            let error = try take(UInt32.self)
            let holder = try take(UInt64.self)
            guard hash != 0, previous.map({ $0 < hash }) ?? true else { throw fail("entries out of order") }
            previous = hash
            entries.append(Entry(hash: hash, count: count, error: error, holder: holder))
        }
        self.init(maxMemory: Int(memory))
        var slots = keys.count
        while entries.count * 10 > slots * 7 { slots *= 2 }
        rebuild(entries, slots: slots)
        errorBound = bound
        self.prunes = Int(prunes)
        self.documents = Int64(documents)
    }
}

extension UInt32 {
    /// The sum, or UInt32.max when it would overflow.
    @inline(__always)
    func addingSaturated(_ other: UInt32) -> UInt32 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
