// PERSON: names found from context cues (issue 6), best effort and precision first. A name is
// reported only where a cue says one is there: after a title ("Mr. John Smith", "Frau Anna
// Müller", "Mme Dupont"), after a salutation when the name ends the greeting ("Dear Jane
// Doe,", "Hola María:"), alone on the line after a signature closing ("Best regards,\nJane
// Doe") or on a "-- " sign-off line, after "my name is" / "je m'appelle" / "ich heiße" / "me llamo", after a byline
// ("written by", "Author:") and as the value of a "Name:" field at the start of a line. A
// Western name is 1–4 capitalized words (accented Latin letters, hyphens, apostrophes,
// initials and the particles "van", "de la", "von" between them). A Chinese name is a common
// surname (PersonCues.chineseSurnames) and one or two given-name characters before an
// honorific (王伟先生) or after a label (姓名：王伟). The span is the name alone
// (pii-contracts.md), never the title or honorific.
//
// Speed: a 65,536-bit filter keyed by the first three (ASCII-lowercased) bytes of every cue
// is tested only at ASCII word starts and at three- and four-byte UTF-8 characters; the cue
// list (`CueWords`) and the name reader run only where the filter passes.

/// Finds person names next to titles, salutations, signature closings, self-introductions,
/// bylines, name fields and Chinese honorifics or labels.
public struct PersonDetector: PIIDetector {
    public var types: [PIIType] { [.person] }

    /// Whether a Chinese surname alone before an honorific ("王先生") is reported. Off by
    /// default: a surname alone rarely identifies anyone.
    public var reportSurnameOnly: Bool

    let cues: CueWords
    let kinds: [PersonCueKind]
    let upperFirst: [Bool]
    let filter: [UInt64]
    let notNames: CueWords
    let particles: CueWords
    let surnames: Set<UInt32>
    let compoundSurnames: Set<UInt64>
    let zhParticles: Set<UInt32>
    let zhNotGiven: Set<UInt32>
    let zhRoleWords: Set<UInt64>
    let backwardCues: [[UInt8]]
    let streets = StreetAddressDetector()
    let organisationWords = CueWords(["information", "details", "location", "theater", "theatre", "museum", "office",
        "center", "centre", "pressestelle", "tourist", "service", "services", "department", "abteilung", "büro",
        "agentur", "restaurant", "café", "cafe", "haus", "verein", "gbr", "kg", "ag", "sa", "sarl", "sl", "spa", "srl",
        "bv", "nv", "iberico", "shop", "store", "studio", "club", "kirche", "schule", "praxis", "kanzlei", "apotheke",
        "bar", "hotel", "gasthaus", "bäckerei", "akademie", "institut", "institute", "zentrum", "verband", "foundation",
        "international", "systems", "solutions", "consulting", "media", "marketing", "design", "park", "mall", "plaza",
        "headquarters", "hq", "branch", "filiale", "niederlassung", "redaktion", "kontakt", "contact", "address",
        "adresse", "anschrift", "dirección", "impressum", "mailing", "postal", "billing", "shipping", "english"])
    let cueTails: [UInt64]
    /// Particles that may begin a name after a title ("M. de Gaulle", "Herr von Weizsäcker").
    let startParticles = CueWords(["van", "von", "de", "da", "del", "du", "di", "della"])
    let lastCueWords: CueWords

