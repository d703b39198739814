// Trains a fastText supervised classifier from examples in memory, as `fasttext supervised`
// does (facebookresearch/fastText src/fasttext.cc @1142dc4: `FastText::train`, `startThreads`,
// `trainThread`, `supervised`): the vocabulary from FastTextVocabularyBuilder; the input matrix
// (nwords + bucket rows) uniform in ±1/dim, the output matrix zero; `threads` threads share
// both matrices without locks (Hogwild), thread t starts at example t·count/threads and wraps
// around; every example is read into input rows with FastTextInput, as fastText reads a line;
// the learning rate falls linearly, lr·(1 − tokens done / (epoch · ntokens)), with the shared
// token count advanced every `lrUpdateRate` tokens; one SGD step per example
// (FastTextTrainingKernel). Training stops when epoch · ntokens tokens have been read.
//
// Differences from fastText, on purpose:
// - every input row is initialised (fastText randomises only the first 10% of the matrix with
//   one thread: its blocks of m·n/10 floats are filled only for block < thread); the values come
//   from minstd_rand in fixed blocks of 2^20 floats seeded from (seed, block), so the start is
//   the same for any thread count;
// - examples whose labels were all dropped (minCountLabel) are read but not trained on, as
//   fastText skips lines without labels; tokens starting with `__label__` inside a text are
//   ignored: an example's labels are its label list;
// - with threads == 1 the result is the same bits on every run (no data race to reorder).
import Dispatch
import Synchronization

/// The settings of one training run. `args` holds what the model file stores (dim, epoch,
/// minCount, wordNgrams, loss, bucket, minn, maxn, lrUpdateRate, neg); the rest is not stored.
public struct FastTextTrainingOptions: Sendable, Equatable {
    public var args: FastTextArgs
    /// Starting learning rate (fastText's `-lr`; 0.1 by default, 0.5-1.0 is common).
    public var lr: Double = 0.1
    /// Training threads sharing the matrices (Hogwild). 1 gives reproducible models.
    public var threads: Int = 1
    /// Seeds the input matrix and every thread's generator (thread t uses seed + t).
    public var seed: UInt64 = 0
    /// Labels seen fewer times than this are left out of the model.
    public var minCountLabel: Int = 1

    public init(args: FastTextArgs = FastTextArgs(), lr: Double = 0.1, threads: Int = 1, seed: UInt64 = 0,
                minCountLabel: Int = 1) {
        self.args = args
        self.lr = lr
        self.threads = threads
        self.seed = seed
        self.minCountLabel = minCountLabel
    }

    /// `args` as training uses them: `bucket` is 0 when neither word n-grams nor character
    /// n-grams are asked for (`Args::parseArgs`), so no n-gram rows are allocated.
    public var effectiveArgs: FastTextArgs {
        var args = self.args
        args.model = .supervised
        if args.wordNgrams <= 1 && args.maxn == 0 { args.bucket = 0 }
        return args
    }

    public func validate() throws {
        let a = args
        func fail(_ message: String) -> FastTextTrainingError { FastTextTrainingError(message) }
        if a.model != .supervised { throw fail("only supervised models can be trained") }
        if a.dim < 1 || a.dim > 4096 { throw fail("dim must be 1...4096, found \(a.dim)") }
        if a.epoch < 1 { throw fail("epoch must be 1 or more, found \(a.epoch)") }
        if a.minCount < 1 { throw fail("minCount must be 1 or more, found \(a.minCount)") }
        if minCountLabel < 1 { throw fail("minCountLabel must be 1 or more, found \(minCountLabel)") }
        if a.wordNgrams < 1 { throw fail("wordNgrams must be 1 or more, found \(a.wordNgrams)") }
        if a.bucket < 0 { throw fail("bucket must be 0 or more, found \(a.bucket)") }
        if a.minn < 0 || a.maxn < 0 { throw fail("minn and maxn must be 0 or more") }
        if a.maxn > 0 && a.minn > a.maxn { throw fail("minn (\(a.minn)) is greater than maxn (\(a.maxn))") }
        if a.maxn > 0 && a.minn == 0 { throw fail("minn must be 1 or more when maxn is set") }
        if (a.wordNgrams > 1 || a.maxn > 0) && a.bucket == 0 {
            throw fail("bucket must be 1 or more for word or character n-grams")
        }
        if a.lrUpdateRate < 1 { throw fail("lrUpdateRate must be 1 or more, found \(a.lrUpdateRate)") }
        if a.loss == .negativeSampling && a.neg < 1 { throw fail("neg must be 1 or more, found \(a.neg)") }
        if !(lr > 0 && lr.isFinite) { throw fail("lr must be a positive number, found \(lr)") }
        if threads < 1 || threads > 1024 { throw fail("threads must be 1...1024, found \(threads)") }
    }
}

