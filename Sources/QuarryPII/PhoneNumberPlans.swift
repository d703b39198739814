// Numbering-plan facts for the PHONE detector: every ITU-T E.164 country calling code with
// the range of national significant number (NSN) lengths it uses, and, for the countries
// issue 6 names (US/CA, UK, DE, FR, ES, IT, NL, CN, JP, KR, IN, BR, RU), the national
// trunk prefix and the leading digits and lengths of valid national numbers.
//
// Sources of the facts (no code taken from them):
// - ITU-T E.164 assignments ("List of ITU-T Recommendation E.164 assigned country codes",
//   Annex to ITU Operational Bulletin No. 1125, 2017, with later bulletins);
// - the NSN length ranges per calling code: Google libphonenumber metadata
//   (resources/PhoneNumberMetadata.xml, possibleLengths of generalDesc, as shipped in the
//   Python port `phonenumbers` 9.0.43), the union over the regions sharing a code;
// - national plans: NANPA (NPA and central-office codes start with 2-9); Ofcom National
//   Telephone Numbering Plan (UK, 10-digit NSNs, a few 9-digit 01 and 0800 numbers);
//   Bundesnetzagentur Nummernplan (DE, area codes 2-9 plus 15/16/17 mobile, 10-11 digits);
//   ARCEP plan (FR, 9 digits); CNMC/Ministerio plan (ES, 9 digits, 6/7 mobile, 8/9 fixed);
//   AGCOM plan (IT, fixed numbers keep their 0 after +39, mobiles 3xx of 9-10 digits);
//   ACM plan (NL, 9 digits); MIIT plan (CN, mobiles 1[3-9] + 9 digits, area 10/2x + 8
//   digits, 3-digit areas + 7-8 digits); MIC plan (JP, 9-10 digits, mobiles 70/80/90 + 8);
//   MSIT plan (KR, Seoul 2 + 7-8, mobiles 010 + 8); DoT National Numbering Plan 2003 (IN, 10
//   digits); Anatel (BR, 2-digit area 11-99 + 8 digits fixed or 9 + 8 digits mobile);
//   Rossvyaz (RU, 10 digits starting 3, 4, 8 or 9; trunk 8; Kazakhstan's 7xx share +7).
// Digits are passed as values 0...9 (not ASCII) in a buffer the detector owns.

/// A country whose national formats the PHONE detector knows (issue 6's list).
public enum PhoneCountry: Int, CaseIterable, Sendable {
    case us, gb, de, fr, es, it, nl, cn, jp, kr, india, br, ru

    /// The bit of this country in a `PhoneNumberPlans` country mask.
    @inlinable public var bit: UInt16 { UInt16(1) << UInt16(rawValue) }

    /// The E.164 country calling code.
    public var callingCode: Int {
        switch self {
        case .us: return 1
        case .gb: return 44
        case .de: return 49
        case .fr: return 33
        case .es: return 34
        case .it: return 39
        case .nl: return 31
        case .cn: return 86
        case .jp: return 81
        case .kr: return 82
        case .india: return 91
        case .br: return 55
        case .ru: return 7
        }
    }

    /// The national trunk prefix dialled before a national number (nil: none).
    public var trunkPrefix: UInt8? {
        switch self {
        case .es, .it: return nil
        case .us: return 1
        case .ru: return 8
        default: return 0
        }
    }

    /// Whether national numbers are also written without the trunk prefix (US "415 555 2671",
    /// CN mobiles, IN mobiles, BR "(11) 91234-5678", RU "(495) 123-45-67").
    public var trunkOptional: Bool {
        switch self {
        case .us, .cn, .india, .br, .ru, .es, .it: return true
        default: return false
        }
    }
}

