// Measuring a classifier on labeled examples the way fastText's `test` and `test-label` do
// (facebookresearch/fastText src/meter.cc @1142dc4): each example with at least one label the
// model knows gets the top-k predictions above the threshold; precision at k is correct
// predictions over predictions made, recall at k is correct predictions over gold labels; per
// label, precision, recall and F1 of that label alone. Examples whose labels are all unknown
// to the model are skipped, as fastText skips them.

public struct FastTextEvaluation: Sendable {
    public struct LabelScore: Sendable, Equatable {
        public var label: String
        public var gold = 0
        public var predicted = 0
        public var correct = 0

        public var precision: Double { predicted > 0 ? Double(correct) / Double(predicted) : 0 }
        public var recall: Double { gold > 0 ? Double(correct) / Double(gold) : 0 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    }

    public var examples = 0
    public var k: Int
    public var gold = 0
    public var predicted = 0
    public var correct = 0
    public var labels: [LabelScore]

    public var precision: Double { predicted > 0 ? Double(correct) / Double(predicted) : 0 }
    public var recall: Double { gold > 0 ? Double(correct) / Double(gold) : 0 }

    public static func evaluate(model: FastTextModel, examples: FastTextExamples, k: Int, threshold: Float) -> FastTextEvaluation {
        let names = model.labels
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        var result = FastTextEvaluation(k: k, labels: names.map { LabelScore(label: $0) })
        let predictor = FastTextPredictor(model: model)
        var scratch = FastTextScratch()
        for i in 0..<examples.count {
            let goldIds = Set(examples.labels(i).compactMap { index[$0] })
            guard !goldIds.isEmpty else { continue }
            let predictions = examples.bytes.withUnsafeBufferPointer { bytes in
                predictor.predict(UnsafeBufferPointer(rebasing: bytes[examples.textRange(i)]), k: k, threshold: threshold, scratch: &scratch)
            }
            result.examples += 1
            result.gold += goldIds.count
            result.predicted += predictions.count
            for id in goldIds { result.labels[id].gold += 1 }
            for prediction in predictions {
                let id = Int(prediction.label)
                result.labels[id].predicted += 1
                if goldIds.contains(id) {
                    result.correct += 1
                    result.labels[id].correct += 1
                }
            }
        }
        return result
    }

    /// fastText's `test` lines, then one line per label.
    public var text: String {
        func fixed(_ x: Double) -> String {
            let scaled = (x * 1000).rounded() / 1000
            return String(scaled)
        }
        var lines = ["N\t\(examples)", "P@\(k)\t\(fixed(precision))", "R@\(k)\t\(fixed(recall))"]
        let width = labels.map(\.label.count).max() ?? 5
        lines.append("label" + String(repeating: " ", count: max(0, width - 5)) + "  precision  recall  F1     gold")
        for score in labels where score.gold > 0 || score.predicted > 0 {
            let name = score.label + String(repeating: " ", count: max(0, width - score.label.count))
            lines.append("\(name)  \(fixed(score.precision).padding(9))  \(fixed(score.recall).padding(6))  \(fixed(score.f1).padding(5))  \(score.gold)")
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
