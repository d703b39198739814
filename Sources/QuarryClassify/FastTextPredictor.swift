// fastText's `predict(text, k, threshold)` for supervised models, giving the same labels in the
// same order and the same float32 probabilities (follows facebookresearch/fastText @1142dc4:
// `FastText::predictLine`, `Model::predict/computeHidden` in src/model.cc, and in src/loss.cc
// `SoftmaxLoss`, `OneVsAllLoss` (via `BinaryLogisticLoss`), `HierarchicalSoftmaxLoss::dfs` and
// `Loss::findKBest`):
// - hidden = float32 sum of the line's input rows in order, times `Float(1.0 / n)`;
// - softmax: exp(out − max) in double stored as float, float sum, divide; one-vs-all: fastText's
//   513-entry lookup-table sigmoid (not the exact sigmoid); hierarchical softmax: depth-first
//   walk of the Huffman tree, pruned below log(threshold + 1e-5) and below the k-th best;
// - scores are `log(p + 1e-5)` (fastText's `std_log`), kept in a libstdc++-ordered heap
//   (FastTextTopK), and reported as `expf(score)`, so probabilities can exceed 1 by 1e-5.
// The kernels read raw buffers chosen once per call: dense rows are summed 16 or 8 floats at a
// time (element-wise, so the bits equal the scalar sum), and a small quantized input matrix is
// decoded once into dense rows (`alpha * centroid` is the very float the C++ adds).
import Foundation

/// One predicted label: `label` indexes the model's labels (0..<nlabels).
public struct FastTextPrediction: Sendable, Equatable {
    public var label: Int32
    public var probability: Float

    public init(label: Int32, probability: Float) {
        self.label = label
        self.probability = probability
    }
}

/// Buffers one thread reuses across predictions.
public struct FastTextScratch {
    var line = FastTextLine()
    var hidden: [Float] = []
    var output: [Float] = []
    var heapScores: [Float] = []
    var heapIds: [Int32] = []

    public init() {}

    mutating func prepare(dim: Int, labels: Int) {
        if hidden.count < dim { hidden = [Float](repeating: 0, count: dim) }
        if output.count < labels { output = [Float](repeating: 0, count: labels) }
        if heapScores.count < labels + 1 {
            heapScores = [Float](repeating: 0, count: labels + 1)
            heapIds = [Int32](repeating: 0, count: labels + 1)
        }
    }
}

public struct FastTextPredictor: Sendable {
    public let model: FastTextModel
    let tree: FastTextHuffmanTree
    let dim: Int
    let nlabels: Int
    /// The input rows as floats: the dense matrix, or the quantized one decoded (when small).
    let inputRows: [Float]
    /// The output matrix's floats (dense) — empty when the output is quantized.
    let outputRows: [Float]
    /// fastText's sigmoid table (`Loss::Loss`): t[i] = 1 / (1 + exp(−(i·16/512 − 8))), 513 entries.
    let sigmoidTable: [Float]

    /// Quantized input matrices up to this many bytes of floats are decoded once at load
    /// (lid.176: 50 000 rows × 16 = 3.2 MB); larger ones are summed from their codes.
    static let decodeLimitBytes = 256 << 20

    public init(model: FastTextModel) {
        self.init(model: model, decodeQuantizedInput: true)
    }

    init(model: FastTextModel, decodeQuantizedInput: Bool) {
        let dictionary = model.dictionary
        let dim = Int(model.args.dim)
        let neededRows = dictionary.nwords + (dictionary.pruneIndex.map { $0.count } ?? Int(model.args.bucket))
        precondition(model.input.cols == dim && model.output.cols == dim, "FastTextPredictor: matrix width is not dim")
        precondition(model.input.rows >= neededRows, "FastTextPredictor: input matrix has too few rows")
        precondition(model.output.rows == dictionary.nlabels, "FastTextPredictor: output rows are not the labels")
        self.model = model
        self.dim = dim
        self.nlabels = dictionary.nlabels
        self.tree = model.args.loss == .hierarchicalSoftmax ? FastTextHuffmanTree(dictionary: dictionary)
                                                            : FastTextHuffmanTree(counts: [])
        switch model.input {
        case .dense(let m):
            inputRows = m.data
        case .quantized(let q):
            inputRows = decodeQuantizedInput && q.rows * q.cols * 4 <= Self.decodeLimitBytes ? Self.decode(q) : []
        }
        if case .dense(let m) = model.output { outputRows = m.data } else { outputRows = [] }
        sigmoidTable = (0...512).map { i in
            let x = Float(i * 16) / 512 - 8
            return Float(1.0 / (1.0 + Double(expf(-x))))
        }
    }

