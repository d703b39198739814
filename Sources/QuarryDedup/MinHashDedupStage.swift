// minhash_dedup_v1: near-duplicate removal with MinHash LSH (Broder 1997; Leskovec, Rajaraman,
// Ullman, "Mining of Massive Datasets" ch. 3), defaults as FineWeb (datatrove 0.10.1
// src/datatrove/pipeline/dedup/minhash.py: 5-word shingles, 14 bands × 8 rows). Each document's
// signature (MinHasher) is cut into bands; documents sharing any band's hash are candidates,
// optionally verified against a Jaccard threshold on the full signature, and united into
// clusters of which one document is kept. It runs as the phases of CorpusIndexStage
// (DedupIndex.swift) with memory bounded by the run's budget. A document with no shingle
// (empty, or only punctuation) has no signature and is never a near-duplicate.
import QuarryCore
import QuarryIO
import QuarryText

/// MinHash LSH near-duplicate removal.
public struct MinHashDedupStage: CorpusIndexStage {
    /// The `shingles` option.
    public enum Shingles: String, OptionEnum, Sendable {
        case words, characters
    }

    public struct Options: StageOptions, Equatable {
        public var ngram = 5
        public var shingles = Shingles.words
        public var bands = 14
        public var rows = 8
        public var seed = 1
        public var threshold: Double?
        public var mode = "drop"
        public var prefer: String?
        public var against: [String] = []
        public var lowercase = true
        public var whitespace = true
        public var punctuation = true
        public var digits = true

        public init() {}

        /// Most signature values (bands × rows) per document.
        public static let maxPermutations = 1024

        public static var fields: [OptionField<Options>] {
            [
                .init("ngram", \.ngram, doc: "Shingle size, in words (or characters with shingles: characters); at least 1."),
                .init("shingles", \.shingles, doc: "words: n-grams of QuarryText's words (CJK segmented by dictionary); "
                      + "characters: n-grams of Unicode scalars."),
                .init("bands", \.bands, doc: "LSH bands b, at least 1. Two documents of Jaccard similarity s become candidates "
                      + "with probability 1 - (1 - s^r)^b; with 14 × 8: 0.05 at s = 0.5, 0.21 at 0.6, 0.57 at 0.7, 0.77 at 0.75, "
                      + "0.92 at 0.8, 0.99 at 0.85, 1.00 from 0.9."),
                .init("rows", \.rows, doc: "Signature values per band r, at least 1; bands × rows is the signature length "
                      + "(at most 1024). More rows make the S-curve 1 - (1 - s^r)^b steeper and move it right."),
                .init("seed", \.seed, doc: "Seed of the MinHash permutations (0 or more); indexes made with other seeds do not mix."),
                .init("threshold", \.threshold, doc: "When set, in (0, 1]: a candidate pair counts only if its estimated Jaccard "
                      + "similarity (the fraction of equal signature values) reaches it; sketches then keep the full signature "
                      + "(8 bytes × bands × rows per document). null: every candidate counts."),
                .init("mode", \.mode, doc: "drop: near-duplicates leave with reason minhash_duplicate; annotate: every document "
                      + "stays, cluster members get dup_cluster_size and duplicates duplicate_of (the kept document's id)."),
                .init("prefer", \.prefer, doc: "Metadata key whose larger numeric value is kept in a cluster (e.g. a quality "
                      + "score); documents without it lose; ties and null: the earliest document by input position."),
                .init("against", \.against, doc: "Directories of earlier runs (or their dedup work directories) whose index "
                      + "new documents are checked against; their documents are never touched and always kept."),
                .init("lowercase", \.lowercase, doc: "Lower-case text before shingling (Python's str.lower())."),
                .init("whitespace", \.whitespace, doc: "Collapse runs of whitespace before shingling."),
                .init("punctuation", \.punctuation, doc: "Treat punctuation as whitespace before shingling."),
                .init("digits", \.digits, doc: "Replace every number by 0 before shingling."),
            ]
        }

