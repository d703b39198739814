// Tests for the check-digit algorithms against published vectors: Luhn (ISO/IEC 7812-1 and
// the card networks' test card numbers), IBAN mod-97 (the example IBAN of every country in
// the SWIFT IBAN Registry, release 101), ISO 7064 MOD 11-2 (the two examples of GB 11643-1999),
// the IBAN country table, and the SWAR digit skipper against its plain twin. Also holds the
// marked-text helper the identifier detectors' tests share.
import Testing
@testable import QuarryPII

/// Text whose expected spans are marked with ⟦ and ⟧: the text without the marks, and each
/// marked stretch as a span of `type` in UTF-8 byte offsets.
func idsMarked(_ marked: String, _ type: PIIType) -> (text: [UInt8], spans: [PIISpan]) {
    var text: [UInt8] = []
    var spans: [PIISpan] = []
    var open = 0
    for scalar in marked.unicodeScalars {
        switch scalar {
        case "⟦": open = text.count
        case "⟧": spans.append(PIISpan(type, start: open, end: text.count))
        default: text.append(contentsOf: String(scalar).utf8)
        }
    }
    return (text, spans)
}

/// The spans `detector` finds in `text`, in text order.
func idsDetect(_ detector: some PIIDetector, _ text: [UInt8]) -> [PIISpan] {
    var spans: [PIISpan] = []
    text.withUnsafeBufferPointer { detector.detect(in: $0, into: &spans) }
    return spans.sorted()
}

/// Whether `detector` finds exactly the marked spans of `marked`.
func idsFindsExactly(_ detector: some PIIDetector, _ type: PIIType, _ marked: String) -> Bool {
    let (text, expected) = idsMarked(marked, type)
    return idsDetect(detector, text) == expected
}

/// Runs `detector` over pseudo-random byte soup rich in digits, separators, capitals and
/// multi-byte characters; returns whether every span lies in the text, is non-empty and
/// starts and ends on character boundaries (and nothing crashed).
func idsSurvivesNoise(_ detector: some PIIDetector, seed: UInt64) -> Bool {
    let alphabet: [[UInt8]] = ["0", "1", "4", "5", "9", " ", "-", ".", "X", "D", "E", "x", "中", "\u{FF1A}", "SSN ", "IBAN "].map { Array($0.utf8) }
    var state = seed
    for length in stride(from: 0, through: 400, by: 7) {
        var text: [UInt8] = []
        while text.count < length {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33)
            // Long digit runs now and then, so that every length class is reached.
            if r % 23 == 0 {
                for k in 0..<(r % 21) { text.append(UInt8(0x30 + (r >> 8 + k * 7) % 10)) }
            } else {
                text.append(contentsOf: alphabet[r % alphabet.count])
            }
        }
        let spans = idsDetect(detector, text)
        for span in spans {
            guard span.start >= 0, span.start < span.end, span.end <= text.count else { return false }
            if PIIBytes.isContinuation(text[span.start]) { return false }
            if span.end < text.count, PIIBytes.isContinuation(text[span.end]) { return false }
        }
    }
    return true
}

@Suite struct ChecksumsTests {
    static func digits(_ s: String) -> [UInt8] { s.utf8.map { $0 - 0x30 } }

    /// Test card numbers the networks publish for their sandboxes.
    static let testPANs = [
        "4111111111111111", "4012888888881881", "4222222222222", "5555555555554444", "5105105105105100",
        "2223000048400011", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
        "3530111333300000", "3566002020360505", "30569309025904", "38520000023237", "6200000000000005",
    ]

    @Test func luhnPublishedVectors() {
        #expect(Luhn.isValid(Self.digits("79927398713")))
        for wrong in ["79927398710", "79927398711", "79927398712", "79927398714", "79927398719"] {
            #expect(!Luhn.isValid(Self.digits(wrong)))
        }
        for pan in Self.testPANs {
            #expect(Luhn.isValid(Self.digits(pan)), "\(pan)")
            #expect(Luhn.isValid(Array(pan.utf8)), "ASCII \(pan)")
            let payload = Self.digits(String(pan.dropLast()))
            #expect(Luhn.checkDigit(forPayload: payload) == Self.digits(String(pan.last!))[0])
        }
        #expect(Luhn.checkDigit(forPayload: Self.digits("7992739871")) == 3)
        #expect(!Luhn.isValid([UInt8]()))
        #expect(!Luhn.isValid(Array("4111-1111".utf8)))
    }

