// PHONE: telephone numbers in E.164 (`+49 30 1234567`, `0049 30 …`) and national formats of
// the countries of issue 6 (US/CA, UK, DE, FR, ES, IT, NL, CN, JP, KR, IN, BR, RU; plans in
// PhoneNumberPlans.swift), on UTF-8 bytes. Context words and the checks of the bytes around a
// candidate are in PhoneContext.swift.
//
// Scan: jump eight bytes at a time to digits, `+` and `(`; start a run at a digit (or `+`/`(`
// before one) that no ASCII letter or digit touches on the left, and read a run of digit
// groups joined by short separators (space, U+00A0, `-`, en dash, `.`, `/`, one `(…)`; at
// most four characters, never two spaces in a row) into a fixed buffer (at most 24 digits,
// 12 groups; longer runs are not phones). Within a run, candidates are the whole run and its
// prefixes ending at a space; the longest accepted one wins and the rest of the run is read
// on as a further candidate (lists of numbers).
//
// Decision (`classify`: accept, needs a cue, needs a phone word, or reject):
// 1. Reject by shape: fewer than 7 or more than 17 digits; glued to a letter (except an
//    extension `x12`/`ext`), to a decimal part (`,5`/`.5`), `%`, a time (`:30`); preceded by
//    `-`, `.`, `/`, `_`, `#`, `@`, `+`, `:` or `,` after a digit; a currency sign or code
//    within one space; a word mixing letters and digits one space away (hex dumps, key
//    fingerprints); dates (2023-01-15, 15.01.2023, 01/15/2023); dot-only runs that look like
//    versions; IPv4 addresses; ISBN-13 (978/979); ZIP+4 and CEP postcodes; lists of equal
//    short groups.
// 2. International (`+CC…`): accept when CC is an assigned E.164 code and the national
//    number length (after a UK/DE-style `(0)`) fits the code's range, at least 6 digits.
//    `00CC…` is accepted the same way when a separator follows CC, otherwise it needs a cue.
// 3. National: the digits must be a valid national number of one of the countries (trunk
//    prefix, leading digits, length). Structured forms are accepted: a trunk-0 number of 8+
//    digits with an area group of 2-5 digits and separators (`030 1234567`, `01 23 45 67
//    89`, `010-12345678`, `03-1234-5678`), NANP 3-3-4 with `-`, `.` or `(…)`, RU `8 (495) …`,
//    BR `(11) 91234-5678`, CN mobiles grouped 3-4-4, and 10-11 digit numbers touching CJK
//    text ("会用18585732228给您"). Other valid national runs (`0301234567`, `612 34 56 78`,
//    `98765 43210`) need a cue: a phone word as the nearest context word before them, a
//    phone just before (lists) or an e-mail address next to them (contact lines). Digits
//    that read as `CC + national number` without the `+` need a phone word.
// 4. Veto: when the nearest context word before a national or `00` candidate announces
//    another number (order, invoice, ISBN, price, card, 订单 …), the candidate is rejected.
//    A context word speaks for the first number after it only.
// Span: from `+`/`(`/the first digit to the last digit; extensions and cue words excluded.
import QuarryCore

/// Finds telephone numbers (type PHONE); see the file header for the rules.
public struct PhoneDetector: PIIDetector {
    public var types: [PIIType] { [.phone] }

    /// How far before a candidate (in bytes) a context word is looked for; 48 bytes hold
    /// "Telefon (mobil, werktags):" or "联系电话（手机）：" with room to spare.
    public var contextWindow: Int

    let context = PhoneContext()

    /// Runs longer than these are not phone numbers (E.164 allows 15 digits, plus `00`).
    static let maxDigits = 24
    static let maxGroups = 12

    public init(contextWindow: Int = 48) {
        self.contextWindow = contextWindow
    }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard text.count > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * Self.maxGroups + 4) { groups in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxDigits + 8) { digits in
                var scanner = PhoneScanner(text: text, digits: digits.baseAddress!, groups: groups.baseAddress!,
                                           context: context, window: contextWindow)
                scanner.run(into: &spans)
            }
        }
    }
}

