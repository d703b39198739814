// STREET_ADDRESS, Russian and Korean forms (StreetAddressDetector.swift), found at the digit of
// the house number:
// - Russian: a street-type abbreviation, the street name, ", д. N" (дом, the house) and
//   optional building parts ("к. 2" корпус, "стр. 3" строение, "/4"): "ул. Ленина, д. 5 к. 2",
//   "пр. Мира, д. 12/3" — the order Russian post uses for the street line;
// - Korean road-name addresses (도로명주소): province, city and district words, then a road name
//   ending in 로, 길, 가 or 거리, then the building number ("서울특별시 강남구 테헤란로 152",
//   "… 반포대가 67-68 (민수한문동)"), the reference district in brackets included. A word before
//   the road must end in 시, 도, 구 or 군: 로 and 가 are also common particles ("으로 120").

extension StreetAddressDetector {
    /// Russian street-type abbreviations (ул. улица, пр. проспект/проезд, пер. переулок, бул.
    /// бульвар, наб. набережная, ш. шоссе, алл. аллея, пл. площадь, туп. тупик, просп. проспект).
    static let russianStreetTypes: [[UInt8]] = ["ул.", "пр.", "пер.", "бул.", "наб.", "ш.", "алл.", "пл.", "туп.", "просп.", "проезд", "пр-т", "б-р"]
        .map { Array($0.utf8) }
    /// "д. " (дом): the house number follows.
    static let russianHouse: [UInt8] = Array("д. ".utf8)
    static let russianParts: [[UInt8]] = [" к. ", " стр. ", " корп. "].map { Array($0.utf8) }

    /// A Russian street line whose house number starts at `i`.
    func russian(_ t: UnsafeBufferPointer<UInt8>, number i: Int) -> (start: Int, end: Int)? {
        let house = Self.russianHouse
        guard i >= house.count + 4, PIIBytes.hasPrefix(t, at: i - house.count, lowercased: house),
              t[i - house.count - 1] == 0x20, t[i - house.count - 2] == 0x2C else { return nil }
        // The street: back to the start of its segment (line start, ", ", ": ", a quote).
        let streetEnd = i - house.count - 2
        var s = streetEnd
        while s > 0, t[s - 1] != 0x0A, t[s - 1] != 0x2C, t[s - 1] != 0x3A, t[s - 1] != 0x22, streetEnd - s < 80 { s -= 1 }
        while s < streetEnd, t[s] == 0x20 { s += 1 }
        guard Self.russianStreetTypes.contains(where: { type in
            PIIBytes.hasPrefix(t, at: s, lowercased: type) && s + type.count < streetEnd && t[s + type.count] == 0x20
        }) else { return nil }
        // The house number and its parts.
        var e = russianNumber(t, i)
        guard e > i else { return nil }
        for _ in 0..<2 {
            guard let part = Self.russianParts.first(where: { PIIBytes.hasPrefix(t, at: e, lowercased: $0) }) else { break }
            let next = russianNumber(t, e + part.count)
            guard next > e + part.count else { break }
            e = next
        }
        return (s, e)
    }

    /// The end of a house or building number at `i`: digits, an optional letter, an optional "/digits".
    func russianNumber(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var e = i
        while e < t.count, PIIBytes.isDigit(t[e]), e - i < 5 { e += 1 }
        guard e > i else { return i }
        if e + 1 < t.count, t[e] == 0x2F, PIIBytes.isDigit(t[e + 1]) {
            e += 1
            while e < t.count, PIIBytes.isDigit(t[e]) { e += 1 }
        }
        return e
    }

    /// Whether a Hangul syllable (U+AC00–U+D7A3) starts at `i`.
    @inline(__always)
    func hangul(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i >= 0, i + 2 < t.count else { return false }
        let c = UInt32(t[i]) << 16 | UInt32(t[i + 1]) << 8 | UInt32(t[i + 2])
        return c >= 0xEA_B080 && c <= 0xED_9EA3
    }

    /// A Korean road-name address whose building number starts at `i`.
    func korean(_ t: UnsafeBufferPointer<UInt8>, number i: Int) -> (start: Int, end: Int)? {
        // The road name ends right before " N": in 로, 길, 가 or 거리 (the last syllable checked).
        guard i >= 7, t[i - 1] == 0x20, hangul(t, i - 4) else { return nil }
        let last = UInt32(t[i - 4]) << 16 | UInt32(t[i - 3]) << 8 | UInt32(t[i - 2])
        // 로, 길, 가, or 리 as the end of 거리.
        let geori = last == 0xEB_A6AC && hangul(t, i - 7) && t[i - 7] == 0xEA && t[i - 6] == 0xB1 && t[i - 5] == 0xB0
        guard last == 0xEB_A19C || last == 0xEA_B8B8 || last == 0xEA_B080 || geori else { return nil }
        // Not the particle 으로 ("by, with": 기본값으로 120).
        if last == 0xEB_A19C, i >= 7, t[i - 7] == 0xEC, t[i - 6] == 0x9C, t[i - 5] == 0xBC { return nil }
        // Back over up to five Hangul words (digits allowed inside, as in 테헤란21거리) on this line.
        var s = i - 1, words = 0, administrative = false
        while words < 5 {
            var w = s
            while w >= 3, hangul(t, w - 3) || (w >= 1 && PIIBytes.isDigit(t[w - 1])) {
                w -= hangul(t, w - 3) ? 3 : 1
            }
            guard w < s, hangul(t, w) else { break }
            // A word before the road name ending in 시, 도, 구 or 군 (city, province, district, county).
            if words > 0, s >= 3 {
                let end = UInt32(t[s - 3]) << 16 | UInt32(t[s - 2]) << 8 | UInt32(t[s - 1])
                if end == 0xEC_8B9C || end == 0xEB_8F84 || end == 0xEA_B5AC || end == 0xEA_B5B0 { administrative = true }
            }
            words += 1
            s = w
            guard s >= 1, t[s - 1] == 0x20, s >= 4, hangul(t, s - 4) else { break }
            s -= 1
        }
        guard words >= 2, administrative else { return nil }
        // The building number ("152", "67-68") and a bracketed reference district.
        var e = i
        while e < t.count, PIIBytes.isDigit(t[e]) { e += 1 }
        if e + 1 < t.count, t[e] == 0x2D, PIIBytes.isDigit(t[e + 1]) {
            e += 1
            while e < t.count, PIIBytes.isDigit(t[e]) { e += 1 }
        }
        if e + 4 < t.count, t[e] == 0x20, t[e + 1] == 0x28, hangul(t, e + 2) {
            var k = e + 2
            while hangul(t, k) { k += 3 }
            if k < t.count, t[k] == 0x29 { e = k + 1 }
        }
        return (s, e)
    }
}
