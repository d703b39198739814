// Shrinks a trained supervised model into a `.ftz` the way `fasttext quantize` does
// (facebookresearch/fastText src/fasttext.cc @1142dc4: `FastText::quantize`,
// `selectEmbeddings`; src/dictionary.cc `Dictionary::prune`; src/quantmatrix.cc): with a cutoff,
// only the `cutoff` input rows of largest L2 norm are kept (`</s>` always, first); dropped words
// leave the vocabulary (they are read as unknown words, through their character n-grams), kept
// n-gram buckets are listed in the dictionary's prune index with their new row offsets, and the
// model may be retrained on the kept rows (input and output matrices continue from where they
// are). Then the input matrix is product-quantized (ProductQuantizerTraining) with sub-vectors
// of `dsub` columns; with `qnorm` the rows are first divided by their L2 norm and the norms are
// quantized apart by a one-column quantizer; with `qout` the output matrix is quantized too
// (dsub 2). The model file stores the retraining epoch as its `epoch`, as fastText's does.
//
// Differences from fastText: rows with equal norms are ordered by row index (fastText's
// `std::sort` leaves them unspecified); the k-means draws are Quarry's own (see
// ProductQuantizerTraining); matrices of fewer than 256 rows are coded exactly, not refused.

/// Settings of `FastTextQuantizer.quantize` (fastText's `quantize` arguments).
public struct FastTextQuantizeOptions: Sendable, Equatable {
    /// Input rows kept (words and n-grams with the largest norms); 0 keeps all.
    public var cutoff: Int = 0
    /// Columns per sub-quantizer of the input matrix (fastText's `-dsub`, default 2).
    public var dsub: Int = 2
    /// Quantize row norms apart from row directions.
    public var qnorm: Bool = false
    /// Quantize the output matrix too (useful only with many labels).
    public var qout: Bool = false
    /// Retrain after the cutoff (needs the training examples); ignored without a cutoff.
    public var retrain: Bool = false
    /// Retraining's epochs, learning rate, threads and seed.
    public var epoch: Int = 5
    public var lr: Double = 0.1
    public var threads: Int = 1
    public var seed: UInt64 = 0

    public init(cutoff: Int = 0, dsub: Int = 2, qnorm: Bool = false, qout: Bool = false, retrain: Bool = false,
                epoch: Int = 5, lr: Double = 0.1, threads: Int = 1, seed: UInt64 = 0) {
        self.cutoff = cutoff
        self.dsub = dsub
        self.qnorm = qnorm
        self.qout = qout
        self.retrain = retrain
        self.epoch = epoch
        self.lr = lr
        self.threads = threads
        self.seed = seed
    }
}

public enum FastTextQuantizer {
    /// The quantized model. `examples` are needed only to retrain.
    public static func quantize(_ model: FastTextModel, options: FastTextQuantizeOptions,
                                examples: FastTextExamples? = nil,
                                progress: (@Sendable (Double) -> Void)? = nil) throws -> FastTextModel {
        guard model.args.model == .supervised else { throw FastTextTrainingError("only supervised models can be quantized") }
        guard case .dense(let dense) = model.input else { throw FastTextTrainingError("the model is already quantized") }
        guard case .dense(let denseOutput) = model.output else { throw FastTextTrainingError("the output matrix is already quantized") }
        guard options.dsub >= 1 && options.dsub <= dense.cols else {
            throw FastTextTrainingError("dsub must be 1...\(dense.cols), found \(options.dsub)")
        }
        guard options.cutoff >= 0 else { throw FastTextTrainingError("cutoff must be 0 or more, found \(options.cutoff)") }
        let threads = max(options.threads, 1)
        var args = model.args
        var dictionary = model.dictionary
        var input = dense.data
        var rows = dense.rows
        var output = denseOutput.data

        if options.cutoff > 0 && options.cutoff < dense.rows {
            let kept = selectRows(dense, dictionary: dictionary, cutoff: options.cutoff)
            let pruned = prune(dictionary, keeping: kept, args: args)
            dictionary = pruned.dictionary
            rows = pruned.rows.count
            var selected = [Float](repeating: 0, count: rows * dense.cols)
            for (i, old) in pruned.rows.enumerated() {
                for j in 0..<dense.cols { selected[i * dense.cols + j] = dense.data[old * dense.cols + j] }
            }
            input = selected
            if options.retrain {
                guard let examples, !examples.isEmpty else {
                    throw FastTextTrainingError("retraining after the cutoff needs the training examples")
                }
                guard options.epoch >= 1 else { throw FastTextTrainingError("epoch must be 1 or more, found \(options.epoch)") }
                guard options.lr > 0 && options.lr.isFinite else { throw FastTextTrainingError("lr must be a positive number") }
                args.epoch = Int32(options.epoch)
                try FastTextTrainer.run(examples, dictionary: dictionary, args: args, lr: options.lr, threads: threads,
                                        seed: options.seed, input: &input, output: &output, progress: progress)
            }
        }

        let quantizedInput = input.withUnsafeBufferPointer {
            quantizeMatrix($0, rows: rows, cols: dense.cols, dsub: options.dsub, qnorm: options.qnorm, threads: threads)
        }
        let outputMatrix: FastTextMatrix
        if options.qout {
            outputMatrix = .quantized(output.withUnsafeBufferPointer {
                quantizeMatrix($0, rows: denseOutput.rows, cols: denseOutput.cols, dsub: 2, qnorm: options.qnorm, threads: threads)
            })
        } else {
            outputMatrix = .dense(DenseMatrix(rows: denseOutput.rows, cols: denseOutput.cols, data: output))
        }
        return FastTextModel(version: model.version, args: args, dictionary: dictionary,
                             input: .quantized(quantizedInput), output: outputMatrix)
    }

