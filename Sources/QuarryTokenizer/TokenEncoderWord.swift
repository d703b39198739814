// The BPE merge loop for one pre-token ("word"), the encoder's hot kernel. Semantics are those
// of `tokenizers` 0.23 `models/bpe/word.rs` merge_all (FORMAT.md §3): start from one symbol per
// byte (a byte without a token is dropped, as tokenizers drops a character without a token when
// there is no unk), then repeatedly merge the adjacent pair of lowest rank, leftmost first.
//
// Two strategies, same result (tested against each other and against a naive twin):
//   - words of at most `linearLimit` symbols: an array of (id, pair value) scanned linearly for
//     the minimum each round, merged pairs closed up in place — O(n²) but branch-light and
//     cache-resident, the shape tiktoken uses for its `byte_pair_merge`;
//   - longer words (10,000 spaces, a 1 MB word): a binary min-heap of rank << 32 | position over
//     a doubly linked list of symbols, stale entries skipped when popped — O(n log n).
// All memory is scratch owned by the encoder, grown only when a longer word arrives, so a word
// costs no allocation. The word cache remembers the ids of short words (most of a text's
// pieces repeat), keyed by their bytes; it is cleared when full, which changes no output.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch memory and the word cache of one encoder. A class so that the encoder struct can
/// mutate it without copy-on-write checks; never shared between threads.
final class BPEWordScratch {
    /// Words with more symbols than this use the heap; below it the linear scan is faster.
    static let linearLimit = 64
    /// Pieces up to this many bytes are cached (longer ones rarely repeat).
    static let maxCachedBytes = 48
    /// Cache slots (a power of two); the cache is cleared when half of them are used.
    static let cacheSlots = 1 << 16

    var capacity = 0
    var ids: UnsafeMutablePointer<UInt32>
    var values: UnsafeMutablePointer<UInt64>
    var next: UnsafeMutablePointer<Int32>
    var previous: UnsafeMutablePointer<Int32>
    var heap: UnsafeMutablePointer<UInt64>

    struct CacheSlot {
        var hash: UInt64
        var keyStart: UInt32
        var keyCount: UInt32
        var idStart: UInt32
        var idCount: UInt32
    }

    var slots: UnsafeMutablePointer<CacheSlot>
    var cacheCount = 0
    var cacheKeys: [UInt8] = []
    var cacheIDs: [TokenID] = []

    init() {
        ids = .allocate(capacity: 1)
        values = .allocate(capacity: 1)
        next = .allocate(capacity: 1)
        previous = .allocate(capacity: 1)
        heap = .allocate(capacity: 1)
        slots = .allocate(capacity: Self.cacheSlots)
        clearCache()
        reserve(256)
    }

    deinit {
        ids.deallocate(); values.deallocate(); next.deallocate(); previous.deallocate(); heap.deallocate()
        slots.deallocate()
    }

    func reserve(_ count: Int) {
        guard count > capacity else { return }
        var newCapacity = max(capacity, 256)
        while newCapacity < count { newCapacity *= 2 }
        ids.deallocate(); values.deallocate(); next.deallocate(); previous.deallocate(); heap.deallocate()
        ids = .allocate(capacity: newCapacity)
        values = .allocate(capacity: newCapacity)
        next = .allocate(capacity: newCapacity)
        previous = .allocate(capacity: newCapacity)
        heap = .allocate(capacity: newCapacity * 3)
        capacity = newCapacity
    }

    func clearCache() {
        slots.initialize(repeating: CacheSlot(hash: 0, keyStart: 0, keyCount: 0, idStart: 0, idCount: 0), count: Self.cacheSlots)
        cacheCount = 0
        cacheKeys.removeAll(keepingCapacity: true)
        cacheIDs.removeAll(keepingCapacity: true)
    }

    /// A 64-bit hash of a short piece, 8 bytes at a time (fixed constants, not `Hasher`).
    @inline(__always)
    static func hash(_ piece: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = piece.baseAddress!
        let n = piece.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15 | 1
        var i = 0
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return h | 1  // 0 marks an empty slot
    }

    /// Appends the cached ids of `piece` to `out` and returns true, or returns false.
    @inline(__always)
    func lookup(_ piece: UnsafeBufferPointer<UInt8>, hash: UInt64, into out: inout [TokenID]) -> Bool {
        var index = Int(truncatingIfNeeded: hash >> 16) & (Self.cacheSlots - 1)
        while true {
            let slot = slots[index]
            if slot.hash == 0 { return false }
            if slot.hash == hash, Int(slot.keyCount) == piece.count {
                let equal = cacheKeys.withUnsafeBufferPointer { keys in
                    memcmp(keys.baseAddress! + Int(slot.keyStart), piece.baseAddress!, piece.count) == 0
                }
                if equal {
                    cacheIDs.withUnsafeBufferPointer { all in
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: all[Int(slot.idStart)..<Int(slot.idStart + slot.idCount)]))
                    }
                    return true
                }
            }
            index = (index + 1) & (Self.cacheSlots - 1)
        }
    }

    func insert(_ piece: UnsafeBufferPointer<UInt8>, hash: UInt64, ids newIDs: UnsafeBufferPointer<TokenID>) {
        if cacheCount >= Self.cacheSlots / 2 { clearCache() }
        var index = Int(truncatingIfNeeded: hash >> 16) & (Self.cacheSlots - 1)
        while slots[index].hash != 0 { index = (index + 1) & (Self.cacheSlots - 1) }
        slots[index] = CacheSlot(hash: hash, keyStart: UInt32(cacheKeys.count), keyCount: UInt32(piece.count),
                                 idStart: UInt32(cacheIDs.count), idCount: UInt32(newIDs.count))
        cacheKeys.append(contentsOf: piece)
        cacheIDs.append(contentsOf: newIDs)
        cacheCount += 1
    }
}

