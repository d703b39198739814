// Tests for IBAN: registry example IBANs in the electronic and the grouped print form, in
// English, German, French, Spanish and Chinese text with exact byte offsets (spaces of the
// print form inside the span); hard negatives (a changed digit, wrong length, lower case,
// BBAN character classes, unknown countries, glued text, broken grouping).
import Testing
@testable import QuarryPII

@Suite struct IBANDetectorTests {
    let detector = IBANDetector()

    func finds(_ marked: String) -> Bool { idsFindsExactly(detector, .iban, marked) }

    @Test func everyRegistryExampleInBothForms() {
        for iban in ChecksumsTests.registryExamples {
            #expect(finds("IBAN: ⟦\(iban)⟧."), "\(iban)")
            // The print form: groups of four, single spaces.
            var grouped = ""
            for (k, c) in iban.enumerated() {
                if k > 0, k % 4 == 0 { grouped.append(" ") }
                grouped.append(c)
            }
            #expect(finds("Konto ⟦\(grouped)⟧ bei der Bank"), "\(grouped)")
        }
    }

    @Test func textInFiveLanguages() {
        #expect(finds("Please transfer the amount to ⟦GB82 WEST 1234 5698 7654 32⟧ by Friday."))
        #expect(finds("Bankverbindung: IBAN ⟦DE89 3704 0044 0532 0130 00⟧, BIC COBADEFFXXX"))
        #expect(finds("Virement sur le compte ⟦FR1420041010050500013M02606⟧ (Banque Postale)."))
        #expect(finds("Transferencia a ⟦ES91 2100 0418 4502 0005 1332⟧; concepto: factura 2024-117."))
        #expect(finds("收款账户：⟦DE89370400440532013000⟧，请在三天内付款。"))
        #expect(finds("⟦NL91ABNA0417164300⟧\n⟦BE68 5390 0754 7034⟧"))
    }

    @Test func exactOffsetsAfterMultiByteText() {
        let text = Array("账户：CH93 0076 2011 6238 5295 7。".utf8)
        #expect(idsDetect(detector, text) == [PIISpan(.iban, start: 9, end: 35)])
    }

    @Test func hardNegatives() {
        // One digit changed, two swapped.
        #expect(finds("IBAN DE89370400440532013001 and DE98370400440532013000"))
        // Too short, too long, and a grouped one with an extra character.
        #expect(finds("DE8937040044053201300 DE893704004405320130001 DE89 3704 0044 0532 0130 001"))
        // Lower case is not the IBAN format.
        #expect(finds("de89370400440532013000 and gb82 west 1234 5698 7654 32"))
        // BBAN classes: NL wants four letters where this has digits (mod-97 fixed up).
        #expect(finds("NL12 3456 0417 1643 00"))
        // Unknown countries and non-IBAN countries with the right shape.
        #expect(finds("US64SVBKUS6S3300958879 and CN12345678901234567890"))
        // Glued to letters or digits on either side.
        #expect(finds("XDE89370400440532013000 DE89370400440532013000X 1DE89370400440532013000"))
        // Broken grouping: two spaces, groups of five, dashes.
        #expect(finds("DE89  3704 0044 0532 0130 00, DE893 70400 44053 20130 00, DE89-3704-0044-0532-0130-00"))
        // Card numbers, version strings and dates are no IBANs.
        #expect(finds("4111 1111 1111 1111, v2.13.4, 2024-03-15, ISO 13616"))
    }

    @Test func resumesAfterAMatch() {
        #expect(finds("⟦DE89370400440532013000⟧ ⟦GB82WEST12345698765432⟧ ⟦FR1420041010050500013M02606⟧"))
        #expect(finds("⟦DE89 3704 0044 0532 0130 00⟧ ⟦AT61 1904 3002 3457 3201⟧ end"))
    }

    @Test func noiseNeverBreaksSpans() {
        for seed in UInt64(1)...UInt64(20) { #expect(idsSurvivesNoise(detector, seed: seed), "seed \(seed)") }
    }
}
