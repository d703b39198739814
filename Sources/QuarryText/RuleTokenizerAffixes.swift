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

/// The literal strings of the affix alternatives (from the generated tables) and byte filters
/// that keep the scanners from comparing them where they cannot match. One shared instance,
/// read through UTF8Text so hot loops touch no static (each use of a static checks that it is
/// initialized).
final class RuleAffixData: @unchecked Sendable {  // immutable after init
    static let shared = RuleAffixData()

    let classes: UnsafePointer<UInt16>
    let prefixStrings: [[UInt8]]
    let suffixStrings: [[UInt8]]
    let hyphens: [[UInt8]]
    /// Currencies and units split off after an ASCII digit, by byte length.
    let digitSuffixesByLength: [[[UInt8]]]
    let longestDigitSuffix: Int
    /// Per byte: 1 a multi-character prefix starts with it, 2 a multi-character suffix ends with
    /// it, 4 an infix alternative can start at it (ASCII only; every non-ASCII byte has 4).
    let byteRoles: UnsafePointer<UInt8>

    init() {
        classes = RuleCharacters.bmp
        prefixStrings = RuleTokenizerTables.prefixStrings.map { Array($0.utf8) }
        suffixStrings = RuleTokenizerTables.suffixStrings.map { Array($0.utf8) }
        hyphens = RuleTokenizerTables.hyphenStrings.map { Array($0.utf8) }
        let all = (RuleTokenizerTables.currencyStrings + RuleTokenizerTables.unitStrings).map { Array($0.utf8) }
        var groups = [[[UInt8]]](repeating: [], count: (all.map(\.count).max() ?? 0) + 1)
        for s in all where !groups[s.count].contains(s) { groups[s.count].append(s) }
        digitSuffixesByLength = groups
        longestDigitSuffix = groups.count - 1
        let roles = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        roles.initialize(repeating: 0, count: 256)
        for s in prefixStrings { roles[Int(s[0])] |= 1 }
        for s in suffixStrings { roles[Int(s[s.count - 1])] |= 2 }
        for b in ".+-*^,~:<>=/".utf8 { roles[Int(b)] |= 4 }
        for b in 0x80..<256 { roles[b] |= 4 }
        byteRoles = UnsafePointer(roles)
    }
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
        if affixes.byteRoles[Int(b)] & 1 != 0 {
            for literal in affixes.prefixStrings where hasPrefix(literal, at: lo, end: hi) { return literal.count }
        }
        let (f, length) = flags(at: lo, end: hi)
        return f.contains(.prefixChar) ? length : 0
    }

    /// The byte length of the suffix spaCy splits off `lo..<hi` (non-empty), or 0. `digits`:
    /// whether the string may contain an ASCII digit (false skips the currencies and units).
    func suffixLength(_ lo: Int, _ hi: Int, digits: Bool = true) -> Int {
        var best = 0
        let last = base[hi - 1]
        if last < 0x80 {
            if RuleCharFlags(rawValue: classes[Int(last)]).contains(.suffixChar) { best = 1 }
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
            if flags(of: s.value).contains(.suffixChar) { best = s.length }
        }
        if affixes.byteRoles[Int(last)] & 2 != 0 {
            for literal in affixes.suffixStrings where literal.count > best && hasSuffix(literal, start: lo, end: hi) {
                best = literal.count
            }
        }
        return digits ? max(best, digitSuffixLength(lo, hi)) : best
    }

    /// Whether the "." at `dot` (> lo) ends a suffix by one of the lookbehind alternatives:
    /// (?<=°[FfCcKk])\.  (?<=[0-9{al}{e}{p}(?:{q})])\.  (?<=[{au}][{au}])\.
    private func dotIsSuffix(_ lo: Int, _ dot: Int) -> Bool {
        let previous = scalar(before: dot, start: lo)
        let f = flags(of: previous.value)
        if f.contains(.dotAfter) { return true }
        let before = dot - previous.length
        guard before > lo else { return false }
        let first = scalar(before: before, start: lo)
        if f.contains(.upper) && flags(of: first.value).contains(.upper) { return true }
        return first.value == 0xB0 && "FfCcKk".unicodeScalars.contains { $0.value == previous.value }
    }

    /// The currency or unit ending `lo..<hi` right after an ASCII digit, or 0. No currency or
    /// unit contains an ASCII digit, so only the last digit before the end can precede one.
    private func digitSuffixLength(_ lo: Int, _ hi: Int) -> Int {
        let limit = max(lo, hi - 1 - affixes.longestDigitSuffix)
        var digit = hi - 2
        while digit >= limit && !RuleCharacters.isASCIIDigit(base[digit]) { digit -= 1 }
        guard digit >= limit else { return 0 }
        let length = hi - digit - 1
        for unit in affixes.digitSuffixesByLength[length] where hasSuffix(unit, start: lo, end: hi) { return length }
        return 0
    }

    /// The next infix match in `lo..<hi` starting at or after `from`, as a byte range.
    /// `digitHyphens`: English lets a hyphen follow a digit ((?<=[{a}0-9]) instead of (?<=[{a}])).
    func nextInfix(from: Int, _ lo: Int, _ hi: Int, digitHyphens: Bool) -> Range<Int>? {
        var i = from
        while i < hi {
            let b = base[i]
            if b < 0x80 {
                if affixes.byteRoles[Int(b)] & 4 != 0, let end = asciiInfixEnd(i, lo, hi, digitHyphens) {
                    return i..<end
                }
                i += 1
                continue
            }
            let (s, length) = scalar(at: i, end: hi)
            if s == 0x2026 || flags(of: s).contains(.icon) { return i..<(i + length) }  // "…", icons
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
            let before = flags(of: scalar(before: i, start: lo).value)
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
            let before = flags(of: scalar(before: i, start: lo).value)
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
        for hyphen in affixes.hyphens where hasPrefix(hyphen, at: i, end: hi) {
            let after = i + hyphen.count
            if after < hi && flags(at: after, end: hi).flags.contains(.alpha) { return after }
        }
        return nil
    }

    @inline(__always)
    private func alphaOrDigitBefore(_ i: Int, _ lo: Int, digits: Bool) -> Bool {
        if digits && RuleCharacters.isASCIIDigit(base[i - 1]) { return true }
        return flags(of: scalar(before: i, start: lo).value).contains(.alpha)
    }
}
