// Prefix, suffix and infix scanners of RuleTokenizer: hand-written equivalents of the regular
// expressions spaCy 3.8.18 compiles from spacy/lang/punctuation.py (TOKENIZER_PREFIXES,
// TOKENIZER_SUFFIXES, TOKENIZER_INFIXES; English replaces only the infixes) with
// spacy/util.py compile_prefix_regex / compile_suffix_regex / compile_infix_regex.
//
// Semantics carried over from Python's `re` (scripts/reference/spacy_tables.py asserts that the
// compiled expressions are exactly these alternatives):
// - prefix: `^a|^b|...` searched, so the first alternative in list order that matches at the
//   start wins ("…" before "……");
// - suffix: `a$|b$|...` searched, so the leftmost start wins: the longest matching suffix. The
//   suffix is searched in the string after the prefix, so lookbehinds never see the prefix;
// - infix: `finditer` over the alternatives in order, non-overlapping, left to right; lookbehind
//   and lookahead see only the string being split.
// Positions are byte offsets of valid UTF-8; `lo..<hi` is the string being examined.

enum RuleAffixData {
    static let prefixStrings: [[UInt8]] = RuleTokenizerTables.prefixStrings.map { Array($0.utf8) }
    static let suffixStrings: [[UInt8]] = RuleTokenizerTables.suffixStrings.map { Array($0.utf8) }
    static let hyphens: [[UInt8]] = RuleTokenizerTables.hyphenStrings.map { Array($0.utf8) }
    /// Currencies and units split off after an ASCII digit, grouped by byte length.
    static let digitSuffixesByLength: [[[UInt8]]] = {
        let all = (RuleTokenizerTables.currencyStrings + RuleTokenizerTables.unitStrings).map { Array($0.utf8) }
        var groups = [[[UInt8]]](repeating: [], count: (all.map(\.count).max() ?? 0) + 1)
        for s in all where !groups[s.count].contains(s) { groups[s.count].append(s) }
        return groups
    }()
    static let longestDigitSuffix = digitSuffixesByLength.count - 1
    /// ASCII bytes at which an infix alternative can start.
    static let asciiInfixStart: [Bool] = (0..<128).map { Array(".+-*^,~:<>=/".utf8).contains(UInt8($0)) }
}

extension UTF8Text {
    /// The byte length of the prefix spaCy splits off `lo..<hi` (non-empty), or 0.
    func prefixLength(_ lo: Int, _ hi: Int) -> Int {
        let b = base[lo]
        if b < 0x80 {
            switch b {
            case UInt8(ascii: "+"):  // \+(?![0-9])
                return lo + 1 < hi && RuleCharacters.isASCIIDigit(base[lo + 1]) ? 0 : 1
            case UInt8(ascii: "."):  // \.\.+
                var end = lo + 1
                while end < hi && base[end] == UInt8(ascii: ".") { end += 1 }
                return end - lo >= 2 ? end - lo : 0
            default:
                break
            }
        }
        for literal in RuleAffixData.prefixStrings where hasPrefix(literal, at: lo, end: hi) { return literal.count }
        let (f, length) = flags(at: lo, end: hi)
        return f.contains(.prefixChar) ? length : 0
    }

    /// The byte length of the suffix spaCy splits off `lo..<hi` (non-empty), or 0.
    func suffixLength(_ lo: Int, _ hi: Int) -> Int {
        var best = 0
        let last = base[hi - 1]
        if last < 0x80 {
            if RuleCharFlags(rawValue: RuleCharacters.bmp[Int(last)]).contains(.suffixChar) { best = 1 }
            if last == UInt8(ascii: ".") {
                var start = hi - 1
                while start > lo && base[start - 1] == UInt8(ascii: ".") { start -= 1 }
                if hi - start >= 2 { best = hi - start }  // \.\.+
                else if hi - 1 > lo && dotIsSuffix(lo, hi - 1) { best = 1 }
            } else if last == UInt8(ascii: "+") && hi - 1 > lo && RuleCharacters.isASCIIDigit(base[hi - 2]) {
                best = 1  // (?<=[0-9])\+
            }
        } else {
            let s = scalar(before: hi, start: lo)
            if RuleCharacters.flags(s.value).contains(.suffixChar) { best = s.length }
        }
        for literal in RuleAffixData.suffixStrings where literal.count > best && hasSuffix(literal, start: lo, end: hi) {
            best = literal.count
        }
        return max(best, digitSuffixLength(lo, hi))
    }

    /// Whether the "." at `dot` (> lo) ends a suffix by one of the lookbehind alternatives:
    /// (?<=°[FfCcKk])\.  (?<=[0-9{al}{e}{p}(?:{q})])\.  (?<=[{au}][{au}])\.
    private func dotIsSuffix(_ lo: Int, _ dot: Int) -> Bool {
        let previous = scalar(before: dot, start: lo)
        let f = RuleCharacters.flags(previous.value)
        if f.contains(.dotAfter) { return true }
        let before = dot - previous.length
        guard before > lo else { return false }
        let first = scalar(before: before, start: lo)
        if f.contains(.upper) && RuleCharacters.flags(first.value).contains(.upper) { return true }
        return first.value == 0xB0 && "FfCcKk".unicodeScalars.contains { $0.value == previous.value }
    }

