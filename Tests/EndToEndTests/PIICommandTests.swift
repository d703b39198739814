// `quarry pii` through the binary on documents with planted personal data of every type, in
// English, German and Chinese, over two input files: the output holds none of the planted values,
// the span file (DESIGN.md §4.1) has one line per document whose offsets point at exactly the
// planted values of the input, pii_counts are in the metadata, 1 and 2 workers write the same
// bytes, pseudonyms are consistent across documents, and — the never-leak check — no artefact
// of the run (output, span file, run store, logs, stats) contains any planted value, also when
// an earlier stage drops documents into rejects/ before the scrub sees them.
import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

@Suite struct PIICommandTests {
    /// Planted values, each surely found by its detector, and the documents that carry them.
    static let planted: [(type: String, value: String)] = [
        ("EMAIL", "jane.miller@mailbox-example.com"), ("EMAIL", "müller@bücher.de"), ("PHONE", "+49 30 12345678"),
        ("PHONE", "138 1234 5678"), ("IP_ADDRESS", "81.169.145.22"), ("IP_ADDRESS", "2a00:1450:4001:82b::200e"),
        ("CREDIT_CARD", "4111 1111 1111 1111"), ("IBAN", "DE89 3704 0044 0532 0130 00"), ("US_SSN", "536-22-8745"),
        ("CN_RESIDENT_ID", "11010519491231002X"), ("URL_WITH_CREDENTIALS", "admin:Sup3rS3cret"),
        ("SECRET", "ghp_9aZxQ2wLmN4bVc7Tr1Yk8Hj3Gf6Ds5Pq0WeR"), ("SECRET", "AKIA2QWERTYUIOPASDFG"), ("PERSON", "王伟"),
    ]

    static func documents() -> [[(id: String, text: String)]] {
        [[
            ("en-1", "Hi team, write to jane.miller@mailbox-example.com or call +49 30 12345678. Card: 4111 1111 1111 1111, SSN 536-22-8745."),
            ("en-2", "Server 81.169.145.22 and 2a00:1450:4001:82b::200e; clone https://admin:Sup3rS3cret@git.example.org/repo.git"),
            ("en-3", "Nothing personal here, version 1.2.3.4 released on 2023-05-01 for $1,299.00."),
        ], [
            ("de-1", "Bitte überweisen Sie auf DE89 3704 0044 0532 0130 00. Fragen an müller@bücher.de, danke!"),
            ("zh-1", "姓名：王伟，电话：138 1234 5678，身份证号：11010519491231002X，邮箱 jane.miller@mailbox-example.com。"),
            ("code-1", "export GITHUB_TOKEN=ghp_9aZxQ2wLmN4bVc7Tr1Yk8Hj3Gf6Ds5Pq0WeR\naws_access_key_id = AKIA2QWERTYUIOPASDFG\n"),
        ]]
    }