extension PhoneDetector {
    /// Every position the eight-byte scan stops at as a run start, in order (for testing it
    /// against a plain byte loop).
    static func triggerPositions(in text: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard text.count > 0 else { return [] }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * maxGroups + 4) { groups in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxDigits + 8) { digits in
                let scanner = PhoneScanner(text: text, digits: digits.baseAddress!, groups: groups.baseAddress!,
                                           context: PhoneContext(), window: 0)
                var out: [Int] = []
                var i = scanner.nextTrigger(from: 0)
                while i < text.count {
                    out.append(i)
                    i = scanner.nextTrigger(from: i + 1)
                }
                return out
            }
        }
    }
}

/// Separator bits recorded before each group of a run.
enum PhoneSeparator {
    static let space: UInt8 = 1, dash: UInt8 = 2, dot: UInt8 = 4, slash: UInt8 = 8
    static let open: UInt8 = 16, close: UInt8 = 32
}

/// One pass over one text: the run reader and the decision rules. Buffers are owned by the
/// caller (stack memory), so nothing is allocated per candidate.
struct PhoneScanner {
    let text: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let n: Int
    /// Digit values (0...9) of the current run.
    let d: UnsafeMutablePointer<UInt8>
    /// Per group: first digit byte, end byte, index of its first digit in `d`, and flags
    /// (separator bits before it; 0x80 when the group is enclosed in parentheses).
    let gStart: UnsafeMutablePointer<Int>, gEnd: UnsafeMutablePointer<Int>
    let gDigit: UnsafeMutablePointer<Int>, gFlags: UnsafeMutablePointer<Int>
    let context: PhoneContext
    let window: Int

    var groupCount = 0
    var digitCount = 0
    var runStart = 0
    var plus = false
    var lastPhoneEnd = Int.min / 2

    static let parenFlag = 0x80

    init(text: UnsafeBufferPointer<UInt8>, digits: UnsafeMutablePointer<UInt8>, groups: UnsafeMutablePointer<Int>,
         context: PhoneContext, window: Int) {
        self.text = text
        self.base = text.baseAddress!
        self.n = text.count
        self.d = digits
        let m = PhoneDetector.maxGroups + 1
        gStart = groups; gEnd = groups + m; gDigit = groups + 2 * m; gFlags = groups + 3 * m
        self.context = context
        self.window = window
    }

    // MARK: scanning

    mutating func run(into spans: inout [PIISpan]) {
        var i = 0
        while true {
            i = nextTrigger(from: i)
            guard i < n else { return }
            let resume = readRun(at: i)
            if !(digitCount > PhoneDetector.maxDigits || groupCount > PhoneDetector.maxGroups) {
                evaluateRun(into: &spans)
            }
            i = max(resume, i + 1)
        }
    }

    /// Whether a run starts at `j`: a digit, or `+`/`(` before a digit, with no ASCII letter
    /// or digit just before it.
    @inline(__always) func isTrigger(_ j: Int) -> Bool {
        let b = base[j]
        if PIIBytes.isDigit(b) { return !PIIBytes.alnumBefore(text, j) }
        if b == UInt8(ascii: "+") || b == UInt8(ascii: "(") {
            return j + 1 < n && PIIBytes.isDigit(base[j + 1]) && !PIIBytes.alnumBefore(text, j)
        }
        return false
    }

    /// The next trigger at or after `from` (or `n`). Eight bytes per step: only a digit, `+`
    /// or `(` can be a trigger. `(w | 0x80…) - c·0x01…` never borrows across bytes, so the
    /// digit mask is exact; the `+`/`(` masks may mark extra bytes above a true one, which
    /// `isTrigger` then turns down.
    func nextTrigger(from: Int) -> Int {
        var i = from
        while i + 8 <= n {
            let w = SWAR.load(base + i)
            let h = w | SWAR.highBits
            let atLeast30 = (h &- 0x3030_3030_3030_3030) & SWAR.highBits
            let atLeast3A = (h &- 0x3A3A_3A3A_3A3A_3A3A) & SWAR.highBits
            let signs = SWAR.bytes(w, equalTo: UInt8(ascii: "+")) | SWAR.bytes(w, equalTo: UInt8(ascii: "("))
            var m = (atLeast30 & ~atLeast3A & ~w) | signs
            while m != 0 {
                let j = i + SWAR.firstIndex(m)
                if isTrigger(j) { return j }
                m &= m &- 1
            }
            i += 8
        }
        while i < n {
            if isTrigger(i) { return i }
            i += 1
        }
        return n
    }

