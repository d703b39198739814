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
        out.appendLittleEndian(Self.version)
        out.appendLittleEndian(UInt64(maxMemory))
        out.appendLittleEndian(UInt64(documents))
        out.appendLittleEndian(errorBound)
        out.appendLittleEndian(UInt64(prunes))
        out.appendLittleEndian(UInt64(entries.count))
        for e in entries {
            out.appendLittleEndian(e.hash)
            out.appendLittleEndian(e.count)
            out.appendLittleEndian(e.error)
            out.appendLittleEndian(e.holder)
        }
        return out
    }

    /// Reads the stored form; throws an InputError on another format or version, or damaged bytes.
    public init(encoded bytes: [UInt8]) throws {
        var reader = try CountsReader(bytes, what: "line dedup counts", magic: Self.magic, version: Self.version)
        let memory = try reader.take(UInt64.self)
        let documents = try reader.take(UInt64.self)
        let bound = try reader.take(UInt32.self)
        let prunes = try reader.take(UInt64.self)
        guard memory <= UInt64(Int.max), documents <= UInt64(Int64.max), prunes <= UInt64(Int.max) else {
            throw reader.fail("damaged header")
        }
        let n = try reader.take(UInt64.self)
        guard n == UInt64(reader.remaining / Self.entryBytes), reader.remaining % Self.entryBytes == 0 else {
            throw reader.fail("entry count \(n) does not match the \(reader.remaining) bytes that follow")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(n))
        var previous: UInt64?
        for _ in 0..<n {
            let hash = try reader.take(UInt64.self)
            let count = try reader.take(UInt32.self)
            let error = try reader.take(UInt32.self)
            let holder = try reader.take(UInt64.self)
            guard hash != 0, previous.map({ $0 < hash }) ?? true else { throw reader.fail("entries out of order") }
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