    /// `FastText::selectEmbeddings`: the `cutoff` rows of largest L2 norm, `</s>` first.
    static func selectRows(_ input: DenseMatrix, dictionary: FastTextDictionary, cutoff: Int) -> [Int] {
        let norms = rowNorms(input)
        let eos = FastTextDictionary.endOfLine.withUnsafeBufferPointer { Int(dictionary.id(of: $0)) }
        var order = Array(0..<input.rows)
        order.sort { a, b in
            if a == eos || b == eos { return a == eos && b != eos }
            return norms[a] != norms[b] ? norms[a] > norms[b] : a < b
        }
        return Array(order.prefix(cutoff))
    }

    /// L2 norm of each row, summed in double (`DenseMatrix::l2NormRow`).
    static func rowNorms(_ m: DenseMatrix) -> [Float] {
        m.data.withUnsafeBufferPointer { data in
            (0..<m.rows).map { i in
                var sum = 0.0
                for j in 0..<m.cols { let v = Double(data[i * m.cols + j]); sum += v * v }
                return Float(sum.squareRoot())
            }
        }
    }

    /// `Dictionary::prune`: keeps the words among `kept` (in vocabulary order) and all labels;
    /// kept n-gram rows get offsets 0, 1, … in `kept` order. Returns the new dictionary and the
    /// old input row of each new row (words first, then n-grams).
    static func prune(_ dictionary: FastTextDictionary, keeping kept: [Int], args: FastTextArgs)
        -> (dictionary: FastTextDictionary, rows: [Int]) {
        let nwords = dictionary.nwords
        var bucketOfRow: [Int: Int32] = [:]
        if let old = dictionary.pruneIndex {
            for (bucket, offset) in old { bucketOfRow[nwords + Int(offset)] = bucket }
        }
        let words = kept.filter { $0 < nwords }.sorted()
        let ngrams = kept.filter { $0 >= nwords }
        var pruneIndex: [Int32: Int32] = [:]
        for (j, row) in ngrams.enumerated() {
            let bucket = dictionary.pruneIndex == nil ? Int32(row - nwords) : bucketOfRow[row] ?? Int32(row - nwords)
            pruneIndex[bucket] = Int32(j)
        }
        var entries = words.map { dictionary.entries[$0] }
        entries.append(contentsOf: dictionary.entries[nwords...])
        let pruned = FastTextDictionary(entries: entries, ntokens: dictionary.ntokens, pruneIndex: pruneIndex, args: args)
        return (pruned, words + ngrams)
    }

    /// `QuantMatrix(DenseMatrix, dsub, qnorm)`.
    static func quantizeMatrix(_ data: UnsafeBufferPointer<Float>, rows: Int, cols: Int, dsub: Int, qnorm: Bool,
                               threads: Int) -> QuantizedMatrix {
        var normCodes: [UInt8] = []
        var normQuantizer: ProductQuantizer?
        var values = Array(data)
        if qnorm {
            let norms = rowNorms(DenseMatrix(rows: rows, cols: cols, data: values))
            for i in 0..<rows where norms[i] != 0 {
                for j in 0..<cols { values[i * cols + j] /= norms[i] }
            }
            norms.withUnsafeBufferPointer { norms in
                let npq = ProductQuantizerTraining.train(norms, rows: rows, dim: 1, dsub: 1, threads: threads)
                normCodes = ProductQuantizerTraining.encode(norms, rows: rows, pq: npq, threads: threads)
                normQuantizer = npq
            }
        }
        let (pq, codes) = values.withUnsafeBufferPointer { values in
            let pq = ProductQuantizerTraining.train(values, rows: rows, dim: cols, dsub: dsub, threads: threads)
            return (pq, ProductQuantizerTraining.encode(values, rows: rows, pq: pq, threads: threads))
        }
        return QuantizedMatrix(rows: rows, cols: cols, qnorm: qnorm, codes: codes, pq: pq,
                               normCodes: normCodes, normQuantizer: normQuantizer)
    }
}
