// Tests for StreetAddressDetector: street lines in English (US/UK), German, Dutch, French,
// Spanish, Italian and Chinese forms with exact UTF-8 byte offsets (multi-byte text before
// several spans), units ("Apt. 4B", "3º B", "3号楼201室"), and hard negatives: counts, versions,
// years, dates, prices, "Route 66", headlines ("10 Best Park Avenue Restaurants").
// Offsets were computed from the strings' UTF-8 bytes.
import Testing
@testable import QuarryPII

@Suite struct StreetAddressDetectorTests {
    static func spans(_ text: String) -> [(Int, Int)] {
        var found: [PIISpan] = []
        Array(text.utf8).withUnsafeBufferPointer { StreetAddressDetector().detect(in: $0, into: &found) }
        #expect(found.allSatisfy { $0.type == .streetAddress })
        return found.sorted().map { ($0.start, $0.end) }
    }

    static func check(_ cases: [(String, [(Int, Int)])]) {
        for (text, expected) in cases {
            let got = spans(text)
            #expect(got.map { [$0.0, $0.1] } == expected.map { [$0.0, $0.1] }, "\(text)")
        }
    }

    @Test func english() { Self.check(Self.english) }
    @Test func englishHardNegatives() { Self.check(Self.englishNegatives) }
    @Test func germanAndDutch() { Self.check(Self.german) }
    @Test func germanHardNegatives() { Self.check(Self.germanNegatives) }
    @Test func french() { Self.check(Self.french) }
    @Test func frenchHardNegatives() { Self.check(Self.frenchNegatives) }
    @Test func spanishAndItalian() { Self.check(Self.spanish) }
    @Test func spanishHardNegatives() { Self.check(Self.spanishNegatives) }
    @Test func chinese() { Self.check(Self.chinese) }
    @Test func chineseHardNegatives() { Self.check(Self.chineseNegatives) }

    /// Every form faker 40.63.0 writes for `street_address()` in the covered locales (a sample
    /// from scripts/reference/pii_set.py's generator) is found whole.
    @Test func fakerForms() {
        for line in ["141 Hodges Mountains", "17066 Heather Grove Apt. 915", "8 Middleton Street",
                     "Röhrdanzplatz 83/53", "Spießstr. 92", "Danielle-Dobes-Ring 0", "214, avenue Charlotte Gilles",
                     "95, chemin de Fernandez", "Pasadizo de Omar Osuna 94", "Ronda Lucila Andres 837 Puerta 3",
                     "Via Elisa, 991 Appartamento 84", "Viale Gioachino, 96 Piano 1", "Lucasboulevard 7",
                     "Sterresingel 35", "Thomstraat 7"] {
            let text = "Address:\n" + line + "\n"
            #expect(Self.spans(text).map { [$0.0, $0.1] } == [[9, 9 + line.utf8.count]], "\(line)")
        }
    }

    @Test func badInputNeverCrashes() {
        for text in ["", "1", "12 ", "号", "1号", "路1号", "12 rue", "Calle 5", "\u{FF}12 Main St"] { _ = Self.spans(text) }
        var bytes: [UInt8] = Array("12 Main Street".utf8) + [0xE5, 0x8F]
        bytes.withUnsafeMutableBufferPointer { buf in
            var out: [PIISpan] = []
            StreetAddressDetector().detect(in: UnsafeBufferPointer(buf), into: &out)
            #expect(out.allSatisfy { $0.end <= buf.count })
        }
    }
}

extension StreetAddressDetectorTests {
    static let english: [(String, [(Int, Int)])] = [
        ("Send it to 123 Main Street, Springfield, IL 62701.", [(11, 26)]),
        ("Office: 45 Elm St., Apt. 4B\nBoston", [(8, 27)]),
        ("The White House, 1600 Pennsylvania Avenue NW, Washington", [(17, 44)]),
        ("Flat 3, 10 Downing Street\nLondon", [(0, 25)]),
        ("78128 Wood Street Apt. 704\nNew York", [(0, 26)]),
        ("住所：350 Fifth Avenue, New York", [(9, 25)]),
    ]

    static let englishNegatives: [(String, [(Int, Int)])] = [
        ("I bought 3 apples and 2 pears.", []),
        ("Chapter 12 Street Fighter returns.", []),
        ("Upgrade to Windows 10 in 2023 for $12.50.", []),
        ("Get your kicks on Route 66.", []),
        ("The 10 Best Park Avenue Restaurants", []),
        ("Meet on 12 May 2023 at 10:30.", []),
    ]

