// DatasetSplit: proportions within 0.5% of the requested fraction, stability per id.
import Testing
@testable import QuarryShards

@Suite struct DatasetSplitTests {
    @Test func proportionsAndStability() {
        for fraction in [0.01, 0.1, 0.5] {
            let split = DatasetSplit(validationFraction: fraction, seed: 3)
            let n = 200_000
            let validation = (0..<n).filter { split.part(ofDocumentID: "doc-\($0)") == .validation }.count
            #expect(abs(Double(validation) / Double(n) - fraction) < 0.005)
        }
        let split = DatasetSplit(validationFraction: 0.2, seed: 0)
        #expect(split.part(ofDocumentID: "abc") == split.part(ofDocumentID: "abc"))
        #expect(DatasetSplit(validationFraction: 0).part(ofDocumentID: "x") == .train)
        #expect(DatasetSplit(validationFraction: 1).part(ofDocumentID: "x") == .validation)
        // A different seed moves some documents.
        let other = DatasetSplit(validationFraction: 0.2, seed: 1)
        #expect((0..<1000).contains { split.part(ofDocumentID: "d\($0)") != other.part(ofDocumentID: "d\($0)") })
    }
}
