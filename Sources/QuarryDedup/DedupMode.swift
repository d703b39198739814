// What a deduplication stage does with the duplicates it finds (DESIGN.md §4.1): drop them
// with a reason, or keep every document and say in metadata which one each duplicates.
import QuarryCore

public enum DedupMode: String, Sendable, CaseIterable {
    /// Duplicates leave the pipeline, each with the stage's drop reason; the kept documents
    /// are the deduplicated corpus.
    case drop
    /// Every document is kept; members of a cluster of two or more get `dup_cluster_size`, and
    /// all but the kept representative get `duplicate_of` (the representative's id).
    case annotate

    public static let duplicateOfKey = "duplicate_of"
    public static let clusterSizeKey = "dup_cluster_size"

    public init(option value: String, stage: StageID) throws {
        guard let mode = DedupMode(rawValue: value) else {
            throw ConfigError("\(stage): mode must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(value)')")
        }
        self = mode
    }
}
