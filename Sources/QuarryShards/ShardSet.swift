// A set of token shards as the `quarry shards` commands take it: a directory with dataset.json
// (its shards, parts and masks), a directory without one (every `*.idx` under it, counted from
// the files), or one data set prefix (PREFIX, PREFIX.bin or PREFIX.idx). Also the merge of
// several sets into one (`quarry shards merge`: documents copied unchanged, in input order,
// parts kept, masks in lockstep; the Megatron equivalent is `IndexedDatasetBuilder.add_index`).
import Foundation
import QuarryCore

public struct ShardSet {
    /// The directory the shard prefixes are relative to.
    public var root: String
    public var manifest: DatasetManifest?
    public var shards: [ShardRecord]

    /// Opens a shard directory or a single data set prefix.
    public static func open(_ path: String) throws -> ShardSet {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            if FileManager.default.fileExists(atPath: path + "/" + DatasetManifest.fileName) {
                let manifest = try DatasetManifest.read(directory: path)
                return ShardSet(root: path, manifest: manifest, shards: manifest.shards)
            }
            let shards = try DatasetManifest.scanShards(directory: path)
            guard !shards.isEmpty else { throw InputError(file: path, "no dataset.json and no .idx files") }
            return ShardSet(root: path, manifest: nil, shards: shards)
        }
        let prefix = IndexedDatasetFormat.prefix(of: path)
        let dataset = try IndexedDataset(prefix: prefix)
        let root = (prefix as NSString).deletingLastPathComponent
        let name = (prefix as NSString).lastPathComponent
        let mask = FileManager.default.fileExists(atPath: prefix + DatasetManifest.maskSuffix + ".idx")
        var manifest: DatasetManifest?
        if FileManager.default.fileExists(atPath: root + "/" + DatasetManifest.fileName) {
            manifest = try? DatasetManifest.read(directory: root)
        }
        // A prefix inside a part directory: find its manifest one level up.
        let parent = (root as NSString).deletingLastPathComponent
        if manifest == nil, FileManager.default.fileExists(atPath: parent + "/" + DatasetManifest.fileName) {
            manifest = try? DatasetManifest.read(directory: parent)
        }
        let part = DatasetPart(rawValue: (root as NSString).lastPathComponent) ?? .train
        return ShardSet(root: root.isEmpty ? "." : root, manifest: manifest,
                        shards: [ShardRecord(prefix: name, part: part, tokens: dataset.elementCount, documents: dataset.count,
                                             sequences: dataset.sequenceCount, maskPrefix: mask ? name + DatasetManifest.maskSuffix : nil)])
    }

    /// The full path of a prefix.
    public func path(_ prefix: String) -> String { root + "/" + prefix }

    /// The shards of `part` (all when nil), opened, with their masks.
    public func open(part: DatasetPart? = nil) throws -> [(record: ShardRecord, tokens: IndexedDataset, mask: IndexedDataset?)] {
        try shards.filter { part == nil || $0.part == part }.map { record in
            (record, try IndexedDataset(prefix: path(record.prefix)), try record.maskPrefix.map { try IndexedDataset(prefix: path($0)) })
        }
    }

    /// Merges `inputs` into `output` (shards `<part>/<name>_00000…`); returns the manifest written.
    /// Inputs must share dtype, tokenizer (when their manifests name one) and masks or no masks.
    public static func merge(_ inputs: [ShardSet], output: String, shardTokens: Int, name: String = "shard",
                             createdBy: String? = nil) throws -> DatasetManifest {
        guard let first = inputs.first else { throw ConfigError("give at least one input to merge") }
        let firstShard = try IndexedDataset(prefix: first.path(first.shards[0].prefix))
        let dtype = firstShard.dtype
        let withMask = first.shards[0].maskPrefix != nil
        for set in inputs {
            if let a = first.manifest?.tokenizer?.sha256, let b = set.manifest?.tokenizer?.sha256, a != b {
                throw ConfigError("\(set.root) was made with another tokenizer (SHA-256 \(b.prefix(12))…, not \(a.prefix(12))…)")
            }
        }
        var writer = try ShardSetWriter(options: .init(directory: output, name: name, dtype: dtype, shardTokens: shardTokens,
                                                       withMask: withMask))
        for part in DatasetPart.allCases {
            for set in inputs {
                for shard in try set.open(part: part) {
                    for d in 0..<shard.tokens.count { try writer.copyDocument(d, of: shard.tokens, mask: shard.mask, into: part) }
                }
            }
        }
        var manifest = first.manifest ?? DatasetManifest(dtype: dtype, shards: [])
        manifest.dtype = dtype
        manifest.shards = try writer.finish()
        manifest.shardTokens = shardTokens
        manifest.createdBy = createdBy
        manifest.mixture = nil
        manifest.skippedEmptyDocuments = inputs.reduce(0) { $0 + ($1.manifest?.skippedEmptyDocuments ?? 0) }
        if var sft = manifest.sft {
            sft.trainedTokens = writer.trainedTokens
            sft.maskedTokens = writer.maskedTokens
            manifest.sft = sft
        }
        try manifest.write(directory: output)
        return manifest
    }
}
