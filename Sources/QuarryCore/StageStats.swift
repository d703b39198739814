// StageStats: the counters every stage keeps (DESIGN.md §3: `in`, `kept`, `dropped.<reason>`,
// bytes, time), the bytes dropped per reason, and histograms of what filters measured (issue 4
// item 5), so `quarry stats` can show why documents went. Each worker keeps its own and they are merged at the end, so the hot path
// takes no locks; sums are independent of how work was split, so merged counts are
// deterministic (seconds, a wall-clock measure, are not).

/// Counts for one stage over some number of batches.
public struct StageStats: Sendable, Equatable {
    /// Documents that entered the stage.
    public var documentsIn: Int64 = 0
    /// Documents the stage passed on.
    public var kept: Int64 = 0
    /// Documents dropped, by reason.
    public var dropped: [String: Int64] = [:]
    /// UTF-8 bytes of text that entered the stage (for a reader: raw record bytes).
    public var bytesIn: Int64 = 0
    /// UTF-8 bytes of text passed on (for a writer: bytes written before compression).
    public var bytesOut: Int64 = 0
    /// Seconds spent in the stage, summed over workers.
    public var seconds: Double = 0
    /// Stage-specific counts, e.g. `invalid_utf8_documents` or `changed_documents`.
    public var counters: [String: Int64] = [:]
    /// UTF-8 text bytes of the dropped documents, by reason (as they were when dropped).
    /// Documents lost without a reason (`unreported`) have no bytes here.
    public var droppedBytes: [String: Int64] = [:]
    /// Histograms of quantities the stage measured, by snake_case name, e.g.
    /// `mean_word_length`; see `observe(_:_:layout:)`.
    public var histograms: [String: Histogram] = [:]

    /// Counter a stage's stats gain when two histograms of one name have different layouts
    /// (while observing or merging); the second one's values are then left out.
    public static let histogramLayoutConflicts = "histogram_layout_conflicts"

    public init() {}

    /// Documents dropped for any reason.
    public var droppedTotal: Int64 { dropped.values.reduce(0, +) }

    /// Adds `amount` to a stage-specific counter.
    public mutating func count(_ name: String, by amount: Int64 = 1) {
        counters[name, default: 0] += amount
    }

    /// Counts one dropped document.
    public mutating func drop(reason: String, by amount: Int64 = 1) {
        dropped[reason, default: 0] += amount
    }

    /// Counts `value` in the histogram `name`, created with `layout` on first use. Every call
    /// for one name must give the same layout; a value observed with another layout is left
    /// out and counted in `histogramLayoutConflicts`.
    public mutating func observe(_ name: String, _ value: Double, layout: HistogramLayout) {
        if let index = histograms.index(forKey: name) {
            guard histograms.values[index].layout == layout else {
                count(Self.histogramLayoutConflicts)
                return
            }
            histograms.values[index].add(value)
        } else {
            var histogram = Histogram(layout: layout)
            histogram.add(value)
            histograms[name] = histogram
        }
    }

    /// Adds another worker's (or batch's) counts to these.
    public mutating func merge(_ other: StageStats) {
        documentsIn += other.documentsIn
        kept += other.kept
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        seconds += other.seconds
        for (reason, n) in other.dropped { dropped[reason, default: 0] += n }
        for (name, n) in other.counters { counters[name, default: 0] += n }
        for (reason, n) in other.droppedBytes { droppedBytes[reason, default: 0] += n }
        for (name, histogram) in other.histograms {
            if let index = histograms.index(forKey: name) {
                if !histograms.values[index].merge(histogram) { count(Self.histogramLayoutConflicts) }
            } else {
                histograms[name] = histogram
            }
        }
    }
}