    /// Reads the run starting at `s` into the buffers; returns where scanning resumes.
    mutating func readRun(at s: Int) -> Int {
        typealias S = PhoneSeparator
        runStart = s
        groupCount = 0
        digitCount = 0
        plus = false
        var p = s
        if base[p] == UInt8(ascii: "+") { plus = true; p += 1 }
        var open = false
        if base[p] == UInt8(ascii: "(") { open = true; p += 1 }
        var flagsBefore = 0
        while true {
            let gs = p
            let firstDigit = digitCount
            while p < n, PIIBytes.isDigit(base[p]) {
                if digitCount < PhoneDetector.maxDigits { d[digitCount] = base[p] &- 0x30 }
                digitCount += 1
                p += 1
            }
            var q = p
            var closed = false
            if open {
                if q < n, base[q] == UInt8(ascii: ")") {
                    closed = true
                    q += 1
                } else if groupCount == 0 {
                    runStart = gs  // an unclosed "(" before the first group: not part of it
                } else {
                    digitCount = firstDigit  // "(" without ")": the run ends before it
                    return gs
                }
            }
            if groupCount < PhoneDetector.maxGroups {
                gStart[groupCount] = gs
                gEnd[groupCount] = p
                gDigit[groupCount] = firstDigit
                gFlags[groupCount] = flagsBefore | (closed ? PhoneScanner.parenFlag : 0)
            }
            groupCount += 1
            // The separator: at most four characters (" - (" in "+49 - (40) - 300"), or just ")".
            var flags = closed ? Int(S.close) : 0
            var r = q
            var count = 0
            open = false
            scan: while r < n, count < 4, !open {
                switch base[r] {
                case 0x20:
                    if r > q, base[r - 1] == 0x20 { break scan }  // two spaces part columns, not groups
                    flags |= Int(S.space); r += 1
                case 0xE2 where r + 2 < n && base[r + 1] == 0x80 && base[r + 2] == 0x93:  // en dash
                    flags |= Int(S.dash); r += 3
                case 0xC2 where r + 1 < n && base[r + 1] == 0xA0: flags |= Int(S.space); r += 2
                case UInt8(ascii: "-"): flags |= Int(S.dash); r += 1
                case UInt8(ascii: "."): flags |= Int(S.dot); r += 1
                case UInt8(ascii: "/"): flags |= Int(S.slash); r += 1
                case UInt8(ascii: "("): flags |= Int(S.open); open = true; r += 1
                default: break scan
                }
                count += 1
            }
            guard count > 0 || closed, r < n, PIIBytes.isDigit(base[r]) else { return p }
            if digitCount > PhoneDetector.maxDigits || groupCount > PhoneDetector.maxGroups {
                // Too long to be a phone: skip the rest of it.
                p = r
                while p < n, PIIBytes.isDigit(base[p]) || base[p] == 0x20 || base[p] == UInt8(ascii: "-")
                    || base[p] == UInt8(ascii: ".") { p += 1 }
                return p
            }
            flagsBefore = flags
            p = r
        }
    }

    /// Tries the run's candidates, longest first, and records accepted ones.
    mutating func evaluateRun(into spans: inout [PIISpan]) {
        guard digitCount >= 7 else { return }
        var a = 0
        while a < groupCount {
            var accepted = -1
            var b = groupCount
            while b > a {
                // Cut a run only at a space, so "2023-01-15" never yields "2023-01".
                if b == groupCount || gFlags[b] & Int(PhoneSeparator.space) != 0, classify(a, b) {
                    accepted = b
                    break
                }
                b -= 1
            }
            if accepted > 0 {
                let span = PIISpan(.phone, start: spanStart(a), end: gEnd[accepted - 1])
                spans.append(span)
                lastPhoneEnd = span.end
                a = accepted
                continue
            }
            // Start again only after a "(" ("CA 94102 (415) 555-2671"), never inside a long
            // space-grouped number (IBANs, tracking numbers).
            a += 1
            while a < groupCount, gFlags[a] & Int(PhoneSeparator.open) == 0 { a += 1 }
        }
    }