/// Calling codes and national plans; see the file header for the sources.
public enum PhoneNumberPlans {
    /// (calling code, shortest NSN, longest NSN), from libphonenumber's metadata.
    static let callingCodeLengths: [(Int, Int, Int)] = [
        (1, 7, 10), (7, 10, 14), (20, 8, 10), (27, 5, 10), (30, 10, 12), (31, 5, 11), (32, 8, 9),
        (33, 9, 9), (34, 9, 9), (36, 8, 9), (39, 6, 12), (40, 6, 9), (41, 9, 12), (43, 4, 13),
        (44, 7, 10), (45, 8, 8), (46, 6, 12), (47, 5, 8), (48, 6, 10), (49, 4, 15), (51, 8, 9),
        (52, 10, 10), (53, 6, 10), (54, 10, 11), (55, 8, 11), (56, 9, 11), (57, 8, 11), (58, 10, 10),
        (60, 8, 10), (61, 5, 12), (62, 7, 17), (63, 6, 13), (64, 5, 10), (65, 8, 11), (66, 8, 13),
        (81, 8, 17), (82, 5, 14), (84, 7, 10), (86, 7, 12), (90, 7, 13), (91, 8, 13), (92, 8, 12),
        (93, 9, 9), (94, 9, 9), (95, 6, 10), (98, 4, 10), (211, 9, 9), (212, 9, 9), (213, 8, 9),
        (216, 8, 8), (218, 9, 9), (220, 7, 9), (221, 9, 9), (222, 8, 8), (223, 8, 8), (224, 8, 9),
        (225, 10, 10), (226, 8, 8), (227, 8, 8), (228, 8, 8), (229, 10, 10), (230, 7, 10),
        (231, 7, 9), (232, 8, 8), (233, 8, 9), (234, 10, 14), (235, 8, 8), (236, 8, 8), (237, 8, 9),
        (238, 7, 7), (239, 7, 7), (240, 9, 9), (241, 7, 8), (242, 9, 9), (243, 7, 10), (244, 9, 9),
        (245, 7, 9), (246, 7, 7), (247, 5, 6), (248, 7, 7), (249, 9, 9), (250, 8, 9), (251, 9, 9),
        (252, 6, 9), (253, 8, 8), (254, 7, 10), (255, 9, 9), (256, 9, 9), (257, 8, 8), (258, 8, 9),
        (260, 9, 9), (261, 9, 9), (262, 9, 9), (263, 7, 10), (264, 8, 9), (265, 7, 9), (266, 8, 8),
        (267, 7, 10), (268, 8, 9), (269, 7, 7), (290, 4, 5), (291, 7, 7), (297, 7, 7), (298, 6, 6),
        (299, 6, 6), (350, 8, 8), (351, 9, 9), (352, 4, 11), (353, 7, 10), (354, 7, 9), (355, 6, 9),
        (356, 8, 8), (357, 8, 8), (358, 5, 12), (359, 6, 12), (370, 8, 8), (371, 8, 8), (372, 7, 10),
        (373, 8, 8), (374, 8, 8), (375, 6, 11), (376, 6, 9), (377, 8, 9), (378, 8, 10), (380, 9, 10),
        (381, 6, 12), (382, 8, 9), (383, 8, 12), (385, 7, 9), (386, 5, 8), (387, 8, 9), (389, 8, 8),
        (420, 9, 12), (421, 6, 9), (423, 7, 9), (500, 5, 5), (501, 7, 11), (502, 8, 11), (503, 7, 11),
        (504, 8, 11), (505, 8, 8), (506, 8, 10), (507, 7, 11), (508, 6, 9), (509, 8, 8), (590, 9, 9),
        (591, 8, 9), (592, 7, 7), (593, 8, 11), (594, 9, 9), (595, 6, 11), (596, 9, 9), (597, 6, 7),
        (598, 4, 13), (599, 7, 8), (670, 7, 8), (672, 6, 6), (673, 7, 7), (674, 7, 7), (675, 7, 8),
        (676, 5, 7), (677, 5, 7), (678, 5, 7), (679, 7, 11), (680, 7, 7), (681, 6, 9), (682, 5, 5),
        (683, 4, 7), (685, 5, 10), (686, 5, 8), (687, 6, 6), (688, 5, 7), (689, 6, 9), (690, 4, 7),
        (691, 7, 7), (692, 7, 7), (800, 8, 8), (808, 8, 8), (850, 8, 10), (852, 5, 11), (853, 7, 8),
        (855, 8, 10), (856, 8, 10), (870, 9, 12), (878, 12, 12), (880, 6, 10), (881, 9, 10),
        (882, 7, 12), (883, 8, 12), (886, 7, 11), (888, 11, 11), (960, 7, 10), (961, 7, 8),
        (962, 8, 9), (963, 8, 9), (964, 8, 10), (965, 7, 8), (966, 9, 10), (967, 7, 9), (968, 7, 9),
        (970, 8, 10), (971, 5, 12), (972, 7, 12), (973, 8, 8), (974, 7, 11), (975, 7, 8),
        (976, 8, 10), (977, 8, 11), (979, 9, 9), (992, 9, 9), (993, 8, 8), (994, 9, 9), (995, 9, 9),
        (996, 9, 10), (998, 9, 9),
    ]

