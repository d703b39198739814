// Histogram: a fixed-bucket histogram of a quantity a stage measures per document (mean word
// length, symbol ratio, line count), so a run can show why documents went (issue 4 item 5).
// Buckets are fixed by a layout chosen in code, either linear or logarithmic, with values below
// or above the range counted as underflow or overflow, NaN counted apart. Buckets are
// half-open [a, b) except the last, which holds its upper bound, as numpy.histogram's bins do,
// so a ratio of exactly 1 lands in the last bucket of a 0...1 layout. Every count is an
// integer and the sum is kept in fixed point, so merging the histograms of any split of the
// same documents, in any order, gives the same histogram bit for bit (DESIGN.md §3: merged
// stats are deterministic). The layout follows the fixed-bucket design of Prometheus and
// HdrHistogram (buckets chosen up front, merge by adding counts); no code from either.

// Natural logarithm and exponential from the C library (QuarryCore does not import Foundation).
#if canImport(Glibc)
import Glibc
private func _log(_ x: Double) -> Double { Glibc.log(x) }
private func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Musl)
import Musl
private func _log(_ x: Double) -> Double { Musl.log(x) }
private func _exp(_ x: Double) -> Double { Musl.exp(x) }
#else
import Darwin
private func _log(_ x: Double) -> Double { Darwin.log(x) }
private func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif

/// Where a histogram's buckets lie: `buckets` equal steps between `lower` and `upper`, in the
/// value itself (linear) or in its logarithm (logarithmic, for lengths and other quantities
/// spread over orders of magnitude; then `lower` must be above 0).
public struct HistogramLayout: Sendable, Hashable, CustomStringConvertible {
    /// Lowest value of the first bucket (inclusive), in the measured unit.
    public var lower: Double
    /// Highest value of the last bucket (inclusive), in the measured unit.
    public var upper: Double
    /// Number of buckets between `lower` and `upper`, at least 1.
    public var buckets: Int
    /// Whether buckets are equal steps of log(value) instead of value.
    public var logarithmic: Bool

    /// Most buckets a layout may have (keeps stored histograms small).
    public static let maximumBuckets = 4096

    public init(lower: Double, upper: Double, buckets: Int, logarithmic: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.buckets = buckets
        self.logarithmic = logarithmic
    }

    /// `buckets` equal steps from `lower` to `upper`.
    public static func linear(_ lower: Double, _ upper: Double, buckets: Int) -> HistogramLayout {
        HistogramLayout(lower: lower, upper: upper, buckets: buckets, logarithmic: false)
    }

    /// `buckets` equal ratios from `lower` to `upper`; `lower` must be above 0.
    public static func log(_ lower: Double, _ upper: Double, buckets: Int) -> HistogramLayout {
        HistogramLayout(lower: lower, upper: upper, buckets: buckets, logarithmic: true)
    }

    /// Whether values can be placed: finite bounds with `lower < upper` (and `lower > 0` when
    /// logarithmic) and 1 to `maximumBuckets` buckets. An invalid layout's histogram counts
    /// every value as overflow rather than crashing.
    public var isValid: Bool {
        lower.isFinite && upper.isFinite && lower < upper && (!logarithmic || lower > 0)
            && buckets >= 1 && buckets <= Self.maximumBuckets
    }

    /// The bucket holding `value`: -1 below `lower` (underflow), `buckets` above `upper`
    /// (overflow). Bucket i holds bound(i) ..< bound(i + 1), the last one also `upper`.
    /// `value` must not be NaN.
    public func bucketIndex(_ value: Double) -> Int {
        guard isValid else { return Swift.max(buckets, 1) }
        if value < lower { return -1 }
        if value > upper { return buckets }
        let fraction = logarithmic
            ? (_log(value) - _log(lower)) / (_log(upper) - _log(lower))
            : (value - lower) / (upper - lower)
        // `upper` itself, or rounding just under it, gives `buckets`: the last bucket holds it.
        return min(max(Int(fraction * Double(buckets)), 0), buckets - 1)
    }

    /// The lowest value of bucket `index` (0..<buckets); `bound(buckets)` is `upper`.
    public func bound(_ index: Int) -> Double {
        if index <= 0 { return lower }
        if index >= buckets { return upper }
        let fraction = Double(index) / Double(buckets)
        if logarithmic { return lower * _exp(fraction * (_log(upper) - _log(lower))) }
        return lower + fraction * (upper - lower)
    }

    public var description: String {
        "\(logarithmic ? "log" : "linear")(\(lower), \(upper), buckets: \(buckets))"
    }
}

/// Counts of a measured quantity in the buckets of a layout, with the values' count, sum,
/// minimum and maximum.
public struct Histogram: Sendable, Equatable {
    public let layout: HistogramLayout
    /// Values per bucket, `layout.buckets` entries (1 for an invalid layout).
    public private(set) var counts: [Int64]
    /// Values below `layout.lower`, including -infinity.
    public private(set) var underflow: Int64 = 0
    /// Values above `layout.upper`, including +infinity (every value, for an invalid layout).
    public private(set) var overflow: Int64 = 0
    /// NaN values: counted here only, not in `count`, the buckets, the sum or the extremes.
    public private(set) var nanCount: Int64 = 0
    /// Values added, NaN excepted: underflow + buckets + overflow.
    public private(set) var count: Int64 = 0
    /// Sum of the finite values in units of 2^-32, so sums are exact and independent of order.
    /// Each value is rounded to a multiple of 2^-32 and its magnitude capped at 2^64.
    public private(set) var scaledSum: Int128 = 0
    /// Smallest value added (+infinity while empty).
    public private(set) var minimum: Double = .infinity
    /// Largest value added (-infinity while empty).
    public private(set) var maximum: Double = -.infinity

