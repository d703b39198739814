// `quarry dedup --input … --output … [--method minhash|exact|lines] [--mode drop|annotate] …`:
// documents through one deduplication stage (DESIGN.md §4.4; issue 5): minhash_dedup_v1 (near
// duplicates, MinHash LSH), exact_dedup_v1 (the same normalized text) or line_dedup_v1 (lines
// repeated across the corpus). Like every command, a one-stage pipeline built in memory with the
// run directory, resume and stats of `quarry run`. Only the flags given override the stage's
// defaults (`quarry stages` lists them), and a flag the method has no option for is a usage
// error; `--option KEY=VALUE` sets any other option of the stage.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Remove (or mark) exact and near-duplicate documents, or lines repeated across a corpus.",
        discussion: """
            Methods: minhash (default; minhash_dedup_v1: near duplicates by MinHash LSH over word n-grams, \
            --ngram 5, --bands 14 x --rows 8), exact (exact_dedup_v1: the same normalized text), lines \
            (line_dedup_v1: lines repeated across the corpus). With --mode drop (default) the output is the \
            deduplicated corpus and `quarry stats OUT` counts the drop reasons; --mode annotate keeps every \
            document and adds duplicate_of and dup_cluster_size to the metadata of cluster members. The first \
            document of a cluster in input order is kept, or the one with the largest --prefer metadata value.

            Phases. minhash and exact index the whole corpus first, with files in OUT/dedup/: (1) signatures \
            per input task, (2) buckets of identical band hashes, sorted into candidate pairs, (3) clusters, \
            (4) filter per task. One command runs them all and resumes where a killed run stopped. On a \
            cluster (--rank R --world-size W over a shared OUT), run each phase as its own jobs, all over \
            the same OUT: --phase signatures (every rank), --phase buckets (every rank: its share), \
            --phase clusters (one job), --phase filter (every rank: its tasks). A pipeline file with several \
            such stages runs that round once per stage (each phase acts on the first stage whose index is \
            not complete), then --phase filter.

            Memory. --memory (default 4G) bounds the buckets and clusters phases: their sorts spill to files \
            in OUT/dedup/ beyond it, so the corpus size is limited by disk, not memory. Signatures and \
            filter hold only the batches in flight (about 2 per worker). With --method lines, --memory is \
            shared by line_dedup_v1's count tables: max_memory = memory / (workers + 1).

            --against DIR (repeatable) deduplicates against the index of an earlier run in DIR (its run \
            directory; for a single output file X.jsonl, X.jsonl.run): documents that duplicate the old \
            corpus are removed, the old run's files are only read.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case minhash, exact, lines

        var stage: StageID {
            switch self {
            case .minhash: return "minhash_dedup_v1"
            case .exact: return "exact_dedup_v1"
            case .lines: return "line_dedup_v1"
            }
        }
    }

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []

    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?

    @Option(name: .long, help: "minhash (near duplicates), exact, or lines (repeated lines).")
    var method: Method = .minhash

    @Option(name: .long, help: "drop (write the deduplicated corpus) or annotate (keep all, mark duplicates).")
    var mode: String?

    @Option(name: .long, help: "Shingle size, in words (or characters with --shingles characters). minhash only.")
    var ngram: Int?

    @Option(name: .long, help: "LSH bands. minhash only.")
    var bands: Int?

    @Option(name: .long, help: "Rows (hashes) per band. minhash only.")
    var rows: Int?

    @Option(name: .long, help: "Shingles of words or characters. minhash only.")
    var shingles: String?

    @Option(name: .long, help: "Keep only candidate pairs whose estimated Jaccard similarity reaches this (0...1). minhash only.")
    var threshold: Double?

    @Option(name: .long, help: "A metadata key whose largest value picks the document kept in a cluster (default: the first).")
    var prefer: String?

    @Option(name: .long, help: "An earlier run directory whose documents count as seen (repeatable).")
    var against: [String] = []

    @Option(name: .customLong("option"), help: ArgumentHelp("Any other option of the stage (see quarry stages), repeatable.",
                                                            valueName: "key=value"))
    var options: [String] = []

    @Option(name: .long, help: "Also write the dropped documents, with their reasons, to this .jsonl[.gz|.zst] file.")
    var rejects: String?

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var indexing: IndexingOptions
    @OptionGroup var logging: LoggingOptions

    /// The stage options the flags given set, in the stage's option names.
    func stageOptions() throws -> [(key: String, value: ConfigValue)] {
        var given: [(flag: String, key: String, value: ConfigValue)] = []
        func add(_ flag: String, _ key: String, _ value: ConfigValue?) {
            if let value { given.append((flag, key, value)) }
        }
        add("--mode", "mode", mode.map { .scalar($0) })
        add("--ngram", "ngram", ngram.map { .scalar(String($0)) })
        add("--bands", "bands", bands.map { .scalar(String($0)) })
        add("--rows", "rows", rows.map { .scalar(String($0)) })
        add("--shingles", "shingles", shingles.map { .scalar($0) })
        add("--threshold", "threshold", threshold.map { .scalar(String($0)) })
        add("--prefer", "prefer", prefer.map { .scalar($0) })
        add("--against", "against", against.isEmpty ? nil : .sequence(against.map { .scalar($0) }))
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                throw ValidationError("--option takes key=value, found '\(option)'")
            }
            let key = String(option[..<equals])
            let value = String(option[option.index(after: equals)...])
            if let flag = given.first(where: { $0.key == key })?.flag {
                throw ValidationError("--option \(key)=… repeats \(flag)")
            }
            add("--option \(key)", key, .scalar(value))
        }
        // line_dedup_v1 counts in memory, each count table within max_memory; its counting pass
        // holds up to one table per worker plus the merged total, so --memory is shared out.
        if method == .lines, let bytes = indexing.memoryBytes, !given.contains(where: { $0.key == "max_memory" }) {
            let workers = execution.workers ?? ProcessInfo.processInfo.activeProcessorCount
            add("--memory", "max_memory", .scalar(String(bytes / (max(1, workers) + 1))))
        }
        guard let stage = StageRegistry.builtin().all.first(where: { $0.id == method.stage }) else {
            throw ConfigError("--method \(method.rawValue): the stage \(method.stage) is not in this build of quarry")
        }
        let known = Set(stage.options.map(\.name))
        if let wrong = given.first(where: { !known.contains($0.key) }) {
            let valid = stage.options.map(\.name).sorted().joined(separator: ", ")
            throw ValidationError("\(wrong.flag) does not apply to --method \(method.rawValue) (\(method.stage) options: \(valid))")
        }
        return given.map { ($0.key, $0.value) }
    }

    func run() throws {
        logging.bootstrap()
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        let options = try stageOptions()
        var spec = try PipelineSpec.command("dedup", inputs: input, reader: reader, stages: [(method.stage, options)])
        if let rejects {
            guard let compression = TaskFiles.compression(of: rejects) else {
                throw ConfigError("--rejects must name a .jsonl, .jsonl.gz or .jsonl.zst file, found \(rejects)")
            }
            spec.writeFilteredDocuments = true
            spec.rejectsWriter = PipelineSpec.Component(id: "rejects_writer_v1",
                                                        options: .mapping([(key: "compression", value: .scalar(compression))]))
        }
        let outcome = try execution.runAndReport(spec, logging: logging, indexing: indexing)
        if let rejects, outcome.phaseSummary == nil {
            try TaskFiles.join(runDirectory: outcome.runDirectory, directory: spec.rejectsDirectory, into: rejects)
        }
    }
}
