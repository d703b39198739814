// Named, seeded, stable hashes of bytes, for anything stored or compared across runs and
// machines (dedup signatures, shard assignment, fixtures): XXH64, XXH3-64 and XXH3-128 exactly as
// the xxHash specification defines them (Yann Collet, "xxHash fast digest algorithm",
// github.com/Cyan4973/xxHash doc/xxhash_spec.md; XXH3 with the standard 192-byte default secret,
// and for seeded inputs over 240 bytes the secret derived from the seed). Output equals the
// reference library's (xxHash 0.8, e.g. Python's `xxhash` 3.8.2: `xxh64_intdigest`,
// `xxh3_64_intdigest`, `xxh3_128_intdigest`) on every platform. Never Swift's `Hasher`, which
// is seeded per process. XXH64 lives here; XXH3 in XXH3.swift.
//
// Input is read with unaligned little-endian 8-byte loads straight from the caller's buffer.

/// A 128-bit hash: XXH3-128's two halves. Its canonical form (`hex`) is big-endian, high half
/// first, as xxHash prints it (`XXH128_canonicalFromHash`, Python's `hexdigest()`).
public struct Hash128: Hashable, Sendable, CustomStringConvertible {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// 32 lowercase hex digits, high half first.
    public var hex: String { StableHash.hex(high) + StableHash.hex(low) }

    public var description: String { hex }
}

/// Stable, seeded hashes of bytes (see the file header).
public enum StableHash {
    /// XXH64 of `bytes` with `seed`.
    public static func xxh64(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return XXH64.finish(seed &+ XXH64.p5, length: 0) }
        return XXH64.hash(UnsafeRawPointer(base), bytes.count, seed: seed)
    }

    /// XXH3-64 of `bytes` with `seed` (0: the unseeded XXH3_64bits).
    public static func xxh3_64(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        XXH3.hash64(bytes.baseAddress.map(UnsafeRawPointer.init), bytes.count, seed: seed)
    }

    /// XXH3-128 of `bytes` with `seed` (0: the unseeded XXH3_128bits).
    public static func xxh3_128(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> Hash128 {
        XXH3.hash128(bytes.baseAddress.map(UnsafeRawPointer.init), bytes.count, seed: seed)
    }

    /// XXH64 of the UTF-8 bytes of `text`.
    public static func xxh64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        withUTF8Bytes(of: text) { xxh64($0, seed: seed) }
    }

    /// XXH3-64 of the UTF-8 bytes of `text`.
    public static func xxh3_64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        withUTF8Bytes(of: text) { xxh3_64($0, seed: seed) }
    }

    /// XXH3-128 of the UTF-8 bytes of `text`.
    public static func xxh3_128(_ text: String, seed: UInt64 = 0) -> Hash128 {
        withUTF8Bytes(of: text) { xxh3_128($0, seed: seed) }
    }

    /// XXH64 of `bytes`.
    public static func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBufferPointer { xxh64($0, seed: seed) }
    }

    /// XXH3-64 of `bytes`.
    public static func xxh3_64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBufferPointer { xxh3_64($0, seed: seed) }
    }

    /// XXH3-128 of `bytes`.
    public static func xxh3_128(_ bytes: [UInt8], seed: UInt64 = 0) -> Hash128 {
        bytes.withUnsafeBufferPointer { xxh3_128($0, seed: seed) }
    }

    /// A 64-bit hash as xxHash's canonical form prints it: 16 lowercase hex digits, big-endian.
    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// XXH64 fed in pieces: the same value as `StableHash.xxh64` of the concatenated pieces.
public struct XXH64Hasher: Sendable {
    private var acc: (UInt64, UInt64, UInt64, UInt64)
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // up to 31 bytes not yet in a stripe
    private var pendingCount = 0
    private var length: UInt64 = 0
    private let seed: UInt64

    public init(seed: UInt64 = 0) {
        self.seed = seed
        acc = (seed &+ XXH64.p1 &+ XXH64.p2, seed &+ XXH64.p2, seed, seed &- XXH64.p1)
    }

