// Tests for PersonDetector: names after titles, salutations, signature closings, self-
// introductions, bylines, form and header fields and Chinese honorifics/labels, in English,
// German, French, Spanish and Chinese, with exact UTF-8 byte offsets (multi-byte text before
// several spans), and hard negatives ("Dear Sir or Madam", "Hello World", "Liebe Grüße",
// "项目经理") that must give nothing. Offsets were computed from the strings' UTF-8 bytes.
import Testing
@testable import QuarryPII

@Suite struct PersonDetectorTests {
    static func spans(_ text: String, _ detector: PersonDetector = PersonDetector()) -> [(Int, Int)] {
        var found: [PIISpan] = []
        Array(text.utf8).withUnsafeBufferPointer { detector.detect(in: $0, into: &found) }
        #expect(found.allSatisfy { $0.type == .person })
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
    @Test func german() { Self.check(Self.german) }
    @Test func germanHardNegatives() { Self.check(Self.germanNegatives) }
    @Test func french() { Self.check(Self.french) }
    @Test func frenchHardNegatives() { Self.check(Self.frenchNegatives) }
    @Test func spanish() { Self.check(Self.spanish) }
    @Test func spanishHardNegatives() { Self.check(Self.spanishNegatives) }
    @Test func chinese() { Self.check(Self.chinese) }
    @Test func chineseHardNegatives() { Self.check(Self.chineseNegatives) }

    @Test func surnameAloneOnlyWhenAsked() {
        #expect(Self.spans("张先生来了。").isEmpty)
        #expect(Self.spans("张先生来了。", PersonDetector(reportSurnameOnly: true)).map { [$0.0, $0.1] } == [[0, 3]])
    }

    @Test func badInputNeverCrashes() {
        for text in ["", "D", "Dear", "Dear ", "Mr.", "先生", "姓名：", "Best regards,\n", "\u{FF}\u{FE}Mr. \u{C3}"] {
            _ = Self.spans(text)
        }
        var bytes: [UInt8] = Array("Dear Jane,".utf8) + [0xC3, 0xE5, 0x85]
        bytes.withUnsafeMutableBufferPointer { buf in
            var out: [PIISpan] = []
            PersonDetector().detect(in: UnsafeBufferPointer(buf), into: &out)
            #expect(out.allSatisfy { $0.end <= buf.count })
        }
    }
}

extension PersonDetectorTests {
    static let english: [(String, [(Int, Int)])] = [
        ("Dear Dr. Jane Doe,\nThanks for the call.", [(9, 17)]),
        ("As Mr. John Smith said yesterday.", [(7, 17)]),
        ("See you soon.\n\nBest regards,\nJane Doe\nACME Ltd.", [(29, 37)]),
        ("Hi, my name is Ludwig van Beethoven and I compose.", [(15, 35)]),
        ("Written by Mary O'Brien-Smith.", [(11, 29)]),
        ("Name: Kim H. Thompson\nPhone: 555", [(6, 21)]),
        ("From: Jeanne Gilbert <g@example.fr>\nTo: Bob", [(6, 20), (40, 43)]),
        ("日本語の説明。Dear Ms. Amélie Poulain,\n", [(30, 45)]),
        ("My colleague Ana Muñoz will call.", [(13, 23)]),
        ("Thanks,\n-- \nDeborah C. Robinson | Engineer\n", [(12, 31)]),
        ("Ship to\nJane Doe\n12 Main Street\nSpringfield", [(8, 16)]),
    ]

    static let englishNegatives: [(String, [(Int, Int)])] = [
        ("Dear Sir or Madam,\nplease find attached", []),
        ("Dear Customer,\nyour order shipped.", []),
        ("Hello World!", []),
        ("Dear all,\nthe meeting moved.", []),
        ("Hi there, how are you?", []),
        ("Hello Monday, goodbye weekend.", []),
        ("Runs on MS Windows and DR Congo.", []),
        ("I miss Paris and the dear old days.", []),
        ("name: String\nName: String", []),
        ("John M. Smith wrote the report.", []),
        ("Thanks,\nThe Team", []),
        ("Here Are 6 Can’t-Miss Gadgets Powered by Alexa", []),
        ("Don Valley | Nick Fletcher", []),
    ]

