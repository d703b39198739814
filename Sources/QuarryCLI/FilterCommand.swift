// `quarry filter --input … --output … --preset gopher|c4|fineweb|fineweb2 [--stage ID …]
// [--rejects FILE]`: documents through a stack of quality filters (DESIGN.md §4.4). The preset's
// stages come from pipelines/presets/NAME.yaml (embedded in the binary); `--stage` adds filters
// with their default options after them. Like every command, a pipeline built in memory with the
// run directory, resume and stats of `quarry run`; `--rejects FILE` also writes every dropped
// document, with its `filter_reason` and `filter_stage`, into one JSONL file in input order.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Run quality filters (Gopher, C4, FineWeb, FineWeb2 presets, or single stages) over documents.")

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []

    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?

    @Option(name: .long, help: "A filter stack: gopher, c4, fineweb or fineweb2 (pipelines/presets/).")
    var preset: String?

    @Option(name: .long, help: "A stage to run after the preset, with default options (repeatable).")
    var stage: [String] = []

    @Option(name: .long, help: "Also write the dropped documents, with their reasons, to this .jsonl[.gz|.zst] file.")
    var rejects: String?

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        let presets = FilterPreset.allCases.map(\.rawValue).joined(separator: ", ")
        guard preset != nil || !stage.isEmpty else { throw ConfigError("give --preset (\(presets)) or --stage") }
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        var spec = try PipelineSpec.command("filter", inputs: input, reader: reader, stages: [])
        if let preset { spec.stages = try FilterPreset.named(preset).stages() }
        spec.stages += stage.map { PipelineSpec.Component(id: StageID($0)) }
        if let rejects {
            guard let compression = TaskFiles.compression(of: rejects) else {
                throw ConfigError("--rejects must name a .jsonl, .jsonl.gz or .jsonl.zst file, found \(rejects)")
            }
            spec.writeFilteredDocuments = true
            spec.rejectsWriter = PipelineSpec.Component(id: "rejects_writer_v1",
                                                        options: .mapping([(key: "compression", value: .scalar(compression))]))
        }
        let outcome = try execution.runAndReport(spec, logging: logging)
        if let rejects {
            try TaskFiles.join(runDirectory: outcome.runDirectory, directory: spec.rejectsDirectory, into: rejects)
        }
    }
}
