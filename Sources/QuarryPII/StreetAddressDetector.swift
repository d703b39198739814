// STREET_ADDRESS: the street line of a postal address (issue 6), best effort and precision
// first, from house numbers next to street words. Forms (StreetWords.swift has the words):
//   English   "123 Main Street", "45 Elm St., Apt. 4B", "1600 Pennsylvania Avenue NW",
//             "Flat 3, 10 Downing Street": number, 1–4 capitalized words, a street type;
//   French    "12 rue de la Paix", "3, boulevard Saint-Germain": number, type, name;
//   German/Dutch "Hauptstraße 12", "Berliner Str. 45", "Kerkstraat 12a", "Am Markt 3";
//   Spanish/Italian "Calle Mayor 5, 3º B", "C/ Alcalá 45", "Via Roma, 10 Piano 2";
//   Chinese   "北京市朝阳区建国路88号", "世纪大道100号3号楼201室", faker's "蒋路H座";
//   Russian and Korean (StreetAddressOtherScripts.swift) "ул. Ленина, д. 5 к. 2", "서울특별시 강남구 테헤란로 152".
// The span is the street line only (pii-contracts.md): number, street and unit, without
// postal code and city; Chinese spans include the province/city/district prefix written on
// the same line. Triggers: the first digit of a number (found eight bytes at a time) and the
// characters 号/座; everything else is skipped without a look.

/// Finds street lines (house number + street name + unit) in English, French, German, Dutch,
/// Spanish, Italian and Chinese address forms.
public struct StreetAddressDetector: PIIDetector {
    public var types: [PIIType] { [.streetAddress] }

    let strong: CueWords
    let weak: CueWords
    let directions: CueWords
    let units: CueWords
    let germanic: [[UInt8]]
    let germanicFalse: CueWords
    let prepositions: CueWords
    let prepositionFalse: CueWords
    let romance: CueWords
    let french: CueWords
    let particles: CueWords
    let headline: CueWords
    let followers: CueWords
    let zhStreetTypes: Set<UInt32>
    let zhAdmin: Set<UInt32>
    let zhStops: Set<UInt32>
    let zhUnits: Set<UInt32>