    /// The longest currency or unit ending `lo..<hi` right after an ASCII digit, or 0.
    private func digitSuffixLength(_ lo: Int, _ hi: Int) -> Int {
        var digit = max(lo, hi - 1 - RuleAffixData.longestDigitSuffix)
        while digit < hi - 1 {
            if RuleCharacters.isASCIIDigit(base[digit]) {
                let length = hi - digit - 1
                for unit in RuleAffixData.digitSuffixesByLength[length] where hasSuffix(unit, start: lo, end: hi) {
                    return length
                }
            }
            digit += 1
        }
        return 0
    }

    /// The next infix match in `lo..<hi` starting at or after `from`, as a byte range.
    /// `digitHyphens`: English lets a hyphen follow a digit ((?<=[{a}0-9]) instead of (?<=[{a}])).
    func nextInfix(from: Int, _ lo: Int, _ hi: Int, digitHyphens: Bool) -> Range<Int>? {
        var i = from
        while i < hi {
            let b = base[i]
            if b < 0x80 {
                if RuleAffixData.asciiInfixStart[Int(b)], let end = asciiInfixEnd(i, lo, hi, digitHyphens) {
                    return i..<end
                }
                i += 1
                continue
            }
            let (s, length) = scalar(at: i, end: hi)
            if s == 0x2026 || RuleCharacters.flags(s).contains(.icon) { return i..<(i + length) }  // "…", icons
            if s == 0x2013 || s == 0x2014, let end = hyphenEnd(i, lo, hi, digitHyphens) { return i..<end }
            i += length
        }
        return nil
    }

    private func asciiInfixEnd(_ i: Int, _ lo: Int, _ hi: Int, _ digitHyphens: Bool) -> Int? {
        let b = base[i]
        let hasNext = i + 1 < hi
        switch b {
        case UInt8(ascii: "."):
            if hasNext && base[i + 1] == UInt8(ascii: ".") {  // \.\.+
                var end = i + 2
                while end < hi && base[end] == UInt8(ascii: ".") { end += 1 }
                return end
            }
            // (?<=[{al}{q}])\.(?=[{au}{q}])
            guard i > lo, hasNext else { return nil }
            let before = RuleCharacters.flags(scalar(before: i, start: lo).value)
            let after = flags(at: i + 1, end: hi).flags
            return !before.isDisjoint(with: [.lower, .quote]) && !after.isDisjoint(with: [.upper, .quote]) ? i + 1 : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "^"):
            // (?<=[0-9])[+\-\*^](?=[0-9-])
            if i > lo && hasNext && RuleCharacters.isASCIIDigit(base[i - 1])
                && (RuleCharacters.isASCIIDigit(base[i + 1]) || base[i + 1] == UInt8(ascii: "-")) {
                return i + 1
            }
            return b == UInt8(ascii: "-") ? hyphenEnd(i, lo, hi, digitHyphens) : nil
        case UInt8(ascii: ","):  // (?<=[{a}]),(?=[{a}])
            guard i > lo, hasNext else { return nil }
            let before = RuleCharacters.flags(scalar(before: i, start: lo).value)
            return before.contains(.alpha) && flags(at: i + 1, end: hi).flags.contains(.alpha) ? i + 1 : nil
        case UInt8(ascii: "~"):
            return hyphenEnd(i, lo, hi, digitHyphens)
        case UInt8(ascii: ":"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "/"):
            // (?<=[{a}0-9])[:<>=/](?=[{a}])
            guard i > lo, hasNext, alphaOrDigitBefore(i, lo, digits: true) else { return nil }
            return flags(at: i + 1, end: hi).flags.contains(.alpha) ? i + 1 : nil
        default:
            return nil
        }
    }

    /// (?<=[{a}])(?:-|–|—|--|---|——|~)(?=[{a}]), alternatives in order; English also after a digit.
    private func hyphenEnd(_ i: Int, _ lo: Int, _ hi: Int, _ digitHyphens: Bool) -> Int? {
        guard i > lo, alphaOrDigitBefore(i, lo, digits: digitHyphens) else { return nil }
        for hyphen in RuleAffixData.hyphens where hasPrefix(hyphen, at: i, end: hi) {
            let after = i + hyphen.count
            if after < hi && flags(at: after, end: hi).flags.contains(.alpha) { return after }
        }
        return nil
    }

    @inline(__always)
    private func alphaOrDigitBefore(_ i: Int, _ lo: Int, digits: Bool) -> Bool {
        if digits && RuleCharacters.isASCIIDigit(base[i - 1]) { return true }
        return RuleCharacters.flags(scalar(before: i, start: lo).value).contains(.alpha)
    }
}
