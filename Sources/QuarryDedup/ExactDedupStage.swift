// exact_dedup_v1: removes (or annotates) documents whose normalized text is byte-for-byte the
// same as an earlier document's. The key is ExactTextHash (XXH3-128 of the text after the
// chosen normalization); documents with equal keys form a cluster and the earliest by input
// position (or the largest `prefer` value) is kept. It runs as the phases of CorpusIndexStage
// (DedupIndex.swift), so the corpus never has to fit in memory, and can check new documents
// against the index of earlier runs (`against`). Two empty texts are exact duplicates.
import QuarryCore
import QuarryIO
import QuarryText

/// Exact deduplication on a 128-bit hash of the normalized text.
public struct ExactDedupStage: CorpusIndexStage {
    public struct Options: StageOptions, Equatable {
        public var mode = "drop"
        public var prefer: String?
        public var against: [String] = []
        public var lowercase = false
        public var whitespace = true
        public var punctuation = false
        public var digits = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("mode", \.mode, doc: "drop: duplicates leave with reason exact_duplicate; annotate: every document stays, "
                      + "cluster members get dup_cluster_size and duplicates duplicate_of (the kept document's id)."),
                .init("prefer", \.prefer, doc: "Metadata key whose larger numeric value is kept in a cluster (e.g. a quality "
                      + "score); documents without it lose; ties and null: the earliest document by input position."),
                .init("against", \.against, doc: "Directories of earlier runs (or their dedup work directories) whose index "
                      + "new documents are checked against; their documents are never touched and always kept."),
                .init("lowercase", \.lowercase, doc: "Compare texts lower-cased (Python's str.lower())."),
                .init("whitespace", \.whitespace, doc: "Collapse runs of whitespace to one space and trim the ends before comparing."),
                .init("punctuation", \.punctuation, doc: "Treat punctuation as whitespace before comparing."),
                .init("digits", \.digits, doc: "Replace every number by 0 before comparing."),
            ]
        }

        public func validate() throws {
            _ = try DedupMode(option: mode, stage: ExactDedupStage.id)
        }
    }

    public typealias Sketches = DedupSketches

    public static let id: StageID = "exact_dedup_v1"
    public static let summary = "Removes documents whose normalized text equals an earlier one's (128-bit hash, bounded memory)."
    public static let dropReason = "exact_duplicate"

    public let options: Options
    private let hasher: ExactTextHash
    private var index: DedupIndex

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let normalization = DedupNormalization(lowercase: options.lowercase, whitespace: options.whitespace,
                                               punctuation: options.punctuation, digits: options.digits)
        hasher = ExactTextHash(normalization: normalization)
        let parameters = DedupParameters(method: .exact, ngram: 0, bands: 1, rows: 0, seed: 0, characterShingles: false,
                                         normalization: normalization.bits, storesSignatures: false)
        index = DedupIndex(stage: Self.id, parameters: parameters, threshold: nil,
                           mode: try DedupMode(option: options.mode, stage: Self.id), prefer: options.prefer,
                           against: try DedupIndex.checkedAgainst(options.against, stage: Self.id),
                           dropReason: Self.dropReason, decisions: nil)
    }

    /// The parameters its index files record.
    public var parameters: DedupParameters { index.parameters }

    public func sketch(_ batch: DocumentBatch) -> DedupSketches {
        var out = DedupSketches(width: 2, capacity: batch.documents.count)
        for (i, document) in batch.documents.enumerated() {
            let hash = hasher.hash(document.text)
            out.keys.append(batch.key(i))
            out.prefer.append(index.preferValue(document))
            out.ids.append(document.id)
            out.hasSketch.append(true)
            out.words.append(hash.low)
            out.words.append(hash.high)
        }
        return out
    }

    public func openSketchWriter(directory: String, task: Int) throws -> any CorpusSketchWriter<DedupSketches> {
        try index.openSketchWriter(directory: directory, task: task)
    }

    public func hasSketches(directory: String, task: Int) -> Bool { index.hasSketches(directory: directory, task: task) }
    public func buildIndex(_ context: CorpusIndexContext) throws { try index.buildIndex(context) }
    public func indexIsComplete(directory: String) -> Bool { index.indexIsComplete(directory: directory) }

    public func prepared(directory: String) throws -> ExactDedupStage {
        var copy = self
        copy.index = try index.prepared(directory: directory)
        return copy
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        try index.process(&batch, stats: &stats)
    }
}

extension DedupNormalization {
    /// The four switches as the bits index files record (bit 0 lowercase, 1 whitespace,
    /// 2 punctuation, 3 digits).
    var bits: UInt8 {
        (lowercase ? 1 : 0) | (whitespace ? 2 : 0) | (punctuation ? 4 : 0) | (digits ? 8 : 0)
    }
}

extension DedupIndex {
    /// `against` as given, after checking that each directory exists (a missing one is a
    /// configuration error before any output is written).
    static func checkedAgainst(_ directories: [String], stage: StageID) throws -> [String] {
        for directory in directories where !FileInfo.isDirectory(directory) {
            throw ConfigError("\(stage): against: \(directory) is not a directory")
        }
        return directories
    }
}
