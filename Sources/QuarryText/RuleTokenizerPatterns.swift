// The cross-token patterns of RuleTokenizer's last step (RuleTokenizerMerges.swift): for each
// rule spaCy 3.8.18 also looks for across tokens (spacy/tokenizer.pyx add_special_case with
// faster_heuristics: a rule with a prefix, suffix, infix or space), the rule split without rules,
// as scripts/reference/spacy_tables.py computed it (":" ")" for ":)", "a" "." for "a.").
//
// Patterns are grouped by their first token, found by hash like the rules (after a filter on
// the token's first byte and length, so most tokens cost two loads), and stored flat in raw
// memory: the merge check runs on every token of every run that splits into several tokens.

/// A language's cross-token patterns. Immutable after init.
final class RulePatterns: @unchecked Sendable {
    let count: Int
    /// The most tokens a pattern has.
    let longest: Int
    private let rules: UnsafeMutablePointer<Int>  // pattern -> rule
    private let changes: UnsafeMutablePointer<Bool>  // pattern tokens differ from the rule's pieces
    private let tokenStarts: UnsafeMutablePointer<Int>  // pattern p: tokenLengths[tokenStarts[p]..<tokenStarts[p + 1]]
    private let tokenLengths: UnsafeMutablePointer<Int>
    private let textStarts: UnsafeMutablePointer<Int>  // pattern p's text (its rule's): text[textStarts[p]...]
    private let text: UnsafeMutablePointer<UInt8>
    /// Groups by first token: members[memberStarts[g]..<memberStarts[g + 1]] are its patterns,
    /// the changing ones first (changingCounts[g] of them); groupPattern[g] is one of them.
    private let memberStarts: UnsafeMutablePointer<Int>
    private let members: UnsafeMutablePointer<Int>
    private let changingCounts: UnsafeMutablePointer<Int>
    private let groupPattern: UnsafeMutablePointer<Int>
    private let groupSlots: UnsafeMutablePointer<Int32>
    private let groupMask: Int
    /// Bit n of [b]: a first token of n bytes starts with byte b.
    private let firstLengths: UnsafeMutablePointer<UInt64>
    /// Bit a * 256 + b: a pattern of two or more tokens that changes tokens has a first token
    /// starting with byte a and a second starting with byte b.
    private let changingPairs: UnsafeMutablePointer<UInt64>
    /// Whether a one-token pattern changes tokens (none in spaCy 3.8.18's en and xx rules).
    let singleTokenChanges: Bool

    init(_ flat: [UInt16], exceptions: RuleExceptions) {
        var rules: [Int] = [], changes: [Bool] = [], tokenStarts = [0], tokenLengths: [Int] = []
        var textStarts: [Int] = [], text: [UInt8] = []
        var k = 0
        while k < flat.count {
            let rule = Int(flat[k]), n = Int(flat[k + 1])
            let lengths = flat[(k + 2)..<(k + 2 + n)].map(Int.init)
            rules.append(rule)
            changes.append(!exceptions.pieces(rule).elementsEqual(lengths))
            tokenLengths += lengths
            tokenStarts.append(tokenLengths.count)
            textStarts.append(text.count)
            text += exceptions.text(rule)
            k += 2 + n
        }
        count = rules.count
        longest = (0..<count).map { tokenStarts[$0 + 1] - tokenStarts[$0] }.max() ?? 1
        // Groups of patterns with the same first token, changing patterns first.
        var groups: [[Int]] = []
        func firstToken(_ p: Int) -> ArraySlice<UInt8> { text[textStarts[p]..<(textStarts[p] + tokenLengths[tokenStarts[p]])] }
        for p in 0..<count {
            if let g = groups.firstIndex(where: { firstToken($0[0]) == firstToken(p) }) { groups[g].append(p) }
            else { groups.append([p]) }
        }
        groups = groups.map { $0.filter { changes[$0] } + $0.filter { !changes[$0] } }
        var memberStarts = [0]
        for g in groups { memberStarts.append(memberStarts.last! + g.count) }

        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
            p.initialize(from: values, count: values.count)
            return p
        }
        self.rules = copy(rules)
        self.changes = copy(changes)
        self.tokenStarts = copy(tokenStarts)
        self.tokenLengths = copy(tokenLengths)
        self.textStarts = copy(textStarts)
        let textCopy = copy(text)
        self.text = textCopy
        self.memberStarts = copy(memberStarts)
        members = copy(groups.flatMap { $0 })
        changingCounts = copy(groups.map { $0.filter { changes[$0] }.count })
        groupPattern = copy(groups.map { $0[0] })
        var lengthsByFirstByte = [UInt64](repeating: 0, count: 256)
        for g in groups {
            let token = firstToken(g[0])
            precondition(token.count < 64)
            lengthsByFirstByte[Int(token.first!)] |= 1 << UInt64(token.count)
        }
        firstLengths = copy(lengthsByFirstByte)
        var pairs = [UInt64](repeating: 0, count: 1024)
        for p in 0..<count where changes[p] && tokenStarts[p + 1] - tokenStarts[p] >= 2 {
            let pair = Int(text[textStarts[p]]) << 8 | Int(text[textStarts[p] + tokenLengths[tokenStarts[p]]])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        changingPairs = copy(pairs)
        singleTokenChanges = (0..<count).contains { changes[$0] && tokenStarts[$0 + 1] - tokenStarts[$0] == 1 }
        let firstTokens = groups.map { Array(firstToken($0[0])) }
        (groupSlots, groupMask) = RuleExceptions.table(groups.count) { g in
            firstTokens[g].withUnsafeBufferPointer { RuleExceptions.hash($0.baseAddress!, $0.count) }
        }
    }