    func spanStart(_ a: Int) -> Int {
        if a == 0 { return runStart }
        return gFlags[a] & PhoneScanner.parenFlag != 0 ? gStart[a] - 1 : gStart[a]
    }

    func groupLength(_ k: Int) -> Int { gEnd[k] - gStart[k] }

    // MARK: deciding

    /// `needsCue`: a phone word, a phone just before or an e-mail address next to it;
    /// `needsWord`: a phone word only.
    enum Verdict { case reject, accept, needsCue, needsWord }

    /// Whether groups `a..<b` of the current run are a phone number.
    func classify(_ a: Int, _ b: Int) -> Bool {
        let d0 = gDigit[a]
        let nd = (b < groupCount ? gDigit[b] : digitCount) - d0
        guard nd >= 7, nd <= 17 else { return false }
        let start = spanStart(a), end = gEnd[b - 1]
        let international = plus && a == 0
        guard boundariesAllow(start: start, end: end, international: international) else { return false }
        guard !shapeIsNotPhone(a, b, nd: nd, international: international) else { return false }

        let verdict: Verdict
        var vetoable = true
        if international {
            verdict = internationalVerdict(a, b, digitOffset: 0, nd: nd, prefixGrouped: true)
            vetoable = false
        } else if d[d0] == 0, d[d0 + 1] == 0 {
            let grouped = groupLength(a) == 2 || (b - a > 1 && callingCodeFits(a))
            verdict = internationalVerdict(a, b, digitOffset: 2, nd: nd, prefixGrouped: grouped)
        } else {
            verdict = nationalVerdict(a, b, nd: nd, start: start, end: end)
        }
        switch verdict {
        case .reject: return false
        case .accept:
            if !vetoable { return true }
            if case .other = nearestCue(before: start, after: end, wordsOnly: true) { return false }
            return true
        case .needsCue, .needsWord:
            // A weak candidate never cuts a longer run ("6011 5844 5897 6922" is a card).
            if b < groupCount { return false }
            if case .phone = nearestCue(before: start, after: end, wordsOnly: verdict == .needsWord) { return true }
            return false
        }
    }

    /// `00CC` written as its own group ("0049 30 …").
    func callingCodeFits(_ a: Int) -> Bool {
        guard let cc = PhoneNumberPlans.callingCode(d + gDigit[a] + 2, count: groupLength(a) - 2) else { return false }
        return groupLength(a) == 2 + cc.length
    }

    func internationalVerdict(_ a: Int, _ b: Int, digitOffset: Int, nd: Int, prefixGrouped: Bool) -> Verdict {
        let first = gDigit[a] + digitOffset
        let count = nd - digitOffset
        guard let cc = PhoneNumberPlans.callingCode(d + first, count: count) else { return .reject }
        // The code must lie inside the first group ("+4 930 …" is not +49).
        guard groupLength(a) - digitOffset >= cc.length || (digitOffset == 2 && groupLength(a) == 2) else { return .reject }
        var nsn = count - cc.length
        var nsnFirst = first + cc.length
        // "+44 (0)20 …": the bracketed trunk 0 is not part of the national number.
        var k = a
        while k < b, gDigit[k] + groupLength(k) <= nsnFirst { k += 1 }
        if k < b, gDigit[k] == nsnFirst, groupLength(k) == 1, d[nsnFirst] == 0, gFlags[k] & PhoneScanner.parenFlag != 0 {
            nsn -= 1
            nsnFirst += 1
        }
        let lo = max(cc.nsn.lowerBound, 6)
        var fits = nsn >= lo && nsn <= cc.nsn.upperBound
        if !fits, nsn > 0, d[nsnFirst] == 0, cc.code != 39 {  // a trunk 0 kept by mistake
            fits = nsn - 1 >= lo && nsn - 1 <= cc.nsn.upperBound
        }
        if cc.code == 1 { fits = nsn == 10 && d[nsnFirst] >= 2 }  // NANP: area code 2-9
        guard fits else { return .reject }
        return prefixGrouped ? .accept : .needsCue
    }

