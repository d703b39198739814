// `quarry tokenizer train|encode|decode` (DESIGN.md §4.4; issue 8). `train` counts the pieces of
// every document with the chosen pre-tokenizer split on --workers threads, runs the byte-level
// BPE trainer (QuarryTokenizer/BPETrainer.swift: the merges and ids of tokenizers 0.23.3's
// BpeTrainer with the full byte alphabet) and writes the tokenizer.json tokenizers itself would
// save for that model: GPT-2 split = ByteLevel(use_regex: true); Llama-3 split =
// Sequence[Split(regex, Isolated), ByteLevel(use_regex: false)]; the special tokens become
// added tokens (special, not normalized). `encode` and `decode` are TokenizerEncodeCommand.swift.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryTokenizer

struct TokenizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenizer",
        abstract: "Train byte-level BPE tokenizers; encode and decode with tokenizer.json or .tiktoken files.",
        subcommands: [TokenizerTrain.self, TokenizerEncode.self, TokenizerDecode.self])
}

struct TokenizerTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a byte-level BPE tokenizer on JSONL documents and write its tokenizer.json.",
        discussion: """
            Gives the merges and ids Hugging Face tokenizers 0.23.3 gives with BpeTrainer(vocab_size, \
            special_tokens, min_frequency, initial_alphabet=ByteLevel.alphabet()) and train_from_iterator over the \
            same documents: special tokens first, then the 256 byte tokens, then one token per merge (most frequent \
            pair; ties to the smaller ids). --max-bytes trains on a prefix sample: documents are taken in input \
            order (files in the order given, then line order) until their texts reach N bytes; the document that \
            crosses N is kept whole, and reading stops there. Damaged records are skipped, counted and reported \
            (file and byte offset of the first) on stderr. Example: quarry tokenizer train --input \
            corpus.jsonl.zst --vocab-size 32000 --split llama3 --special-token '<|endoftext|>' --output tokenizer.json
            """)

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "JSONL input files, directories or globs (.jsonl, .jsonl.gz, .jsonl.zst …).")
    var input: [String] = []
    @Option(name: .long, help: "Ids in the trained tokenizer: special tokens + 256 bytes + merged tokens.")
    var vocabSize: Int
    @Option(name: .shortAndLong, help: "The tokenizer.json to write.")
    var output: String
    @Option(name: .long, help: "Pre-tokenizer split: gpt2 (GPT-2's regex) or llama3 (Llama-3 / cl100k regex).")
    var split = "gpt2"
    @Option(name: .long, help: "A special token (repeat the flag for several); they take the first ids, in order.")
    var specialToken: [String] = []
    @Option(name: .long, help: "Never merge a pair seen fewer times than this (word occurrences; 0 = no limit).")
    var minFrequency = 0
    @Option(name: .long, help: "Train on the first N bytes of text only (K, M, G suffixes: 1000s); see below.")
    var maxBytes: String?
    @Option(name: .long, help: "The text field of the JSONL records.")
    var field = "text"
    @Option(name: .long, help: "Threads counting words (default: all cores). The result is the same for any number.")
    var workers: Int?

    /// Text handed to the counting threads at a time, in UTF-8 bytes (large enough that each
    /// thread's share takes milliseconds, small enough to keep memory flat).
    static let batchBytes = 8 << 20

    func run() throws {
        // Configuration first: nothing is read or written before every option is checked.
        let trainer = try makeTrainer()
        let limit = try maxBytes.map(Self.parseByteCount)
        let threads = workers ?? ProcessInfo.processInfo.activeProcessorCount
        guard threads >= 1 else { throw ConfigError("--workers must be at least 1") }
        guard !input.isEmpty else { throw ConfigError("give --input (JSONL files, directories or globs)") }
        guard !output.isEmpty, !output.hasSuffix("/") else { throw ConfigError("--output must name a file") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ConfigError("--output \(output) is a directory; give a file name such as tokenizer.json")
        }

        let clock = ContinuousClock()
        let started = clock.now
        var counter = ParallelWordCounter(split: trainer.split, workers: threads)
        var batch: [String] = []
        var batchBytes = 0, taken = 0
        let issues = try DocumentLoader.forEachWhile(inputs: input, textKey: field) { document in
            if let limit, taken >= limit { return false }
            let bytes = document.text.utf8.count
            taken += bytes
            batch.append(document.text)
            batchBytes += bytes
            if batchBytes >= Self.batchBytes {
                counter.add(batch)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
            return true
        }
        if let first = issues.first {
            printError("warning: \(issues.count) damaged record\(issues.count == 1 ? "" : "s") skipped; first: \(first)")
        }
        counter.add(batch)
        guard counter.documentCount > 0 else { throw ConfigError("no documents with a '\(field)' text in the input") }
        let words = counter.finish()
        let counted = clock.now
        let result = trainer.train(words)
        let trained = clock.now

        let file = try AtomicFile(path: output)
        let json = TokenizerJSON.write(result.definition)
        try json.withUnsafeBytes { try file.write($0) }
        try file.commit()
        let definition = result.definition
        let megabytes = String(format: "%.1f", Double(counter.byteCount) / 1e6)
        print("trained \(output): \(definition.idCount) ids, \(definition.merges.count) merges (stopped: \(result.stop.rawValue)); "
              + "\(counter.documentCount) documents, \(megabytes) MB, \(words.count) distinct words; counting "
              + String(format: "%.2f s, merging %.2f s", (counted - started).seconds, (trained - counted).seconds))
    }

    func makeTrainer() throws -> BPETrainer {
        let splits: [String: PreTokenizerSplit] = ["gpt2": .gpt2, "llama3": .llama3]
        guard let preSplit = splits[split] else { throw ConfigError("--split must be gpt2 or llama3, found '\(split)'") }
        if let empty = specialToken.firstIndex(where: \.isEmpty) {
            throw ConfigError("--special-token \(empty + 1) is empty")
        }
        guard minFrequency >= 0 else { throw ConfigError("--min-frequency must be 0 or more") }
        let initial = BPETrainer(vocabularySize: 0, specialTokens: specialToken).initialTokenCount
        guard vocabSize >= initial else {
            throw ConfigError("--vocab-size \(vocabSize) is below the \(initial) initial tokens (special tokens + 256 bytes)")
        }
        guard vocabSize < Int(Int32.max) else { throw ConfigError("--vocab-size \(vocabSize) is too large") }
        return BPETrainer(vocabularySize: vocabSize, specialTokens: specialToken, minFrequency: minFrequency, split: preSplit)
    }

    /// "500000", "200K", "64M", "2G" (decimal multiples) as a byte count.
    static func parseByteCount(_ text: String) throws -> Int {
        let multipliers: [Character: Int] = ["K": 1_000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000]
        var digits = Substring(text.uppercased())
        var multiplier = 1
        if digits.hasSuffix("B") { digits = digits.dropLast() }
        if let last = digits.last, let m = multipliers[last] { multiplier = m; digits = digits.dropLast() }
        guard let value = Int(digits), value > 0, value <= Int.max / multiplier else {
            throw ConfigError("--max-bytes must be a positive byte count such as 500000, 200K, 64M or 2G, found '\(text)'")
        }
        return value * multiplier
    }
}
