// dataset.json: Quarry's manifest beside a directory of token shards (DESIGN.md §4.2): the
// format version, the tokenizer (name, vocabulary size, SHA-256 of its file), special token
// ids, the dtype, every shard with its token and document counts, the train/validation split,
// mixture weights, what made it, and for fine-tuning data the `sft` block of issue8-prep
// shards/SFT.md. Not part of Megatron-LM: `dataPath` gives each part as Megatron's
// `--data-path` blend ("weight prefix weight prefix …", weights = token counts).
// Written with sorted keys, so the same shards give the same bytes.
import Foundation
import QuarryCore

public struct DatasetManifest: Codable, Sendable, Equatable {
    /// The format of this file; bumped when a field changes meaning.
    public static let currentFormatVersion = 1
    /// The file name in a shard directory.
    public static let fileName = "dataset.json"
    /// Appended to a token prefix to name its loss-mask data set (SFT).
    public static let maskSuffix = ".mask"

    public struct Tokenizer: Codable, Sendable, Equatable {
        public var name: String
        /// The file as given when the shards were made.
        public var file: String?
        /// Every id, added tokens included.
        public var vocabSize: Int
        /// Hex SHA-256 of the tokenizer file's bytes.
        public var sha256: String?

        public init(name: String, file: String? = nil, vocabSize: Int, sha256: String? = nil) {
            self.name = name
            self.file = file
            self.vocabSize = vocabSize
            self.sha256 = sha256
        }

        enum CodingKeys: String, CodingKey {
            case name, file, sha256
            case vocabSize = "vocab_size"
        }
    }

    public struct SpecialToken: Codable, Sendable, Equatable {
        public var id: UInt32
        public var content: String?

        public init(id: UInt32, content: String? = nil) {
            self.id = id
            self.content = content
        }
    }

    public struct Split: Codable, Sendable, Equatable {
        public var validationFraction: Double
        public var seed: UInt64
        /// How a document's part is decided.
        public var method: String = "xxh3-64 of the document id with the seed, as a fraction of 2^64, below validation_fraction"

        public init(validationFraction: Double, seed: UInt64) {
            self.validationFraction = validationFraction
            self.seed = seed
        }

        enum CodingKeys: String, CodingKey {
            case seed, method
            case validationFraction = "validation_fraction"
        }
    }

    /// One source of a mixture (filled by `quarry shards mix`).
    public struct MixtureSource: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        public var weight: Double?
        public var epochs: Double?
        public var tokens: Int?
        public var documents: Int?

