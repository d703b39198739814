// tokenize_v1 (issue 8 item 5): encodes each document's text with a byte-level BPE tokenizer
// (a Hugging Face tokenizer.json or a tiktoken rank file, QuarryTokenizer) and stores the ids
// in the document's metadata under `token_ids`, with `token_count`; token_shards_v1 writes
// them as Megatron shards or {"id","ids"} JSONL. Ids depend only on the text, so the output
// is the same whatever the worker count. Documents that tokenize to nothing are kept (the
// shard writer skips them, as Megatron's preprocess_data.py does) and counted.
import Foundation
import QuarryCore
import QuarryTokenizer

public struct TokenizeStage: DocumentStage {
    public struct Options: StageOptions {
        public var tokenizer = ""
        public var addSpecialTokens = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("tokenizer", \.tokenizer, doc: "The tokenizer: a Hugging Face tokenizer.json or a tiktoken rank file (.tiktoken).",
                      required: true),
                .init("add_special_tokens", \.addSpecialTokens,
                      doc: "Apply the tokenizer's post-processor (its BOS/EOS template) to each document."),
            ]
        }

        public func validate() throws {
            if tokenizer.isEmpty { throw ConfigError("tokenizer must name a tokenizer.json or .tiktoken file") }
        }
    }

    public static let id: StageID = "tokenize_v1"
    public static let summary = "Encodes each document with a byte-level BPE tokenizer (tokenizer.json or .tiktoken) and writes token_ids and token_count to its metadata."
    /// The metadata key holding the ids (a JSON array of integers).
    public static let idsKey = "token_ids"
    public static let countKey = "token_count"

    public let options: Options
    public let tokenizer: Tokenizer

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        tokenizer = try TokenizerCache.load(options.tokenizer)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var encoder = tokenizer.makeEncoder()
        var ids: [TokenID] = []
        for index in batch.documents.indices {
            ids.removeAll(keepingCapacity: true)
            var text = batch.documents[index].text
            text.withUTF8 { encoder.encode($0, addSpecialTokens: options.addSpecialTokens, into: &ids) }
            batch.documents[index].metadata[Self.idsKey] = .array(ids.map { .int(Int($0)) })
            batch.documents[index].metadata[Self.countKey] = .int(ids.count)
            stats.count("tokens", by: Int64(ids.count))
            if ids.isEmpty { stats.count("empty_documents") }
        }
    }
}

/// Tokenizers loaded once per process and path (a stage and a writer of the same pipeline,
/// and each task, share one; loading a 128k-entry tokenizer.json takes a noticeable moment).
enum TokenizerCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: Tokenizer] = [:]

    static func load(_ path: String) throws -> Tokenizer {
        lock.lock()
        defer { lock.unlock() }
        if let tokenizer = loaded[path] { return tokenizer }
        let tokenizer = try Tokenizer.load(path: path)
        loaded[path] = tokenizer
        return tokenizer
    }
}
