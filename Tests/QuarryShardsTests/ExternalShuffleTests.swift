// ExternalShuffle: the output is every reference sorted by key, whatever the bucket count and
// however the references were spread over writers.
import Testing
import QuarryTestSupport
@testable import QuarryShards

@Suite struct ExternalShuffleTests {
    func shuffled(_ records: [ShuffleRecord], buckets: Int, writers: Int, buffer: Int) throws -> [ShuffleRecord] {
        let directory = TemporaryDirectory("quarry-shuffle")
        let shuffle = ExternalShuffle(directory: directory.path, bucketCount: buckets)
        let sinks = (0..<writers).map { ExternalShuffle.Writer(shuffle, index: $0, bufferRecords: buffer) }
        for (i, record) in records.enumerated() { try sinks[i % writers].add(key: record.key, reference: record.reference) }
        for sink in sinks { try sink.flush() }
        var out: [ShuffleRecord] = []
        for bucket in 0..<buckets {
            let loaded = try shuffle.load(bucket: bucket, writers: writers)
            #expect(loaded.allSatisfy { shuffle.bucket(of: $0.key) == bucket })
            out += loaded
            shuffle.remove(bucket: bucket, writers: writers)
        }
        return out
    }

    @Test func sameOrderWhateverTheLayout() throws {
        var random = SplitMix64(seed: 42)
        // Duplicate keys included, so the reference breaks ties.
        let records = (0..<20_000).map { i in ShuffleRecord(key: i % 97 == 0 ? 12345 : random.next(), reference: UInt64(i)) }
        let expected = records.sorted()
        #expect(try shuffled(records, buckets: 1, writers: 1, buffer: 100_000) == expected)
        #expect(try shuffled(records, buckets: 7, writers: 3, buffer: 1_000) == expected)
        #expect(try shuffled(Array(records.reversed()), buckets: 64, writers: 2, buffer: 1_500) == expected)
    }

    @Test func bucketCountFollowsTheBudget() {
        #expect(ExternalShuffle.bucketCount(records: 0, memoryBytes: 1 << 30) == 1)
        #expect(ExternalShuffle.bucketCount(records: 1_000_000, memoryBytes: 1 << 30) == 1)
        // 100M references × 16 B × 1.25 headroom = 2.0e9 B: 15 buckets within 128 MiB.
        #expect(ExternalShuffle.bucketCount(records: 100_000_000, memoryBytes: 128 << 20) == 15)
        #expect(ExternalShuffle.bucketCount(records: 1 << 40, memoryBytes: 1 << 16) == 65536)
        #expect(ExternalShuffle.bucketCount(records: 1_000, memoryBytes: 4_096) == 5)
    }
}
