// Stages that need corpus-wide counts before they can process a document: lines repeated
// across the documents of one web domain (boilerplate_lines_v1), and later anything else that
// counts first and decides second (as CCNet and Gopher's line deduplication do: count line
// hashes over the corpus, then drop the frequent ones).
//
// The executor runs such a stage in two passes. First pass: every document of the run goes
// through the stages before it and is handed to `count(_:into:)`; the counts of the batches
// of one task are merged in input order, and those of the tasks in task order, so the merged
// counts are the same bytes for 1 or N workers even when `merge` caps what it keeps. The
// merged counts are stored in the run directory (a resumed run reads them back instead of
// counting again). Second pass: the stage built by `prepared(with:)` processes documents as
// any other stage does.

/// What a counting stage learns about the corpus in its first pass.
public protocol CorpusCounts: Sendable {
    /// Adds counts of documents that come after these in corpus order. The executor always
    /// merges in that order (batches of a task in input order, then tasks by index), so a
    /// merge that keeps only the first entries seen under a memory cap stays deterministic.
    mutating func merge(_ later: Self)

    /// The counts as bytes to store in the run directory: the same counts give the same bytes.
    /// Start with a magic number and a version (DESIGN.md §5).
    func encoded() -> [UInt8]
}

/// A stage that counts over the whole corpus in a first pass, then processes documents.
public protocol CorpusCountingStage: DocumentStage {
    associatedtype Counts: CorpusCounts

    /// Counts of no documents.
    func makeCounts() -> Counts

    /// First pass: adds `documents` (as they reach this stage, in input order) to `counts`.
    func count(_ documents: [Document], into counts: inout Counts)

    /// Whether this stage, as configured, needs a first pass at all (default: true). When not,
    /// the executor runs it as any other stage, unprepared.
    var needsCounts: Bool { get }

    /// The merged counts of the whole corpus, made ready to store: without what the second
    /// pass will not use (default: unchanged).
    func finished(_ counts: Counts) -> Counts

    /// Reads counts written by `Counts.encoded()`; throws a QuarryError when the bytes are not
    /// counts this stage can use (another format or version, or damaged).
    func decodeCounts(_ bytes: [UInt8]) throws -> Counts

    /// Second pass: this stage, ready to process documents knowing the corpus' counts.
    func prepared(with counts: Counts) throws -> Self
}

extension CorpusCountingStage {
    public var needsCounts: Bool { true }
    public func finished(_ counts: Counts) -> Counts { counts }
}