    func nationalVerdict(_ a: Int, _ b: Int, nd: Int, start: Int, end: Int) -> Verdict {
        let d0 = gDigit[a]
        var masks = PhoneNumberPlans.nationalMatches(d + d0, count: nd)
        let firstParen = gFlags[a] & PhoneScanner.parenFlag != 0
        // Brazilian numbers without their trunk 0 are written with the area apart ("(11)
        // 91234-5678", "16 7981-5840"); ungrouped ten-digit runs starting with 1 are more
        // often Unix times ("1465981006").
        if !firstParen, !(b - a >= 2 && groupLength(a) == 2 && gFlags[b - 1] & Int(PhoneSeparator.dash) != 0) {
            masks.bare &= ~PhoneCountry.br.bit
        }
        guard masks.withTrunk | masks.bare != 0 else {
            // An international number written without "+" ("36373735106" after "tel."):
            // only with a phone word.
            if nd >= 10, let cc = PhoneNumberPlans.callingCode(d + d0, count: nd),
               cc.nsn.contains(nd - cc.length), nd - cc.length >= 8 { return .needsWord }
            return .reject
        }
        let groups = b - a
        let firstLen = groupLength(a)
        var punct = firstParen
        var maxLen = firstLen
        for k in (a + 1)..<max(a + 1, b) {
            let len = groupLength(k)
            // After the first group every group has 2+ digits ("0 5 10 15 20" is no phone),
            // except a German switchboard suffix "-0" ending a trunk number ("0221/9822-0").
            if len < 2, !(k == b - 1 && d[d0] == 0 && gFlags[k] & Int(PhoneSeparator.dash) != 0) { return .reject }
            maxLen = max(maxLen, len)
            if gFlags[k] & Int(PhoneSeparator.space) != gFlags[k] & 0x3F { punct = true }
        }
        if groups > 1, maxLen > 8 { return .reject }
        // ZIP+4 ("94105-1234") and Brazilian CEP postcodes ("07453-559").
        if groups == 2, firstLen == 5, groupLength(a + 1) == 4 || groupLength(a + 1) == 3 { return .reject }

        let us = PhoneCountry.us.bit, ru = PhoneCountry.ru.bit, cn = PhoneCountry.cn.bit, br = PhoneCountry.br.bit
        // A one-digit first group is only a trunk prefix: US "1-800-…", RU "8 (495) …".
        if firstLen == 1 {
            let trunkOK = (d[d0] == 1 && masks.withTrunk & us != 0) || (d[d0] == 8 && masks.withTrunk & ru != 0)
            guard trunkOK, groups >= 3 else { return .reject }
            return .accept
        }
        let zeroTrunk = masks.withTrunk & ~(us | ru) != 0 || (d[d0] == 0 && masks.bare & PhoneCountry.it.bit != 0)
        // Seven-digit trunk numbers are as often postcodes ("094-0011"): those need a cue.
        if d[d0] == 0, zeroTrunk, groups >= 2, nd >= 8, (2...5).contains(firstLen) || firstParen { return .accept }
        let all = masks.withTrunk | masks.bare
        if all & us != 0, punct, groups >= 3 || firstParen {
            let l0 = firstLen, l1 = groupLength(a + 1)
            if (groups == 3 && l0 == 3 && l1 == 3 && groupLength(a + 2) == 4) || (groups == 2 && firstParen && l0 == 3 && l1 == 7) {
                return .accept
            }
        }
        if masks.bare & ru != 0, firstParen, firstLen == 3, groups >= 3 { return .accept }
        if masks.bare & br != 0, firstLen == 2, punct {
            // "(11) 91234-5678" and "32 2601-8159": the area apart, a dash before the last four.
            if firstParen, groups >= 2 { return .accept }
            if groups == 3, groupLength(a + 2) == 4, gFlags[a + 2] & 0x3F == Int(PhoneSeparator.dash) { return .accept }
        }
        if masks.bare & cn != 0, groups == 3, firstLen == 3, groupLength(a + 1) == 4, groupLength(a + 2) == 4 { return .accept }
        // Chinese and Japanese text writes numbers without spaces around them: a valid
        // 10-11 digit national number touching CJK text ("会用18585732228给您") counts.
        if groups == 1 || punct, nd >= 10, nd <= 11, cjkAdjacent(start: start, end: end) { return .accept }
        return .needsCue
    }

