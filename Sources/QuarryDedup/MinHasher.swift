// MinHash signatures (Broder 1997, "On the resemblance and containment of documents"): for P
// random permutations h_i of the shingle hashes, signature_i = min over the document's shingles
// of h_i(shingle). Two documents agree on entry i with probability equal to the Jaccard
// similarity of their shingle sets, so bands of r entries hashed together (bandHash) put
// similar documents in the same bucket (LSH; defaults 14 bands × 8 rows as FineWeb).
//
// Permutations are the universal hashes h_i(x) = (a_i·x + b_i) mod p with p = 2^61 − 1 (a
// Mersenne prime) and x = shingle hash mod p, a_i in [1, p), b_i in [0, p), as datatrove 0.10.1
// src/datatrove/pipeline/dedup/minhash.py and datasketch define them (datatrove's numpy code
// wraps a·x at 2^64 before the modulo; Quarry computes the exact 122-bit product). The (a_i, b_i)
// pairs are drawn in turn from SplitMix64 seeded with `seed` (MinHashSplitMix64), so a signature
// with more permutations extends one with fewer. The kernel: MinHashKernel.swift.
import QuarryText

/// Computes MinHash signatures of texts.
public struct MinHasher: Sendable {
    /// The Mersenne prime 2^61 − 1 the permutations work modulo.
    public static let prime: UInt64 = (1 << 61) - 1

    public let permutations: Int
    public let seed: UInt64
    public let shingler: Shingler
    /// Multipliers a_i in [1, p) and offsets b_i in [0, p), one pair per permutation.
    public let multipliers: [UInt64]
    public let offsets: [UInt64]

    public init(permutations: Int, seed: UInt64, ngram: Int, unit: ShingleUnit, normalization: DedupNormalization) {
        precondition(permutations >= 1, "a signature needs at least one permutation")
        self.permutations = permutations
        self.seed = seed
        shingler = Shingler(ngram: ngram, unit: unit, normalization: normalization)
        var random = MinHashSplitMix64(seed: seed)
        var a: [UInt64] = [], b: [UInt64] = []
        for _ in 0..<permutations {
            a.append(random.below(Self.prime - 1) + 1)
            b.append(random.below(Self.prime))
        }
        multipliers = a
        offsets = b
    }

    /// The signature of `text` (`permutations` values below 2^61 − 1), or [] when the text has
    /// no shingle (no word, or no character).
    public func signature(of text: String, language: String?) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: permutations)
        let count = result.withUnsafeMutableBufferPointer { signature(of: text, language: language, into: $0) }
        return count == 0 ? [] : result
    }

    /// Writes the signature of `text` into `into` (exactly `permutations` values) and returns the
    /// number of distinct shingles it was taken over; 0 means no shingle, and `into` is then
    /// left as it was.
    public func signature(of text: String, language: String?, into: UnsafeMutableBufferPointer<UInt64>) -> Int {
        withUTF8Bytes(of: text) { signature(ofUTF8: $0, language: language, into: into) }
    }

    /// `signature(of:language:into:)` on the UTF-8 bytes of a text.
    public func signature(ofUTF8 text: UnsafeBufferPointer<UInt8>, language: String?,
                          into: UnsafeMutableBufferPointer<UInt64>) -> Int {
        precondition(into.count == permutations, "the signature buffer holds \(into.count) values, not \(permutations)")
        let scratch = ShingleScratch.current
        scratch.hashes.removeAll(keepingCapacity: true)
        shingler.appendHashes(of: text, language: language, to: &scratch.hashes)
        let distinct = Self.removeRepeats(&scratch.hashes, table: &scratch.seen)
        guard distinct > 0 else { return 0 }
        scratch.hashes.withUnsafeBufferPointer { signature(ofShingleHashes: UnsafeBufferPointer(rebasing: $0[0..<distinct]), into: into) }
        scratch.trimHashes()
        return distinct
    }

    /// The distinct shingle hashes of `text`, sorted: the set the signature is the MinHash of
    /// (for exact Jaccard similarities).
    public func shingleHashes(of text: String, language: String?) -> [UInt64] {
        var hashes: [UInt64] = []
        withUTF8Bytes(of: text) { shingler.appendHashes(of: $0, language: language, to: &hashes) }
        let distinct = Self.sortUnique(&hashes)
        hashes.removeLast(hashes.count - distinct)
        return hashes
    }

    /// The signature of a set of shingle hashes (non-empty; repeats do not matter).
    public func signature(ofShingleHashes hashes: UnsafeBufferPointer<UInt64>, into: UnsafeMutableBufferPointer<UInt64>) {
        precondition(into.count == permutations && !hashes.isEmpty)
        multipliers.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { b in
                MinHashKernel.signature(hashes, a: a, b: b, into: into)
            }
        }
    }

    /// The hash of one band: XXH3-64 (seed 0) of its rows' little-endian bytes.
    public static func bandHash(_ rows: UnsafeBufferPointer<UInt64>) -> UInt64 {
        #if _endian(little)
        return StableHash.xxh3_64(UnsafeBufferPointer(start: UnsafeRawPointer(rows.baseAddress)?.assumingMemoryBound(to: UInt8.self),
                                                      count: rows.count * 8))
        #else
        let bytes = rows.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
        return StableHash.xxh3_64(bytes)
        #endif
    }

    /// Moves the distinct values of `hashes` to the front, in first-seen order, and returns how
    /// many there are: one pass with an open-addressing set in `table` (a power of two at least
    /// twice the count, zero = empty; the value 0 is tracked apart), cheaper than sorting.
    static func removeRepeats(_ hashes: inout [UInt64], table: inout [UInt64]) -> Int {
        let n = hashes.count
        guard n > 1 else { return n }
        var size = 16
        while size < 2 * n { size <<= 1 }
        if table.count < size { table = [UInt64](repeating: 0, count: size) }
        let mask = size - 1
        return table.withUnsafeMutableBufferPointer { whole in
            // Only the first `size` slots are used (and cleared): the table may have grown for a longer document.
            let slots = UnsafeMutableBufferPointer(rebasing: whole[0..<size])
            slots.update(repeating: 0)
            return hashes.withUnsafeMutableBufferPointer { h in
                var kept = 0
                var sawZero = false
                for i in 0..<n {
                    let value = h[i]
                    if value == 0 {
                        if sawZero { continue }
                        sawZero = true
                    } else {
                        // XXH3 output is uniform: bits from 32 up pick the slot.
                        var slot = Int(truncatingIfNeeded: value >> 32) & mask
                        var repeated = false
                        while slots[slot] != 0 {
                            if slots[slot] == value { repeated = true; break }
                            slot = (slot &+ 1) & mask
                        }
                        if repeated { continue }
                        slots[slot] = value
                    }
                    h[kept] = value
                    kept += 1
                }
                return kept
            }
        }
    }

    /// Sorts `hashes` and moves the distinct values to the front; returns how many there are.
    static func sortUnique(_ hashes: inout [UInt64]) -> Int {
        guard hashes.count > 1 else { return hashes.count }
        hashes.sort()
        return hashes.withUnsafeMutableBufferPointer { h in
            var kept = 1
            for i in 1..<h.count where h[i] != h[kept - 1] {
                h[kept] = h[i]
                kept += 1
            }
            return kept
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"):
/// the generator of the permutation parameters. Fixed here so signatures never change with the
/// standard library's random number algorithms.
public struct MinHashSplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound (bound ≤ 2^61), uniform: 61-bit draws, those ≥ bound rejected.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        while true {
            let v = next() >> 3
            if v < bound { return v }
        }
    }
}
