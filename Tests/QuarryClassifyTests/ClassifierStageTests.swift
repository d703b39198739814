// classifier_v1 on the fastText fixture model: labels and scores in metadata agree with what
// fastText itself predicted (softmax.expected.jsonl), all_scores writes every label, scores stay
// within 0…1, and option errors stop before any document is seen.
import QuarryCore
import Testing
@testable import QuarryClassify

@Suite struct ClassifierStageTests {
    func stage(allScores: Bool = false) throws -> ClassifierStage {
        var options = ClassifierStage.Options()
        options.model = FastTextFixtures.path("softmax.bin")
        options.name = "topic"
        options.allScores = allScores
        return try ClassifierStage(options: options)
    }

    @Test func writesFastTextsTopLabelAndScore() throws {
        let expected = try FastTextFixtures.expected("softmax.bin")
        var batch = DocumentBatch(documents: expected.enumerated().map { Document(id: "\($0.offset)", text: $0.element.text) })
        var stats = StageStats()
        try stage().process(&batch, stats: &stats)
        #expect(batch.documents.count == expected.count)
        for (document, fastText) in zip(batch.documents, expected) {
            let label = fastText.k3Labels.first.map { String($0.dropFirst("__label__".count)) }
            #expect(document.metadata["topic_label"]?.stringValue == label)
            let score = document.metadata["topic_score"]?.doubleValue ?? -1
            #expect(abs(score - Double(min(fastText.k3Probs.first ?? 0, 1))) <= 1e-4, "\(document.id)")
            #expect((0...1).contains(score))
        }
    }

    @Test func allScoresWritesEveryLabel() throws {
        var batch = DocumentBatch(documents: [Document(id: "a", text: "stock market interest rate debt")])
        var stats = StageStats()
        try stage(allScores: true).process(&batch, stats: &stats)
        let scores = batch.documents[0].metadata["topic_scores"]?.objectValue
        #expect(Set(scores?.keys.map { $0 } ?? []) == ["sports", "cooking", "tech", "finance"])
        #expect(batch.documents[0].metadata["topic_label"]?.stringValue == "finance")
        let total = scores?.values.compactMap(\.doubleValue).reduce(0, +) ?? 0
        #expect(abs(total - 1) < 0.01)
    }

    @Test func badOptionsAreConfigErrors() {
        var options = ClassifierStage.Options()
        options.model = FastTextFixtures.path("softmax.bin")
        options.name = "bad name"
        #expect(throws: ConfigError.self) { try ClassifierStage(options: options) }
        options.name = "ok"
        options.model = FastTextFixtures.path("missing.bin")
        #expect(throws: (any Error).self) { try ClassifierStage(options: options) }
    }
}
