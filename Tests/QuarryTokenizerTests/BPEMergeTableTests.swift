// BPEMergeTable: lookups against a dictionary twin, a repeated pair keeps its last rank,
// missing merges are reported by rank.
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

@Suite struct BPEMergeTableTests {
    @Test func lookupsMatchDictionaryTwin() {
        var generator = SplitMix64(seed: 5)
        var entries: [(left: TokenID, right: TokenID, rank: UInt32, merged: TokenID)] = []
        var twin: [UInt64: UInt64] = [:]
        for rank in 0..<20_000 {
            let left = TokenID(generator.below(3000)), right = TokenID(generator.below(3000))
            let merged = TokenID(3000 + rank)
            entries.append((left, right, UInt32(rank), merged))
            twin[UInt64(left) << 32 | UInt64(right)] = UInt64(rank) << 32 | UInt64(merged)  // last wins
        }
        let table = BPEMergeTable(entries: entries)
        #expect(table.count == twin.count)
        for (key, value) in twin { #expect(table.lookup(TokenID(key >> 32), TokenID(key & 0xFFFF_FFFF)) == value) }
        var absent = 0
        for _ in 0..<5000 {
            let left = TokenID(3000 + generator.below(3000)), right = TokenID(generator.below(6000))
            if table.lookup(left, right) == UInt64.max { absent += 1 }
        }
        #expect(absent == 5000)
    }

    @Test func repeatedPairKeepsLastRank() throws {
        let vocabulary = TokenVocabulary(tokens: [[0x61], [0x62], [0x61, 0x62], [0x63]])
        let table = try BPEMergeTable(merges: [BPEMerge(0, 1), BPEMerge(0, 1)], vocabulary: vocabulary)
        #expect(table.lookup(0, 1) >> 32 == 1)
        #expect(table.lookup(0, 1) & 0xFFFF_FFFF == 2)
    }

    @Test func missingMergeNamesItsRank() {
        let vocabulary = TokenVocabulary(tokens: [[0x61], [0x62], [0x61, 0x62]])
        #expect(throws: BPEMergeTable.MissingMerge.self) { try BPEMergeTable(merges: [BPEMerge(0, 1), BPEMerge(1, 0)], vocabulary: vocabulary) }
        do {
            _ = try BPEMergeTable(merges: [BPEMerge(0, 1), BPEMerge(2, 9)], vocabulary: vocabulary)
        } catch {
            #expect(error.rank == 1)
        }
    }
}
