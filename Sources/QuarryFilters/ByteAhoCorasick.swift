// A multi-pattern byte matcher (Aho and Corasick, "Efficient string matching: an aid to
// bibliographic search", CACM 1975), compiled to a deterministic automaton: one table lookup
// per input byte, whatever the number of patterns. The word-list filters (c4_badwords_v1,
// url_filter_v1, keyword_filter_v1) find every list entry in a document with one scan.
//
// Bytes are first mapped to classes (bytes that occur in no pattern share class 0), which keeps
// the transition table small: a few hundred patterns over ~50 distinct bytes take a table of
// states × classes 32-bit entries (lists of many thousands of long phrases need
// memory in proportion: 1 million states over 100 classes take 400 MB). With `foldASCIICase` the bytes A-Z fall into the classes of
// a-z, so a scan matches lower-case patterns in text of any ASCII case without copying it;
// patterns must then hold no upper-case ASCII letter (they would match their lower-case form).
// `naiveMatches` is the plain twin the tests check the automaton against.

/// Finds occurrences of many byte patterns in one pass.
struct ByteAhoCorasick: Sendable {
    /// Byte length of each pattern, by pattern index.
    let patternLengths: [Int]
    /// Input byte → class.
    private let classOf: [UInt16]
    private let classCount: Int
    /// Transitions: the row of state s starts at `s * classCount`, and entry `row + class` holds
    /// the next state's row start (premultiplied, so the scan's dependent chain of loads has no
    /// multiplication), with the high bit set when at least one pattern ends in that state.
    private let delta: [UInt32]
    /// Patterns ending at each state (its own and those of its suffix states):
    /// `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    private static let outputFlag: UInt32 = 0x8000_0000
    private static let stateMask: UInt32 = 0x7FFF_FFFF

    /// Compiles `patterns`. Empty patterns are ignored (they match nowhere).
    init(patterns: [[UInt8]], foldASCIICase: Bool = false) {
        patternLengths = patterns.map(\.count)
        // Byte classes: class 0 for bytes in no pattern, then one per distinct byte.
        var classes = [UInt16](repeating: 0, count: 256)
        var next = 1
        for pattern in patterns {
            for byte in pattern where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt16(next)
                next += 1
            }
        }
        if foldASCIICase {
            for upper in UInt8(0x41)...UInt8(0x5A) { classes[Int(upper)] = classes[Int(upper + 0x20)] }
        }
        let width = next
        // The trie, as goto edges in a dense table (-1: no edge).
        var goto: [Int32] = Array(repeating: -1, count: width)
        var own: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let slot = state * width + Int(classes[Int(byte)])
                if goto[slot] < 0 {
                    goto[slot] = Int32(own.count)
                    own.append([])
                    goto.append(contentsOf: repeatElement(-1, count: width))
                }
                state = Int(goto[slot])
            }
            own[state].append(Int32(index))
        }
        // Breadth-first: failure links, complete transitions, outputs merged along suffixes.
        let stateCount = own.count
        precondition(stateCount < Int(Self.stateMask), "too many automaton states")
        var table = [UInt32](repeating: 0, count: stateCount * width)
        var fail = [Int](repeating: 0, count: stateCount)
        var merged = own
        var queue: [Int] = []
        queue.reserveCapacity(stateCount)
        for c in 0..<width {
            let child = goto[c]
            if child >= 0 {
                table[c] = UInt32(child)
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            merged[state].append(contentsOf: merged[fail[state]])
            for c in 0..<width {
                let child = goto[state * width + c]
                let viaFail = table[fail[state] * width + c]
                if child >= 0 {
                    fail[Int(child)] = Int(viaFail)
                    table[state * width + c] = UInt32(child)
                    queue.append(Int(child))
                } else {
                    table[state * width + c] = viaFail
                }
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for state in 0..<stateCount {
            flat.append(contentsOf: merged[state])
            starts.append(Int32(flat.count))
        }
        precondition(stateCount * width < Int(Self.stateMask), "too many automaton states")
        for slot in table.indices {
            let target = Int(table[slot])
            table[slot] = UInt32(target * width) | (merged[target].isEmpty ? 0 : Self.outputFlag)
        }
        classOf = classes
        classCount = width
        delta = table
        outputStart = starts
        outputs = flat
    }

    /// Whether no pattern can match (no patterns, or only empty ones).
    var isEmpty: Bool { outputs.isEmpty }

    /// Calls `body(pattern, end)` for every occurrence, in order of its end offset (exclusive,
    /// in bytes); occurrences ending at the same offset come longest first. `body` returns
    /// false to stop the scan.
    @inline(__always)
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ pattern: Int, _ end: Int) -> Bool) {
        if outputs.isEmpty { return }
        classOf.withUnsafeBufferPointer { classOf in
            delta.withUnsafeBufferPointer { delta in
                let width = classCount
                var row = 0
                for i in 0..<bytes.count {
                    let next = delta[row &+ Int(classOf[Int(bytes[i])])]
                    row = Int(next & Self.stateMask)
                    if next & Self.outputFlag != 0 {
                        let state = row / width
                        for k in Int(outputStart[state])..<Int(outputStart[state + 1]) {
                            if !body(Int(outputs[k]), i + 1) { return }
                        }
                    }
                }
            }
        }
    }

    /// Whether any pattern occurs in `bytes`.
    func containsMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        forEachMatch(in: bytes) { _, _ in found = true; return false }
        return found
    }

    /// The plain twin: every (pattern, end) found by comparing each pattern at each offset,
    /// sorted like `forEachMatch` reports them up to order within one end offset.
    static func naiveMatches(patterns: [[UInt8]], in bytes: [UInt8], foldASCIICase: Bool = false) -> [(pattern: Int, end: Int)] {
        func fold(_ b: UInt8) -> UInt8 { foldASCIICase && b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        var found: [(pattern: Int, end: Int)] = []
        for end in 0...bytes.count {
            for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= end {
                let start = end - pattern.count
                if (0..<pattern.count).allSatisfy({ fold(bytes[start + $0]) == pattern[$0] }) {
                    found.append((index, end))
                }
            }
        }
        return found
    }
}
