// Tokenizer exceptions ("special cases") of RuleTokenizer, after spacy/tokenizer.pyx (spaCy
// 3.8.18): a whole string that is a rule ("don't", ":)", "e.g.") becomes the rule's pieces.
// Rules are looked up by a hash of their bytes (FNV-1a 64, computed the same way on every run)
// in an open-addressing table.
//
// spaCy also retokenizes after splitting (Tokenizer._apply_special_cases): a PhraseMatcher finds
// runs of consecutive tokens equal to the split-without-rules form of a rule that has a prefix,
// suffix or infix (e.g. ":" ")" for ":)"), longest and then leftmost first, a run being dropped
// when its first or last token was covered by an earlier one; a kept run whose text (with the
// whitespace between its tokens) is the rule becomes the rule's pieces. "x:)" gives "x" ":)".
// Runs across a space change nothing, but they do cover tokens, so they are matched too.

/// A language's rules, their cross-token patterns and the hash table over both.
final class RuleExceptions: Sendable {
    /// The rules' bytes, concatenated, and each rule's range in them.
    let bytes: [UInt8]
    let ranges: [Range<Int>]
    /// Piece byte lengths of rule i: pieceLengths[pieceStarts[i]..<pieceStarts[i + 1]].
    let pieceLengths: [Int]
    let pieceStarts: [Int]
    /// Open-addressing table of rule indices + 1 (0: empty slot), by FNV-1a of the bytes.
    let slots: [Int32]
    let longest: Int
    /// Cross-token patterns: rule index and token byte lengths.
    let patterns: [(rule: Int, tokens: [Int])]
    /// Pattern indices by (hash of) first token, in a second table; and the longest first token.
    let firstTokenSlots: [(hash: UInt64, patterns: [Int])]
    let longestFirstToken: Int

    init(rules encoded: [String], patterns flat: [UInt16]) {
        var bytes: [UInt8] = [], ranges: [Range<Int>] = [], pieceLengths: [Int] = [], pieceStarts = [0]
        for entry in encoded {
            let parts = entry.split(separator: "\u{1}", omittingEmptySubsequences: false)
            let start = bytes.count
            bytes += Array(parts[0].utf8)
            ranges.append(start..<bytes.count)
            pieceLengths += parts[1].split(separator: ",").map { Int($0)! }
            pieceStarts.append(pieceLengths.count)
        }
        self.bytes = bytes
        self.ranges = ranges
        self.pieceLengths = pieceLengths
        self.pieceStarts = pieceStarts
        longest = ranges.map(\.count).max() ?? 0

        var capacity = 16
        while capacity < ranges.count * 4 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        for (index, range) in ranges.enumerated() {
            var slot = Int(truncatingIfNeeded: bytes.withUnsafeBufferPointer { RuleExceptions.hash($0.baseAddress! + range.lowerBound, range.count) }) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(index + 1)
        }
        self.slots = slots

        var patterns: [(rule: Int, tokens: [Int])] = []
        var i = 0
        while i < flat.count {
            let count = Int(flat[i + 1])
            patterns.append((Int(flat[i]), flat[(i + 2)..<(i + 2 + count)].map(Int.init)))
            i += 2 + count
        }
        self.patterns = patterns
        var byFirst: [(hash: UInt64, patterns: [Int])] = []
        var longestFirst = 0
        for (index, pattern) in patterns.enumerated() {
            let start = ranges[pattern.rule].lowerBound
            let h = bytes.withUnsafeBufferPointer { RuleExceptions.hash($0.baseAddress! + start, pattern.tokens[0]) }
            longestFirst = max(longestFirst, pattern.tokens[0])
            if let k = byFirst.firstIndex(where: { $0.hash == h }) { byFirst[k].patterns.append(index) }
            else { byFirst.append((h, [index])) }
        }
        firstTokenSlots = byFirst.sorted { $0.hash < $1.hash }
        longestFirstToken = longestFirst
    }

