// Tests for CREDIT_CARD: the networks' test card numbers in the print layouts people use, in
// English, German, French, Spanish and Chinese text with exact byte offsets; hard negatives
// (Luhn-invalid numbers, ISBN-13, tracking and order numbers, IBANs, longer digit chains,
// mixed separators, glued numbers); and the issuer table's prefixes and lengths.
import Testing
@testable import QuarryPII

@Suite struct CreditCardDetectorTests {
    let detector = CreditCardDetector()

    func finds(_ marked: String) -> Bool { idsFindsExactly(detector, .creditCard, marked) }

    @Test func printLayoutsInFiveLanguages() {
        #expect(finds("Please charge my Visa ⟦4111 1111 1111 1111⟧, exp. 12/27."))
        #expect(finds("Kartennummer: ⟦5555-5555-5555-4444⟧ (Mastercard), gültig bis 03/26"))
        #expect(finds("Carte American Express n° ⟦3782 822463 10005⟧ au nom de M. Dupont."))
        #expect(finds("Número de tarjeta: ⟦6011111111111117⟧; caduca el 05/28."))
        #expect(finds("信用卡号：⟦3530111333300000⟧，有效期至2027年。"))
        #expect(finds("银联卡⟦6200 0000 0000 0005⟧已绑定"))
        #expect(finds("Diners ⟦3056 930902 5904⟧ and Visa-13 ⟦4222222222222⟧ and 19 digits ⟦4111 1111 1111 1111 110⟧."))
        #expect(finds("Mastercard 2-series: ⟦2223000048400011⟧\n"))
        #expect(finds("⟦4012888888881881⟧"))
    }

    @Test func exactOffsetsAfterMultiByteText() {
        let text = Array("卡号：4111-1111-1111-1111。".utf8)
        #expect(idsDetect(detector, text) == [PIISpan(.creditCard, start: 9, end: 28)])
    }

    @Test func hardNegatives() {
        // Luhn-invalid card-like numbers.
        #expect(finds("Visa 4111 1111 1111 1112 declined"))
        #expect(finds("Karte 5555555555554445"))
        // ISBN-13, even one that happens to pass Luhn (978... is no issuer's prefix).
        #expect(finds("ISBN 978-3-16-148410-0 and 9783161000072"))
        // Tracking numbers: UPS, USPS (22 digits), FedEx (12 digits in threes of four).
        #expect(finds("UPS 1Z999AA10123456784, USPS 9400 1000 0000 0000 0000 00, FedEx 7712 3456 7890"))
        // An order number that passes Luhn but has no issuer prefix.
        #expect(finds("Bestellnummer 1234567890123452 vom 3.4.2024"))
        // IBANs in both forms.
        #expect(finds("IBAN DE89 3704 0044 0532 0130 00 / DE89370400440532013000"))
        // A fifth group makes a longer number; a group in front does too.
        #expect(finds("1234 5678 9012 3456 7890 and 4111 1111 1111 1111 1111"))
        #expect(finds("Réf. 12 4111 1111 1111 1111"))
        // Mixed separators, double spaces, wrong grouping.
        #expect(finds("4111-1111 1111-1111 or 4111  1111  1111  1111 or 41111 11111 111111"))
        // Glued to letters, digits or a decimal point.
        #expect(finds("ID4111111111111111 4111111111111111a 3.4111111111111111 4111111111111111.5"))
        // Valid Luhn but a length the issuer does not use (Visa 15, Amex 16).
        #expect(finds("411111111111116 and 3782822463100050"))
        // Too short and too long.
        #expect(finds("41111111116 and 41111111111111111113"))
        // 数字串 in Chinese order text.
        #expect(finds("订单号：20240315123456789，金额 ¥1,299.00"))
    }

    @Test func numbersInsideOtherIdentifiers() {
        // Each of these digit strings alone would be a card number (prefix, length, Luhn)…
        for number in ["659015946117", "66744800965430", "360202200501130850"] {
            #expect(Luhn.isValid(Array(number.utf8)) && CardIssuers.issuer(of: Array(number.utf8)) != nil, "\(number)")
        }
        // …but here they are part of a Slack token, the print form of an IBAN, or a valid
        // Chinese resident ID (left to CNResidentIDDetector).
        #expect(finds("slackToken = \"xoxp-659015946117-373379909317-gnukkvfns9e5362y\""))
        #expect(finds("SLACK_BOT_TOKEN=xoxb-602386855020-329706560425-gje9v8u1976926sj"))
        #expect(finds("should be paid to IBAN GB94 FWGE 6674 4800 9654 30 within 14 days"))
        #expect(finds("身份证号码：360202200501130850"))
        // A German mobile number in E.164 form has a Visa-13 shape (and passes Luhn).
        #expect(Luhn.isValid(Array("4915112345678".utf8)))
        #expect(finds("Tel. +4915112345678"))
        // A card after a word and a space is still a card.
        #expect(finds("VISA ⟦4111 1111 1111 1111⟧ and JCB ⟦3513 7093 9425 9634⟧"))
    }

    @Test func candidatesStopAtSentenceEnds() {
        #expect(finds("Visa ⟦4111111111111111⟧. Next ⟦5105 1051 0510 5100⟧, then more."))
        #expect(finds("(⟦378282246310005⟧)"))
    }

    @Test func issuersByPrefixAndLength() {
        func issuer(_ s: String) -> String? { CardIssuers.issuer(of: Array(s.utf8)) }
        #expect(issuer("4111111111111111") == "visa" && issuer("4222222222222") == "visa")
        #expect(issuer("411111111111116") == nil)  // Visa has no 15-digit numbers
        #expect(issuer("5555555555554444") == "mastercard")
        #expect(issuer("2221000000000009") == "mastercard" && issuer("2720990000000007") == "mastercard")
        #expect(issuer("2220990000000002") == nil && issuer("2721000000000004") == nil)
        #expect(issuer("378282246310005") == "amex" && issuer("3782822463100050") == nil)
        #expect(issuer("6011111111111117") == "discover" && issuer("6221260000000000") == "discover")
        #expect(issuer("6221250000000001") == "unionpay" && issuer("6200000000000005") == "unionpay")
        #expect(issuer("3530111333300000") == "jcb" && issuer("30569309025904") == "diners")
        #expect(issuer("3513709394259634") == "jcb" && issuer("3596700513693258") == "jcb")
        #expect(issuer("501800000009") == "maestro" && issuer("675900000000") == "maestro")
        #expect(issuer("9783161000072") == nil && issuer("1234567890123452") == nil)
        #expect(issuer("4111") == nil && issuer("41111a1111111111") == nil)
    }

    @Test func noiseNeverBreaksSpans() {
        for seed in UInt64(1)...UInt64(20) { #expect(idsSurvivesNoise(detector, seed: seed), "seed \(seed)") }
    }
}

@Suite struct CreditCardCueTests {
    func cards(_ text: String) -> Int {
        var spans: [PIISpan] = []
        Array(text.utf8).withUnsafeBufferPointer { CreditCardDetector().detect(in: $0, into: &spans) }
        return spans.count
    }

    @Test func aBareNumberAfterATrackingOrOrderWordIsNoCard() {
        // 663367305500 passes Luhn with a Maestro prefix.
        #expect(cards("快递单号663367305500。") == 0)
        #expect(cards("Tracking number: 663367305500") == 0)
        #expect(cards("Karte 663367305500") == 1)
        #expect(cards("Card: 4111 1111 1111 1111, order 12") == 1)
    }
}
