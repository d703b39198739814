// One supervised SGD step of fastText, on raw float pointers: average the example's input rows
// into the hidden vector, score the labels, move the output rows and accumulate the hidden
// gradient, then add the gradient (divided by the number of rows) to every input row. Follows
// facebookresearch/fastText @1142dc4: `Model::update` and `computeHidden` (src/model.cc),
// `SoftmaxLoss::forward`, `OneVsAllLoss::forward`, `NegativeSamplingLoss::forward`,
// `HierarchicalSoftmaxLoss::forward` and `BinaryLogisticLoss::binaryLogistic` (src/loss.cc).
// Softmax uses the exact exponential; the binary losses use fastText's 512-step sigmoid table
// on [−8, 8]. The matrices are shared by all threads without locks (Hogwild, Recht et al.
// 2011), as fastText shares them. Dot products sum in four float lanes (not fastText's single
// running sum), which is faster and still the same bits on every run.
import Foundation

/// fastText's sigmoid lookup table (`Loss::Loss`): 513 values of 1/(1+e^−x), x = −8 … 8.
enum FastTextSigmoid {
    static let limit: Float = 8
    static let tableSize = 512
    static let table: [Float] = (0...tableSize).map { i in
        let x = Float(i * 2) * limit / Float(tableSize) - limit
        return Float(1.0 / (1.0 + Double(expf(-x))))
    }

    @inline(__always)
    static func value(_ x: Float, _ table: UnsafePointer<Float>) -> Float {
        if x < -limit { return 0 }
        if x > limit { return 1 }
        return table[Int((x + limit) * Float(tableSize) / limit / 2)]
    }
}

/// The per-thread buffers and the shared matrices one training thread works on.
struct FastTextTrainingKernel {
    let dim: Int
    let labelCount: Int
    let input: UnsafeMutablePointer<Float>
    let output: UnsafeMutablePointer<Float>
    let loss: FastTextLoss
    let sigmoid: UnsafePointer<Float>
    /// Negative sampling: label ids drawn in proportion to √count (`NegativeSamplingLoss`).
    let negatives: UnsafeBufferPointer<Int32>
    let negativeCount: Int
    /// Hierarchical softmax: label i's path is `paths[pathStarts[i] ..< pathStarts[i + 1]]`
    /// (output rows of the tree's inner nodes, leaf to root) with `codes` (true = right child).
    let pathStarts: UnsafeBufferPointer<Int32>
    let paths: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<Bool>

    let hidden: UnsafeMutablePointer<Float>
    let grad: UnsafeMutablePointer<Float>
    let scores: UnsafeMutablePointer<Float>

    /// Set when a score became NaN (the learning rate is too high); fastText stops training.
    private(set) var diverged = false

    init(dim: Int, labelCount: Int, outputRows: Int, input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
         loss: FastTextLoss, negativeCount: Int, tables: FastTextLossTables) {
        self.dim = dim
        self.labelCount = labelCount
        self.input = input
        self.output = output
        self.loss = loss
        self.negativeCount = negativeCount
        self.sigmoid = tables.sigmoid
        self.negatives = tables.negatives
        self.pathStarts = tables.pathStarts
        self.paths = tables.paths
        self.codes = tables.codes
        hidden = .allocate(capacity: dim)
        grad = .allocate(capacity: dim)
        scores = .allocate(capacity: max(outputRows, 1))
    }

    func deallocate() {
        hidden.deallocate()
        grad.deallocate()
        scores.deallocate()
    }

    /// `Model::update` for one example. `labels` are the example's label ids (non-empty);
    /// `rows` its input rows (non-empty).
    @inline(__always)
    mutating func update(rows: UnsafeBufferPointer<Int32>, labels: UnsafeBufferPointer<Int32>, lr: Float,
                         rng: inout MinstdRandom) {
        let dim = self.dim
        hidden.update(repeating: 0, count: dim)
        for row in rows { Self.add(input + Int(row) * dim, to: hidden, dim) }
        Self.scale(hidden, Float(1.0 / Double(rows.count)), dim)
        grad.update(repeating: 0, count: dim)

        switch loss {
        case .softmax:
            let target = Int(labels[rng.uniformInt(upTo: labels.count - 1)])
            softmaxStep(target: target, lr: lr)
        case .oneVsAll:
            for i in 0..<labelCount {
                binaryLogistic(row: i, positive: labels.contains(Int32(i)), lr: lr)
            }
        case .negativeSampling:
            let target = labels[rng.uniformInt(upTo: labels.count - 1)]
            binaryLogistic(row: Int(target), positive: true, lr: lr)
            if labelCount > 1 && !negatives.isEmpty {
                for _ in 0..<negativeCount {
                    var negative: Int32
                    repeat { negative = negatives[rng.uniformInt(upTo: negatives.count - 1)] } while negative == target
                    binaryLogistic(row: Int(negative), positive: false, lr: lr)
                }
            }
        case .hierarchicalSoftmax:
            let target = Int(labels[rng.uniformInt(upTo: labels.count - 1)])
            for k in Int(pathStarts[target]) ..< Int(pathStarts[target + 1]) {
                binaryLogistic(row: Int(paths[k]), positive: codes[k], lr: lr)
            }
        }

        Self.scale(grad, Float(1.0 / Double(rows.count)), dim)
        for row in rows { Self.add(grad, to: input + Int(row) * dim, dim) }
    }

