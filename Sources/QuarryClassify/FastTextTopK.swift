// The k best (score, label) pairs, kept exactly as fastText keeps them (`Loss::findKBest` and
// `HierarchicalSoftmaxLoss::dfs` in facebookresearch/fastText src/loss.cc @1142dc4): a min-heap
// of at most k pairs under `comparePairs` (a.score > b.score), maintained with libstdc++'s
// `std::push_heap` / `std::pop_heap` and finally ordered with `std::sort_heap`. Equal scores are
// common (ova's table sigmoid), and their order is whatever these exact heap moves produce, so
// the moves follow libstdc++'s `__push_heap` / `__adjust_heap` (bits/stl_heap.h) step for step.

/// Fixed-capacity heap storage over caller-owned buffers (no allocation).
struct FastTextTopK {
    let scores: UnsafeMutablePointer<Float>
    let ids: UnsafeMutablePointer<Int32>
    var count = 0

    init(scores: UnsafeMutablePointer<Float>, ids: UnsafeMutablePointer<Int32>) {
        self.scores = scores
        self.ids = ids
    }

    /// The smallest score kept (the heap front).
    @inline(__always) var front: Float { scores[0] }

    /// `heap.push_back(x); push_heap; if size > k { pop_heap; pop_back }`. Needs k + 1 slots.
    @inline(__always)
    mutating func add(_ score: Float, _ id: Int32, k: Int) {
        scores[count] = score
        ids[count] = id
        count += 1
        pushUp(hole: count - 1, top: 0, score, id)
        if count > k {
            pop(length: count)
            count -= 1
        }
    }

    /// `std::sort_heap`: best first.
    mutating func sort() {
        var n = count
        while n > 1 {
            pop(length: n)
            n -= 1
        }
    }

    /// `__push_heap(first, hole, top, value, comp)`.
    @inline(__always)
    private func pushUp(hole: Int, top: Int, _ score: Float, _ id: Int32) {
        var hole = hole
        var parent = (hole - 1) / 2
        while hole > top && scores[parent] > score {
            scores[hole] = scores[parent]
            ids[hole] = ids[parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        scores[hole] = score
        ids[hole] = id
    }

    /// `std::pop_heap` over the first `length` entries: the front moves to `length − 1`.
    @inline(__always)
    private func pop(length: Int) {
        guard length > 1 else { return }
        let last = length - 1
        let score = scores[last], id = ids[last]
        scores[last] = scores[0]
        ids[last] = ids[0]
        adjust(hole: 0, length: last, score, id)
    }

    /// `__adjust_heap(first, hole, len, value, comp)`.
    private func adjust(hole start: Int, length: Int, _ score: Float, _ id: Int32) {
        var hole = start
        var child = start
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if scores[child] > scores[child - 1] { child -= 1 }
            scores[hole] = scores[child]
            ids[hole] = ids[child]
            hole = child
        }
        if length & 1 == 0 && child == (length - 2) / 2 {
            child = 2 * (child + 1)
            scores[hole] = scores[child - 1]
            ids[hole] = ids[child - 1]
            hole = child - 1
        }
        pushUp(hole: hole, top: start, score, id)
    }
}
