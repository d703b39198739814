// The two matrices of a fastText model, dense or product-quantized, with the two operations
// prediction needs: add a row to a vector, and the dot product of a row with a vector. Follows
// facebookresearch/fastText @1142dc4: src/densematrix.cc, src/quantmatrix.cc and
// src/productquantizer.cc (256 centroids per sub-quantizer; the last sub-quantizer may be
// narrower, `lastdsub`; with `qnorm` each row is scaled by its quantized norm). Sums run in
// float32 in the same order as the C++, so scores agree to the last bits.

/// A row-major float32 matrix.
public struct DenseMatrix: Sendable, Equatable {
    public var rows: Int
    public var cols: Int
    public var data: [Float]

    public init(rows: Int, cols: Int, data: [Float]) {
        precondition(data.count == rows * cols, "DenseMatrix: \(data.count) values for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, data: [Float](repeating: 0, count: rows * cols))
    }
}

/// Product quantizer: `nsubq` sub-vectors of `dsub` values (the last one `lastdsub`), each coded
/// by one byte naming one of 256 centroids.
public struct ProductQuantizer: Sendable, Equatable {
    public static let centroidCount = 256
    public var dim: Int
    public var nsubq: Int
    public var dsub: Int
    public var lastdsub: Int
    /// `dim × 256` floats; see `centroidOffset`.
    public var centroids: [Float]

    public init(dim: Int, nsubq: Int, dsub: Int, lastdsub: Int, centroids: [Float]) {
        self.dim = dim
        self.nsubq = nsubq
        self.dsub = dsub
        self.lastdsub = lastdsub
        self.centroids = centroids
    }

    /// Where centroid `code` of sub-quantizer `m` starts (`ProductQuantizer::get_centroids`).
    @inline(__always)
    public func centroidOffset(_ m: Int, _ code: UInt8) -> Int {
        m == nsubq - 1
            ? m * Self.centroidCount * dsub + Int(code) * lastdsub
            : (m * Self.centroidCount + Int(code)) * dsub
    }
}

/// A product-quantized matrix (`QuantMatrix`).
public struct QuantizedMatrix: Sendable, Equatable {
    public var rows: Int
    public var cols: Int
    /// Whether rows were normalised before quantizing; their norms are then coded apart.
    public var qnorm: Bool
    /// `rows × nsubq` codes.
    public var codes: [UInt8]
    public var pq: ProductQuantizer
    /// One code per row into `normQuantizer` (qnorm only).
    public var normCodes: [UInt8]
    public var normQuantizer: ProductQuantizer?

    public init(rows: Int, cols: Int, qnorm: Bool, codes: [UInt8], pq: ProductQuantizer,
                normCodes: [UInt8], normQuantizer: ProductQuantizer?) {
        self.rows = rows
        self.cols = cols
        self.qnorm = qnorm
        self.codes = codes
        self.pq = pq
        self.normCodes = normCodes
        self.normQuantizer = normQuantizer
    }

    @inline(__always)
    func norm(_ row: Int) -> Float {
        guard qnorm, let normQuantizer else { return 1 }
        return normQuantizer.centroids[normQuantizer.centroidOffset(0, normCodes[row])]
    }
}

/// Either kind of matrix a model file holds.
public enum FastTextMatrix: Sendable, Equatable {
    case dense(DenseMatrix)
    case quantized(QuantizedMatrix)

    public var rows: Int {
        switch self {
        case .dense(let m): return m.rows
        case .quantized(let m): return m.rows
        }
    }

    public var cols: Int {
        switch self {
        case .dense(let m): return m.cols
        case .quantized(let m): return m.cols
        }
    }

    public var isQuantized: Bool {
        if case .quantized = self { return true }
        return false
    }

    /// `vector += row` (`addRowToVector`; quantized rows are scaled by their norm).
    @inline(__always)
    public func addRow(_ row: Int, to vector: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .dense(let m):
            m.data.withUnsafeBufferPointer { data in
                let base = row * m.cols
                for j in 0..<m.cols { vector[j] += data[base + j] }
            }
        case .quantized(let m):
            let alpha = m.norm(row)
            let pq = m.pq
            m.codes.withUnsafeBufferPointer { codes in
                pq.centroids.withUnsafeBufferPointer { centroids in
                    var d = pq.dsub
                    for sub in 0..<pq.nsubq {
                        let c = pq.centroidOffset(sub, codes[row * pq.nsubq + sub])
                        if sub == pq.nsubq - 1 { d = pq.lastdsub }
                        for n in 0..<d { vector[sub * pq.dsub + n] += alpha * centroids[c + n] }
                    }
                }
            }
        }
    }

    /// The dot product of `row` with `vector` (`dotRow`), summed in float32 in column order.
    @inline(__always)
    public func dotRow(_ row: Int, _ vector: UnsafeBufferPointer<Float>) -> Float {
        switch self {
        case .dense(let m):
            return m.data.withUnsafeBufferPointer { data in
                var d: Float = 0
                let base = row * m.cols
                for j in 0..<m.cols { d += data[base + j] * vector[j] }
                return d
            }
        case .quantized(let m):
            let alpha = m.norm(row)
            let pq = m.pq
            return m.codes.withUnsafeBufferPointer { codes in
                pq.centroids.withUnsafeBufferPointer { centroids in
                    var result: Float = 0
                    var d = pq.dsub
                    for sub in 0..<pq.nsubq {
                        let c = pq.centroidOffset(sub, codes[row * pq.nsubq + sub])
                        if sub == pq.nsubq - 1 { d = pq.lastdsub }
                        for n in 0..<d { result += vector[sub * pq.dsub + n] * centroids[c + n] }
                    }
                    return result * alpha
                }
            }
        }
    }
}
