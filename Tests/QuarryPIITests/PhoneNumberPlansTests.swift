// Tests for PhoneNumberPlans: calling-code lookup (E.164 codes are prefix-free), NSN lengths
// from libphonenumber's metadata, and each listed country's national-number rule on numbers
// from the national plans (Ofcom drama numbers, NANPA 555-01XX fictional range, and
// libphonenumber's example numbers) and on near misses.
import Testing
@testable import QuarryPII

@Suite struct PhoneNumberPlansTests {
    func digits(_ s: String) -> [UInt8] { s.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.map { $0 - 0x30 } }

    func code(_ s: String) -> (Int, Int)? {
        let d = digits(s)
        return d.withUnsafeBufferPointer { p in
            PhoneNumberPlans.callingCode(p.baseAddress!, count: d.count).map { ($0.code, $0.length) }
        }
    }

    func valid(_ c: PhoneCountry, _ s: String) -> Bool {
        let d = digits(s)
        return d.withUnsafeBufferPointer { PhoneNumberPlans.isValidNSN(c, $0.baseAddress!, count: d.count) }
    }

    func national(_ s: String) -> (withTrunk: UInt16, bare: UInt16) {
        let d = digits(s)
        return d.withUnsafeBufferPointer { PhoneNumberPlans.nationalMatches($0.baseAddress!, count: d.count) }
    }

    @Test func callingCodesAreReadGreedilyAndPrefixFree() {
        #expect(code("14155552671")! == (1, 1))
        #expect(code("4930123456")! == (49, 2))
        #expect(code("85212345678")! == (852, 3))
        #expect(code("8613812345678")! == (86, 2))
        #expect(code("79123456789")! == (7, 1))
        #expect(code("2125551234")! == (212, 3))  // Morocco, not 21
        #expect(code("999123") == nil)  // 999 is reserved
        #expect(code("0049") == nil)  // no code starts with 0
        #expect(code("") == nil)
        let d = digits("4930")
        let nsn = d.withUnsafeBufferPointer { PhoneNumberPlans.callingCode($0.baseAddress!, count: 4)!.nsn }
        #expect(nsn == 4...15)
    }

    @Test func everyListedCountryHasItsCodeInTheTable() {
        for c in PhoneCountry.allCases {
            let d = digits(String(c.callingCode) + "123456789")
            let found = d.withUnsafeBufferPointer { PhoneNumberPlans.callingCode($0.baseAddress!, count: d.count)?.code }
            #expect(found == c.callingCode, "\(c)")
        }
    }

    @Test func nationalSignificantNumbers() {
        #expect(valid(.us, "415 555 0132") && !valid(.us, "115 555 0132") && !valid(.us, "415 155 0132"))
        #expect(valid(.gb, "20 7946 0958") && valid(.gb, "7700 900123") && !valid(.gb, "4 7946 0958"))
        #expect(valid(.de, "30 1234567") && valid(.de, "171 1234567") && !valid(.de, "12 3456789"))
        #expect(valid(.fr, "1 23 45 67 89") && !valid(.fr, "1 23 45 67 8"))
        #expect(valid(.es, "612 34 56 78") && valid(.es, "912 345 678") && !valid(.es, "412 345 678"))
        #expect(valid(.it, "06 1234 5678") && valid(.it, "333 123 4567") && !valid(.it, "533 123 4567"))
        #expect(valid(.nl, "20 123 4567") && valid(.nl, "6 12345678") && !valid(.nl, "20 123 456"))
        #expect(valid(.cn, "138 1234 5678") && valid(.cn, "10 12345678") && valid(.cn, "755 1234567"))
        #expect(!valid(.cn, "128 1234 5678") && !valid(.cn, "21 1234567"))
        #expect(valid(.jp, "3 1234 5678") && valid(.jp, "90 1234 5678") && !valid(.jp, "90 1234 567"))
        #expect(valid(.kr, "10 1234 5678") && valid(.kr, "2 123 4567") && !valid(.kr, "10 123 456"))
        #expect(valid(.india, "98765 43210") && !valid(.india, "98765 4321"))
        #expect(valid(.br, "11 91234 5678") && valid(.br, "11 3123 4567") && !valid(.br, "11 81234 5678"))
        #expect(valid(.ru, "495 123 45 67") && valid(.ru, "912 345 67 89") && !valid(.ru, "595 123 45 67"))
        #expect(valid(.ru, "711 777 74 12"))  // Kazakhstan under +7
    }

    @Test func nationalMatchesUseTrunkPrefixes() {
        let de = national("030 12345678")
        #expect(de.withTrunk & PhoneCountry.de.bit != 0 && de.bare & PhoneCountry.de.bit == 0)
        let ru = national("8 495 123 45 67")
        #expect(ru.withTrunk & PhoneCountry.ru.bit != 0)
        let us = national("1 415 555 2671")
        #expect(us.withTrunk & PhoneCountry.us.bit != 0)
        let cnMobile = national("13812345678")
        #expect(cnMobile.bare & PhoneCountry.cn.bit != 0)
        // CN fixed lines are never written nationally without their trunk 0.
        #expect(national("1012345678").bare & PhoneCountry.cn.bit == 0)
        #expect(national("010 12345678").withTrunk & PhoneCountry.cn.bit != 0)
        // IT fixed numbers keep the 0 as part of the number, so they match bare.
        #expect(national("06 1234 5678").bare & PhoneCountry.it.bit != 0)
        // Eight-digit dates and year ranges match no plan.
        let range = national("19902020")
        #expect(range.withTrunk | range.bare == 0)
    }
}
