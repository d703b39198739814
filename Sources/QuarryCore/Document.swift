// Document: the unit every stage reads and writes (DESIGN.md §3). On disk it is one JSONL
// line, {"id", "text", "source", "metadata"} (DESIGN.md §4.1); in memory `text` is a native
// UTF-8 String, and hot loops read `text.utf8`, never Characters.

/// A document flowing through a pipeline.
public struct Document: Sendable, Hashable {
    /// A stable identifier, unique within a dataset.
    public var id: String
    /// The text, valid UTF-8.
    public var text: String
    /// Where the document came from (a dataset or crawl name), if known.
    public var source: String?
    /// Provenance, scores and annotations written by readers and stages; keys keep their order.
    public var metadata: JSONObject

    public init(id: String, text: String, source: String? = nil, metadata: JSONObject = [:]) {
        self.id = id
        self.text = text
        self.source = source
        self.metadata = metadata
    }

    /// Size of the text in UTF-8 bytes.
    @inlinable public var byteCount: Int { text.utf8.count }
}

/// Metadata keys written by the engine and by stages (DESIGN.md §4.1).
public enum MetadataKey {
    /// On rejected documents: the drop reason.
    public static let filterReason = "filter_reason"
    /// On rejected documents: the id of the stage (or reader) that dropped it.
    public static let filterStage = "filter_stage"
    public static let url = "url"
    public static let language = "language"
    public static let languageScore = "language_score"
}
