// XXH3-64 and XXH3-128 (xxhash_spec.md, "XXH3 Algorithm Description" for small, medium and large
// inputs; public API in StableHash.swift). Inputs of 0-16 bytes, 17-128, 129-240 and over 240
// bytes take the spec's four paths. The large path keeps its eight accumulators in registers and
// reads each 64-byte stripe with unaligned little-endian loads. The secret is the spec's 192-byte
// default; a seeded hash of more than 240 bytes uses the secret derived from the seed, every
// other input mixes the seed in directly.
enum XXH3 {
    static let prime32_1: UInt64 = 0x9E37_79B1
    static let prime32_2: UInt64 = 0x85EB_CA77
    static let prime32_3: UInt64 = 0xC2B2_AE3D
    static let prime64_1 = XXH64.p1, prime64_2 = XXH64.p2, prime64_3 = XXH64.p3
    static let prime64_4 = XXH64.p4, prime64_5 = XXH64.p5
    static let primeMX1: UInt64 = 0x1656_6791_9E37_79F9
    static let primeMX2: UInt64 = 0x9FB2_1C65_1E98_DF25

    /// Secret length in bytes; a block is (192 - 64) / 8 = 16 stripes of 64 bytes.
    static let secretSize = 192
    static let stripesPerBlock = 16
    static let blockSize = 1024

    /// The spec's default secret.
    static let defaultSecret: [UInt8] = [
        0xB8, 0xFE, 0x6C, 0x39, 0x23, 0xA4, 0x4B, 0xBE, 0x7C, 0x01, 0x81, 0x2C, 0xF7, 0x21, 0xAD, 0x1C,
        0xDE, 0xD4, 0x6D, 0xE9, 0x83, 0x90, 0x97, 0xDB, 0x72, 0x40, 0xA4, 0xA4, 0xB7, 0xB3, 0x67, 0x1F,
        0xCB, 0x79, 0xE6, 0x4E, 0xCC, 0xC0, 0xE5, 0x78, 0x82, 0x5A, 0xD0, 0x7D, 0xCC, 0xFF, 0x72, 0x21,
        0xB8, 0x08, 0x46, 0x74, 0xF7, 0x43, 0x24, 0x8E, 0xE0, 0x35, 0x90, 0xE6, 0x81, 0x3A, 0x26, 0x4C,
        0x3C, 0x28, 0x52, 0xBB, 0x91, 0xC3, 0x00, 0xCB, 0x88, 0xD0, 0x65, 0x8B, 0x1B, 0x53, 0x2E, 0xA3,
        0x71, 0x64, 0x48, 0x97, 0xA2, 0x0D, 0xF9, 0x4E, 0x38, 0x19, 0xEF, 0x46, 0xA9, 0xDE, 0xAC, 0xD8,
        0xA8, 0xFA, 0x76, 0x3F, 0xE3, 0x9C, 0x34, 0x3F, 0xF9, 0xDC, 0xBB, 0xC7, 0xC7, 0x0B, 0x4F, 0x1D,
        0x8A, 0x51, 0xE0, 0x4B, 0xCD, 0xB4, 0x59, 0x31, 0xC8, 0x9F, 0x7E, 0xC9, 0xD9, 0x78, 0x73, 0x64,
        0xEA, 0xC5, 0xAC, 0x83, 0x34, 0xD3, 0xEB, 0xC3, 0xC5, 0x81, 0xA0, 0xFF, 0xFA, 0x13, 0x63, 0xEB,
        0x17, 0x0D, 0xDD, 0x51, 0xB7, 0xF0, 0xDA, 0x49, 0xD3, 0x16, 0x55, 0x26, 0x29, 0xD4, 0x68, 0x9E,
        0x2B, 0x16, 0xBE, 0x58, 0x7D, 0x47, 0xA1, 0xFC, 0x8F, 0xF8, 0xB8, 0xD1, 0x7A, 0xD0, 0x31, 0xCE,
        0x45, 0xCB, 0x3A, 0x8F, 0x95, 0x16, 0x04, 0x28, 0xAF, 0xD7, 0xFB, 0xCA, 0xBB, 0x4B, 0x40, 0x7E,
    ]

    // MARK: - Entry points

