// The terminal view of one histogram: count, p10/p50/p90 and mean, then the layout and a
// one-line sparkline of its buckets between bars, then the counts below and above the range
// and of NaN when there are any; as a line or as cells of `quarry stats`' table, e.g.
//
//   n 98,761  p10 3.91  p50 4.62  p90 5.48  mean 4.70   linear 0..20 |  ▁▂▅█▇▃▁            | <12
//
// The sparkline uses the eight Unicode block elements U+2581...U+2588, scaled to the fullest
// bucket, as Zach Holman's `spark` does; an empty bucket is a space, so a short bar always
// means "some". More buckets than `width` are summed in adjacent groups, so the line stays short.
import QuarryCore

/// Renders histograms as one line of text, or the cells of a table row.
public enum HistogramView {
    /// Blocks from one eighth to full height.
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Most characters of a sparkline.
    public static let defaultWidth = 40

    /// The summary line of `histogram`: count, quantiles, mean, layout and sparkline.
    public static func line(_ histogram: Histogram, width: Int = defaultWidth) -> String {
        let c = cells(histogram, width: width)
        guard histogram.count > 0 else { return (["n 0"] + tails(histogram)).joined(separator: "  ") }
        return zip(["n", "p10", "p50", "p90", "mean"], c).map { "\($0) \($1)" }.joined(separator: "  ") + "   " + c[5]
    }

    /// The columns of a histogram's row in a table: count, p10, p50, p90, mean ("-" while
    /// empty), then the layout, the sparkline between bars and the tails.
    public static func cells(_ histogram: Histogram, width: Int = defaultWidth) -> [String] {
        var out = [TerminalReport.group(histogram.count)]
        for q in [0.1, 0.5, 0.9] { out.append(histogram.quantile(q).map(number) ?? "-") }
        out.append(histogram.mean.map(number) ?? "-")
        let layout = histogram.layout
        let buckets = "\(layout.logarithmic ? "log" : "linear") \(number(layout.lower))..\(number(layout.upper))"
            + " |" + sparkline(histogram.counts, width: width) + "|"
        out.append(([buckets] + tails(histogram)).joined(separator: " "))
        return out
    }

    /// Counts outside the buckets: "<n" below, ">n" above, "NaN n".
    static func tails(_ histogram: Histogram) -> [String] {
        var tails: [String] = []
        if histogram.underflow > 0 { tails.append("<" + TerminalReport.group(histogram.underflow)) }
        if histogram.overflow > 0 { tails.append(">" + TerminalReport.group(histogram.overflow)) }
        if histogram.nanCount > 0 { tails.append("NaN " + TerminalReport.group(histogram.nanCount)) }
        return tails
    }

    /// Counts as block characters, at most `width` of them (adjacent buckets summed).
    public static func sparkline(_ counts: [Int64], width: Int = defaultWidth) -> String {
        let grouped = group(counts, into: max(1, width))
        guard let top = grouped.max(), top > 0 else { return String(repeating: " ", count: grouped.count) }
        return String(grouped.map { n -> Character in
            if n == 0 { return " " }
            // 1...8 eighths, rounding up so the smallest nonzero count still shows.
            let eighths = Int((Double(n) / Double(top) * 8).rounded(.up))
            return blocks[min(max(eighths, 1), 8) - 1]
        })
    }

    /// Sums runs of `ceil(count / width)` adjacent counts, so at most `width` remain.
    static func group(_ counts: [Int64], into width: Int) -> [Int64] {
        guard counts.count > width else { return counts }
        let step = (counts.count + width - 1) / width
        return stride(from: 0, to: counts.count, by: step).map { start in
            counts[start..<min(start + step, counts.count)].reduce(0, &+)
        }
    }

    /// A value with about three significant digits: 0.0123, 4.62, 48.7, 1,234.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        let magnitude = abs(x)
        if magnitude >= 1000 || magnitude == 0 || x == x.rounded() && magnitude < 1e15 {
            return magnitude < 9.2e18 ? TerminalReport.group(Int64(x.rounded())) : "\(x)"
        }
        if magnitude >= 100 { return TerminalReport.fixed(x, 0) }
        if magnitude >= 10 { return TerminalReport.fixed(x, 1) }
        if magnitude >= 1 { return TerminalReport.fixed(x, 2) }
        var digits = 3
        var scaled = magnitude
        while scaled < 0.1, digits < 12 { scaled *= 10; digits += 1 }
        return TerminalReport.fixed(x, digits)
    }
}
