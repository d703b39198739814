// Run reports: merging ranks by summing, the terminal table (numbers grouped, reasons under
// their stage with shares and bytes, histograms, bad records with file and offset) and the
// versioned JSON schema.
import Foundation
import QuarryCore
import QuarryStats
import Testing

@Suite struct RunReportTests {
    func stats(_ documentsIn: Int64, _ kept: Int64, _ dropped: [String: Int64] = [:]) -> StageStats {
        var s = StageStats()
        s.documentsIn = documentsIn
        s.kept = kept
        s.dropped = dropped
        s.bytesIn = documentsIn * 1000
        s.bytesOut = kept * 900
        return s
    }

    var sample: RunReport {
        RunReport(pipelineName: "demo", stores: ["a/run.sqlite"], tasksTotal: 2, tasksDone: 2,
                  stages: [StageReport(position: 0, id: "jsonl_v1", stats: stats(1_234_567, 1_234_560, ["invalid_json": 7])),
                           StageReport(position: 1, id: "length_filter_v1", stats: stats(1_234_560, 1_000_000, ["too_few_chars": 234_560])),
                           StageReport(position: 2, id: "jsonl_writer_v1", stats: stats(1_000_000, 1_000_000))],
                  issuesByKind: ["invalid_json": 7],
                  issues: [IssueReport(file: "in/a.jsonl.gz", offset: 512, offsetIsCompressed: false, line: 3, kind: "invalid_json",
                                       message: "invalid JSON at byte 0")],
                  samples: [SampleReport(position: 1, stage: "length_filter_v1", reason: "too_few_chars", documentID: "x1", text: "short")],
                  outputFileBytes: 123_456_789)
    }

    @Test func mergeSumsRanks() {
        var merged = sample
        merged.merge(sample)
        #expect(merged.tasksTotal == 4)
        #expect(merged.stages.map(\.stats.kept) == [2_469_120, 2_000_000, 2_000_000])
        #expect(merged.stages[1].stats.dropped == ["too_few_chars": 469_120])
        #expect(merged.issuesByKind == ["invalid_json": 14])
        #expect(merged.stores.count == 2)
        #expect(merged.input.documents == 2_469_134)
        #expect(merged.output.documents == 2_000_000)
    }

    @Test func terminalTableIsReadable() {
        let text = TerminalReport.render(sample, samples: true)
        #expect(text.contains("Run demo: 2 of 2 tasks done"))
        #expect(text.contains("in:  1,234,567 records, 1.2 GB"))
        #expect(text.contains("(123.5 MB on disk)"))
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.first { $0.hasPrefix("stage") }!
        let row = lines.first { $0.hasPrefix("length_filter_v1") }!
        #expect(row.count == header.count, "columns align")
        #expect(row.contains("1,000,000") && row.contains("81.0%"))
        #expect(lines.contains { $0.hasPrefix("  too_few_chars") && $0.contains("234,560") && $0.hasSuffix("-") })
        #expect(text.contains("in/a.jsonl.gz: line 3, byte 512: invalid JSON at byte 0"))
        #expect(text.contains("[length_filter_v1 / too_few_chars] x1: short"))
    }

    @Test func numbersAndBytesFormat() {
        #expect(TerminalReport.group(0) == "0")
        #expect(TerminalReport.group(999) == "999")
        #expect(TerminalReport.group(1000) == "1,000")
        #expect(TerminalReport.group(-1_234_567) == "-1,234,567")
        #expect(TerminalReport.bytes(999) == "999 B")
        #expect(TerminalReport.bytes(1_500) == "1.5 kB")
        #expect(TerminalReport.bytes(2_000_000_000_000) == "2.0 TB")
    }

    @Test func jsonReportFollowsTheSchema() throws {
        let object = try JSONSerialization.jsonObject(with: Data(JSONReport.text(sample).utf8)) as! [String: Any]
        #expect(object["schema"] as? String == "quarry.run_stats")
        #expect(object["schema_version"] as? Int == 1)
        #expect((object["input"] as! [String: Any])["documents"] as? Int == 1_234_567)
        #expect((object["output"] as! [String: Any])["file_bytes"] as? Int == 123_456_789)
        let funnel = object["funnel"] as! [[String: Any]]
        #expect(funnel.map { $0["stage"] as! String } == ["jsonl_v1", "length_filter_v1", "jsonl_writer_v1"])
        #expect((funnel[1]["dropped"] as! [String: Int])["too_few_chars"] == 234_560)
        let bad = object["bad_records"] as! [String: Any]
        #expect((bad["by_kind"] as! [String: Int]) == ["invalid_json": 7])
        #expect(((bad["examples"] as! [[String: Any]])[0]["offset"] as? Int) == 512)
        #expect((object["samples"] as! [[String: Any]])[0]["reason"] as? String == "too_few_chars")
    }

