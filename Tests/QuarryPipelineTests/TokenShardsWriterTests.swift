// tokenize_v1 + token_shards_v1 through the local executor: 1 and 3 workers write the same
// shard bytes and dataset.json (inputs split into several tasks), the shards hold exactly the
// ids of the {"id","ids"} JSONL output plus EOS per document, and options are checked before
// any output. The tokenizer is the GPT-2-style 1,000-id fixture of QuarryTokenizerTests.
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryTestSupport
import Testing

@Suite struct TokenShardsWriterTests {
    static let tokenizer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QuarryTokenizerTests/Fixtures/train/gpt2_1000.tokenizer.json").path

    func spec(input: String, writer: String) throws -> PipelineSpec {
        try PipelineSpec.parse("""
            version: 1
            name: tokens
            input: { reader: jsonl_v1, paths: ["\(input)"], split_bytes: 65536 }
            stages:
              - tokenize_v1: { tokenizer: "\(Self.tokenizer)" }
            output: { writer: token_shards_v1, \(writer) }
            """, file: "tokens.yaml")
    }

    func run(_ spec: PipelineSpec, output: String, workers: Int) throws -> RunOutcome {
        var options = RunOptions()
        options.workers = workers
        options.output = output
        return try LocalExecutor(pipeline: try ResolvedPipeline(spec, output: output), options: options).run()
    }

    /// Every file under `dir` whose name ends with one of `suffixes`, by relative path.
    func files(_ dir: String, _ suffixes: [String]) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for path in FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
        where suffixes.contains(where: { path.hasSuffix($0) }) {
            out[path] = try readBytes(dir + "/" + path)
        }
        return out
    }

    @Test func sameBytesForAnyWorkerCountAndSameIdsAsJSONL() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        let shardsSpec = try spec(input: input, writer: "tokenizer: \"\(Self.tokenizer)\", shard_tokens: 5000")
        let one = try run(shardsSpec, output: f.dir.file("one"), workers: 1)
        let three = try run(shardsSpec, output: f.dir.file("three"), workers: 3)
        #expect(one.succeeded && three.succeeded)
        let a = try files(f.dir.file("one"), [".bin", ".idx", "dataset.json", ".shards.json"])
        let b = try files(f.dir.file("three"), [".bin", ".idx", "dataset.json", ".shards.json"])
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        #expect(a.keys.contains("train/big.part-00001_00000.bin"))
        #expect(a.keys.filter { $0.hasSuffix(".bin") }.count > 6)   // split inputs and rotation by 5,000 tokens

        // The shards hold the JSONL ids plus EOS, input by input, shard by shard.
        let jsonlSpec = try spec(input: input, writer: "tokenizer: \"\(Self.tokenizer)\", format: jsonl")
        let ids = try run(jsonlSpec, output: f.dir.file("ids"), workers: 2)
        #expect(ids.succeeded)
        let manifest = try JSONSerialization.jsonObject(with: Data(a["dataset.json"]!)) as! [String: Any]
        let eos = ((manifest["special_tokens"] as! [String: Any])["eos"] as! [String: Any])["id"] as! Int
        #expect(manifest["dtype"] as? String == "uint16" && manifest["dtype_code"] as? Int == 8)
        var documents = 0
        for (path, bytes) in try files(f.dir.file("ids"), [".jsonl"]) {
            let stem = String(path.dropLast(".jsonl".count))
            var expected: [Int] = []
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let docIDs = object["ids"] as! [Int]
                if !docIDs.isEmpty { expected += docIDs + [eos]; documents += 1 }
            }
            var got: [Int] = []
            for name in a.keys.filter({ $0.hasPrefix("train/\(stem)_") && $0.hasSuffix(".bin") }).sorted() {
                let bin = a[name]!
                got += stride(from: 0, to: bin.count, by: 2).map { Int(bin[$0]) | Int(bin[$0 + 1]) << 8 }
            }
            #expect(got == expected, "\(stem)")
        }
        let totals = (manifest["totals"] as! [String: Any])["train"] as! [String: Any]
        #expect(totals["documents"] as? Int == documents)
        #expect(documents > 3000)
    }

    @Test func badOptionsFailBeforeOutput() throws {
        let f = ExecutorFixture()
        let input = try f.makeInputs()
        for (writer, words) in [("tokenizer: \"\(Self.tokenizer)\", format: parquet", "format"),
                                ("tokenizer: \"\(Self.tokenizer)\", validation_fraction: 2", "validation_fraction"),
                                ("tokenizer: \"\(Self.tokenizer)\", eos_token: \"<nope>\"", "<nope>"),
                                ("tokenizer: \"\(Self.tokenizer)\", dtype: float32", "dtype")] {
            let error = #expect(throws: ConfigError.self) {
                _ = try run(try spec(input: input, writer: writer), output: f.dir.file("bad"), workers: 1)
            }
            #expect(error?.description.contains(words) == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: f.dir.file("bad/train")))
        }
    }
}
