// The terminal view of a RunReport: totals, the funnel as an aligned table, each stage's drop
// reasons with their share of the stage's and the run's input and the bytes they took, the
// histograms stages recorded (HistogramView.swift), damaged input records, and a few sampled
// rejects per reason.

/// Renders reports as aligned text.
public enum TerminalReport {
    public static func render(_ report: RunReport, samples: Bool = false) -> String {
        var out = ""
        let name = report.pipelineName.isEmpty ? "" : " \(report.pipelineName)"
        out += "Run\(name): \(report.tasksDone) of \(report.tasksTotal) tasks done"
        if report.tasksFailed > 0 { out += ", \(report.tasksFailed) failed" }
        out += "\n"
        let input = report.input, output = report.output
        out += "  in:  \(group(input.documents)) records, \(bytes(input.bytes))\n"
        out += "  out: \(group(output.documents)) documents, \(bytes(output.bytes))"
        if report.outputFileBytes > 0 { out += " (\(bytes(report.outputFileBytes)) on disk)" }
        out += "\n\n"

        var table: [[String]] = [["stage", "in", "kept", "dropped", "kept %", "bytes in", "bytes out", "seconds"]]
        for row in report.stages {
            let s = row.stats
            let keptShare = s.documentsIn > 0 ? percent(Double(s.kept) / Double(s.documentsIn)) : "-"
            table.append([row.id, group(s.documentsIn), group(s.kept), group(s.droppedTotal), keptShare,
                          bytes(s.bytesIn), bytes(s.bytesOut), fixed(s.seconds, 2)])
        }
        out += align(table, rightAligned: Set(1...7))
        out += dropReasons(report)
        out += histograms(report)
        let counters = report.stages.filter { !$0.stats.counters.isEmpty }
        if !counters.isEmpty {
            out += "\nCounters:\n"
            for row in counters {
                let items = row.stats.counters.sorted { $0.key < $1.key }.map { "\($0.key) \(group($0.value))" }
                out += "  \(row.id): " + items.joined(separator: ", ") + "\n"
            }
        }

        if !report.issuesByKind.isEmpty {
            out += "\nBad input records: " + report.issuesByKind.sorted { $0.key < $1.key }
                .map { "\($0.key) \(group($0.value))" }.joined(separator: ", ") + "\n"
            for issue in report.issues.prefix(10) {
                let place = issue.offsetIsCompressed ? "compressed byte \(issue.offset)" : "byte \(issue.offset)"
                let line = issue.line.map { "line \($0), " } ?? ""
                out += "  \(issue.file): \(line)\(place): \(issue.message)\n"
            }
        }
        if samples && !report.samples.isEmpty {
            out += "\nSampled rejects:\n"
            for sample in report.samples {
                let text = sample.text.prefix(160).map { $0 == "\n" ? " " : String($0) }.joined()
                out += "  [\(sample.stage) / \(sample.reason)] \(sample.documentID): \(text)\n"
            }
        }
        return out
    }

    /// Each stage's drop reasons, most documents first: documents, share of the stage's input
    /// and of the run's input, and UTF-8 text bytes ("-" where the stage did not record them,
    /// e.g. documents lost without a reason or a run store older than schema 2).
    static func dropReasons(_ report: RunReport) -> String {
        let runInput = report.input.documents
        var table: [[String]] = [["stage / reason", "dropped", "% stage in", "% run in", "bytes"]]
        for row in report.stages where !row.stats.dropped.isEmpty {
            let s = row.stats
            table.append([row.id, "", "", "", ""])
            for (reason, n) in s.dropped.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                table.append(["  " + reason, group(n), share(n, of: s.documentsIn), share(n, of: runInput),
                              s.droppedBytes[reason].map(bytes) ?? "-"])
            }
        }
        guard table.count > 1 else { return "" }
        return "\nDrop reasons:\n" + align(table, rightAligned: Set(1...4))
    }

    /// A table of every stage's histograms, by name: count, quantiles, mean, buckets.
    static func histograms(_ report: RunReport) -> String {
        var table: [[String]] = [["stage / measure", "n", "p10", "p50", "p90", "mean", "buckets"]]
        for row in report.stages where !row.stats.histograms.isEmpty {
            table.append([row.id, "", "", "", "", "", ""])
            for (name, histogram) in row.stats.histograms.sorted(by: { $0.key < $1.key }) {
                table.append(["  " + name] + HistogramView.cells(histogram))
            }
        }
        guard table.count > 1 else { return "" }
        return "\nHistograms (quantiles estimated within a bucket):\n" + align(table, rightAligned: Set(1...5))
    }

    /// `n / total` as a percentage with one decimal, "-" when `total` is 0.
    static func share(_ n: Int64, of total: Int64) -> String {
        total > 0 ? percent(Double(n) / Double(total)) : "-"
    }

    /// Aligns columns with two spaces between them.
    static func align(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { line += "  " }
                line += rightAligned.contains(i) ? pad + cell : cell + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// 1234567 -> "1,234,567".
    public static func group(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Bytes with a decimal unit: "12.3 MB".
    public static func bytes(_ n: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(n) B" : "\(fixed(value, 1)) \(units[unit])"
    }

    static func percent(_ x: Double) -> String { fixed(x * 100, 1) + "%" }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (x * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(abs(scaled.truncatingRemainder(dividingBy: scale)))
        guard digits > 0 else { return String(whole) }
        let f = String(fraction)
        return (x < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }
}
