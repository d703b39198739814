// Routing from the command line: `quarry run` on the samples with metadata_filter_v1 and
// route_v1 writes one directory per language with the documents of that language; a run
// killed in the middle of a task (failpoint run.route, after a route's temporary file was
// first written) resumes to the same bytes, and --fresh after a kill leaves no routed file.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite(.serialized) struct RoutingCommandTests {
    /// The repository's samples/jsonl directory.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/jsonl").path

    func quarry(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QuarryBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every file under `root` (relative path → bytes), run stores left out.
    func files(_ root: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !name.contains(".sqlite") { out[name] = try readBytes(root + "/" + name) }
        }
        return out
    }

    @Test func aRunRoutesTheSamplesByLanguage() throws {
        let dir = TemporaryDirectory("quarry-route")
        try dir.write("route.yaml", """
            version: 1
            name: route-test
            input: { reader: jsonl_v1, paths: ["\(Self.samples)/web-multi.jsonl"] }
            stages:
              - metadata_filter_v1: { key: lang_hint, not_in: [ar] }
              - route_v1: { key: lang_hint, values: [de, zh], other: rest }
            output: { writer: jsonl_writer_v1, directory: out, compression: none }
            """)
        let run = try quarry(["run", "route.yaml", "--workers", "2"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let out = try files(dir.file("out"))
        #expect(out.keys.sorted() == ["de/web-multi.jsonl", "rest/web-multi.jsonl", "zh/web-multi.jsonl"])
        func hints(_ name: String) -> [String] {
            String(decoding: out[name] ?? [], as: UTF8.self).split(separator: "\n").map { line in
                let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return (object["metadata"] as! [String: Any])["lang_hint"] as! String
            }
        }
        #expect(hints("de/web-multi.jsonl") == Array(repeating: "de", count: 8))
        #expect(hints("zh/web-multi.jsonl") == Array(repeating: "zh", count: 9))
        #expect(Set(hints("rest/web-multi.jsonl")) == ["fr", "es", "ja", "ru", "en"])
        #expect(hints("rest/web-multi.jsonl").count == 21)
        let stats = try quarry(["stats", "out"], in: dir.path)
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("routed.zh 9") && stats.stdout.contains("metadata.lang_hint.excluded"), "\(stats.stdout)")
        let stages = try quarry(["stages"], in: dir.path)
        #expect(stages.stdout.contains("route_v1") && stages.stdout.contains("metadata_filter_v1"))
    }

    @Test func aRunKilledInsideATaskResumesToTheSameBytes() throws {
        let dir = TemporaryDirectory("quarry-route-kill")
        var rng = SplitMix64(seed: 99)
        let languages = ["en", "de", "fr", "ja", "zh"]
        for file in 0..<4 {
            var text = ""
            for i in 0..<6000 {
                let doc: JSONValue = ["id": .string("f\(file)-\(i)"), "text": .string(rng.string(from: ["a ", "b ", "字"], count: 10)),
                                      "metadata": ["lang": .string(languages[rng.below(languages.count)])]]
                text += JSONWriter.text(of: doc) + "\n"
            }
            try dir.write("corpus/part-\(file).jsonl", text)
        }
        try dir.write("p.yaml", """
            version: 1
            name: route-kill
            input: { reader: jsonl_v1, paths: [corpus] }
            stages: [ { route_v1: { key: lang } } ]
            output: { writer: jsonl_writer_v1, directory: out }
            """)
        let clean = try quarry(["run", "p.yaml", "--output", "clean", "--workers", "2"], in: dir.path)
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try files(dir.file("clean"))
        #expect(expected.count == 20)

        // Killed after the 7th route file was first written: some tasks done, one midway.
        let killed = try quarry(["run", "p.yaml", "--output", "killed", "--workers", "2"], in: dir.path,
                                environment: ["QUARRY_FAILPOINT": "run.route:7"])
        #expect(killed.status == 137, "the failpoint was not reached: \(killed.stderr)")
        #expect(try files(dir.file("killed")).keys.contains { $0.hasSuffix(".tmp") }, "a temporary file of the killed task")
        let resumed = try quarry(["run", "p.yaml", "--output", "killed", "--workers", "2"], in: dir.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try files(dir.file("killed")) == expected)

        // Killed again from scratch, then --fresh: nothing of the killed attempt stays.
        let again = try quarry(["run", "p.yaml", "--output", "again", "--workers", "1"], in: dir.path,
                               environment: ["QUARRY_FAILPOINT": "run.route:3"])
        #expect(again.status == 137)
        try dir.write("plain.yaml", """
            version: 1
            name: route-kill
            input: { reader: jsonl_v1, paths: [corpus] }
            output: { writer: jsonl_writer_v1, directory: out }
            """)
        let fresh = try quarry(["run", "plain.yaml", "--output", "again", "--workers", "1", "--fresh"], in: dir.path)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try files(dir.file("again")).keys.sorted() == (0..<4).map { "part-\($0).jsonl.zst" })
    }
}
