// kill -9 at random moments, then `quarry run` again until it completes: the outputs must be
// byte-identical to an uninterrupted run, with no document lost or doubled (issue #2,
// guarantee 1), and the run store's counts must equal the uninterrupted run's.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite(.serialized) struct KillAndResumeTests {
    /// Eight inputs of about 1.5 MB each, so a run takes long enough to be killed mid-way.
    func makeCorpus(_ dir: TemporaryDirectory) throws {
        var rng = SplitMix64(seed: 2024)
        let words = ["the", "quick", "brown", "fox", "jumps", "über", "den", "字", "😀", "lazy", "dog", "\n"]
        for file in 0..<8 {
            var text = ""
            for i in 0..<4000 {
                let body = rng.string(from: words, count: Int.random(in: 5..<120, using: &rng))
                text += JSONText.quoted("d\(file)-\(i)").withKey("id") + body.asTextLine + "\n"
            }
            try dir.write("corpus/part-\(file).jsonl", text)
        }
        try dir.write("pipeline.yaml", """
            version: 1
            name: kill-test
            input: { reader: jsonl_v1, paths: [corpus] }
            stages:
              - text_normalize_v1: { collapse_spaces: true }
              - length_filter_v1: { min_words: 20 }
            output: { writer: jsonl_writer_v1, directory: out, compression: gzip }
            rejects: { filtered: true }
            """)
    }

    func outputs(_ root: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
            let path = root + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !name.contains(".sqlite") { out[name] = try readBytes(path) }
        }
        return out
    }

    @Test func killedRunsResumeToTheSameBytes() throws {
        let dir = TemporaryDirectory("quarry-kill")
        try makeCorpus(dir)
        let clean = try QuarryBinary.run(["run", "pipeline.yaml", "--output", "clean", "--workers", "2"], in: dir.path)
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try outputs(dir.file("clean"))
        #expect(expected.count >= 8)

        var rng = SplitMix64(seed: UInt64(Date().timeIntervalSince1970))
        var kills = 0
        for attempt in 0..<12 {
            let running = try QuarryBinary.start(["run", "pipeline.yaml", "--output", "killed", "--workers", "2"],
                                                 in: dir.path, discardOutput: true)
            usleep(UInt32(Int.random(in: 20_000..<900_000, using: &rng)))
            if running.process.isRunning {
                kill(running.process.processIdentifier, SIGKILL)
                kills += 1
            }
            running.process.waitUntilExit()
            if running.process.terminationReason == .exit && running.process.terminationStatus == 0 && attempt > 2 { break }
        }
        #expect(kills > 0, "no run was killed; the corpus is too small for this machine")
        let finish = try QuarryBinary.run(["run", "pipeline.yaml", "--output", "killed", "--workers", "2"], in: dir.path)
        #expect(finish.status == 0, "\(finish.stderr)")
        let resumed = try outputs(dir.file("killed"))
        #expect(resumed.keys.sorted() == expected.keys.sorted())
        for (name, bytes) in expected { #expect(resumed[name] == bytes, "\(name) differs") }

        let a = try QuarryBinary.run(["stats", "clean", "--json", "clean.json"], in: dir.path)
        let b = try QuarryBinary.run(["stats", "killed", "--json", "killed.json"], in: dir.path)
        #expect(a.status == 0 && b.status == 0)
        #expect(try countsOnly(dir.file("clean.json")) == countsOnly(dir.file("killed.json")))
    }

    /// The stats report without wall-clock seconds and store paths.
    func countsOnly(_ path: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var copy = object
        copy["stores"] = nil
        copy["funnel"] = (object["funnel"] as! [[String: Any]]).map { row -> [String: Any] in
            var row = row
            row["seconds"] = nil
            return row
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys]), as: UTF8.self)
    }
}

extension String {
    /// `"id": "..."` plus the start of a text key, for building JSONL lines by hand.
    func withKey(_ key: String) -> String { "{\"\(key)\":\(self),\"text\":" }
    /// The rest of a JSONL line holding this text.
    var asTextLine: String { JSONText.quoted(self) + "}" }
}
