// `quarry classify train|quantize|test`: fastText supervised training on labeled JSONL (the label
// in a top-level or metadata key: a string, a number or a list of them for multi-label), fastText
// `quantize` into a small `.ftz`, and fastText `test` (precision and recall at k, per label).
// Defaults are fastText's own (`fasttext supervised`), so the same flags give the same kind of
// model; threads default to all cores. Records without a usable label are counted and reported.
import ArgumentParser
import Foundation
import QuarryClassify
import QuarryCore
import QuarryPipeline

/// Flags shared by training and retraining.
struct FastTextTrainingFlags: ParsableArguments {
    @Option(name: .long, help: "Learning rate.") var lr: Double = FastTextTrainingOptions().lr
    @Option(name: .long, help: "Passes over the data.") var epoch: Int32 = FastTextArgs().epoch
    @Option(name: .long, help: "Training threads (default: all cores; 1 is reproducible bit for bit).") var threads: Int?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 0

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}

/// Reads labeled documents into training examples.
enum LabeledExamples {
    static func load(inputs: [String], textKey: String, labelKey: String) throws -> FastTextExamples {
        var examples = FastTextExamples()
        var unlabeled = 0
        let issues = try DocumentLoader.forEach(inputs: inputs, textKey: textKey) { document in
            guard let labels = Self.labels(document.metadata[labelKey]) else { unlabeled += 1; return }
            var text = document.text
            text.withUTF8 { examples.append(text: $0, labels: labels) }
        }
        if let first = issues.first {
            printError("warning: \(issues.count) damaged records skipped; first: \(first)")
        }
        if unlabeled > 0 { printError("warning: \(unlabeled) documents without a usable '\(labelKey)' skipped") }
        guard examples.count > 0 else { throw ConfigError("no labeled documents in the input (label key '\(labelKey)')") }
        return examples
    }

    /// A label value as label strings: a string, a number or a list of them; labels with
    /// whitespace cannot be fastText tokens and make the record unusable.
    static func labels(_ value: JSONValue?) -> [String]? {
        func one(_ value: JSONValue) -> String? {
            let text: String
            switch value {
            case .string(let s): text = s
            case .number(let n): text = n.literal
            case .bool(let b): text = b ? "true" : "false"
            default: return nil
            }
            guard !text.isEmpty, !text.utf8.contains(where: { FastTextDictionary.isSeparator($0) }) else { return nil }
            return text
        }
        switch value {
        case nil, .null?: return nil
        case .array(let items)?:
            let labels = items.compactMap(one)
            return labels.count == items.count && !labels.isEmpty ? labels : nil
        case let scalar?: return one(scalar).map { [$0] }
        }
    }
}

struct ClassifyTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a fastText-compatible classifier on labeled JSONL.",
        discussion: """
            Writes a fastText .bin model that fastText itself, `quarry classify apply` and classifier_v1 read. \
            Shrink it with `quarry classify quantize`. Example: quarry classify train --input labeled.jsonl \
            --label-key domain --output domain.bin --word-ngrams 2 --epoch 25 --lr 0.5
            """)

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Labeled JSONL files, directories or globs.")
    var input: [String] = []
    @Option(name: .long, help: "The key holding the label (top-level or in metadata).") var labelKey = "label"
    @Option(name: .long, help: "The key holding the text.") var textKey = "text"
    @Option(name: .shortAndLong, help: "The model file to write (.bin).") var output: String
    @Option(name: .long, help: "Embedding width.") var dim: Int32 = FastTextArgs().dim
    @Option(name: .long, help: "Longest word n-gram (1 = words only).") var wordNgrams: Int32 = FastTextArgs().wordNgrams
    @Option(name: .long, help: "Shortest character n-gram (0 = none).") var minn: Int32 = FastTextArgs().minn
    @Option(name: .long, help: "Longest character n-gram (0 = none).") var maxn: Int32 = FastTextArgs().maxn
    @Option(name: .long, help: "Hash buckets for n-grams.") var bucket: Int32 = FastTextArgs().bucket
    @Option(name: .long, help: "Words seen fewer times are left out.") var minCount: Int32 = FastTextArgs().minCount
    @Option(name: .long, help: "Labels seen fewer times are left out.") var minCountLabel: Int = 1
    @Option(name: .long, help: "Loss: softmax, ova (one-vs-all, for multi-label) or hs.") var loss = "softmax"
    @Option(name: .long, help: "Tokens between learning-rate updates.") var lrUpdateRate: Int32 = FastTextArgs().lrUpdateRate
    @OptionGroup var training: FastTextTrainingFlags

    func run() throws {
        guard let lossKind = FastTextLoss(name: loss), lossKind != .negativeSampling else {
            throw ConfigError("--loss must be softmax, ova or hs, found '\(loss)'")
        }
        guard output.hasSuffix(".bin") else { throw ConfigError("--output must name a .bin file (quantize it into .ftz afterwards)") }
        var options = FastTextTrainingOptions()
        options.args.dim = dim
        options.args.epoch = training.epoch
        options.args.wordNgrams = wordNgrams
        options.args.minn = minn
        options.args.maxn = maxn
        options.args.bucket = bucket
        options.args.minCount = minCount
        options.args.loss = lossKind
        options.args.lrUpdateRate = lrUpdateRate
        options.lr = training.lr
        options.threads = training.threadCount
        options.seed = training.seed
        options.minCountLabel = minCountLabel
        let clock = ContinuousClock()
        let started = clock.now
        let examples = try LabeledExamples.load(inputs: input, textKey: textKey, labelKey: labelKey)
        let model = try FastTextTrainer.train(examples, options: options, progress: nil)
        try FastTextModelWriter.write(model, to: output)
        let seconds = (clock.now - started).seconds
        print("trained \(output): \(examples.count) examples, \(model.dictionary.nlabels) labels, "
              + "\(model.dictionary.nwords) words, \(model.dictionary.ntokens) tokens, \(String(format: "%.1f", seconds)) s")
    }
}

