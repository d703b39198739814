// `quarry shards mix`: several tokenized datasets (directories written by `quarry tokenize`:
// dataset.json + Megatron shards) → one shuffled dataset in the proportions asked for
// (MixturePlan), whole documents only (MixtureSubset), globally shuffled through bucket files
// on disk (ExternalShuffle), tokens copied from the memory-mapped sources into new shards
// rotated by size. SFT sources move their loss mask with the tokens (same order, same shard).
// Each part present in every source (train, validation) is mixed on its own with the same
// shares; `totalTokens` applies to train, validation takes its default total.
// The output depends only on the inputs, the shares and the seed: the order is "every copy of
// every chosen document sorted by its random key", whatever the worker count or memory budget.

import Foundation
import QuarryCore

/// One input of a mixture.
public struct ShardMixSource: Sendable, Hashable {
    public var name: String
    public var directory: String
    public var share: MixtureShare
    public init(name: String, directory: String, share: MixtureShare) {
        self.name = name
        self.directory = directory
        self.share = share
    }
}

/// How to mix.
public struct ShardMixOptions: Sendable {
    public var output: String
    public var seed: UInt64
    /// Output tokens of the train part (weights-only mixtures).
    public var totalTokens: Int?
    /// Most tokens per output shard.
    public var shardTokens: Int
    /// Memory for one shuffle bucket and the write buffers, in bytes.
    public var memoryBytes: Int
    public var workers: Int
    public init(output: String, seed: UInt64, totalTokens: Int? = nil, shardTokens: Int = 100_000_000,
                memoryBytes: Int = 1 << 30, workers: Int = 1) {
        self.output = output
        self.seed = seed
        self.totalTokens = totalTokens
        self.shardTokens = shardTokens
        self.memoryBytes = memoryBytes
        self.workers = workers
    }
}

/// What one source contributed to one part.
public struct ShardMixOutcome: Sendable, Hashable, Codable {
    public var name: String
    public var path: String
    public var sourceTokens: Int
    public var sourceDocuments: Int
    public var requestedWeight: Double
    public var achievedWeight: Double
    public var requestedEpochs: Double
    public var achievedEpochs: Double
    public var tokens: Int
    public var documents: Int

    enum CodingKeys: String, CodingKey {
        case name, path, tokens, documents
        case sourceTokens = "source_tokens", sourceDocuments = "source_documents"
        case requestedWeight = "requested_weight", achievedWeight = "achieved_weight"
        case requestedEpochs = "requested_epochs", achievedEpochs = "achieved_epochs"
    }
}

/// The record of a mix, written as `mixture.json` beside dataset.json.
public struct ShardMixReport: Sendable, Codable {
    public var seed: UInt64
    public var totalTokensRequested: Int?
    public var parts: [String: [ShardMixOutcome]]
    public var plannedTokens: [String: Int]

    enum CodingKeys: String, CodingKey {
        case seed, parts
        case totalTokensRequested = "total_tokens_requested"
        case plannedTokens = "planned_tokens"
    }
}

/// Mixes datasets (see the file header).
public enum ShardMixer {
    /// The mixture file's name.
    public static let reportName = "mixture.json"