    /// Every row of a quantized matrix as floats: row t, column j = norm(t) · centroid value.
    static func decode(_ q: QuantizedMatrix) -> [Float] {
        var rows = [Float](repeating: 0, count: q.rows * q.cols)
        rows.withUnsafeMutableBufferPointer { out in
            for t in 0..<q.rows {
                FastTextMatrix.quantized(q).addRow(t, to: UnsafeMutableBufferPointer(rebasing: out[(t * q.cols)..<((t + 1) * q.cols)]))
            }
        }
        return rows
    }

    // MARK: Public entry points

    /// fastText's `predict(text, k, threshold)` on one line of text (see FastTextInput.swift).
    /// `k < 0` asks for every label (fastText's −1); `k == 0` gives nothing.
    public func predict(_ text: UnsafeBufferPointer<UInt8>, k: Int, threshold: Float,
                        scratch: inout FastTextScratch) -> [FastTextPrediction] {
        let k = k < 0 ? nlabels : min(k, nlabels)
        guard k > 0 else { return [] }
        let found = rank(text, k: k, threshold: threshold, scratch: &scratch)
        guard found > 0 else { return [] }
        return scratch.heapScores.withUnsafeBufferPointer { scores in
            scratch.heapIds.withUnsafeBufferPointer { ids in
                (0..<found).map { FastTextPrediction(label: ids[$0], probability: expf(scores[$0])) }
            }
        }
    }

    /// The best label alone (k = 1), without allocating; nil when the text gives no input rows
    /// or nothing reaches `threshold`.
    public func predictTop(_ text: UnsafeBufferPointer<UInt8>, threshold: Float = 0,
                           scratch: inout FastTextScratch) -> FastTextPrediction? {
        guard rank(text, k: 1, threshold: threshold, scratch: &scratch) > 0 else { return nil }
        return FastTextPrediction(label: scratch.heapIds[0], probability: expf(scratch.heapScores[0]))
    }

    public func predict(_ text: String, k: Int = 1, threshold: Float = 0) -> [FastTextPrediction] {
        var scratch = FastTextScratch()
        var text = text
        return text.withUTF8 { predict($0, k: k, threshold: threshold, scratch: &scratch) }
    }

    /// The averaged input vector (fastText's `get_sentence_vector` for supervised models);
    /// zeros when the text gives no input rows.
    public func sentenceVector(_ text: UnsafeBufferPointer<UInt8>, scratch: inout FastTextScratch) -> [Float] {
        scratch.prepare(dim: dim, labels: nlabels)
        _ = hidden(text, scratch: &scratch)
        return Array(scratch.hidden[0..<dim])
    }

    public func sentenceVector(_ text: String) -> [Float] {
        var scratch = FastTextScratch()
        var text = text
        return text.withUTF8 { sentenceVector($0, scratch: &scratch) }
    }

    // MARK: Kernels

    /// Reads the line and averages its rows into `scratch.hidden`; false when there are no rows.
    func hidden(_ text: UnsafeBufferPointer<UInt8>, scratch: inout FastTextScratch) -> Bool {
        model.dictionary.read(text, into: &scratch.line)
        let dim = self.dim
        let rowCount = scratch.line.rows.count
        return scratch.hidden.withUnsafeMutableBufferPointer { hidden in
            let h = hidden.baseAddress!
            h.update(repeating: 0, count: dim)
            guard rowCount > 0 else { return false }
            scratch.line.rows.withUnsafeBufferPointer { rows in
                if !inputRows.isEmpty {
                    inputRows.withUnsafeBufferPointer { FastTextKernels.sumRows(rows, $0.baseAddress!, dim: dim, into: h) }
                } else if case .quantized(let q) = model.input {
                    FastTextKernels.sumQuantizedRows(rows, q, into: h)
                }
            }
            let scale = Float(1.0 / Double(rowCount))
            for j in 0..<dim { h[j] *= scale }
            return true
        }
    }