        public init(name: String, path: String? = nil, weight: Double? = nil, epochs: Double? = nil, tokens: Int? = nil,
                    documents: Int? = nil) {
            self.name = name
            self.path = path
            self.weight = weight
            self.epochs = epochs
            self.tokens = tokens
            self.documents = documents
        }
    }

    /// Fine-tuning data: the parallel loss mask (issue8-prep shards/SFT.md).
    public struct SFT: Codable, Sendable, Equatable {
        /// "chatml", or the SHA-256 of the template file.
        public var template: String
        /// The template's text or declaration, for `shards inspect --sft`.
        public var templateText: String?
        public var maskSuffix: String = DatasetManifest.maskSuffix
        public var maskDtype: String = "uint8"
        /// mask[i] says whether token i is a loss target (a trainer shifting labels uses mask[1:]).
        public var maskAlignment: String = "token"
        public var maskedTokens: Int
        public var trainedTokens: Int
        /// Conversations skipped because no token was trained.
        public var skippedConversations: Int?

        public init(template: String, templateText: String? = nil, maskedTokens: Int, trainedTokens: Int,
                    skippedConversations: Int? = nil) {
            self.template = template
            self.templateText = templateText
            self.maskedTokens = maskedTokens
            self.trainedTokens = trainedTokens
            self.skippedConversations = skippedConversations
        }

        enum CodingKeys: String, CodingKey {
            case template
            case templateText = "template_text"
            case maskSuffix = "mask_suffix"
            case maskDtype = "mask_dtype"
            case maskAlignment = "mask_alignment"
            case maskedTokens = "masked_tokens"
            case trainedTokens = "trained_tokens"
            case skippedConversations = "skipped_conversations"
        }
    }

    /// Documents and tokens of one part.
    public struct Totals: Codable, Sendable, Equatable {
        public var documents: Int
        public var tokens: Int
        public var shards: Int
    }

    public var formatVersion: Int = DatasetManifest.currentFormatVersion
    /// Always "megatron_indexed_dataset" (MMIDIDX version 1).
    public var storage: String = "megatron_indexed_dataset"
    public var tokenizer: Tokenizer?
    /// By role: "eos", "bos", "pad" …
    public var specialTokens: [String: SpecialToken] = [:]
    /// Whether each document starts with BOS / ends with EOS.
    public var bosPerDocument: Bool = false
    public var eosPerDocument: Bool = true
    public var dtype: TokenDType
    /// The requested largest shard, in tokens.
    public var shardTokens: Int?
    public var shards: [ShardRecord]
    public var split: Split?
    public var mixture: [MixtureSource]?
    /// The command line or pipeline that made the shards.
    public var createdBy: String?
    public var skippedEmptyDocuments: Int?
    public var sft: SFT?

    public init(dtype: TokenDType, shards: [ShardRecord]) {
        self.dtype = dtype
        self.shards = shards
    }

    enum CodingKeys: String, CodingKey {
        case storage, tokenizer, dtype, shards, split, mixture, sft, totals
        case formatVersion = "format_version"
        case specialTokens = "special_tokens"
        case bosPerDocument = "bos_per_document"
        case eosPerDocument = "eos_per_document"
        case dtypeCode = "dtype_code"
        case shardTokens = "shard_tokens"
        case createdBy = "created_by"
        case skippedEmptyDocuments = "skipped_empty_documents"
        case dataPath = "megatron_data_path"
    }

    /// Totals per part ("train", "validation").
    public var totals: [String: Totals] {
        var out: [String: Totals] = [:]
        for shard in shards {
            var t = out[shard.part.rawValue] ?? Totals(documents: 0, tokens: 0, shards: 0)
            t.documents += shard.documents
            t.tokens += shard.tokens
            t.shards += 1
            out[shard.part.rawValue] = t
        }
        return out
    }

    /// Megatron-LM's `--data-path` blend for each part: "tokens prefix tokens prefix …".
    public var dataPath: [String: String] {
        var out: [String: [String]] = [:]
        for shard in shards.sorted(by: { $0.prefix < $1.prefix }) {
            out[shard.part.rawValue, default: []] += [String(shard.tokens), shard.prefix]
        }
        return out.mapValues { $0.joined(separator: " ") }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(storage, forKey: .storage)
        try c.encodeIfPresent(tokenizer, forKey: .tokenizer)
        try c.encode(specialTokens, forKey: .specialTokens)
        try c.encode(bosPerDocument, forKey: .bosPerDocument)
        try c.encode(eosPerDocument, forKey: .eosPerDocument)
        try c.encode(dtype.name, forKey: .dtype)
        try c.encode(dtype.rawValue, forKey: .dtypeCode)
        try c.encodeIfPresent(shardTokens, forKey: .shardTokens)
        try c.encode(shards, forKey: .shards)
        try c.encode(totals, forKey: .totals)
        try c.encode(dataPath, forKey: .dataPath)
        try c.encodeIfPresent(split, forKey: .split)
        try c.encodeIfPresent(mixture, forKey: .mixture)
        try c.encodeIfPresent(createdBy, forKey: .createdBy)
        try c.encodeIfPresent(skippedEmptyDocuments, forKey: .skippedEmptyDocuments)
        try c.encodeIfPresent(sft, forKey: .sft)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard formatVersion <= Self.currentFormatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: c,
                debugDescription: "format version \(formatVersion) is newer than this Quarry reads (\(Self.currentFormatVersion))")
        }
        storage = try c.decodeIfPresent(String.self, forKey: .storage) ?? "megatron_indexed_dataset"
        tokenizer = try c.decodeIfPresent(Tokenizer.self, forKey: .tokenizer)
        specialTokens = try c.decodeIfPresent([String: SpecialToken].self, forKey: .specialTokens) ?? [:]
        bosPerDocument = try c.decodeIfPresent(Bool.self, forKey: .bosPerDocument) ?? false
        eosPerDocument = try c.decodeIfPresent(Bool.self, forKey: .eosPerDocument) ?? true
        let name = try c.decode(String.self, forKey: .dtype)
        guard let dtype = TokenDType(name: name) else {
            throw DecodingError.dataCorruptedError(forKey: .dtype, in: c, debugDescription: "unknown dtype '\(name)'")
        }
        self.dtype = dtype
        shardTokens = try c.decodeIfPresent(Int.self, forKey: .shardTokens)
        shards = try c.decode([ShardRecord].self, forKey: .shards)
        split = try c.decodeIfPresent(Split.self, forKey: .split)
        mixture = try c.decodeIfPresent([MixtureSource].self, forKey: .mixture)
        createdBy = try c.decodeIfPresent(String.self, forKey: .createdBy)
        skippedEmptyDocuments = try c.decodeIfPresent(Int.self, forKey: .skippedEmptyDocuments)
        sft = try c.decodeIfPresent(SFT.self, forKey: .sft)
    }

    /// The manifest as JSON text (sorted keys, two-space indentation, trailing newline).
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Writes `directory/dataset.json` atomically (temporary name, then rename).
    public func write(directory: String) throws {
        let path = directory + "/" + Self.fileName
        let temporary = path + ".tmp"
        let bytes = try jsonBytes()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw InputError(file: path, "cannot write: \(error)")
        }
    }

    /// Reads `directory/dataset.json`.
    public static func read(directory: String) throws -> DatasetManifest {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
        do {
            return try JSONDecoder().decode(DatasetManifest.self, from: data)
        } catch {
            throw InputError(file: path, "not a Quarry dataset manifest: \(error)")
        }
    }

    /// Shard records for every token data set under `directory` (any `*.idx` but masks),
    /// counted from the files themselves, sorted by prefix. The part is the first path
    /// component when it is `train` or `validation`, else train.
    public static func scanShards(directory: String) throws -> [ShardRecord] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw InputError(file: directory, "not a directory")
        }
        var prefixes: [String] = []
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".idx"), !path.hasSuffix(maskSuffix + ".idx") else { continue }
            prefixes.append(String(path.dropLast(4)))
        }
        return try prefixes.sorted().map { prefix in
            let ds = try IndexedDataset(prefix: directory + "/" + prefix)
            let first = prefix.split(separator: "/").first.map(String.init) ?? ""
            let hasMask = FileManager.default.fileExists(atPath: directory + "/" + prefix + maskSuffix + ".idx")
            return ShardRecord(prefix: prefix, part: DatasetPart(rawValue: first) ?? .train, tokens: ds.elementCount,
                               documents: ds.count, sequences: ds.sequenceCount, maskPrefix: hasMask ? prefix + maskSuffix : nil)
        }
    }
}
