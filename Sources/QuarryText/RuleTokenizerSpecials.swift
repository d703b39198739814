// Tokenizer exceptions ("special cases") of RuleTokenizer, after spacy/tokenizer.pyx (spaCy
// 3.8.18): a whole string that is a rule ("don't", ":)", "e.g.") becomes the rule's pieces.
// Rules are found by a hash of their bytes (a multiply-xorshift over 8-byte words, the same on
// every run and machine) in an open-addressing table, after a filter that rejects most other
// strings with one load: a 65,536-bit set of the rules' shapes (length, first, second and last
// byte, hashed to 16 bits).

/// A language's rules. Immutable after init; the hot tables are raw memory owned by the instance.
final class RuleExceptions: @unchecked Sendable {
    /// Piece byte lengths of rule i: pieceLengths[pieceStarts[i]..<pieceStarts[i + 1]].
    let pieceLengths: [Int]
    let pieceStarts: [Int]
    /// The longest rule, in bytes.
    let longest: Int

    private let bytes: UnsafeMutablePointer<UInt8>  // rules' text, concatenated
    private let ruleStarts: UnsafeMutablePointer<Int>  // rule i: ruleStarts[i]..<ruleStarts[i + 1]
    private let slots: UnsafeMutablePointer<Int32>  // rule index + 1, 0 for an empty slot
    private let slotMask: Int
    /// The set of the rules' shapes (`shape(_:_:)`), 2^16 bits.
    private let shapes: UnsafeMutablePointer<UInt64>
    init(rules encoded: [String]) {
        var text: [UInt8] = [], starts = [0], pieceLengths: [Int] = [], pieceStarts = [0]
        for entry in encoded {
            let parts = entry.split(separator: "\u{1}", omittingEmptySubsequences: false)
            text += Array(parts[0].utf8)
            starts.append(text.count)
            pieceLengths += parts[1].split(separator: ",").map { Int($0)! }
            pieceStarts.append(pieceLengths.count)
        }
        self.pieceLengths = pieceLengths
        self.pieceStarts = pieceStarts
        let count = starts.count - 1
        longest = (0..<count).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        precondition(longest < 64, "rule length filters hold lengths below 64")
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(text.count, 1))
        bytes.initialize(from: text, count: text.count)
        self.bytes = bytes
        ruleStarts = .allocate(capacity: starts.count)
        ruleStarts.initialize(from: starts, count: starts.count)
        shapes = .allocate(capacity: 1024)
        shapes.initialize(repeating: 0, count: 1024)
        (slots, slotMask) = RuleExceptions.table(count) { RuleExceptions.hash(bytes + starts[$0], starts[$0 + 1] - starts[$0]) }
        for i in 0..<count {
            let n = starts[i + 1] - starts[i]
            let shape = RuleExceptions.shape(bytes + starts[i], n)
            shapes[shape >> 6] |= 1 << UInt64(shape & 63)
        }
    }

    deinit {
        shapes.deallocate()
        bytes.deallocate()
        ruleStarts.deallocate()
        slots.deallocate()
    }

    /// An open-addressing table of `count` entries (index + 1 per slot, 0 for empty) at least
    /// four times as large, placed by `hash`; returns it with its index mask.
    static func table(_ count: Int, _ hash: (Int) -> UInt64) -> (UnsafeMutablePointer<Int32>, Int) {
        var capacity = 16
        while capacity < count * 4 { capacity *= 2 }
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        for i in 0..<count {
            var slot = Int(truncatingIfNeeded: hash(i)) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(i + 1)
        }
        return (slots, capacity - 1)
    }

    /// A 16-bit hash of a string's length and first, second and last bytes (`count` > 0).
    @inline(__always)
    static func shape(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let second = count > 1 ? UInt32(p[1]) : 0
        let key = UInt32(p[0]) | second << 8 | UInt32(p[count - 1]) << 16 | UInt32(truncatingIfNeeded: count) << 24
        return Int((key &* 0x9E37_79B1) >> 16)
    }

    /// A 64-bit hash of `count` bytes: 8-byte little-endian words, each multiplied in.
    /// `readable`: how many bytes from `p` may be read; with 8 or more after the last whole word,
    /// the tail is one masked load instead of a byte loop (same value).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ count: Int, readable: Int = 0) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while count - i >= 8 {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self).littleEndian) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < count {
            var tail: UInt64
            if readable - i >= 8 {
                tail = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self).littleEndian
                tail &= ~(UInt64.max << UInt64(8 * (count - i)))
            } else {
                tail = 0
                for k in i..<count { tail |= UInt64(p[k]) << UInt64(8 * (k - i)) }
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return h ^ (h >> 29)
    }

    /// The piece byte lengths of rule `rule`.
    func pieces(_ rule: Int) -> ArraySlice<Int> { pieceLengths[pieceStarts[rule]..<pieceStarts[rule + 1]] }

    /// The text of rule `rule`.
    func text(_ rule: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + ruleStarts[rule], count: ruleStarts[rule + 1] - ruleStarts[rule])
    }

    /// The rule whose text is exactly text[lo..<hi], if any.
    @inline(__always)
    func rule(_ text: UTF8Text, _ lo: Int, _ hi: Int) -> Int? {
        let n = hi - lo
        guard n > 0, n <= longest else { return nil }
        let shape = RuleExceptions.shape(text.base + lo, n)
        guard shapes[shape >> 6] & (1 << UInt64(shape & 63)) != 0 else { return nil }
        var slot = Int(truncatingIfNeeded: RuleExceptions.hash(text.base + lo, n, readable: text.count - lo)) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let start = ruleStarts[entry - 1]
            if ruleStarts[entry] - start == n && memcmpEqual(bytes + start, text.base + lo, n) { return entry - 1 }
            slot = (slot + 1) & slotMask
        }
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for i in 0..<n where a[i] != b[i] { return false }
    return true
}
