// STREET_ADDRESS, Chinese forms (StreetAddressDetector.swift): the street part through 号
// (XX路88号, XX街XX号XX室), with the province, city and district before it on the same line.

extension StreetAddressDetector {
    // MARK: Chinese

    /// "建国路88号", "北京市朝阳区建国路88号3号楼201室", "蒋路H座": the marker 号/座 at `h`.
    func chinese(_ t: UnsafeBufferPointer<UInt8>, marker h: Int) -> (start: Int, end: Int)? {
        let isHao = t[h + 1] == 0x8F
        // The designation before the marker: digits (号), or digits or one letter (座).
        var q = h
        while q > 0, PIIBytes.isDigit(t[q - 1]) || (t[q - 1] == 0x2D && q < h) { q -= 1 }
        if q == h, !isHao, q > 0, PIIBytes.isLetter(t[q - 1]) { q -= 1 }
        guard q < h, q >= 3 else { return nil }
        // The street type right before the designation.
        guard let type = PIIBytes.ideograph(t, q - 3), zhStreetTypes.contains(type) else { return nil }
        if type == 0xE5_908C, PIIBytes.ideograph(t, q - 6) != 0xE8_83A1 { return nil }  // 同 only in 胡同
        // The street name: up to five characters back to a stop, a boundary or an administrative
        // unit (市, 区, …); the character right before the type may itself be one (广州街, 兴安盟路).
        var start = q - 3
        var nameChars = 0
        while nameChars < 5, let c = PIIBytes.ideograph(t, start - 3), !zhStops.contains(c) {
            if zhAdmin.contains(c) && nameChars > 0 { break }
            start -= 3
            nameChars += 1
        }
        guard nameChars >= 1 else { return nil }
        // Province, city and district written before it ("北京市朝阳区"), each 1–7 characters
        // before its unit character (which may follow another one: 沙市区, 吉区区).
        while let c = PIIBytes.ideograph(t, start - 3), zhAdmin.contains(c) {
            var s = start - 3
            var len = 0
            while len < 8, let d = PIIBytes.ideograph(t, s - 3), !zhStops.contains(d) {
                if zhAdmin.contains(d) && len > 0 { break }
                s -= 3
                len += 1
            }
            guard len >= 1, len <= 7 else { break }
            start = s
        }
        // Units after the marker: "院", "3号楼", "2单元", "301室".
        var end = h + 3
        for _ in 0..<5 {
            var k = end
            while k < t.count, PIIBytes.isAlnum(t[k]) || t[k] == 0x2D { k += 1 }
            guard let u = PIIBytes.ideograph(t, k), zhUnits.contains(u) else { break }
            // Without a number only 院 and 楼 may follow directly (号院, 号楼).
            if k == end, u != 0xE9_99A2, u != 0xE6_A5BC { break }
            // 单元 is two characters.
            end = u == 0xE5_8D95 && PIIBytes.ideograph(t, k + 3) == 0xE5_8583 ? k + 6 : k + 3
        }
        return (start, end)
    }
}
