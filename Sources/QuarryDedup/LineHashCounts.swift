// What line_dedup_v1 learns in its first pass: for each normalized-line hash, in how many
// documents it occurs (LineDedupStage.swift), and which document had it first, in a table whose
// memory is bounded by `max_memory`.
//
// Bounded memory follows lossy counting (Manku & Motwani 2002, "Approximate frequency counts
// over data streams", §4.2), with the bucket boundary set by memory instead of a fixed ε: each
// entry keeps its count f and an error bound Δ, and the table keeps a floor F, with the
// invariants
//     f <= true count <= f + Δ   for every line in the table,
//     true count <= F            for every line not in it.
// When the table is full, the entries with the smallest upper bound f + Δ are pruned until at
// most half of it is left, F becomes the largest upper bound pruned, and a line seen again later
// enters with Δ = F. A line is reported only on its lower bound f, so nothing is removed that
// does not really occur more than k times, and every line occurring more than k + F times is
// still found. Merging two tables adds counts and bounds (a line missing on one side may have
// occurred up to that side's F times there). The result depends only on the order of the
// documents and of the merges, which the executor fixes (CorpusPass.swift), so it is the same
// bytes for 1 or N workers. With a table that was never pruned (F = 0) the counts are exact.
//
// The table is open addressing with linear probing in parallel arrays (24 bytes a slot); the
// slot of a hash is its multiply-shift reduction, so the slot count need not be a power of two.
// Memory: a full table of S slots (24 S bytes) holds 0.7 S entries; a prune briefly needs one
// 8-byte sort key per entry (5.6 S), then room for the survivors (at most 0.35 S entries, 8.4 S)
// while the table is rebuilt, so S = max_memory / 36 keeps one table's peak within max_memory.
// The counting pass holds several tables at once (one per task being counted, the merged
// total, and tasks counted ahead of their turn: CountingPass.swift), each within the cap.
import QuarryCore

/// Per line hash: documents containing it, an error bound, and the first document's identity.
public struct LineHashCounts: CorpusCounts, Equatable {
    /// One line's counts.
    public struct Entry: Sendable, Hashable {
        public var hash: UInt64
        /// Occurrences counted (a lower bound of the true count).
        public var count: UInt32
        /// How many occurrences may have gone uncounted (pruned before this entry was made).
        public var error: UInt32
        /// Identity of the first document counted with the line (LineDedupStage.holder).
        public var holder: UInt64

        public init(hash: UInt64, count: UInt32, error: UInt32, holder: UInt64) {
            (self.hash, self.count, self.error, self.holder) = (hash, count, error, holder)
        }
    }

    /// Bytes of memory one slot of the table costs at its peak (see the header).
    public static let bytesPerSlot = 36
    /// Fewest slots a table has, whatever `max_memory` says.
    static let minimumSlots = 8

    /// The memory cap, in bytes, the table was made with.
    public let maxMemory: Int
    /// Most slots the table may grow to, and most entries it holds before it prunes.
    public let maxSlots: Int
    public var maxEntries: Int { maxSlots * 7 / 10 }

    var keys: [UInt64]
    var counts: [UInt32]
    var errors: [UInt32]
    var holders: [UInt64]
    /// Lines in the table.
    public internal(set) var count = 0
    /// F: most times a line missing from the table may have occurred (0: counts are exact).
    public internal(set) var errorBound: UInt32 = 0
    /// Times the table was pruned, here and in every table merged into it.
    public internal(set) var prunes: Int = 0
    /// Documents counted.
    public internal(set) var documents: Int64 = 0

    public init(maxMemory: Int) {
        self.maxMemory = max(0, maxMemory)
        maxSlots = max(Self.minimumSlots, self.maxMemory / Self.bytesPerSlot)
        let slots = min(maxSlots, 64)
        keys = Array(repeating: 0, count: slots)
        counts = Array(repeating: 0, count: slots)
        errors = Array(repeating: 0, count: slots)
        holders = Array(repeating: 0, count: slots)
    }

