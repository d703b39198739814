// `quarry classify language|apply|train|quantize|test` (DESIGN.md §4.4; issue 7). `language` and
// `apply` are one-stage pipelines (language_id_v1, classifier_v1) with the run directory, resume
// and stats of `quarry run`; `train`, `quantize` and `test` work on labeled JSONL files and model
// files directly (ClassifyTrainCommand.swift).
import ArgumentParser
import QuarryCore
import QuarryPipeline

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Identify languages, apply fastText classifiers, train and quantize your own.",
        subcommands: [ClassifyLanguageCommand.self, ClassifyApplyCommand.self, ClassifyTrainCommand.self,
                      ClassifyQuantizeCommand.self, ClassifyTestCommand.self])
}

struct ClassifyLanguageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "language",
        abstract: "Write language, language_score and script to each document's metadata.",
        discussion: """
            The built-in model covers the languages listed in the README (trained by scripts/lid/); --model takes \
            any fastText language-ID model instead (lid.176.bin/.ftz, GlotLID). Texts with too few letters to tell \
            get language `und` and score 0.
            """)

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []
    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?
    @Option(name: .long, help: "A fastText language-ID model (.bin/.ftz) instead of the built-in one.")
    var model: String?
    @Option(name: .long, help: "Keep only these languages, comma-separated (e.g. en,zh).")
    var keep: String?
    @Option(name: .long, help: "Drop documents whose language_score is below this (0…1).")
    var minScore: Double?
    @Option(name: .long, help: "Texts with fewer letters are `und` (Han, kana, Hangul count two; default 3).")
    var minLetters: Int?

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        var options: [(key: String, value: ConfigValue)] = []
        if let model { options.append(("model", .scalar(model, quoted: true))) }
        if let keep { options.append(("keep", PIICommand.list(keep))) }
        if let minScore { options.append(("min_score", .scalar(String(minScore)))) }
        if let minLetters { options.append(("min_letters", .scalar(String(minLetters)))) }
        let spec = try PipelineSpec.command("classify-language", inputs: input, reader: reader, stages: [("language_id_v1", options)])
        _ = try execution.runAndReport(spec, logging: logging)
    }
}

struct ClassifyApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a fastText classifier (.bin/.ftz) and write <name>_label and <name>_score to metadata.",
        discussion: """
            Works with models trained by `quarry classify train` and by fastText itself (quality, domain, \
            FineWeb-Edu-style classifiers), with the same predictions. Filter on the scores afterwards with \
            metadata_filter_v1 or route with route_v1.
            """)

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []
    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?
    @Option(name: .long, help: "The fastText model file (.bin or .ftz).")
    var model: String
    @Option(name: .long, help: "Prefix of the metadata keys: <name>_label, <name>_score.")
    var name: String
    @Flag(name: .long, help: "Also write every label's probability as <name>_scores.")
    var allScores = false

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        var options: [(key: String, value: ConfigValue)] = [("model", .scalar(model, quoted: true)), ("name", .scalar(name, quoted: true))]
        if allScores { options.append(("all_scores", .scalar("true"))) }
        let spec = try PipelineSpec.command("classify-apply", inputs: input, reader: reader, stages: [("classifier_v1", options)])
        _ = try execution.runAndReport(spec, logging: logging)
    }
}