    static let german: [(String, [(Int, Int)])] = [
        ("Sehr geehrte Frau Anna Müller,\nvielen Dank.", [(18, 30)]),
        ("Mit freundlichen Grüßen\nJürgen Weiß\n", [(26, 39)]),
        ("Hallo, ich heiße Jörg Köhler.", [(18, 31)]),
        ("Miete 650 €.\n\nMfG Freya Kostolzin\n", [(20, 35)]),
        ("Lebenslauf\n\nRené Dobes\nInes-Seip-Allee 42\n61030 Bonn", [(12, 23)]),
        ("Grüße aus Köln – Herr von Weizsäcker kam.", [(27, 42)]),
    ]

    static let germanNegatives: [(String, [(Int, Int)])] = [
        ("Sehr geehrte Damen und Herren,\nanbei", []),
        ("Liebe Grüße\nund bis bald", []),
        ("Die Frau Kinder hat drei.", []),
        ("Der Herr der Ringe ist lang.", []),
        ("Liebe, Hochzeit, Babyglück? Mehr dazu.", []),
        ("Adresse:\nColosseum Theater Essen\nAltendorfer Str. 1\n45127 Essen", []),
    ]

    static let french: [(String, [(Int, Int)])] = [
        ("Objet : demande\nCher Monsieur Éric Le Roux,\nmerci.", [(30, 43)]),
        ("À bientôt.\nCordialement,\nJean Dupont\n", [(27, 38)]),
        ("Bonjour, je m'appelle Amélie.", [(22, 29)]),
        ("Réunion avec Mme Dupont à 10h.", [(18, 24)]),
    ]

    static let frenchNegatives: [(String, [(Int, Int)])] = [
        ("Cher client,\nvotre commande", []),
        ("Bonjour à tous !", []),
        ("Chère Madame,\nmerci", []),
    ]

    static let spanish: [(String, [(Int, Int)])] = [
        ("Estimada Sra. María García:\nle escribo", [(14, 28)]),
        ("Un abrazo.\n\nSaludos,\nJosé Núñez\n", [(21, 34)]),
        ("Hola, me llamo Íñigo Montoya.", [(15, 30)]),
        ("Asunto: cita\n\nHola, Graciela Arroyo,\nle escribo", [(20, 35)]),
        ("Estimado señor Evaristo Alarcón:\nHemos recibido", [(16, 33)]),
        ("Hablé con Doña Rosa del Carmen ayer.", [(17, 32)]),
    ]

    static let spanishNegatives: [(String, [(Int, Int)])] = [
        ("Hola a todos, ¿qué tal?", []),
        ("Estimado cliente:\nsu pedido", []),
        ("Saludos,\nEl equipo", []),
    ]

    static let chinese: [(String, [(Int, Int)])] = [
        ("您好，请联系王伟先生。", [(18, 24)]),
        ("联系人：李秀英\n电话：138", [(12, 21)]),
        ("姓名：欧阳娜娜\n性别：女", [(9, 21)]),
        ("收货人：张三丰电话：13812345678", [(12, 21)]),
        ("亲爱的郭涛：\n希望您一切顺利。", [(9, 15)]),
        ("此致敬礼\n赵红梅\n", [(13, 22)]),
    ]