    static func hash64(_ input: UnsafeRawPointer?, _ n: Int, seed: UInt64) -> UInt64 {
        defaultSecret.withUnsafeBytes { secret in
            let k = secret.baseAddress!
            guard let p = input, n > 0 else { return XXH64.avalanche(seed ^ read64(k + 56) ^ read64(k + 64)) }
            if n <= 16 { return short64(p, n, k, seed) }
            if n <= 128 { return medium64(p, n, k, seed) }
            if n <= 240 { return upTo240_64(p, n, k, seed) }
            return withSecret(k, seed) { avalanche(merge(long(p, n, $0), $0 + 11, UInt64(n) &* prime64_1)) }
        }
    }

    static func hash128(_ input: UnsafeRawPointer?, _ n: Int, seed: UInt64) -> Hash128 {
        defaultSecret.withUnsafeBytes { secret in
            let k = secret.baseAddress!
            guard let p = input, n > 0 else {
                return Hash128(low: XXH64.avalanche(seed ^ read64(k + 64) ^ read64(k + 72)),
                               high: XXH64.avalanche(seed ^ read64(k + 80) ^ read64(k + 88)))
            }
            if n <= 16 { return short128(p, n, k, seed) }
            if n <= 240 { return medium128(p, n, k, seed) }
            return withSecret(k, seed) { s in
                let acc = long(p, n, s)
                return Hash128(low: avalanche(merge(acc, s + 11, UInt64(n) &* prime64_1)),
                               high: avalanche(merge(acc, s + secretSize - 75, ~(UInt64(n) &* prime64_2))))
            }
        }
    }

    /// Calls `body` with the default secret for seed 0, else with the secret derived from `seed`:
    /// the default read as 24 little-endian words, `+ seed` on the even ones, `- seed` on the odd.
    @inline(__always)
    static func withSecret<R>(_ k: UnsafeRawPointer, _ seed: UInt64, _ body: (UnsafeRawPointer) -> R) -> R {
        if seed == 0 { return body(k) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: secretSize / 8) { words in
            for i in 0..<(secretSize / 16) {
                words[2 * i] = (read64(k + 16 * i) &+ seed).littleEndian
                words[2 * i + 1] = (read64(k + 16 * i + 8) &- seed).littleEndian
            }
            return body(UnsafeRawPointer(words.baseAddress!))
        }
    }

    // MARK: - Building blocks

    @inline(__always) static func read64(_ p: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    }