    public init(reportSurnameOnly: Bool = false) {
        self.reportSurnameOnly = reportSurnameOnly
        let entries = PersonCues.entries
        cues = CueWords(entries.map { $0.0 })
        kinds = entries.map { $0.1 }
        upperFirst = entries.map { $0.2 }
        // Three 65,536-bit tables: exact two-byte cues ("mr", "to"), hashed three-byte cues and
        // hashed first four bytes of longer cues.
        var bits = [UInt64](repeating: 0, count: 3072)
        for (word, _, _) in entries {
            let b = word.utf8.map(PIIBytes.lower)
            if b.count >= 4 {
                let k = 2048 * 64 + PersonDetector.filterKey4(b[0], b[1], b[2], b[3])
                bits[k >> 6] |= 1 << UInt64(k & 63)
            } else if b.count == 3 {
                let k = 1024 * 64 + PersonDetector.filterKey(b[0], b[1], b[2])
                bits[k >> 6] |= 1 << UInt64(k & 63)
            } else {
                let k = Int(b[0]) << 8 | Int(b[1])
                bits[k >> 6] |= 1 << UInt64(k & 63)
            }
        }
        filter = bits
        let lowercaseCues = entries.filter { ($0.1 == .intro || $0.1 == .byline) && !$0.0.hasSuffix(":") }.map { $0.0 }
        backwardCues = lowercaseCues.map { $0.utf8.map(PIIBytes.lower) }
        lastCueWords = CueWords(lowercaseCues.map { String($0.split(separator: " ").last!) })
        // The last three bytes of each such cue (" is", "by " → " by"), for a quick test before
        // a capitalized word.
        var tails = [UInt64](repeating: 0, count: 1024)
        for cue in backwardCues {
            let padded = [UInt8](repeating: 0x20, count: 3) + cue
            let k = PersonDetector.filterKey(padded[padded.count - 3], padded[padded.count - 2], padded[padded.count - 1])
            tails[k >> 6] |= 1 << UInt64(k & 63)
        }
        cueTails = tails
        notNames = CueWords(PersonCues.notNames + ["share", "like", "reply", "tweet", "print", "related",
            "loading", "advertisement", "menu", "search", "tags", "categories", "universe", "america",
            "emeritus", "sincerely", "cheers", "posted", "saludos", "cordialement", "atentamente", "cordialmente",
            "amicalement", "regards", "salutations", "abrazo", "bisous", "mfg", "lg", "viele", "freundliche", "sent", "click", "read",
            "more", "view", "edit", "delete", "login", "log", "sign", "subscribe", "contact", "about",
            "privacy", "terms", "copyright", "download", "update", "source", "via", "photo", "image",
            "video", "bye", "hello", "gmbh", "inc", "ltd", "llc", "corp", "co", "sons", "group", "bank", "hotel",
            "university", "school", "museum", "church", "verlag", "stiftung", "partner", "associates", "limited", "hi", "dear", "mr", "mrs", "ms", "dr", "sir", "herr", "frau"])
        particles = CueWords(PersonCues.particles)
        surnames = Set(PersonDetector.packChars(PersonCues.chineseSurnames))
        compoundSurnames = Set(PersonCues.chineseCompoundSurnames.map { word -> UInt64 in
            let c = PersonDetector.packChars(word)
            return UInt64(c[0]) << 24 | UInt64(c[1])
        })
        zhParticles = Set(PersonDetector.packChars(PersonCues.chineseParticles))
        zhNotGiven = Set(PersonDetector.packChars(PersonCues.chineseNotGiven))
        zhRoleWords = Set(["项目", "区域", "市场", "客户", "销售", "产品", "部门", "财务", "技术", "业务", "数学",
                           "高中", "初中", "大学", "中学", "小学", "班主", "安全", "商务", "机构", "门店", "公关",
                           "计划", "信息", "成本", "常务", "高级", "华东", "华南", "华北", "华中", "全国", "国际",
                           "运营", "人事", "行政", "采购", "品牌", "渠道", "质量", "生产", "工程", "研发", "投资",
                           "营销", "外贸", "电商", "物流", "仓储", "法务", "党务", "支机", "经营", "总经", "副总"].map { word -> UInt64 in
            let c = PersonDetector.packChars(word)
            return UInt64(c[0]) << 24 | UInt64(c[1])
        })
    }

