// Histograms in the run store (schema 2): one row per task, stage position and histogram
// name, holding the layout, the bucket counts as a JSON array of integers, underflow,
// overflow, NaN count, the exact fixed-point sum as decimal text (an Int128 in units of
// 2^-32, too wide for an SQLite integer) and the extremes (NULL while empty). Rows are read
// back per task and merged with `Histogram.merge`, which adds integers, so the report is
// the same whatever the order of tasks or ranks.
import QuarryCore

extension RunStore {
    static let histogramTableSQL = """
        CREATE TABLE IF NOT EXISTS stage_histograms (
            task INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
            lower REAL NOT NULL, upper REAL NOT NULL, buckets INTEGER NOT NULL, logarithmic INTEGER NOT NULL,
            counts TEXT NOT NULL, underflow INTEGER NOT NULL, overflow INTEGER NOT NULL, nan_count INTEGER NOT NULL,
            scaled_sum TEXT NOT NULL, minimum REAL, maximum REAL,
            PRIMARY KEY (task, position, name));
        """

    /// Counter a report row gains for each stored histogram it could not read back.
    static let unreadableHistograms = "unreadable_histograms"

    /// Writes a task's histograms for one stage position (inside `complete`'s transaction).
    func insertHistograms(_ histograms: [String: Histogram], task: SQLiteValue, position: SQLiteValue) throws {
        for (name, h) in histograms.sorted(by: { $0.key < $1.key }) {
            let empty = h.count == 0
            try db.run("INSERT INTO stage_histograms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                task, position, .text(name), .double(h.layout.lower), .double(h.layout.upper),
                .int(Int64(h.layout.buckets)), .int(h.layout.logarithmic ? 1 : 0),
                .text("[" + h.counts.map(String.init).joined(separator: ",") + "]"),
                .int(h.underflow), .int(h.overflow), .int(h.nanCount), .text(String(h.scaledSum)),
                empty ? .null : .double(h.minimum), empty ? .null : .double(h.maximum),
            ])
        }
    }

    /// The histograms of done tasks by stage position, merged over tasks; a row that cannot be
    /// read back (or whose layout differs from another task's) is left out and counted in the
    /// position's counters. Empty for a store written before schema 2.
    func reportHistograms() throws -> [Int: StageStats] {
        try locked {
            guard try hasTable("stage_histograms") else { return [:] }
            let rows = try db.query("""
                SELECT h.position, h.name, h.lower, h.upper, h.buckets, h.logarithmic, h.counts, h.underflow, h.overflow,
                h.nan_count, h.scaled_sum, h.minimum, h.maximum FROM stage_histograms AS h JOIN tasks ON tasks.idx = h.task
                WHERE tasks.state = 'done' ORDER BY h.position, h.name, h.task
                """) { row -> (Int, String, Histogram?) in
                let layout = HistogramLayout(lower: row.double(2), upper: row.double(3), buckets: Int(clamping: row.int(4)),
                                             logarithmic: row.int(5) != 0)
                let histogram = Self.parseCounts(row.text(6)).flatMap { counts in
                    Int128(row.text(10) ?? "").flatMap { sum in
                        Histogram(layout: layout, counts: counts, underflow: row.int(7), overflow: row.int(8),
                                  nanCount: row.int(9), scaledSum: sum,
                                  minimum: row.isNull(11) ? .infinity : row.double(11),
                                  maximum: row.isNull(12) ? -.infinity : row.double(12))
                    }
                }
                return (Int(row.int(0)), row.text(1) ?? "", histogram)
            }
            var byPosition: [Int: StageStats] = [:]
            for (position, name, histogram) in rows {
                var one = StageStats()
                if let histogram { one.histograms[name] = histogram } else { one.count(Self.unreadableHistograms) }
                byPosition[position, default: StageStats()].merge(one)
            }
            return byPosition
        }
    }

    /// `[1,2,3]` to its integers; nil unless every entry is a non-negative decimal integer.
    static func parseCounts(_ text: String?) -> [Int64]? {
        guard let text, text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let inner = text.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        var counts: [Int64] = []
        for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = Int64(part), n >= 0 else { return nil }
            counts.append(n)
        }
        return counts
    }
}