    /// The sample with dropped bytes and two histograms on the length filter.
    var measured: RunReport {
        var report = sample
        report.stages[1].stats.droppedBytes = ["too_few_chars": 23_456_000]
        for i in 0..<1000 {
            report.stages[1].stats.observe("mean_word_length", 3 + Double(i % 50) / 20, layout: .linear(0, 10, buckets: 20))
            report.stages[1].stats.observe("lines", Double(1 + i), layout: .log(1, 100, buckets: 8))
        }
        return report
    }

    @Test func dropReasonsShowSharesAndBytes() {
        var report = measured
        report.stages[1].stats.drop(reason: "unreported", by: 10)
        let lines = TerminalReport.render(report).split(separator: "\n").map(String.init)
        let start = try! #require(lines.firstIndex(of: "Drop reasons:"))
        let header = lines[start + 1]
        #expect(header.hasPrefix("stage / reason") && header.hasSuffix("bytes"))
        // Stage input 1,234,560, run input 1,234,567; reasons by count, most first.
        let section = Array(lines[(start + 2)...])
        #expect(section.prefix(5) == [
            "jsonl_v1",
            "  invalid_json          7        0.0%      0.0%        -",
            "length_filter_v1",
            "  too_few_chars   234,560       19.0%     19.0%  23.5 MB",
            "  unreported           10        0.0%      0.0%        -",
        ])
    }

    @Test func histogramsShowQuantilesAndASparkline() throws {
        var report = measured
        report.stages[2].stats.observe("empty", .nan, layout: .linear(0, 1, buckets: 4))
        let lines = TerminalReport.render(report).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Histograms") })
        // Values 3.0 to 5.45 fill buckets 6 to 10 of 20 (0.5 wide) evenly; p90 lies in the last
        // of them, interpolated between 5 and the maximum 5.45. 1...1000 on a log scale to 100
        // puts 101...1000 above the range.
        #expect(Array(lines[(start + 1)...].prefix(6)) == [
            "stage / measure         n   p10   p50   p90  mean  buckets",
            "length_filter_v1",
            "  lines             1,000   100   500   900   501  log 1..100 |▁▁▁▁▂▃▅█| >900",
            "  mean_word_length  1,000  3.25  4.25  5.23  4.22  linear 0..10 |      █████         |",
            "jsonl_writer_v1",
            "  empty                 0     -     -     -     -  linear 0..1 |    | NaN 1",
        ])
        #expect(!TerminalReport.render(sample).contains("Histograms"))
    }

    @Test func jsonReportHasDroppedBytesAndHistograms() throws {
        let object = try JSONSerialization.jsonObject(with: Data(JSONReport.text(measured).utf8)) as! [String: Any]
        let funnel = object["funnel"] as! [[String: Any]]
        #expect(funnel[1]["dropped_bytes"] as? [String: Int] == ["too_few_chars": 23_456_000])
        #expect(funnel[0]["dropped_bytes"] as? [String: Int] == [:])
        #expect((funnel[0]["histograms"] as! [String: Any]).isEmpty)
        let histograms = funnel[1]["histograms"] as! [String: [String: Any]]
        #expect(histograms.keys.sorted() == ["lines", "mean_word_length"])
        let h = histograms["mean_word_length"]!
        let layout = h["layout"] as! [String: Any]
        #expect(layout["lower"] as? Double == 0 && layout["upper"] as? Double == 10)
        #expect(layout["buckets"] as? Int == 20 && layout["scale"] as? String == "linear")
        let counts = h["counts"] as! [Int]
        #expect(counts.count == 20 && counts.reduce(0, +) == 1000 && counts[6] == 200 && counts[10] == 200)
        #expect(h["count"] as? Int == 1000 && h["nan"] as? Int == 0 && h["underflow"] as? Int == 0)
        #expect(h["min"] as? Double == 3 && h["max"] as? Double == 5.45)
        #expect(abs((h["mean"] as! Double) - 4.225) < 1e-9)
        let quantiles = h["quantiles"] as! [String: Double]
        #expect(quantiles["p50"] == 4.25)
        #expect((histograms["lines"]!["layout"] as! [String: Any])["scale"] as? String == "log")
        // An empty histogram has nulls where there is no value.
        var report = sample
        report.stages[1].stats.observe("ratio", .nan, layout: .linear(0, 1, buckets: 2))
        let empty = try JSONSerialization.jsonObject(with: Data(JSONReport.text(report).utf8)) as! [String: Any]
        let ratio = ((empty["funnel"] as! [[String: Any]])[1]["histograms"] as! [String: [String: Any]])["ratio"]!
        #expect(ratio["nan"] as? Int == 1 && ratio["count"] as? Int == 0)
        #expect(ratio["mean"] is NSNull && ratio["min"] is NSNull && (ratio["quantiles"] as! [String: Any])["p10"] is NSNull)
    }
}