public enum FastTextTrainer {
    /// Trains a model on `examples`. `progress` receives the fraction done (0...1), from the
    /// first thread, every 1024 examples and once at the end.
    public static func train(_ examples: FastTextExamples, options: FastTextTrainingOptions,
                             progress: (@Sendable (Double) -> Void)? = nil) throws -> FastTextModel {
        try options.validate()
        let args = options.effectiveArgs
        let dictionary = try FastTextVocabularyBuilder.build(examples, args: args, minCountLabel: options.minCountLabel)
        let dim = Int(args.dim)
        let inputRows = dictionary.nwords + Int(args.bucket)
        guard inputRows.multipliedReportingOverflow(by: dim).partialValue < Int(Int32.max) * 4 else {
            throw FastTextTrainingError("input matrix of \(inputRows) × \(dim) floats is too large")
        }
        var input = [Float](repeating: 0, count: inputRows * dim)
        initialise(&input, bound: 1 / Float(dim), seed: options.seed, threads: options.threads)
        var output = [Float](repeating: 0, count: dictionary.nlabels * dim)
        try run(examples, dictionary: dictionary, args: args, lr: options.lr, threads: options.threads, seed: options.seed,
                input: &input, output: &output, progress: progress)
        return FastTextModel(args: args, dictionary: dictionary,
                             input: .dense(DenseMatrix(rows: inputRows, cols: dim, data: input)),
                             output: .dense(DenseMatrix(rows: dictionary.nlabels, cols: dim, data: output)))
    }

    /// Floats per initialisation block; each block has its own generator.
    static let initBlock = 1 << 20

    /// Fills `matrix` with uniform values in ±`bound` (`DenseMatrix::uniform`, every row);
    /// block b of `initBlock` floats draws from minstd_rand seeded with a mix of (seed, b).
    static func initialise(_ matrix: inout [Float], bound: Float, seed: UInt64, threads: Int) {
        let blocks = (matrix.count + initBlock - 1) / initBlock
        guard blocks > 0 else { return }
        let a = Double(bound)
        matrix.withUnsafeMutableBufferPointer { buffer in
            let base = MatrixPointers(input: buffer.baseAddress!, output: buffer.baseAddress!)
            let count = buffer.count
            let fill: @Sendable (Int) -> Void = { block in
                var rng = MinstdRandom(seed: mixSeed(seed, UInt64(block)))
                let start = block * initBlock, end = min(start + initBlock, count)
                for i in start..<end { base.input[i] = Float(rng.uniform(-a, a)) }
            }
            if threads <= 1 || blocks == 1 {
                for block in 0..<blocks { fill(block) }
            } else {
                DispatchQueue.concurrentPerform(iterations: blocks, execute: fill)
            }
        }
    }

