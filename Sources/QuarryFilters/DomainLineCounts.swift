// The first-pass counts of boilerplate_lines_v1: for each domain, how many documents it has and,
// for each line (a 64-bit hash of the line without leading and trailing white space), how many
// of its documents contain that line. A line repeated in many documents of one site is its
// navigation, footer or banner. Counting lines per document over a corpus follows CCNet
// (Wenzek et al. 2020, §3.3: hashes of normalized lines, repeated ones removed) and Gopher's
// line deduplication; grouping by domain keeps a sentence common in the corpus, but not
// repeated within one site, from being removed.
//
// Memory is bounded per domain: at most `maxLinesPerDomain` distinct lines are counted; lines
// first seen after the table is full are not counted (about 40 bytes per counted line). A
// site's boilerplate is in nearly all its documents, so it is seen in the first ones and kept.
// The number of domains is not bounded: a corpus of many small sites costs memory in
// proportion to its distinct lines, up to the cap per domain.
//
// Merging adds counts and admits new lines in the order `later` first saw them; the executor
// merges in corpus order, so the counts are the same for any number of workers.
//
// Stored form (little-endian): magic "QLNC", version UInt32 = 1, the cap (UInt64), the domain
// count (UInt64); then per domain, sorted by name: the name's byte count (UInt32) and bytes,
// documents (UInt64), counted lines (UInt64), and that many (hash UInt64, documents UInt32)
// pairs in first-seen order. Line hash: XXH64, seed 0 (QuarryText.StableHash), of the line's
// UTF-8 bytes.
import QuarryCore
import QuarryText

/// Documents per domain, and documents per domain containing each line.
public struct DomainLineCounts: CorpusCounts, Equatable {
    /// The counts of one domain.
    public struct Domain: Sendable, Equatable {
        /// Documents of the domain.
        public var documents: Int64 = 0
        /// Counted lines' hashes, in first-seen order.
        public private(set) var hashes: [UInt64] = []
        /// Documents containing each counted line, parallel to `hashes`.
        public private(set) var counts: [UInt32] = []
        private var index: [UInt64: Int] = [:]

        public init() {}

        /// Documents of the domain containing the line with this hash (0 when not counted).
        public func documents(containing hash: UInt64) -> Int64 {
            index[hash].map { Int64(counts[$0]) } ?? 0
        }

        /// Adds `amount` documents to a line's count, admitting the line while under `cap`.
        mutating func add(_ hash: UInt64, _ amount: UInt32, cap: Int) {
            if let i = index[hash] {
                counts[i] = counts[i] &+ amount
            } else if hashes.count < cap {
                index[hash] = hashes.count
                hashes.append(hash)
                counts.append(amount)
            }
        }

        /// Keeps only the lines for which `keep` holds.
        mutating func prune(_ keep: (UInt32) -> Bool) {
            var kept = Domain()
            kept.documents = documents
            for (hash, count) in zip(hashes, counts) where keep(count) { kept.add(hash, count, cap: .max) }
            self = kept
        }

        public static func == (a: Domain, b: Domain) -> Bool {
            a.documents == b.documents && a.hashes == b.hashes && a.counts == b.counts
        }
    }

    /// Most distinct lines counted per domain.
    public let maxLinesPerDomain: Int
    public private(set) var domains: [String: Domain] = [:]

    public init(maxLinesPerDomain: Int) {
        self.maxLinesPerDomain = max(0, maxLinesPerDomain)
    }

    /// Counts one document of `domain` whose lines have these hashes (repeats within the
    /// document count once).
    public mutating func addDocument(domain: String, lineHashes: [UInt64]) {
        var seen = Set<UInt64>(minimumCapacity: lineHashes.count)
        var entry = domains.removeValue(forKey: domain) ?? Domain()
        entry.documents += 1
        for hash in lineHashes where seen.insert(hash).inserted {
            entry.add(hash, 1, cap: maxLinesPerDomain)
        }
        domains[domain] = entry
    }

    public mutating func merge(_ later: DomainLineCounts) {
        for name in later.domains.keys.sorted() {
            let other = later.domains[name]!
            var entry = domains.removeValue(forKey: name) ?? Domain()
            entry.documents += other.documents
            for (hash, count) in zip(other.hashes, other.counts) { entry.add(hash, count, cap: maxLinesPerDomain) }
            domains[name] = entry
        }
    }

    /// Drops the domains with fewer than `minDocuments` documents and the lines in fewer than
    /// `minLineDocuments` documents: what the second pass cannot use.
    public mutating func prune(minDocuments: Int64, minLineDocuments: Int64) {
        domains = domains.filter { $0.value.documents >= minDocuments }
        for name in domains.keys { domains[name]!.prune { Int64($0) >= minLineDocuments } }
    }

    // MARK: - Stored form

    static let magic: [UInt8] = Array("QLNC".utf8)
    static let version: UInt32 = 1

    public func encoded() -> [UInt8] {
        var out = Self.magic
        out.appendLittleEndian(Self.version)
        out.appendLittleEndian(UInt64(maxLinesPerDomain))
        out.appendLittleEndian(UInt64(domains.count))
        for name in domains.keys.sorted() {
            let entry = domains[name]!
            out.appendLittleEndian(UInt32(name.utf8.count))
            out += name.utf8
            out.appendLittleEndian(UInt64(entry.documents))
            out.appendLittleEndian(UInt64(entry.hashes.count))
            for (hash, count) in zip(entry.hashes, entry.counts) {
                out.appendLittleEndian(hash)
                out.appendLittleEndian(count)
            }
        }
        return out
    }

    /// Reads the stored form; throws on another format, another version or damaged bytes.
    public init(encoded bytes: [UInt8]) throws {
        var reader = try CountsReader(bytes, what: "domain line counts", magic: Self.magic, version: Self.version)
        let cap = try reader.take(UInt64.self)
        guard cap <= UInt64(Int.max) else { throw reader.fail("bad cap") }
        self.init(maxLinesPerDomain: Int(cap))
        let domainCount = try reader.take(UInt64.self)
        for _ in 0..<domainCount {
            let nameBytes = Int(try reader.take(UInt32.self))
            let name = String(decoding: try reader.take(bytes: nameBytes), as: UTF8.self)
            var entry = Domain()
            entry.documents = Int64(bitPattern: try reader.take(UInt64.self))
            let lines = try reader.take(UInt64.self)
            guard lines <= UInt64(reader.remaining / 12) else { throw reader.fail("truncated") }
            for _ in 0..<lines {
                let hash = try reader.take(UInt64.self)
                entry.add(hash, try reader.take(UInt32.self), cap: .max)
            }
            domains[name] = entry
        }
        guard reader.remaining == 0 else { throw reader.fail("trailing bytes") }
    }

    // MARK: - Lines and domains

    /// The hash lines are counted by: XXH64 with seed 0 of the line's bytes.
    @inlinable
    public static func lineHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableHash.xxh64(bytes, seed: 0)
    }

    /// The domain a document belongs to: the host of its `url` metadata (URLHost: lower-cased,
    /// without user info or port), else its `source`; nil when it has neither.
    public static func domain(of document: Document) -> String? {
        if case .string(let url)? = document.metadata[MetadataKey.url], let host = URLHost.host(of: url) { return host }
        if let source = document.source, !source.isEmpty { return "source:" + source }
        return nil
    }
}
