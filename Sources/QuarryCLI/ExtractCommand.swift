// `quarry extract --input PATH... --output FILE`: web pages (WARC, WET, HTML files, or JSONL
// with HTML under --text-key) to documents holding their main text. A one-stage pipeline
// (reader → html_extract_v1 → JSONL) with the run directory, resume and stats of `quarry run`.
import ArgumentParser
import QuarryCore
import QuarryPipeline

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the main text of web pages (WARC, WET, HTML files, JSONL of HTML) into JSONL documents.")

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []

    @Option(name: .long, help: "The reader (warc_v1, wet_v1, html_files_v1, jsonl_v1 ...); default: from the file extensions.")
    var reader: String?

    @Option(name: .long, help: "For JSONL input: the key holding the HTML.")
    var textKey: String?

    @Option(name: .long, help: "precision (drop more furniture) or recall (keep more of the page).")
    var favor: String = "precision"

    @Option(name: .long, help: "keep or drop the text of links.")
    var links: String = "keep"

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        var readerOptions: [(key: String, value: ConfigValue)] = []
        if let textKey { readerOptions.append(("text_key", .scalar(textKey))) }
        var spec = try PipelineSpec.command("extract", inputs: input, reader: reader, readerOptions: readerOptions, stages: [])
        if spec.reader.id != "wet_v1" && spec.reader.id != "text_v1" {
            spec.stages = [.init(id: "html_extract_v1",
                                 options: .mapping([("favor", .scalar(favor)), ("links", .scalar(links))]), line: nil)]
        }
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        try execution.runAndReport(spec, logging: logging)
    }
}
