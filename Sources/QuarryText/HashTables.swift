// Open-addressing hash tables keyed by 64-bit hashes, for the per-document counting the
// repetition rules do (how often each line, paragraph or n-gram occurs). The keys are already
// uniform hashes (StableHash, NGramHasher), so their low bits pick the slot directly, with
// linear probing: no second hash (Swift's Set and Dictionary run SipHash on every key, which
// was a fifth of the filters' time), no copy-on-write checks, and one allocation reused across
// the passes over a document (`reset`). Key 0 marks an empty slot; a real key of 0 is stored as
// a fixed substitute, a collision as unlikely as any other. The tables are structs holding the
// buffer's address (so the hot loops pay no runtime exclusivity checks) with a small owner
// object that frees it; copies share the buffer, so each table belongs to one caller.

/// Frees a table's buffer when the last copy of the table goes.
final class TableBuffer<Element> {
    var pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
}

/// A set of 64-bit hashes.
public struct HashSet64 {
    private var keys: UnsafeMutablePointer<UInt64>
    private var size: Int
    private let owner: TableBuffer<UInt64>
    public private(set) var count = 0

    /// An empty set with room for `capacity` keys before it grows.
    public init(capacity: Int) {
        size = Self.slots(for: capacity)
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        owner = TableBuffer(keys)
    }

    /// Empties the set, keeping (and if needed enlarging) its storage for `capacity` keys.
    public mutating func reset(capacity: Int) {
        let wanted = Self.slots(for: capacity)
        if wanted > size {
            keys.deallocate()
            size = wanted
            keys = .allocate(capacity: size)
            owner.pointer = keys
        }
        keys.initialize(repeating: 0, count: size)
        count = 0
    }

    /// Inserts `key`; true when it was not there yet.
    @inline(__always)
    public mutating func insert(_ key: UInt64) -> Bool {
        let k = key == 0 ? Self.zeroSubstitute : key
        let mask = size - 1
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let existing = keys[i]
            if existing == k { return false }
            if existing == 0 { break }
            i = (i + 1) & mask
        }
        keys[i] = k
        count += 1
        if count * 2 > size { grow() }
        return true
    }

    private mutating func grow() {
        let (old, oldSize) = (keys, size)
        size *= 2
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        owner.pointer = keys
        let mask = size - 1
        for j in 0..<oldSize where old[j] != 0 {
            var i = Int(truncatingIfNeeded: old[j]) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = old[j]
        }
        old.deallocate()
    }

    static let zeroSubstitute: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A power of two at least twice `capacity` (load factor at most one half), at least 16.
    static func slots(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }
}

/// One slot of a HashCounter64.
struct CounterSlot {
    var key: UInt64
    var count: Int32
    var first: Int32
}

/// Occurrence counts of 64-bit hashes, each with the position where it was first seen.
public struct HashCounter64 {
    private typealias Slot = CounterSlot
    private var slots: UnsafeMutablePointer<Slot>
    private var size: Int
    private let owner: TableBuffer<CounterSlot>
    public private(set) var count = 0

    public init(capacity: Int) {
        size = HashSet64.slots(for: capacity)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0), count: size)
        owner = TableBuffer(slots)
    }

    /// Empties the counter, keeping (and if needed enlarging) its storage for `capacity` keys.
    public mutating func reset(capacity: Int) {
        let wanted = HashSet64.slots(for: capacity)
        if wanted > size {
            slots.deallocate()
            size = wanted
            slots = .allocate(capacity: size)
            owner.pointer = slots
        }
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0), count: size)
        count = 0
    }

    /// Counts one occurrence of `key` at `position`; returns its count so far and where it was
    /// first seen.
    @inline(__always)
    public mutating func add(_ key: UInt64, at position: Int) -> (count: Int32, first: Int32) {
        let k = key == 0 ? HashSet64.zeroSubstitute : key
        let mask = size - 1
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let existing = slots[i].key
            if existing == k {
                slots[i].count += 1
                return (slots[i].count, slots[i].first)
            }
            if existing == 0 { break }
            i = (i + 1) & mask
        }
        let first = Int32(truncatingIfNeeded: position)
        slots[i] = Slot(key: k, count: 1, first: first)
        count += 1
        if count * 2 > size { grow() }
        return (1, first)
    }

    private mutating func grow() {
        let (old, oldSize) = (slots, size)
        size *= 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0), count: size)
        owner.pointer = slots
        let mask = size - 1
        for j in 0..<oldSize where old[j].key != 0 {
            var i = Int(truncatingIfNeeded: old[j].key) & mask
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
