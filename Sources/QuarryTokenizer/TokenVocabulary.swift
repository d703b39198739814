// A tokenizer's vocabulary as raw byte strings: id → bytes and bytes → id. Token bytes live in
// one flat buffer with offsets (no array per token); the reverse lookup is an open-addressing
// table of 64-bit slots (hash high bits << 32 | id) probed linearly, hashed with FNV-1a over the
// bytes — stable across runs, never Swift's seeded `Hasher`. Ids may have holes (an id used
// only by an added token has no model bytes); a hole reads as empty and is never found by bytes.

/// Token ids are 32-bit everywhere in Quarry (`tokenizers` uses u32 too).
public typealias TokenID = UInt32

/// The id ↔ byte-string table of a BPE model.
public struct TokenVocabulary: Sendable, Equatable {
    /// Concatenated token bytes; token `i` is `storage[offsets[i] ..< offsets[i + 1]]`.
    public private(set) var storage: [UInt8]
    /// `count + 1` offsets into `storage`.
    public private(set) var offsets: [Int]
    /// Whether each id has model bytes (false for holes).
    public private(set) var present: [Bool]
    private var slots: [UInt64]
    private var mask: Int

    /// One token per id, in id order; a nil entry is a hole. Duplicate byte strings keep the
    /// first id for the reverse lookup (`tokenizers` refuses them when reading; the reader
    /// reports them before building this table).
    public init(tokens: [[UInt8]?]) {
        storage = []
        offsets = [0]
        present = []
        offsets.reserveCapacity(tokens.count + 1)
        for token in tokens {
            storage.append(contentsOf: token ?? [])
            offsets.append(storage.count)
            present.append(token != nil)
        }
        var capacity = 16
        while capacity < tokens.count * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: UInt64.max, count: capacity)
        mask = capacity - 1
        for id in 0..<tokens.count where present[id] {
            let hash = storage.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]])) }
            var index = Int(truncatingIfNeeded: hash) & mask
            var duplicate = false
            while slots[index] != UInt64.max {
                let other = Int(slots[index] & 0xFFFF_FFFF)
                if slots[index] >> 32 == hash >> 32, storage[offsets[other]..<offsets[other + 1]].elementsEqual(storage[offsets[id]..<offsets[id + 1]]) {
                    duplicate = true
                    break
                }
                index = (index + 1) & mask
            }
            if !duplicate { slots[index] = (hash >> 32) << 32 | UInt64(id) }
        }
    }

    /// The number of ids, holes included.
    public var count: Int { present.count }

    /// The bytes of `id` (empty for a hole or an id out of range).
    public func bytes(of id: TokenID) -> ArraySlice<UInt8> {
        let i = Int(id)
        guard i < present.count else { return [] }
        return storage[offsets[i]..<offsets[i + 1]]
    }

    /// The id whose bytes are exactly `bytes`, if any.
    public func id(of bytes: UnsafeBufferPointer<UInt8>) -> TokenID? {
        let hash = Self.hash(bytes)
        var index = Int(truncatingIfNeeded: hash) & mask
        return storage.withUnsafeBufferPointer { all in
            while true {
                let slot = slots[index]
                if slot == UInt64.max { return nil }
                if slot >> 32 == hash >> 32 {
                    let id = Int(slot & 0xFFFF_FFFF)
                    let start = offsets[id], length = offsets[id + 1] - start
                    if length == bytes.count, length == 0 || memoryEqual(all.baseAddress! + start, bytes.baseAddress!, length) {
                        return TokenID(id)
                    }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Convenience over `id(of:)` for any byte collection.
    public func id<Bytes: Collection>(of bytes: Bytes) -> TokenID? where Bytes.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { id(of: $0) }
    }

    /// FNV-1a 64 over the bytes.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    public static func == (a: TokenVocabulary, b: TokenVocabulary) -> Bool {
        a.storage == b.storage && a.offsets == b.offsets && a.present == b.present
    }
}

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}
