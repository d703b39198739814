// Disjoint sets over documents numbered 0..<n (Tarjan's union-find: union by size, path
// halving, so a sequence of m operations costs O(m α(n))). Phase 3 of dedup unites the
// candidate pairs of every band into clusters. Memory: two UInt32 arrays, 8 bytes per document
// (5 million documents: 40 MB), so document numbers stop at UInt32.max.

/// Clusters of documents 0..<count.
struct UnionFind {
    private var parent: [UInt32]
    private var sizes: [UInt32]

    /// Bytes per document this structure holds.
    static let bytesPerDocument = 8

    init(count: Int) {
        precondition(count < Int(UInt32.max), "too many documents for 32-bit numbers: \(count)")
        parent = (0..<count).map { UInt32($0) }
        sizes = [UInt32](repeating: 1, count: count)
    }

    var count: Int { parent.count }

    /// The representative of `x`'s set (halving the path on the way).
    mutating func find(_ x: Int) -> Int {
        parent.withUnsafeMutableBufferPointer { p in
            var i = x
            while Int(p[i]) != i {
                let grand = p[Int(p[i])]
                p[i] = grand
                i = Int(grand)
            }
            return i
        }
    }

    /// Unites the sets of `a` and `b`; false when they were already one.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        if ra == rb { return false }
        // The larger set's root stays; on equal sizes the smaller number does (deterministic).
        if sizes[ra] < sizes[rb] || (sizes[ra] == sizes[rb] && rb < ra) { swap(&ra, &rb) }
        parent[rb] = UInt32(ra)
        sizes[ra] += sizes[rb]
        return true
    }

    /// The size of the set whose root is `root` (meaningful for roots only).
    func size(ofRoot root: Int) -> Int { Int(sizes[root]) }
}
