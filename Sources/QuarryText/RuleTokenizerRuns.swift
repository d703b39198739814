// The splitting of one run of non-whitespace characters by RuleTokenizer: steps 2 and 3 of
// spacy/tokenizer.pyx (spaCy 3.8.18) `_tokenize`: `_split_affixes` then `_attach_tokens`, with
// the exact order of exception checks spaCy makes (an exception stops the splitting as soon as
// the rest, or the rest without the prefix or suffix just found, spells one).

extension RuleTokenizerPass {
    /// Steps 2 and 3 for the run lo..<hi (spacy/tokenizer.pyx _tokenize, _split_affixes,
    /// _attach_tokens).
    mutating func tokenizeRun(_ runStart: Int, _ runEnd: Int, digits: Bool) {
        let first = tokens.count
        if let rule = rule(runStart, runEnd) {
            // A rule's own pieces contain no cross-token pattern that would change them
            // (scripts/reference/spacy_tables.py checks that spaCy gives every rule its pieces).
            emitRule(rule, at: runStart)
            return
        }
        suffixes.removeAll()
        var lo = runStart, hi = runEnd
        var lastSize = 0
        var restIsRule: Int? = nil
        var firstRound = true
        while lo < hi && hi - lo != lastSize {
            if !firstRound, let rule = rule(lo, hi) { restIsRule = rule; break }
            firstRound = false
            lastSize = hi - lo
            let pre = text.prefixLength(lo, hi)
            if pre > 0 && lo + pre < hi, let rule = rule(lo + pre, hi) {
                tokens.append(lo..<(lo + pre))
                lo += pre
                restIsRule = rule
                break
            }
            let suf = lo + pre < hi ? text.suffixLength(lo + pre, hi, digits: digits) : 0
            if suf > 0 && hi - suf > lo, let rule = rule(lo, hi - suf) {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
                restIsRule = rule
                break
            }
            if pre > 0 {
                tokens.append(lo..<(lo + pre))
                lo += pre
            }
            if suf > 0 {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
            }
        }
        if lo < hi {
            if let rule = restIsRule ?? rule(lo, hi) {
                emitRule(rule, at: lo)
            } else if text.isURL(lo, hi) {
                tokens.append(lo..<hi)
            } else {
                splitInfixes(lo, hi)
            }
        }
        var k = suffixes.count
        while k > 0 {
            k -= 1
            tokens.append(suffixes[k])
        }
        recordMergeCandidates(first)
    }

    /// The general path's result for a run of ASCII letters with one other ASCII character
    /// first or last ("word," "word." "(word"), when that character is a suffix or prefix: the
    /// rule for the run, else the rule for the letters (or the letters) and the character.
    /// Returns false, having emitted nothing, for any other run.
    mutating func lettersWithOneMark(_ start: Int, _ end: Int) -> Bool {
        let markFirst = RuleCharacters.isASCIIAlphanumeric(text[end - 1])
        if markFirst && RuleCharacters.isASCIIAlphanumeric(text[start]) { return false }  // a mark inside
        if let rule = exceptions.rule(text, start, end) {
            emitRule(rule, at: start)
            return true
        }
        let first = tokens.count
        if markFirst {
            guard text.prefixLength(start, end) == 1 else { return false }
            tokens.append(start..<(start + 1))
            if let rule = exceptions.rule(text, start + 1, end) { emitRule(rule, at: start + 1) }
            else { tokens.append((start + 1)..<end) }
        } else {
            guard text.suffixLength(start, end, digits: false) == 1 else { return false }
            if let rule = exceptions.rule(text, start, end - 1) { emitRule(rule, at: start) }
            else { tokens.append(start..<(end - 1)) }
            tokens.append((end - 1)..<end)
        }
        recordMergeCandidates(first)
        return true
    }

    /// The rest lo..<hi split at its infixes; an infix at the very start is not split off.
    mutating func splitInfixes(_ lo: Int, _ hi: Int) {
        var start = lo, from = lo
        while let infix = text.nextInfix(from: from, lo, hi, digitHyphens: digitHyphens) {
            from = infix.upperBound
            if infix.lowerBound == lo { continue }
            if infix.lowerBound != start { tokens.append(start..<infix.lowerBound) }
            tokens.append(infix)
            start = infix.upperBound
        }
        if start < hi { tokens.append(start..<hi) }
    }

    /// The exception spelled by text[lo..<hi]; the last answer is remembered, since the splitting
    /// loop asks about the same string up to three times.
    mutating func rule(_ lo: Int, _ hi: Int) -> Int? {
        if lo == memo.lo && hi == memo.hi { return memo.rule }
        let found = exceptions.rule(text, lo, hi)
        memo = (lo, hi, found)
        return found
    }

    mutating func emitRule(_ rule: Int, at start: Int) {
        var position = start
        for k in exceptions.pieceStarts[rule]..<exceptions.pieceStarts[rule + 1] {
            let length = exceptions.pieceLengths[k]
            tokens.append(position..<(position + length))
            position += length
        }
    }
}
