// `quarry run PIPELINE.yaml`: runs a pipeline file, resuming an earlier run of it in the same
// output directory unless --fresh is given. Pipelines with deduplication stages also take the
// memory budget of their corpus-wide phases (--memory) and run one phase at a time (--phase).
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline
import QuarryStats

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file (resumable: a second run continues where the first stopped).")

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var indexing: IndexingOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        try execution.runAndReport(try PipelineSpec.load(path: pipeline), logging: logging, indexing: indexing)
    }
}

/// Options of commands whose stages index the whole corpus in phases (deduplication).
struct IndexingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Memory budget of the corpus-wide phases (sorts spill to disk beyond it): bytes, or with K, M, G, T (powers of 1024); default 4G.",
        valueName: "size"))
    var memory: String?

    @Option(name: .long, help: ArgumentHelp(
        "Which phase to run: all, or one of signatures, buckets, clusters, filter (for cluster runs; see quarry dedup --help).",
        valueName: "phase"))
    var phase = "all"

    func validate() throws {
        if let memory, ByteSize.parse(memory) == nil {
            throw ValidationError("--memory: '\(memory)' is not a size (examples: 4G, 512M, 1.5G, 100000000)")
        }
        guard RunPhase(rawValue: phase) != nil else {
            throw ValidationError("--phase must be one of \(RunPhase.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(phase)')")
        }
    }

    /// The budget given with --memory, in bytes.
    var memoryBytes: Int? { memory.flatMap(ByteSize.parse) }

    func apply(to options: inout RunOptions) {
        if let bytes = memoryBytes { options.memoryBytes = bytes }
        options.phase = RunPhase(rawValue: phase) ?? .all
    }
}

/// Options of every command that runs documents through stages.
struct ExecutionOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output directory, or one output file (.jsonl, .jsonl.gz, .jsonl.zst) written in input order.")
    var output: String?

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var workers: Int?

    @Flag(name: .long, help: "Ignore earlier progress in the output directory and start over.")
    var fresh = false

    @Option(name: .long, help: "Fail the run (exit code 1) once more than this many input records are bad.")
    var maxErrors: Int?

    @Option(name: .long, help: "Run only the tasks whose index % world-size == rank.")
    var rank: Int = 0

    @Option(name: .long, help: "Number of ranks the tasks are spread over.")
    var worldSize: Int = 1

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
    }

    func runOptions(logging: LoggingOptions) -> RunOptions {
        var options = RunOptions()
        if let workers { options.workers = workers }
        options.output = output
        options.fresh = fresh
        options.maxErrors = maxErrors
        options.rank = rank
        options.worldSize = worldSize
        options.progress = isatty(2) != 0 && !logging.quiet && logging.logFormat == .text
        return options
    }

    /// Runs `spec` and prints a short summary; throws ExitCode(1) when the run failed.
    @discardableResult
    func runAndReport(_ spec: PipelineSpec, logging: LoggingOptions, indexing: IndexingOptions? = nil) throws -> RunOutcome {
        var options = runOptions(logging: logging)
        indexing?.apply(to: &options)
        let quiet = logging.quiet
        let resolved = try ResolvedPipeline(spec, output: options.output)
        let outcome = try LocalExecutor(pipeline: resolved, options: options).run()
        if !quiet, let summary = outcome.phaseSummary {
            print("\(spec.name): \(summary)")
        } else if !quiet {
            let (input, output) = (outcome.report.input, outcome.report.output)
            var lines = ["\(spec.name): \(outcome.tasksRun) tasks run, \(outcome.tasksSkipped) already done; "
                + "\(TerminalReport.group(input.documents)) records in, \(TerminalReport.group(output.documents)) documents out"]
            lines.append("output: \(outcome.outputFile ?? outcome.runDirectory)   stats: quarry stats \(outcome.runDirectory)")
            print(lines.joined(separator: "\n"))
        }
        if !outcome.failures.isEmpty {
            printError("\(outcome.failures.count) of \(outcome.failures.count + outcome.tasksRun) tasks failed "
                + "(messages above); run the same command again to retry them")
        }
        if !outcome.succeeded { throw ExitCode(1) }
        return outcome
    }
}
