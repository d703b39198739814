// spaCy's URL_MATCH (spacy/lang/tokenizer_exceptions.py, spaCy 3.8.18; after dperini's URL
// expression) as a hand-written matcher: a string that matches stays one token instead of being
// split at its infixes. The expression, anchored at both ends:
//
//   scheme    (?:[\w\+\-\.]{2,}://)?
//   userinfo  (?:\S+(?::\S*)?@)?
//   host      an IPv4 address outside 10/8, 127/8, 169.254/16, 192.168/16, 172.16/12
//             (octets [1-9]\d?|1\d\d|2[01]\d|22[0-3], then 1?\d{1,2}|2[0-4]\d|25[0-5] twice,
//             then [1-9]\d?|1\d\d|2[0-4]\d|25[0-4]), or labels (?:[H][H_-]{0,62})?[H]\. repeated,
//             H = [A-Za-z0-9\u00a1-\uffff], then a top-level domain of 2-63 ALPHA_LOWER
//   port      (?::\d{2,5})?
//   path      (?:[/?#]\S*)?
//
// The tokenizer only asks about strings without whitespace, so \S is any character and the
// userinfo is any non-empty text followed by "@". Backtracking is replaced by trying every place
// the host can start (after the scheme or not, after any "@" or not) and, for each, the few
// places it can end. \w and \d are Unicode classes (flags from the generated tables).

extension UTF8Text {
    /// Whether `lo..<hi` (no whitespace) matches spaCy's URL_MATCH.
    func isURL(_ lo: Int, _ hi: Int) -> Bool {
        // A domain needs a "." followed by two ALPHA_LOWER characters, an address three "."s:
        // most strings are rejected here.
        var dots = 0, lowerAfterDot = false
        var i = lo
        while i < hi && !lowerAfterDot {
            if base[i] == UInt8(ascii: ".") {
                dots += 1
                let first: (flags: RuleCharFlags, length: Int) = i + 1 < hi ? flags(at: i + 1, end: hi) : ([], 1)
                if first.flags.contains(.lower) && i + 1 + first.length < hi
                    && flags(at: i + 1 + first.length, end: hi).flags.contains(.lower) {
                    lowerAfterDot = true
                }
            }
            i += 1
        }
        guard lowerAfterDot || dots >= 3 else { return false }
        if hostFollows(lo, lo, hi) { return true }
        if let afterScheme = schemeEnd(lo, hi), hostFollows(afterScheme, lo, hi) { return true }
        return false
    }

    /// The end of "scheme://" at `lo`: two or more of [\w+\-.] then "://".
    private func schemeEnd(_ lo: Int, _ hi: Int) -> Int? {
        var i = lo, characters = 0
        while i < hi {
            let (s, length) = scalar(at: i, end: hi)
            guard s == 0x2B || s == 0x2D || s == 0x2E || flags(of: s).contains(.word) else { break }
            i += length
            characters += 1
        }
        guard characters >= 2, hi - i >= 3, base[i] == UInt8(ascii: ":"), base[i + 1] == UInt8(ascii: "/"),
              base[i + 2] == UInt8(ascii: "/") else { return nil }
        return i + 3
    }

    /// Whether a host, port and path match from `start` (without userinfo) or after any "@".
    private func hostFollows(_ start: Int, _ lo: Int, _ hi: Int) -> Bool {
        if start < hi && hostThenRest(start, hi) { return true }
        var at = start + 1  // the userinfo has at least one character before its "@"
        while at < hi {
            if base[at] == UInt8(ascii: "@") && hostThenRest(at + 1, hi) { return true }
            at += 1
        }
        return false
    }

    private func hostThenRest(_ h: Int, _ hi: Int) -> Bool {
        guard h < hi else { return false }
        if RuleCharacters.isASCIIDigit(base[h]) && !isPrivateAddress(h, hi) && addressThenRest(h, hi) { return true }
        return domainThenRest(h, hi)
    }

