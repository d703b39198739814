// Tests for US_SSN: hyphenated and spaced numbers, and nine digits with a cue nearby, in
// English, German, French, Spanish and Chinese text with exact byte offsets; the SSA's
// validity rules; hard negatives (phone numbers, dates, ZIP+4, too long, mixed separators,
// invalid areas, groups and serials, advertising numbers, bare digits without a cue).
import Testing
@testable import QuarryPII

@Suite struct USSSNDetectorTests {
    let detector = USSSNDetector()

    func finds(_ marked: String) -> Bool { idsFindsExactly(detector, .usSSN, marked) }

    @Test func formsInFiveLanguages() {
        #expect(finds("Employee SSN: ⟦536-22-1234⟧, hired 2019."))
        #expect(finds("Social Security Number ⟦536 22 1234⟧"))
        #expect(finds("SSN ⟦536221234⟧ on file"))
        #expect(finds("Sozialversicherungsnummer (SSN) des Mitarbeiters: ⟦536221234⟧"))
        #expect(finds("Numéro de sécurité sociale américain : ⟦078-05-1121⟧."))
        #expect(finds("Número de seguro social: ⟦001-01-0001⟧ y ⟦899-99-9999⟧"))
        #expect(finds("美国社会安全号码：⟦536-22-1234⟧。"))
        #expect(finds("⟦536221234⟧ (SSN)"))
    }

    @Test func exactOffsetsAfterMultiByteText() {
        let text = Array("社会安全号：536-22-1234".utf8)
        #expect(idsDetect(detector, text) == [PIISpan(.usSSN, start: 18, end: 29)])
    }

    @Test func validityRules() {
        #expect(USSSNRules.isValid(area: 1, group: 1, serial: 1))
        #expect(USSSNRules.isValid(area: 899, group: 99, serial: 9999))
        #expect(USSSNRules.isValid(area: 665, group: 12, serial: 3456) && USSSNRules.isValid(area: 667, group: 12, serial: 3456))
        #expect(!USSSNRules.isValid(area: 0, group: 12, serial: 3456))
        #expect(!USSSNRules.isValid(area: 666, group: 12, serial: 3456))
        #expect(!USSSNRules.isValid(area: 900, group: 12, serial: 3456) && !USSSNRules.isValid(area: 999, group: 12, serial: 3456))
        #expect(!USSSNRules.isValid(area: 123, group: 0, serial: 3456))
        #expect(!USSSNRules.isValid(area: 123, group: 45, serial: 0))
        #expect(!USSSNRules.isValid(area: 78, group: 5, serial: 1120) && !USSSNRules.isValid(area: 219, group: 9, serial: 9999))
        #expect(!USSSNRules.isValid(area: 457, group: 55, serial: 5462) && USSSNRules.isValid(area: 457, group: 55, serial: 5463))
    }

    @Test func hardNegatives() {
        // Phone numbers, dates, ZIP+4, too long.
        #expect(finds("Call 555-123-4567 or (555) 123-4567; +81 158-23-2012; 030 123 45 6789"))
        #expect(finds("Datum 2023-01-15, 15-01-2023, 01/15/2023"))
        #expect(finds("Washington, DC 20500-0003 and 12345-6789"))
        #expect(finds("SSN 123-45-67890 and 1123-45-6789 and 1-536-22-1234 and 536-22-1234-5"))
        // Mixed separators and other separators.
        #expect(finds("SSN 536-22 1234, 536 22-1234, 536.22.1234, 536/22/1234"))
        // Invalid ranges and advertising numbers, even with a cue.
        #expect(finds("SSN 000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 078-05-1120 219-09-9999 457-55-5462"))
        // Nine digits without a cue are just a number.
        #expect(finds("Bestellnummer 536221234, numéro de commande 536221234, 订单号536221234"))
        // Glued to letters or decimals.
        #expect(finds("A536-22-1234 536-22-1234B 3.536-22-1234 SSN536221234x"))
        // "ssn" inside a word is no cue.
        #expect(finds("classname 536221234"))
    }

    @Test func noiseNeverBreaksSpans() {
        for seed in UInt64(1)...UInt64(20) { #expect(idsSurvivesNoise(detector, seed: seed), "seed \(seed)") }
    }
}
