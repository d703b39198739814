// Trains a product quantizer and codes a matrix with it, as fastText's `quantize` does
// (facebookresearch/fastText src/productquantizer.cc @1142dc4, after Jégou, Douze & Schmid 2011
// "Product quantization for nearest neighbor search"): the columns are cut into sub-vectors of
// `dsub` values (the last one `lastdsub` = dim mod dsub when that is not 0); each sub-quantizer
// is a k-means with 256 centroids run for 25 iterations on at most 256·256 rows drawn at
// random, its centroids started from distinct random rows; an emptied cluster takes half of a
// populated one (fastText's `MStep`, split by ±1e-7); every row is then coded by its nearest
// centroid (squared L2, the first one on ties). The generator is minstd_rand seeded with 1234
// as in fastText, but the shuffles are Quarry's own (Fisher–Yates), so the centroids are not
// fastText's bit for bit; they are the same on every run.
//
// Unlike fastText, which refuses a matrix of fewer than 256 rows ("Matrix too small for
// quantization"), such a matrix is coded exactly: its rows are the centroids.
import Dispatch

enum ProductQuantizerTraining {
    static let centroids = ProductQuantizer.centroidCount
    /// k-means iterations (`niter_`).
    static let iterations = 25
    /// Rows sampled per centroid for training (`max_points_per_cluster_`).
    static let maxPointsPerCluster = 256
    /// fastText's `seed_`.
    static let seed: UInt64 = 1234
    /// How far apart the two halves of a split cluster start (`eps_`).
    static let eps: Float = 1e-7

    /// The sub-quantizer layout of `dim` columns in sub-vectors of `dsub`.
    static func layout(dim: Int, dsub: Int) -> (nsubq: Int, lastdsub: Int) {
        let rest = dim % dsub
        return rest == 0 ? (dim / dsub, dsub) : (dim / dsub + 1, rest)
    }

    /// `ProductQuantizer::train` on `rows` × `dim` floats (row-major).
    static func train(_ x: UnsafeBufferPointer<Float>, rows n: Int, dim: Int, dsub: Int, threads: Int) -> ProductQuantizer {
        let (nsubq, lastdsub) = layout(dim: dim, dsub: dsub)
        var pq = ProductQuantizer(dim: dim, nsubq: nsubq, dsub: dsub, lastdsub: lastdsub,
                                  centroids: [Float](repeating: 0, count: dim * centroids))
        var rng = MinstdRandom(seed: seed)
        var perm = Array(0..<n)
        let np = min(n, maxPointsPerCluster * centroids)
        var slice = [Float](repeating: 0, count: np * dsub)
        for m in 0..<nsubq {
            let d = m == nsubq - 1 ? lastdsub : dsub
            if np != n { rng.shuffle(&perm) }
            for j in 0..<np {
                for k in 0..<d { slice[j * d + k] = x[perm[j] * dim + m * dsub + k] }
            }
            let offset = pq.centroidOffset(m, 0)
            pq.centroids.withUnsafeMutableBufferPointer { c in
                slice.withUnsafeBufferPointer { s in
                    kmeans(UnsafeBufferPointer(rebasing: s[0..<(np * d)]), centroids: c.baseAddress! + offset,
                           n: np, d: d, rng: &rng, threads: threads)
                }
            }
        }
        return pq
    }

