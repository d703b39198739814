// Seeded random keys for mixing, and the draw of a partial pass over a source: the documents
// of a source are ordered by a random key (a stable function of seed, source name and
// document index), and the partial pass takes them in that order until the requested tokens
// are reached, whole documents only. After the longest prefix that fits, a bounded look-ahead
// fills the last gap with documents that still fit (and one more if that ends closer to the
// target), so the tokens taken differ from the target by far less than one document: this is
// what keeps achieved proportions within 0.5% on small mixtures with long documents.
//
// Memory is bounded: keys are binned (a histogram of tokens per key range), and only the bin
// where the target is crossed plus the look-ahead documents are sorted. `selectSlow` is the
// plain twin (sort everything) the tests compare with. Keys mix with SplitMix64's finaliser
// (Steele, Lea, Flood 2014); names are hashed with XXH3-64 — never Swift's `Hasher`.

import QuarryText

/// The random keys of one mixture run.
public struct MixtureKeys: Sendable, Hashable {
    public var seed: UInt64
    public init(seed: UInt64) { self.seed = seed }

    /// SplitMix64's output function: a bijection on 64 bits with good avalanche.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The stable identity of a source: XXH3-64 of its name.
    public static func sourceID(name: String) -> UInt64 { StableHash.xxh3_64(name) }

    /// Position key of copy `copy` (0 = first pass) of a document in the global shuffle.
    @inline(__always)
    public func shuffleKey(source: UInt64, copy: Int, document: Int) -> UInt64 {
        Self.mix(Self.mix(Self.mix(seed ^ source) ^ UInt64(truncatingIfNeeded: copy)) ^ UInt64(truncatingIfNeeded: document))
    }

    /// Draw order of a document for the partial pass of its source.
    @inline(__always)
    public func selectionKey(source: UInt64, document: Int) -> UInt64 {
        // A domain constant keeps these keys unrelated to the shuffle keys.
        Self.mix(Self.mix(Self.mix(seed ^ 0x5E1E_C7ED_D0C5_0000) ^ source) ^ UInt64(truncatingIfNeeded: document))
    }
}

/// The documents of a partial pass: every document whose key falls below a bin, plus a sorted
/// list of extra documents from the higher bins.
public struct MixtureSubset: Sendable, Hashable {
    /// Number of key bins; a document's bin is the high part of key × bins.
    public var bins: Int
    /// Documents in bins below this one are taken.
    public var belowBin: Int
    /// Taken documents from bins at or above `belowBin`, ascending.
    public var extras: [Int]
    /// Tokens taken.
    public var tokens: Int
    /// Documents taken.
    public var documents: Int

    /// Documents considered after the longest fitting prefix when filling the last gap.
    public static let lookAhead = 4096

    @inline(__always)
    static func bin(of key: UInt64, bins: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(bins)).high)
    }

    /// Whether document `document` with draw key `key` is in the subset.
    @inline(__always)
    public func contains(document: Int, key: UInt64) -> Bool {
        let b = Self.bin(of: key, bins: bins)
        if b < belowBin { return true }
        return Self.binarySearch(extras, document)
    }

    static func binarySearch(_ sorted: [Int], _ value: Int) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// Draws about `target` tokens from `count` documents of lengths `length(i)` with keys `key(i)`.
    public static func select(count: Int, target: Int, length: (Int) -> Int, key: (Int) -> UInt64) -> MixtureSubset {
        // About 8 documents per bin keeps pass 2 small while the bin table stays under 16 MB.
        let bins = max(1, min(count / 8, 1 << 20))
        var binTokens = [Int](repeating: 0, count: bins)
        var binDocuments = [Int](repeating: 0, count: bins)
        for document in 0..<count {
            let b = bin(of: key(document), bins: bins)
            binTokens[b] += length(document)
            binDocuments[b] += 1
        }
        // The first bin in which the running total would pass the target.
        var before = 0, before_docs = 0
        var crossing = 0
        while crossing < bins, before + binTokens[crossing] <= target {
            before += binTokens[crossing]
            before_docs += binDocuments[crossing]
            crossing += 1
        }
        if crossing == bins {
            return MixtureSubset(bins: bins, belowBin: bins, extras: [], tokens: before, documents: before_docs)
        }
        // Candidates: the crossing bin and enough following bins for the look-ahead.
        var lastBin = crossing + 1
        var following = 0
        while lastBin < bins, following < lookAhead {
            following += binDocuments[lastBin]
            lastBin += 1
        }
        var candidates: [(key: UInt64, document: Int, length: Int)] = []
        for document in 0..<count {
            let k = key(document)
            let b = bin(of: k, bins: bins)
            if b >= crossing, b < lastBin { candidates.append((k, document, length(document))) }
        }
        candidates.sort { ($0.key, $0.document) < ($1.key, $1.document) }
        let taken = fill(candidates.lazy.map { ($0.document, $0.length) }, gap: target - before)
        return MixtureSubset(bins: bins, belowBin: crossing, extras: taken.documents.sorted(),
                             tokens: before + taken.tokens, documents: before_docs + taken.documents.count)
    }

    /// The plain twin: sort every document by key and walk the same rule. Returns the documents taken.
    public static func selectSlow(count: Int, target: Int, length: (Int) -> Int, key: (Int) -> UInt64) -> [Int] {
        let order = (0..<count).sorted { (key($0), $0) < (key($1), $1) }
        return fill(order.map { ($0, length($0)) }, gap: target).documents.sorted()
    }

    /// The walk shared by both: take documents while they fit; after the first that does not,
    /// look at `lookAhead` more documents and take each that still fits; finally add the shortest skipped one if that ends
    /// nearer the target than stopping short.
    static func fill<S: Sequence>(_ ordered: S, gap: Int) -> (documents: [Int], tokens: Int) where S.Element == (Int, Int) {
        var remaining = gap
        var taken: [Int] = []
        // Documents looked at since the first one that did not fit (-1: none skipped yet).
        var lookedAt = -1
        var shortestSkipped: (document: Int, length: Int)?
        for (document, length) in ordered {
            if remaining == 0 || lookedAt >= lookAhead { break }
            if lookedAt >= 0 { lookedAt += 1 }
            if length <= remaining {
                taken.append(document)
                remaining -= length
            } else {
                if shortestSkipped == nil || length < shortestSkipped!.length { shortestSkipped = (document, length) }
                if lookedAt < 0 { lookedAt = 0 }
            }
        }
        if remaining > 0, let shortest = shortestSkipped, shortest.length - remaining < remaining {
            taken.append(shortest.document)
            remaining -= shortest.length
        }
        return (taken, gap - remaining)
    }
}