    /// The filter slot of a cue's first three bytes (already ASCII-lowercased).
    @inline(__always)
    static func filterKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        let k = UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16
        return Int((k &* 0x9E37_79B1) >> 16)
    }

    /// The filter slot of a longer cue's first four bytes (already ASCII-lowercased).
    @inline(__always)
    static func filterKey4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        let k = UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
        return Int(((k ^ 0x5bd1_e995) &* 0x85EB_CA6B) >> 16)
    }

    /// Whether a cue may start at `i` (three or more bytes remain).
    @inline(__always)
    static func mayStartCue(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ bits: UnsafeBufferPointer<UInt64>) -> Bool {
        let a = PIIBytes.lower(t[i]), b = PIIBytes.lower(t[i + 1]), c = PIIBytes.lower(t[i + 2])
        let k2 = Int(a) << 8 | Int(b)
        if bits[k2 >> 6] & (1 << UInt64(k2 & 63)) != 0, !PIIBytes.isAlnum(c) { return true }
        let k3 = 1024 * 64 + filterKey(a, b, c)
        if bits[k3 >> 6] & (1 << UInt64(k3 & 63)) != 0 { return true }
        guard i + 3 < t.count else { return false }
        let k4 = 2048 * 64 + filterKey4(a, b, c, PIIBytes.lower(t[i + 3]))
        return bits[k4 >> 6] & (1 << UInt64(k4 & 63)) != 0
    }

    /// Three-byte UTF-8 characters of `s`, each packed into the low 24 bits of a UInt32.
    static func packChars(_ s: String) -> [UInt32] {
        let b = Array(s.utf8)
        var out: [UInt32] = []
        var i = 0
        while i + 2 < b.count {
            out.append(UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]))
            i += 3
        }
        return out
    }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = text.baseAddress, text.count > 2 else { return }
        let firstOwn = spans.count
        var lastEnd = 0
        filter.withUnsafeBufferPointer { bits in
            scan(text, base, bits, &lastEnd, &spans)
        }
        if let name = signOffAtEnd(text), name.start >= lastEnd { spans.append(PIISpan(.person, start: name.start, end: name.end)) }
        // Names announced after the fact, checked against the names found so far (and sorted).
        var found = spans[firstOwn...].filter { $0.type == .person }.sorted()
        namesBeforeAddresses(text, into: &found)
        phraseCues(text, into: &found)
        let known = Set(spans[firstOwn...])
        spans += found.filter { !known.contains($0) }
    }

    /// A post or letter signed at its end: the last non-empty line, after a blank line, holds
    /// only a name of two or three words ("…\n\nJane Doe\n").
    func signOffAtEnd(_ t: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int)? {
        var e = t.count
        while e > 0, PIIBytes.isSpace(t[e - 1]) { e -= 1 }
        var s = e
        while s > 0, t[s - 1] != 0x0A { s -= 1 }
        guard e - s >= 5, e - s <= 40, s >= 2, t[s - 1] == 0x0A else { return nil }
        var b = s - 1
        while b > 0, t[b - 1] == 0x20 || t[b - 1] == 0x0D || t[b - 1] == 0x09 { b -= 1 }
        guard b > 0, t[b - 1] == 0x0A else { return nil }  // a blank line before it
        guard let name = readName(t, from: s, maxWords: 3), name.start == s, name.end == e,
              t[s..<e].contains(0x20), !isNotName(t, s, e) else { return nil }
        return name
    }

    /// Visits the trigger bytes: uppercase ASCII letters and non-ASCII lead bytes, found eight
    /// bytes at a time (exact per-byte masks, no carries between bytes).
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ base: UnsafePointer<UInt8>, _ bits: UnsafeBufferPointer<UInt64>,
              _ lastEnd: inout Int, _ spans: inout [PIISpan]) {
        let n = text.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var block = 0
        var resume = 0
        while block < n {
            var mask: UInt64
            if block + 8 <= n {
                let w = UnsafeRawPointer(base + block).loadUnaligned(as: UInt64.self)
                let low7 = w & ~high
                let ge41 = (low7 &+ ones &* (0x80 - 0x41)) & high
                let ge5B = (low7 &+ ones &* (0x80 - 0x5B)) & high
                // Uppercase ASCII letters, and lead bytes of multi-byte characters (bits 7 and 6 set).
                mask = (ge41 & ~ge5B & ~w) | (w & (w << 1) & high)
            } else {
                mask = 0
                for k in block..<n where text[k] &- 0x41 < 26 || text[k] >= 0xC0 { mask |= 0x80 << UInt64(8 * (k - block)) }
            }
            while mask != 0 {
                let i = block + mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
                guard i >= resume, i + 2 < n else { continue }
                let b = text[i]
                if b < 0x80 {
                    // A capitalized word start: the cue at it, or a lowercase cue just before it.
                    if i > 0, PIIBytes.isAlnum(text[i - 1]) || text[i - 1] >= 0x80 && LatinLetter.letterBefore(text, i) { continue }
                    if PersonDetector.mayStartCue(text, i, bits), let next = examine(text, at: i, lastEnd: &lastEnd, spans: &spans) {
                        resume = next
                    } else if i > 3, text[i - 1] == 0x20, let next = examineBefore(text, at: i, lastEnd: &lastEnd, spans: &spans) {
                        resume = next
                    } else if let name = signatureLine(text, at: i), name.start >= lastEnd {
                        // "-- Jane Doe": the sign-off line of mail and forum posts.
                        spans.append(PIISpan(.person, start: name.start, end: name.end))
                        lastEnd = name.end
                        resume = name.end
                    } else if i == 0 || text[i - 1] == 0x0A, let name = nameAboveStreet(text, at: i), name.start >= lastEnd {
                        spans.append(PIISpan(.person, start: name.start, end: name.end))
                        lastEnd = name.end
                        resume = name.end
                    }
                } else if b >= 0xE4 && b <= 0xE9 {
                    if PersonDetector.mayStartCue(text, i, bits), let next = examine(text, at: i, lastEnd: &lastEnd, spans: &spans) {
                        resume = next
                    }
                } else if b >= 0xC3 && b <= 0xC5, i > 3, text[i - 1] == 0x20, LatinLetter.letter(text, i)?.upper == true,
                          let next = examineBefore(text, at: i, lastEnd: &lastEnd, spans: &spans) {
                    resume = next
                }
            }
            block += 8
        }
    }

    /// A sign-off line, "-- " at the start of a line and a name of two to four words filling
    /// the rest of it.
    func signatureLine(_ t: UnsafeBufferPointer<UInt8>, at i: Int) -> (start: Int, end: Int)? {
        guard i >= 3, t[i - 1] == 0x20, t[i - 2] == 0x2D, t[i - 3] == 0x2D, i == 3 || t[i - 4] == 0x0A,
              let name = readName(t, from: i, maxWords: 4), name.start == i,
              t[name.start..<name.end].contains(0x20), restOfLineIsEmpty(t, name.end, allowSeparator: false),
              !isNotName(t, name.start, name.end) else { return nil }
        return name
    }

    /// An address block: a line holding only a name of two to four words, right above a line
    /// that StreetAddressDetector reads as a street line ("Jane Doe\n12 Main Street").
    func nameAboveStreet(_ t: UnsafeBufferPointer<UInt8>, at i: Int) -> (start: Int, end: Int)? {
        // Only short lines (at most 48 bytes) are read: prose lines are rejected on that alone.
        var k = i
        while k < t.count, t[k] != 0x0A, k - i <= 48 { k += 1 }
        guard k - i <= 48 else { return nil }
        guard let name = readName(t, from: i, maxWords: 3) else { return nil }
        // Organisations above their address ("Tourist Information", "Colosseum Theater Essen").
        var w = name.start
        while w < name.end {
            var we = w
            while we < name.end, t[we] != 0x20 { we += 1 }
            if organisationWords.match(in: t, at: w)?.end == we { return nil }
            if we < name.end, PIIBytes.isLower(t[w]) { return nil }  // "Pressestelle des …"
            w = we + 1
        }
        var e = skipBlanks(t, name.end)
        if e < t.count, t[e] == 0x0D { e += 1 }
        guard e < t.count, t[e] == 0x0A else { return nil }
        // Two words at least ("Acme" or "Mercier" alone may be a company).
        var spaces = 0
        for k in name.start..<name.end where t[k] == 0x20 { spaces += 1 }
        guard spaces >= 1 else { return nil }
        let lineStart = skipBlanks(t, e + 1)
        var lineEnd = lineStart
        while lineEnd < t.count, t[lineEnd] != 0x0A, lineEnd - lineStart < 200 { lineEnd += 1 }
        guard lineEnd > lineStart else { return nil }
        var found: [PIISpan] = []
        streets.detect(in: UnsafeBufferPointer(rebasing: t[lineStart..<lineEnd]), into: &found)
        guard let first = found.first, first.start == 0 else { return nil }
        return name
    }

    /// A capitalized word at `i` after a lowercase cue ending in a blank ("my name is ",
    /// "written by ", "je m'appelle "): the name read from `i`.
    func examineBefore(_ t: UnsafeBufferPointer<UInt8>, at i: Int, lastEnd: inout Int, spans: inout [PIISpan]) -> Int? {
        // The word before the blank must be the last word of such a cue.
        let e = i - 1
        guard e >= 3 else { return nil }
        let k = PersonDetector.filterKey(PIIBytes.lower(t[e - 3]), PIIBytes.lower(t[e - 2]), PIIBytes.lower(t[e - 1]))
        guard cueTails[k >> 6] & (1 << UInt64(k & 63)) != 0 else { return nil }
        var s = e
        while s > 0, s > e - 10, t[s - 1] != 0x20, t[s - 1] != 0x0A { s -= 1 }
        guard s < e, let last = lastCueWords.match(in: t, at: s), last.end == e else { return nil }
        for (k, cue) in backwardCues.enumerated() {
            let start = e - cue.count
            guard start >= 0, PIIBytes.hasPrefix(t, at: start, lowercased: cue) else { continue }
            if start > 0, PIIBytes.isAlnum(t[start - 1]) { continue }
            _ = k
            guard let name = readName(t, from: i, maxWords: 3), name.start >= lastEnd else { return nil }
            spans.append(PIISpan(.person, start: name.start, end: name.end))
            lastEnd = name.end
            return name.end
        }
        return nil
    }

    /// Checks the cue at `i`; appends a span and returns where to resume, or nil.
    func examine(_ t: UnsafeBufferPointer<UInt8>, at i: Int, lastEnd: inout Int, spans: inout [PIISpan]) -> Int? {
        guard let m = cues.match(in: t, at: i) else { return nil }
        if upperFirst[m.cue] && !PIIBytes.isUpper(t[i]) { return nil }
        let found: (start: Int, end: Int)?
        switch kinds[m.cue] {
        case .title: found = afterTitle(t, cueStart: i, cueEnd: m.end)
        case .salutation: found = afterSalutation(t, cueStart: i, cueEnd: m.end)
        case .closing: found = afterClosing(t, cueStart: i, cueEnd: m.end)
        case .intro, .byline: found = afterIntro(t, cueEnd: m.end)
        case .field: found = afterField(t, cueStart: i, cueEnd: m.end)
        case .heading: found = afterHeading(t, cueStart: i, cueEnd: m.end)
        case .zhHonorific: found = beforeHonorific(t, cueStart: i, cueEnd: m.end)
        case .zhLabel: found = afterLabel(t, cueEnd: m.end)
        case .zhBefore: found = chineseName(t, at: m.end)
        case .zhClosing: found = afterChineseClosing(t, cueEnd: m.end)
        case .zhGreeted: found = beforeGreeting(t, cueStart: i)
        }
        guard let f = found, f.start >= lastEnd, f.end > f.start else { return nil }
        spans.append(PIISpan(.person, start: f.start, end: f.end))
        lastEnd = f.end
        return max(f.end, m.end)
    }
}
