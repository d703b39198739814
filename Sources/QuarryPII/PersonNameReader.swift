// PERSON, Western names (PersonDetector.swift): the readers that take the name after each kind of
// cue — 1 to 4 capitalized words (accented Latin letters, hyphens, apostrophes, initials and
// particles such as "van", "de la", "von" between them) — and the checks around them: generic
// addressees and other non-names, line starts and ends, titles skipped.

import Glibc

extension PersonDetector {
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

    /// Names written before an e-mail address in angle brackets, as mail headers, commit
    /// authors and package manifests write them ("Jane Doe <jane@example.com>"): two to four
    /// capitalized words between a line start, a quote, ": " or ", " and " <…@…>".
    /// `spans` holds the names found so far, sorted by start and free of overlaps; it stays so.
    func namesBeforeAddresses(_ t: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = t.baseAddress else { return }
        var i = 0
        while i < t.count, let hit = memchr(base + i, 0x3C, t.count - i) {
            let lt = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            i = lt + 1
            // "<local@domain>" closes within 80 bytes, with an @ inside.
            var k = lt + 1, at = false
            while k < t.count, k - lt < 80, t[k] != 0x3E, t[k] != 0x0A, t[k] != 0x20 {
                if t[k] == 0x40 { at = true }
                k += 1
            }
            guard at, k < t.count, t[k] == 0x3E, lt >= 2, t[lt - 1] == 0x20 else { continue }
            // Back over up to four words on this line to where the name may start.
            var start = lt - 1, words = 0
            while start > 0, words < 4 {
                var w = start
                while w > 0, t[w - 1] != 0x20, t[w - 1] != 0x0A, t[w - 1] != 0x22, t[w - 1] != 0x09 { w -= 1 }
                words += 1
                start = w
                guard w >= 2, t[w - 1] == 0x20, t[w - 2] != 0x3A, t[w - 2] != 0x2C else { break }
                start = w - 1
            }
            if start > 0, t[start - 1] == 0x20 || t[start - 1] == 0x0A || t[start - 1] == 0x22 || t[start - 1] == 0x09 {
                // start is the first byte of the first word.
            } else if start != 0 {
                continue
            }
            let before = start == 0 ? UInt8(0x0A) : t[start - 1]
            let opensName = before == 0x0A || before == 0x22 || before == 0x09
                || (before == 0x20 && start >= 2 && (t[start - 2] == 0x3A || t[start - 2] == 0x2C))
            guard opensName, let name = readName(t, from: start, maxWords: 4), name.start == start,
                  name.end == lt - 1, t[start..<name.end].contains(0x20) else { continue }
            // Already read after a cue ("From: Jane Doe <…>")?
            Self.insertUnlessOverlapping(PIISpan(.person, start: name.start, end: name.end), into: &spans)
        }
    }

    /// Inserts `span` into `spans` (sorted by start, without overlaps) unless it overlaps one:
    /// a binary search, so many names in one document stay cheap.
    static func insertUnlessOverlapping(_ span: PIISpan, into spans: inout [PIISpan]) {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].start < span.start { lo = mid + 1 } else { hi = mid }
        }
        if lo < spans.count, spans[lo].start < span.end { return }
        if lo > 0, spans[lo - 1].end > span.start { return }
        spans.insert(span, at: lo)
    }

    /// Labels of a CV's contact lines, which show that a first line "Name – title" heads a CV.
    static let contactLabels = CueWords(["address", "adresse", "anschrift", "dirección", "direccion", "indirizzo", "tel",
                                         "tél", "phone", "telefon", "teléfono", "email", "e-mail", "mail", "correo"])

    /// Names that phrases of the language announce, found by searching the phrase:
    /// - a CV whose first line is "Name – job title" with a contact line under it;
    /// - a French letter's closing formula ending "salutations distinguées." with the name on
    ///   the next line;
    /// - "bei Name klingeln" (German: ring at Name's bell).
    /// `spans` as for namesBeforeAddresses.
    func phraseCues(_ t: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        func add(_ name: (start: Int, end: Int)) {
            Self.insertUnlessOverlapping(PIISpan(.person, start: name.start, end: name.end), into: &spans)
        }
        // "Name – title\nAdresse : …" at the start of the text.
        if let name = readName(t, from: 0, maxWords: 3), name.start == 0, t[0..<name.end].contains(0x20),
           name.end + 5 < t.count, t[name.end] == 0x20, t[name.end + 1] == 0xE2, t[name.end + 2] == 0x80, t[name.end + 3] == 0x93 {
            var k = name.end
            while k < t.count, t[k] != 0x0A, k - name.end < 80 { k += 1 }
            if k + 1 < t.count, t[k] == 0x0A, Self.contactLabels.match(in: t, at: k + 1) != nil { add(name) }
        }
        // "… salutations distinguées.\nName", found at its "é".
        var from = 0
        while let at = find(Self.frenchClosing, anchor: Self.frenchClosing.firstIndex(of: 0xC3)!, in: t, from: from) {
            from = at + Self.frenchClosing.count
            var j = from
            if j < t.count, t[j] == 0x2E { j += 1 }
            guard j < t.count, t[j] == 0x0A, let name = readName(t, from: j + 1, maxWords: 4), name.start == j + 1,
                  restOfLineIsEmpty(t, name.end, allowSeparator: false) else { continue }
            add(name)
        }
        // "bei Name klingeln", found at "klingeln": the name is read from the "bei " before it.
        from = 0
        while let at = find(Self.bell, anchor: 0, in: t, from: from) {
            from = at + Self.bell.count
            var b = at - 1
            while b > 0, at - b < 48, !(t[b] == 0x20 && PIIBytes.hasPrefix(t, at: b - 3, lowercased: Self.bei)) { b -= 1 }
            guard b > 3, at - b < 48, let name = readName(t, from: b + 1, maxWords: 3), name.start == b + 1,
                  name.end == at - 1, t[name.end] == 0x20 else { continue }
            add(name)
        }
    }

    static let frenchClosing = Array("salutations distinguées".utf8)
    static let bell = Array("klingeln".utf8)
    static let bei = Array("bei".utf8)

    /// The next occurrence of `needle` in `t` at or after `from`: memchr to its byte at
    /// `anchor` (chosen rare: "é", "k"), memcmp for the whole.
    func find(_ needle: [UInt8], anchor: Int, in t: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = t.baseAddress else { return nil }
        var i = from + anchor
        while i < t.count, let hit = memchr(base + i, Int32(needle[anchor]), t.count - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            if at + needle.count <= t.count, needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 {
                return at
            }
            i = at + anchor + 1
        }
        return nil
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
}
