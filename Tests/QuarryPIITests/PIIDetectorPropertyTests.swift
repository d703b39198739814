// Properties every built-in detector keeps, on random texts built from the fragments detectors
// look for (digits and separators, @, cue words, key armour, CJK and accented text) and cut at
// every length: no crash, spans within the text, non-empty, on UTF-8 character boundaries, of
// the detector's own types; and the same spans for the same bytes.
import Testing
@testable import QuarryPII

@Suite struct PIIDetectorPropertyTests {
    static let fragments = [
        "+", "(", ")", "-", ".", " ", "/", ":", "@", "_", "=", "\"", "'", "\n", ",", "#", "0", "1", "4", "9", "00", "13812345678",
        "4111 1111 1111 1111", "DE89", "3704", "GB82WEST", "536-22-", "11010519491231002X", "192.168.", "::", "fe80::", "2001:db8",
        "a", "Z", "é", "ü", "ß", "电话", "先生", "号", "路", "身份证", "王", "Dear ", "Mr. ", "Dr. ", "Herr ", "Frau ", "Sr. ",
        "Tel.", "phone", "SSN", "IBAN", "api_key", "password", "token", "https://", "user:pw@", "ghp_", "AKIA", "xoxb-", "sk_live_",
        "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "eyJ", "Street", "Straße", "rue ", "Calle ", "Avenue",
        "Best regards,\n", "Jane", "Doe", "Müller", "mail", "example.com", "xn--", "用户", "例子.中国", "v1.2.3.4", "€", "$", "\u{A0}",
    ]

    @Test func detectorsStayInBoundsOnRandomFragmentTexts() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let detectors = PIIDetectors.builtin()
        for _ in 0..<400 {
            let text = (0..<(1 + next(40))).map { _ in Self.fragments[next(Self.fragments.count)] }.joined()
            let full = Array(text.utf8)
            // The whole text and a few prefixes cut anywhere (even inside a character).
            for cut in [full.count, next(full.count + 1), next(full.count + 1)] {
                let bytes = Array(full[..<cut])
                bytes.withUnsafeBufferPointer { buffer in
                    for detector in detectors {
                        var spans: [PIISpan] = []
                        detector.detect(in: buffer, into: &spans)
                        var again: [PIISpan] = []
                        detector.detect(in: buffer, into: &again)
                        #expect(spans == again)
                        for span in spans {
                            #expect(span.start >= 0 && span.start < span.end && span.end <= buffer.count, "\(type(of: detector)) \(span)")
                            #expect(detector.types.contains(span.type))
                            if span.start < buffer.count { #expect(!PIIBytes.isContinuation(buffer[span.start])) }
                            if span.end < buffer.count { #expect(!PIIBytes.isContinuation(buffer[span.end])) }
                        }
                    }
                }
            }
        }
    }
}
