// A fastText model's vocabulary: its words and labels with their counts, the word lookup, the
// bucket map a pruned (quantized with cutoff) model keeps, and each word's precomputed list of
// input rows (the word itself, then its character n-grams). Follows `Dictionary` in
// facebookresearch/fastText src/dictionary.cc @1142dc4: entries are words first, then labels;
// a word's id is its index, a label's id is its index minus `nwords`; character n-grams of
// `minn...maxn` UTF-8 characters of "<word>" hash into `bucket` rows placed after the words.
import Glibc

public struct FastTextDictionary: Sendable {
    public struct Entry: Sendable, Equatable {
        public var word: [UInt8]
        public var count: Int64
        public var isLabel: Bool

        public init(word: [UInt8], count: Int64, isLabel: Bool) {
            self.word = word
            self.count = count
            self.isLabel = isLabel
        }
    }

    /// The end-of-line token every line ends with (`Dictionary::EOS`).
    public static let endOfLine: [UInt8] = Array("</s>".utf8)
    /// The prefix that makes a token a label (`Args::label`; never stored in model files).
    public static let labelPrefix: [UInt8] = Array("__label__".utf8)

    public let entries: [Entry]
    public let nwords: Int
    public let nlabels: Int
    /// Tokens read when the dictionary was built (stored, used by training's learning rate).
    public let ntokens: Int64
    /// For a pruned model, bucket index → row offset after the words; `nil` when never pruned
    /// (fastText's `pruneidx_size == -1`). An empty map keeps no n-gram at all.
    public let pruneIndex: [Int32: Int32]?
    public let bucket: Int32
    public let minn: Int32
    public let maxn: Int32
    public let wordNgrams: Int32

    /// Open-addressing table probed from the fastText hash: each slot holds the entry's hash in
    /// its high 32 bits and its id in the low 32 (`emptySlot` = free), so a probe reads one word.
    private let slots: [UInt64]
    private static let emptySlot = UInt64.max
    /// Every entry's bytes back to back: entry `i` is `wordBytes[wordStarts[i]..<wordStarts[i + 1]]`.
    private let wordBytes: [UInt8]
    private let wordStarts: [Int32]
    /// Bucket → input row for pruned models (−1 = dropped); empty when not pruned.
    private let bucketRows: [Int32]
    /// Word `i`'s input rows are `subwordRows[subwordStarts[i]..<subwordStarts[i + 1]]`.
    private let subwordStarts: [Int32]
    private let subwordRows: [Int32]

    /// Builds the lookup structures. `entries` must hold the words first, then the labels.
    public init(entries: [Entry], ntokens: Int64, pruneIndex: [Int32: Int32]?, args: FastTextArgs) {
        self.entries = entries
        let nlabels = entries.reduce(0) { $0 + ($1.isLabel ? 1 : 0) }
        self.nlabels = nlabels
        self.nwords = entries.count - nlabels
        self.ntokens = ntokens
        self.pruneIndex = pruneIndex
        self.bucket = args.bucket
        self.minn = args.minn
        self.maxn = args.maxn
        self.wordNgrams = args.wordNgrams

        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: Self.emptySlot, count: capacity)
        var wordBytes = [UInt8]()
        var wordStarts: [Int32] = [0]
        wordStarts.reserveCapacity(entries.count + 1)
        for (i, entry) in entries.enumerated() {
            let h = FastTextHash.hash(entry.word)
            var slot = Int(h) & (capacity - 1)
            while slots[slot] != Self.emptySlot { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = UInt64(h) << 32 | UInt64(i)
            wordBytes.append(contentsOf: entry.word)
            wordStarts.append(Int32(wordBytes.count))
        }
        self.slots = slots
        self.wordBytes = wordBytes
        self.wordStarts = wordStarts

        var bucketRows = [Int32]()
        if let pruneIndex {
            bucketRows = [Int32](repeating: -1, count: Int(max(args.bucket, 0)))
            for (key, value) in pruneIndex where key >= 0 && Int(key) < bucketRows.count {
                bucketRows[Int(key)] = value
            }
        }
        self.bucketRows = bucketRows

        // Precomputed rows of every word: itself, then the n-grams of "<word>" (none for </s>).
        var starts: [Int32] = [0]
        var rows = [Int32]()
        var wrapped = [UInt8]()
        starts.reserveCapacity(entries.count - nlabels + 1)
        for i in 0..<(entries.count - nlabels) {
            rows.append(Int32(i))
            if entries[i].word != Self.endOfLine {
                wrapped.removeAll(keepingCapacity: true)
                wrapped.append(UInt8(ascii: "<"))
                wrapped.append(contentsOf: entries[i].word)
                wrapped.append(UInt8(ascii: ">"))
                wrapped.withUnsafeBufferPointer {
                    Self.characterNgrams($0, minn: args.minn, maxn: args.maxn, bucket: args.bucket,
                                         nwords: Int32(entries.count - nlabels), bucketRows: bucketRows,
                                         pruned: pruneIndex != nil, into: &rows)
                }
            }
            starts.append(Int32(rows.count))
        }
        self.subwordStarts = starts
        self.subwordRows = rows
    }

