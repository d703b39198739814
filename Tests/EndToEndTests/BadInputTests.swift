// Bad input never crashes and never silently loses data (issue #2, guarantee 3): a truncated
// .gz, a corrupt .zst frame, a malformed JSON line, a line of 50 MB, binary garbage and an
// empty file are reported with file and offset, the good records around them are kept, the
// bad ones are counted and set aside, and the run exits 0 unless --max-errors is exceeded.
// A missing file is an error (exit code 2) before any work starts.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct BadInputTests {
    static func goodLines(_ prefix: String, _ range: Range<Int>) -> String {
        range.map { #"{"id":"\#(prefix)-\#($0)","text":"record \#($0) of \#(prefix) with enough words to read"}"# + "\n" }
            .joined()
    }

    func write(_ dir: TemporaryDirectory, _ name: String, _ text: String, _ compression: Compression, frames: Int = 1) throws {
        let path = dir.file(name)
        try Directories.create(parentOf: path)
        let sink = try compression.openSink(path: path)
        let bytes = Array(text.utf8)
        let step = (bytes.count + frames - 1) / frames
        var start = 0
        while start < bytes.count {
            // Cut frames at line ends so every frame holds whole records.
            var end = min(bytes.count, start + step)
            while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
            try bytes[start..<end].withUnsafeBytes { try sink.write($0) }
            try sink.endFrame()
            start = end
        }
        try sink.commit()
    }

    /// Builds one input of each kind of damage; returns the number of good records in them.
    func makeInputs(_ dir: TemporaryDirectory) throws -> Int {
        // A gzip file cut off in its second half.
        try write(dir, "in/truncated.jsonl.gz", Self.goodLines("gz", 0..<2000), .gzip, frames: 4)
        let gz = dir.file("in/truncated.jsonl.gz")
        let gzBytes = try readBytes(gz)
        try Data(gzBytes[0..<(gzBytes.count * 6 / 10)]).write(to: URL(fileURLWithPath: gz))

        // A zstd file of four frames whose second frame is damaged.
        try write(dir, "in/corrupt.jsonl.zst", Self.goodLines("zst", 0..<2000), .zstd, frames: 4)
        let zst = dir.file("in/corrupt.jsonl.zst")
        var zstBytes = try readBytes(zst)
        let frames = frameStarts(zstBytes)
        #expect(frames.count == 4)
        for i in (frames[1] + 40)..<(frames[1] + 80) { zstBytes[i] ^= 0x5A }
        try Data(zstBytes).write(to: URL(fileURLWithPath: zst))

        // One malformed line among good ones, and a 50 MB line among good ones.
        try dir.write("in/malformed.jsonl", Self.goodLines("m", 0..<50) + "{\"id\": \"broken\", \"text\": \"no end\n"
                      + Self.goodLines("m", 50..<100))
        let huge = "{\"id\":\"huge\",\"text\":\"" + String(repeating: "x", count: 50_000_000) + "\"}\n"
        try dir.write("in/huge.jsonl", Self.goodLines("h", 0..<10) + huge + Self.goodLines("h", 10..<20))

        // Binary garbage and an empty file.
        var rng = SplitMix64(seed: 5)
        try dir.write("in/garbage.jsonl", (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
        try dir.write("in/empty.jsonl", "")
        try dir.write("pipeline.yaml", """
            version: 1
            input: { reader: jsonl_v1, paths: [in] }
            stages: [ text_normalize_v1 ]
            output: { writer: jsonl_writer_v1, directory: out }
            """)
        return 100 + 20
    }

    /// Offsets of zstd frame magic numbers (our writer's frames; good enough for a test file).
    func frameStarts(_ bytes: [UInt8]) -> [Int] {
        (0..<(bytes.count - 3)).filter { bytes[$0] == 0x28 && bytes[$0 + 1] == 0xB5 && bytes[$0 + 2] == 0x2F && bytes[$0 + 3] == 0xFD }
    }

    func kept(_ dir: TemporaryDirectory, _ name: String) throws -> [String] {
        let source = try Compression.zstd.openSource(path: dir.file("out/" + name))
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) { bytes += buffer[0..<n] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String ?? "?"
        }
    }

    @Test func damagedInputsAreReportedCountedAndSetAside() throws {
        let dir = TemporaryDirectory("quarry-bad")
        let alwaysGood = try makeInputs(dir)
        let result = try QuarryBinary.run(["run", "pipeline.yaml", "--workers", "2"], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")

        // Good records around the damage are kept.
        #expect(try kept(dir, "malformed.jsonl.zst") == (0..<100).map { "m-\($0)" })
        #expect(try kept(dir, "huge.jsonl.zst") == (0..<20).map { "h-\($0)" })
        let gz = try kept(dir, "truncated.jsonl.zst")
        #expect(gz.count > 600 && gz.count < 2000)
        #expect(gz == (0..<gz.count).map { "gz-\($0)" })
        let zst = try kept(dir, "corrupt.jsonl.zst")
        #expect(zst.count >= 1400 && zst.count < 2000)
        #expect(zst.prefix(400) == ArraySlice((0..<400).map { "zst-\($0)" }))
        #expect(zst.suffix(500) == ArraySlice((1500..<2000).map { "zst-\($0)" }))
        #expect(try kept(dir, "empty.jsonl.zst").isEmpty)
        #expect(alwaysGood == 120)

        // Each problem is reported with its file and offset.
        for needle in ["truncated.jsonl.gz", "corrupt.jsonl.zst", "malformed.jsonl: line 51, byte", "huge.jsonl: line 11, byte",
                       "garbage.jsonl"] {
            #expect(result.stderr.contains(needle), "stderr lacks \(needle)")
        }

        // ... counted in the run store ...
        let stats = try QuarryBinary.run(["stats", "out", "--json", "stats.json"], in: dir.path)
        #expect(stats.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("stats.json")))) as! [String: Any]
        let byKind = (report["bad_records"] as! [String: Any])["by_kind"] as! [String: Int]
        #expect(byKind["truncated_input"] == 1)
        #expect(byKind["corrupt_zstd"] == 1)
        #expect(byKind["record_too_large"] == 1)
        #expect((byKind["invalid_json"] ?? 0) >= 2)
        #expect(stats.stdout.contains("record_too_large"))

        // ... and set aside with file and offset.
        let rejects = try kept(dir, "rejects/huge.jsonl.zst")
        #expect(rejects == ["huge.jsonl#\(Self.goodLines("h", 0..<10).utf8.count)"])
    }

    @Test func maxErrorsTurnsBadInputIntoAFailedRun() throws {
        let dir = TemporaryDirectory("quarry-bad-max")
        _ = try makeInputs(dir)
        let result = try QuarryBinary.run(["run", "pipeline.yaml", "--workers", "1", "--max-errors", "2"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--max-errors"))
    }

    @Test func aMissingFileStopsBeforeAnyWork() throws {
        let dir = TemporaryDirectory("quarry-missing")
        try dir.write("p.yaml", """
            version: 1
            input: { reader: jsonl_v1, paths: [in/nothing.jsonl] }
            output: { writer: jsonl_writer_v1, directory: out }
            """)
        let result = try QuarryBinary.run(["run", "p.yaml"], in: dir.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("in/nothing.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }
}