    /// For each code 0...999, `min << 8 | max` of its NSN lengths, or 0 when unassigned.
    static let lengthTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 1000)
        for (code, lo, hi) in callingCodeLengths { table[code] = UInt16(lo << 8 | hi) }
        return table
    }()

    /// The calling code at the start of `digits` (E.164 codes are prefix-free, so at most one
    /// of the 1-, 2- and 3-digit readings is assigned), as (code, its digit count, NSN lengths).
    public static func callingCode(_ digits: UnsafePointer<UInt8>, count: Int) -> (code: Int, length: Int, nsn: ClosedRange<Int>)? {
        guard count > 0, digits[0] != 0 else { return nil }
        var code = 0
        for k in 0..<min(3, count) {
            code = code * 10 + Int(digits[k])
            let entry = lengthTable[code]
            if entry != 0 { return (code, k + 1, Int(entry >> 8)...Int(entry & 0xFF)) }
        }
        return nil
    }

    /// Whether `digits[0..<count]` is a valid national significant number of `country`
    /// (leading digits and length; the trunk prefix already removed).
    public static func isValidNSN(_ country: PhoneCountry, _ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard n >= 2 else { return false }
        let a = p[0], b = p[1]
        switch country {
        case .us:  // NPA and central-office code both start with 2-9.
            return n == 10 && a >= 2 && p[3] >= 2
        case .gb:
            if n == 10 { return a == 1 || a == 2 || a == 3 || a == 5 || a == 7 || a == 8 || a == 9 }
            return n == 9 && (a == 1 || a == 8)
        case .de:  // Area codes start with 2-9; 15x/16x/17x are mobiles of 10-11 digits.
            if a == 1 { return (b == 5 || b == 6 || b == 7) && (n == 10 || n == 11) }
            return a >= 2 && n >= 6 && n <= 11
        case .fr:
            return n == 9 && a >= 1
        case .es:
            return n == 9 && a >= 5
        case .it:  // Fixed numbers keep their leading 0; mobiles start with 3.
            if a == 0 { return b != 0 && n >= 6 && n <= 11 }
            return a == 3 && (n == 9 || n == 10)
        case .nl:
            return n == 9 && a >= 1
        case .cn:
            if a == 1 { return b >= 3 ? n == 11 : (b == 0 && n == 10) }  // mobile; Beijing 10
            if a == 2 { return n == 10 }  // 2x areas + 8 digits
            return a >= 3 && (n == 10 || n == 11)  // 3-digit areas + 7-8 digits
        case .jp:
            if (a == 7 || a == 8 || a == 9) && b == 0 { return n == 10 }  // mobiles, 0X0 + 8
            return a >= 1 && (n == 9 || n == 10)
        case .kr:
            if a == 1 { return b == 0 ? n == 10 : (b == 1 || b >= 6) && (n == 9 || n == 10) }
            if a == 2 { return n == 8 || n == 9 }  // Seoul
            if a >= 3 && a <= 6 { return b >= 1 && b <= 5 && (n == 9 || n == 10) }
            return a == 7 && b == 0 && n == 10
        case .india:
            return n == 10 && a >= 1
        case .br:  // Area 11-99, then 8 digits (fixed 2-5, pre-2016 mobiles 6-8) or 9 + 8 digits.
            guard a >= 1, b >= 1 else { return false }
            if n == 11 { return p[2] == 9 }
            return n == 10 && p[2] >= 2 && p[2] <= 8
        case .ru:  // Kazakhstan shares +7 and the trunk 8 with its 7xx numbers.
            return n == 10 && (a == 3 || a == 4 || a == 7 || a == 8 || a == 9)
        }
    }

    /// The countries for which `digits[0..<count]` is a national number, as two masks of
    /// `PhoneCountry.bit`: written with the country's trunk prefix, and written without one
    /// (only for countries where that is usual, see `trunkOptional`).
    public static func nationalMatches(_ p: UnsafePointer<UInt8>, count n: Int) -> (withTrunk: UInt16, bare: UInt16) {
        var withTrunk: UInt16 = 0, bare: UInt16 = 0
        guard n >= 2 else { return (0, 0) }
        for country in PhoneCountry.allCases {
            if let trunk = country.trunkPrefix, p[0] == trunk, isValidNSN(country, p + 1, count: n - 1) {
                withTrunk |= country.bit
            }
            if country.trunkOptional, isValidNSN(country, p, count: n) {
                // CN fixed lines are never written without their 0 nationally.
                if country == .cn, !(p[0] == 1 && p[1] >= 3) { continue }
                // Without the 0, Indian numbers are mobiles (6-9); landlines keep the 0.
                if country == .india, p[0] < 6 { continue }
                bare |= country.bit
            }
        }
        return (withTrunk, bare)
    }
}