    /// `SoftmaxLoss::forward` with backprop.
    @inline(__always)
    private mutating func softmaxStep(target: Int, lr: Float) {
        let dim = self.dim
        for i in 0..<labelCount { scores[i] = Self.dot(output + i * dim, hidden, dim) }
        var maximum = scores[0]
        for i in 1..<max(labelCount, 1) where scores[i] > maximum { maximum = scores[i] }
        var z: Float = 0
        for i in 0..<labelCount {
            scores[i] = Float(exp(Double(scores[i] - maximum)))
            z += scores[i]
        }
        if z.isNaN { diverged = true; return }
        for i in 0..<labelCount { scores[i] /= z }
        for i in 0..<labelCount {
            let alpha = lr * ((i == target ? 1 : 0) - scores[i])
            let row = output + i * dim
            Self.add(row, scaledBy: alpha, to: grad, dim)
            Self.add(UnsafePointer(hidden), scaledBy: alpha, to: row, dim)
        }
    }

    /// `BinaryLogisticLoss::binaryLogistic` with backprop, on output row `row`.
    @inline(__always)
    private mutating func binaryLogistic(row: Int, positive: Bool, lr: Float) {
        let w = output + row * dim
        let d = Self.dot(w, hidden, dim)
        if d.isNaN { diverged = true; return }
        let score = FastTextSigmoid.value(d, sigmoid)
        let alpha = lr * ((positive ? 1 : 0) - score)
        Self.add(w, scaledBy: alpha, to: grad, dim)
        Self.add(UnsafePointer(hidden), scaledBy: alpha, to: w, dim)
    }

    // MARK: vector kernels

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var j = 0
        while j + 4 <= n {
            s0 += a[j] * b[j]; s1 += a[j + 1] * b[j + 1]
            s2 += a[j + 2] * b[j + 2]; s3 += a[j + 3] * b[j + 3]
            j += 4
        }
        var s = (s0 + s1) + (s2 + s3)
        while j < n { s += a[j] * b[j]; j += 1 }
        return s
    }

    @inline(__always)
    static func dot(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
        dot(UnsafePointer(a), UnsafePointer(b), n)
    }

    /// y += x
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, _ n: Int) {
        for j in 0..<n { y[j] += x[j] }
    }

    @inline(__always)
    static func add(_ x: UnsafeMutablePointer<Float>, to y: UnsafeMutablePointer<Float>, _ n: Int) {
        add(UnsafePointer(x), to: y, n)
    }

    /// y += a·x
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, scaledBy a: Float, to y: UnsafeMutablePointer<Float>, _ n: Int) {
        for j in 0..<n { y[j] += a * x[j] }
    }

    @inline(__always)
    static func add(_ x: UnsafeMutablePointer<Float>, scaledBy a: Float, to y: UnsafeMutablePointer<Float>, _ n: Int) {
        add(UnsafePointer(x), scaledBy: a, to: y, n)
    }

    @inline(__always)
    static func scale(_ x: UnsafeMutablePointer<Float>, _ a: Float, _ n: Int) {
        for j in 0..<n { x[j] *= a }
    }
}

/// Read-only tables every training thread shares: the sigmoid, the negative-sampling table and
/// the hierarchical-softmax paths. Owns its memory until `deallocate()`.
struct FastTextLossTables: @unchecked Sendable {
    let sigmoid: UnsafePointer<Float>
    let negatives: UnsafeBufferPointer<Int32>
    let pathStarts: UnsafeBufferPointer<Int32>
    let paths: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<Bool>

    /// Negative-sampling table size; fastText uses 10 M entries, a few labels need far fewer.
    static let negativeTableSize = 1_000_000

    init(labelCounts: [Int64], loss: FastTextLoss, tree: FastTextHuffmanTree?, seed: UInt64) {
        sigmoid = UnsafePointer(Self.copy(FastTextSigmoid.table).baseAddress!)
        var negatives: [Int32] = []
        if loss == .negativeSampling {
            // `NegativeSamplingLoss::NegativeSamplingLoss`: each label ⌈√count / Σ√count · size⌉ times, shuffled.
            let roots = labelCounts.map { Double($0).squareRoot() }
            let z = roots.reduce(0, +)
            for (i, root) in roots.enumerated() where z > 0 {
                let copies = Int((root * Double(Self.negativeTableSize) / z).rounded(.up))
                negatives.append(contentsOf: repeatElement(Int32(i), count: copies))
            }
            var rng = MinstdRandom(seed: seed)
            rng.shuffle(&negatives)
        }
        self.negatives = UnsafeBufferPointer(Self.copy(negatives))
        pathStarts = UnsafeBufferPointer(Self.copy(tree?.pathStarts ?? [0]))
        paths = UnsafeBufferPointer(Self.copy(tree?.pathNodes ?? []))
        codes = UnsafeBufferPointer(Self.copy(tree?.pathCodes ?? []))
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<values.count])
    }

    func deallocate() {
        UnsafeMutablePointer(mutating: sigmoid).deallocate()
        for base in [negatives.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) },
                     pathStarts.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) },
                     paths.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) },
                     codes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }] {
            base?.deallocate()
        }
    }
}
