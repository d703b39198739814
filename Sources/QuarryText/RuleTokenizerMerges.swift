// The last step of spaCy's tokenizer (spacy/tokenizer.pyx _apply_special_cases,
// _filter_special_spans, _retokenize_special_spans; spaCy 3.8.18), for RuleTokenizer.
//
// After splitting, a PhraseMatcher finds runs of consecutive tokens equal to a rule split without
// rules, for the rules that have a prefix, suffix or infix (":" ")" for ":)", ")" ":" for "):",
// "a" "." for "a."). Runs are taken longest first, then leftmost; a run whose first or last token
// an earlier run covered is dropped (its tokens are still marked covered). A kept run whose text,
// with the whitespace between its tokens, is the rule becomes the rule's pieces: "x:)" gives
// "x" ":)", and "f(**kwargs):" ends in "):". Runs across a single space are found and cover tokens
// but never spell a rule; other whitespace is a token of its own and ends runs.
//
// Most texts need none of this: while splitting, each run of characters is checked for a
// pattern that would change its tokens (`recordMergeCandidates`). Only around those is the
// token list matched: a run's fate depends only on the runs that overlap it, directly or through
// others, so matching the connected group of overlapping runs around each candidate (across
// spaces too) decides exactly as matching the whole text would.

extension RuleTokenizerPass {
    /// Records the tokens of tokens[first...] (the tokens of one run of characters) where a
    /// pattern matches inside the run and would change its tokens.
    mutating func recordMergeCandidates(_ first: Int) {
        let end = tokens.count
        guard end - first >= 2 else { return }
        let base = tokens.base
        for i in first..<end {
            if i + 1 < end {
                guard patterns.changingPairPossible(text[base[i].lowerBound], text[base[i + 1].lowerBound]) else { continue }
            } else if !patterns.singleTokenChanges {
                continue
            }
            guard let g = patterns.group(text, base[i].lowerBound, base[i].upperBound) else { continue }
            for p in patterns.members(of: g, changingOnly: true) where patterns.match(p, text, base, i, limit: end) != nil {
                mergeCandidates.append(i)
                break
            }
        }
    }

    /// Step 4 around the recorded candidates.
    mutating func mergeSpecialCases() {
        var kept: [Match] = []
        var done = 0  // groups so far end here
        for candidate in mergeCandidates where candidate >= done {
            let group = overlappingGroup(around: candidate)
            done = group.end
            kept += keptMatches(group.matches)
        }
        guard let first = kept.first?.start else { return }
        if kept.allSatisfy({ exceptions.pieces($0.rule).count <= $0.end - $0.start }) {
            // In place: no merge adds tokens, so writing never overtakes reading.
            var write = first, read = first
            for m in kept {
                while read < m.start {
                    tokens[write] = tokens[read]
                    write += 1
                    read += 1
                }
                var position = tokens[m.start].lowerBound
                for length in exceptions.pieces(m.rule) {
                    tokens[write] = position..<(position + length)
                    write += 1
                    position += length
                }
                read = m.end
            }
            while read < tokens.count {
                tokens[write] = tokens[read]
                write += 1
                read += 1
            }
            tokens.truncate(to: write)
            return
        }
        var rebuilt: [Range<Int>] = []
        var i = first
        for m in kept {
            rebuilt += tokens.buffer[i..<m.start]
            var position = tokens[m.start].lowerBound
            for length in exceptions.pieces(m.rule) {
                rebuilt.append(position..<(position + length))
                position += length
            }
            i = m.end
        }
        rebuilt += tokens.buffer[i..<tokens.count]
        tokens.replaceTail(from: first, with: rebuilt)
    }

    typealias Match = (start: Int, end: Int, rule: Int)

    /// All matches connected by overlap to those starting at `candidate`, and where they end.
    private func overlappingGroup(around candidate: Int) -> (matches: [Match], end: Int) {
        let longest = patterns.longest
        var found: [Match] = []
        var lo = candidate, hi = candidate + 1  // tokens the group covers
        var scanLo = candidate, scanHi = candidate  // start tokens matched so far
        while true {
            let wantLo = max(0, lo - longest + 1), wantHi = min(hi, tokens.count)
            if wantLo >= scanLo && wantHi <= scanHi { break }
            for s in wantLo..<scanLo { found += matches(at: s) }
            if wantHi > scanHi { for s in scanHi..<wantHi { found += matches(at: s) } }
            scanLo = min(scanLo, wantLo)
            scanHi = max(scanHi, wantHi)
            var grew = true
            while grew {
                grew = false
                for m in found where m.start < hi && m.end > lo && (m.start < lo || m.end > hi) {
                    lo = min(lo, m.start)
                    hi = max(hi, m.end)
                    grew = true
                }
            }
        }
        return (found.filter { $0.start < hi && $0.end > lo }, hi)
    }

    /// The matches starting at token `s`: runs of tokens with no whitespace token between them.
    private func matches(at s: Int) -> [Match] {
        guard let g = patterns.group(text, tokens[s].lowerBound, tokens[s].upperBound) else { return [] }
        var limit = s + 1
        while limit < tokens.count && limit - s < patterns.longest && adjacent(tokens[limit - 1], tokens[limit]) {
            limit += 1
        }
        var result: [Match] = []
        for p in patterns.members(of: g, changingOnly: false) {
            if let count = patterns.match(p, text, tokens.base, s, limit: limit) { result.append((s, s + count, patterns.rule(p))) }
        }
        return result
    }

    /// spaCy's filter: longest first, then leftmost; a match whose first or last token an
    /// earlier one covered is dropped. Returns the kept matches that change tokens, by start.
    private func keptMatches(_ group: [Match]) -> [Match] {
        let ordered = group.sorted { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) }
        var covered = Set<Int>()
        var kept: [Match] = []
        for m in ordered {
            if !covered.contains(m.start) && !covered.contains(m.end - 1) && spellsRule(m) { kept.append(m) }
            for k in m.start..<m.end { covered.insert(k) }
        }
        return kept.sorted { $0.start < $1.start }
    }

    /// Whether the match's tokens are written without whitespace between them (only then is
    /// their text the rule) and differ from the rule's pieces.
    private func spellsRule(_ m: Match) -> Bool {
        guard (m.start..<(m.end - 1)).allSatisfy({ tokens[$0].upperBound == tokens[$0 + 1].lowerBound }) else { return false }
        return !exceptions.pieces(m.rule).elementsEqual((m.start..<m.end).lazy.map { tokens[$0].count })
    }

    /// Whether two successive words are successive tokens: nothing or one " " between them
    /// (any other whitespace is a token of its own).
    private func adjacent(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let gap = b.lowerBound - a.upperBound
        return gap == 0 || (gap == 1 && text[a.upperBound] == 0x20)
    }
}