    static let german: [(String, [(Int, Int)])] = [
        ("Hauptstraße 12, 10115 Berlin", [(0, 15)]),
        ("Anschrift:\nAm Markt 3a\n12345 Musterstadt", [(11, 22)]),
        ("Büro in der Berliner Str. 45, Essen", [(13, 29)]),
        ("Adres: Kerkstraat 12, Amsterdam", [(7, 20)]),
        ("Wohnung: Jens-Drubin-Straße 47-26\n", [(9, 34)]),
    ]

    static let germanNegatives: [(String, [(Int, Int)])] = [
        ("Im Jahr 2023 stieg der Umsatz.", []),
        ("Spring 2023 collection", []),
        ("Der Listenplatz 1 ging an sie.", []),
    ]

    static let french: [(String, [(Int, Int)])] = [
        ("Adresse : 12 rue de la Paix, 75002 Paris", [(10, 27)]),
        ("Siège : 5 avenue des Champs-Élysées, Paris", [(9, 38)]),
        ("Café, 3, boulevard Saint-Germain\n75005 Paris", [(7, 33)]),
        ("Salle (3, rue du Château d’Eau, Paris)", [(7, 33)]),
    ]

    static let frenchNegatives: [(String, [(Int, Int)])] = [
        ("Prévoir 3 place settings.", []),
        ("Il y a 12 rues dans le village.", []),
    ]

    static let spanish: [(String, [(Int, Int)])] = [
        ("Dirección: Calle Mayor 5, 3º B, 28013 Madrid", [(12, 32)]),
        ("Oficina en Avenida de América 12, Madrid", [(11, 33)]),
        ("Envío: C/ Alcalá 45\n28014 Madrid", [(8, 21)]),
        ("Indirizzo: Via Roma, 10 Piano 2\nMilano", [(11, 31)]),
    ]

    static let spanishNegatives: [(String, [(Int, Int)])] = [
        ("Hace 5 años que vivo aquí.", []),
        ("Llegamos el 12 de mayo de 2023.", []),
    ]

    static let chinese: [(String, [(Int, Int)])] = [
        ("地址：北京市朝阳区建国路88号\n电话", [(9, 41)]),
        ("公司位于上海市浦东新区世纪大道100号3号楼201室。", [(12, 64)]),
        ("我住在建国路88号。", [(9, 23)]),
        ("寄到蒋路H座", [(6, 16)]),
    ]

    static let chineseNegatives: [(String, [(Int, Int)])] = [
        ("这是第88号选手。", []),
        ("2023年5月12日", []),
        ("请拨打88号窗口", []),
    ]
}

@Suite struct StreetAddressOtherScriptTests {
    func streets(_ text: String) -> [String] {
        detections(of: StreetAddressDetector(), type: .streetAddress, in: text).map(\.2)
    }

    @Test func russianStreetLines() {
        #expect(streets("Lieferung an: Anna Holsten, пер. Свердлова, д. 4/4 стр. 1, 654463 г. Тверь") == ["пер. Свердлова, д. 4/4 стр. 1"])
        #expect(streets("Адрес: ул. Ленина, д. 5 к. 2\n") == ["ул. Ленина, д. 5 к. 2"])
        #expect(streets("бул. 60 лет СССР, д. 75") == ["бул. 60 лет СССР, д. 75"])
        #expect(streets("Всего 5 шт., д. 3 раза") == [])
    }

    @Test func koreanRoadNameAddresses() {
        #expect(streets("Address: 서울특별시 강남구 테헤란로 152, 06236") == ["서울특별시 강남구 테헤란로 152"])
        #expect(streets("pick-up at 전라남도 계룡시 반포대가 67-68 (민수한문동), ask") == ["전라남도 계룡시 반포대가 67-68 (민수한문동)"])
        #expect(streets("대전광역시 동구 테헤란21거리 739 (정웅성읍)") == ["대전광역시 동구 테헤란21거리 739 (정웅성읍)"])
        #expect(streets("우리 마을 도현박리 281 명") == [])
        #expect(streets("요청의 상태코드가 401 이면") == [])
        #expect(streets("세계 표준시로 1970 년") == [])
        #expect(streets("추가로 내부용도로 10-20 개") == [])
        #expect(streets("오늘 3 개") == [])
    }
}
