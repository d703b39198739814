// token_shards_v1 (DESIGN.md §4.2, §4.5): writes the ids tokenize_v1 left in `token_ids` as
// Megatron-LM indexed datasets (QuarryShards ShardSetWriter: `<part>/<input stem>_00000.bin/.idx`,
// rotated every `shard_tokens` tokens, EOS after and optionally BOS before each document,
// train/validation by the document-id hash), or with `format: jsonl` as {"id","ids"} lines for
// debugging. Each task writes its own shards plus `<stem>.shards.json` (its shard list); after
// each commit `dataset.json` is rebuilt from the shards on disk under a file lock, so it lists
// every finished task whatever the order tasks end in. Tasks do not depend on the worker
// count, so 1 or N workers write the same bytes.
import Foundation
import QuarryCore
import QuarryIO
import QuarryShards
import QuarryTokenizer

public struct TokenShardsWriter: DocumentWriter {
    public struct Options: StageOptions {
        public var tokenizer = ""
        public var format = "shards"
        public var shardTokens = 100_000_000
        public var bos = false
        public var eos = true
        public var bosToken: String?
        public var eosToken: String?
        public var dtype: String?
        public var validationFraction = 0.0
        public var splitSeed = 0

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("tokenizer", \.tokenizer, doc: "The tokenizer tokenize_v1 used (its vocabulary size picks the dtype; dataset.json records its SHA-256).",
                      required: true),
                .init("format", \.format, doc: "shards (Megatron .bin/.idx + dataset.json) or jsonl ({\"id\",\"ids\"} lines, for debugging)."),
                .init("shard_tokens", \.shardTokens, doc: "Most tokens per shard; a longer document gets a shard of its own."),
                .init("bos", \.bos, doc: "Prepend the BOS token to every document."),
                .init("eos", \.eos, doc: "Append the EOS token to every document (the document separator Megatron and nanoGPT expect)."),
                .init("bos_token", \.bosToken, doc: "The BOS token's text; default: the tokenizer's <|begin_of_text|>, <s>, <|startoftext|> or <bos>."),
                .init("eos_token", \.eosToken, doc: "The EOS token's text; default: the tokenizer's <|endoftext|>, <|end_of_text|>, </s>, <eos> or <|im_end|>."),
                .init("dtype", \.dtype, doc: "uint16 or int32; default uint16 when the vocabulary has fewer than 65,500 ids (Megatron's rule)."),
                .init("validation_fraction", \.validationFraction, doc: "Share of documents (by id hash) written to validation/, 0…1."),
                .init("split_seed", \.splitSeed, doc: "Seed of the train/validation hash."),
            ]
        }

        public func validate() throws {
            if tokenizer.isEmpty { throw ConfigError("tokenizer must name the tokenizer file") }
            guard ["shards", "jsonl"].contains(format) else { throw ConfigError("format must be shards or jsonl, found \(format)") }
            if shardTokens < 1 { throw ConfigError("shard_tokens must be at least 1, found \(shardTokens)") }
            if !(0...1).contains(validationFraction) {
                throw ConfigError("validation_fraction must be within 0…1, found \(validationFraction)")
            }
            if splitSeed < 0 { throw ConfigError("split_seed must be 0 or more") }
            if let dtype, dtype != "uint16", dtype != "int32" { throw ConfigError("dtype must be uint16 or int32, found \(dtype)") }
        }
    }

    public static let id: StageID = "token_shards_v1"
    public static let summary = "Writes tokenize_v1's ids as Megatron-LM indexed datasets (.bin/.idx) with dataset.json, or as {\"id\",\"ids\"} JSONL."

    public let options: Options
    public let tokenizer: Tokenizer
    public let dtype: TokenDType
    public let bosID: UInt32?
    public let eosID: UInt32?

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        tokenizer = try TokenizerCache.load(options.tokenizer)
        dtype = options.dtype.flatMap(TokenDType.init(name:)) ?? TokenDType.forVocabulary(size: tokenizer.idCount)
        if tokenizer.idCount - 1 > Int(dtype.maximumID) {
            throw ConfigError("dtype \(dtype.name) cannot hold ids up to \(tokenizer.idCount - 1)")
        }
        bosID = options.bos ? try SpecialTokenLookup.id(.bos, named: options.bosToken, in: tokenizer) : nil
        eosID = options.eos ? try SpecialTokenLookup.id(.eos, named: options.eosToken, in: tokenizer) : nil
    }

    public var isConcatenable: Bool { options.format == "jsonl" }

    public func outputPaths(_ target: OutputTarget) -> [String] {
        options.format == "jsonl" ? [target.directory + "/" + target.stem + ".jsonl"]
            : [target.directory + "/" + target.stem + TokenShardsOutput.recordSuffix]
    }

    public func encode(_ documents: [Document]) throws -> EncodedChunk {
        let out = ByteBuffer(capacity: 4096)
        for document in documents {
            guard let ids = document.metadata[TokenizeStage.idsKey]?.arrayValue else {
                throw ConfigError("document \(document.id) has no \(TokenizeStage.idsKey): put tokenize_v1 before token_shards_v1")
            }
            if options.format == "jsonl" {
                out.append("{\"id\":")
                JSONWriter.writeString(document.id, to: out)
                out.append(",\"ids\":[")
                for (i, id) in ids.enumerated() {
                    if i > 0 { out.append(",") }
                    out.append(id.intValue.map(String.init) ?? "null")
                }
                out.append("]}\n")
            } else {
                // Binary record for TokenShardsOutput: id length u32, id bytes, count u32, ids u32.
                let idBytes = Array(document.id.utf8)
                appendLE(UInt32(idBytes.count), to: out)
                out.append(idBytes)
                appendLE(UInt32(ids.count), to: out)
                for id in ids {
                    guard let value = id.intValue, value >= 0, value <= Int(UInt32.max) else {
                        throw ConfigError("document \(document.id): \(TokenizeStage.idsKey) holds \(id), not a token id")
                    }
                    appendLE(UInt32(value), to: out)
                }
            }
        }
        return EncodedChunk(bytes: out, documents: documents.count)
    }

    public func openOutput(_ target: OutputTarget) throws -> any WriterOutput {
        if options.format == "jsonl" {
            let path = outputPaths(target)[0]
            return PlainFileOutput(file: try AtomicFile(path: path))
        }
        let shardOptions = ShardSetWriter.Options(
            directory: target.directory, name: target.stem, dtype: dtype, shardTokens: options.shardTokens, bos: bosID, eos: eosID,
            split: options.validationFraction > 0 ? DatasetSplit(validationFraction: options.validationFraction,
                                                                  seed: UInt64(options.splitSeed)) : nil)
        return TokenShardsOutput(writer: try ShardSetWriter(options: shardOptions), target: target,
                                 manifest: try manifestTemplate())
    }

    /// dataset.json without its shards: tokenizer, special tokens, layout, split.
    public func manifestTemplate() throws -> DatasetManifest {
        var manifest = DatasetManifest(dtype: dtype, shards: [])
        manifest.tokenizer = try SpecialTokenLookup.describe(tokenizer, path: options.tokenizer)
        manifest.specialTokens = SpecialTokenLookup.roles(tokenizer, bos: bosID, eos: eosID)
        manifest.bosPerDocument = bosID != nil
        manifest.eosPerDocument = eosID != nil
        manifest.shardTokens = options.shardTokens
        if options.validationFraction > 0 {
            manifest.split = DatasetManifest.Split(validationFraction: options.validationFraction, seed: UInt64(options.splitSeed))
        }
        manifest.createdBy = "token_shards_v1"
        return manifest
    }
}

