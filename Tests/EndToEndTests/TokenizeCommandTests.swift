// Issue 8 through the binary: `quarry tokenizer train` (same file for 1 and 2 workers, damaged
// records skipped and reported, --max-bytes), `tokenizer encode|decode` round trip, `quarry
// tokenize` to Megatron shards with a validation split and `shards inspect` decoding a document
// back to its text, `shards mix` and `shards export`, and `tokenize --sft` with
// `shards inspect --sft` marking the trained spans. The byte-level details are tested in
// QuarryTokenizerTests and QuarryShardsTests; this suite checks the commands fit together.
import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

@Suite struct TokenizeCommandTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QuarryTokenizerTests/Fixtures/train/corpus.jsonl").path

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    func texts() throws -> [String] {
        try String(contentsOfFile: Self.corpus, encoding: .utf8).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["text"] as! String
        }
    }

    func train(_ dir: TemporaryDirectory, _ name: String, workers: Int, extra: [String] = []) throws -> CommandResult {
        try QuarryBinary.run(["tokenizer", "train", "--input", Self.corpus, "--vocab-size", "700", "--split", "llama3",
                              "--special-token", "<|endoftext|>", "--special-token", "<|im_start|>", "--special-token", "<|im_end|>",
                              "--workers", "\(workers)", "--output", dir.file(name)] + extra)
    }

    @Test func trainEncodeTokenizeInspect() throws {
        let dir = TemporaryDirectory()
        let one = try train(dir, "one.json", workers: 1), two = try train(dir, "two.json", workers: 2)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        let a = FileManager.default.contents(atPath: dir.file("one.json")), b = FileManager.default.contents(atPath: dir.file("two.json"))
        #expect(a != nil && a == b, "the trained tokenizer does not depend on the worker count")
        let trained = try json(dir.file("one.json"))
        #expect(((trained["model"] as? [String: Any])?["vocab"] as? [String: Any])?.count == 700)

        // encode → decode gives the text back.
        let text = "Tokenizers split text: ÄÖÜ 中文 🙂 12345\r\n  end"
        let encoded = try QuarryBinary.run(["tokenizer", "encode", "--tokenizer", dir.file("one.json"), "--text", text, "--json"])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let ids = encoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded = try QuarryBinary.run(["tokenizer", "decode", "--tokenizer", dir.file("one.json"), ids])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.stdout.hasPrefix(text), "\(decoded.stdout)")

        // Shards with a validation part; document 0 of train decodes to a corpus text + EOS.
        let tokenize = try QuarryBinary.run(["tokenize", "--tokenizer", dir.file("one.json"), "--input", Self.corpus,
                                             "--output", dir.file("shards"), "--validation-fraction", "0.2", "--workers", "2"])
        #expect(tokenize.status == 0, "\(tokenize.stderr)")
        let manifest = try json(dir.file("shards/dataset.json"))
        #expect(manifest["dtype"] as? String == "uint16", "\(manifest)")
        let inspect = try QuarryBinary.run(["shards", "inspect", dir.file("shards"), "--json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let document = try QuarryBinary.run(["shards", "inspect", dir.file("shards"), "--document", "0"])
        #expect(document.status == 0, "\(document.stderr)")
        let corpus = try texts()
        #expect(corpus.contains { document.stdout.contains(String($0.prefix(60))) }, "\(document.stdout.prefix(400))")

        // Mixing two sources and exporting to nanoGPT's flat file.
        let mix = try QuarryBinary.run(["shards", "mix", "--source", "a=\(dir.file("shards")):weight=0.5",
                                        "--source", "b=\(dir.file("shards")):epochs=1", "--output", dir.file("mix"), "--seed", "7"])
        #expect(mix.status == 0, "\(mix.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("mix/dataset.json")))
        let export = try QuarryBinary.run(["shards", "export", dir.file("mix"), "--format", "nanogpt", "--output", dir.file("nanogpt")])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try FileManager.default.contentsOfDirectory(atPath: dir.file("nanogpt"))
        #expect(!exported.isEmpty, "\(export.stdout)")
    }

    @Test func damagedRecordsAndMaxBytes() throws {
        let dir = TemporaryDirectory()
        let good = try String(contentsOfFile: Self.corpus, encoding: .utf8)
        let input = try dir.write("damaged.jsonl", "{\"text\": \"broken\n" + good)
        let result = try QuarryBinary.run(["tokenizer", "train", "--input", input, "--vocab-size", "400", "--output", dir.file("t.json"),
                                           "--max-bytes", "50K"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("damaged") && result.stderr.contains("damaged.jsonl"), "\(result.stderr)")
        let tooSmall = try QuarryBinary.run(["tokenizer", "train", "--input", input, "--vocab-size", "10", "--output", dir.file("u.json")])
        #expect(tooSmall.status == 2 && !FileManager.default.fileExists(atPath: dir.file("u.json")))
    }

    @Test func sftShardsCarryAMask() throws {
        let dir = TemporaryDirectory()
        #expect(try train(dir, "tok.json", workers: 2).status == 0)
        let chat = try dir.write("chat.jsonl", """
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is BPE?"}, {"role": "assistant", "content": "Byte pair encoding."}]}
            {"prompt": "Two plus two?", "response": "Four."}
            not json

            """)
        let result = try QuarryBinary.run(["tokenize", "--sft", "--tokenizer", dir.file("tok.json"), "--input", chat, "--output", dir.file("sft")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("chat.jsonl:3") || result.stdout.contains("chat.jsonl:3"), "\(result.stdout)\(result.stderr)")
        let inspect = try QuarryBinary.run(["shards", "inspect", dir.file("sft"), "--sft", "--document", "0"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("[[Byte pair encoding.<|im_end|>]]"), "\(inspect.stdout)")
    }
}
