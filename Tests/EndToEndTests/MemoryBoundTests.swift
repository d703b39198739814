// Memory stays bounded whatever the input size (issue #2: streaming, constant memory): a
// run over an input several times larger than the limit below must stay under it. Peak
// memory is the child's VmHWM from /proc, read while it runs (a child, so that tests running
// in parallel in the test process cannot add to it).
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct MemoryBoundTests {
    /// The high-water mark of resident memory of a running process, in bytes.
    func peakResident(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "").map { $0 * 1024 }
        }
        return nil
    }

    @Test func aLargeInputRunsInBoundedMemory() throws {
        let dir = TemporaryDirectory("quarry-memory")
        // 240 MB of JSONL in one zstd file (one task, so memory cannot hide in task count).
        var block = ""
        for i in 0..<2000 {
            block += #"{"id":"b\#(i)","text":"\#(String(repeating: "lorem ipsum dolor sit amet ", count: 18 + i % 7))"}"# + "\n"
        }
        let bytes = Array(block.utf8)
        let path = dir.file("in/big.jsonl.zst")
        try Directories.create(parentOf: path)
        let sink = try Compression.zstd.openSink(path: path, level: 1)
        var written = 0
        while written < 240_000_000 {
            try bytes.withUnsafeBytes { try sink.write($0) }
            written += bytes.count
        }
        try sink.commit()
        try dir.write("p.yaml", """
            version: 1
            input: { reader: jsonl_v1, paths: [in] }
            stages: [ text_normalize_v1 ]
            output: { writer: jsonl_writer_v1, directory: out, level: 1 }
            """)

        let peak = try runWatchingMemory(in: dir)
        #expect(peak < 160_000_000, "peak resident memory \(peak / 1_000_000) MB for a \(written / 1_000_000) MB input")
    }

    /// A Wikipedia dump of about 90 MB in one file: libxml2's reader holds one page at a time.
    @Test func aLargeWikipediaDumpRunsInBoundedMemory() throws {
        let dir = TemporaryDirectory("quarry-memory")
        let path = dir.file("in/large.xml")
        try Directories.create(parentOf: path)
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let paragraph = "The &apos;&apos;&apos;river&apos;&apos;&apos; flows past [[Town|the town]] and {{convert|12|km}} of [[meadow]]s.&lt;ref&gt;{{cite web|title=x}}&lt;/ref&gt; "
        var xml = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" xml:lang=\"en\">\n"
            + "<siteinfo><dbname>testwiki</dbname><base>https://test.example.org/wiki/Main</base></siteinfo>\n"
        var written = 0
        for i in 0..<20_000 {
            let text = "{{Infobox|name=Page \(i)}}\n" + String(repeating: paragraph, count: 20 + i % 30) + "\n== Section ==\nMore text \(i).\n[[Category:Pages]]"
            xml += "<page><title>Page \(i)</title><ns>0</ns><id>\(i + 1)</id><revision><id>\(1000 + i)</id>"
                + "<timestamp>2024-01-01T00:00:00Z</timestamp><model>wikitext</model><format>text/x-wiki</format>"
                + "<text xml:space=\"preserve\">\(text)</text></revision></page>\n"
            if xml.utf8.count > 1 << 20 || i == 19_999 {
                if i == 19_999 { xml += "</mediawiki>\n" }
                written += xml.utf8.count
                handle.write(Data(xml.utf8))
                xml = ""
            }
        }
        try handle.close()
        #expect(written > 80_000_000)
        try dir.write("p.yaml", """
            version: 1
            input: { reader: wikipedia_v1, paths: [in] }
            stages: [ text_normalize_v1 ]
            output: { writer: jsonl_writer_v1, directory: out, level: 1 }
            """)
        let peak = try runWatchingMemory(in: dir)
        #expect(peak < 160_000_000, "peak resident memory \(peak / 1_000_000) MB for a \(written / 1_000_000) MB dump")
        #expect(try outputLines(dir.file("out")) == 20_000)
    }

    /// How many lines the compressed JSONL files of an output directory hold together.
    func outputLines(_ directory: String) throws -> Int {
        var lines = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.contains(".jsonl") {
            let file = directory + "/" + name
            let source = try Compression.of(path: file).openSource(path: file)
            while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) {
                lines += buffer[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        }
        return lines
    }

    /// Runs `quarry run p.yaml` in `dir`, expects success and returns its peak resident memory.
    func runWatchingMemory(in dir: TemporaryDirectory) throws -> Int {
        let running = try QuarryBinary.start(["run", "p.yaml", "--workers", "2"], in: dir.path, discardOutput: true)
        var peak = 0
        while running.process.isRunning {
            peak = max(peak, peakResident(running.process.processIdentifier) ?? 0)
            usleep(20_000)
        }
        running.process.waitUntilExit()
        #expect(running.process.terminationStatus == 0)
        #expect(peak > 0)
        return peak
    }
}
