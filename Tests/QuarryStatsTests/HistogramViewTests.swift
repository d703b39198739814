// HistogramView: sparklines scale to the fullest bucket (empty buckets blank, small ones
// still visible), long layouts are summed into at most `width` characters, numbers keep about
// three significant digits, and the line names quantiles, range and the tails.
import QuarryCore
import QuarryStats
import Testing

@Suite struct HistogramViewTests {
    @Test func sparklinesScaleToTheFullestBucket() {
        #expect(HistogramView.sparkline([0, 1, 2, 4, 8, 16]) == " ▁▁▂▄█")
        #expect(HistogramView.sparkline([0, 1000, 1, 0]) == " █▁ ")
        #expect(HistogramView.sparkline([0, 0, 0]) == "   ")
        #expect(HistogramView.sparkline([]) == "")
        #expect(HistogramView.sparkline([7]) == "█")
    }

    @Test func manyBucketsAreSummedIntoTheWidth() {
        let counts: [Int64] = (0..<100).map { $0 < 50 ? 0 : 1 }
        let line = HistogramView.sparkline(counts, width: 10)
        #expect(line == "     █████")
        #expect(HistogramView.sparkline(Array(repeating: 1, count: 41), width: 40).count == 21)
        #expect(HistogramView.sparkline(Array(repeating: 1, count: 40), width: 40).count == 40)
    }

    @Test func numbersKeepAboutThreeSignificantDigits() {
        #expect(HistogramView.number(0) == "0")
        #expect(HistogramView.number(4.6234) == "4.62")
        #expect(HistogramView.number(48.66) == "48.7")
        #expect(HistogramView.number(123.4) == "123")
        #expect(HistogramView.number(12_345.6) == "12,346")
        #expect(HistogramView.number(20) == "20")
        #expect(HistogramView.number(0.012345) == "0.0123")
        #expect(HistogramView.number(-0.5) == "-0.500")
        #expect(HistogramView.number(0.25) == "0.250")
        #expect(HistogramView.number(.nan) == "NaN" && HistogramView.number(-.infinity) == "-inf")
        #expect(HistogramView.number(1e30) == "1e+30")
    }

    @Test func theLineNamesQuantilesRangeAndTails() {
        var h = Histogram(layout: .linear(0, 4, buckets: 4))
        for v in [0.5, 1.5, 1.5, 2.5, 4, -1, 9, .nan] { h.add(v) }
        let line = HistogramView.line(h)
        #expect(line.hasPrefix("n 7  p10 "))
        #expect(line.contains("  p50 ") && line.contains("  p90 ") && line.contains("  mean "))
        #expect(line.hasSuffix("   linear 0..4 |▄█▄▄| <1 >1 NaN 1"))
        var empty = Histogram(layout: .log(1, 10, buckets: 3))
        #expect(HistogramView.line(empty) == "n 0")
        empty.add(.nan)
        #expect(HistogramView.line(empty) == "n 0  NaN 1")
    }
}
