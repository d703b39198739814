// fastText's `test` figures (precision and recall at k, per label) against a plain count over
// the same predictions, on the fixture model and its training lines.
import Foundation
import Testing
@testable import QuarryClassify

@Suite struct FastTextEvaluationTests {
    @Test func matchesAPlainCount() throws {
        let model = try FastTextFixtures.model("softmax.bin")
        var examples = FastTextExamples()
        let lines = try String(contentsOfFile: FastTextFixtures.path("train.txt"), encoding: .utf8).split(separator: "\n")
        for line in lines { examples.append(fastTextLine: String(line)) }
        for k in [1, 2] {
            let result = FastTextEvaluation.evaluate(model: model, examples: examples, k: k, threshold: 0)
            let predictor = FastTextPredictor(model: model)
            var gold = 0, predicted = 0, correct = 0
            for i in 0..<examples.count {
                let labels = Set(examples.labels(i))
                let top = predictor.predict(examples.text(i), k: k).map { model.labels[Int($0.label)] }
                gold += labels.count
                predicted += top.count
                correct += top.filter { labels.contains($0) }.count
            }
            #expect(result.examples == examples.count)
            #expect(result.gold == gold && result.predicted == predicted && result.correct == correct)
            #expect(result.precision > 0.9 || k == 2)
            #expect(result.labels.map(\.gold).reduce(0, +) == gold)
            #expect(result.text.hasPrefix("N\t\(examples.count)\nP@\(k)\t"))
        }
    }

    @Test func unknownLabelsAreSkipped() throws {
        let model = try FastTextFixtures.model("softmax.bin")
        var examples = FastTextExamples()
        examples.append(text: "stock market", labels: ["no-such-label"])
        examples.append(text: "stock market", labels: ["finance"])
        let result = FastTextEvaluation.evaluate(model: model, examples: examples, k: 1, threshold: 0)
        #expect(result.examples == 1)
        #expect(result.correct == 1)
    }
}
