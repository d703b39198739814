// `quarry tokenize --tokenizer FILE --input … --output DIR [--format shards|jsonl]
// [--shard-size 100M] [--bos] [--no-eos] [--validation-fraction F --split-seed S] [--workers N]
// [--sft [--template FILE]]` (DESIGN.md §4.2, §4.4; issue 8 items 5 and 7). Documents go
// through a pipeline built in memory — the input's reader, tokenize_v1, token_shards_v1 — so
// it resumes and reports like `quarry run` and writes the same bytes for any worker count;
// dataset.json then records this command line. `--format jsonl` writes {"id","ids"} lines
// (one file, or one per input in a directory). `--sft` hands chat JSONL to SFTTokenizeRun
// (TokenizeSFT.swift): shards plus the parallel loss mask.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline
import QuarryShards
import QuarryTokenizer

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenize documents into Megatron-LM token shards (.bin/.idx + dataset.json) or {\"id\",\"ids\"} JSONL.")

    @Option(name: .long, help: "tokenizer.json (Hugging Face) or a .tiktoken rank file.")
    var tokenizer: String

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []

    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?

    @Option(name: .long, help: "shards (Megatron .bin/.idx + dataset.json) or jsonl ({\"id\",\"ids\"} lines).")
    var format: String = "shards"

    @Option(name: .long, help: "Most tokens per shard: a number with an optional K, M or G suffix (powers of 1000).")
    var shardSize: String = "100M"

    @Flag(name: .long, help: "Prepend the BOS token to every document.")
    var bos = false

    @Flag(name: .long, help: "Do not append the EOS token to each document.")
    var noEos = false

    @Option(name: .long, help: "The BOS token's text (default: the tokenizer's usual one).")
    var bosToken: String?

    @Option(name: .long, help: "The EOS token's text (default: <|endoftext|>, <|end_of_text|>, </s> or <eos>).")
    var eosToken: String?

    @Option(name: .long, help: "uint16 or int32 (default: uint16 when the vocabulary has fewer than 65,500 ids, Megatron's rule).")
    var dtype: String?

    @Flag(name: .long, help: "Apply the tokenizer's post-processor (its own BOS/EOS template).")
    var addSpecialTokens = false

    @Option(name: .long, help: "Share of documents (by id hash) written to validation/, 0…1.")
    var validationFraction: Double = 0

    @Option(name: .long, help: "Seed of the train/validation hash.")
    var splitSeed: UInt64 = 0

    @Flag(name: .long, help: "Chat JSONL ({\"messages\"} or {\"prompt\",\"response\"}) → shards plus a loss mask.")
    var sft = false

    @Option(name: .long, help: "With --sft: a declarative chat template file (JSON); default ChatML.")
    var template: String?

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.bootstrap()
        let shardTokens = try Self.parseSize(shardSize)
        guard ["shards", "jsonl"].contains(format) else { throw ConfigError("--format must be shards or jsonl, found \(format)") }
        guard (0...1).contains(validationFraction) else { throw ConfigError("--validation-fraction must be within 0…1") }
        guard let output = execution.output else { throw ConfigError("give --output (a directory; for --format jsonl also a .jsonl file)") }
        if template != nil && !sft { throw ConfigError("--template needs --sft") }
        if sft { return try runSFT(output: output, shardTokens: shardTokens) }
        if format == "shards", output.hasSuffix(".jsonl") || output.hasSuffix(".jsonl.gz") || output.hasSuffix(".jsonl.zst") {
            throw ConfigError("--format shards writes a directory; use --format jsonl for a .jsonl file")
        }
        if format == "jsonl", output.hasSuffix(".gz") || output.hasSuffix(".zst") {
            throw ConfigError("--format jsonl writes plain .jsonl")
        }
        var spec = try PipelineSpec.command("tokenize", inputs: input, reader: reader, stages: [
            (id: "tokenize_v1", options: [(key: "tokenizer", value: .scalar(tokenizer, quoted: true)),
                                          (key: "add_special_tokens", value: .scalar(String(addSpecialTokens)))]),
        ])
        var writer: [(key: String, value: ConfigValue)] = [
            (key: "tokenizer", value: .scalar(tokenizer, quoted: true)),
            (key: "format", value: .scalar(format)),
            (key: "shard_tokens", value: .scalar(String(shardTokens))),
            (key: "bos", value: .scalar(String(bos))),
            (key: "eos", value: .scalar(String(!noEos))),
            (key: "validation_fraction", value: .scalar(String(validationFraction))),
            (key: "split_seed", value: .scalar(String(splitSeed))),
        ]
        if let dtype { writer.append((key: "dtype", value: .scalar(dtype))) }
        if let bosToken { writer.append((key: "bos_token", value: .scalar(bosToken, quoted: true))) }
        if let eosToken { writer.append((key: "eos_token", value: .scalar(eosToken, quoted: true))) }
        spec.writer = PipelineSpec.Component(id: "token_shards_v1", options: .mapping(writer))
        let outcome = try execution.runAndReport(spec, logging: logging)
        guard format == "shards", outcome.outputFile == nil else { return }
        // dataset.json names what made it: this command line.
        var manifest = try DatasetManifest.read(directory: output)
        manifest.createdBy = Self.commandLine()
        try manifest.write(directory: output)
        if !logging.quiet {
            let totals = manifest.totals.sorted { $0.key > $1.key }
                .map { "\($0.key): \($0.value.documents) documents, \($0.value.tokens) tokens in \($0.value.shards) shards" }
            print("shards (\(manifest.dtype.name)): " + totals.joined(separator: "; "))
        }
    }

    private func runSFT(output: String, shardTokens: Int) throws {
        guard format == "shards" else { throw ConfigError("--sft writes shards (with a mask); --format jsonl is not available") }
        if bos || bosToken != nil || addSpecialTokens {
            throw ConfigError("--sft takes its layout from the chat template; --bos, --bos-token and --add-special-tokens do not apply")
        }
        var eosID: UInt32?
        if let eosToken {
            let loaded = try Tokenizer.load(path: tokenizer)
            guard let id = loaded.id(ofToken: eosToken) else { throw ConfigError("the tokenizer has no token '\(eosToken)'") }
            eosID = id
        }
        let options = SFTTokenizeOptions(tokenizer: tokenizer, inputs: input, output: output, template: template,
                                         shardTokens: shardTokens, eos: !noEos, eosID: eosID,
                                         validationFraction: validationFraction, splitSeed: splitSeed,
                                         workers: execution.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let summary = try SFTTokenizeRun.run(options)
        if var manifest = summary.manifest {
            manifest.createdBy = Self.commandLine()
            try manifest.write(directory: output)
        }
        if !logging.quiet { print(summary.text, terminator: "") }
    }

    /// "100M" → 100,000,000; K, M, G (or B) are powers of 1000.
    static func parseSize(_ text: String) throws -> Int {
        let multipliers: [Character: Int] = ["K": 1_000, "k": 1_000, "M": 1_000_000, "m": 1_000_000, "G": 1_000_000_000,
                                              "g": 1_000_000_000, "B": 1_000_000_000]
        var digits = Substring(text)
        var multiplier = 1
        if let last = text.last, let m = multipliers[last] {
            multiplier = m
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0, value <= Int.max / multiplier else {
            throw ConfigError("--shard-size must be a positive number of tokens such as 100M, found '\(text)'")
        }
        return value * multiplier
    }

    static func commandLine() -> String {
        "quarry " + CommandLine.arguments.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