    deinit {
        for p in [rules, tokenStarts, tokenLengths, textStarts, memberStarts, members, changingCounts, groupPattern] {
            p.deallocate()
        }
        changes.deallocate()
        text.deallocate()
        groupSlots.deallocate()
        firstLengths.deallocate()
        changingPairs.deallocate()
    }

    /// Whether a changing pattern can start with a token beginning with byte `a` followed by
    /// one beginning with byte `b`.
    @inline(__always)
    func changingPairPossible(_ a: UInt8, _ b: UInt8) -> Bool {
        let pair = Int(a) << 8 | Int(b)
        return changingPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    /// The group of patterns whose first token is text[lo..<hi], if any.
    @inline(__always)
    func group(_ utf8: UTF8Text, _ lo: Int, _ hi: Int) -> Int? {
        let n = hi - lo
        guard n < 64, firstLengths[Int(utf8.base[lo])] & (1 << UInt64(n)) != 0 else { return nil }
        var slot = Int(truncatingIfNeeded: RuleExceptions.hash(utf8.base + lo, n, readable: utf8.count - lo)) & groupMask
        while true {
            let entry = Int(groupSlots[slot])
            if entry == 0 { return nil }
            let p = groupPattern[entry - 1]
            if tokenLengths[tokenStarts[p]] == n && memcmpEqual(text + textStarts[p], utf8.base + lo, n) { return entry - 1 }
            slot = (slot + 1) & groupMask
        }
    }

    /// The patterns of group `g`; `changingOnly`: only those whose match changes tokens.
    @inline(__always)
    func members(of g: Int, changingOnly: Bool) -> UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(start: members + memberStarts[g],
                            count: changingOnly ? changingCounts[g] : memberStarts[g + 1] - memberStarts[g])
    }

    @inline(__always)
    func rule(_ p: Int) -> Int { rules[p] }

    /// The number of tokens pattern `p` covers if it matches tokens[first...] (all before
    /// `limit`), else nil. The first token is known to match (it selected the group).
    @inline(__always)
    func match(_ p: Int, _ utf8: UTF8Text, _ tokens: UnsafePointer<Range<Int>>, _ first: Int, limit: Int) -> Int? {
        let start = tokenStarts[p], n = tokenStarts[p + 1] - start
        guard first + n <= limit else { return nil }
        var offset = textStarts[p] + tokenLengths[start]
        for k in 1..<max(n, 1) {
            let token = tokens[first + k], length = tokenLengths[start + k]
            guard token.count == length, memcmpEqual(text + offset, utf8.base + token.lowerBound, length) else { return nil }
            offset += length
        }
        return n
    }
}
