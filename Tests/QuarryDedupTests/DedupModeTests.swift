// DedupMode: option values and the metadata keys of DESIGN.md §4.1.
import QuarryCore
import QuarryDedup
import Testing

@Suite struct DedupModeTests {
    @Test func parsesTheTwoModesAndRejectsOthers() throws {
        #expect(try DedupMode(option: "drop", stage: "exact_dedup_v1") == .drop)
        #expect(try DedupMode(option: "annotate", stage: "exact_dedup_v1") == .annotate)
        #expect(throws: ConfigError.self) { try DedupMode(option: "remove", stage: "exact_dedup_v1") }
        #expect(DedupMode.duplicateOfKey == "duplicate_of" && DedupMode.clusterSizeKey == "dup_cluster_size")
    }
}
