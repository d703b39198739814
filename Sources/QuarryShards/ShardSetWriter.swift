// Writes a directory of token shards: documents go to a train or validation part by the hash
// split (DatasetSplit.swift), each part into indexed datasets `<part>/<name>_00000.bin/.idx`,
// `_00001` … of at most `shardTokens` tokens (a document is never cut: one longer than a shard
// gets a shard of its own). Every document is one sequence: optional BOS, the ids, then EOS
// (Megatron's `preprocess_data.py --append-eod` layout; issue8-prep shards/FORMAT.md §1.5).
// Documents with no ids are skipped, as preprocess_data.py skips them. With masks (SFT), a
// parallel uint8 data set `<prefix>.mask` gets one value per token (BOS and EOS get 0).
import QuarryCore

/// One finished shard, as dataset.json lists it.
public struct ShardRecord: Codable, Sendable, Equatable {
    /// The dataset prefix relative to the shard directory, e.g. `train/shard_00000`.
    public var prefix: String
    public var part: DatasetPart
    public var tokens: Int
    public var documents: Int
    public var sequences: Int
    /// The loss-mask prefix (`<prefix>.mask`) for SFT shards.
    public var maskPrefix: String?

    public init(prefix: String, part: DatasetPart, tokens: Int, documents: Int, sequences: Int, maskPrefix: String? = nil) {
        self.prefix = prefix
        self.part = part
        self.tokens = tokens
        self.documents = documents
        self.sequences = sequences
        self.maskPrefix = maskPrefix
    }

    enum CodingKeys: String, CodingKey {
        case prefix, part, tokens, documents, sequences
        case maskPrefix = "mask_prefix"
    }
}

/// Writes documents into rotating shards per dataset part.
public struct ShardSetWriter {
    public struct Options: Sendable {
        /// The shard directory; parts are subdirectories.
        public var directory: String
        /// File stem of the shards: `<part>/<name>_00000`.
        public var name: String
        public var dtype: TokenDType
        /// Most tokens per shard (BOS/EOS included). Default 10^8, llm.c's and a common
        /// Megatron shard size (about 200 MB of uint16).
        public var shardTokens: Int
        /// Prepended to every document when set.
        public var bos: UInt32?
        /// Appended to every document when set.
        public var eos: UInt32?
        /// Train/validation split; nil sends everything to train.
        public var split: DatasetSplit?
        /// Whether documents carry a loss mask (SFT).
        public var withMask: Bool

        public init(directory: String, name: String = "shard", dtype: TokenDType, shardTokens: Int = 100_000_000,
                    bos: UInt32? = nil, eos: UInt32? = nil, split: DatasetSplit? = nil, withMask: Bool = false) {
            self.directory = directory
            self.name = name
            self.dtype = dtype
            self.shardTokens = shardTokens
            self.bos = bos
            self.eos = eos
            self.split = split
            self.withMask = withMask
        }
    }

    public let options: Options
    /// Shards finished so far, in the order they were closed.
    public private(set) var shards: [ShardRecord] = []
    /// Documents skipped because they had no ids.
    public private(set) var skippedEmpty = 0
    /// Mask values 1 and 0 written (SFT).
    public private(set) var trainedTokens = 0
    public private(set) var maskedTokens = 0
    /// Tokens written so far (BOS/EOS included), in open and closed shards.
    public private(set) var tokensWritten = 0

    private var open: [DatasetPart: (number: Int, tokens: IndexedDatasetWriter, mask: IndexedDatasetWriter?)] = [:]
    private var nextNumber: [DatasetPart: Int] = [:]
    private var tokenScratch: [UInt32] = []
    private var maskScratch: [UInt8] = []

    public init(options: Options) throws {
        guard options.shardTokens > 0 else { throw ConfigError("shard size must be at least 1 token") }
        for (what, id) in [("bos", options.bos), ("eos", options.eos)] {
            if let id, id > options.dtype.maximumID {
                throw ConfigError("\(what) id \(id) does not fit \(options.dtype.name)")
            }
        }
        self.options = options
    }