    /// Fixed-point scale of `scaledSum`: 2^32 steps per unit.
    public static let sumScale: Double = 4_294_967_296
    /// Largest magnitude a single value contributes to the sum: 2^64.
    static let sumCap: Double = 18_446_744_073_709_551_616

    public init(layout: HistogramLayout) {
        self.layout = layout
        counts = Array(repeating: 0, count: layout.isValid ? layout.buckets : 1)
    }

    /// Rebuilds a stored histogram; nil when the parts do not fit together (wrong number of
    /// buckets, negative counts, or a count that is not the sum of the parts).
    public init?(layout: HistogramLayout, counts: [Int64], underflow: Int64, overflow: Int64,
                 nanCount: Int64, scaledSum: Int128, minimum: Double, maximum: Double) {
        guard layout.isValid, counts.count == layout.buckets,
              underflow >= 0, overflow >= 0, nanCount >= 0, counts.allSatisfy({ $0 >= 0 }) else { return nil }
        var total = underflow.addingReportingOverflow(overflow)
        for c in counts where !total.overflow { total = total.partialValue.addingReportingOverflow(c) }
        guard !total.overflow else { return nil }
        if total.partialValue == 0 {
            guard scaledSum == 0 else { return nil }
        } else {
            guard !minimum.isNaN, !maximum.isNaN, minimum <= maximum else { return nil }
        }
        self.layout = layout
        self.counts = counts
        self.underflow = underflow
        self.overflow = overflow
        self.nanCount = nanCount
        self.count = total.partialValue
        self.scaledSum = scaledSum
        self.minimum = total.partialValue == 0 ? .infinity : minimum
        self.maximum = total.partialValue == 0 ? -.infinity : maximum
    }

    /// Sum of the finite values added (each rounded to a multiple of 2^-32).
    public var sum: Double { Double(scaledSum) / Self.sumScale }

    /// Mean of the values added, nil while empty. Infinite values count in `count` but add
    /// nothing to `sum`, so they pull the mean towards 0; measures should avoid producing them.
    public var mean: Double? { count == 0 ? nil : sum / Double(count) }

    /// Counts one value. NaN is counted in `nanCount` only.
    public mutating func add(_ value: Double) {
        if value.isNaN { nanCount &+= 1; return }
        count &+= 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        if value.isFinite {
            let capped = Swift.min(Swift.max(value, -Self.sumCap), Self.sumCap)
            scaledSum &+= Int128((capped * Self.sumScale).rounded(.toNearestOrEven))
        }
        let index = layout.bucketIndex(value)
        if index < 0 { underflow &+= 1 } else if index >= counts.count { overflow &+= 1 } else { counts[index] &+= 1 }
    }

    /// Adds another histogram's counts to these. Both must have the same layout; when they do
    /// not, nothing changes and the result is false.
    @discardableResult
    public mutating func merge(_ other: Histogram) -> Bool {
        guard other.layout == layout, other.counts.count == counts.count else { return false }
        for i in counts.indices { counts[i] &+= other.counts[i] }
        underflow &+= other.underflow
        overflow &+= other.overflow
        nanCount &+= other.nanCount
        count &+= other.count
        scaledSum &+= other.scaledSum
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        return true
    }

    /// An estimate of the `q`-quantile (0...1) of the values added, nil while empty. The rank
    /// `q * count` is found among underflow, buckets and overflow, and the value interpolated
    /// inside its bucket (linearly, or geometrically for a logarithmic layout); underflow spans
    /// `minimum...lower` and overflow `upper...maximum`. The estimate is clamped to
    /// `minimum...maximum`, so it is exact at q = 0 and q = 1.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let q = q.isNaN ? 0.5 : Swift.min(Swift.max(q, 0), 1)
        if q == 0 { return minimum }
        if q == 1 { return maximum }
        let rank = q * Double(count)
        var seen = 0.0
        // (count, low, high, geometric) for each region in order.
        var regions: [(Int64, Double, Double, Bool)] = [(underflow, minimum, layout.lower, false)]
        if layout.isValid {
            for i in counts.indices {
                regions.append((counts[i], layout.bound(i), layout.bound(i + 1), layout.logarithmic))
            }
        }
        regions.append((overflow, layout.isValid ? layout.upper : minimum, maximum, false))
        for (n, low, high, geometric) in regions where n > 0 {
            let next = seen + Double(n)
            if rank <= next {
                let low = Swift.max(low, minimum), high = Swift.min(high, maximum)
                guard low.isFinite, high.isFinite, low < high else { return Swift.min(Swift.max(low, minimum), maximum) }
                let t = (rank - seen) / Double(n)
                let value = geometric && low > 0 ? low * _exp(t * (_log(high) - _log(low))) : low + t * (high - low)
                return Swift.min(Swift.max(value, minimum), maximum)
            }
            seen = next
        }
        return maximum
    }
}