    @inline(__always) static func read32(_ p: UnsafeRawPointer) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
    }

    /// The 128-bit product of `a` and `b`, its halves xor-ed.
    @inline(__always) static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let m = a.multipliedFullWidth(by: b)
        return m.high ^ m.low
    }

    @inline(__always) static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x ^ (x >> 37)
        h &*= primeMX1
        return h ^ (h >> 32)
    }

    /// The spec's mixStep: 16 input bytes against 16 secret bytes and the seed.
    @inline(__always) static func mix16(_ p: UnsafeRawPointer, _ k: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        fold(read64(p) ^ (read64(k) &+ seed), read64(p + 8) ^ (read64(k + 8) &- seed))
    }

    /// The spec's mixTwoChunks on the 128-bit accumulator pair.
    @inline(__always)
    static func mix32(_ acc: inout (UInt64, UInt64), _ p1: UnsafeRawPointer, _ p2: UnsafeRawPointer,
                      _ k: UnsafeRawPointer, _ seed: UInt64) {
        acc.0 &+= mix16(p1, k, seed)
        acc.0 ^= read64(p2) &+ read64(p2 + 8)
        acc.1 &+= mix16(p2, k + 16, seed)
        acc.1 ^= read64(p1) &+ read64(p1 + 8)
    }

    // MARK: - 1 to 16 bytes

    /// first byte, middle byte, last byte and length packed as the spec's `combined`.
    @inline(__always) static func combined(_ p: UnsafeRawPointer, _ n: Int) -> UInt32 {
        let first = UInt32(p.load(as: UInt8.self)), middle = UInt32(p.load(fromByteOffset: n >> 1, as: UInt8.self))
        let last = UInt32(p.load(fromByteOffset: n - 1, as: UInt8.self))
        return last | UInt32(n) << 8 | first << 16 | middle << 24
    }

    static func short64(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        if n > 8 {
            let low = ((read64(k + 24) ^ read64(k + 32)) &+ seed) ^ read64(p)
            let high = ((read64(k + 40) ^ read64(k + 48)) &- seed) ^ read64(p + n - 8)
            return avalanche(UInt64(n) &+ low.byteSwapped &+ high &+ fold(low, high))
        }
        if n >= 4 {
            let s = seed ^ (UInt64(UInt32(truncatingIfNeeded: seed).byteSwapped) << 32)
            let input = read32(p + n - 4) | read32(p) << 32
            var h = ((read64(k + 8) ^ read64(k + 16)) &- s) ^ input
            h ^= rotl(h, 49) ^ rotl(h, 24)
            h &*= primeMX2
            h ^= (h >> 35) &+ UInt64(n)
            h &*= primeMX2
            return h ^ (h >> 28)
        }
        let bits = (read32(k) ^ read32(k + 4)) &+ seed
        return XXH64.avalanche(UInt64(combined(p, n)) ^ bits)
    }

    static func short128(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer, _ seed: UInt64) -> Hash128 {
        if n > 8 {
            let first = read64(p), last = read64(p + n - 8)
            let m = (((read64(k + 32) ^ read64(k + 40)) &- seed) ^ first ^ last).multipliedFullWidth(by: prime64_1)
            let val2 = ((read64(k + 48) ^ read64(k + 56)) &+ seed) ^ last
            let low = m.low &+ (UInt64(n - 1) << 54)
            let high = m.high &+ val2 &+ (val2 & 0xFFFF_FFFF) &* (prime32_2 - 1)
            let m2 = (low ^ high.byteSwapped).multipliedFullWidth(by: prime64_2)
            return Hash128(low: avalanche(m2.low), high: avalanche(m2.high &+ high &* prime64_2))
        }
        if n >= 4 {
            let s = seed ^ (UInt64(UInt32(truncatingIfNeeded: seed).byteSwapped) << 32)
            let input = read32(p) | read32(p + n - 4) << 32
            let value = ((read64(k + 16) ^ read64(k + 24)) &+ s) ^ input
            let m = value.multipliedFullWidth(by: prime64_1 &+ UInt64(n) << 2)
            let high = m.high &+ (m.low << 1)
            var low = m.low ^ (high >> 3)
            low ^= low >> 35
            low &*= primeMX2
            low ^= low >> 28
            return Hash128(low: low, high: avalanche(high))
        }
        let c = combined(p, n)
        let cHigh = UInt64((c.byteSwapped << 13) | (c.byteSwapped >> 19))
        let low = ((read32(k) ^ read32(k + 4)) &+ seed) ^ UInt64(c)
        let high = ((read32(k + 8) ^ read32(k + 12)) &- seed) ^ cHigh
        return Hash128(low: XXH64.avalanche(low), high: XXH64.avalanche(high))
    }

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { XXH64.rotl(x, r) }

    // MARK: - 17 to 240 bytes

    static func medium64(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        var acc = UInt64(n) &* prime64_1
        var i = (n - 1) >> 5
        while i >= 0 {
            acc &+= mix16(p + 16 * i, k + 32 * i, seed)
            acc &+= mix16(p + n - 16 - 16 * i, k + 32 * i + 16, seed)
            i -= 1
        }
        return avalanche(acc)
    }

    static func upTo240_64(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        var acc = UInt64(n) &* prime64_1
        for i in 0..<8 { acc &+= mix16(p + 16 * i, k + 16 * i, seed) }
        acc = avalanche(acc)
        for i in 8..<(n >> 4) { acc &+= mix16(p + 16 * i, k + 16 * (i - 8) + 3, seed) }
        acc &+= mix16(p + n - 16, k + 119, seed)
        return avalanche(acc)
    }

    static func medium128(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer, _ seed: UInt64) -> Hash128 {
        var acc = (UInt64(n) &* prime64_1, UInt64(0))
        if n <= 128 {
            var i = (n - 1) >> 5
            while i >= 0 {
                mix32(&acc, p + 16 * i, p + n - 16 - 16 * i, k + 32 * i, seed)
                i -= 1
            }
        } else {
            for i in 0..<4 { mix32(&acc, p + 32 * i, p + 32 * i + 16, k + 32 * i, seed) }
            acc = (avalanche(acc.0), avalanche(acc.1))
            for i in 4..<(n >> 5) { mix32(&acc, p + 32 * i, p + 32 * i + 16, k + 32 * (i - 4) + 3, seed) }
            mix32(&acc, p + n - 16, p + n - 32, k + 103, 0 &- seed)
        }
        let low = acc.0 &+ acc.1
        let high = acc.0 &* prime64_1 &+ acc.1 &* prime64_4 &+ (UInt64(n) &- seed) &* prime64_2
        return Hash128(low: avalanche(low), high: 0 &- avalanche(high))
    }

    // MARK: - Over 240 bytes

    struct Accumulators {
        var a0 = prime32_3, a1 = prime64_1, a2 = prime64_2, a3 = prime64_3
        var a4 = prime64_4, a5 = prime32_2, a6 = prime64_5, a7 = prime32_1
    }

    /// One 64-byte stripe at `p` against the 64 secret bytes at `k` (the spec's `accumulate`).
    @inline(__always) static func accumulate(_ acc: inout Accumulators, _ p: UnsafeRawPointer, _ k: UnsafeRawPointer) {
        @inline(__always) func lanes(_ a: inout UInt64, _ b: inout UInt64, _ offset: Int) {
            let v0 = read64(p + offset), v1 = read64(p + offset + 8)
            let k0 = v0 ^ read64(k + offset), k1 = v1 ^ read64(k + offset + 8)
            a &+= v1 &+ (k0 & 0xFFFF_FFFF) &* (k0 >> 32)
            b &+= v0 &+ (k1 & 0xFFFF_FFFF) &* (k1 >> 32)
        }
        lanes(&acc.a0, &acc.a1, 0)
        lanes(&acc.a2, &acc.a3, 16)
        lanes(&acc.a4, &acc.a5, 32)
        lanes(&acc.a6, &acc.a7, 48)
    }

    /// The spec's round_scramble with the last 64 secret bytes at `k`.
    @inline(__always) static func scramble(_ acc: inout Accumulators, _ k: UnsafeRawPointer) {
        @inline(__always) func one(_ a: inout UInt64, _ offset: Int) {
            a = (a ^ (a >> 47) ^ read64(k + offset)) &* prime32_1
        }
        one(&acc.a0, 0); one(&acc.a1, 8); one(&acc.a2, 16); one(&acc.a3, 24)
        one(&acc.a4, 32); one(&acc.a5, 40); one(&acc.a6, 48); one(&acc.a7, 56)
    }

    /// Steps 1-3 of the large-input path over `n` > 240 bytes with secret `k`.
    static func long(_ p: UnsafeRawPointer, _ n: Int, _ k: UnsafeRawPointer) -> Accumulators {
        var acc = Accumulators()
        let blocks = (n - 1) / blockSize
        var block = p
        for _ in 0..<blocks {
            for s in 0..<stripesPerBlock { accumulate(&acc, block + 64 * s, k + 8 * s) }
            scramble(&acc, k + secretSize - 64)
            block += blockSize
        }
        let stripes = (n - 1 - blockSize * blocks) / 64
        for s in 0..<stripes { accumulate(&acc, block + 64 * s, k + 8 * s) }
        accumulate(&acc, p + n - 64, k + secretSize - 64 - 7)
        return acc
    }

    /// The spec's finalMerge before its avalanche: four 128-bit products of accumulator pairs.
    static func merge(_ acc: Accumulators, _ k: UnsafeRawPointer, _ start: UInt64) -> UInt64 {
        var r = start
        r &+= fold(acc.a0 ^ read64(k), acc.a1 ^ read64(k + 8))
        r &+= fold(acc.a2 ^ read64(k + 16), acc.a3 ^ read64(k + 24))
        r &+= fold(acc.a4 ^ read64(k + 32), acc.a5 ^ read64(k + 40))
        r &+= fold(acc.a6 ^ read64(k + 48), acc.a7 ^ read64(k + 56))
        return r
    }
}
