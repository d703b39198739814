// classifier_v1 (issue 7, DESIGN.md §4.1): applies a fastText supervised model (.bin or .ftz,
// Quarry-trained or fastText-trained: quality, domain, toxicity, FineWeb-Edu-style) to each
// document and writes `<name>_label` (the top label, without `__label__`) and `<name>_score`
// (its probability), and with `all_scores` every label's probability as `<name>_scores`.
// Thresholds are a separate metadata_filter_v1 stage: score once, decide later. The document is
// read as one line, newlines counting as spaces, as datatrove's fastText filters feed it.
import QuarryCore

public struct ClassifierStage: DocumentStage {
    public struct Options: StageOptions {
        public var model = ""
        public var name = ""
        public var allScores = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("model", \.model, doc: "The fastText supervised model file (.bin or .ftz).", required: true),
                .init("name", \.name, doc: "Prefix of the metadata keys written: <name>_label, <name>_score (and <name>_scores).", required: true),
                .init("all_scores", \.allScores, doc: "Also write every label's probability as <name>_scores: {label: p}."),
            ]
        }

        public func validate() throws {
            guard !name.isEmpty, name.utf8.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x5F }) else {
                throw ConfigError("name must be letters, digits and _, found '\(name)'")
            }
        }
    }

    public static let id: StageID = "classifier_v1"
    public static let summary = "Applies a fastText classifier (.bin/.ftz) and writes <name>_label and <name>_score to metadata."

    public let options: Options
    private let predictor: FastTextPredictor
    private let labels: [String]
    private let labelKey: String, scoreKey: String, scoresKey: String

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let model = try FastTextModelReader.read(path: options.model)
        predictor = FastTextPredictor(model: model)
        labels = model.labels
        labelKey = options.name + "_label"
        scoreKey = options.name + "_score"
        scoresKey = options.name + "_scores"
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var scratch = FastTextScratch()
        for index in batch.documents.indices {
            var text = batch.documents[index].text
            if options.allScores {
                let all = text.withUTF8 { predictor.predict($0, k: labels.count, threshold: 0, scratch: &scratch) }
                var scores = JSONObject()
                for prediction in all { scores[labels[Int(prediction.label)]] = ClassifierScore.json(prediction.probability) }
                batch.documents[index].metadata[scoresKey] = .object(scores)
                write(all.first, to: &batch.documents[index], stats: &stats)
            } else {
                let top = text.withUTF8 { predictor.predictTop($0, scratch: &scratch) }
                write(top, to: &batch.documents[index], stats: &stats)
            }
        }
    }

    private func write(_ top: FastTextPrediction?, to document: inout Document, stats: inout StageStats) {
        guard let top else {
            document.metadata[labelKey] = .null
            document.metadata[scoreKey] = .double(0)
            stats.count("\(options.name).none")
            return
        }
        let label = labels[Int(top.label)]
        document.metadata[labelKey] = .string(label)
        document.metadata[scoreKey] = ClassifierScore.json(top.probability)
        stats.count("\(options.name).\(label)")
    }
}
