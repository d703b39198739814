// Export of token shards to the flat formats of llm.c and nanoGPT (issue8-prep shards/FORMAT.md
// §3–4). llm.c (karpathy/llm.c dev/data/data_common.py `write_datafile`, llmc/dataloader.h): a
// 256 × int32 header (magic 20240520, version 1, token count), then uint16 tokens, with the
// end-of-text token *before* each document (dev/data/fineweb.py), shards of at most
// `shardTokens` tokens named `<name>_<split>_000000.bin`, a document that does not fit
// continuing in the next shard as fineweb.py does. nanoGPT (data/openwebtext/prepare.py,
// train.py): one flat uint16 file per split, `train.bin` / `val.bin`, end-of-text *after* each
// document. Both hold uint16 only, so ids of 65,536 and up are refused, and neither has a
// place for an SFT loss mask.
import QuarryCore
import QuarryIO

public enum ShardExport {
    public enum Format: String, Sendable, CaseIterable { case llmc, nanogpt }

    /// llm.c's GPT-2 token shard magic and version (the only ones its C dataloader accepts).
    public static let llmcMagic: Int32 = 20240520
    public static let llmcVersion: Int32 = 1
    /// Header of an llm.c shard: 256 int32 = 1,024 bytes.
    public static let llmcHeaderInts = 256
    /// llm.c's default shard size (fineweb.py `shard_size = 10**8`).
    public static let llmcShardTokens = 100_000_000

    /// The 1,024-byte header of an llm.c shard of `tokens` tokens.
    public static func llmcHeader(tokens: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 * llmcHeaderInts)
        out.appendLittleEndian(llmcMagic)
        out.appendLittleEndian(llmcVersion)
        out.appendLittleEndian(Int32(tokens))
        out.append(contentsOf: repeatElement(0, count: 4 * (llmcHeaderInts - 3)))
        return out
    }

    /// Documents of one part, in order: every shard's data set.
    public struct Source {
        public var datasets: [IndexedDataset]
        /// The document separator id.
        public var endOfText: UInt32
        /// Whether the documents already end with `endOfText` (Quarry's default layout).
        public var documentsEndWithEOT: Bool

        public init(datasets: [IndexedDataset], endOfText: UInt32, documentsEndWithEOT: Bool) {
            self.datasets = datasets
            self.endOfText = endOfText
            self.documentsEndWithEOT = documentsEndWithEOT
        }
    }

    /// Writes `source` in `format` under `directory`; returns the files written.
    /// `split` is llm.c's/nanoGPT's name of the part: "train" or "val".
    public static func export(_ source: Source, format: Format, directory: String, split: String, name: String = "quarry",
                              shardTokens: Int = llmcShardTokens) throws -> [String] {
        guard source.endOfText <= UInt32(UInt16.max) else {
            throw ConfigError("the end-of-text id \(source.endOfText) does not fit uint16; \(format.rawValue) files hold uint16 tokens only")
        }
        guard shardTokens > 0, shardTokens < Int(Int32.max) else { throw ConfigError("shard size must be within 1 … 2^31 - 1 tokens") }
        var written: [String] = []
        var buffer: [UInt16] = []
        let limit = format == .llmc ? shardTokens : Int.max
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let path: String
            if format == .llmc {
                let number = String(written.count)
                path = directory + "/\(name)_\(split)_" + String(repeating: "0", count: max(0, 6 - number.count)) + number + ".bin"
            } else {
                path = directory + "/\(split).bin"
            }
            let file = try AtomicFile(path: path)
            if format == .llmc { try llmcHeader(tokens: buffer.count).withUnsafeBytes { try file.write($0) } }
            for i in buffer.indices { buffer[i] = buffer[i].littleEndian }
            try buffer.withUnsafeBytes { try file.write($0) }
            try file.commit()
            written.append(path)
            buffer.removeAll(keepingCapacity: true)
        }
        func emit(_ id: UInt32, document: Int, dataset: IndexedDataset) throws {
            guard id <= UInt32(UInt16.max) else {
                throw InputError(file: dataset.prefix + ".bin", "document \(document) holds id \(id); \(format.rawValue) files hold uint16 "
                                 + "tokens only (vocabularies below 65,536)")
            }
            buffer.append(UInt16(id))
            if buffer.count == limit { try flush() }
        }
        for dataset in source.datasets {
            for d in 0..<dataset.count {
                var ids = dataset.tokens(of: d)
                if format == .llmc {
                    // EOT before each document: move Quarry's trailing EOT to the front.
                    if source.documentsEndWithEOT, ids.last == source.endOfText { ids.removeLast() }
                    try emit(source.endOfText, document: d, dataset: dataset)
                    for id in ids { try emit(id, document: d, dataset: dataset) }
                } else {
                    for id in ids { try emit(id, document: d, dataset: dataset) }
                    if !source.documentsEndWithEOT { try emit(source.endOfText, document: d, dataset: dataset) }
                }
            }
        }
        try flush()
        return written
    }
}
