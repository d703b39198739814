// The MinHash inner loop: for each distinct shingle x and each permutation i,
// signature[i] = min(signature[i], (a_i·x + b_i) mod (2^61 − 1)). The 122-bit product comes from
// one 64×64→128-bit multiply (`multipliedFullWidth`) and the remainder from the Mersenne
// reduction (2^61 ≡ 1 mod p: add the bits above 61 to the bits below), without a division.
// Permutations are the inner loop, over the contiguous a, b and signature arrays, so each
// shingle's value is loaded once. The tests check this against a plain twin that divides.

/// The fast MinHash kernel (SPI for the benchmark, which times its variants).
@_spi(Benchmark) public enum MinHashKernel {
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
    /// written into `into` (as many values as permutations). Permutations are the outer loop:
    /// a_i and b_i stay in registers while the reduced shingle values stream past, with two
    /// running minima for instruction-level parallelism.
    public static func signature(_ hashes: UnsafeBufferPointer<UInt64>, a: UnsafeBufferPointer<UInt64>, b: UnsafeBufferPointer<UInt64>,
                                 into: UnsafeMutableBufferPointer<UInt64>) {
        let count = a.count, n = hashes.count
        guard let sig = into.baseAddress, let pa = a.baseAddress, let pb = b.baseAddress, n > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { reduced in
            let xs = reduced.baseAddress!
            for k in 0..<n { xs[k] = reduce(hashes[k]) }
            for i in 0..<count {
                let ai = pa[i], bi = pb[i]
                var m0 = UInt64.max, m1 = UInt64.max
                var k = 0
                while k &+ 1 < n {
                    m0 = min(m0, permute(ai, xs[k], bi))
                    m1 = min(m1, permute(ai, xs[k &+ 1], bi))
                    k &+= 2
                }
                if k < n { m0 = min(m0, permute(ai, xs[k], bi)) }
                sig[i] = min(m0, m1)
            }
        }
    }

    /// The same signature with shingles as the outer loop (each shingle's value against every
    /// permutation's a_i, b_i and running minimum in memory); kept for the benchmark's comparison.
    public static func signatureShingleOuter(_ hashes: UnsafeBufferPointer<UInt64>, a: UnsafeBufferPointer<UInt64>,
                                             b: UnsafeBufferPointer<UInt64>, into: UnsafeMutableBufferPointer<UInt64>) {
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

    /// The same signature from 32-bit limbs: a·x as three 32×32→64-bit products, which SIMD
    /// units have (the 64×64→128 multiply has no vector form); the reduction folds 2^64 ≡ 8 and
    /// 2^61 ≡ 1. `aLow`/`aHigh`: the multipliers' low and high 32 bits. For the benchmark's
    /// comparison (on the baseline x86-64 target it does not vectorize and loses).
    public static func signatureLimbs(_ hashes: UnsafeBufferPointer<UInt64>, aLow: UnsafeBufferPointer<UInt64>, aHigh: UnsafeBufferPointer<UInt64>,
                                      b: UnsafeBufferPointer<UInt64>, into: UnsafeMutableBufferPointer<UInt64>) {
        let count = aLow.count
        guard let sig = into.baseAddress, let a0 = aLow.baseAddress, let a1 = aHigh.baseAddress, let pb = b.baseAddress else { return }
        for i in 0..<count { sig[i] = UInt64.max }
        let mask32: UInt64 = 0xFFFF_FFFF, mask29: UInt64 = (1 << 29) - 1
        for h in hashes {
            let x = reduce(h)
            let x0 = x & mask32, x1 = x >> 32
            for i in 0..<count {
                let t0 = a0[i] &* x0                       // < 2^64
                let t1 = a1[i] &* x0 &+ a0[i] &* x1        // < 2^62
                let t2 = a1[i] &* x1                       // < 2^58
                // t2·2^64 ≡ 8·t2; t1·2^32 ≡ (t1 >> 29) + (t1 mod 2^29)·2^32; t0 ≡ (t0 mod 2^61) + (t0 >> 61).
                let sum = (t2 << 3) &+ (t1 >> 29) &+ ((t1 & mask29) << 32) &+ (t0 & prime) &+ (t0 >> 61) &+ pb[i]
                var r = (sum & prime) &+ (sum >> 61)
                r = r >= prime ? r &- prime : r
                sig[i] = min(sig[i], r)
            }
        }
    }
}