    /// (?:label\.)+ then a top-level domain of 2-63 ALPHA_LOWER, then port and path.
    private func domainThenRest(_ h: Int, _ hi: Int) -> Bool {
        var i = h
        while i < hi {
            // One label: characters of [H_-] up to a ".", 1-64 of them, first and last in H.
            var j = i, characters = 0
            var first: UInt32 = 0, last: UInt32 = 0
            while j < hi {
                let (s, length) = scalar(at: j, end: hi)
                guard RuleCharacters.isHostCharacter(s) || s == 0x5F || s == 0x2D else { break }
                if characters == 0 { first = s }
                last = s
                characters += 1
                j += length
            }
            guard characters >= 1, characters <= 64, j < hi, base[j] == UInt8(ascii: "."),
                  RuleCharacters.isHostCharacter(first), RuleCharacters.isHostCharacter(last) else { return false }
            // The top-level domain: the whole ALPHA_LOWER run after the dot (a shorter one would
            // be followed by a letter, which cannot start a port or path).
            var t = j + 1, letters = 0
            while t < hi {
                let (f, length) = flags(at: t, end: hi)
                guard f.contains(.lower) else { break }
                letters += 1
                t += length
            }
            if letters >= 2 && letters <= 63 && restMatches(t, hi) { return true }
            i = j + 1
        }
        return false
    }

    /// (?::\d{2,5})?(?:[/?#]\S*)?$ at `i`.
    private func restMatches(_ i: Int, _ hi: Int) -> Bool {
        if i == hi { return true }
        switch base[i] {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return true
        case UInt8(ascii: ":"):
            var j = i + 1, digits = 0
            while j < hi, case let (f, length) = flags(at: j, end: hi), f.contains(.digit) {
                digits += 1
                j += length
            }
            guard digits >= 2 && digits <= 5 else { return false }
            return j == hi || base[j] == UInt8(ascii: "/") || base[j] == UInt8(ascii: "?") || base[j] == UInt8(ascii: "#")
        default: return false
        }
    }

    // MARK: IPv4

    /// The three negative lookaheads: (?:10|127)(?:\.\d{1,3}){3}, (?:169\.254|192\.168)(?:\.\d{1,3}){2},
    /// 172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2}, each a prefix match at `h`.
    private func isPrivateAddress(_ h: Int, _ hi: Int) -> Bool {
        if startsWith("10", h, hi) && dottedGroups(h + 2, 3, hi) { return true }
        if startsWith("127", h, hi) && dottedGroups(h + 3, 3, hi) { return true }
        if (startsWith("169.254", h, hi) || startsWith("192.168", h, hi)) && dottedGroups(h + 7, 2, hi) { return true }
        guard startsWith("172.", h, hi), h + 5 < hi else { return false }
        let a = base[h + 4]
        let (second, length) = scalar(at: h + 5, end: hi)
        let ok: Bool
        switch a {
        case UInt8(ascii: "1"): ok = (0x36...0x39).contains(second)
        case UInt8(ascii: "2"): ok = flags(of: second).contains(.digit)
        case UInt8(ascii: "3"): ok = second == 0x30 || second == 0x31
        default: ok = false
        }
        return ok && dottedGroups(h + 5 + length, 2, hi)
    }

    private func startsWith(_ literal: StaticString, _ i: Int, _ hi: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        return hi - i >= n && memcmpEqual(literal.utf8Start, base + i, n)
    }

    /// (?:\.\d{1,3}){count} as a prefix at `i` (the last group needs one digit, the others the
    /// whole run of one to three digits, since a "." must follow them).
    private func dottedGroups(_ i: Int, _ count: Int, _ hi: Int) -> Bool {
        var i = i
        for group in 1...count {
            guard i < hi, base[i] == UInt8(ascii: ".") else { return false }
            let (run, end) = digitRun(i + 1, hi)
            if group == count { return run >= 1 }
            guard run >= 1 && run <= 3 else { return false }
            i = end
        }
        return true
    }