    /// The prefix of shard `number` of `part`, relative to the directory.
    public static func prefix(part: DatasetPart, name: String, number: Int) -> String {
        let digits = String(number)
        return "\(part.rawValue)/\(name)_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Appends one document (ids without BOS/EOS); returns its part, or nil when it was skipped
    /// for having no ids. `mask` (SFT) must have one value per id.
    @discardableResult
    public mutating func append(documentID: String, tokens: UnsafeBufferPointer<UInt32>,
                                mask: UnsafeBufferPointer<UInt8>? = nil) throws -> DatasetPart? {
        guard !tokens.isEmpty else {
            skippedEmpty += 1
            return nil
        }
        if options.withMask {
            guard let mask, mask.count == tokens.count else {
                throw ConfigError("document \(documentID): the mask needs one value per token (\(tokens.count)), "
                                  + "got \(mask?.count ?? 0)")
            }
        }
        let part = options.split?.part(ofDocumentID: documentID) ?? .train
        tokenScratch.removeAll(keepingCapacity: true)
        if let bos = options.bos { tokenScratch.append(bos) }
        tokenScratch.append(contentsOf: tokens)
        if let eos = options.eos { tokenScratch.append(eos) }
        try rotateIfNeeded(part, adding: tokenScratch.count)
        try tokenScratch.withUnsafeBufferPointer { try open[part]!.tokens.append($0) }
        tokensWritten += tokenScratch.count
        if options.withMask, let mask {
            maskScratch.removeAll(keepingCapacity: true)
            if options.bos != nil { maskScratch.append(0) }
            maskScratch.append(contentsOf: mask)
            if options.eos != nil { maskScratch.append(0) }
            let ones = mask.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            trainedTokens += ones
            maskedTokens += maskScratch.count - ones
            try maskScratch.withUnsafeBufferPointer { try open[part]!.mask!.append(mask: $0) }
        }
        return part
    }

    /// Appends one document given as an array.
    @discardableResult
    public mutating func append(documentID: String, tokens: [UInt32], mask: [UInt8]? = nil) throws -> DatasetPart? {
        try tokens.withUnsafeBufferPointer { t in
            if let mask { return try mask.withUnsafeBufferPointer { try append(documentID: documentID, tokens: t, mask: $0) } }
            return try append(documentID: documentID, tokens: t, mask: nil)
        }
    }

    /// Closes the open shards; returns every shard written, sorted by prefix.
    public mutating func finish() throws -> [ShardRecord] {
        for part in open.keys.sorted(by: { $0.rawValue < $1.rawValue }) { try close(part) }
        return shards.sorted { $0.prefix < $1.prefix }
    }

    private mutating func rotateIfNeeded(_ part: DatasetPart, adding count: Int) throws {
        if let current = open[part], current.tokens.elementCount > 0,
           current.tokens.elementCount + count > options.shardTokens {
            try close(part)
        }
        if open[part] == nil {
            let number = nextNumber[part, default: 0]
            nextNumber[part] = number + 1
            let prefix = Self.prefix(part: part, name: options.name, number: number)
            let path = options.directory + "/" + prefix
            let tokens = try IndexedDatasetWriter(prefix: path, dtype: options.dtype)
            let mask = options.withMask ? try IndexedDatasetWriter(prefix: path + DatasetManifest.maskSuffix, dtype: .uint8) : nil
            open[part] = (number, tokens, mask)
        }
    }

    private mutating func close(_ part: DatasetPart) throws {
        guard var current = open.removeValue(forKey: part) else { return }
        try current.tokens.finish()
        try current.mask?.finish()
        let prefix = Self.prefix(part: part, name: options.name, number: current.number)
        shards.append(ShardRecord(prefix: prefix, part: part, tokens: current.tokens.elementCount,
                                  documents: current.tokens.documentCount, sequences: current.tokens.sequenceCount,
                                  maskPrefix: current.mask == nil ? nil : prefix + DatasetManifest.maskSuffix))
    }
}

extension ShardSetWriter {
    /// Copies document `document` of `dataset` (and of `mask`, for SFT shards) into `part` as it
    /// is: its sequences and elements unchanged, no BOS/EOS added, no split applied. Used by
    /// `shards merge`; the dtypes must match.
    public mutating func copyDocument(_ document: Int, of dataset: IndexedDataset, mask: IndexedDataset?, into part: DatasetPart) throws {
        guard dataset.dtype == options.dtype else {
            throw ConfigError("\(dataset.prefix) holds \(dataset.dtype.name), the output \(options.dtype.name)")
        }
        guard options.withMask == (mask != nil) else {
            throw ConfigError("\(dataset.prefix): \(options.withMask ? "has no loss mask, the other inputs do" : "has a loss mask, the other inputs do not")")
        }
        try rotateIfNeeded(part, adding: dataset.length(of: document))
        for s in dataset.sequences(of: document) {
            try open[part]!.tokens.appendSequence(rawElements: dataset.rawBytes(ofSequence: s))
        }
        open[part]!.tokens.endDocument()
        tokensWritten += dataset.length(of: document)
        if let mask {
            guard mask.count == dataset.count, mask.length(of: document) == dataset.length(of: document) else {
                throw InputError(file: mask.prefix + ".idx", "the mask does not match its token data set (document \(document))")
            }
            for s in mask.sequences(of: document) {
                let raw = mask.rawBytes(ofSequence: s)
                let ones = raw.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
                trainedTokens += ones
                maskedTokens += raw.count - ones
                try open[part]!.mask!.appendSequence(rawElements: raw)
            }
            open[part]!.mask!.endDocument()
        }
    }
}
