// The MinHash inner loop: for each distinct shingle x and each permutation i,
// signature[i] = min(signature[i], (a_i·x + b_i) mod (2^61 − 1)). The 122-bit product comes from
// one 64×64→128-bit multiply (`multipliedFullWidth`) and the remainder from the Mersenne
// reduction (2^61 ≡ 1 mod p: add the bits above 61 to the bits below), without a division.
// Permutations are the inner loop, over the contiguous a, b and signature arrays, so each
// shingle's value is loaded once. The tests check this against a plain twin that divides.

/// The fast MinHash kernel.
enum MinHashKernel {
    static let prime: UInt64 = (1 << 61) - 1

    /// x mod p for any 64-bit x.
    @inline(__always)
    static func reduce(_ x: UInt64) -> UInt64 {
        let r = (x & prime) &+ (x >> 61)
        return r >= prime ? r &- prime : r
    }

    /// (a·x + b) mod p for a, x, b < p.
    @inline(__always)
    static func permute(_ a: UInt64, _ x: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: x)
        // a·x = high·2^64 + low < 2^122: its bits below 61, plus its bits from 61 up, plus b,
        // is below 3·2^61; one more fold leaves at most p + 2.
        let sum = (low & prime) &+ ((low >> 61) | (high << 3)) &+ b
        let r = (sum & prime) &+ (sum >> 61)
        return r >= prime ? r &- prime : r
    }

    /// The signature of the shingle hashes `hashes` (non-empty) under the permutations (a, b),
    /// written into `into` (as many values as permutations).
    static func signature(_ hashes: UnsafeBufferPointer<UInt64>, a: UnsafeBufferPointer<UInt64>, b: UnsafeBufferPointer<UInt64>,
                          into: UnsafeMutableBufferPointer<UInt64>) {
        let count = a.count
        guard let sig = into.baseAddress, let pa = a.baseAddress, let pb = b.baseAddress else { return }
        for i in 0..<count { sig[i] = UInt64.max }
        for h in hashes {
            let x = reduce(h)
            var i = 0
            while i < count {
                let v = permute(pa[i], x, pb[i])
                if v < sig[i] { sig[i] = v }
                i += 1
            }
        }
    }
}
