// ShardSet: opening directories (with and without dataset.json) and prefixes; merge keeps
// documents, order, parts and masks, re-shards by size, and refuses mixed tokenizers or masks.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryShards

@Suite struct ShardSetTests {
    func makeSet(_ dir: String, docs: Range<Int>, mask: Bool = false, sha: String = "aa") throws -> DatasetManifest {
        var writer = try ShardSetWriter(options: .init(directory: dir, dtype: .uint16, shardTokens: 7, eos: 0,
                                                       split: DatasetSplit(validationFraction: 0.3, seed: 2), withMask: mask))
        for i in docs {
            let ids = [UInt32(i + 1), UInt32(i + 100)]
            try writer.append(documentID: "d\(i)", tokens: ids, mask: mask ? [0, 1] : nil)
        }
        var manifest = DatasetManifest(dtype: .uint16, shards: try writer.finish())
        manifest.tokenizer = .init(name: "t", vocabSize: 1000, sha256: sha)
        manifest.specialTokens = ["eos": .init(id: 0)]
        if mask { manifest.sft = .init(template: "chatml", maskedTokens: writer.maskedTokens, trainedTokens: writer.trainedTokens) }
        try manifest.write(directory: dir)
        return manifest
    }

    func documents(_ set: ShardSet, _ part: DatasetPart) throws -> [[UInt32]] {
        try set.open(part: part).flatMap { s in (0..<s.tokens.count).map { s.tokens.tokens(of: $0) } }
    }

    @Test func mergeKeepsOrderPartsAndMasks() throws {
        let dir = TemporaryDirectory()
        _ = try makeSet(dir.file("a"), docs: 0..<20, mask: true)
        _ = try makeSet(dir.file("b"), docs: 20..<35, mask: true)
        let a = try ShardSet.open(dir.file("a")), b = try ShardSet.open(dir.file("b"))
        let merged = try ShardSet.merge([a, b], output: dir.file("m"), shardTokens: 10)
        let m = try ShardSet.open(dir.file("m"))
        for part in DatasetPart.allCases {
            #expect(try documents(m, part) == (try documents(a, part)) + (try documents(b, part)))
        }
        #expect(merged.shards.allSatisfy { $0.tokens <= 10 && $0.maskPrefix != nil })
        #expect(merged.sft?.trainedTokens == 35 && merged.sft?.maskedTokens == 70)
        let mask = try m.open(part: .train)[0].mask!
        #expect(mask.tokens(of: 0) == [0, 1, 0])
        // Opening by prefix finds the manifest one level up.
        let one = try ShardSet.open(dir.file("m/train/shard_00000.idx"))
        #expect(one.shards.count == 1 && one.manifest?.tokenizer?.name == "t" && one.shards[0].maskPrefix == "shard_00000.mask")
    }

    @Test func mergeRefusesMismatches() throws {
        let dir = TemporaryDirectory()
        _ = try makeSet(dir.file("a"), docs: 0..<5)
        _ = try makeSet(dir.file("b"), docs: 5..<9, sha: "bb")
        _ = try makeSet(dir.file("c"), docs: 9..<12, mask: true)
        let (a, b, c) = (try ShardSet.open(dir.file("a")), try ShardSet.open(dir.file("b")), try ShardSet.open(dir.file("c")))
        #expect(throws: ConfigError.self) { _ = try ShardSet.merge([a, b], output: dir.file("x"), shardTokens: 100) }
        #expect(throws: ConfigError.self) { _ = try ShardSet.merge([a, c], output: dir.file("y"), shardTokens: 100) }
    }

    @Test func directoryWithoutManifestIsScanned() throws {
        let dir = TemporaryDirectory()
        _ = try makeSet(dir.path, docs: 0..<10)
        try FileManager.default.removeItem(atPath: dir.file("dataset.json"))
        let set = try ShardSet.open(dir.path)
        #expect(set.manifest == nil && set.shards.reduce(0) { $0 + $1.documents } == 10)
        #expect(throws: InputError.self) { _ = try ShardSet.open(dir.file("nothing-here")) }
    }
}
