// UnionFind: clusters equal the connected components a plain breadth-first search finds.
@testable import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct UnionFindTests {
    /// Component label (smallest member) of every node, by BFS over an adjacency list.
    func components(_ n: Int, _ edges: [(Int, Int)]) -> [Int] {
        var adjacent = [[Int]](repeating: [], count: n)
        for (a, b) in edges {
            adjacent[a].append(b)
            adjacent[b].append(a)
        }
        var label = [Int](repeating: -1, count: n)
        for start in 0..<n where label[start] < 0 {
            var queue = [start]
            label[start] = start
            var i = 0
            while i < queue.count {
                for next in adjacent[queue[i]] where label[next] < 0 {
                    label[next] = start
                    queue.append(next)
                }
                i += 1
            }
        }
        return label
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func randomGraphsMatchBreadthFirstSearch(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let n = 50 + random.below(500)
        let edges = (0..<random.below(n)).map { _ in (random.below(n), random.below(n)) }
        var uf = UnionFind(count: n)
        for (a, b) in edges { uf.union(a, b) }
        let labels = components(n, edges)
        var sizes: [Int: Int] = [:]
        for l in labels { sizes[l, default: 0] += 1 }
        let roots = (0..<n).map { uf.find($0) }
        for a in 0..<n {
            #expect(uf.size(ofRoot: roots[a]) == sizes[labels[a]]!)
            for b in stride(from: a % 7, to: n, by: 7) {
                #expect((roots[a] == roots[b]) == (labels[a] == labels[b]))
            }
        }
    }

    @Test func unionReportsWhetherItJoined() {
        var uf = UnionFind(count: 4)
        let joined = [uf.union(0, 1), uf.union(2, 1), uf.union(0, 2)]
        #expect(joined == [true, true, false])
        let (r2, r3) = (uf.find(2), uf.find(3))
        #expect(uf.size(ofRoot: r2) == 3)
        #expect(uf.size(ofRoot: r3) == 1)
    }
}