    static let chineseNegatives: [(String, [(Int, Int)])] = [
        ("我们的项目经理和总经理都在。", []),
        ("张先生来了。", []),
        ("小姐姐你好", []),
        ("各位先生女士，欢迎！", []),
        ("安全经理/主管", []),
    ]
}

@Suite struct PersonSignatureLineTests {
    func names(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var spans: [PIISpan] = []
        bytes.withUnsafeBufferPointer { PersonDetector().detect(in: $0, into: &spans) }
        return spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func aSignatureLineAfterTwoDashesIsAName() {
        #expect(names("It worked with the patch.\n\n-- Nathan Dean\n") == ["Nathan Dean"])
        #expect(names("x -- y\n-- \n--version\n-- The End") == [])
    }

    @Test func aPostSignedOnItsLastLine() {
        #expect(names("Le service ne démarre plus.\n\nAntoinette Georges\n") == ["Antoinette Georges"])
        #expect(names("Read the docs.\n\nPrivacy Policy\n") == [])
        #expect(names("One line only\nJane Doe") == [])
    }

    @Test func aNameBeforeAnAddressInAngleBrackets() {
        #expect(names("From: Jane Doe <jane@mail-example.com>\n") == ["Jane Doe"])
        #expect(names("  \"maintainer\": \"Nichole Brown <s.schroeder@bowers.com>\"") == ["Nichole Brown"])
        #expect(names("Author: Max van der Berg <max@x.org>, Anna Weiß <a@x.org>") == ["Max van der Berg", "Anna Weiß"])
        #expect(names("write to the list <dev@x.org> or x <y>") == [])
        #expect(names("Contact Support <support@x.com>") == [])
    }

    @Test func namesAnnouncedByPhrases() {
        #expect(names("Julien Letellier – soudeur\nAdresse : 400, rue X") == ["Julien Letellier"])
        #expect(names("Privacy Policy – Terms\nRead more") == [])
        #expect(names("Veuillez agréer mes salutations distinguées.\nLouis Maréchal\n") == ["Louis Maréchal"])
        #expect(names("Abholung in Hamburg, bei Ella Jungfer klingeln.") == ["Ella Jungfer"])
        #expect(names("bei Regen klingeln wir nicht") == [])
    }

    @Test func theNameUnderACVHeading() {
        #expect(names("LEBENSLAUF Hedi Budig\nAnschrift: Hauptstraße 3") == ["Hedi Budig"])
        #expect(names("RESUME\nRichard Lee\n334 Spencer Glens") == ["Richard Lee"])
        #expect(names("简历\n黄峰 | 15542541013 | x@y.cn") == ["黄峰"])
        #expect(names("Please resume\nAll Systems Go") == [])
        #expect(names("CV\nExperience with Swift and C") == [])
    }
}

@Suite struct PersonManyNamesTests {
    /// A mailing-list page with thousands of "Name <address>" lines: every name found once, in
    /// order, and the scrubber's repeat search stays bounded (64 distinct values per document).
    @Test func thousandsOfNamesBeforeAddresses() {
        let given = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas"]
        let family = ["Adler", "Brandt", "Castro", "Dietz", "Engel", "Fuchs", "Graf", "Huber", "Ivanov", "Jansen"]
        var lines: [String] = []
        for i in 0..<3000 { lines.append("\(given[i % 10]) \(family[(i / 10) % 10]) <user\(i)@lists.example.org>") }
        let text = lines.joined(separator: "\n")
        let found = detections(of: PersonDetector(), type: .person, in: text)
        #expect(found.count == 3000)
        #expect(found.map(\.0) == found.map(\.0).sorted())
        let settings: [PIIType: PIITypeSettings] = [.person: PIITypeSettings(action: .tag), .email: PIITypeSettings(action: .tag)]
        let scrubber = PIIScrubber(types: settings, detectors: PIIDetectors.builtin())
        let result = Array(text.utf8).withUnsafeBufferPointer { scrubber.scrub($0) }
        #expect(result.spans.filter { $0.type == .person }.count == 3000)
        #expect(String(decoding: result.text ?? [], as: UTF8.self).hasPrefix("<PERSON> <<EMAIL>>\n<PERSON> <<EMAIL>>"))
    }
}
