// Tests for PhoneDetector: national and international numbers of every country issue 6 lists,
// with exact UTF-8 byte offsets (also after Chinese, German and French text), context words,
// extensions left out of the span, and the hard negatives (dates, versions, prices, order and
// tracking numbers, ISBNs, card-like numbers, IBAN digits, ranges, coordinates, ZIP+4, IPs).
// The eight-byte trigger scan is checked against a plain byte loop.
import Testing
@testable import QuarryPII

@Suite struct PhoneDetectorTests {
    let detector = PhoneDetector()

    func spans(_ s: String) -> [PIISpan] {
        var out: [PIISpan] = []
        Array(s.utf8).withUnsafeBufferPointer { detector.detect(in: $0, into: &out) }
        return out.sorted()
    }

    /// The byte range of the first occurrence of `needle` in `text`.
    func range(of needle: String, in text: String) -> (Int, Int) {
        let h = Array(text.utf8), nd = Array(needle.utf8)
        for i in 0...(h.count - nd.count) where Array(h[i..<(i + nd.count)]) == nd { return (i, i + nd.count) }
        Issue.record("\(needle) not in \(text)")
        return (-1, -1)
    }

    /// Expects exactly the listed numbers, in order, as PHONE spans of `text`.
    func expectPhones(_ text: String, _ numbers: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = numbers.map { range(of: $0, in: text) }
        let found = spans(text).map { ($0.start, $0.end) }
        #expect(found.count == expected.count && zip(found, expected).allSatisfy { $0 == $1 },
                "\(text): found \(found), expected \(expected)", sourceLocation: sourceLocation)
        #expect(spans(text).allSatisfy { $0.type == .phone }, sourceLocation: sourceLocation)
    }

    func expectNone(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = spans(text).map { ($0.start, $0.end) }
        #expect(found.isEmpty, "\(text): unexpected \(found)", sourceLocation: sourceLocation)
    }

    @Test func exactOffsetsAfterMultiByteText() {
        // "电话：" is 9 bytes; the span is the 11 digits.
        #expect(spans("电话：13812345678") == [PIISpan(.phone, start: 9, end: 20)])
        #expect(spans("Tel.:+49 30 1234567") == [PIISpan(.phone, start: 5, end: 19)])
        // "Téléphone : " is 14 bytes (two é of 2 bytes each).
        #expect(spans("Téléphone : 01 23 45 67 89") == [PIISpan(.phone, start: 14, end: 28)])
        #expect(spans("联系电话：(010) 6552-9988，谢谢") == [PIISpan(.phone, start: 15, end: 30)])
        #expect(spans("Straße 5, Telefon 030 12345678.") == [PIISpan(.phone, start: 19, end: 31)])
    }

    @Test func unitedStatesAndCanada() {
        expectPhones("Call (415) 555-2671 today", ["(415) 555-2671"])
        expectPhones("Office: 415-555-2671.", ["415-555-2671"])
        expectPhones("or 415.555.2671 after 5pm", ["415.555.2671"])
        expectPhones("Toll free 1-800-555-0199", ["1-800-555-0199"])
        expectPhones("+1 (604) 555-0134 (Vancouver)", ["+1 (604) 555-0134"])
        expectPhones("phone: 4155552671", ["4155552671"])
        expectNone("Invoice 4155552671")  // bare digits without a phone word
    }

    @Test func unitedKingdom() {
        expectPhones("Ring 020 7946 0958 or 07700 900123", ["020 7946 0958", "07700 900123"])
        expectPhones("Tel: +44 20 7946 0958", ["+44 20 7946 0958"])
        expectPhones("Tel: +44 (0)20 7946 0958", ["+44 (0)20 7946 0958"])
        expectPhones("(0113) 496 0123", ["(0113) 496 0123"])
    }

    @Test func germany() {
        expectPhones("Telefon: 030 12345678", ["030 12345678"])
        expectPhones("Zentrale (030) 123 456 78, Handy 0171 1234567", ["(030) 123 456 78", "0171 1234567"])
        expectPhones("Tel.:+49 (0)30 1234567", ["+49 (0)30 1234567"])
        expectPhones("Rückruf unter 0221/9822-0 erbeten", ["0221/9822-0"])
        expectPhones("Handy: 01711234567", ["01711234567"])
        expectNone("Bestellnummer 01711234567")
    }

    @Test func france() {
        expectPhones("Appelez le 01 23 45 67 89", ["01 23 45 67 89"])
        expectPhones("portable 06.12.34.56.78", ["06.12.34.56.78"])
        expectPhones("tél. : +33 1 23 45 67 89", ["+33 1 23 45 67 89"])
        expectPhones("+33 (0)6 12 34 56 78", ["+33 (0)6 12 34 56 78"])
    }

    @Test func spain() {
        expectPhones("Teléfono: 912 345 678", ["912 345 678"])
        expectPhones("móvil 612 34 56 78", ["612 34 56 78"])
        expectPhones("Llame al +34 612 345 678", ["+34 612 345 678"])
        expectNone("Referencia 912 345 678")
    }

    @Test func italy() {
        expectPhones("Telefono 06 1234 5678", ["06 1234 5678"])
        expectPhones("cellulare 333 123 4567", ["333 123 4567"])
        expectPhones("+39 06 1234 5678", ["+39 06 1234 5678"])
        expectPhones("+39 333 1234567", ["+39 333 1234567"])
    }

    @Test func netherlands() {
        expectPhones("Bel 020-123 4567 of 06-12345678", ["020-123 4567", "06-12345678"])
        expectPhones("telefoon +31 20 123 4567", ["+31 20 123 4567"])
    }

    @Test func chinaMobileAndLandline() {
        expectPhones("手机：13812345678", ["13812345678"])
        expectPhones("请拨打 138 1234 5678 联系", ["138 1234 5678"])
        expectPhones("北京 010-12345678，深圳 0755-1234567", ["010-12345678", "0755-1234567"])
        expectPhones("客服电话 +86 138 1234 5678", ["+86 138 1234 5678"])
        expectPhones("+86-10-12345678", ["+86-10-12345678"])
        expectPhones("联系人王先生13912345678", ["13912345678"])
        expectNone("订单号 13812345678 已发货")
    }

    @Test func japanAndKorea() {
        expectPhones("電話 03-1234-5678", ["03-1234-5678"])
        expectPhones("携帯 090-1234-5678", ["090-1234-5678"])
        expectPhones("+81 3-1234-5678", ["+81 3-1234-5678"])
        expectPhones("전화 010-1234-5678, 02-123-4567", ["010-1234-5678", "02-123-4567"])
        expectPhones("+82 10-1234-5678", ["+82 10-1234-5678"])
    }

    @Test func indiaBrazilRussia() {
        expectPhones("Mobile 98765 43210", ["98765 43210"])
        expectPhones("WhatsApp +91-98765-43210", ["+91-98765-43210"])
        expectPhones("Ligue (11) 91234-5678", ["(11) 91234-5678"])
        expectPhones("+55 11 91234-5678", ["+55 11 91234-5678"])
        expectPhones("Celular 32 2601-8159", ["32 2601-8159"])
        expectPhones("Тел 8 711 777 7412 (Алматы)", ["8 711 777 7412"])
        expectPhones("Телефон: 8 (495) 123-45-67", ["8 (495) 123-45-67"])
        expectPhones("тел. +7 912 345-67-89", ["+7 912 345-67-89"])
    }

    @Test func internationalPrefixes() {
        expectPhones("0049 30 1234567", ["0049 30 1234567"])
        expectPhones("001-415-555-2671", ["001-415-555-2671"])
        expectPhones("+41.31.322.55.11", ["+41.31.322.55.11"])
        expectPhones("E.164: +4930123456", ["+4930123456"])
        expectNone("+999 1234567")  // unassigned calling code
        expectNone("+1 234 5678")  // too short for +1
    }

    @Test func extensionsAndListsAreSplit() {
        expectPhones("555-867-5309x123", ["555-867-5309"])
        expectPhones("(415) 555-2671 ext. 12", ["(415) 555-2671"])
        expectPhones("Tel: 903-423-6671 x276", ["903-423-6671"])
        expectPhones("Tel 030 1234567 0171 7654321", ["030 1234567", "0171 7654321"])
        expectPhones("CA 94102 (415) 555-2671", ["(415) 555-2671"])
        expectPhones("电话：021-56692669 13917985004 彭玲", ["021-56692669", "13917985004"])
    }

    @Test func datesVersionsPricesAreNotPhones() {
        expectNone("Am 2023-01-15, 15.01.2023 oder 01/15/2023 und 2023年1月15日")
        expectNone("Datum: 05.12.1972 00 UTC")
        expectNone("Version 1.2.3 and build 10.0.19041")
        expectNone("Price: 1,299.00 or 1.299,00 € or $1 234 or 1 234 567,89 €")
        expectNone("Total 12 345 678 EUR")
        expectNone("[Thu Jun 18 09:14:02.946218 2026] started")
        expectNone("from 1990-2020 and 2019 2020 2021 2022")
    }

    @Test func identifiersAreNotPhones() {
        expectNone("Order #123456789")
        expectNone("Bestellnummer 1234567890")
        expectNone("订单号 202311290001")
        expectNone("ISBN 978-3-16-148410-0 and 9783161484100")
        expectNone("tracking 1Z999AA10123456784 and 9400 1000 0000 0000 0000 00")
        expectNone("Card 4111 1111 1111 1111 or 4111-1111-1111-1111 or 4111111111111111")
        expectNone("IBAN DE89 3704 0044 0532 0130 00")
        expectNone("Server 212.94.201.10 and 192.168.0.1")
        expectNone("Coordinates 48.8566, 2.3522 and 40.7128 -74.0060")
        expectNone("San Francisco, CA 94105-1234")
        expectNone("key D869 0109 0831 2D23 0C5F")
        expectNone("0000: 02 23 44 30 13 40 ac 34 df")
        expectNone("--> 012 013 023 123")
        expectNone("id=12345678901 and abc0301234567 and 0301234567abc")
        expectNone("SSN 536-22-1234")
    }

    @Test func contextWordsDecideBareRuns() {
        expectNone("0301234567")
        expectPhones("Tel 0301234567", ["0301234567"])
        expectPhones("Rufnummer: 0301234567", ["0301234567"])
        expectPhones("téléphone 0612345678", ["0612345678"])
        expectNone("Rechnung 0301234567")
        // The nearest word decides: the phone word after the order word wins.
        expectPhones("Order 12345, phone 0301234567", ["0301234567"])
        expectNone("Phone list. Order no. 0301234567")
    }

    @Test func contactListsAndChineseText() {
        // An e-mail address next to a bare number marks a contact line.
        expectPhones("capucine81@bouygtel.fr ou 0290993525", ["0290993525"])
        expectPhones("6067925037 | bethbenjamin@washington.com", ["6067925037"])
        expectNone("committer <committer@example.com> 1465981006 +0000")  // a Unix time
        expectNone("a@b.de.\nKreditkarte: 6011 5844 5897 6922 (gültig bis 06/29)")
        // CV and shipping lines in Chinese: bars and full-width commas around the number.
        expectPhones("简历\n黄峰 | 15542541013 | 王芳@测试.网络", ["15542541013"])
        expectPhones("收货信息：彭杨，16 7981-5840，崇文区长沙街165号", ["16 7981-5840"])
        // A context word speaks for the first number after it only.
        expectPhones("邮编291577。李小红女士明天会用18585732228给您回电话。", ["18585732228"])
        expectNone("流水号：19283495864")
        expectNone("主题：发票83575311490")
    }

    @Test func postcodesAndAddressesAreNotPhones() {
        expectNone("Trevo Sampaio, 18\n07453-559 Jesus")  // Brazilian CEP
        expectNone("Mombetsu, Hokkaido 094-0011 Japan")  // Japanese postcode
        expectNone("ValueError: '192.168.0.1/64' does not appear")
        expectPhones("3003 Bern +41.31.322.55.11", ["+41.31.322.55.11"])
        expectPhones("Telefon: +49 - (40) - 300 30 - 1141", ["+49 - (40) - 300 30 - 1141"])
    }

    @Test func fastTriggerScanMatchesPlainLoop() {
        let samples = [
            "", "a", "+", "(", "1", "abc123 (45) +67 x(8 9+ a+1 ((2", "电话：13812345678 and 12ab34",
            String(repeating: "word 12, (3) +4-5.6/7 ", count: 7), "++((++))00aa99ZZ--..//",
        ]
        for s in samples {
            let bytes = Array(s.utf8)
            let fast = bytes.withUnsafeBufferPointer { PhoneDetector.triggerPositions(in: $0) }
            var plain: [Int] = []
            for i in bytes.indices {
                let alnumBefore = i > 0 && PIIBytes.isAlnum(bytes[i - 1])
                let nextDigit = i + 1 < bytes.count && PIIBytes.isDigit(bytes[i + 1])
                if PIIBytes.isDigit(bytes[i]) ? !alnumBefore
                    : (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "(")) && nextDigit && !alnumBefore {
                    plain.append(i)
                }
            }
            #expect(fast == plain, "\(s)")
        }
    }

    @Test func badInputNeverCrashes() {
        for s in ["+", "(", "(1", "+1", "0" + String(repeating: "1", count: 40), String(repeating: "12 ", count: 40),
                  String(repeating: "(1)", count: 30), "\u{00A0}1\u{00A0}2", "+(0)", "1–2–3–4–5–6–7–8"] {
            _ = spans(s)
        }
        var out: [PIISpan] = []
        let bytes: [UInt8] = [0xC2, 0x30, 0x31, 0x32, 0xE2, 0x80, 0x33, 0x34, 0x35, 0x36, 0x37, 0xFF]
        bytes.withUnsafeBufferPointer { detector.detect(in: $0, into: &out) }
        #expect(out.allSatisfy { $0.start >= 0 && $0.end <= bytes.count && $0.start < $0.end })
    }
}