    /// One source's shards of one part, seen as one list of documents.
    final class SourcePart: @unchecked Sendable {
        let shards: [IndexedDataset]
        let masks: [IndexedDataset]?
        /// Documents before shard i (count + 1 entries).
        let starts: [Int]
        let tokens: Int
        init(shards: [IndexedDataset], masks: [IndexedDataset]?) {
            self.shards = shards
            self.masks = masks
            var starts = [0]
            for shard in shards { starts.append(starts.last! + shard.count) }
            self.starts = starts
            tokens = shards.reduce(0) { $0 + $1.elementCount }
        }
        var documents: Int { starts.last! }
        func locate(_ document: Int) -> (Int, Int) {
            var low = 0, high = shards.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= document { low = mid } else { high = mid - 1 }
            }
            return (low, document - starts[low])
        }
        func length(_ document: Int) -> Int {
            let (s, d) = locate(document)
            return shards[s].length(of: d)
        }
    }

    /// Mixes `sources` into `options.output`; returns the manifest written.
    @discardableResult
    public static func mix(_ sources: [ShardMixSource], options: ShardMixOptions) throws -> DatasetManifest {
        guard !sources.isEmpty else { throw ConfigError("shards mix needs at least one --source") }
        guard options.shardTokens > 0 else { throw ConfigError("--shard-size must be positive") }
        let manifests = try sources.map { try DatasetManifest.read(directory: $0.directory) }
        let first = manifests[0]
        for (source, manifest) in zip(sources, manifests).dropFirst() {
            guard manifest.dtype == first.dtype else {
                throw ConfigError("source \(source.name) stores \(manifest.dtype.name) tokens, \(sources[0].name) \(first.dtype.name): mix datasets made with one tokenizer")
            }
            if let a = first.tokenizer?.sha256, let b = manifest.tokenizer?.sha256, a != b {
                throw ConfigError("source \(source.name) was tokenized with a different tokenizer than \(sources[0].name) (sha256 \(b) vs \(a))")
            }
            guard (manifest.sft == nil) == (first.sft == nil) else {
                throw ConfigError("source \(source.name) \(manifest.sft == nil ? "has no" : "has a") loss mask and \(sources[0].name) \(first.sft == nil ? "has none" : "has one"): mix SFT data only with SFT data")
            }
        }
        let withMask = first.sft != nil
        // Shards of an earlier dataset would linger beside the new ones: refuse to mix into one.
        if FileManager.default.fileExists(atPath: options.output + "/" + DatasetManifest.fileName) {
            throw ConfigError("\(options.output) already holds a dataset (dataset.json): mix into a new directory")
        }
        try FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)

        var shardRecords: [ShardRecord] = []
        var report = ShardMixReport(seed: options.seed, totalTokensRequested: options.totalTokens, parts: [:], plannedTokens: [:])
        var trained = 0, masked = 0
        for part in DatasetPart.allCases {
            let present = manifests.map { $0.shards.contains { $0.part == part } }
            guard present.allSatisfy({ $0 }) else { continue }
            let parts = try zip(sources, manifests).map { source, manifest in
                let shards = manifest.shards.filter { $0.part == part }.sorted { $0.prefix < $1.prefix }
                let data = try shards.map { try IndexedDataset(prefix: source.directory + "/" + $0.prefix) }
                let masks = withMask ? try shards.map { shard -> IndexedDataset in
                    guard let maskPrefix = shard.maskPrefix else { throw ConfigError("source \(source.name): shard \(shard.prefix) has no mask") }
                    return try IndexedDataset(prefix: source.directory + "/" + maskPrefix)
                } : nil
                return SourcePart(shards: data, masks: masks)
            }
            let written = try mixPart(part, sources: sources, parts: parts, options: options, withMask: withMask,
                                      totalTokens: part == .train ? options.totalTokens : nil, report: &report)
            shardRecords += written.shards
            trained += written.trained
            masked += written.masked
        }
        guard !shardRecords.isEmpty else { throw ConfigError("the sources share no part (train or validation) to mix") }

        var manifest = DatasetManifest(dtype: first.dtype, shards: shardRecords.sorted { $0.prefix < $1.prefix })
        manifest.tokenizer = first.tokenizer
        manifest.specialTokens = first.specialTokens
        manifest.bosPerDocument = first.bosPerDocument
        manifest.eosPerDocument = first.eosPerDocument
        manifest.shardTokens = options.shardTokens
        manifest.createdBy = "quarry shards mix --seed \(options.seed)"
        manifest.mixture = (report.parts[DatasetPart.train.rawValue] ?? report.parts.values.first ?? []).map { outcome in
            let source = sources.first { $0.name == outcome.name }!
            var weight: Double? = nil, epochs: Double? = nil
            switch source.share {
            case .weight(let w): weight = w
            case .epochs(let e): epochs = e
            }
            return DatasetManifest.MixtureSource(name: outcome.name, path: outcome.path, weight: weight, epochs: epochs,
                                                 tokens: outcome.tokens, documents: outcome.documents)
        }
        if var sft = first.sft {
            sft.trainedTokens = trained
            sft.maskedTokens = masked
            sft.skippedConversations = nil
            manifest.sft = sft
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let reportPath = options.output + "/" + reportName
        do {
            try (encoder.encode(report) + Data([0x0A])).write(to: URL(fileURLWithPath: reportPath))
        } catch {
            throw InputError(file: reportPath, "cannot write: \(error)")
        }
        try manifest.write(directory: options.output)
        return manifest
    }

    /// A reference packs the source index (16 bits) above the document index (48 bits).
    static let documentBits: UInt64 = 48

    static func mixPart(_ part: DatasetPart, sources: [ShardMixSource], parts: [SourcePart], options: ShardMixOptions,
                        withMask: Bool, totalTokens: Int?, report: inout ShardMixReport)
        throws -> (shards: [ShardRecord], trained: Int, masked: Int) {
        guard sources.count < 1 << 16 else { throw ConfigError("at most 65,535 sources") }
        let specs = zip(sources, parts).map { MixtureSourceSpec(name: $0.name, share: $0.share, tokens: $1.tokens) }
        let plan = try MixturePlan.solve(specs, totalTokens: totalTokens)
        let keys = MixtureKeys(seed: options.seed)
        let sourceIDs = sources.map { MixtureKeys.sourceID(name: $0.name) }

        // Partial passes, then the number of references, then the bucket count.
        var subsets: [MixtureSubset?] = []
        var references = 0
        for (i, target) in plan.targets.enumerated() {
            let source = parts[i]
            references += target.fullEpochs * source.documents
            if target.remainder > 0 {
                let id = sourceIDs[i]
                let subset = MixtureSubset.select(count: source.documents, target: target.remainder,
                                                  length: { source.length($0) }, key: { keys.selectionKey(source: id, document: $0) })
                references += subset.documents
                subsets.append(subset)
            } else {
                subsets.append(nil)
            }
        }
        let scratch = options.output + "/.mix-shuffle-" + part.rawValue
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let shuffle = ExternalShuffle(directory: scratch, bucketCount: ExternalShuffle.bucketCount(records: references, memoryBytes: options.memoryBytes))

        // Pass 1: every copy of every chosen document to its bucket; worker w takes sources w, w+W, …
        let writers = max(1, min(options.workers, sources.count))
        let bufferRecords = max(1024, options.memoryBytes / (4 * writers * ShuffleRecord.byteSize))
        let failures = FailureBox()
        let chosen = subsets
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            let sink = ExternalShuffle.Writer(shuffle, index: w, bufferRecords: bufferRecords)
            do {
                for i in stride(from: w, to: sources.count, by: writers) {
                    let target = plan.targets[i]
                    let id = sourceIDs[i]
                    let base = UInt64(i) << documentBits
                    for document in 0..<parts[i].documents {
                        var copies = target.fullEpochs
                        if let subset = chosen[i], subset.contains(document: document, key: keys.selectionKey(source: id, document: document)) {
                            copies += 1
                        }
                        for copy in 0..<copies {
                            try sink.add(key: keys.shuffleKey(source: id, copy: copy, document: document), reference: base | UInt64(document))
                        }
                    }
                }
                try sink.flush()
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }

        // Pass 2: buckets in key order, documents copied into rotating shards.
        var output = PartWriter(directory: options.output, part: part, dtype: parts[0].shards.first?.dtype ?? .uint16,
                                shardTokens: options.shardTokens, withMask: withMask)
        var tokensBySource = [Int](repeating: 0, count: sources.count)
        var documentsBySource = [Int](repeating: 0, count: sources.count)
        for bucket in 0..<shuffle.bucketCount {
            let records = try shuffle.load(bucket: bucket, writers: writers)
            for record in records {
                let i = Int(record.reference >> documentBits)
                let document = Int(record.reference & ((1 << documentBits) - 1))
                let (s, d) = parts[i].locate(document)
                let written = try output.copy(document: d, from: parts[i].shards[s], mask: parts[i].masks?[s])
                tokensBySource[i] += written
                documentsBySource[i] += 1
            }
            shuffle.remove(bucket: bucket, writers: writers)
        }
        let shards = try output.finish()

        let total = tokensBySource.reduce(0, +)
        report.plannedTokens[part.rawValue] = plan.totalTokens
        report.parts[part.rawValue] = plan.targets.enumerated().map { i, target in
            ShardMixOutcome(name: sources[i].name, path: sources[i].directory,
                            sourceTokens: parts[i].tokens, sourceDocuments: parts[i].documents,
                            requestedWeight: target.requestedWeight,
                            achievedWeight: total > 0 ? Double(tokensBySource[i]) / Double(total) : 0,
                            requestedEpochs: target.requestedEpochs,
                            achievedEpochs: Double(tokensBySource[i]) / Double(parts[i].tokens),
                            tokens: tokensBySource[i], documents: documentsBySource[i])
        }
        return (shards, output.trained, output.masked)
    }

    /// Output shards of one part, rotated when the next document would pass `shardTokens`.
    struct PartWriter {
        let directory: String
        let part: DatasetPart
        let dtype: TokenDType
        let shardTokens: Int
        let withMask: Bool
        var number = 0
        var tokens: IndexedDatasetWriter?
        var mask: IndexedDatasetWriter?
        var records: [ShardRecord] = []
        var trained = 0
        var masked = 0

        init(directory: String, part: DatasetPart, dtype: TokenDType, shardTokens: Int, withMask: Bool) {
            self.directory = directory
            self.part = part
            self.dtype = dtype
            self.shardTokens = shardTokens
            self.withMask = withMask
        }

        /// Copies one document (all its sequences, and its mask); returns its tokens.
        mutating func copy(document: Int, from source: IndexedDataset, mask sourceMask: IndexedDataset?) throws -> Int {
            let length = source.length(of: document)
            if let current = tokens, current.elementCount > 0, current.elementCount + length > shardTokens { try close() }
            if tokens == nil {
                let prefix = ShardSetWriter.prefix(part: part, name: "shard", number: number)
                try FileManager.default.createDirectory(atPath: directory + "/" + part.rawValue, withIntermediateDirectories: true)
                tokens = try IndexedDatasetWriter(prefix: directory + "/" + prefix, dtype: dtype)
                if withMask { mask = try IndexedDatasetWriter(prefix: directory + "/" + prefix + DatasetManifest.maskSuffix, dtype: .uint8) }
            }
            for sequence in source.sequences(of: document) {
                try tokens!.appendSequence(rawElements: source.rawBytes(ofSequence: sequence))
            }
            tokens!.endDocument()
            if let sourceMask {
                guard sourceMask.length(of: document) == length else {
                    throw InputError(file: sourceMask.prefix, "document \(document): the mask has \(sourceMask.length(of: document)) values for \(length) tokens")
                }
                for sequence in sourceMask.sequences(of: document) {
                    let values = sourceMask.rawBytes(ofSequence: sequence)
                    var ones = 0
                    for v in values where v != 0 { ones += 1 }
                    trained += ones
                    masked += values.count - ones
                    try mask!.appendSequence(rawElements: values)
                }
                mask!.endDocument()
            }
            return length
        }

        mutating func close() throws {
            guard var current = tokens else { return }
            try current.finish()
            try mask?.finish()
            let prefix = ShardSetWriter.prefix(part: part, name: "shard", number: number)
            records.append(ShardRecord(prefix: prefix, part: part, tokens: current.elementCount, documents: current.documentCount,
                                       sequences: current.sequenceCount, maskPrefix: withMask ? prefix + DatasetManifest.maskSuffix : nil))
            tokens = nil
            mask = nil
            number += 1
        }

        mutating func finish() throws -> [ShardRecord] {
            try close()
            return records
        }
    }

    /// The first error thrown by any worker.
    final class FailureBox: @unchecked Sendable {
        private let lock = NSLock()
        private var error: Error?
        func record(_ error: Error) { lock.lock(); if self.error == nil { self.error = error }; lock.unlock() }
        var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
    }
}