struct ClassifyQuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize a fastText model into a small .ftz (product quantization, optional pruning).")

    @Option(name: .shortAndLong, help: "The model to quantize (.bin).") var input: String
    @Option(name: .shortAndLong, help: "The .ftz file to write.") var output: String
    @Option(name: .long, help: "Keep only this many input rows (words and n-grams of largest norm); 0 keeps all.") var cutoff = 0
    @Option(name: .long, help: "Values per sub-quantizer.") var dsub = 2
    @Flag(name: .long, help: "Quantize row norms apart (better with cutoff).") var qnorm = false
    @Flag(name: .long, help: "Quantize the output matrix too (needs 256 labels or more).") var qout = false
    @Option(name: .long, parsing: .upToNextOption, help: "Labeled JSONL to retrain on after pruning (fastText's -retrain).")
    var retrain: [String] = []
    @Option(name: .long, help: "The key holding the label, for --retrain.") var labelKey = "label"
    @Option(name: .long, help: "The key holding the text, for --retrain.") var textKey = "text"
    @OptionGroup var training: FastTextTrainingFlags

    func run() throws {
        guard output.hasSuffix(".ftz") else { throw ConfigError("--output must name a .ftz file") }
        guard dsub >= 1 else { throw ConfigError("--dsub must be at least 1") }
        let model = try FastTextModelReader.read(path: input)
        var options = FastTextQuantizeOptions()
        options.cutoff = cutoff
        options.dsub = dsub
        options.qnorm = qnorm
        options.qout = qout
        options.retrain = !retrain.isEmpty
        options.epoch = Int(training.epoch)
        options.lr = training.lr
        options.threads = training.threadCount
        options.seed = training.seed
        let examples = retrain.isEmpty ? nil : try LabeledExamples.load(inputs: retrain, textKey: textKey, labelKey: labelKey)
        let quantized = try FastTextQuantizer.quantize(model, options: options, examples: examples)
        try FastTextModelWriter.write(quantized, to: output)
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print("quantized \(output): \(quantized.input.rows) input rows, \(size) bytes")
    }
}

struct ClassifyTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Measure a classifier on labeled JSONL: precision and recall at k, and per label (fastText's test).")

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Labeled JSONL files, directories or globs.")
    var input: [String] = []
    @Option(name: .long, help: "The model (.bin or .ftz).") var model: String
    @Option(name: .long, help: "The key holding the label.") var labelKey = "label"
    @Option(name: .long, help: "The key holding the text.") var textKey = "text"
    @Option(name: .long, help: "Predictions per document.") var k = 1
    @Option(name: .long, help: "Probability below which a prediction is not made.") var threshold: Float = 0

    func run() throws {
        guard k >= 1 else { throw ConfigError("--k must be at least 1") }
        let loaded = try FastTextModelReader.read(path: model)
        let examples = try LabeledExamples.load(inputs: input, textKey: textKey, labelKey: labelKey)
        let report = FastTextEvaluation.evaluate(model: loaded, examples: examples, k: k, threshold: threshold)
        print(report.text)
    }
}
