// The word counts a BPE trainer starts from: every distinct pre-token (the bytes of one piece of
// the pre-tokenizer split) with the number of times it occurs in the training text. This is what
// tokenizers 0.23.3 `BpeTrainer::feed` builds (models/bpe/trainer.rs, a HashMap<String, u64>
// of byte-level-mapped pre-tokens); Quarry keeps the raw bytes, which map one-to-one.
//
// One table per worker (WordCountsParallel.swift): the distinct words' bytes in one flat buffer,
// an open-addressing index of 64-bit slots (hash high 32 bits << 32 | word index), probed
// linearly and grown at half load. The hash is a multiply-rotate mix over 8-byte loads, fixed
// (never Swift's seeded `Hasher`); tables merge by adding counts, and the trainer's result does
// not depend on the order of the words (BPETrainer.swift).
import QuarryCore

/// Distinct byte strings with occurrence counts.
public struct WordCounts: Sendable {
    /// Concatenated word bytes; word `i` is `storage[offsets[i] ..< offsets[i + 1]]`.
    public private(set) var storage: [UInt8] = []
    /// `count + 1` offsets into `storage`.
    public private(set) var offsets: [Int] = [0]
    /// Occurrences of each word.
    public private(set) var counts: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [UInt64] = [UInt64](repeating: .max, count: 1024)

    public init() {}

    /// The number of distinct words.
    public var count: Int { counts.count }

    /// The sum of all counts.
    public var totalCount: Int { counts.reduce(0, +) }

    /// The bytes of word `index`.
    public func word(_ index: Int) -> ArraySlice<UInt8> { storage[offsets[index]..<offsets[index + 1]] }

    /// The count of `word` (0 when absent).
    public func count<Bytes: Collection>(of word: Bytes) -> Int where Bytes.Element == UInt8 {
        let bytes = Array(word)
        return bytes.withUnsafeBufferPointer { buffer in
            let hash = Self.hash(buffer)
            var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[index] != .max {
                let word = Int(slots[index] & 0xFFFF_FFFF)
                if hashes[word] == hash, storage[offsets[word]..<offsets[word + 1]].elementsEqual(buffer) { return counts[word] }
                index = (index + 1) & (slots.count - 1)
            }
            return 0
        }
    }

    /// Adds `count` occurrences of `word` (a pre-token; may be empty, though the trainer never
    /// feeds empty pieces).
    public mutating func add(_ word: UnsafeBufferPointer<UInt8>, count: Int = 1) {
        add(word, hash: Self.hash(word), count: count)
    }

    /// Adds `count` occurrences of the word whose bytes are `word`.
    public mutating func add<Bytes: Collection>(_ word: Bytes, count: Int = 1) where Bytes.Element == UInt8 {
        let bytes = Array(word)
        bytes.withUnsafeBufferPointer { add($0, count: count) }
    }

    @inline(__always)
    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, count: Int) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 32
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            storage.withUnsafeBufferPointer { all in
                while true {
                    let slot = slots[index]
                    if slot == .max { return nil }
                    if slot >> 32 == tag {
                        let id = Int(slot & 0xFFFF_FFFF)
                        let start = offsets[id], length = offsets[id + 1] - start
                        if length == word.count, hashes[id] == hash,
                           length == 0 || memcmp(all.baseAddress! + start, word.baseAddress!, length) == 0 {
                            return id
                        }
                    }
                    index = (index + 1) & mask
                }
            }
        }
        if let found {
            counts[found] += count
            return
        }
        let id = counts.count
        storage.append(contentsOf: word)
        offsets.append(storage.count)
        counts.append(count)
        hashes.append(hash)
        slots[index] = tag << 32 | UInt64(id)
        if counts.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: .max, count: slots.count * 2)
        let mask = bigger.count - 1
        for (id, hash) in hashes.enumerated() {
            var index = Int(truncatingIfNeeded: hash) & mask
            while bigger[index] != .max { index = (index + 1) & mask }
            bigger[index] = (hash >> 32) << 32 | UInt64(id)
        }
        slots = bigger
    }

    /// Adds every word of `other` with its count (merging two workers' tables).
    public mutating func add(contentsOf other: WordCounts) {
        other.storage.withUnsafeBufferPointer { all in
            for id in 0..<other.count {
                let word = UnsafeBufferPointer(rebasing: all[other.offsets[id]..<other.offsets[id + 1]])
                add(word, hash: other.hashes[id], count: other.counts[id])
            }
        }
    }

    /// The words as a dictionary (tests and small inputs).
    public var dictionary: [[UInt8]: Int] {
        var result: [[UInt8]: Int] = [:]
        for id in 0..<count { result[Array(word(id))] = counts[id] }
        return result
    }

    /// A fixed 64-bit hash of a short byte string: 8-byte little-endian loads folded with a
    /// multiply and a rotation, then a final avalanche (constants from xxHash's PRIME64 set).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x27D4_EB2F_1656_67C5 &+ UInt64(bytes.count)
        guard var p = bytes.baseAddress else { return finish(h) }
        var remaining = bytes.count
        while remaining >= 8 {
            let word = SWAR.load(p)
            h = (h ^ (word &* 0x9E37_79B1_85EB_CA87)).rotatedLeft(by: 27) &* 0xC2B2_AE3D_27D4_EB4F
            p += 8
            remaining -= 8
        }
        if remaining > 0 {
            var tail: UInt64 = 0
            for i in 0..<remaining { tail |= UInt64(p[i]) << (8 * UInt64(i)) }
            h = (h ^ (tail &* 0x9E37_79B1_85EB_CA87)).rotatedLeft(by: 27) &* 0xC2B2_AE3D_27D4_EB4F
        }
        return finish(h)
    }

    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= 0x1656_67B1_9E37_79F9
        h ^= h >> 29
        return h
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotatedLeft(by amount: UInt64) -> UInt64 { (self << amount) | (self >> (64 - amount)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
