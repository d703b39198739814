// language_id_v1 (issue 7, DESIGN.md §4.1): writes `language` (ISO 639-1 where one exists, else
// ISO 639-3, `und` when the text is too short to tell), `language_score` (0…1) and `script`
// (ISO 15924) to each document's metadata, with Quarry's built-in model or a fastText LID model
// the user names (lid.176.bin/.ftz, GlotLID). Score once, decide later: it keeps everything
// unless `keep` or `min_score` are given (the same as a metadata_filter_v1 after it).
import QuarryCore

public struct LanguageIDStage: DocumentStage {
    public struct Options: StageOptions {
        public var model: String?
        public var keep: [String] = []
        public var minScore: Double?
        public var minLetters = 3

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("model", \.model, doc: "A fastText language-ID model (.bin or .ftz: lid.176, GlotLID); null for Quarry's built-in model."),
                .init("keep", \.keep, doc: "Languages kept (ISO codes as written to `language`, e.g. [en, zh]); empty keeps all."),
                .init("min_score", \.minScore, doc: "Documents whose language_score is below this (0…1) are dropped; null keeps all."),
                .init("min_letters", \.minLetters, doc: "Texts with fewer letters than this (Han, kana and Hangul count two) are `und` with score 0."),
            ]
        }

        public func validate() throws {
            if let minScore, !(0...1).contains(minScore) { throw ConfigError("min_score must be within 0…1, found \(minScore)") }
            if minLetters < 1 { throw ConfigError("min_letters must be at least 1, found \(minLetters)") }
        }
    }

    public static let id: StageID = "language_id_v1"
    public static let summary = "Identifies each document's language and script (built-in model for 60+ languages, or a fastText LID model) and writes language, language_score, script."

    public let options: Options
    private let identifier: LanguageIdentifier
    private let keep: Set<String>

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let model = try options.model.map { try FastTextModelReader.read(path: $0) } ?? BuiltinLanguageModel.model()
        identifier = LanguageIdentifier(model: model, minLetters: options.minLetters)
        keep = Set(options.keep)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var scratch = FastTextScratch()
        for index in batch.documents.indices {
            var text = batch.documents[index].text
            let result = text.withUTF8 { identifier.identify($0, scratch: &scratch) }
            batch.documents[index].metadata["language"] = .string(result.language)
            batch.documents[index].metadata["language_score"] = ClassifierScore.json(result.score)
            batch.documents[index].metadata["script"] = .string(result.script)
            stats.count("language.\(result.language)")
        }
        guard !keep.isEmpty || options.minScore != nil else { return }
        batch.drop { document in
            let language = document.metadata["language"]?.stringValue ?? LanguageIdentifier.undetermined
            if !keep.isEmpty && !keep.contains(language) { return "language_not_kept" }
            if let minScore = options.minScore, (document.metadata["language_score"]?.doubleValue ?? 0) < minScore {
                return "language_score_below_min"
            }
            return nil
        }
    }
}
