// The binary tree hierarchical softmax scores labels with, built from the label counts the way
// `HierarchicalSoftmaxLoss::buildTree` builds it (facebookresearch/fastText src/loss.cc
// @1142dc4): labels are leaves 0..<n in dictionary order (counts descending), internal nodes
// n..<2n−1 are made by always joining the two smallest counts, the leaf winning a tie only when
// strictly smaller; the root is node 2n−2, and internal node i uses output row i − n. The second
// child of each join is the "binary = true" (right) branch. Shared by prediction and training.

public struct FastTextHuffmanTree: Sendable {
    public struct Node: Sendable, Equatable {
        public var parent: Int32 = -1
        public var left: Int32 = -1
        public var right: Int32 = -1
        public var count: Int64 = 1_000_000_000_000_000
        /// Whether this node is its parent's right child.
        public var binary = false
    }

    /// Leaves (labels) 0..<labelCount, then the internal nodes; the root is last.
    public let nodes: [Node]
    public let labelCount: Int
    /// Label `i`'s path from its leaf up to the root: `pathNodes[pathStarts[i]..<pathStarts[i + 1]]`
    /// are output rows (internal node − labelCount) and `pathCodes` the matching branch taken.
    public let pathStarts: [Int32]
    public let pathNodes: [Int32]
    public let pathCodes: [Bool]

    /// `counts`: the label counts in dictionary order (descending, as fastText sorts them).
    public init(counts: [Int64]) {
        let n = counts.count
        var nodes = [Node](repeating: Node(), count: max(2 * n - 1, 0))
        for i in 0..<n { nodes[i].count = counts[i] }
        var leaf = n - 1
        var node = n
        if n > 1 {
            for i in n..<(2 * n - 1) {
                var mini = (0, 0)
                for j in 0..<2 {
                    // `node < i` keeps the tree well formed even for counts a real model never has.
                    let pick: Int
                    if leaf >= 0 && (node >= i || nodes[leaf].count < nodes[node].count) {
                        pick = leaf; leaf -= 1
                    } else {
                        pick = node; node += 1
                    }
                    if j == 0 { mini.0 = pick } else { mini.1 = pick }
                }
                nodes[i].left = Int32(mini.0)
                nodes[i].right = Int32(mini.1)
                nodes[i].count = nodes[mini.0].count &+ nodes[mini.1].count
                nodes[mini.0].parent = Int32(i)
                nodes[mini.1].parent = Int32(i)
                nodes[mini.1].binary = true
            }
        }
        var starts: [Int32] = [0]
        var pathNodes = [Int32]()
        var pathCodes = [Bool]()
        for i in 0..<n {
            var j = i
            while nodes[j].parent != -1 {
                pathNodes.append(nodes[j].parent - Int32(n))
                pathCodes.append(nodes[j].binary)
                j = Int(nodes[j].parent)
            }
            starts.append(Int32(pathNodes.count))
        }
        self.nodes = nodes
        self.labelCount = n
        self.pathStarts = starts
        self.pathNodes = pathNodes
        self.pathCodes = pathCodes
    }

    /// The tree of a dictionary's labels.
    public init(dictionary: FastTextDictionary) {
        self.init(counts: dictionary.entries[dictionary.nwords...].map(\.count))
    }

    /// The root's index (2n − 2), or −1 for a tree without labels.
    public var root: Int { nodes.count - 1 }
}
