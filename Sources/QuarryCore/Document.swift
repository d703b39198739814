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
    /// The text as the reader found it encoded, so that a writer can copy it back instead of
    /// encoding it again while `text` is unchanged. Readers set it; stages can ignore it (it
    /// never applies to a text they replaced). Not part of the document's value: equality
    /// and hashing ignore it.
    public var encodedText: EncodedText?

    public init(id: String, text: String, source: String? = nil, metadata: JSONObject = [:], encodedText: EncodedText? = nil) {
        self.id = id
        self.text = text
        self.source = source
        self.metadata = metadata
        self.encodedText = encodedText
    }

    /// Size of the text in UTF-8 bytes.
    @inlinable public var byteCount: Int { text.utf8.count }

    public static func == (a: Document, b: Document) -> Bool {
        a.id == b.id && a.text == b.text && a.source == b.source && a.metadata == b.metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(text)
        hasher.combine(source)
        hasher.combine(metadata)
    }
}

/// The encoded form (e.g. the JSON string contents, escapes as written) a reader saw for a
/// text. It applies only to the very String it was decoded into: a text a stage replaced or
/// changed is a different String (Swift strings copy on write, and this object keeps the
/// original alive, so its storage cannot be reused by another string).
public final class EncodedText: Sendable {
    /// The encoded bytes, in the reader's format. Often a slice of the reader's whole batch
    /// of records, which it keeps alive: a stage that holds documents for long should set
    /// `encodedText` to nil.
    public let bytes: ArraySlice<UInt8>
    /// The decoded text these bytes spell.
    let text: String

    public init(bytes: ArraySlice<UInt8>, text: String) {
        self.bytes = bytes
        self.text = text
    }

    /// Whether `candidate` is the same String this was made for (same storage), so that
    /// `bytes` spell it. Always false for short strings, which Swift stores inline.
    public func spells(_ candidate: String) -> Bool {
        guard candidate.utf8.count == text.utf8.count, text.utf8.count > 15 else { return false }
        guard let mine = text.utf8.withContiguousStorageIfAvailable({ $0.baseAddress }),
              let theirs = candidate.utf8.withContiguousStorageIfAvailable({ $0.baseAddress }) else { return false }
        return mine == theirs
    }
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
