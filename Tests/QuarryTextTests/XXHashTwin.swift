// The plain twin of StableHash for the tests: XXH64 and XXH3 (64 and 128 bits) written line by
// line from xxhash_spec.md on byte arrays, with index arithmetic and no unsafe loads, so the fast
// kernels in Sources/QuarryText/StableHash.swift and XXH3.swift can be checked on any input.
enum XXHashTwin {
    static let p32: [UInt64] = [0, 0x9E37_79B1, 0x85EB_CA77, 0xC2B2_AE3D]
    static let p64: [UInt64] = [0, 0x9E37_79B1_85EB_CA87, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9,
                                0x85EB_CA77_C2B2_AE63, 0x27D4_EB2F_1656_67C5]
    static let mx1: UInt64 = 0x1656_6791_9E37_79F9
    static let mx2: UInt64 = 0x9FB2_1C65_1E98_DF25

    static func le(_ b: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in (0..<width).reversed() { v = v << 8 | UInt64(b[at + i]) }
        return v
    }

    static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { r == 0 ? x : (x << r) | (x >> (64 - r)) }
    static func rotl32(_ x: UInt32, _ r: UInt32) -> UInt32 { (x << r) | (x >> (32 - r)) }

    static func xxh64(_ b: [UInt8], seed: UInt64) -> UInt64 {
        func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 { rotl(acc &+ lane &* p64[2], 31) &* p64[1] }
        var acc: UInt64
        var i = 0
        if b.count < 32 {
            acc = seed &+ p64[5]
        } else {
            var a = [seed &+ p64[1] &+ p64[2], seed &+ p64[2], seed, seed &- p64[1]]
            while b.count - i >= 32 {
                for lane in 0..<4 { a[lane] = round(a[lane], le(b, i + 8 * lane, 8)) }
                i += 32
            }
            acc = rotl(a[0], 1) &+ rotl(a[1], 7) &+ rotl(a[2], 12) &+ rotl(a[3], 18)
            for lane in 0..<4 { acc = (acc ^ round(0, a[lane])) &* p64[1] &+ p64[4] }
        }
        acc &+= UInt64(b.count)
        while b.count - i >= 8 { acc = rotl(acc ^ round(0, le(b, i, 8)), 27) &* p64[1] &+ p64[4]; i += 8 }
        if b.count - i >= 4 { acc = rotl(acc ^ (le(b, i, 4) &* p64[1]), 23) &* p64[2] &+ p64[3]; i += 4 }
        while i < b.count { acc = rotl(acc ^ (UInt64(b[i]) &* p64[5]), 11) &* p64[1]; i += 1 }
        return avalancheXXH64(acc)
    }

    static func avalancheXXH64(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33; x &*= p64[2]; x ^= x >> 29; x &*= p64[3]; x ^= x >> 32
        return x
    }

    static func avalanche(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 37; x &*= mx1; x ^= x >> 32
        return x
    }

    static func mul128(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) { a.multipliedFullWidth(by: b) }

