// Run reports: merging ranks by summing, the terminal table (numbers grouped, reasons under
// their stage, bad records with file and offset) and the versioned JSON schema.
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
        #expect(lines.contains { $0.hasPrefix("  too_few_chars") && $0.hasSuffix("234,560") })
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
}
