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
        var lastEnd = 0
        filter.withUnsafeBufferPointer { bits in
            scan(text, base, bits, &lastEnd, &spans)
        }
        if let name = signOffAtEnd(text), name.start >= lastEnd { spans.append(PIISpan(.person, start: name.start, end: name.end)) }
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

    // MARK: Western names

    /// Skips spaces and tabs (not line breaks) from `i`.
    @inline(__always)
    func skipBlanks(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i
        while j < t.count, t[j] == 0x20 || t[j] == 0x09 { j += 1 }
        return j
    }

    /// A capitalized word at `i` (uppercase first letter, then letters with inner hyphens or
    /// apostrophes, "O'Brien", "Jean-Pierre", "McDonald"), or an initial "J."; its end.
    func capitalWord(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard let first = LatinLetter.letter(t, i), first.upper else { return nil }
        var j = i + first.length
        var letters = 1
        while j < t.count {
            if let l = LatinLetter.letter(t, j) { j += l.length; letters += 1; continue }
            // Inner hyphen or apostrophe followed by a letter; "'s" of a possessive ends the word.
            let b = t[j]
            var sepLen = 0
            if b == 0x2D || b == 0x27 { sepLen = 1 }
            else if b == 0xE2, j + 2 < t.count, t[j + 1] == 0x80, t[j + 2] == 0x99 { sepLen = 3 }
            guard sepLen > 0, LatinLetter.letter(t, j + sepLen) != nil else { break }
            if sepLen != 1 || b == 0x27 {
                // An apostrophe: "'s" / "’s" at the end is a possessive, not part of the name.
                let after = j + sepLen
                if t[after] | 0x20 == 0x73, LatinLetter.letter(t, after + 1) == nil { break }
            }
            j += sepLen
        }
        if letters > 1 {
            // A word in capitals ("UNSW", "NASA") is an acronym, not a name.
            var k = i
            var lowerSeen = false
            while k < j, !lowerSeen {
                if let l = LatinLetter.letter(t, k) { lowerSeen = !l.upper; k += l.length } else { k += 1 }
            }
            if !lowerSeen { return nil }
        }
        if letters == 1 {
            // A single capital is an initial only with its period.
            guard j < t.count, t[j] == 0x2E else { return nil }
            return j + 1
        }
        // A word must not run into digits or other word characters ("Windows10", "Mr_x").
        if j < t.count, PIIBytes.isDigit(t[j]) || t[j] == 0x5F || t[j] == 0x40 { return nil }
        return j
    }

    /// Whether `t[start..<end]` is one of the words that follow cues without being names.
    @inline(__always)
    func isNotName(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var e = end
        if e > start, t[e - 1] == 0x2E { e -= 1 }
        if e - start == 1 && end > e { return false }  // an initial "A."
        guard let m = notNames.match(in: t, at: start) else { return false }
        return m.end == e
    }

    /// Reads a name of 1...`maxWords` capitalized words from `i`: (start, end), or nil.
    func readName(_ t: UnsafeBufferPointer<UInt8>, from i: Int, maxWords: Int) -> (start: Int, end: Int)? {
        var j = i
        var start = -1
        var end = -1
        var words = 0
        while j < t.count, words < maxWords {
            if start >= 0, let p = particles.match(in: t, at: j), p.end < t.count, t[p.end] == 0x20,
               let e = capitalWord(t, p.end + 1), !isNotName(t, p.end + 1, e) {
                // "Le Roux", "de la Cruz" inside a name (the particle may be capitalized).
                end = e
                words += 1
                j = e
            } else if let e = capitalWord(t, j) {
                if isNotName(t, j, e) { break }
                if start < 0 { start = j }
                end = e
                words += 1
                j = e
            } else if let p = particles.match(in: t, at: j), start >= 0 || startParticles.match(in: t, at: j)?.end == p.end {
                // A particle counts only when a capitalized word follows it.
                var k = p.end
                if k < t.count, t[k] == 0x20 { k += 1 } else if t[k - 1] != 0x27 { break }
                var lookahead = k
                if let p2 = particles.match(in: t, at: k) {
                    lookahead = p2.end
                    if lookahead < t.count, t[lookahead] == 0x20 { lookahead += 1 }
                }
                guard let e = capitalWord(t, lookahead), !isNotName(t, lookahead, e) else { break }
                if start < 0 { start = j }
                end = e
                words += 1
                j = e
            } else {
                break
            }
            // Words are separated by one space.
            guard j + 1 < t.count, t[j] == 0x20 else { break }
            j += 1
        }
        guard start >= 0, end - start > 2 || (end - start == 2 && t[end - 1] != 0x2E) else { return nil }
        // A lone initial ("A.M. Kuchling" read as "A.") is no name.
        if words == 1, t[end - 1] == 0x2E, end - start <= 3 { return nil }
        return (start, end)
    }

    /// Skips a title cue (as in "Dear Dr. Jane", "Sehr geehrte Frau Müller") at `i`.
    func skipTitle(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, lowercaseToo: Bool = false) -> Int? {
        // After a salutation the title may be written in lowercase ("Estimado señor Puente").
        guard i < t.count, let m = cues.match(in: t, at: i), kinds[m.cue] == .title,
              PIIBytes.isUpper(t[i]) || (lowercaseToo && m.end - i >= 5) else { return nil }
        return skipBlanks(t, m.end)
    }

    /// The word ending right before `i` (skipping one space), lowercased ASCII compared.
    func previousWordIs(_ t: UnsafeBufferPointer<UInt8>, before i: Int, in words: CueWords) -> Bool {
        var e = i
        while e > 0, t[e - 1] == 0x20 { e -= 1 }
        var s = e
        while s > 0, PIIBytes.isLetter(t[s - 1]) || t[s - 1] >= 0x80 { s -= 1 }
        guard s < e, let m = words.match(in: t, at: s) else { return false }
        return m.end == e
    }

    static let germanArticles = CueWords(["die", "der", "den", "dem", "des", "eine", "einer", "einem", "jede",
        "jeder", "keine", "diese", "dieser", "junge", "alte", "ältere", "jüngere", "schöne", "andere", "erste",
        "zweite", "welche", "the", "a", "une", "la"])

    func afterTitle(_ t: UnsafeBufferPointer<UInt8>, cueStart: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        // "MS Windows", "DR Congo": a title is written capitalized, not in capitals; and it is
        // a word of its own ("Can't-Miss Gadgets").
        if cueStart + 1 < t.count, PIIBytes.isUpper(t[cueStart + 1]) { return nil }
        if cueStart > 0, t[cueStart - 1] == 0x2D || t[cueStart - 1] == 0x27 || t[cueStart - 1] == 0x2F || t[cueStart - 1] == 0x99 { return nil }
        var j = cueEnd
        // "Mr Smith", "Mr. Smith", "M. Dupont": exactly one blank after the title.
        guard j < t.count, t[j] == 0x20 || (t[j - 1] == 0x2E && t[j] == 0xC2) else { return nil }
        j = skipBlanks(t, j)
        if j < t.count, t[j] == 0xC2, j + 1 < t.count, t[j + 1] == 0xA0 { j += 2 }  // NBSP
        if let k = skipTitle(t, j) { j = k }
        let first = t[cueStart]
        let second = cueStart + 1 < t.count ? t[cueStart + 1] : 0
        // "die Frau Kinder", "eine Frau Anfang 30": German nouns are capitalized, so Herr/Frau
        // after an article or adjective are the nouns, not titles.
        if first == 0x48 || first == 0x46 {  // H, F
            if previousWordIs(t, before: cueStart, in: PersonDetector.germanArticles) { return nil }
        }
        // "John M. Smith": an "M." after a capitalized word is a middle initial.
        if first == 0x4D, second == 0x2E {
            var e = cueStart
            while e > 0, t[e - 1] == 0x20 { e -= 1 }
            if e > 0, LatinLetter.letterBefore(t, e) || PIIBytes.isDigit(t[e - 1]) { return nil }
        }
        return readName(t, from: j, maxWords: 3)
    }

    /// Whether the name ending at `e` ends its greeting (`,` `!` `:` `;` `.` a line break or the end).
    func endsGreeting(_ t: UnsafeBufferPointer<UInt8>, _ e: Int) -> Bool {
        let j = skipBlanks(t, e)
        guard j < t.count else { return true }
        switch t[j] {
        case 0x2C, 0x21, 0x3A, 0x3B, 0x2E, 0x0A, 0x0D: return true
        case 0xEF: return j + 2 < t.count && t[j + 1] == 0xBC && (t[j + 2] == 0x8C || t[j + 2] == 0x81)  // ，！
        default: return false
        }
    }

    func afterSalutation(_ t: UnsafeBufferPointer<UInt8>, cueStart: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = cueEnd
        // "Hola, Graciela Arroyo,": a comma may follow the greeting word.
        if j < t.count, t[j] == 0x2C, t[cueStart] == 0x48 || t[cueStart] == 0x42 { j += 1 }  // Hi, Hello, Hola, Bonjour
        guard j < t.count, t[j] == 0x20 else { return nil }
        j = skipBlanks(t, j)
        var titled = false
        if let k = skipTitle(t, j, lowercaseToo: true) { j = k; titled = true }
        // "Hi"/"Hello"/"Hola" greet first names: at most two words; formal ones allow three.
        let short = t[cueStart] == 0x48 && !titled
        guard let name = readName(t, from: j, maxWords: short ? 2 : 4), endsGreeting(t, name.end) else { return nil }
        return name
    }

    /// Whether only blanks lie between the previous line break and `i`.
    func atLineStart(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i
        while j > 0 {
            let b = t[j - 1]
            if b == 0x0A { return true }
            if b != 0x20 && b != 0x09 && b != 0x2D && b != 0x2A && b != 0x7C && b != 0x3E { return false }
            j -= 1
        }
        return true
    }

    /// Whether the rest of the line from `e` is empty, or starts a separate field
    /// (", Manager", " | ACME", " - CEO", a tab).
    func restOfLineIsEmpty(_ t: UnsafeBufferPointer<UInt8>, _ e: Int, allowSeparator: Bool) -> Bool {
        guard e < t.count else { return true }
        if t[e] == 0x09 && allowSeparator { return true }
        let j = skipBlanks(t, e)
        guard j < t.count else { return true }
        let b = t[j]
        if b == 0x0A || b == 0x0D { return true }
        if !allowSeparator { return false }
        if b == 0x2C || b == 0x7C || b == 0x3B { return true }
        if j > e, b == 0x3C || b == 0x28 { return true }  // " <jane@example.com>", " (jane@…)"
        if j > e, b == 0x2D || (b == 0xE2 && j + 1 < t.count && t[j + 1] == 0x80) { return true }  // " - ", " – "
        return j >= e + 2  // two or more spaces separate table cells
    }

    func afterClosing(_ t: UnsafeBufferPointer<UInt8>, cueStart: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = skipBlanks(t, cueEnd)
        var comma = false
        if j < t.count, t[j] == 0x2C || t[j] == 0x21 || t[j] == 0x2E {
            comma = t[j] == 0x2C
            j = skipBlanks(t, j + 1)
        }
        guard j < t.count else { return nil }
        if t[j] == 0x0A || t[j] == 0x0D {
            // The name alone on the next non-empty line.
            var lines = 0
            while j < t.count, t[j] == 0x0A || t[j] == 0x0D || t[j] == 0x20 || t[j] == 0x09 {
                if t[j] == 0x0A { lines += 1 }
                j += 1
            }
            // The usual signature separator "-- " may stand between.
            if j + 1 < t.count, t[j] == 0x2D, t[j + 1] == 0x2D {
                j += 2
                while j < t.count, t[j] == 0x20 || t[j] == 0x0A || t[j] == 0x0D { j += 1 }
            }
            guard lines <= 2, let name = readName(t, from: j, maxWords: 4),
                  restOfLineIsEmpty(t, name.end, allowSeparator: true) else { return nil }
            return name
        }
        // "Best regards, Jane Doe" on one line, at the start of the line ("MfG Jane Doe" without comma).
        let abbreviation = cueEnd - cueStart <= 3
        guard comma || abbreviation, atLineStart(t, cueStart), let name = readName(t, from: j, maxWords: 4),
              restOfLineIsEmpty(t, name.end, allowSeparator: false) else { return nil }
        return name
    }

    func afterIntro(_ t: UnsafeBufferPointer<UInt8>, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = cueEnd
        if j < t.count, t[j] == 0x3A { j += 1 }  // "Account holder: …"
        guard j < t.count, t[j] == 0x20 || t[j - 1] == 0x3A else { return nil }
        return readName(t, from: skipBlanks(t, j), maxWords: 3)
    }

    func afterField(_ t: UnsafeBufferPointer<UInt8>, cueStart: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        guard atLineStart(t, cueStart) else { return nil }
        var j = skipBlanks(t, cueEnd)
        guard j < t.count else { return nil }
        if t[j] == 0x3A { j += 1 }
        else if t[j] == 0xEF, j + 2 < t.count, t[j + 1] == 0xBC, t[j + 2] == 0x9A { j += 3 }
        else { return nil }
        j = skipBlanks(t, j)
        // The value on the same line, or alone on the next line ("Lieferadresse:\nJane Doe").
        if j < t.count, t[j] == 0x0D { j += 1 }
        if j < t.count, t[j] == 0x0A { j = skipBlanks(t, j + 1) }
        guard let name = readName(t, from: j, maxWords: 4), restOfLineIsEmpty(t, name.end, allowSeparator: true) else { return nil }
        return name
    }

    /// The name under a CV heading: on the heading's line after a blank (and an optional
    /// `:` or `-`), or alone at the start of the next line ("LEBENSLAUF Anna Müller",
    /// "简历\n王伟 | 138…").
    func afterHeading(_ t: UnsafeBufferPointer<UInt8>, cueStart: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        guard atLineStart(t, cueStart) else { return nil }
        var j = skipBlanks(t, cueEnd)
        if j < t.count, t[j] == 0x3A || t[j] == 0x2D { j = skipBlanks(t, j + 1) }
        if j < t.count, t[j] == 0x0D { j += 1 }
        if j < t.count, t[j] == 0x0A {
            j = skipBlanks(t, j + 1)
        } else if j == cueEnd {
            return nil
        }
        if let name = readName(t, from: j, maxWords: 4), name.start == j, restOfLineIsEmpty(t, name.end, allowSeparator: true),
           !isNotName(t, name.start, name.end) {
            return name
        }
        if let name = chineseName(t, at: j), name.start == j { return name }
        return nil
    }

    // MARK: Chinese names

    /// The CJK ideograph (three-byte UTF-8, U+4E00–U+9FFF) starting at `i`, packed, or nil.
    @inline(__always)
    func ideograph(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
        guard i >= 0, i + 2 < t.count else { return nil }
        let b0 = t[i]
        guard b0 >= 0xE4, b0 <= 0xE9, t[i + 1] & 0xC0 == 0x80, t[i + 2] & 0xC0 == 0x80 else { return nil }
        return UInt32(b0) << 16 | UInt32(t[i + 1]) << 8 | UInt32(t[i + 2])
    }

    func isCompound(_ a: UInt32?, _ b: UInt32?) -> Bool {
        guard let a, let b else { return false }
        return compoundSurnames.contains(UInt64(a) << 24 | UInt64(b))
    }

    func givenOK(_ c: UInt32?) -> Bool {
        guard let c else { return false }
        return !zhNotGiven.contains(c)
    }

    func beforeHonorific(_ t: UnsafeBufferPointer<UInt8>, cueStart s: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        // 小姐姐 ("big sister", slang) is no honorific.
        if let next = ideograph(t, cueEnd), next == 0xE5A7_90 { return nil }
        let c1 = ideograph(t, s - 3), c2 = ideograph(t, s - 6), c3 = ideograph(t, s - 9), c4 = ideograph(t, s - 12)
        guard c1 != nil else { return nil }
        if let c2, let c1, zhRoleWords.contains(UInt64(c2) << 24 | UInt64(c1)) { return nil }
        if let c3, let c2, zhRoleWords.contains(UInt64(c3) << 24 | UInt64(c2)) { return nil }
        if isCompound(c4, c3), givenOK(c2), givenOK(c1) { return (s - 12, s) }
        if isCompound(c3, c2), givenOK(c1) { return (s - 9, s) }
        if let c3, surnames.contains(c3), !zhParticles.contains(c3), givenOK(c2), givenOK(c1),
           let c2, !zhParticles.contains(c2) {
            return (s - 9, s)
        }
        if let c2, surnames.contains(c2), givenOK(c1) { return (s - 6, s) }
        if reportSurnameOnly, let c1, surnames.contains(c1) { return (s - 3, s) }
        return nil
    }

    static let followWords: [UInt32] = PersonDetector.packChars("电手地性年邮先女小联身职公单部你您（")

    func afterLabel(_ t: UnsafeBufferPointer<UInt8>, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = skipBlanks(t, cueEnd)
        guard j < t.count else { return nil }
        if t[j] == 0x3A { j += 1 }
        else if t[j] == 0xEF, j + 2 < t.count, t[j + 1] == 0xBC, t[j + 2] == 0x9A { j += 3 }
        else { return nil }
        return chineseName(t, at: skipBlanks(t, j))
    }

    /// A Chinese name starting at `j`: a surname (or compound surname) and one or two given
    /// characters, ending where the ideographs end or where a following field starts.
    func chineseName(_ t: UnsafeBufferPointer<UInt8>, at j: Int) -> (start: Int, end: Int)? {
        var chars: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0)
        var count = 0
        var k = j
        while count < 5, let c = ideograph(t, k) {
            switch count {
            case 0: chars.0 = c
            case 1: chars.1 = c
            case 2: chars.2 = c
            case 3: chars.3 = c
            default: chars.4 = c
            }
            count += 1
            k += 3
        }
        guard count >= 2 else { return nil }
        let at = { (x: Int) -> UInt32 in [chars.0, chars.1, chars.2, chars.3, chars.4][x] }
        let compound = isCompound(chars.0, chars.1)
        guard compound || surnames.contains(chars.0) else { return nil }
        let maxLen = compound ? 4 : 3
        var len = min(count, maxLen)
        if count > maxLen || (count == maxLen && !compound && PersonDetector.followWords.contains(at(2))) {
            // More ideographs follow: the name ends where the next field or honorific starts.
            len = 0
            for l in stride(from: min(maxLen, count - 1), through: compound ? 3 : 2, by: -1)
            where PersonDetector.followWords.contains(at(l)) { len = l; break }
            guard len > 0 else { return nil }
        }
        for x in (compound ? 2 : 1)..<len where !givenOK(at(x)) { return nil }
        return (j, j + 3 * len)
    }

    /// 顺祝商祺\n王伟: the name alone on one of the next two lines.
    func afterChineseClosing(_ t: UnsafeBufferPointer<UInt8>, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = cueEnd
        // Optional punctuation (！，。) then line breaks.
        if j + 2 < t.count, t[j] == 0xEF || t[j] == 0xE3 { j += 3 }
        j = skipBlanks(t, j)
        var lines = 0
        while j < t.count, t[j] == 0x0A || t[j] == 0x0D || t[j] == 0x20 {
            if t[j] == 0x0A { lines += 1 }
            j += 1
        }
        guard lines >= 1, lines <= 3, let name = chineseName(t, at: j) else { return nil }
        let after = skipBlanks(t, name.end)
        guard after >= t.count || t[after] == 0x0A || t[after] == 0x0D else { return nil }
        return name
    }

    /// "王伟，你好": the name right before the comma.
    func beforeGreeting(_ t: UnsafeBufferPointer<UInt8>, cueStart s: Int) -> (start: Int, end: Int)? {
        // The comma: full-width "，" (EF BC 8C) or ASCII.
        var e = s
        if e >= 3, t[e - 3] == 0xEF, t[e - 2] == 0xBC, t[e - 1] == 0x8C { e -= 3 }
        else if e >= 1, t[e - 1] == 0x2C { e -= 1 }
        else { return nil }
        // The name starts at a line start or after punctuation; 2–4 ideographs.
        for len in 2...4 {
            let start = e - 3 * len
            guard start >= 0, ideograph(t, start) != nil else { return nil }
            if start == 0 || ideograph(t, start - 3) == nil, let name = chineseName(t, at: start), name.end == e {
                return name
            }
        }
        return nil
    }
}