    /// The number of \d scalars from `i` and where they end.
    private func digitRun(_ i: Int, _ hi: Int) -> (count: Int, end: Int) {
        var j = i, n = 0
        while j < hi, case let (f, length) = flags(at: j, end: hi), f.contains(.digit) {
            n += 1
            j += length
        }
        return (n, j)
    }

    /// An address's four octets from `h`, then port and path. Each octet alternative is tried at
    /// every length it can take, as the backtracking expression would.
    private func addressThenRest(_ h: Int, _ hi: Int) -> Bool {
        let first = octetEnds(h, hi, kind: 0)
        for a in 0..<first.count {
            let second = octetEnds(dot(first[a], hi), hi, kind: 1)
            for b in 0..<second.count {
                let third = octetEnds(dot(second[b], hi), hi, kind: 1)
                for c in 0..<third.count {
                    let fourth = octetEnds(dot(third[c], hi), hi, kind: 2)
                    for d in 0..<fourth.count where restMatches(fourth[d], hi) { return true }
                }
            }
        }
        return false
    }

    /// The position after a "." at `i`, or `hi` (where no octet starts) when there is none.
    private func dot(_ i: Int, _ hi: Int) -> Int {
        i < hi && base[i] == UInt8(ascii: ".") ? i + 1 : hi
    }

    /// Ends of the octet alternatives at `i`. kind 0: [1-9]\d?|1\d\d|2[01]\d|22[0-3];
    /// kind 1: 1?\d{1,2}|2[0-4]\d|25[0-5]; kind 2: [1-9]\d?|1\d\d|2[0-4]\d|25[0-4].
    private func octetEnds(_ i: Int, _ hi: Int, kind: Int) -> OctetEnds {
        // Up to three \d scalars: their ASCII values (-1 for another digit) and ends.
        var values = (-2, -2, -2), ends = (0, 0, 0), n = 0
        var j = i
        while n < 3 && j < hi {
            let (s, length) = scalar(at: j, end: hi)
            guard flags(of: s).contains(.digit) else { break }
            let value = (0x30...0x39).contains(s) ? Int(s - 0x30) : -1
            j += length
            switch n {
            case 0: values.0 = value; ends.0 = j
            case 1: values.1 = value; ends.1 = j
            default: values.2 = value; ends.2 = j
            }
            n += 1
        }
        var result = OctetEnds()
        let (v0, v1, v2) = values
        switch kind {
        case 1:
            if n >= 1 { result.add(ends.0) }                             // \d
            if n >= 2 { result.add(ends.1) }                             // \d\d, 1\d
            if n >= 3 && v0 == 1 { result.add(ends.2) }                  // 1\d\d
            if n >= 3 && v0 == 2 && (0...4).contains(v1) { result.add(ends.2) }
            if n >= 3 && v0 == 2 && v1 == 5 && (0...5).contains(v2) { result.add(ends.2) }
        default:
            if n >= 1 && (1...9).contains(v0) {
                result.add(ends.0)
                if n >= 2 { result.add(ends.1) }
            }
            if n >= 3 && v0 == 1 { result.add(ends.2) }
            if kind == 0 {
                if n >= 3 && v0 == 2 && (v1 == 0 || v1 == 1) { result.add(ends.2) }
                if n >= 3 && v0 == 2 && v1 == 2 && (0...3).contains(v2) { result.add(ends.2) }
            } else {
                if n >= 3 && v0 == 2 && (0...4).contains(v1) { result.add(ends.2) }
                if n >= 3 && v0 == 2 && v1 == 5 && (0...4).contains(v2) { result.add(ends.2) }
            }
        }
        return result
    }
}

/// Up to three distinct positions where an octet can end (one per digit count).
struct OctetEnds {
    private var ends = (0, 0, 0)
    private(set) var count = 0

    mutating func add(_ end: Int) {
        for k in 0..<count where self[k] == end { return }
        switch count {
        case 0: ends.0 = end
        case 1: ends.1 = end
        default: ends.2 = end
        }
        count += 1
    }

    subscript(_ k: Int) -> Int { k == 0 ? ends.0 : k == 1 ? ends.1 : ends.2 }
}
