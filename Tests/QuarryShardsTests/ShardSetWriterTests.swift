// ShardSetWriter and DatasetManifest: BOS/EOS per document, empty documents skipped, shard
// rotation by token count, train/validation parts by id hash, parallel masks, and the
// manifest's JSON round trip and Megatron blend.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryShards

@Suite struct ShardSetWriterTests {
    @Test func rotatesShardsAndAddsSeparators() throws {
        let dir = TemporaryDirectory()
        var writer = try ShardSetWriter(options: .init(directory: dir.path, dtype: .uint16, shardTokens: 10, bos: 1, eos: 2))
        let docs: [[UInt32]] = [[10, 11, 12], [13, 14, 15, 16], [], [17], Array(100..<120), [18, 19]]
        for (i, d) in docs.enumerated() { try writer.append(documentID: "d\(i)", tokens: d) }
        let shards = try writer.finish()
        #expect(writer.skippedEmpty == 1)
        #expect(writer.tokensWritten == 40)
        // 5 + 6 > 10 → rotate; [1,17,2] joins shard 1 (6 + 3 = 9); the 22-token document gets its own.
        #expect(shards.map(\.prefix) == ["train/shard_00000", "train/shard_00001", "train/shard_00002", "train/shard_00003"])
        #expect(shards.map(\.tokens) == [5, 9, 22, 4])
        #expect(shards.map(\.documents) == [1, 2, 1, 1])
        let second = try IndexedDataset(prefix: dir.file("train/shard_00001"))
        #expect(second.tokens(of: 0) == [1, 13, 14, 15, 16, 2])
        #expect(second.tokens(of: 1) == [1, 17, 2])
        #expect(try IndexedDataset(prefix: dir.file("train/shard_00002")).tokens(of: 0) == [1] + Array(100..<120) + [2])
    }

    @Test func splitsByDocumentHash() throws {
        let dir = TemporaryDirectory()
        let split = DatasetSplit(validationFraction: 0.3, seed: 5)
        var writer = try ShardSetWriter(options: .init(directory: dir.path, name: "web", dtype: .int32, eos: 0, split: split))
        for i in 0..<200 { try writer.append(documentID: "doc-\(i)", tokens: [UInt32(i + 1)]) }
        let shards = try writer.finish()
        #expect(shards.map(\.prefix) == ["train/web_00000", "validation/web_00000"])
        let validation = try IndexedDataset(prefix: dir.file("validation/web_00000"))
        let expected = (0..<200).filter { split.part(ofDocumentID: "doc-\($0)") == .validation }.map { [UInt32($0 + 1), 0] }
        #expect((0..<validation.count).map { validation.tokens(of: $0) } == expected)
        #expect(shards[0].documents + shards[1].documents == 200)
    }

    @Test func masksTravelWithTokens() throws {
        let dir = TemporaryDirectory()
        var writer = try ShardSetWriter(options: .init(directory: dir.path, dtype: .uint16, shardTokens: 6, eos: 9, withMask: true))
        try writer.append(documentID: "a", tokens: [5, 6, 7], mask: [0, 1, 1])
        try writer.append(documentID: "b", tokens: [5, 8], mask: [0, 1])
        #expect(throws: ConfigError.self) { try writer.append(documentID: "c", tokens: [5, 8], mask: [0]) }
        let shards = try writer.finish()
        #expect(shards.map(\.maskPrefix) == ["train/shard_00000.mask", "train/shard_00001.mask"])
        let mask = try IndexedDataset(prefix: dir.file("train/shard_00000.mask"))
        #expect(mask.dtype == .uint8 && mask.tokens(of: 0) == [0, 1, 1, 0])
        #expect(try IndexedDataset(prefix: dir.file("train/shard_00001.mask")).tokens(of: 0) == [0, 1, 0])
        #expect(writer.trainedTokens == 3 && writer.maskedTokens == 4)
    }

    @Test func refusesSeparatorsThatDoNotFit() {
        #expect(throws: ConfigError.self) { _ = try ShardSetWriter(options: .init(directory: "/tmp", dtype: .uint16, eos: 70000)) }
        #expect(throws: ConfigError.self) { _ = try ShardSetWriter(options: .init(directory: "/tmp", dtype: .uint16, shardTokens: 0)) }
    }

    @Test func manifestRoundTripsAndScans() throws {
        let dir = TemporaryDirectory()
        var writer = try ShardSetWriter(options: .init(directory: dir.path, dtype: .uint16, shardTokens: 4, eos: 0,
                                                       split: DatasetSplit(validationFraction: 0.5, seed: 1)))
        for i in 0..<20 { try writer.append(documentID: "x\(i)", tokens: [UInt32(i + 1), 7]) }
        var manifest = DatasetManifest(dtype: .uint16, shards: try writer.finish())
        manifest.tokenizer = .init(name: "bpe-8k", file: "t.json", vocabSize: 8192, sha256: String(repeating: "ab", count: 32))
        manifest.specialTokens = ["eos": .init(id: 0, content: "<|endoftext|>")]
        manifest.split = .init(validationFraction: 0.5, seed: 1)
        manifest.mixture = [.init(name: "web", weight: 0.6)]
        manifest.sft = .init(template: "chatml", maskedTokens: 3, trainedTokens: 4)
        try manifest.write(directory: dir.path)
        let back = try DatasetManifest.read(directory: dir.path)
        #expect(back == manifest)
        #expect(try DatasetManifest.scanShards(directory: dir.path) == manifest.shards)
        let text = String(decoding: try readBytes(dir.file("dataset.json")), as: UTF8.self)
        #expect(text.contains("\"dtype\" : \"uint16\"") && text.contains("\"dtype_code\" : 8"))
        #expect(text.contains("\"format_version\" : 1") && text.contains("\"vocab_size\" : 8192"))
        let train = manifest.shards.filter { $0.part == .train }
        #expect(manifest.dataPath["train"] == train.map { "\($0.tokens) \($0.prefix)" }.joined(separator: " "))
        #expect(manifest.totals["train"]?.tokens == train.reduce(0) { $0 + $1.tokens })
        #expect(try manifest.jsonBytes() == (try back.jsonBytes()))
        // A newer format is refused, naming the file.
        try dir.write("dataset.json", String(decoding: try manifest.jsonBytes(), as: UTF8.self)
            .replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 9"))
        let error = #expect(throws: InputError.self) { _ = try DatasetManifest.read(directory: dir.path) }
        #expect(error?.file.hasSuffix("dataset.json") == true)
    }
}
