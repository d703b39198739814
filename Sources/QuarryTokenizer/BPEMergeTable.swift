// The merge rank table of a BPE model: (left id, right id) → (rank, merged id), looked up once
// per adjacent pair in the encoder's merge loop, so it must be a few instructions. Open
// addressing over one array of 16-byte slots (key = left << 32 | right, value = rank << 32 |
// merged id), capacity a power of two at most half full, probed linearly; the slot index is
// the high bits of the key times a 64-bit odd constant (Fibonacci hashing), which is fixed —
// no seeded `Hasher`. A pair listed twice keeps its last rank, as `tokenizers` does (its merge
// HashMap is built with `collect`, FORMAT.md §1).

/// Pair → (rank, merged token) lookup for the BPE merge loop.
public struct BPEMergeTable: Sendable {
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var key: UInt64
        @usableFromInline var value: UInt64
    }

    /// Marks an empty slot (no token id is 2^32 - 1 on both sides).
    @usableFromInline static let emptyKey = UInt64.max
    /// Returned when a pair has no merge; larger than every real rank.
    public static let noRank = UInt32.max

    @usableFromInline let slots: [Slot]
    @usableFromInline let shift: UInt64
    public let count: Int

    /// Builds the table; `entries` are (left, right, rank, merged) in any order; a later entry
    /// for the same pair replaces an earlier one.
    public init<Entries: Sequence>(entries: Entries) where Entries.Element == (left: TokenID, right: TokenID, rank: UInt32, merged: TokenID) {
        let list = Array(entries)
        var capacity = 16
        while capacity < list.count * 2 + 2 { capacity <<= 1 }
        let bits = UInt64(capacity.trailingZeroBitCount)
        var slots = [Slot](repeating: Slot(key: Self.emptyKey, value: 0), count: capacity)
        let shift = 64 - bits
        var count = 0
        for entry in list {
            let key = UInt64(entry.left) << 32 | UInt64(entry.right)
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[index].key != Self.emptyKey && slots[index].key != key { index = (index + 1) & (capacity - 1) }
            if slots[index].key == Self.emptyKey { count += 1 }
            slots[index] = Slot(key: key, value: UInt64(entry.rank) << 32 | UInt64(entry.merged))
        }
        self.slots = slots
        self.shift = shift
        self.count = count
    }

    /// The table of `merges` in rank order (rank = index), merged ids looked up in `vocabulary`;
    /// nil names the first merge whose concatenation is not a token.
    public init(merges: [BPEMerge], vocabulary: TokenVocabulary) throws(MissingMerge) {
        var entries: [(left: TokenID, right: TokenID, rank: UInt32, merged: TokenID)] = []
        entries.reserveCapacity(merges.count)
        var joined: [UInt8] = []
        for (rank, merge) in merges.enumerated() {
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: vocabulary.bytes(of: merge.left))
            joined.append(contentsOf: vocabulary.bytes(of: merge.right))
            guard Int(merge.left) < vocabulary.count, vocabulary.present[Int(merge.left)],
                  Int(merge.right) < vocabulary.count, vocabulary.present[Int(merge.right)],
                  let merged = joined.withUnsafeBufferPointer({ vocabulary.id(of: $0) }) else {
                throw MissingMerge(rank: rank)
            }
            entries.append((merge.left, merge.right, UInt32(rank), merged))
        }
        self.init(entries: entries)
    }

    /// A merge whose parts or result are not in the vocabulary.
    public struct MissingMerge: Error, Sendable { public var rank: Int }

    /// rank << 32 | merged id of the pair, or `UInt64.max` when the pair has no merge (so the
    /// high half compares as `noRank`).
    @inlinable @inline(__always)
    public func lookup(_ left: TokenID, _ right: TokenID) -> UInt64 {
        let key = UInt64(left) << 32 | UInt64(right)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.value }
                if slot.key == Self.emptyKey { return UInt64.max }
                index = (index + 1) & mask
            }
        }
    }
}