    /// `ProductQuantizer::kmeans`: `n` points of `d` floats → 256 centroids at `c`.
    static func kmeans(_ x: UnsafeBufferPointer<Float>, centroids c: UnsafeMutablePointer<Float>, n: Int, d: Int,
                       rng: inout MinstdRandom, threads: Int) {
        let k = centroids
        if n < k {
            // Too few points to cluster: each point is its own centroid, the rest repeat point 0.
            for i in 0..<k {
                let source = i < n ? i : 0
                for j in 0..<d { c[i * d + j] = n == 0 ? 0 : x[source * d + j] }
            }
            return
        }
        var perm = Array(0..<n)
        rng.shuffle(&perm)
        for i in 0..<k { for j in 0..<d { c[i * d + j] = x[perm[i] * d + j] } }
        var codes = [UInt8](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: k)
        for _ in 0..<iterations {
            codes.withUnsafeMutableBufferPointer { codes in
                assign(x.baseAddress!, n: n, stride: d, d: d, centroids: UnsafePointer(c), codes: codes.baseAddress!,
                       codeStride: 1, threads: threads)
            }
            // M step: centroids = means of their points.
            c.update(repeating: 0, count: k * d)
            for i in 0..<k { counts[i] = 0 }
            for i in 0..<n {
                let code = Int(codes[i])
                for j in 0..<d { c[code * d + j] += x[i * d + j] }
                counts[code] += 1
            }
            for i in 0..<k where counts[i] != 0 {
                let z = Float(counts[i])
                for j in 0..<d { c[i * d + j] /= z }
            }
            // An empty cluster takes half of a populated one, chosen with probability growing
            // with its size, both nudged apart by ±eps.
            for i in 0..<k where counts[i] == 0 {
                var m = 0
                while rng.canonical() * Double(n - k) >= Double(counts[m] - 1) { m = (m + 1) % k }
                for j in 0..<d { c[i * d + j] = c[m * d + j] }
                for j in 0..<d {
                    let sign: Float = j % 2 == 1 ? 1 : -1
                    c[i * d + j] += sign * eps
                    c[m * d + j] -= sign * eps
                }
                counts[i] = counts[m] / 2
                counts[m] -= counts[i]
            }
        }
    }

    /// Codes `n` sub-vectors of `d` floats (sub-vector i at `x + i * stride`) by their nearest
    /// of the 256 centroids at `centroids`; code i goes to `codes[i * codeStride]`.
    static func assign(_ x: UnsafePointer<Float>, n: Int, stride: Int, d: Int, centroids: UnsafePointer<Float>,
                       codes: UnsafeMutablePointer<UInt8>, codeStride: Int, threads: Int) {
        let chunk = 4096
        let chunks = (n + chunk - 1) / chunk
        let pointers = AssignPointers(x: x, centroids: centroids, codes: codes)
        let work: @Sendable (Int) -> Void = { part in
            let k = ProductQuantizerTraining.centroids
            for i in (part * chunk) ..< min(n, (part + 1) * chunk) {
                let v = pointers.x + i * stride
                var best = 0
                var bestDistance = Float.infinity
                for c in 0..<k {
                    let centroid = pointers.centroids + c * d
                    var distance: Float = 0
                    for j in 0..<d {
                        let diff = v[j] - centroid[j]
                        distance += diff * diff
                    }
                    if distance < bestDistance { bestDistance = distance; best = c }
                }
                pointers.codes[i * codeStride] = UInt8(best)
            }
        }
        if threads <= 1 || chunks <= 1 {
            for part in 0..<chunks { work(part) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
        }
    }

    /// `ProductQuantizer::compute_codes`: `n` rows of `pq.dim` floats → n · nsubq codes.
    static func encode(_ x: UnsafeBufferPointer<Float>, rows n: Int, pq: ProductQuantizer, threads: Int) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: n * pq.nsubq)
        guard n > 0 else { return codes }
        codes.withUnsafeMutableBufferPointer { codes in
            pq.centroids.withUnsafeBufferPointer { centroids in
                for m in 0..<pq.nsubq {
                    let d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub
                    assign(x.baseAddress! + m * pq.dsub, n: n, stride: pq.dim, d: d,
                           centroids: centroids.baseAddress! + pq.centroidOffset(m, 0),
                           codes: codes.baseAddress! + m, codeStride: pq.nsubq, threads: threads)
                }
            }
        }
        return codes
    }
}

/// Raw addresses the coding threads share; each thread writes its own codes.
private struct AssignPointers: @unchecked Sendable {
    let x: UnsafePointer<Float>
    let centroids: UnsafePointer<Float>
    let codes: UnsafeMutablePointer<UInt8>
}