    /// FNV-1a, 64 bits.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<count { h = (h ^ UInt64(p[i])) &* 0x100_0000_01B3 }
        return h
    }

    /// The rule whose text is exactly text[lo..<hi], if any.
    @inline(__always)
    func rule(_ text: UTF8Text, _ lo: Int, _ hi: Int) -> Int? {
        let n = hi - lo
        guard n <= longest, n > 0 else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: RuleExceptions.hash(text.base + lo, n)) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = Int(table[slot])
                if entry == 0 { return nil }
                let r = ranges[entry - 1]
                if r.count == n && bytes.withUnsafeBufferPointer({ memcmpEqual($0.baseAddress! + r.lowerBound, text.base + lo, n) }) {
                    return entry - 1
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The patterns whose first token is text[lo..<hi].
    func patterns(startingWith text: UTF8Text, _ lo: Int, _ hi: Int) -> [Int]? {
        guard hi - lo <= longestFirstToken else { return nil }
        let h = RuleExceptions.hash(text.base + lo, hi - lo)
        var low = 0, high = firstTokenSlots.count
        while low < high {
            let mid = (low + high) / 2
            if firstTokenSlots[mid].hash < h { low = mid + 1 } else { high = mid }
        }
        guard low < firstTokenSlots.count, firstTokenSlots[low].hash == h else { return nil }
        return firstTokenSlots[low].patterns
    }

    /// Whether pattern `index` matches the tokens from `first` on (tokens[k] adjacent to
    /// tokens[k + 1] while k + 1 < `limit`), returning the number of tokens it covers.
    func patternMatch(_ index: Int, _ text: UTF8Text, _ tokens: UnsafeBufferPointer<Range<Int>>, _ first: Int,
                      limit: Int) -> Int? {
        let pattern = patterns[index]
        guard first + pattern.tokens.count <= limit else { return nil }
        var offset = ranges[pattern.rule].lowerBound
        for (k, length) in pattern.tokens.enumerated() {
            let token = tokens[first + k]
            guard token.count == length,
                  bytes.withUnsafeBufferPointer({ memcmpEqual($0.baseAddress! + offset, text.base + token.lowerBound, length) })
            else { return nil }
            offset += length
        }
        return pattern.tokens.count
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for i in 0..<n where a[i] != b[i] { return false }
    return true
}

extension RuleTokenizerPass {
    /// Whether a pattern matches inside the tokens of one run (words[first...]) and changes them:
    /// only then is the whole-text step needed.
    mutating func checkForRetokenizing(_ first: Int) {
        let end = words.count
        guard !needsRetokenizing, end - first >= 2 else { return }
        words.withUnsafeBufferPointer { tokens in
            for i in first..<end {
                guard let candidates = exceptions.patterns(startingWith: text, tokens[i].lowerBound, tokens[i].upperBound)
                else { continue }
                for p in candidates where exceptions.patternMatch(p, text, tokens, i, limit: end) != nil
                    && changes(p) {
                    needsRetokenizing = true
                    return
                }
            }
        }
    }

    /// Whether pattern `p`'s tokens differ from its rule's pieces.
    private func changes(_ p: Int) -> Bool {
        let pattern = exceptions.patterns[p]
        let pieces = exceptions.pieceLengths[exceptions.pieceStarts[pattern.rule]..<exceptions.pieceStarts[pattern.rule + 1]]
        return !pieces.elementsEqual(pattern.tokens)
    }

    /// Step 4 over all tokens of the text (spacy/tokenizer.pyx _apply_special_cases,
    /// _filter_special_spans, _retokenize_special_spans).
    mutating func retokenize() {
        let end = words.count
        var matches: [(start: Int, end: Int, rule: Int)] = []
        words.withUnsafeBufferPointer { tokens in
            var runEnd = firstWord  // tokens i..<runEnd follow each other with no whitespace token between
            for i in firstWord..<end {
                if runEnd <= i {
                    runEnd = i + 1
                    while runEnd < end && adjacent(tokens[runEnd - 1], tokens[runEnd]) { runEnd += 1 }
                }
                guard let candidates = exceptions.patterns(startingWith: text, tokens[i].lowerBound, tokens[i].upperBound)
                else { continue }
                for p in candidates {
                    if let count = exceptions.patternMatch(p, text, tokens, i, limit: runEnd) {
                        matches.append((i, i + count, exceptions.patterns[p].rule))
                    }
                }
            }
        }
        // Longest first, then leftmost; a match whose first or last token is covered is dropped.
        matches.sort { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) }
        var covered = [Bool](repeating: false, count: end - firstWord)
        var kept: [(start: Int, end: Int, rule: Int)] = []
        for m in matches {
            if !covered[m.start - firstWord] && !covered[m.end - 1 - firstWord] { kept.append(m) }
            for k in m.start..<m.end { covered[k - firstWord] = true }
        }
        kept.sort { $0.start < $1.start }
        var rebuilt: [Range<Int>] = []
        rebuilt.reserveCapacity(end - firstWord)
        var i = firstWord
        for m in kept {
            rebuilt += words[i..<m.start]
            // Only a run written without whitespace spells the rule.
            if (m.start..<(m.end - 1)).allSatisfy({ words[$0].upperBound == words[$0 + 1].lowerBound }) {
                var position = words[m.start].lowerBound
                for k in exceptions.pieceStarts[m.rule]..<exceptions.pieceStarts[m.rule + 1] {
                    rebuilt.append(position..<(position + exceptions.pieceLengths[k]))
                    position += exceptions.pieceLengths[k]
                }
            } else {
                rebuilt += words[m.start..<m.end]
            }
            i = m.end
        }
        rebuilt += words[i..<end]
        words.replaceSubrange(firstWord..<end, with: rebuilt)
    }

    /// Whether two successive words are successive tokens: nothing or one " " between them
    /// (any other whitespace is a token of its own).
    private func adjacent(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let gap = b.lowerBound - a.upperBound
        return gap == 0 || (gap == 1 && text[a.upperBound] == 0x20)
    }
}
