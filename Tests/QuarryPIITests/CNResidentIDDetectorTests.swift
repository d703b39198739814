// Tests for CN_RESIDENT_ID: GB 11643-1999's first example and generated valid numbers in Chinese,
// English, German, French and Spanish text with exact byte offsets; hard negatives (wrong
// check character, impossible dates, unknown regions, 18-digit order and bank card numbers,
// glued digits and letters).
import Testing
@testable import QuarryPII

@Suite struct CNResidentIDDetectorTests {
    let detector = CNResidentIDDetector()

    func finds(_ marked: String) -> Bool { idsFindsExactly(detector, .cnResidentID, marked) }

    @Test func numbersInFiveLanguages() {
        #expect(finds("身份证号：⟦11010519491231002X⟧"))
        #expect(finds("公民身份号码⟦440524198001010013⟧，住址广东省。"))
        #expect(finds("Chinese ID card no. ⟦11010519491231002x⟧ (lower-case x)."))
        #expect(finds("Personalausweisnummer (China): ⟦210203198805124429⟧"))
        #expect(finds("Numéro de carte d'identité chinoise : ⟦310115200002291235⟧."))
        #expect(finds("Documento de identidad chino ⟦810000199408230021⟧ (permiso de residencia de Hong Kong)"))
    }

    @Test func exactOffsetsAfterMultiByteText() {
        let text = Array("身份证号：11010519491231002X".utf8)
        #expect(idsDetect(detector, text) == [PIISpan(.cnResidentID, start: 15, end: 33)])
    }

    @Test func rules() {
        func valid(_ s: String) -> Bool { CNResidentIDRules.isValid(Array(s.utf8)) }
        #expect(valid("11010519491231002X") && valid("11010519491231002x") && valid("510107197611033234"))
        #expect(!valid("440524188001010014"))  // GB 11643's second example: born 1880, before 1900
        #expect(!valid("110105194912310021"))  // check character
        #expect(!valid("110105194902300012"))  // 30 February
        #expect(!valid("310115190002291239"))  // 1900 was no leap year
        #expect(valid("310115200002291235"))   // 2000 was
        #expect(!valid("990105194912310023"))  // no province 99
        #expect(!valid("110000194912310022"))  // a province, not a county
        #expect(!valid("11010519491231002") && !valid("1101051949123100X2"))
        #expect(CNResidentIDRules.isDate(year: 2024, month: 2, day: 29) && !CNResidentIDRules.isDate(year: 2023, month: 2, day: 29))
        #expect(!CNResidentIDRules.isDate(year: 1899, month: 12, day: 31) && !CNResidentIDRules.isDate(year: 2100, month: 1, day: 1))
        #expect(!CNResidentIDRules.isDate(year: 2001, month: 4, day: 31) && !CNResidentIDRules.isDate(year: 2001, month: 13, day: 1))
    }

    @Test func hardNegatives() {
        // Wrong check character, impossible date, unknown region, province-only code.
        #expect(finds("身份证号：110105194912310021 / 110105194902300012 / 990105194912310023 / 110000194912310022"))
        // An 18-digit order number and an 18-digit bank card number (Luhn-valid).
        #expect(finds("订单编号：202403151234567890，银行卡号：621700001234567893"))
        // Glued to digits or letters, 19 digits, 17 digits.
        #expect(finds("A11010519491231002X 11010519491231002X5 111010519491231002X 1101051949123100X"))
        #expect(finds("11010519491231002XY and 11010519491231002X.5"))
    }

    @Test func idsThatAlsoPassLuhn() {
        // A Diners-prefixed, Luhn-valid 18-digit string that is a valid ID: an ID here.
        #expect(Luhn.isValid(Array("360202200501130850".utf8)))
        #expect(finds("身份证号码：⟦360202200501130850⟧"))
    }

    @Test func adjacentNumbers() {
        #expect(finds("⟦11010519491231002X⟧、⟦440524198001010013⟧"))
        #expect(finds("ids: ⟦11010519491231002X⟧,⟦510107197611033234⟧."))
    }

    @Test func noiseNeverBreaksSpans() {
        for seed in UInt64(1)...UInt64(20) { #expect(idsSurvivesNoise(detector, seed: seed), "seed \(seed)") }
    }
}
