// ShardMixer: achieved token proportions within 0.5% of the requested weights on synthetic
// sources with varied document lengths, whole documents copied intact, masks moving with
// their tokens, and identical output bytes whatever the worker count or memory budget.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryShards

@Suite struct ShardMixerTests {
    /// A tokenized source: document d of source s starts with token s·20000 + d, then its
    /// length in tokens of value s + 1; lengths log-uniform-ish between `minimum` and `maximum`.
    static func makeSource(_ directory: String, index s: Int, documents: Int, minimum: Int, maximum: Int,
                           seed: UInt64, mask: Bool = false, validation: Bool = false) throws {
        var random = SplitMix64(seed: seed)
        var writer = try ShardSetWriter(options: .init(directory: directory, dtype: .uint16, shardTokens: 300_000,
                                                        split: validation ? DatasetSplit(validationFraction: 0.1, seed: 1) : nil,
                                                        withMask: mask))
        for d in 0..<documents {
            let u = Double(random.next() >> 11) * 0x1p-53
            let length = minimum + Int(Double(maximum - minimum) * u * u * u)
            let tokens = [UInt32(s * 20000 + d)] + [UInt32](repeating: UInt32(s + 1), count: length - 1)
            let values: [UInt8]? = mask ? (0..<length).map { UInt8(($0 + d) % 3 == 0 ? 1 : 0) } : nil
            try writer.append(documentID: "s\(s)-d\(d)", tokens: tokens, mask: values)
        }
        var manifest = DatasetManifest(dtype: .uint16, shards: try writer.finish())
        if mask { manifest.sft = .init(template: "chatml", maskedTokens: writer.maskedTokens, trainedTokens: writer.trainedTokens) }
        try manifest.write(directory: directory)
    }