    /// Key 0 marks an empty slot; a hash of 0 is stored as this instead.
    static let zeroSubstitute: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? zeroSubstitute : hash }

    @inline(__always)
    func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(keys.count)).high) }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    func slot(_ key: UInt64) -> (index: Int, found: Bool) {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return (i, true) }
            if k == 0 { return (i, false) }
            i += 1
            if i == keys.count { i = 0 }
        }
    }

    // MARK: - Counting

    /// Counts one more document (call once per document, with or without lines).
    public mutating func countDocument() { documents += 1 }

    /// Counts one occurrence of `hash` in the document identified by `holder`.
    public mutating func add(_ hash: UInt64, holder: UInt64) {
        insert(Self.key(hash), count: 1, error: errorBound, holder: holder)
    }

    /// Adds `n` to the count of `key`, or makes its entry with `error` and `holder`; grows or
    /// prunes the table when it is full.
    mutating func insert(_ key: UInt64, count n: UInt32, error: UInt32, holder: UInt64) {
        let (i, found) = slot(key)
        if found {
            counts[i] = counts[i].addingSaturated(n)
            return
        }
        keys[i] = key
        counts[i] = n
        errors[i] = error
        holders[i] = holder
        count += 1
        if count > maxEntries || count * 10 > keys.count * 7 {
            if keys.count < maxSlots { resize(to: min(maxSlots, keys.count * 2)) } else { prune() }
        }
    }

    /// Adds the counts of documents that come after these (CorpusCounts).
    public mutating func merge(_ later: LineHashCounts) {
        if count == 0 && errorBound == 0 && maxSlots == later.maxSlots {
            // Nothing here yet (a task's first batch, the run's first task): the later counts as they are.
            let counted = documents
            self = later
            documents += counted
            return
        }
        let laterBound = later.errorBound
        if laterBound > 0 {
            // Lines of this table may have occurred up to laterBound times in the later documents.
            for i in keys.indices where keys[i] != 0 { errors[i] = errors[i].addingSaturated(laterBound) }
        }
        for j in later.keys.indices where later.keys[j] != 0 {
            let key = later.keys[j]
            let (i, found) = slot(key)
            if found {
                // Both sides counted it: the bound for the later side is its own, not laterBound.
                counts[i] = counts[i].addingSaturated(later.counts[j])
                errors[i] = (errors[i] - min(errors[i], laterBound)).addingSaturated(later.errors[j])
            } else {
                insert(key, count: later.counts[j], error: later.errors[j].addingSaturated(errorBound), holder: later.holders[j])
            }
        }
        errorBound = errorBound.addingSaturated(laterBound)
        prunes += later.prunes
        documents += later.documents
    }

    /// Removes the entries with the smallest upper bounds until at most half of `maxEntries`
    /// are left, and raises the floor to the largest bound removed.
    mutating func prune() {
        let target = maxEntries / 2
        guard count > target else { return }
        // The largest upper bound that goes (the bounds are freed before the table is rebuilt).
        let cut: UInt64 = {
            var bounds: [UInt64] = []
            bounds.reserveCapacity(count)
            for i in keys.indices where keys[i] != 0 { bounds.append(UInt64(counts[i]) + UInt64(errors[i])) }
            bounds.sort()
            return bounds[bounds.count - target - 1]
        }()
        let survivors = entries(where: { UInt64($0.count) + UInt64($0.error) > cut })
        errorBound = max(errorBound, UInt32(clamping: cut))
        prunes += 1
        rebuild(survivors, slots: keys.count)
    }

    mutating func resize(to slots: Int) {
        rebuild(entries(where: { _ in true }), slots: slots)
    }

    /// Empties the table to `slots` slots and puts `entries` back, in their order.
    mutating func rebuild(_ entries: [Entry], slots: Int) {
        keys = Array(repeating: 0, count: slots)
        counts = Array(repeating: 0, count: slots)
        errors = Array(repeating: 0, count: slots)
        holders = Array(repeating: 0, count: slots)
        count = 0
        for e in entries {
            let (i, _) = slot(e.hash)
            (keys[i], counts[i], errors[i], holders[i]) = (e.hash, e.count, e.error, e.holder)
            count += 1
        }
    }

    /// The entries that satisfy `keep`, in slot order (hashes as stored: 0 substituted).
    func entries(where keep: (Entry) -> Bool) -> [Entry] {
        var out: [Entry] = []
        for i in keys.indices where keys[i] != 0 {
            let e = Entry(hash: keys[i], count: counts[i], error: errors[i], holder: holders[i])
            if keep(e) { out.append(e) }
        }
        return out
    }

    // MARK: - Reading

    /// The entry of `hash`, if the table has one.
    public func entry(_ hash: UInt64) -> Entry? {
        let key = Self.key(hash)
        let (i, found) = slot(key)
        return found ? Entry(hash: hash, count: counts[i], error: errors[i], holder: holders[i]) : nil
    }

    /// Every entry, by hash (a hash of 0 appears as its substitute).
    public var sortedEntries: [Entry] { entries(where: { _ in true }).sorted { $0.hash < $1.hash } }

    /// Only the lines counted more than `times` times (lower bound), with the floor, prune count
    /// and document count kept: what the second pass needs.
    public func keeping(countAbove times: Int) -> LineHashCounts {
        var kept = LineHashCounts(maxMemory: maxMemory)
        let survivors = entries(where: { Int($0.count) > times })
        var slots = kept.keys.count
        while survivors.count * 10 > slots * 7 { slots *= 2 }
        kept.rebuild(survivors.sorted { $0.hash < $1.hash }, slots: max(slots, Self.minimumSlots))
        kept.errorBound = errorBound
        kept.prunes = prunes
        kept.documents = documents
        return kept
    }

    public static func == (a: LineHashCounts, b: LineHashCounts) -> Bool { a.encoded() == b.encoded() }
}
