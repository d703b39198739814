// `quarry classify` through the binary: train → test → quantize → apply on the fastText fixture
// task (the applied labels are fastText's own predictions for the fixture model), a training run
// reproducible bit for bit with one thread and a seed, `classify language` writing language,
// language_score and script with 1 and 2 workers giving the same bytes, and a pipeline that
// identifies languages, keeps confident documents and routes them per language.
import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

@Suite struct ClassifyCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QuarryClassifyTests/Fixtures/fasttext").path

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The fixture's fastText training file as labeled JSONL ({"text", "topic"}).
    func labeledInput(_ dir: TemporaryDirectory) throws -> String {
        let train = try String(contentsOfFile: Self.fixtures + "/train.txt", encoding: .utf8)
        var out = ""
        for line in train.split(separator: "\n") {
            let tokens = line.split(separator: " ")
            let labels = tokens.filter { $0.hasPrefix("__label__") }.map { JSONText.quoted(String($0.dropFirst(9))) }
            let text = tokens.filter { !$0.hasPrefix("__label__") }.joined(separator: " ")
            out += "{\"text\":\(JSONText.quoted(text)),\"topic\":\(labels.count == 1 ? labels[0] : "[" + labels.joined(separator: ",") + "]")}\n"
        }
        return try dir.write("labeled.jsonl", out)
    }

    @Test func trainTestQuantizeApply() throws {
        let dir = TemporaryDirectory()
        let labeled = try labeledInput(dir)
        let args = ["classify", "train", "--input", labeled, "--label-key", "topic", "--dim", "16", "--word-ngrams", "2",
                    "--minn", "2", "--maxn", "4", "--bucket", "4096", "--epoch", "25", "--lr", "0.5", "--threads", "1", "--seed", "3"]
        let first = try QuarryBinary.run(args + ["--output", dir.file("a.bin")])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try QuarryBinary.run(args + ["--output", dir.file("b.bin")])
        #expect(second.status == 0, "\(second.stderr)")
        let a = FileManager.default.contents(atPath: dir.file("a.bin")), b = FileManager.default.contents(atPath: dir.file("b.bin"))
        #expect(a != nil && a == b, "one thread and a seed give the same model bytes")

        let test = try QuarryBinary.run(["classify", "test", "--model", dir.file("a.bin"), "--input", labeled, "--label-key", "topic"])
        #expect(test.status == 0, "\(test.stderr)")
        let precision = test.stdout.split(separator: "\n").first { $0.hasPrefix("P@1") }.flatMap { Double($0.split(separator: "\t")[1]) }
        #expect((precision ?? 0) > 0.9, "\(test.stdout)")

        let quantize = try QuarryBinary.run(["classify", "quantize", "--input", dir.file("a.bin"), "--output", dir.file("a.ftz"),
                                             "--cutoff", "1000", "--qnorm", "--threads", "1"])
        #expect(quantize.status == 0, "\(quantize.stderr)")
        let sizes = [dir.file("a.bin"), dir.file("a.ftz")].map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        #expect(sizes[1] > 0 && sizes[1] < sizes[0] / 4)
    }

    @Test func applyGivesFastTextsPredictions() throws {
        let dir = TemporaryDirectory()
        let expected = try lines(Self.fixtures + "/softmax.expected.jsonl")
        let input = try dir.write("in.jsonl", expected.enumerated().map { "{\"id\":\"\($0.offset)\",\"text\":\(JSONText.quoted($0.element["text"] as! String))}\n" }.joined())
        let result = try QuarryBinary.run(["classify", "apply", "--model", Self.fixtures + "/softmax.bin", "--name", "topic",
                                           "--input", input, "--output", dir.file("out.jsonl"), "--workers", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try lines(dir.file("out.jsonl"))
        #expect(output.count == expected.count)
        for (document, fastText) in zip(output, expected) {
            let metadata = document["metadata"] as? [String: Any]
            let labels = fastText["k3_labels"] as! [String]
            #expect(metadata?["topic_label"] as? String == labels.first.map { String($0.dropFirst(9)) })
            let probability = min((fastText["k3_probs"] as! [Double]).first ?? 0, 1)
            #expect(abs((metadata?["topic_score"] as? Double ?? -1) - probability) <= 1e-4)
        }
    }

    static let multilingual: [(id: String, text: String)] = [
        ("en", "The committee will publish its final report on the new railway line next month."),
        ("de", "Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf zur Energiepolitik beschlossen."),
        ("zh", "政府于周三提出了一项关于能源政策的新法案，专家认为这将影响未来十年的发展。"),
        ("ja", "政府は水曜日、エネルギー政策に関する新しい法案を提出した。"),
        ("ru", "Правительство в среду представило новый законопроект об энергетической политике."),
        ("empty", ""), ("digits", "2024-05-01 12:00"),
    ]

    @Test func languageWritesLanguageScoreAndScript() throws {
        let dir = TemporaryDirectory()
        let input = try dir.write("in.jsonl", Self.multilingual.map { "{\"id\":\"\($0.id)\",\"text\":\(JSONText.quoted($0.text))}\n" }.joined())
        let one = try QuarryBinary.run(["classify", "language", "--input", input, "--output", dir.file("one.jsonl"), "--workers", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try QuarryBinary.run(["classify", "language", "--input", input, "--output", dir.file("two.jsonl"), "--workers", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(FileManager.default.contents(atPath: dir.file("one.jsonl")) == FileManager.default.contents(atPath: dir.file("two.jsonl")))
        let expected = ["en": ("en", "Latn"), "de": ("de", "Latn"), "zh": ("zh", "Hans"), "ja": ("ja", "Jpan"), "ru": ("ru", "Cyrl"),
                        "empty": ("und", "Zyyy"), "digits": ("und", "Zyyy")]
        for document in try lines(dir.file("one.jsonl")) {
            let id = document["id"] as! String, metadata = document["metadata"] as! [String: Any]
            #expect(metadata["language"] as? String == expected[id]!.0, "\(id)")
            #expect(metadata["script"] as? String == expected[id]!.1, "\(id)")
            let score = metadata["language_score"] as? Double ?? -1
            #expect(expected[id]!.0 == "und" ? score == 0 : score > 0.5, "\(id)")
        }
    }

    @Test func pipelineIdentifiesFiltersAndRoutes() throws {
        let dir = TemporaryDirectory()
        _ = try dir.write("in/docs.jsonl", Self.multilingual.map { "{\"id\":\"\($0.id)\",\"text\":\(JSONText.quoted($0.text))}\n" }.joined())
        let pipeline = try dir.write("p.yaml", """
            version: 1
            name: lid-route
            input: { reader: jsonl_v1, paths: ["\(dir.file("in"))"] }
            stages:
              - language_id_v1: {}
              - metadata_filter_v1: { key: language_score, min: 0.5 }
              - route_v1: { key: language }
            output: { writer: jsonl_writer_v1, directory: "\(dir.file("out"))", compression: none }
            """)
        let result = try QuarryBinary.run(["run", pipeline, "--workers", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        for language in ["en", "de", "zh", "ja", "ru"] {
            let routed = try lines(dir.file("out/\(language)/docs.jsonl"))
            #expect(routed.map { $0["id"] as? String } == [language])
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/und")))
    }

    @Test func missingModelStopsBeforeAnyOutput() throws {
        let dir = TemporaryDirectory()
        let input = try dir.write("in.jsonl", "{\"id\":\"a\",\"text\":\"hello world\"}\n")
        let result = try QuarryBinary.run(["classify", "apply", "--model", dir.file("nope.bin"), "--name", "x",
                                           "--input", input, "--output", dir.file("out.jsonl")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("nope.bin"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.jsonl")))
    }
}
