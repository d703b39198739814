// Tests for EmailDetector: addresses in English, German, French, Spanish and Chinese text with
// exact UTF-8 byte offsets (multi-byte text before the span), internationalized local parts and
// domains, and hard negatives (retina image names, package versions, handles, bad dots).
import Testing
@testable import QuarryPII

@Suite struct EmailDetectorTests {
    /// The detected spans as (start, end) and as text.
    func detect(_ s: String) -> [(Int, Int, String)] { detections(of: EmailDetector(), type: .email, in: s) }

    func found(_ s: String) -> [String] { detect(s).map(\.2) }

    @Test func exactOffsetsAfterMultiByteText() {
        // "Grüße" has two 2-byte letters: the address starts at byte 22, not 20.
        let de = detect("Grüße an Anna unter anna.mueller@example.de.")
        #expect(de.count == 1 && de[0].0 == 22 && de[0].1 == 45)
        #expect(de.first?.2 == "anna.mueller@example.de")
        // Each CJK character is three bytes: "订单相关问题请发邮件至" is 11 of them.
        let zh = detect("订单相关问题请发邮件至service@shop.cn。")
        #expect(zh.count == 1 && zh[0].0 == 33 && zh[0].1 == 48)
        let fr = detect("Écrivez à « contact@société.fr » svp")
        #expect(fr.count == 1 && fr[0].0 == 15 && fr[0].1 == 35 && fr[0].2 == "contact@société.fr")
    }

    @Test func addressesInFiveLanguages() {
        #expect(found("Questions? Contact us at john.smith+orders@gmail.com or call.") == ["john.smith+orders@gmail.com"])
        #expect(found("Für Fragen schreiben Sie bitte an <k.schulz@web.de>.") == ["k.schulz@web.de"])
        #expect(found("Pour toute question, écrivez à marie_dupont@orange.fr !") == ["marie_dupont@orange.fr"])
        #expect(found("Para dudas escriba a soporte@tienda-online.es, gracias.") == ["soporte@tienda-online.es"])
        #expect(found("客服邮箱：kefu2023@163.com，客服电话：400-800-1234") == ["kefu2023@163.com"])
        #expect(found("mailto:ann@x.org\n\"bob@y.co.uk\" (carl@z.io)") == ["ann@x.org", "bob@y.co.uk", "carl@z.io"])
    }

    @Test func internationalizedAddresses() {
        #expect(found("Schreib an müller@bücher.de bitte") == ["müller@bücher.de"])
        #expect(found("请联系：用户@例子.中国") == ["用户@例子.中国"])
        #expect(found("邮件发到 客服@example.中国 即可") == ["客服@example.中国"])
        #expect(found("José: josé.garcía@señor.es") == ["josé.garcía@señor.es"])
        #expect(found("punycode ann@xn--bcher-kva.de and ann@example.xn--fiqs8s") == ["ann@xn--bcher-kva.de", "ann@example.xn--fiqs8s"])
        // An ASCII local part stops at CJK text before it; an ASCII TLD stops at CJK after it.
        #expect(found("邮箱ann@x.cn联系我们") == ["ann@x.cn"])
    }

    @Test func hardNegatives() {
        for text in [
            "<img src=\"logo@2x.png\"> icon@3x.webp sprite@2x.jpeg",
            "npm install react@18.2.0 lodash@4.17.21 @babel/core@7.12.3",
            "follow @quarry on twitter, user@localhost, a@b",
            "weird: .ann@x.org is fine but ann.@x.org and an..n@x.org are not",
            "trailing: ann@x.c and ann@x.123 and ann@-x.org",
            "Preis 12@3.50 EUR; 电话@123.45",
        ] {
            let f = found(text)
            if text.hasPrefix("weird") { #expect(f == ["ann@x.org"], "\(text)") } else { #expect(f.isEmpty, "\(text): \(f)") }
        }
    }

    @Test func boundaries() {
        // Query strings and markup end the local part; a final dot and hyphen are not included.
        #expect(found("https://x.com/?to=ann@x.org&cc=bob@y.org") == ["ann@x.org", "bob@y.org"])
        #expect(found("Mail: ann@mail.example.com.") == ["ann@mail.example.com"])
        #expect(found("ann@x-y.org- next") == ["ann@x-y.org"])
        #expect(found("two: a@b.de,c@d.de") == ["a@b.de", "c@d.de"])
        #expect(found("") == [])
        #expect(found("@") == [] && found("@@@@@@@@@@@@") == [] && found("a@") == [] && found("@b.de") == [])
    }

    @Test func malformedUTF8NeverCrashes() {
        let junk: [UInt8] = [0xE4, 0xB8, 0x40, 0xE4, 0x2E, 0xC3, 0x40, 0x61, 0x2E, 0xF0, 0x9F, 0x40]
        var spans: [PIISpan] = []
        junk.withUnsafeBufferPointer { EmailDetector().detect(in: $0, into: &spans) }
        for s in spans { #expect(s.start >= 0 && s.end <= junk.count && s.start < s.end) }
    }
}