    /// The id of `word` (an index into `entries`), or −1. `hash` is `FastTextHash.hash(word)`.
    @inlinable
    public func id(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(of: word, hash: FastTextHash.hash(word))
    }

    public func id(of word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            wordStarts.withUnsafeBufferPointer { starts in
                wordBytes.withUnsafeBufferPointer { bytes in
                    let mask = slots.count - 1
                    var slot = Int(hash) & mask
                    while true {
                        let candidate = slots[slot]
                        if candidate == Self.emptySlot { return -1 }
                        if UInt32(truncatingIfNeeded: candidate >> 32) == hash {
                            let id = Int(truncatingIfNeeded: candidate & 0xFFFF_FFFF)
                            let start = Int(starts[id]), count = Int(starts[id + 1]) - start
                            if count == word.count && (count == 0 || memcmp(bytes.baseAddress! + start, word.baseAddress!, count) == 0) {
                                return Int32(id)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Label `index` (0..<nlabels) as stored, with its `__label__` prefix.
    public func label(_ index: Int) -> [UInt8] { entries[nwords + index].word }

    /// Label `index` without the `__label__` prefix, as users see it.
    public func labelName(_ index: Int) -> String {
        let word = label(index)
        let prefix = Self.labelPrefix
        let bare = word.starts(with: prefix) ? word[prefix.count...] : word[...]
        return String(decoding: bare, as: UTF8.self)
    }

    /// Appends word `id`'s precomputed input rows (the word, then its character n-grams).
    @inline(__always)
    func appendRows(ofWord id: Int32, to rows: inout [Int32]) {
        let start = Int(subwordStarts[Int(id)]), end = Int(subwordStarts[Int(id) + 1])
        if end - start == 1 {
            rows.append(subwordRows[start])  // words without character n-grams: one row, no copy call
        } else {
            subwordRows.withUnsafeBufferPointer { rows.append(contentsOf: $0[start..<end]) }
        }
    }

    /// The input row of n-gram bucket `index` (`Dictionary::pushHash`), or −1 when a pruned
    /// model dropped that bucket.
    @inline(__always)
    func bucketRow(_ index: Int32) -> Int32 {
        Self.bucketRow(index, nwords: Int32(nwords), bucketRows: bucketRows, pruned: pruneIndex != nil)
    }

    @inline(__always)
    static func bucketRow(_ index: Int32, nwords: Int32, bucketRows: [Int32], pruned: Bool) -> Int32 {
        if index < 0 { return -1 }
        if !pruned { return nwords + index }
        let row = bucketRows[Int(index)]
        return row < 0 ? -1 : nwords + row
    }

    /// The character n-grams of `word` (already wrapped in "<" ">"), as `Dictionary::computeSubwords`
    /// makes them: every run of n = minn...maxn UTF-8 characters, except the lone "<" and ">",
    /// hashed into a bucket and mapped to an input row.
    static func characterNgrams(_ word: UnsafeBufferPointer<UInt8>, minn: Int32, maxn: Int32, bucket: Int32,
                                nwords: Int32, bucketRows: [Int32], pruned: Bool, into rows: inout [Int32]) {
        guard maxn > 0, bucket > 0 else { return }
        let count = word.count
        let modulus = UInt32(bucket)
        var i = 0
        while i < count {
            if word[i] & 0xC0 == 0x80 { i += 1; continue }
            var h = FastTextHash.offsetBasis
            var j = i
            var n: Int32 = 1
            while j < count && n <= maxn {
                h = FastTextHash.step(h, word[j]); j += 1
                while j < count && word[j] & 0xC0 == 0x80 { h = FastTextHash.step(h, word[j]); j += 1 }
                if n >= minn && !(n == 1 && (i == 0 || j == count)) {
                    let row = bucketRow(Int32(bitPattern: h % modulus), nwords: nwords, bucketRows: bucketRows, pruned: pruned)
                    if row >= 0 { rows.append(row) }
                }
                n += 1
            }
            i += 1
        }
    }

    func characterNgrams(_ word: UnsafeBufferPointer<UInt8>, into rows: inout [Int32]) {
        Self.characterNgrams(word, minn: minn, maxn: maxn, bucket: bucket, nwords: Int32(nwords),
                             bucketRows: bucketRows, pruned: pruneIndex != nil, into: &rows)
    }
}