/// The merge loop over one word, on an encoder's scratch memory.
enum BPEWordMerger {
    /// Appends the BPE ids of `piece` (raw bytes) to `out`. `byteIDs` maps each byte to its
    /// token, `UInt32.max` for a byte without one.
    @inline(__always)
    static func merge(_ piece: UnsafeBufferPointer<UInt8>, byteIDs: UnsafePointer<UInt32>, table: BPEMergeTable,
                      scratch: BPEWordScratch, into out: inout [TokenID]) {
        scratch.reserve(piece.count + 1)
        let ids = scratch.ids
        var n = 0
        for byte in piece {
            let id = byteIDs[Int(byte)]
            if id != UInt32.max { ids[n] = id; n += 1 }
        }
        if n <= BPEWordScratch.linearLimit {
            mergeLinear(ids: ids, count: n, values: scratch.values, table: table, into: &out)
        } else {
            mergeHeap(ids: ids, count: n, scratch: scratch, table: table, into: &out)
        }
    }

    @inline(__always)
    static func mergeLinear(ids: UnsafeMutablePointer<UInt32>, count: Int, values: UnsafeMutablePointer<UInt64>,
                            table: BPEMergeTable, into out: inout [TokenID]) {
        var n = count
        if n >= 2 {
            for i in 0..<(n - 1) { values[i] = table.lookup(ids[i], ids[i + 1]) }
            while n >= 2 {
                var best = UInt64.max
                var at = 0
                for i in 0..<(n - 1) where values[i] < best {
                    best = values[i]
                    at = i
                }
                if best == UInt64.max { break }
                ids[at] = UInt32(truncatingIfNeeded: best)
                // Close up: symbol at+1 disappears.
                var j = at + 1
                while j < n - 1 {
                    ids[j] = ids[j + 1]
                    values[j] = values[j + 1]
                    j += 1
                }
                n -= 1
                if at > 0 { values[at - 1] = table.lookup(ids[at - 1], ids[at]) }
                if at < n - 1 { values[at] = table.lookup(ids[at], ids[at + 1]) }
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: ids, count: n))
    }

    static func mergeHeap(ids: UnsafeMutablePointer<UInt32>, count n: Int, scratch: BPEWordScratch,
                          table: BPEMergeTable, into out: inout [TokenID]) {
        let next = scratch.next, previous = scratch.previous, heap = scratch.heap
        var heapCount = 0

        func push(_ key: UInt64) {
            var i = heapCount
            heapCount += 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if heap[parent] <= key { break }
                heap[i] = heap[parent]
                i = parent
            }
            heap[i] = key
        }
        func pop() -> UInt64 {
            let top = heap[0]
            heapCount -= 1
            let last = heap[heapCount]
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= heapCount { break }
                if child + 1 < heapCount, heap[child + 1] < heap[child] { child += 1 }
                if last <= heap[child] { break }
                heap[i] = heap[child]
                i = child
            }
            if heapCount > 0 { heap[i] = last }
            return top
        }

        for i in 0..<n {
            next[i] = Int32(i + 1)
            previous[i] = Int32(i - 1)
        }
        for i in 0..<max(n - 1, 0) {
            let value = table.lookup(ids[i], ids[i + 1])
            if value != UInt64.max { push(value & 0xFFFF_FFFF_0000_0000 | UInt64(i)) }
        }
        let dead = UInt32.max
        while heapCount > 0 {
            let key = pop()
            let rank = key >> 32
            let at = Int(key & 0xFFFF_FFFF)
            guard ids[at] != dead else { continue }
            let right = Int(next[at])
            guard right < n else { continue }
            let value = table.lookup(ids[at], ids[right])
            guard value >> 32 == rank else { continue }
            ids[at] = UInt32(truncatingIfNeeded: value)
            ids[right] = dead
            let after = Int(next[right])
            next[at] = Int32(after)
            if after < n { previous[after] = Int32(at) }
            let before = Int(previous[at])
            if before >= 0 {
                let v = table.lookup(ids[before], ids[at])
                if v != UInt64.max { push(v & 0xFFFF_FFFF_0000_0000 | UInt64(before)) }
            }
            if after < n {
                let v = table.lookup(ids[at], ids[after])
                if v != UInt64.max { push(v & 0xFFFF_FFFF_0000_0000 | UInt64(at)) }
            }
        }
        var i = 0
        while i < n {
            out.append(ids[i])
            i = Int(next[i])
        }
    }
}