    /// XXH3-64 (`wide` false: the result is in `low`) or XXH3-128.
    static func xxh3(_ input: [UInt8], seed: UInt64, wide: Bool = false) -> (low: UInt64, high: UInt64) {
        let secret = XXH3Secret.bytes
        let n = input.count
        func s64(_ at: Int) -> UInt64 { le(secret, at, 8) }
        func s32(_ at: Int) -> UInt64 { le(secret, at, 4) }
        func in64(_ at: Int) -> UInt64 { le(input, at, 8) }
        func in32(_ at: Int) -> UInt64 { le(input, at, 4) }
        if n == 0 {
            if !wide { return (avalancheXXH64(seed ^ s64(56) ^ s64(64)), 0) }
            return (avalancheXXH64(seed ^ s64(64) ^ s64(72)), avalancheXXH64(seed ^ s64(80) ^ s64(88)))
        }
        if n <= 3 {
            let combined = UInt32(input[n - 1]) | UInt32(n) << 8 | UInt32(input[0]) << 16 | UInt32(input[n >> 1]) << 24
            let low = ((s32(0) ^ s32(4)) &+ seed) ^ UInt64(combined)
            if !wide { return (avalancheXXH64(low), 0) }
            let high = ((s32(8) ^ s32(12)) &- seed) ^ UInt64(rotl32(combined.byteSwapped, 13))
            return (avalancheXXH64(low), avalancheXXH64(high))
        }
        if n <= 8 {
            let first = in32(0), last = in32(n - 4)
            let modifiedSeed = seed ^ (UInt64(UInt32(seed & 0xFFFF_FFFF).byteSwapped) << 32)
            if !wide {
                var value = ((s64(8) ^ s64(16)) &- modifiedSeed) ^ (last | first << 32)
                value = value ^ rotl(value, 49) ^ rotl(value, 24)
                value &*= mx2
                value ^= (value >> 35) &+ UInt64(n)
                value &*= mx2
                return (value ^ (value >> 28), 0)
            }
            let value = ((s64(16) ^ s64(24)) &+ modifiedSeed) ^ (first | last << 32)
            let m = mul128(value, p64[1] &+ (UInt64(n) << 2))
            var high = m.high, low = m.low
            high = high &+ (low << 1)
            low = low ^ (high >> 3)
            low = low ^ (low >> 35)
            low = low &* mx2
            low = low ^ (low >> 28)
            return (low, avalanche(high))
        }
        if n <= 16 {
            let first = in64(0), last = in64(n - 8)
            if !wide {
                let low = ((s64(24) ^ s64(32)) &+ seed) ^ first
                let high = ((s64(40) ^ s64(48)) &- seed) ^ last
                let m = mul128(low, high)
                return (avalanche(UInt64(n) &+ low.byteSwapped &+ high &+ (m.low ^ m.high)), 0)
            }
            let val1 = ((s64(32) ^ s64(40)) &- seed) ^ first ^ last
            let val2 = ((s64(48) ^ s64(56)) &+ seed) ^ last
            let m = mul128(val1, p64[1])
            var low = m.low &+ (UInt64(n - 1) << 54)
            var high = m.high &+ ((val2 >> 32) << 32) &+ (val2 & 0xFFFF_FFFF) &* p32[2]
            low = low ^ high.byteSwapped
            let m2 = mul128(low, p64[2])
            low = m2.low
            high = m2.high &+ high &* p64[2]
            return (avalanche(low), avalanche(high))
        }
        func mixStep(_ at: Int, _ secretOffset: Int, _ seed: UInt64) -> UInt64 {
            let m = mul128(in64(at) ^ (s64(secretOffset) &+ seed), in64(at + 8) ^ (s64(secretOffset + 8) &- seed))
            return m.low ^ m.high
        }
        if n <= 240 {
            var acc: [UInt64] = [UInt64(n) &* p64[1], 0]
            func mixTwoChunks(_ a1: Int, _ a2: Int, _ secretOffset: Int, _ seed: UInt64) {
                acc[0] = acc[0] &+ mixStep(a1, secretOffset, seed)
                acc[1] = acc[1] &+ mixStep(a2, secretOffset + 16, seed)
                acc[0] = acc[0] ^ (in64(a2) &+ in64(a2 + 8))
                acc[1] = acc[1] ^ (in64(a1) &+ in64(a1 + 8))
            }
            if n <= 128 {
                let rounds = ((n - 1) >> 5) + 1
                for i in stride(from: rounds - 1, through: 0, by: -1) {
                    if wide {
                        mixTwoChunks(i * 16, n - i * 16 - 16, i * 32, seed)
                    } else {
                        acc[0] = acc[0] &+ mixStep(i * 16, i * 32, seed) &+ mixStep(n - i * 16 - 16, i * 32 + 16, seed)
                    }
                }
            } else if !wide {
                for i in 0..<8 { acc[0] = acc[0] &+ mixStep(i * 16, i * 16, seed) }
                acc[0] = avalanche(acc[0])
                for i in 8..<(n >> 4) { acc[0] = acc[0] &+ mixStep(i * 16, (i - 8) * 16 + 3, seed) }
                acc[0] = acc[0] &+ mixStep(n - 16, 119, seed)
            } else {
                for i in 0..<4 { mixTwoChunks(i * 32, i * 32 + 16, i * 32, seed) }
                acc = [avalanche(acc[0]), avalanche(acc[1])]
                for i in 4..<(n >> 5) { mixTwoChunks(i * 32, i * 32 + 16, (i - 4) * 32 + 3, seed) }
                mixTwoChunks(n - 16, n - 32, 103, 0 &- seed)
            }
            if !wide { return (avalanche(acc[0]), 0) }
            let low = acc[0] &+ acc[1]
            let high = acc[0] &* p64[1] &+ acc[1] &* p64[4] &+ (UInt64(n) &- seed) &* p64[2]
            return (avalanche(low), 0 &- avalanche(high))
        }
        // Large inputs: the secret derived from the seed, 8 accumulators, 16 stripes a block.
        var derived = secret
        if seed != 0 {
            for i in 0..<12 {
                let even = s64(16 * i) &+ seed, odd = s64(16 * i + 8) &- seed
                for j in 0..<8 {
                    derived[16 * i + j] = UInt8(truncatingIfNeeded: even >> (8 * j))
                    derived[16 * i + 8 + j] = UInt8(truncatingIfNeeded: odd >> (8 * j))
                }
            }
        }
        func k64(_ at: Int) -> UInt64 { le(derived, at, 8) }
        var acc: [UInt64] = [p32[3], p64[1], p64[2], p64[3], p64[4], p32[2], p64[5], p32[1]]
        func accumulate(_ at: Int, _ secretOffset: Int) {
            for i in 0..<8 {
                let value = in64(at + 8 * i) ^ k64(secretOffset + 8 * i)
                acc[i ^ 1] = acc[i ^ 1] &+ in64(at + 8 * i)
                acc[i] = acc[i] &+ (value & 0xFFFF_FFFF) &* (value >> 32)
            }
        }
        let blockSize = 1024
        var at = 0
        while n - at > blockSize {
            for s in 0..<16 { accumulate(at + 64 * s, 8 * s) }
            for i in 0..<8 { acc[i] = (acc[i] ^ (acc[i] >> 47) ^ k64(128 + 8 * i)) &* p32[1] }
            at += blockSize
        }
        for s in 0..<((n - at - 1) / 64) { accumulate(at + 64 * s, 8 * s) }
        accumulate(n - 64, 192 - 71)
        func finalMerge(_ initValue: UInt64, _ secretOffset: Int) -> UInt64 {
            var result = initValue
            for i in 0..<4 {
                let m = mul128(acc[2 * i] ^ k64(secretOffset + 16 * i), acc[2 * i + 1] ^ k64(secretOffset + 16 * i + 8))
                result = result &+ (m.low ^ m.high)
            }
            return avalanche(result)
        }
        let low = finalMerge(UInt64(n) &* p64[1], 11)
        return wide ? (low, finalMerge(~(UInt64(n) &* p64[2]), 192 - 75)) : (low, 0)
    }
}

/// The spec's default secret, typed in again from xxhash_spec.md for the twin.
enum XXH3Secret {
    static let bytes: [UInt8] = [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
        0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
        0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
        0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
    ]
}
