// Multi-pattern substring matching on bytes (Aho & Corasick, "Efficient string matching",
// CACM 1975): all keywords are found in one pass over the text, whatever their number. Used
// on class/id values: is this a sidebar, a comment list, an article body? Case-insensitive
// for ASCII.

struct KeywordMatcher: Sendable {
    /// transitions[state * 256 + byte] -> state.
    private let transitions: [Int32]
    /// For each state, the union of the groups of the keywords ending there.
    private let outputs: [UInt32]

    /// - Parameter keywords: pairs of (keyword, group bit mask).
    init(_ keywords: [(String, UInt32)]) {
        var goto: [[Int32]] = [[Int32](repeating: -1, count: 256)]
        var outputs: [UInt32] = [0]
        for (keyword, group) in keywords {
            var state = 0
            for b in keyword.lowercased().utf8 {
                if goto[state][Int(b)] < 0 {
                    goto.append([Int32](repeating: -1, count: 256))
                    outputs.append(0)
                    goto[state][Int(b)] = Int32(goto.count - 1)
                }
                state = Int(goto[state][Int(b)])
            }
            outputs[state] |= group
        }
        // Breadth-first failure links, folded into a full transition table.
        var fail = [Int](repeating: 0, count: goto.count)
        var table = [Int32](repeating: 0, count: goto.count * 256)
        var queue: [Int] = []
        for b in 0..<256 {
            let next = goto[0][b]
            if next >= 0 {
                table[b] = next
                fail[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] |= outputs[fail[state]]
            for b in 0..<256 {
                let next = goto[state][b]
                if next >= 0 {
                    fail[Int(next)] = Int(table[fail[state] * 256 + b])
                    table[state * 256 + b] = next
                    queue.append(Int(next))
                } else {
                    table[state * 256 + b] = table[fail[state] * 256 + b]
                }
            }
        }
        transitions = table
        self.outputs = outputs
    }

    /// The groups of all keywords occurring in the NUL-terminated text.
    func groups(in text: UnsafePointer<UInt8>) -> UInt32 {
        transitions.withUnsafeBufferPointer { t in
            outputs.withUnsafeBufferPointer { o in
                var state = 0
                var found: UInt32 = 0
                var p = text
                while p.pointee != 0 {
                    let c = p.pointee
                    state = Int(t[state &* 256 &+ Int(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)])
                    found |= o[state]
                    p += 1
                }
                return found
            }
        }
    }
}