    /// Adds `bytes` to the input.
    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var p = bytes.baseAddress.map(UnsafeRawPointer.init), !bytes.isEmpty else { return }
        var n = bytes.count
        length &+= UInt64(n)
        if pendingCount > 0 {
            let take = min(n, 32 - pendingCount)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: p, byteCount: take) }
            pendingCount += take
            p += take
            n -= take
            if pendingCount < 32 { return }
            withUnsafeBytes(of: pending) { XXH64.stripes(&acc, $0.baseAddress!, 32) }
            pendingCount = 0
        }
        let whole = n & ~31
        if whole > 0 { XXH64.stripes(&acc, p, whole) }
        if n > whole {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: p + whole, byteCount: n - whole) }
            pendingCount = n - whole
        }
    }

    /// Adds the UTF-8 bytes of `text` to the input.
    public mutating func update(_ text: String) {
        withUTF8Bytes(of: text) { update($0) }
    }

    /// The XXH64 of everything added so far (the hasher can go on taking input).
    public func finalize() -> UInt64 {
        var h = length >= 32 ? XXH64.converge(acc) : seed &+ XXH64.p5
        h &+= length
        return withUnsafeBytes(of: pending) { XXH64.finish(h, tail: $0.baseAddress!, pendingCount) }
    }
}

/// XXH64 (xxhash_spec.md, "XXH64 Algorithm Description"): four lanes of 8 bytes per 32-byte stripe.
enum XXH64 {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func read64(_ p: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    }

    @inline(__always) static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        (acc ^ round(0, lane)) &* p1 &+ p4
    }

    /// Step 2 over `count` bytes (a multiple of 32).
    @inline(__always) static func stripes(_ acc: inout (UInt64, UInt64, UInt64, UInt64), _ p: UnsafeRawPointer, _ count: Int) {
        var (a1, a2, a3, a4) = acc
        var q = p
        let end = p + count
        while q < end {
            a1 = round(a1, read64(q))
            a2 = round(a2, read64(q + 8))
            a3 = round(a3, read64(q + 16))
            a4 = round(a4, read64(q + 24))
            q += 32
        }
        acc = (a1, a2, a3, a4)
    }

    /// Step 3.
    @inline(__always) static func converge(_ acc: (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        var h = rotl(acc.0, 1) &+ rotl(acc.1, 7) &+ rotl(acc.2, 12) &+ rotl(acc.3, 18)
        h = merge(h, acc.0)
        h = merge(h, acc.1)
        h = merge(h, acc.2)
        return merge(h, acc.3)
    }

    static func hash(_ p: UnsafeRawPointer, _ n: Int, seed: UInt64) -> UInt64 {
        var h: UInt64
        let whole = n & ~31
        if n >= 32 {
            var acc = (seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1)
            stripes(&acc, p, whole)
            h = converge(acc)
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(n)
        return finish(h, tail: p + whole, n - whole)
    }

    /// Steps 5 and 6: the last `count` (< 32) bytes at `tail`, then the avalanche.
    @inline(__always) static func finish(_ acc: UInt64, tail: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h = acc
        var q = tail
        var n = count
        while n >= 8 {
            h = rotl(h ^ round(0, read64(q)), 27) &* p1 &+ p4
            q += 8
            n -= 8
        }
        if n >= 4 {
            h = rotl(h ^ UInt64(UInt32(littleEndian: q.loadUnaligned(as: UInt32.self))) &* p1, 23) &* p2 &+ p3
            q += 4
            n -= 4
        }
        while n > 0 {
            h = rotl(h ^ UInt64(q.load(as: UInt8.self)) &* p5, 11) &* p1
            q += 1
            n -= 1
        }
        return avalanche(h)
    }

    /// Steps 4-6 for empty input.
    static func finish(_ acc: UInt64, length: Int) -> UInt64 { avalanche(acc &+ UInt64(length)) }

    @inline(__always) static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}