    func makeInputs(_ dir: TemporaryDirectory) throws -> String {
        for (i, docs) in Self.documents().enumerated() {
            try dir.write("in/part-\(i).jsonl", docs.map { "{\"id\":\(JSONText.quoted($0.id)),\"text\":\(JSONText.quoted($0.text))}\n" }.joined())
        }
        return dir.file("in")
    }

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// Every regular file under `directory`, recursively.
    func files(under directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var out: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(path) }
        }
        return out
    }

    @Test func tagsEveryPlantedValueAndLeaksNothing() throws {
        let dir = TemporaryDirectory()
        let input = try makeInputs(dir)
        let result = try QuarryBinary.run(["pii", "--input", input, "--output", dir.file("out/clean.jsonl"),
                                           "--spans", dir.file("out/spans.jsonl"), "--workers", "2", "--log-format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let stats = try QuarryBinary.run(["stats", dir.file("out/clean.jsonl")])

        let originals = Dictionary(uniqueKeysWithValues: Self.documents().flatMap { $0 }.map { ($0.id, Array($0.text.utf8)) })
        let output = try lines(dir.file("out/clean.jsonl"))
        #expect(output.map { $0["id"] as? String } == Self.documents().flatMap { $0 }.map(\.id))
        let spanLines = try lines(dir.file("out/spans.jsonl"))
        #expect(spanLines.map { $0["id"] as? String } == output.map { $0["id"] as? String })

        // Every planted value is a span of its type in each document that holds it, and nothing else is.
        for line in spanLines {
            let id = line["id"] as! String
            let text = originals[id]!
            var found: [(String, String)] = []
            for span in line["spans"] as! [[String: Any]] {
                let start = span["start"] as! Int, end = span["end"] as! Int
                found.append((span["type"] as! String, String(decoding: text[start..<end], as: UTF8.self)))
            }
            let textString = String(decoding: text, as: UTF8.self)
            let expected = Self.planted.filter { textString.contains($0.value) }
            #expect(found.map { "\($0.0)=\($0.1)" }.sorted() == expected.map { "\($0.type)=\($0.value)" }.sorted(), "\(id)")
        }
        func document(_ id: String) -> [String: Any]? { output.first { $0["id"] as? String == id } }
        let counts = (document("en-1")?["metadata"] as? [String: Any])?["pii_counts"] as? [String: Int]
        #expect(counts?["EMAIL"] == 1 && counts?["CREDIT_CARD"] == 1)
        #expect((document("en-3")?["metadata"] as? [String: Any])?["pii_counts"] == nil)
        #expect((document("zh-1")?["text"] as? String)?.contains("电话：<PHONE>") == true)

        // Never leak: no artefact holds a planted value.
        var artefacts = files(under: dir.file("out")).map { (path: $0, bytes: FileManager.default.contents(atPath: $0) ?? Data()) }
        artefacts.append(("stderr", Data(result.stderr.utf8)))
        artefacts.append(("stdout", Data(result.stdout.utf8)))
        artefacts.append(("quarry stats", Data((stats.stdout + stats.stderr).utf8)))
        #expect(artefacts.count >= 6)
        for (path, bytes) in artefacts {
            for value in Self.planted.map(\.value) {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(path) holds a planted \(value.count)-byte value")
            }
        }
    }

    @Test func documentsDroppedBeforeTheScrubAreScrubbedInRejectsAndSamples() throws {
        let dir = TemporaryDirectory()
        let input = try makeInputs(dir)
        let pipeline = try dir.write("pipeline.yaml", """
            version: 1
            name: pii-after-filter
            input: { reader: jsonl_v1, paths: ["\(input)/*.jsonl"] }
            stages:
              - length_filter_v1: { min_chars: 100 }
              - pii_scrub_v1: { spans: true }
            output: { writer: jsonl_writer_v1, directory: "\(dir.file("out"))", compression: none }
            rejects: { filtered: true, compression: none }
            """)
        let result = try QuarryBinary.run(["run", pipeline, "--workers", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let rejects = files(under: dir.file("out/rejects"))
        let rejected = try rejects.flatMap { try lines($0) }
        #expect(Set(rejected.map { $0["id"] as? String }) == ["en-3", "de-1", "zh-1"])
        #expect(rejected.contains { ($0["text"] as? String)?.contains("<IBAN>") == true })
        let samples = try QuarryBinary.run(["stats", dir.file("out"), "--samples"])
        #expect(samples.status == 0 && samples.stdout.contains("<CN_RESIDENT_ID>"))
        for path in files(under: dir.file("out")) {
            let bytes = FileManager.default.contents(atPath: path) ?? Data()
            for value in Self.planted.map(\.value) {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(path) holds a planted \(value.count)-byte value")
            }
        }
        for value in Self.planted.map(\.value) { #expect(!samples.stdout.contains(value)) }
    }

    @Test func oneAndTwoWorkersWriteTheSameBytesAndPseudonymsAreConsistent() throws {
        let dir = TemporaryDirectory()
        let input = try makeInputs(dir)
        try "a-secret-key-for-the-pseudonym-test\n".write(toFile: dir.file("pii.key"), atomically: true, encoding: .utf8)
        var outputs: [Data] = []
        for workers in ["1", "2"] {
            let out = dir.file("out-\(workers).jsonl")
            let result = try QuarryBinary.run(["pii", "--input", input, "--output", out, "--replace", "pseudonym",
                                               "--key-file", dir.file("pii.key"), "--workers", workers])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(FileManager.default.contents(atPath: out) ?? Data())
        }
        #expect(!outputs[0].isEmpty && outputs[0] == outputs[1])
        let texts = try lines(dir.file("out-1.jsonl")).map { $0["text"] as! String }
        for value in Self.planted.map(\.value) { #expect(!texts.contains { $0.contains(value) }) }
        // jane.miller@… appears in en-1 and zh-1: the same fake in both.
        let fakes = texts.map { text in text.split(whereSeparator: { " ，。,".contains($0) }).first { $0.contains("@example.") } }
        #expect(fakes[0] != nil && fakes[0] == fakes[4])
    }

    @Test func pseudonymsWithoutAKeyStopBeforeAnyOutput() throws {
        let dir = TemporaryDirectory()
        let input = try makeInputs(dir)
        let result = try QuarryBinary.run(["pii", "--input", input, "--output", dir.file("out"), "--replace", "pseudonym",
                                           "--key-env", "QUARRY_TEST_NO_SUCH_VARIABLE"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("QUARRY_TEST_NO_SUCH_VARIABLE"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        let bad = try QuarryBinary.run(["pii", "--input", input, "--output", dir.file("out"), "--action", "PHONEY=mask"])
        #expect(bad.status == 2 && bad.stderr.contains("PHONE"))
    }
}
