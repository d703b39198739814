// ExternalSorter: the external merge sort equals a plain in-memory sort, whatever the budget
// (a tiny one forces many spilled runs and merges in groups).
@testable import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct ExternalSorterTests {
    func sorted<R: SortRecord>(_ records: [R], budget: Int, in directory: TemporaryDirectory) throws -> (out: [R], runs: Int, peak: Int) {
        let sorter = ExternalSorter<R>(memoryBytes: budget, runPrefix: directory.file("sort"))
        for r in records { try sorter.add(r) }
        var out: [R] = []
        try sorter.finish { out.append($0) }
        return (out, sorter.runCount, sorter.peakBytes)
    }

    @Test func bandEntriesWithATinyBudgetSortAsInMemory() throws {
        let directory = TemporaryDirectory("quarry-sort")
        var random = SplitMix64(seed: 7)
        // Few distinct hashes, so equal keys are common and the document breaks ties.
        let records = (0..<20_000).map { i in BandEntry(hash: random.next() % 500, document: UInt32(i)) }.shuffled(using: &random)
        let (out, runs, peak) = try sorted(records, budget: 4096, in: directory)
        #expect(out == records.sorted())
        #expect(runs > 50, "the budget should force many runs, got \(runs)")
        #expect(peak <= 4096)
        // Every run file is gone.
        #expect(DedupWorkDirectory.list(directory.path).isEmpty)
    }

    @Test func exactEntriesAcrossBudgetsGiveTheSameOrder() throws {
        let directory = TemporaryDirectory("quarry-sort")
        var random = SplitMix64(seed: 11)
        let records = (0..<5_000).map { i in
            ExactEntry(high: random.next() % 3, low: random.next() % 50, document: UInt32(i))
        }.shuffled(using: &random)
        let expected = records.sorted()
        for budget in [200, 3000, 100_000, 1 << 24] {
            let (out, _, peak) = try sorted(records, budget: budget, in: directory)
            #expect(out == expected, "budget \(budget)")
            #expect(peak <= max(budget, 4 * ExactEntry.byteSize))
        }
    }

    @Test func emptyAndSingleInputs() throws {
        let directory = TemporaryDirectory("quarry-sort")
        #expect(try sorted([BandEntry](), budget: 1000, in: directory).out.isEmpty)
        let one = [BandEntry(hash: 5, document: 1)]
        #expect(try sorted(one, budget: 1000, in: directory).out == one)
    }

    @Test func recordsRoundTripThroughTheirBytes() {
        var bytes = [UInt8](repeating: 0, count: 20)
        let e = ExactEntry(high: 0x0102_0304_0506_0708, low: 0x1112_1314_1516_1718, document: 0xA0B0_C0D0)
        bytes.withUnsafeMutableBytes { e.store(to: $0.baseAddress!) }
        #expect(bytes[0] == 0x08 && bytes[8] == 0x18 && bytes[16] == 0xD0)  // little-endian
        let back = bytes.withUnsafeBytes { ExactEntry(loadingFrom: $0.baseAddress!) }
        #expect(back == e)
    }
}