        public func validate() throws {
            if ngram < 1 { throw ConfigError("ngram must be at least 1, found \(ngram)") }
            if bands < 1 { throw ConfigError("bands must be at least 1, found \(bands)") }
            if rows < 1 { throw ConfigError("rows must be at least 1, found \(rows)") }
            if bands * rows > Self.maxPermutations {
                throw ConfigError("bands × rows must be at most \(Self.maxPermutations), found \(bands) × \(rows) = \(bands * rows)")
            }
            if seed < 0 { throw ConfigError("seed must be 0 or more, found \(seed)") }
            if let threshold, !(threshold > 0 && threshold <= 1) {
                throw ConfigError("threshold must be in (0, 1], found \(threshold)")
            }
            _ = try DedupMode(option: mode, stage: MinHashDedupStage.id)
        }
    }

    public typealias Sketches = DedupSketches

    public static let id: StageID = "minhash_dedup_v1"
    public static let summary = "Removes near-duplicate documents with MinHash LSH (bands × rows, union-find clusters, bounded memory)."
    public static let dropReason = "minhash_duplicate"

    public let options: Options
    public let hasher: MinHasher
    private var index: DedupIndex

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let normalization = DedupNormalization(lowercase: options.lowercase, whitespace: options.whitespace,
                                               punctuation: options.punctuation, digits: options.digits)
        let unit: ShingleUnit = options.shingles == .words ? .words : .characters
        hasher = MinHasher(permutations: options.bands * options.rows, seed: UInt64(options.seed), ngram: options.ngram,
                           unit: unit, normalization: normalization)
        let parameters = DedupParameters(method: .minhash, ngram: options.ngram, bands: options.bands, rows: options.rows,
                                         seed: UInt64(options.seed), characterShingles: unit == .characters,
                                         normalization: normalization.bits, storesSignatures: options.threshold != nil)
        index = DedupIndex(stage: Self.id, parameters: parameters, threshold: options.threshold,
                           mode: try DedupMode(option: options.mode, stage: Self.id), prefer: options.prefer,
                           against: try DedupIndex.checkedAgainst(options.against, stage: Self.id),
                           dropReason: Self.dropReason, decisions: nil)
    }

    /// The parameters its index files record.
    public var parameters: DedupParameters { index.parameters }

    public func sketch(_ batch: DocumentBatch) -> DedupSketches {
        let bands = options.bands, rows = options.rows
        let keepSignature = options.threshold != nil
        var out = DedupSketches(width: index.parameters.sketchWidth, capacity: batch.documents.count)
        var signature = [UInt64](repeating: 0, count: bands * rows)
        for (i, document) in batch.documents.enumerated() {
            out.keys.append(batch.key(i))
            out.prefer.append(index.preferValue(document))
            out.ids.append(document.id)
            let language = document.metadata[MetadataKey.language]?.stringValue
            let shingles = signature.withUnsafeMutableBufferPointer {
                hasher.signature(of: document.text, language: language, into: $0)
            }
            guard shingles > 0 else {
                out.hasSketch.append(false)
                out.words.append(contentsOf: repeatElement(0, count: out.width))
                continue
            }
            out.hasSketch.append(true)
            signature.withUnsafeBufferPointer { all in
                for band in 0..<bands {
                    out.words.append(MinHasher.bandHash(UnsafeBufferPointer(rebasing: all[band * rows..<(band + 1) * rows])))
                }
            }
            if keepSignature { out.words.append(contentsOf: signature) }
        }
        return out
    }

    public func openSketchWriter(directory: String, task: Int) throws -> any CorpusSketchWriter<DedupSketches> {
        try index.openSketchWriter(directory: directory, task: task)
    }

    public func hasSketches(directory: String, task: Int) -> Bool { index.hasSketches(directory: directory, task: task) }
    public func buildIndex(_ context: CorpusIndexContext) throws { try index.buildIndex(context) }
    public func indexIsComplete(directory: String) -> Bool { index.indexIsComplete(directory: directory) }

    public func prepared(directory: String) throws -> MinHashDedupStage {
        var copy = self
        copy.index = try index.prepared(directory: directory)
        return copy
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        try index.process(&batch, stats: &stats)
    }
}
