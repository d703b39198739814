// Pseudonyms are fakes of the same kind: valid where the kind has a check (Luhn, IBAN mod-97,
// ISO 7064 MOD 11-2, SSA ranges), in the original's form (separators, length, known prefixes),
// never the original, the same for the same value and key.
import Testing
@testable import QuarryPII

@Suite struct PIIPseudonymsTests {
    let pseudonymizer = PIIPseudonymizer(key: Array("pseudonym-test-key-0123456789".utf8))

    func fake(_ value: String, _ type: PIIType) -> String {
        String(decoding: Array(value.utf8).withUnsafeBufferPointer { pseudonymizer.fake(for: $0, type: type) }, as: UTF8.self)
    }

    func shape(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.properties.numericType != nil ? "9" : $0.properties.isUppercase ? "A" : $0.properties.isLowercase ? "a" : Character($0) })
    }

    @Test func cardsKeepIssuerAndGroupingAndPassLuhn() {
        for card in ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "6011111111111117"] {
            let out = fake(card, .creditCard)
            #expect(out != card && shape(out) == shape(card) && out.prefix(4) == card.prefix(4))
            #expect(Luhn.isValid(out.utf8.filter(PIIBytes.isDigit)))
        }
    }

    @Test func ibansKeepCountryAndLengthAndPassMod97() {
        for iban in ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "FR1420041010050500013M02606"] {
            let out = fake(iban, .iban)
            #expect(out != iban && shape(out) == shape(iban) && out.prefix(2) == iban.prefix(2))
            #expect(IBANChecksum.isValid(Array(out.utf8.filter { $0 != 0x20 })))
        }
    }

    @Test func chineseIDsAndSSNsAreValid() {
        let id = fake("11010519491231002X", .cnResidentID)
        let bytes = Array(id.utf8)
        #expect(bytes.count == 18 && id.hasPrefix("11") && id != "11010519491231002X")
        #expect(ISO7064.mod11_2CheckCharacter(bytes.prefix(17)) == bytes[17])
        for _ in 0..<1 {
            let ssn = fake("123-45-6789", .usSSN)
            let parts = ssn.split(separator: "-").map { Int($0)! }
            #expect(parts.count == 3 && parts[0] != 0 && parts[0] != 666 && parts[0] < 900 && parts[1] != 0 && parts[2] != 0)
        }
    }

    @Test func otherKindsLookLikeTheirKind() {
        #expect(fake("jane.doe@corp.com", .email).contains("@example."))
        #expect(IPAddress.parse(fake("8.8.4.4", .ipAddress))?.isIPv4 == true)
        #expect(IPAddress.parse(fake("192.168.1.20", .ipAddress))?.ranges.contains(.private) == true)
        #expect(IPAddress.parse(fake("2001:4860:4860::8888", .ipAddress))?.isIPv4 == false)
        let token = "ghp_" + String(repeating: "aB3", count: 12)
        let fakeToken = fake(token, .secret)
        #expect(fakeToken.hasPrefix("ghp_") && fakeToken.utf8.count == token.utf8.count && fakeToken != token)
        let block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"
        let fakeBlock = fake(block, .secret)
        #expect(fakeBlock.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n") && fakeBlock.hasSuffix("\n-----END RSA PRIVATE KEY-----"))
        #expect(fakeBlock != block)
        #expect(fake("+49 30 1234567", .phone).hasPrefix("+49 ") && shape(fake("+49 30 1234567", .phone)) == shape("+49 30 1234567"))
        #expect(fake("王伟", .person).unicodeScalars.count == 2)
        #expect(fake("Jane Doe", .person).split(separator: " ").count == 2)
        let street = fake("123 Main Street", .streetAddress)
        #expect(street.hasSuffix(" Street") && shape(String(street.prefix(3))) == "999" && street != "123 Main Street")
        #expect(fake("admin:hunter2", .urlWithCredentials).contains(":"))
    }

    @Test func sameValueSameFakeDifferentValueDifferentFake() {
        #expect(fake("jane@x.org", .email) == fake("jane@x.org", .email))
        #expect(fake("jane@x.org", .email) != fake("john@x.org", .email))
        // The type is part of the keyed message.
        #expect(fake("123456789", .phone) != fake("123456789", .usSSN))
    }
}
