// A compact set of strings for blocklists of millions of entries (url_filter_v1's domain and
// URL lists: the UT1-derived lists datatrove ships hold 4.6 million domains). Each entry is
// kept as a 64-bit hash in a sorted array, 8 bytes an entry instead of a String's ~50, and
// looked up by binary search. Two different strings share a hash with probability 2^-64 per
// pair, so with 5 million entries a lookup of an unlisted string is taken for a listed one
// about once in 3.7 × 10^12 lookups. The hash is fixed (FNV-1a 64 with the SplitMix64
// finaliser, as StableDraw), never Swift's per-process Hasher, so runs are reproducible.

struct HashedStringSet: Sendable {
    private var hashes: [UInt64] = []
    private var sorted = true

    init() {}

    init(_ entries: some Sequence<String>) {
        for entry in entries { insert(entry) }
        finish()
    }

    /// The number of distinct hashes (entries, barring collisions) after `finish()`.
    var count: Int { hashes.count }

    mutating func insert(_ entry: String) {
        hashes.append(Self.hash(ArraySlice(entry.utf8)))
        sorted = false
    }

    mutating func insert(bytes: some Collection<UInt8>) {
        hashes.append(Self.hash(bytes))
        sorted = false
    }

    /// Sorts and removes duplicates; call after the last insert, before lookups.
    mutating func finish() {
        guard !sorted else { return }
        hashes.sort()
        var unique = 0
        for i in hashes.indices where i == 0 || hashes[i] != hashes[unique - 1] {
            hashes[unique] = hashes[i]
            unique += 1
        }
        hashes.removeLast(hashes.count - unique)
        sorted = true
    }

    func contains(_ entry: some StringProtocol) -> Bool {
        precondition(sorted, "HashedStringSet.finish() was not called")
        let h = Self.hash(entry.utf8)
        var low = 0, high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < h { low = mid + 1 } else { high = mid }
        }
        return low < hashes.count && hashes[low] == h
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