    public init() {
        strong = CueWords(StreetWords.englishStrong)
        weak = CueWords(StreetWords.englishWeak)
        directions = CueWords(StreetWords.directions)
        units = CueWords(StreetWords.units)
        germanic = StreetWords.germanicSuffixes.map { $0.utf8.map(PIIBytes.lower) }
        germanicFalse = CueWords(StreetWords.germanicFalseFriends)
        prepositions = CueWords(StreetWords.germanPrepositions)
        prepositionFalse = CueWords(StreetWords.germanPrepositionFalseFriends)
        romance = CueWords(StreetWords.romancePrefixes)
        french = CueWords(StreetWords.frenchTypes)
        particles = CueWords(StreetWords.nameParticles)
        headline = CueWords(StreetWords.headlineWords)
        followers = CueWords(StreetWords.englishFollowers)
        zhStreetTypes = Set(PersonDetector.packChars("路街道巷弄里村同"))
        zhAdmin = Set(PersonDetector.packChars("省市区县镇乡州旗盟"))
        zhStops = Set(PersonDetector.packChars("在于住址到从往是的为位至近旁对把被让请我你他她们这那与及去来向即："))
        zhUnits = Set(PersonDetector.packChars("室楼层栋幢座号院单元户"))
    }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = text.baseAddress, text.count > 3 else { return }
        let n = text.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var lastEnd = 0
        var block = 0
        while block < n {
            var mask: UInt64 = 0
            if block + 8 <= n {
                let w = UnsafeRawPointer(base + block).loadUnaligned(as: UInt64.self)
                let low7 = w & low
                let ge30 = (low7 &+ ones &* (0x80 - 0x30)) & high
                let ge3A = (low7 &+ ones &* (0x80 - 0x3A)) & high
                let x = w ^ (ones &* 0xE5)
                let isE5 = ~(((x & low) &+ low) | x | low)
                mask = (ge30 & ~ge3A & ~w) | isE5
            } else {
                for k in block..<n where PIIBytes.isDigit(text[k]) || text[k] == 0xE5 { mask |= 0x80 << UInt64(8 * (k - block)) }
            }
            while mask != 0 {
                let i = block + mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
                guard i >= lastEnd else { continue }
                var found: (start: Int, end: Int)?
                if text[i] == 0xE5 {
                    guard i + 2 < n, i >= 3 else { continue }
                    let c = UInt32(0xE5) << 16 | UInt32(text[i + 1]) << 8 | UInt32(text[i + 2])
                    if c == 0xE5_8FB7 || c == 0xE5_BAA7 { found = chinese(text, marker: i) }  // 号, 座
                } else {
                    if i > 0, PIIBytes.isDigit(text[i - 1]) { continue }
                    // After a non-ASCII word or "д. ": the Russian and Korean forms first.
                    found = i > 1 && text[i - 1] == 0x20 && (text[i - 2] >= 0x80 || text[i - 2] == 0x2E)
                        ? russian(text, number: i) ?? korean(text, number: i) ?? western(text, number: i)
                        : western(text, number: i)
                }
                if let f = found, f.start >= lastEnd, f.end > f.start {
                    spans.append(PIISpan(.streetAddress, start: f.start, end: f.end))
                    lastEnd = f.end
                }
            }
            block += 8
        }
    }

    // MARK: Tokens

    /// A house number at `i`: 1–5 digits, an optional letter ("3a", "4B") and an optional
    /// range or fraction ("47-26", "83/53"); its end.
    func houseNumber(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j < t.count, PIIBytes.isDigit(t[j]) { j += 1 }
        guard j > i, j - i <= 5 else { return nil }
        if j < t.count, PIIBytes.isLetter(t[j]), !PIIBytes.isLetter(j + 1 < t.count ? t[j + 1] : 0x20) { j += 1 }
        if j + 1 < t.count, t[j] == 0x2D || t[j] == 0x2F, PIIBytes.isDigit(t[j + 1]) {
            var k = j + 1
            while k < t.count, PIIBytes.isDigit(t[k]) { k += 1 }
            if k - j <= 5 { j = k }
            if j < t.count, PIIBytes.isLetter(t[j]), !PIIBytes.isLetter(j + 1 < t.count ? t[j + 1] : 0x20) { j += 1 }
        }
        if j < t.count, PIIBytes.isAlnum(t[j]) || t[j] == 0x5F { return nil }
        // "3.5", "12,50", "10:30", "1.000": a number continuing with a digit is no house number.
        if j + 1 < t.count, t[j] == 0x2E || t[j] == 0x3A || t[j] == 0x2C, PIIBytes.isDigit(t[j + 1]) { return nil }
        return j
    }

    /// A word from `i`: letters (ASCII and Latin-1/Extended-A), inner hyphens, apostrophes and
    /// a final period; (end, capitalized?). Nil when no letter starts at `i`.
    func word(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (end: Int, upper: Bool)? {
        guard let first = LatinLetter.letter(t, i) else { return nil }
        var j = i + first.length
        while j < t.count {
            if let l = LatinLetter.letter(t, j) { j += l.length; continue }
            if t[j] == 0x2D || t[j] == 0x27, LatinLetter.letter(t, j + 1) != nil { j += 1; continue }
            break
        }
        if j < t.count, PIIBytes.isDigit(t[j]) { return nil }
        return (j, first.upper)
    }

    /// An ordinal street number word: "5th", "42nd", "1st", "3rd".
    func ordinal(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j < t.count, PIIBytes.isDigit(t[j]) { j += 1 }
        guard j > i, j - i <= 3, j + 2 <= t.count else { return nil }
        let a = PIIBytes.lower(t[j]), b = PIIBytes.lower(t[j + 1])
        guard (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68) else { return nil }
        if PIIBytes.alnumAt(t, j + 2) { return nil }
        return j + 2
    }

    /// Whether a whole word of `list` spans exactly `t[s..<e]` (a trailing period optional).
    @inline(__always)
    func isWord(_ list: CueWords, _ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard let m = list.match(in: t, at: s) else { return false }
        return m.end == e || (m.end == e - 1 && t[e - 1] == 0x2E)
    }

    /// The word of `list` at `s` and its end (a following period included when the list has it).
    @inline(__always)
    func listWord(_ list: CueWords, _ t: UnsafeBufferPointer<UInt8>, _ s: Int) -> Int? {
        guard s < t.count, let m = list.match(in: t, at: s) else { return nil }
        if m.end < t.count, LatinLetter.letter(t, m.end) != nil { return nil }
        return m.end
    }

    // MARK: Western forms

    func western(_ t: UnsafeBufferPointer<UInt8>, number i: Int) -> (start: Int, end: Int)? {
        let prev: UInt8 = i > 0 ? t[i - 1] : 0x0A
        if PIIBytes.isLetter(prev) || prev == 0x2E || prev == 0x2D || prev == 0x2F || prev == 0x24 || prev == 0x23
            || prev == 0x5F || prev == 0x2B || prev == 0x3D { return nil }
        guard let numEnd = houseNumber(t, i) else { return nil }
        if prev == 0x20 || prev == 0x2C || prev == 0x09, let b = backward(t, number: i, numEnd: numEnd) { return b }
        if let f = forwardFrench(t, number: i, numEnd: numEnd) { return withUnitBefore(t, f) }
        if let e = forwardEnglish(t, number: i, numEnd: numEnd) { return withUnitBefore(t, e) }
        return unitFirst(t, number: i, numEnd: numEnd)
    }

    /// Extends a street line that starts at a house number back over a British unit written
    /// first ("Flat 3, 10 Downing Street").
    func withUnitBefore(_ t: UnsafeBufferPointer<UInt8>, _ f: (start: Int, end: Int)) -> (start: Int, end: Int) {
        var j = f.start
        guard j >= 4 else { return f }
        if t[j - 1] == 0x20 { j -= 1 }
        if t[j - 1] == 0x2C { j -= 1 }
        var k = j
        while k > 0, PIIBytes.isAlnum(t[k - 1]) { k -= 1 }
        guard k < j, PIIBytes.isDigit(t[k]), k >= 2, t[k - 1] == 0x20 || t[k - 1] == 0x23 else { return f }
        var s = t[k - 1] == 0x23 ? k - 1 : k - 1
        if t[s] == 0x20 { s -= 0 }
        var w = s
        while w > 0, PIIBytes.isLetter(t[w - 1]) || t[w - 1] == 0x2E { w -= 1 }
        guard w < s, isWord(units, t, w, s) || (t[k - 1] == 0x23 && isWord(units, t, w, k - 1)) else { return f }
        return (w, f.end)
    }

    /// "12 rue de la Paix", "3, boulevard Saint-Germain", "12 bis avenue Foch".
    func forwardFrench(_ t: UnsafeBufferPointer<UInt8>, number i: Int, numEnd: Int) -> (start: Int, end: Int)? {
        var j = numEnd
        if j + 4 < t.count, t[j] == 0x20, PIIBytes.hasPrefix(t, at: j + 1, lowercased: Array("bis ".utf8)) { j += 4 }
        else if j + 4 < t.count, t[j] == 0x20, PIIBytes.hasPrefix(t, at: j + 1, lowercased: Array("ter ".utf8)) { j += 4 }
        if j < t.count, t[j] == 0x2C { j += 1 }
        guard j < t.count, t[j] == 0x20 else { return nil }
        j += 1
        guard let typeEnd = listWord(french, t, j) else { return nil }
        var k = typeEnd
        guard k < t.count, t[k] == 0x20 else { return nil }
        var end = -1
        var tokens = 0
        while tokens < 6, k < t.count {
            if t[k] == 0x20 { k += 1 }
            if let m = particles.match(in: t, at: k), m.end > k,
               LatinLetter.letter(t, m.end) == nil || t[m.end - 1] == 0x27 || t[m.end - 1] == 0x99 {
                let p = m.end
                // "d'Alésia", "l'Église" run into the next word; "de la" is followed by a blank.
                k = p
                tokens += 1
                continue
            }
            guard let w = word(t, k), w.upper else { break }
            end = w.end
            k = w.end
            tokens += 1
            guard k < t.count, t[k] == 0x20 else { break }
        }
        guard end > 0 else { return nil }
        return (i, end)
    }

    /// "123 Main Street", "45 Elm St., Apt. 4B", "1600 Pennsylvania Avenue NW".
    func forwardEnglish(_ t: UnsafeBufferPointer<UInt8>, number i: Int, numEnd: Int) -> (start: Int, end: Int)? {
        var k = numEnd
        // "06, Subramanian Street" (Indian and some British writing): a comma after a short number.
        var comma = false
        if k + 2 < t.count, t[k] == 0x2C, numEnd - i <= 3 || t[i..<numEnd].contains(0x2F) { k += 1; comma = true }
        guard k + 2 < t.count, t[k] == 0x20 else { return nil }
        k += 1
        // An optional compass direction before the name ("W 42nd St").
        if let d = listWord(directions, t, k), PIIBytes.isUpper(t[k]), d < t.count, t[d] == 0x20 { k = d + 1 }
        var names = 0
        var typeEnd = -1
        var typeStrong = false
        var tokens = 0
        while tokens < 5, k < t.count {
            var wEnd: Int
            if let o = ordinal(t, k) { wEnd = o }
            else if let w = word(t, k), w.upper { wEnd = w.end }
            else { break }
            if names > 0, let s = listWord(strong, t, k), s >= wEnd {
                typeEnd = s
                typeStrong = true
            } else if names > 0, let s = listWord(weak, t, k), s >= wEnd {
                typeEnd = s
                typeStrong = false
            } else {
                if isWord(headline, t, k, wEnd) { return nil }
                if typeEnd > 0 { break }  // a word after the type ends the street ("… Street London")
                names += 1
            }
            tokens += 1
            k = max(wEnd, typeEnd > 0 ? typeEnd : wEnd)
            guard k + 1 < t.count, t[k] == 0x20 else { break }
            k += 1
        }
        guard typeEnd > 0, !comma || typeStrong else { return nil }
        var end = typeEnd
        // A direction after the type ("Avenue NW").
        if end + 1 < t.count, t[end] == 0x20, PIIBytes.isUpper(t[end + 1]), let d = listWord(directions, t, end + 1) {
            end = d
        }
        var unit = false
        if let u = unitAfter(t, end) { end = u; unit = true }
        if !unit && !endsStreet(t, end, strong: typeStrong) { return nil }
        return (i, end)
    }

    /// A unit after a street line: "[,] Apt. 4B", " Suite 200", " #12", ", 3º B", " Piso 3".
    func unitAfter(_ t: UnsafeBufferPointer<UInt8>, _ e: Int) -> Int? {
        var j = e
        if j < t.count, t[j] == 0x2C { j += 1 }
        guard j + 1 < t.count, t[j] == 0x20 else { return nil }
        j += 1
        if t[j] == 0x23 {
            return unitValue(t, j + 1)
        }
        // Spanish floor and door: "3º B", "2ª", "1º izda".
        if PIIBytes.isDigit(t[j]) {
            var k = j
            while k < t.count, PIIBytes.isDigit(t[k]) { k += 1 }
            guard k - j <= 2, k + 1 < t.count else { return nil }
            let ord = (t[k] == 0xC2 && (t[k + 1] == 0xBA || t[k + 1] == 0xAA || t[k + 1] == 0xB0))
            guard ord else { return nil }
            k += 2
            if k + 1 < t.count, t[k] == 0x20, let w = word(t, k + 1), w.end - (k + 1) <= 5 {
                k = w.end
            } else if k < t.count, PIIBytes.isLetter(t[k]), !PIIBytes.alnumAt(t, k + 1) { k += 1 }
            return k
        }
        guard let w = word(t, j), w.upper || t[j] == 0x23 else { return nil }
        var wEnd = w.end
        if wEnd < t.count, t[wEnd] == 0x2E { wEnd += 1 }
        guard isWord(units, t, j, wEnd) else { return nil }
        var k = wEnd
        if k < t.count, t[k] == 0x20 { k += 1 }
        if k < t.count, t[k] == 0x23 { k += 1 }
        return unitValue(t, k)
    }

    /// The number or letter of a unit: "4B", "200", "B", "12-3"; its end.
    func unitValue(_ t: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int? {
        var k = j
        while k < t.count, PIIBytes.isAlnum(t[k]) || (t[k] == 0x2D && k > j) { k += 1 }
        guard k > j, k - j <= 6 else { return nil }
        // A unit value has a digit or is a single letter.
        var digit = false
        for x in j..<k where PIIBytes.isDigit(t[x]) { digit = true }
        guard digit || k - j == 1 else { return nil }
        if t[k - 1] == 0x2D { k -= 1 }
        return k
    }

    /// Whether an English street line may end at `e`: at the end of its line or clause; for
    /// the strong street types also before a city, a ZIP code or a linking word.
    func endsStreet(_ t: UnsafeBufferPointer<UInt8>, _ e: Int, strong: Bool) -> Bool {
        guard e < t.count else { return true }
        var j = e
        let b = t[j]
        if b == 0x0A || b == 0x0D || b == 0x2C || b == 0x3B || b == 0x29 || b == 0x7C || b == 0x22 || b == 0x27
            || b == 0x3C || b == 0x5D || b == 0x7D { return true }
        if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A { return j + 1 >= t.count || !PIIBytes.isAlnum(t[j + 1]) }
        guard b == 0x20 || b == 0x09 else { return b >= 0x80 }
        while j < t.count, t[j] == 0x20 || t[j] == 0x09 { j += 1 }
        guard j < t.count else { return true }
        if !strong { return t[j] == 0x0A || t[j] == 0x28 || t[j] == 0x2D }
        let c = t[j]
        if PIIBytes.isDigit(c) || c >= 0x80 || c == 0x28 || c == 0x2D || c == 0x0A { return true }
        if PIIBytes.isUpper(c) { return true }
        if let w = word(t, j), isWord(followers, t, j, w.end) { return true }
        return false
    }

    /// British "Flat 17\nJanet Meadows", "Studio 12, Fox Parks": a unit, then the street name
    /// and type without a house number.
    func unitFirst(_ t: UnsafeBufferPointer<UInt8>, number i: Int, numEnd: Int) -> (start: Int, end: Int)? {
        guard i >= 5, t[i - 1] == 0x20 else { return nil }
        var w = i - 1
        while w > 0, PIIBytes.isLetter(t[w - 1]) || t[w - 1] == 0x2E { w -= 1 }
        guard w < i - 1, PIIBytes.isUpper(t[w]), isWord(units, t, w, i - 1) else { return nil }
        var j = numEnd
        if j < t.count, t[j] == 0x2C { j += 1 }
        guard j < t.count, t[j] == 0x0A || t[j] == 0x20 else { return nil }
        j += 1
        // The street name and type: reuse the English reader by pretending a number precedes.
        var k = j
        var names = 0
        var end = -1
        while names < 4, k < t.count, let x = word(t, k), x.upper {
            if names > 0, let s = listWord(strong, t, k) ?? listWord(weak, t, k), s >= x.end { end = s; break }
            names += 1
            k = x.end
            guard k + 1 < t.count, t[k] == 0x20 else { break }
            k += 1
        }
        guard end > 0, endsStreet(t, end, strong: false) || endsStreet(t, end, strong: true) else { return nil }
        return (w, end)
    }

    /// German, Dutch, Spanish and Italian lines where the number follows the street.
    func backward(_ t: UnsafeBufferPointer<UInt8>, number i: Int, numEnd: Int) -> (start: Int, end: Int)? {
        // Years and long numbers are not house numbers after a street name ("Spring 2023").
        let digits = numEnd - i
        var d = i
        while d < numEnd, PIIBytes.isDigit(t[d]) { d += 1 }
        if d - i >= 4 {
            let y = (Int(t[i]) - 48) * 1000 + (Int(t[i + 1]) - 48) * 100
            if y == 1900 || y == 2000 || d - i > 4 { return nil }
        }
        _ = digits
        var e = i - 1
        guard e > 0 else { return nil }
        if t[e] == 0x2C { return nil }
        if t[e - 1] == 0x2C { e -= 1 }  // "Via Roma, 10"
        // The token before the number.
        var s = e
        while s > 0, e - s < 60 {
            let b = t[s - 1]
            if PIIBytes.isLetter(b) || b == 0x2D || b == 0x2E || b == 0x2F || b == 0x27 { s -= 1; continue }
            if b >= 0x80, LatinLetter.letterBefore(t, s) { s -= 2; continue }
            break
        }
        guard s < e else { return nil }
        var start = -1
        var after = numEnd
        while after < t.count, t[after] == 0x20 { after += 1 }
        let lineEnds = after >= t.count || t[after] == 0x2C || t[after] == 0x0A || t[after] == 0x0D
        if let g = germanic(t, tokenStart: s, tokenEnd: e, lineEnds: lineEnds) { start = g }
        else if let r = romancePrefix(t, tokenStart: s, tokenEnd: e) { start = r }
        else if let p = preposition(t, tokenStart: s, tokenEnd: e, number: i, numEnd: numEnd) { start = p }
        guard start >= 0 else { return nil }
        var end = numEnd
        if let u = unitAfter(t, end) { end = u }
        return (start, end)
    }

    /// "Hauptstraße", "Kerkstraat", "Karl-Marx-Str.", or "Berliner Straße" (a standalone
    /// street word after a capitalized word): the start of the street name.
    func germanic(_ t: UnsafeBufferPointer<UInt8>, tokenStart s: Int, tokenEnd e: Int, lineEnds: Bool) -> Int? {
        guard let first = LatinLetter.letter(t, s), first.upper else { return nil }
        var suffixLen = 0
        for suf in germanic where e - s >= suf.count {
            if PIIBytes.hasPrefix(t, at: e - suf.count, lowercased: suf) { suffixLen = suf.count; break }
        }
        guard suffixLen > 0 else { return nil }
        if isWord(germanicFalse, t, s, e) && e - s != suffixLen { return nil }
        let standalone = e - s == suffixLen
        // "ring", "park", "hof", "pad" only as a separate word or after a hyphen ("Danielle-Dobes-Ring").
        let suffix = t[e - suffixLen]
        if !standalone, suffixLen <= 4, PIIBytes.isLetter(suffix) {
            let before = t[e - suffixLen - 1] | 0x20
            if PIIBytes.hasPrefix(t, at: e - suffixLen, lowercased: Array("ring".utf8)) {
                // "Heydrichring", "Kaiser-Wilhelm-Ring" but not "Spring", "String", "Offering".
                // After a vowel, p, t or b the word may be English: then the line must end after the number.
                if before == 0x61 || before == 0x65 || before == 0x69 || before == 0x6F || before == 0x75
                    || before == 0x70 || before == 0x74 || before == 0x62, !lineEnds { return nil }
            } else if PIIBytes.hasPrefix(t, at: e - suffixLen, lowercased: Array("park".utf8))
                        || PIIBytes.hasPrefix(t, at: e - suffixLen, lowercased: Array("wall".utf8)) {
                if t[e - suffixLen - 1] != 0x2D { return nil }
            }
        }
        // All letters, hyphens and a final period only.
        var j = s
        while j < e {
            if let l = LatinLetter.letter(t, j) { j += l.length; continue }
            if t[j] == 0x2D || (t[j] == 0x2E && j == e - 1) || t[j] == 0x27 { j += 1; continue }
            return nil
        }
        if !standalone { return s }
        // A standalone street word needs the capitalized name before it ("Berliner Str.").
        guard s >= 2, t[s - 1] == 0x20 else { return nil }
        var ws = s - 1
        while ws > 0, LatinLetter.letterBefore(t, ws) || t[ws - 1] == 0x2D {
            ws -= (t[ws - 1] < 0x80) ? 1 : 2
        }
        guard ws < s - 1, let w = word(t, ws), w.upper, w.end == s - 1 else { return nil }
        if isWord(headline, t, ws, s - 1) { return nil }
        return ws
    }

    /// "Calle Mayor", "Avenida de América", "C/ Alcalá", "Via Roma": walks back over the
    /// street name to its type word; the start of the type word.
    func romancePrefix(_ t: UnsafeBufferPointer<UInt8>, tokenStart: Int, tokenEnd: Int) -> Int? {
        var s = tokenStart
        var e = tokenEnd
        var names = 0
        for _ in 0..<7 {
            guard s < e else { return nil }
            if t[s] == 0x43 && s + 1 < e && t[s + 1] == 0x2F {
                // "C/Alcalá" written together.
                return names > 0 || e - s > 2 ? s : nil
            }
            if names > 0, PIIBytes.isUpper(t[s]) || t[s] >= 0x80, isWord(romance, t, s, e) { return s }
            if let w = word(t, s), w.end == e || (w.end == e - 1 && t[e - 1] == 0x2E) {
                if w.upper { names += 1 }
                else if !isWord(particles, t, s, e) { return nil }
            } else if !(isWord(particles, t, s, e)) {
                return nil
            }
            // The previous token.
            guard s >= 2, t[s - 1] == 0x20 else { return nil }
            e = s - 1
            s = e
            while s > 0, t[s - 1] != 0x20, t[s - 1] != 0x0A, t[s - 1] != 0x09, e - s < 40 { s -= 1 }
        }
        return nil
    }

    /// "Am Markt 3", "An der Kirche 5": 1–2 capitalized words after a German preposition,
    /// a number of at most three digits, then the end of the line or clause.
    func preposition(_ t: UnsafeBufferPointer<UInt8>, tokenStart s: Int, tokenEnd e: Int, number i: Int, numEnd: Int) -> Int? {
        var digits = 0
        for x in i..<numEnd where PIIBytes.isDigit(t[x]) { digits += 1 }
        guard digits <= 3, let w = word(t, s), w.upper, w.end == e, !isWord(prepositionFalse, t, s, e) else { return nil }
        // Followed by the end of the line, a comma, or a postal code.
        var j = numEnd
        while j < t.count, t[j] == 0x20 { j += 1 }
        guard j >= t.count || t[j] == 0x2C || t[j] == 0x0A || t[j] == 0x0D || t[j] == 0x3B || t[j] == 0x29 || t[j] == 0x7C
                || (PIIBytes.isDigit(t[j]) && j > numEnd) else { return nil }
        // The preposition: one word ("Am") or two ("An der") before the name.
        guard s >= 3, t[s - 1] == 0x20 else { return nil }
        for back in [3, 6, 7, 8, 9, 10, 11] where s - back >= 0 {
            let p = s - back
            guard PIIBytes.isUpper(t[p]), p == 0 || !PIIBytes.isAlnum(t[p - 1]) else { continue }
            if let m = prepositions.match(in: t, at: p), m.end == s - 1 { return p }
        }
        return nil
    }
}