    @Test func luhnOverTextSkipsSeparators() {
        for (s, valid) in [("4111 1111 1111 1111", true), ("4111-1111-1111-1112", false), ("3782 822463 10005", true)] {
            let bytes = Array(s.utf8)
            bytes.withUnsafeBufferPointer { #expect(Luhn.isValid($0, from: 0, to: $0.count) == valid, "\(s)") }
        }
    }

    /// The example IBAN of each country in the SWIFT IBAN Registry (release 101).
    static let registryExamples = [
        "AD1200012030200359100100", "AE070331234567890123456", "AL47212110090000000235698741",
        "AT611904300234573201", "AZ21NABZ00000000137010001944", "BA391290079401028494",
        "BE68539007547034", "BG80BNBG96611020345678", "BH67BMAG00001299123456",
        "BI4210000100010000332045181", "BR1800360305000010009795493C1", "BY13NBRB3600900000002Z00AB00",
        "CH9300762011623852957", "CR05015202001026284066", "CY17002001280000001200527600",
        "CZ6508000000192000145399", "DE89370400440532013000", "DJ2100010000000154000100186",
        "DK5000400440116243", "DO28BAGR00000001212453611324", "EE382200221020145685",
        "EG380019000500000000263180002", "ES9121000418450200051332", "FI2112345600000785",
        "FK88SC123456789012", "FO6264600001631634", "FR1420041010050500013M02606",
        "GB29NWBK60161331926819", "GB82WEST12345698765432", "GE29NB0000000101904917",
        "GI75NWBK000000007099453", "GL8964710001000206", "GR1601101250000000012300695",
        "GT82TRAJ01020000001210029690", "HN88CABF00000000000250005469", "HR1210010051863000160",
        "HU42117730161111101800000000", "IE29AIBK93115212345678", "IL620108000000099999999",
        "IQ98NBIQ850123456789012", "IS140159260076545510730339", "IT60X0542811101000000123456",
        "JO94CBJO0010000000000131000302", "KW81CBKU0000000000001234560101", "KZ86125KZT5004100100",
        "LB62099900000001001901229114", "LC55HEMM000100010012001200023015", "LI21088100002324013AA",
        "LT121000011101001000", "LU280019400644750000", "LV80BANK0000435195001",
        "LY83002048000020100120361", "MC5811222000010123456789030", "MD24AG000225100013104168",
        "ME25505000012345678951", "MK07250120000058984", "MN121234123456789123",
        "MR1300020001010000123456753", "MT84MALT011000012345MTLCAST001S", "MU17BOMM0101101030300200000MUR",
        "NI45BAPR00000013000003558124", "NL91ABNA0417164300", "NO9386011117947",
        "OM810180000001299123456", "PK36SCBL0000001123456702", "PL61109010140000071219812874",
        "PS92PALS000000000400123456702", "PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG",
        "RO49AAAA1B31007593840000", "RS35260005601001611379", "RU0304452522540817810538091310419",
        "SA0380000000608010167519", "SC18SSCB11010000000000001497USD", "SD2129010501234001",
        "SE4550000000058398257466", "SI56263300012039086", "SK3112000000198742637541",
        "SM86U0322509800000000270100", "SO211000001001000100141", "ST68000100010051845310112",
        "SV62CENR00000000000000700025", "TL380080012345678910157", "TN5910006035183598478831",
        "TR330006100519786457841326", "UA213223130000026007233566001", "VA59001123000012345678",
        "VG96VPVG0000012345678901", "XK051212012345678906", "YE15CBYE0001018861234567891234",
    ]

    @Test func ibanRegistryExamplesAreValid() {
        for iban in Self.registryExamples {
            let bytes = Array(iban.utf8)
            let country = Array(bytes[0..<2]), bban = Array(bytes[4...])
            #expect(IBANChecksum.isValid(bytes), "\(iban)")
            #expect(IBANCountries.length(of: country) == bytes.count, "\(iban)")
            #expect(IBANCountries.bbanMatches(country: country, bban: bban), "\(iban)")
            #expect(IBANChecksum.checkDigits(country: country, bban: bban) == Array(bytes[2..<4]), "\(iban)")
        }
        // Every registry country has an example above.
        #expect(Set(Self.registryExamples.map { String($0.prefix(2)) }) == Set(IBANCountries.countries))
    }

    @Test func ibanMod97CatchesSingleErrorsAndSwaps() {
        let good = Array("DE89370400440532013000".utf8)
        for k in 2..<good.count {
            var bad = good
            bad[k] = bad[k] == 0x39 ? 0x30 : bad[k] + 1
            #expect(!IBANChecksum.isValid(bad), "digit \(k)")
            if k + 1 < good.count, good[k] != good[k + 1] {
                var swapped = good
                swapped.swapAt(k, k + 1)
                #expect(!IBANChecksum.isValid(swapped), "swap \(k)")
            }
        }
        #expect(IBANChecksum.isValid(Array("gb82west12345698765432".utf8)))  // the check ignores case
        #expect(!IBANChecksum.isValid(Array("DE89 3704 0044 0532 0130 00".utf8)))
        #expect(!IBANChecksum.isValid(Array("DE8".utf8)))
        #expect(!IBANChecksum.isValid(Array("1289370400440532013000".utf8)))
    }

    @Test func ibanCountryTable() {
        func length(_ s: String) -> Int? { IBANCountries.length(of: Array(s.utf8)) }
        #expect(length("DE") == 22 && length("GB") == 22 && length("FR") == 27 && length("NO") == 15)
        #expect(length("RU") == 33 && length("LC") == 32 && length("CH") == 21 && length("NL") == 18)
        #expect(length("US") == nil && length("CN") == nil && length("de") == nil && length("D") == nil)
        #expect(IBANCountries.countries.count == 89)
        #expect(IBANCountries.bbanFormat(of: Array("GB".utf8)) == "4!a6!n8!n")
        // Class checks: NL wants 4 letters then 10 digits.
        #expect(!IBANCountries.bbanMatches(country: Array("NL".utf8), bban: Array("AB1A0417164300".utf8)))
        #expect(!IBANCountries.bbanMatches(country: Array("NL".utf8), bban: Array("abna0417164300".utf8)))
    }

    @Test func iso7064GB11643Examples() {
        // GB 11643-1999's own examples.
        #expect(ISO7064.mod11_2CheckCharacter(Self.digits("11010519491231002")) == UInt8(ascii: "X"))
        #expect(ISO7064.mod11_2CheckCharacter(Self.digits("44052418800101001")) == UInt8(ascii: "4"))
        #expect(ISO7064.mod11_2CheckCharacter(Array("44052418800101001".utf8)) == UInt8(ascii: "4"))
        // Every check value 0...10 appears across one digit's changes, each different.
        var seen = Set<UInt8>()
        for d in 0...9 {
            var payload = Self.digits("11010519491231002")
            payload[16] = UInt8(d)
            seen.insert(ISO7064.mod11_2CheckCharacter(payload))
        }
        #expect(seen.count == 10)
        let bytes = Array("44052418800101001".utf8)
        bytes.withUnsafeBufferPointer { #expect(ISO7064.checkCharacter($0, from: 0) == UInt8(ascii: "4")) }
    }

    @Test func digitSkipperMatchesPlainTwin() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<80 {
            for _ in 0..<8 {
                var bytes: [UInt8] = []
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let r = UInt8(truncatingIfNeeded: state >> 33)
                    // Mostly letters and high bytes, sometimes a digit or a byte next to one.
                    bytes.append(r % 17 == 0 ? 0x30 + r % 10 : (r % 5 == 0 ? [0x2F, 0x3A, 0xB0, 0xB9][Int(r % 4)] : r | 0x40))
                }
                bytes.withUnsafeBufferPointer { text in
                    for from in 0...length {
                        #expect(DigitRuns.next(text, from: from) == DigitRuns.nextPlain(text, from: from))
                    }
                }
            }
        }
    }
}
