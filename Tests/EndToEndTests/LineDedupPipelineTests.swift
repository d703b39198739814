// line_dedup_v1 through the binary: a `quarry run` pipeline over three JSONL files whose pages
// share a footer and a cookie banner; the counting pass, the stored counts and the second pass
// give the same output for 1 and 2 workers, and for a count table that counts exactly and one
// so small it prunes, with the first copies kept and a page left too short dropped with its reason.
import Foundation
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct LineDedupPipelineTests {
    static let footer = "Copyright 2025 Harbour Gazette. All rights reserved. Contact the newsroom."
    static let banner = "This site uses cookies. By continuing to browse you agree to our cookie policy."
    static let words = ["anchor", "buoy", "crane", "dock", "ebb", "ferry", "gull", "hull", "inlet", "jetty", "keel", "lock", "mast"]

    /// Page `i`: its own sentence (made of words, not digits, which normalize alike), the
    /// banner on every third page, the footer on all but page 5; page 7 has nothing else.
    func page(_ i: Int) -> String {
        let own = "Page \(Self.words[i % 13]) \(Self.words[(i / 13) % 13]) reports on the \(Self.words[(i * 7) % 13]) at the quay."
        var lines: [String] = []
        if i % 3 == 0 { lines.append(Self.banner) }
        lines.append(i == 7 ? "Short stub" : own)
        if i != 5 { lines.append(Self.footer) }
        return lines.joined(separator: "\n")
    }

    @Test func repeatedLinesGoTheSameForOneAndTwoWorkers() throws {
        let dir = TemporaryDirectory("quarry-line-dedup")
        let records = (0..<45).map { i in JSONWriter.text(of: ["id": .string("p\(i)"), "text": .string(page(i))]) }
        try dir.write("input/a.jsonl", records[..<15].joined(separator: "\n") + "\n")
        try dir.write("input/b.jsonl", records[15..<30].joined(separator: "\n") + "\n")
        try dir.write("input/c.jsonl", records[30...].joined(separator: "\n") + "\n")
        // A table of 64 KiB counts exactly; one of 1 KiB (19 lines) prunes, and must find the same lines.
        var outputs: [[[String: Any]]] = []
        for memory in ["65536", "1024"] {
            try dir.write("pipeline-\(memory).yaml", """
                version: 1
                name: line-dedup
                input: { reader: jsonl_v1, paths: [\(dir.file("input"))] }
                stages: [line_dedup_v1: { max_memory: \(memory) }]
                output: { writer: jsonl_writer_v1, directory: \(dir.file("unused")) }
                """)
            for workers in ["1", "2"] {
                let output = dir.file("out-\(memory)-\(workers)")
                let run = try QuarryBinary.run(["run", dir.file("pipeline-\(memory).yaml"), "--output", output, "--workers", workers, "-q"])
                #expect(run.status == 0, "\(run.stderr)")
                outputs.append(try WebPipelineTests().documents(output))
            }
        }
        let ids = outputs[0].map { $0["id"] as! String }
        let texts = outputs[0].map { $0["text"] as! String }
        for other in outputs.dropFirst() {
            #expect(ids == other.map { $0["id"] as! String })
            #expect(texts == other.map { $0["text"] as! String })
        }
        #expect(ids.count == 44 && !ids.contains("p7"), "the stub page is left too short")
        #expect(texts[0] == page(0), "the first page keeps both")
        #expect(texts.filter { $0.contains("cookies") }.count == 1)
        #expect(texts.filter { $0.contains("rights reserved") }.count == 1)
        #expect(texts[1] == "Page buoy anchor reports on the hull at the quay.")
        #expect(texts[5] == page(5), "page 5 has no footer and loses nothing")

        for (memory, pruned) in [("65536", false), ("1024", true)] {
            let stats = try WebPipelineTests().stats(dir.file("out-\(memory)-2"), dir)
            let funnel = stats["funnel"] as! [[String: Any]]
            let stage = try #require(funnel.first { $0["stage"] as? String == "line_dedup_v1" })
            #expect((stage["dropped"] as? [String: Int]) == ["line_dedup_too_short": 1])
            let counters = try #require(stage["counters"] as? [String: Int])
            #expect(counters["lines_removed"] == 43 + 14, "43 footers, 14 banners")
            #expect(counters["repeated_lines"] == 2)
            #expect((counters["count_table_prunes", default: 0] > 0) == pruned, "\(memory): \(counters)")
        }
    }
}