    /// Fills the heap with the k best and sorts it; returns how many were kept.
    func rank(_ text: UnsafeBufferPointer<UInt8>, k: Int, threshold: Float, scratch: inout FastTextScratch) -> Int {
        scratch.prepare(dim: dim, labels: nlabels)
        guard hidden(text, scratch: &scratch) else { return 0 }
        let hiddenBuffer = scratch.hidden
        return hiddenBuffer.withUnsafeBufferPointer { hidden in
            scratch.heapScores.withUnsafeMutableBufferPointer { scores in
                scratch.heapIds.withUnsafeMutableBufferPointer { ids in
                    scratch.output.withUnsafeMutableBufferPointer { output in
                        var heap = FastTextTopK(scores: scores.baseAddress!, ids: ids.baseAddress!)
                        if !outputRows.isEmpty {
                            outputRows.withUnsafeBufferPointer { rows in
                                let dot = DenseRowDot(rows: rows.baseAddress!, dim: dim)
                                score(dot: dot, hidden: hidden.baseAddress!, output: output.baseAddress!,
                                      k: k, threshold: threshold, heap: &heap)
                            }
                        } else if case .quantized(let q) = model.output {
                            q.codes.withUnsafeBufferPointer { codes in
                                q.pq.centroids.withUnsafeBufferPointer { centroids in
                                    let dot = QuantizedRowDot(matrix: q, codes: codes.baseAddress!, centroids: centroids.baseAddress!)
                                    score(dot: dot, hidden: hidden.baseAddress!, output: output.baseAddress!,
                                          k: k, threshold: threshold, heap: &heap)
                                }
                            }
                        }
                        heap.sort()
                        return heap.count
                    }
                }
            }
        }
    }

    @inline(__always)
    func score<Dot: RowDot>(dot: Dot, hidden: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                            k: Int, threshold: Float, heap: inout FastTextTopK) {
        switch model.args.loss {
        case .hierarchicalSoftmax:
            tree.nodes.withUnsafeBufferPointer { nodes in
                var walk = HuffmanWalk(nodes: nodes.baseAddress!, labelCount: nlabels, dot: dot, hidden: hidden, k: k,
                                       logThreshold: FastTextKernels.stdLog(threshold))
                walk.visit(nodes.count - 1, 0, heap: &heap)
            }
        case .softmax:
            for i in 0..<nlabels { output[i] = dot.dot(i, hidden) }
            var maximum = output[0]
            for i in 0..<nlabels { maximum = max(output[i], maximum) }
            var z: Float = 0
            for i in 0..<nlabels {
                output[i] = Float(exp(Double(output[i] - maximum)))
                z += output[i]
            }
            for i in 0..<nlabels { output[i] /= z }
            FastTextKernels.findKBest(output, count: nlabels, k: k, threshold: threshold, heap: &heap)
        case .oneVsAll, .negativeSampling:
            sigmoidTable.withUnsafeBufferPointer { table in
                for i in 0..<nlabels { output[i] = FastTextKernels.tableSigmoid(dot.dot(i, hidden), table.baseAddress!) }
            }
            FastTextKernels.findKBest(output, count: nlabels, k: k, threshold: threshold, heap: &heap)
        }
    }
}

/// The dot product of an output row with the hidden vector, specialised per matrix kind.
protocol RowDot {
    func dot(_ row: Int, _ hidden: UnsafePointer<Float>) -> Float
}

/// `DenseMatrix::dotRow`: float32, column order.
struct DenseRowDot: RowDot {
    let rows: UnsafePointer<Float>
    let dim: Int

    @inline(__always)
    func dot(_ row: Int, _ hidden: UnsafePointer<Float>) -> Float {
        let w = rows + row * dim
        var d: Float = 0
        for j in 0..<dim { d += w[j] * hidden[j] }
        return d
    }
}

/// `ProductQuantizer::mulcode`: float32 over the sub-quantizers in order, then times the norm.
struct QuantizedRowDot: RowDot {
    let matrix: QuantizedMatrix
    let codes: UnsafePointer<UInt8>
    let centroids: UnsafePointer<Float>

    @inline(__always)
    func dot(_ row: Int, _ hidden: UnsafePointer<Float>) -> Float {
        let pq = matrix.pq
        let code = codes + row * pq.nsubq
        var result: Float = 0
        for m in 0..<pq.nsubq {
            let c = centroids + pq.centroidOffset(m, code[m])
            let d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub
            let x = hidden + m * pq.dsub
            for n in 0..<d { result += x[n] * c[n] }
        }
        return result * matrix.norm(row)
    }
}

/// `HierarchicalSoftmaxLoss::dfs`.
struct HuffmanWalk<Dot: RowDot> {
    let nodes: UnsafePointer<FastTextHuffmanTree.Node>
    let labelCount: Int
    let dot: Dot
    let hidden: UnsafePointer<Float>
    let k: Int
    let logThreshold: Float

    mutating func visit(_ node: Int, _ score: Float, heap: inout FastTextTopK) {
        if score < logThreshold { return }
        if heap.count == k && score < heap.front { return }
        let n = nodes[node]
        if n.left == -1 && n.right == -1 {
            heap.add(score, Int32(node), k: k)
            return
        }
        let x = dot.dot(node - labelCount, hidden)
        let f = Float(1.0 / Double(1 + expf(-x)))
        visit(Int(n.left), score + FastTextKernels.stdLog(Float(1.0 - Double(f))), heap: &heap)
        visit(Int(n.right), score + FastTextKernels.stdLog(f), heap: &heap)
    }
}

