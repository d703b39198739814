// The stage protocols (DESIGN.md §3). A stage processes a batch in place; a filter only
// decides keep or drop-with-reason, and the shared code here counts documents, bytes and time
// and routes the dropped documents with their reasons (template method).

/// A stable stage identifier: snake_case ending in a version, e.g. `gopher_quality_v1`.
public struct StageID: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: StageID, b: StageID) -> Bool { a.rawValue < b.rawValue }

    /// True for ids of the form `lower_snake_case_vN` (ASCII letters, digits, underscores).
    public var isWellFormed: Bool {
        let bytes = Array(rawValue.utf8)
        guard let first = bytes.first, first >= 0x61, first <= 0x7A else { return false }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        guard bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || isDigit($0) || $0 == 0x5F }) else { return false }
        var i = bytes.count
        while i > 0, isDigit(bytes[i - 1]) { i -= 1 }
        return i < bytes.count && i >= 3 && bytes[i - 1] == 0x76 && bytes[i - 2] == 0x5F
    }
}

/// A unit of pipeline work that edits, annotates or drops documents in a batch.
public protocol DocumentStage: Sendable {
    /// The stage's options, decoded from its entry in a pipeline file.
    associatedtype Options: StageOptions
    /// Stable identifier used in pipeline files, e.g. `gopher_quality_v1`.
    static var id: StageID { get }
    /// One-line description shown by `quarry stages`.
    static var summary: String { get }
    init(options: Options) throws
    /// Names of the side outputs this stage writes with `DocumentBatch.appendSideLine` (e.g.
    /// `pii_spans`): the engine writes each, per task, to `RUN/<name>/<task stem>.jsonl`. Empty by default.
    var sideOutputs: [String] { get }
    /// Processes one batch in place. Dropped documents go through `batch.drop(where:)` or
    /// `batch.reject(_:reason:)`, so they keep their reason.
    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws
}

/// A stage that removes sensitive data from texts (PII scrubbing). Documents dropped before it
/// in a pipeline, and bad records, pass through `redact` before they are set aside in rejects/ or
/// kept as samples in the run store, so those files hold no more than the output does.
public protocol TextRedacting: Sendable {
    func redact(_ text: String) -> String
}

/// Whether a filter keeps a document.
public enum FilterDecision: Sendable, Hashable {
    case keep
    /// Drop, with a snake_case reason such as `gopher_short_doc`.
    case drop(reason: String)
}

/// A stage that keeps or drops whole documents and changes nothing else.
///
/// A filter implements at least one of the two `decide` methods (implementing neither makes
/// each default call the other forever): `decide(_:)` when it only decides, or
/// `decide(_:stats:)` when it also records what it measured, e.g.
/// `stats.observe("mean_word_length", mean, layout: .linear(0, 20, buckets: 40))`, so that
/// `quarry stats` can show the distribution next to the drop reasons.
public protocol DocumentFilter: DocumentStage {
    /// Keep or drop `document`.
    func decide(_ document: Document) -> FilterDecision
    /// Keep or drop `document`, recording measured quantities in `stats` (histograms,
    /// counters). Drops themselves are counted by `run(on:stats:)`, not here.
    func decide(_ document: Document, stats: inout StageStats) -> FilterDecision
}

extension DocumentFilter {
    /// Decides through `decide(_:stats:)`, discarding what it records.
    public func decide(_ document: Document) -> FilterDecision {
        var scratch = StageStats()
        return decide(document, stats: &scratch)
    }

    /// Decides through `decide(_:)`, recording nothing.
    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        decide(document)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        batch.drop { document in
            if case .drop(let reason) = decide(document, stats: &stats) { return reason }
            return nil
        }
    }
}

extension DocumentStage {
    public var sideOutputs: [String] { [] }

    /// Runs the stage on a batch and records what it did: documents and bytes in and out,
    /// drop reasons with the dropped documents' bytes, and time. Documents a stage removes without a reason are counted as
    /// `unreported`, so the funnel always adds up.
    public func run(on batch: inout DocumentBatch, stats: inout StageStats) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let countIn = batch.documents.count
        let rejectedBefore = batch.rejected.count
        stats.documentsIn += Int64(countIn)
        stats.bytesIn += batch.textBytes
        batch.currentStage = Self.id
        try process(&batch, stats: &stats)
        let newlyRejected = batch.rejected.count - rejectedBefore
        for index in rejectedBefore..<batch.rejected.count {
            let rejected = batch.rejected[index]
            stats.drop(reason: rejected.reason)
            stats.droppedBytes[rejected.reason, default: 0] += Int64(rejected.document.byteCount)
        }
        let unreported = countIn - batch.documents.count - newlyRejected
        if unreported > 0 { stats.drop(reason: "unreported", by: Int64(unreported)) }
        stats.kept += Int64(batch.documents.count)
        stats.bytesOut += batch.textBytes
        stats.seconds += (clock.now - started).seconds
    }
}