    // MARK: rejection rules (the bytes around a candidate: PhoneContext.swift)

    /// Rule 1, the digit groups: dates, versions, IPv4 addresses, ISBN-13.
    func shapeIsNotPhone(_ a: Int, _ b: Int, nd: Int, international: Bool) -> Bool {
        let groups = b - a
        var seps = 0
        for k in (a + 1)..<max(a + 1, b) { seps |= gFlags[k] & 0x3F }
        if groups >= 3, isDate(a, groups: groups) { return true }
        // Runs of equal short groups are lists or hex dumps ("012 013 023 123", "02 23 44 30
        // 13 40"), unless it is the French 2-2-2-2-2 grouping of ten digits.
        var equal = true
        let l0 = groupLength(a)
        for k in a..<b where groupLength(k) != l0 { equal = false; break }
        if equal, l0 <= 3, !international {
            if b < groupCount, groupLength(b) == l0 { return true }
            if groups >= 4, l0 <= 2, !(l0 == 2 && groups == 5) { return true }
        }
        // An IPv4 address, perhaps with a prefix length ("192.168.0.1/64"); a fifth dotted
        // group makes it a French number ("06.12.34.56.78").
        if groups >= 4, !international, groups == 4 || gFlags[a + 4] & 0x3F != Int(PhoneSeparator.dot) {
            var ip = true
            for k in a..<(a + 4) where groupLength(k) > 3 || (k > a && gFlags[k] & 0x3F != Int(PhoneSeparator.dot)) { ip = false }
            if ip { return true }
        }
        if groups >= 2, seps == Int(PhoneSeparator.dot) {
            if groups == 2 { return true }  // a decimal number
            var allShort = true
            for k in a..<b {
                let len = groupLength(k)
                if len < 2, !(international && k == a) { return true }  // versions 10.0.19041
                if len > 3 { allShort = false }
            }
            if groups == 4, allShort { return true }  // IPv4
        }
        if !international, nd == 13 {
            let d0 = gDigit[a]
            if d[d0] == 9, d[d0 + 1] == 7, d[d0 + 2] == 8 || d[d0 + 2] == 9 { return true }
        }
        return false
    }

    /// Three groups joined by one repeated `-`, `.` or `/` that read as y-m-d or d-m-y/m-d-y
    /// (a two-digit year only when nothing follows: "06.12.34.56.78" is a French number).
    func isDate(_ a: Int, groups: Int) -> Bool {
        let s1 = gFlags[a + 1] & 0x3F, s2 = gFlags[a + 2] & 0x3F
        guard s1 == s2, s1 == Int(PhoneSeparator.dash) || s1 == Int(PhoneSeparator.dot) || s1 == Int(PhoneSeparator.slash) else { return false }
        func value(_ k: Int) -> Int {
            var v = 0
            for i in gDigit[k]..<(gDigit[k] + groupLength(k)) { v = v * 10 + Int(d[i]) }
            return v
        }
        let l0 = groupLength(a), l1 = groupLength(a + 1), l2 = groupLength(a + 2)
        if l0 == 4, l1 <= 2, l2 <= 2 { return value(a + 1) <= 12 && value(a + 2) <= 31 }
        if l0 <= 2, l1 <= 2, l2 == 4 || (l2 == 2 && groups == 3) {
            let x = value(a), y = value(a + 1)
            return x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)
        }
        return false
    }
}
