// The command line: exit codes (0, 1, 2), `stages`, `validate`, `stats`, and the shipped
// pipelines/quickstart.yaml on samples/.
import Foundation
import QuarryTestSupport
import Testing

@Suite struct CommandLineTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func stagesListsEveryComponentWithOptions() throws {
        let result = try QuarryBinary.run(["stages"])
        #expect(result.status == 0)
        for id in ["jsonl_v1", "text_normalize_v1", "length_filter_v1", "jsonl_writer_v1", "rejects_writer_v1"] {
            #expect(result.stdout.contains(id))
        }
        #expect(result.stdout.contains("min_words"))
        let json = try QuarryBinary.run(["stages", "--json", "length_filter_v1"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(parsed.count == 1)
        #expect((parsed[0]["options"] as! [[String: Any]]).contains { $0["name"] as? String == "max_bytes" })
    }

    @Test func usageAndConfigurationErrorsExitWithTwo() throws {
        #expect(try QuarryBinary.run(["run"]).status == 2)
        #expect(try QuarryBinary.run(["frobnicate"]).status == 2)
        #expect(try QuarryBinary.run(["run", "/nonexistent/pipeline.yaml"]).status == 2)
        let dir = TemporaryDirectory("quarry-cli")
        try dir.write("bad.yaml", "version: 1\ninput: { reader: jsonl_v1, paths: [x] }\nstages: [ nope_v1 ]\noutput: { writer: jsonl_writer_v1 }\n")
        let bad = try QuarryBinary.run(["validate", "bad.yaml"], in: dir.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yaml:3: stages[0] nope_v1: unknown stage 'nope_v1'"))
        #expect(try QuarryBinary.run(["--version"]).status == 0)
    }

    @Test func aRunStoreRemembersPathsRelativeToItself() throws {
        let dir = TemporaryDirectory("quarry-paths")
        try dir.write("x/in/a.jsonl", #"{"id":"1","text":"a document with enough words"}"# + "\n")
        try dir.write("x/p.yaml", "version: 1\ninput: { reader: jsonl_v1, paths: [in] }\noutput: { writer: jsonl_writer_v1 }\n")
        #expect(try QuarryBinary.run(["run", "p.yaml", "-o", "out"], in: dir.file("x")).status == 0)
        // An unrelated file with the same relative name elsewhere must survive --fresh run from there.
        try dir.write("y/out/a.jsonl.zst", "precious")
        try dir.write("y/in/a.jsonl", #"{"id":"1","text":"a document with enough words"}"# + "\n")
        let again = try QuarryBinary.run(["run", dir.file("x/p.yaml"), "-o", dir.file("x/out"), "--fresh"], in: dir.file("x"))
        #expect(again.status == 0)
        let moved = try QuarryBinary.run(["run", "../x/p.yaml", "-o", dir.file("x/out"), "--fresh"], in: dir.file("y"))
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("x/out/a.jsonl.zst")))
        #expect(try readBytes(dir.file("y/out/a.jsonl.zst")) == Array("precious".utf8))
    }

    @Test func shippedPipelinesValidate() throws {
        let pipelines = try FileManager.default.contentsOfDirectory(atPath: Self.repository + "/pipelines")
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(pipelines.contains("quickstart.yaml"))
        let dir = TemporaryDirectory("quarry-pipelines")
        for name in pipelines {
            var path = "pipelines/" + name
            // A pipeline over the shared corpora (zh-web.yaml) is checked on a stand-in input
            // where the corpora are absent (CI), so its stages and options are still validated.
            var text = try String(contentsOfFile: Self.repository + "/" + path, encoding: .utf8)
            var replaced = false
            var searchFrom = text.startIndex
            while let range = text.range(of: "\\.\\./shared/corpora/[^\\]\\s,]+\\.txt", options: .regularExpression,
                                         range: searchFrom..<text.endIndex) {
                guard !FileManager.default.fileExists(atPath: Self.repository + "/" + text[range]) else {
                    searchFrom = range.upperBound
                    continue
                }
                let standIn = try dir.write("page.txt", "本文介绍了什么是大模型。")
                text.replaceSubrange(range, with: standIn)
                searchFrom = text.startIndex
                replaced = true
            }
            // The domain example reads what scripts/examples/domain_example.sh makes under out/domain/:
            // absent here, the pages and the classifier are a stand-in page and the fixture model.
            let standIns = ["out/domain/pages.jsonl": try dir.write("pages.jsonl", "{\"id\":\"a\",\"text\":\"hello world\"}\n"),
                            "out/domain/domain.ftz": Self.repository + "/Tests/QuarryClassifyTests/Fixtures/fasttext/softmax_q.ftz"]
            for (made, standIn) in standIns where text.contains(made) && !FileManager.default.fileExists(atPath: Self.repository + "/" + made) {
                text = text.replacingOccurrences(of: made, with: standIn)
                replaced = true
            }
            if replaced { path = try dir.write(name, text) }
            let result = try QuarryBinary.run(["validate", path], in: Self.repository)
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
    }

    @Test func quickstartRunsOnTheSamplesAndReportsItsFunnel() throws {
        let dir = TemporaryDirectory("quarry-quickstart")
        let run = try QuarryBinary.run(["run", "pipelines/quickstart.yaml", "--output", dir.file("out"), "--fresh"],
                                       in: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let stats = try QuarryBinary.run(["stats", dir.file("out")])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("jsonl_v1"))
        #expect(stats.stdout.contains("length_filter_v1"))
        #expect(stats.stdout.contains("too_few_chars"))
        #expect(stats.stdout.contains("pii_scrub_v1"))
        #expect(FileManager.default.fileExists(atPath: dir.file("out/pii_spans")))
    }
}