    /// SplitMix64's finaliser of seed + block (Steele, Lea & Flood 2014): distinct blocks and
    /// seeds get unrelated generator states.
    static func mixSeed(_ seed: UInt64, _ block: UInt64) -> UInt64 {
        var z = seed &+ (block &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Trains `input` and `output` in place (also used to retrain a pruned model).
    static func run(_ examples: FastTextExamples, dictionary: FastTextDictionary, args: FastTextArgs, lr: Double,
                    threads: Int, seed: UInt64, input: inout [Float], output: inout [Float],
                    progress: (@Sendable (Double) -> Void)?) throws {
        guard !examples.isEmpty else { throw FastTextTrainingError("no training examples") }
        let dim = Int(args.dim)
        let nlabels = dictionary.nlabels
        precondition(output.count == nlabels * dim && input.count % dim == 0)

        // Example label ids → dictionary label ids (−1: dropped by minCountLabel).
        let labelMap: [Int32] = examples.labelNames.map { name in
            let word = FastTextDictionary.labelPrefix + Array(name.utf8)
            let id = word.withUnsafeBufferPointer { dictionary.id(of: $0) }
            return id >= 0 && dictionary.entries[Int(id)].isLabel ? id - Int32(dictionary.nwords) : -1
        }
        let labelCounts = (0..<nlabels).map { dictionary.entries[dictionary.nwords + $0].count }
        let tree = args.loss == .hierarchicalSoftmax ? FastTextHuffmanTree(counts: labelCounts) : nil
        let tables = FastTextLossTables(labelCounts: labelCounts, loss: args.loss, tree: tree, seed: seed)
        defer { tables.deallocate() }

        let total = Int64(args.epoch) * max(dictionary.ntokens, 1)
        let shared = SharedTraining(total: total)
        try input.withUnsafeMutableBufferPointer { inputBuffer in
            try output.withUnsafeMutableBufferPointer { outputBuffer in
                let matrices = MatrixPointers(input: inputBuffer.baseAddress!, output: outputBuffer.baseAddress!)
                let job = TrainingJob(examples: examples, dictionary: dictionary, args: args, lr: lr, threads: threads,
                                      seed: seed, labelMap: labelMap, tables: tables, matrices: matrices,
                                      shared: shared, progress: progress)
                if threads == 1 {
                    job.runThread(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: threads) { job.runThread($0) }
                }
                if shared.diverged.load(ordering: .relaxed) {
                    throw FastTextTrainingError("training diverged (a score became NaN): lower the learning rate")
                }
            }
        }
        progress?(1)
    }
}

/// The matrices' addresses, shared by every thread without locks.
struct MatrixPointers: @unchecked Sendable {
    let input: UnsafeMutablePointer<Float>
    let output: UnsafeMutablePointer<Float>
}

/// The counters threads share: tokens read (advanced every lrUpdateRate tokens) and whether a
/// thread hit NaN.
final class SharedTraining: Sendable {
    let total: Int64
    let tokenCount = Atomic<Int64>(0)
    let diverged = Atomic<Bool>(false)
    init(total: Int64) { self.total = total }
}

/// Everything one training run's threads read.
struct TrainingJob: @unchecked Sendable {
    let examples: FastTextExamples
    let dictionary: FastTextDictionary
    let args: FastTextArgs
    let lr: Double
    let threads: Int
    let seed: UInt64
    let labelMap: [Int32]
    let tables: FastTextLossTables
    let matrices: MatrixPointers
    let shared: SharedTraining
    let progress: (@Sendable (Double) -> Void)?

    /// `FastText::trainThread` for thread `id`.
    func runThread(_ id: Int) {
        let count = examples.count
        var kernel = FastTextTrainingKernel(dim: Int(args.dim), labelCount: dictionary.nlabels, outputRows: dictionary.nlabels,
                                            input: matrices.input, output: matrices.output, loss: args.loss,
                                            negativeCount: Int(args.neg), tables: tables)
        defer { kernel.deallocate() }
        var rng = MinstdRandom(seed: seed &+ UInt64(id))
        var line = FastTextLine()
        var labels: [Int32] = []
        var example = id * count / threads
        var localTokens: Int64 = 0
        let lrUpdateRate = Int64(args.lrUpdateRate)
        let total = shared.total
        var visits = 0
        examples.bytes.withUnsafeBufferPointer { bytes in
            while true {
                let done = shared.tokenCount.load(ordering: .relaxed)
                if done >= total || shared.diverged.load(ordering: .relaxed) { break }
                let progressDone = Float(done) / Float(total)
                if id == 0, let progress, visits & 1023 == 0 { progress(Double(progressDone)) }
                visits &+= 1
                let rate = Float(lr * (1.0 - Double(progressDone)))

                dictionary.read(UnsafeBufferPointer(rebasing: bytes[examples.textRange(example)]), into: &line)
                labels.removeAll(keepingCapacity: true)
                let labelRange = examples.labelRange(example)
                for k in labelRange {
                    let mapped = labelMap[Int(examples.labelIds[k])]
                    if mapped >= 0 { labels.append(mapped) }
                }
                localTokens += Int64(line.wordCount + labelRange.count)
                if !labels.isEmpty && !line.rows.isEmpty {
                    line.rows.withUnsafeBufferPointer { rows in
                        labels.withUnsafeBufferPointer { labels in
                            kernel.update(rows: rows, labels: labels, lr: rate, rng: &rng)
                        }
                    }
                    if kernel.diverged { shared.diverged.store(true, ordering: .relaxed); break }
                }
                if localTokens > lrUpdateRate {
                    shared.tokenCount.add(localTokens, ordering: .relaxed)
                    localTokens = 0
                }
                example += 1
                if example == count { example = 0 }
            }
        }
    }
}