    static func files(_ directory: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[path] = try readBytes(directory + "/" + path) }
        }
        return out
    }

    @Test func proportionsDeterminismAndIntactDocuments() throws {
        let root = TemporaryDirectory("quarry-mix")
        try Self.makeSource(root.file("web"), index: 0, documents: 1_500, minimum: 20, maximum: 3_000, seed: 1)
        try Self.makeSource(root.file("wiki"), index: 1, documents: 400, minimum: 50, maximum: 2_000, seed: 2)
        try Self.makeSource(root.file("books"), index: 2, documents: 100, minimum: 1_000, maximum: 40_000, seed: 3)
        let sources = [
            ShardMixSource(name: "web", directory: root.file("web"), share: .weight(0.6)),
            ShardMixSource(name: "wiki", directory: root.file("wiki"), share: .epochs(3)),
            ShardMixSource(name: "books", directory: root.file("books"), share: .weight(0.2)),
        ]
        let one = try ShardMixer.mix(sources, options: ShardMixOptions(output: root.file("out1"), seed: 7, shardTokens: 500_000, workers: 1))
        let report = try JSONDecoder().decode(ShardMixReport.self, from: Data(readBytes(root.file("out1/mixture.json"))))
        let outcomes = report.parts["train"]!
        for outcome in outcomes {
            // Within 0.5% of the requested weight (relative), and wiki's 3 epochs exactly.
            #expect(abs(outcome.achievedWeight / outcome.requestedWeight - 1) < 0.005, "\(outcome.name): \(outcome.achievedWeight) vs \(outcome.requestedWeight)")
        }
        #expect(outcomes[1].achievedEpochs == 3 && outcomes[1].documents == 1_200)
        #expect(abs(outcomes[1].requestedWeight - 0.2) < 1e-12)
        #expect(one.shards.count > 2 && one.shards.allSatisfy { $0.tokens <= 500_000 || $0.documents == 1 })
        #expect(one.mixture?.map(\.name) == ["web", "wiki", "books"])

        // Every output document is a source document, copied whole.
        var seen: [UInt32: Int] = [:]
        var previousFirst: [UInt32] = []
        for shard in one.shards {
            let data = try IndexedDataset(prefix: root.file("out1") + "/" + shard.prefix)
            for d in 0..<data.count {
                let tokens = data.tokens(of: d)
                let s = Int(tokens[0]) / 20000
                #expect(tokens.dropFirst().allSatisfy { $0 == UInt32(s + 1) })
                seen[tokens[0], default: 0] += 1
                previousFirst.append(tokens[0])
            }
        }
        #expect(seen.values.reduce(0, +) == outcomes.reduce(0) { $0 + $1.documents })
        // wiki documents appear exactly 3 times each.
        #expect((20000..<20400).allSatisfy { seen[UInt32($0)] == 3 })
        // Shuffled: sources interleave (not 3 runs).
        let runs = zip(previousFirst, previousFirst.dropFirst()).filter { $0 / 20000 != $1 / 20000 }.count
        #expect(runs > 100)

        // Same bytes with 3 workers and a 4 KiB memory budget (many buckets).
        try ShardMixer.mix(sources, options: ShardMixOptions(output: root.file("out2"), seed: 7, shardTokens: 500_000, memoryBytes: 4_096, workers: 3))
        #expect(try Self.files(root.file("out1")) == Self.files(root.file("out2")))
        // An output directory that already holds a dataset is refused.
        #expect(throws: ConfigError.self) {
            try ShardMixer.mix(sources, options: ShardMixOptions(output: root.file("out1"), seed: 7))
        }
        // Another seed gives another order.
        try ShardMixer.mix(sources, options: ShardMixOptions(output: root.file("out3"), seed: 8, shardTokens: 500_000))
        #expect(try Self.files(root.file("out1"))["train/shard_00000.bin"] != Self.files(root.file("out3"))["train/shard_00000.bin"])
    }

    @Test func weightsOnlyWithTotal() throws {
        let root = TemporaryDirectory("quarry-mix")
        try Self.makeSource(root.file("a"), index: 0, documents: 800, minimum: 10, maximum: 1_000, seed: 4, validation: true)
        try Self.makeSource(root.file("b"), index: 1, documents: 300, minimum: 10, maximum: 5_000, seed: 5, validation: true)
        let sources = [ShardMixSource(name: "a", directory: root.file("a"), share: .weight(0.7)),
                       ShardMixSource(name: "b", directory: root.file("b"), share: .weight(0.3))]
        let manifest = try ShardMixer.mix(sources, options: ShardMixOptions(output: root.file("out"), seed: 1, totalTokens: 2_000_000))
        let report = try JSONDecoder().decode(ShardMixReport.self, from: Data(readBytes(root.file("out/mixture.json"))))
        let train = report.parts["train"]!
        let total = train.reduce(0) { $0 + $1.tokens }
        #expect(abs(Double(total) / 2_000_000 - 1) < 0.005)
        for outcome in train { #expect(abs(outcome.achievedWeight / outcome.requestedWeight - 1) < 0.005) }
        #expect(train.allSatisfy { $0.achievedEpochs > 1 })  // upsampled
        // Validation mixed on its own, without repetition (largest total needing no source twice).
        let validation = report.parts["validation"]!
        #expect(validation.allSatisfy { $0.achievedEpochs <= 1.000001 })
        #expect(manifest.totals["validation"] != nil)
    }

    @Test func masksMoveWithTokens() throws {
        let root = TemporaryDirectory("quarry-mix")
        try Self.makeSource(root.file("chat1"), index: 0, documents: 200, minimum: 5, maximum: 500, seed: 6, mask: true)
        try Self.makeSource(root.file("chat2"), index: 1, documents: 100, minimum: 5, maximum: 500, seed: 7, mask: true)
        let manifest = try ShardMixer.mix([ShardMixSource(name: "c1", directory: root.file("chat1"), share: .epochs(1)),
                                           ShardMixSource(name: "c2", directory: root.file("chat2"), share: .epochs(2))],
                                          options: ShardMixOptions(output: root.file("out"), seed: 3, shardTokens: 20_000))
        var trained = 0
        for shard in manifest.shards {
            let tokens = try IndexedDataset(prefix: root.file("out") + "/" + shard.prefix)
            let mask = try IndexedDataset(prefix: root.file("out") + "/" + shard.maskPrefix!)
            #expect(mask.dtype == .uint8 && mask.count == tokens.count)
            for d in 0..<tokens.count {
                let t = tokens.tokens(of: d), m = mask.tokens(of: d)
                let sourceDocument = Int(t[0]) % 20000
                #expect(m == (0..<t.count).map { UInt32(($0 + sourceDocument) % 3 == 0 ? 1 : 0) })
                trained += m.filter { $0 == 1 }.count
            }
        }
        #expect(manifest.sft?.trainedTokens == trained)
        // Mixing SFT with non-SFT data is refused.
        try Self.makeSource(root.file("plain"), index: 2, documents: 10, minimum: 5, maximum: 50, seed: 8)
        #expect(throws: ConfigError.self) {
            try ShardMixer.mix([ShardMixSource(name: "c1", directory: root.file("chat1"), share: .weight(0.5)),
                                ShardMixSource(name: "p", directory: root.file("plain"), share: .weight(0.5))],
                               options: ShardMixOptions(output: root.file("bad"), seed: 3))
        }
    }
}
