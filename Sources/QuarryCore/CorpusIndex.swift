// Stages that must see the whole corpus before they can decide on one document, and whose
// knowledge of the corpus is too large to hold in memory: deduplication (exact_dedup_v1,
// minhash_dedup_v1). They run as phases with files between them (DESIGN.md §3), so each phase
// can run as its own job on a cluster:
//
//   1. sketches   per task, in parallel: every document of the task goes through the stages
//                 before this one and `sketch(_:)` summarizes it (a MinHash signature, a text
//                 hash); a task's sketches go to one file in the stage's work directory.
//   2. buckets    global: the sketches of all tasks are sorted (externally, within the memory
//                 budget) into candidate pairs.
//   3. clusters   global: pairs become clusters, and each task gets a file of decisions.
//   4. filter     per task: the stage built by `prepared(directory:)` drops or annotates the
//                 documents its decisions name, as any other stage processes a batch.
//
// The executor drives phases 1 and 4 and calls `buildIndex` for 2 and 3; the stage owns every
// file of its work directory, `OUT/dedup/<position>-<stage id>/`. A document is named across
// phases by its CorpusKey: its task, its batch within the task and its index in that batch as
// it reaches the stage. The stages before are deterministic and batches are cut by the
// scanner alone, so phase 1 and phase 4 see the same documents under the same keys.

/// Where a document sits in the corpus as it reaches a stage, packed so that keys sort in
/// input order: task (20 bits), batch within the task (24 bits), index within the batch (20 bits).
public struct CorpusKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public static let maxTasks = 1 << 20
    public static let maxBatches = 1 << 24
    public static let maxIndex = 1 << 20

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(task: Int, batch: Int, index: Int) {
        precondition(task >= 0 && task < Self.maxTasks && batch >= 0 && batch < Self.maxBatches
                     && index >= 0 && index < Self.maxIndex, "corpus key out of range: task \(task) batch \(batch) index \(index)")
        rawValue = UInt64(task) << 44 | UInt64(batch) << 20 | UInt64(index)
    }

    public var task: Int { Int(rawValue >> 44) }
    public var batch: Int { Int(rawValue >> 20 & 0xFF_FFFF) }
    public var index: Int { Int(rawValue & 0xF_FFFF) }

    public static func < (a: CorpusKey, b: CorpusKey) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "task \(task) batch \(batch) #\(index)" }
}

extension DocumentBatch {
    /// The key of the document now at `index` of this batch.
    public func key(_ index: Int) -> CorpusKey { CorpusKey(task: task, batch: sequence, index: index) }
}

/// Which of the global phases a `buildIndex` call runs.
public enum CorpusIndexStep: String, Sendable, CaseIterable {
    /// Phase 2 then phase 3.
    case all
    /// Phase 2 only (for this job's share of the bands when `worldSize` > 1).
    case buckets
    /// Phase 3 only; needs phase 2 complete.
    case clusters
}

/// What `buildIndex` is given.
public struct CorpusIndexContext: Sendable {
    /// The stage's work directory; the sketches of phase 1 are in it.
    public var directory: String
    /// Every task index of the run, in order.
    public var tasks: [Int]
    /// The memory budget of this process in bytes (`--memory`); sorts spill to disk beyond it.
    public var memoryBytes: Int
    /// Threads the phase may use.
    public var workers: Int
    public var step: CorpusIndexStep
    /// With `step == .buckets`, this job builds the share `rank` of `worldSize` of the buckets.
    public var rank: Int
    public var worldSize: Int
    /// Progress messages (logged by the executor).
    public var log: @Sendable (String) -> Void

    public init(directory: String, tasks: [Int], memoryBytes: Int, workers: Int, step: CorpusIndexStep = .all,
                rank: Int = 0, worldSize: Int = 1, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.tasks = tasks
        self.memoryBytes = memoryBytes
        self.workers = workers
        self.step = step
        self.rank = rank
        self.worldSize = worldSize
        self.log = log
    }
}

/// Receives one task's sketches, batch by batch in input order (phase 1).
public protocol CorpusSketchWriter<Sketches>: AnyObject {
    associatedtype Sketches
    func append(_ sketches: Sketches) throws
    /// Makes the task's sketches visible, atomically.
    func commit() throws
    /// Leaves nothing behind.
    func abort()
}

/// A stage that indexes the whole corpus in phases before it processes a document.
public protocol CorpusIndexStage: DocumentStage {
    /// What phase 1 learns from one batch.
    associatedtype Sketches: Sendable

    /// Whether this stage, as configured, needs its phases at all (default: true). When not,
    /// the executor runs it as any other stage, unprepared.
    var needsIndex: Bool { get }

    /// Phase 1, pure and run in parallel: the sketches of the documents of `batch` as they
    /// reach this stage; `batch.key(i)` names document i.
    func sketch(_ batch: DocumentBatch) -> Sketches

    /// Phase 1: a writer of the sketches of `task` into `directory`.
    func openSketchWriter(directory: String, task: Int) throws -> any CorpusSketchWriter<Sketches>

    /// Whether `directory` holds the complete sketches of `task` (a resumed run skips it).
    func hasSketches(directory: String, task: Int) -> Bool

    /// Phases 2 and 3. Resumable: work completed by an earlier, killed call is not redone,
    /// and a call after completion does nothing. Throws a QuarryError on missing or damaged files.
    func buildIndex(_ context: CorpusIndexContext) throws

    /// Whether phase 3 is complete in `directory`.
    func indexIsComplete(directory: String) -> Bool

    /// Phase 4: this stage, ready to process documents with the decisions in `directory`.
    func prepared(directory: String) throws -> Self
}

extension CorpusIndexStage {
    public var needsIndex: Bool { true }
}