enum FastTextKernels {
    /// fastText's `std_log`: log(x + 1e-5) in double, stored as float.
    @inline(__always)
    static func stdLog(_ x: Float) -> Float { Float(log(Double(x) + 1e-5)) }

    /// `Loss::sigmoid`: 0 below −8, 1 above 8, else the table entry at ⌊(x + 8)·512/8/2⌋ (float math).
    @inline(__always)
    static func tableSigmoid(_ x: Float, _ table: UnsafePointer<Float>) -> Float {
        if x < -8 { return 0 }
        if x > 8 { return 1 }
        return table[Int((x + 8) * 512 / 8 / 2)]
    }

    /// `Loss::findKBest` over the label probabilities.
    @inline(__always)
    static func findKBest(_ output: UnsafeMutablePointer<Float>, count: Int, k: Int, threshold: Float,
                          heap: inout FastTextTopK) {
        for i in 0..<count {
            let p = output[i]
            if p < threshold { continue }
            let s = stdLog(p)
            if heap.count == k && s < heap.front { continue }
            heap.add(s, Int32(i), k: k)
        }
    }

    /// `h += row` for each row in order, element-wise (same bits as the scalar loop).
    @inline(__always)
    static func sumRows(_ rows: UnsafeBufferPointer<Int32>, _ data: UnsafePointer<Float>, dim: Int,
                        into h: UnsafeMutablePointer<Float>) {
        let raw = UnsafeRawPointer(data)
        if dim == 16 {
            var acc = SIMD16<Float>()
            for r in rows { acc += raw.loadUnaligned(fromByteOffset: Int(r) * 64, as: SIMD16<Float>.self) }
            UnsafeMutableRawPointer(h).storeBytes(of: acc, as: SIMD16<Float>.self)
            return
        }
        if dim == 32 {  // the sums stay in registers; each lane still adds the rows in order
            var a = SIMD16<Float>(), b = SIMD16<Float>()
            for r in rows {
                let base = Int(r) * 128
                a += raw.loadUnaligned(fromByteOffset: base, as: SIMD16<Float>.self)
                b += raw.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<Float>.self)
            }
            UnsafeMutableRawPointer(h).storeBytes(of: a, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(h).storeBytes(of: b, toByteOffset: 64, as: SIMD16<Float>.self)
            return
        }
        if dim == 64 {
            var a = SIMD16<Float>(), b = SIMD16<Float>(), c = SIMD16<Float>(), d = SIMD16<Float>()
            for r in rows {
                let base = Int(r) * 256
                a += raw.loadUnaligned(fromByteOffset: base, as: SIMD16<Float>.self)
                b += raw.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<Float>.self)
                c += raw.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<Float>.self)
                d += raw.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<Float>.self)
            }
            let out = UnsafeMutableRawPointer(h)
            out.storeBytes(of: a, as: SIMD16<Float>.self)
            out.storeBytes(of: b, toByteOffset: 64, as: SIMD16<Float>.self)
            out.storeBytes(of: c, toByteOffset: 128, as: SIMD16<Float>.self)
            out.storeBytes(of: d, toByteOffset: 192, as: SIMD16<Float>.self)
            return
        }
        let wide = dim & ~7
        for r in rows {
            let base = Int(r) * dim
            var j = 0
            while j < wide {
                let v = raw.loadUnaligned(fromByteOffset: (base + j) * 4, as: SIMD8<Float>.self)
                let hv = UnsafeRawPointer(h).loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(h).storeBytes(of: hv + v, toByteOffset: j * 4, as: SIMD8<Float>.self)
                j += 8
            }
            while j < dim { h[j] += data[base + j]; j += 1 }
        }
    }

    /// `QuantMatrix::addRowToVector` for each row: h += norm · centroid, sub-quantizer by sub-quantizer.
    static func sumQuantizedRows(_ rows: UnsafeBufferPointer<Int32>, _ q: QuantizedMatrix,
                                 into h: UnsafeMutablePointer<Float>) {
        let pq = q.pq
        q.codes.withUnsafeBufferPointer { codes in
            pq.centroids.withUnsafeBufferPointer { centroids in
                for r in rows {
                    let row = Int(r)
                    let alpha = q.norm(row)
                    let code = codes.baseAddress! + row * pq.nsubq
                    for m in 0..<pq.nsubq {
                        let c = centroids.baseAddress! + pq.centroidOffset(m, code[m])
                        let d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub
                        let x = h + m * pq.dsub
                        for n in 0..<d { x[n] += alpha * c[n] }
                    }
                }
            }
        }
    }
}