@inline(__always) func appendLE(_ value: UInt32, to out: ByteBuffer) {
    withUnsafeBytes(of: value.littleEndian) { out.append($0) }
}

/// One task's JSONL file of ids.
final class PlainFileOutput: WriterOutput {
    let file: AtomicFile
    init(file: AtomicFile) { self.file = file }
    func write(_ chunk: EncodedChunk) throws { try chunk.bytes.withUnsafeBytes { try file.write($0) } }
    func commit() throws -> [String] {
        try file.commit()
        return [file.finalPath]
    }
    func abort() { file.abort() }
    var fileBytes: Int64 { file.bytesWritten }
}

/// One task's shards.
final class TokenShardsOutput: WriterOutput {
    static let recordSuffix = ".shards.json"
    var writer: ShardSetWriter
    let target: OutputTarget
    let manifest: DatasetManifest

    init(writer: ShardSetWriter, target: OutputTarget, manifest: DatasetManifest) {
        self.writer = writer
        self.target = target
        self.manifest = manifest
    }

    func write(_ chunk: EncodedChunk) throws {
        try chunk.bytes.withUnsafeBytes { raw in
            var at = 0
            func u32() throws -> Int {
                guard at + 4 <= raw.count else { throw ConfigError("damaged token chunk") }
                defer { at += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            }
            var ids: [UInt32] = []
            while at < raw.count {
                let idLength = try u32()
                let id = String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + idLength)]), as: UTF8.self)
                at += idLength
                let count = try u32()
                ids.removeAll(keepingCapacity: true)
                for _ in 0..<count { ids.append(UInt32(try u32())) }
                try writer.append(documentID: id, tokens: ids)
            }
        }
    }

    func commit() throws -> [String] {
        let shards = try writer.finish()
        var record = manifest
        record.shards = shards
        record.skippedEmptyDocuments = writer.skippedEmpty
        let recordPath = target.directory + "/" + target.stem + Self.recordSuffix
        let file = try AtomicFile(path: recordPath)
        try record.jsonBytes().withUnsafeBytes { try file.write($0) }
        try file.commit()
        try Self.rebuildManifest(directory: target.directory, template: manifest)
        return shards.flatMap { shard in
            [".bin", ".idx"].map { target.directory + "/" + shard.prefix + $0 }
        } + [recordPath]
    }

    func abort() {
        // Shards closed by rotation are already under their final names: take them back.
        for shard in writer.shards {
            for suffix in [".bin", ".idx"] { unlink(target.directory + "/" + shard.prefix + suffix) }
        }
    }

    var fileBytes: Int64 { Int64(writer.tokensWritten * writer.options.dtype.itemSize) }

    /// Rewrites `directory/dataset.json` from every task record present, under an exclusive lock.
    static func rebuildManifest(directory: String, template: DatasetManifest) throws {
        let lockPath = directory + "/.dataset.json.lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: lockPath, "cannot open the manifest lock") }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        var manifest = template
        var shards: [ShardRecord] = []
        var skipped = 0
        let records = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(recordSuffix) }.sorted()
        for path in records {
            guard let data = FileManager.default.contents(atPath: directory + "/" + path),
                  let record = try? JSONDecoder().decode(DatasetManifest.self, from: data) else { continue }
            shards += record.shards
            skipped += record.skippedEmptyDocuments ?? 0
        }
        manifest.shards = shards.sorted { $0.prefix < $1.prefix }
        manifest.skippedEmptyDocuments = skipped
        try manifest.write(directory: directory)
    }
}
