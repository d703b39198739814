// Language identification over a fastText model: Quarry's built-in model (BuiltinLanguageModel)
// or any fastText LID model a user has (lid.176, GlotLID). A text with too few letters to tell
// (fewer than `minLetters`, Han, kana and Hangul counting two) is `und` with score 0 rather than
// a guess. The script is the label's when it names one (zh-Hans), else the text's dominant
// script (ScriptCounts), with Han-only text written by a Japanese or Korean label as Jpan / Kore.

public struct LanguageIdentifier: Sendable {
    public struct Result: Sendable, Equatable {
        /// ISO 639-1 (else 639-3) code, or `und`.
        public var language: String
        /// The model's label, without its prefix (`zh-Hans`), or `und`.
        public var label: String
        /// The model's probability, clamped to 0…1; 0 for `und`.
        public var score: Float
        /// ISO 15924 code of the writing system (`Zyyy` when the text has no letters).
        public var script: String
    }

    public static let undetermined = "und"

    public let predictor: FastTextPredictor
    /// Weighted letters below which a text is `und`.
    public let minLetters: Int
    private let labels: [LanguageLabel]
    private let labelNames: [String]

    public init(model: FastTextModel, minLetters: Int = 3) {
        predictor = FastTextPredictor(model: model)
        self.minLetters = minLetters
        labelNames = model.labels
        labels = labelNames.map { LanguageLabel(parsing: $0) }
    }

    /// Identifies the language of one text (newlines count as spaces).
    public func identify(_ text: UnsafeBufferPointer<UInt8>, scratch: inout FastTextScratch) -> Result {
        let counts = ScriptCounts(text)
        let dominant = counts.dominantCode
        guard counts.weighted >= minLetters, counts.weighted > 0,
              let top = predictor.predictTop(text, scratch: &scratch) else {
            return Result(language: Self.undetermined, label: Self.undetermined, score: 0, script: dominant)
        }
        let label = labels[Int(top.label)]
        return Result(language: label.language, label: labelNames[Int(top.label)],
                      score: min(max(top.probability, 0), 1), script: Self.script(label: label, dominant: dominant))
    }

    public func identify(_ text: String) -> Result {
        var text = text
        var scratch = FastTextScratch()
        return text.withUTF8 { identify($0, scratch: &scratch) }
    }

    /// The script to report for a predicted label and the text's dominant script.
    static func script(label: LanguageLabel, dominant: String) -> String {
        if let script = label.script, dominant == "Hani" || dominant == script || dominant == "Zyyy" { return script }
        if dominant == "Hani" {
            switch label.language {
            case "ja": return "Jpan"
            case "ko": return "Kore"
            default: return dominant
            }
        }
        return dominant
    }
}
