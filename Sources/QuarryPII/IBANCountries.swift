// The IBAN countries of the ISO 13616 registry (SWIFT IBAN Registry release 101, as
// python-stdnum 2.2 transcribes it in stdnum/iban.dat): for each country code the BBAN
// structure in the registry's notation ("4!a6!n8!n": 4 upper-case letters, then 6 digits,
// then 8 digits; "c" is a letter or digit), hence the IBAN's exact length (4 + BBAN).
// Territories that use another country's code (Åland → FI, Jersey → GB, Réunion → FR, …)
// have no entry of their own. Upper case only: the electronic IBAN format has no lower case,
// so this table accepts only 'A'...'Z' where the registry allows letters.

/// Lengths and BBAN structures of the IBAN countries.
public enum IBANCountries {
    /// The IBAN length (country code, check digits and BBAN) of `country` (two ASCII
    /// upper-case letters), or nil if the registry has no such country.
    public static func length(of country: [UInt8]) -> Int? {
        guard country.count == 2, let slot = table.slot(country[0], country[1]) else { return nil }
        let length = Int(table.lengths[slot])
        return length == 0 ? nil : length
    }

    /// The registry's BBAN structure of `country` ("8!n10!n" for DE), or nil.
    public static func bbanFormat(of country: [UInt8]) -> String? {
        guard country.count == 2 else { return nil }
        let code = String(decoding: country, as: UTF8.self)
        return registry.first { $0.country == code }?.bban
    }

    /// The registry's country codes, in alphabetical order.
    public static var countries: [String] { registry.map(\.country) }

    /// Whether `bban` (ASCII) has the character classes the registry gives `country`.
    public static func bbanMatches(country: [UInt8], bban: [UInt8]) -> Bool {
        guard country.count == 2, let slot = table.slot(country[0], country[1]),
              Int(table.lengths[slot]) == bban.count + 4 else { return false }
        let offset = Int(table.offsets[slot])
        for (k, b) in bban.enumerated() where !IBANCountryTable.matches(b, table.classes[offset + k]) { return false }
        return true
    }

    /// The lookup table the detector uses, built once from `registry`.
    static let table = IBANCountryTable(registry)

    /// (country code, BBAN structure), from the registry.
    static let registry: [(country: String, bban: String)] = [
        ("AD", "4!n4!n12!c"),  // Andorra
        ("AE", "3!n16!n"),  // United Arab Emirates (The)
        ("AL", "8!n16!c"),  // Albania
        ("AT", "5!n11!n"),  // Austria
        ("AZ", "4!a20!c"),  // Azerbaijan
        ("BA", "3!n3!n8!n2!n"),  // Bosnia and Herzegovina
        ("BE", "3!n7!n2!n"),  // Belgium
        ("BG", "4!a4!n2!n8!c"),  // Bulgaria
        ("BH", "4!a14!c"),  // Bahrain
        ("BI", "5!n5!n11!n2!n"),  // Burundi
        ("BR", "8!n5!n10!n1!a1!c"),  // Brazil
        ("BY", "4!c4!n16!c"),  // Belarus
        ("CH", "5!n12!c"),  // Switzerland
        ("CR", "4!n14!n"),  // Costa Rica
        ("CY", "3!n5!n16!c"),  // Cyprus
        ("CZ", "4!n16!n"),  // Czechia
        ("DE", "8!n10!n"),  // Germany
        ("DJ", "5!n5!n11!n2!n"),  // Djibouti
        ("DK", "4!n9!n1!n"),  // Denmark
        ("DO", "4!c20!n"),  // Dominican Republic
        ("EE", "2!n14!n"),  // Estonia
        ("EG", "4!n4!n17!n"),  // Egypt
        ("ES", "4!n4!n1!n1!n10!n"),  // Spain
        ("FI", "3!n11!n"),  // Finland
        ("FK", "2!a12!n"),  // Falkland Islands (Malvinas)
        ("FO", "4!n9!n1!n"),  // Faroe Islands
        ("FR", "5!n5!n11!c2!n"),  // France
        ("GB", "4!a6!n8!n"),  // United Kingdom
        ("GE", "2!a16!n"),  // Georgia
        ("GI", "4!a15!c"),  // Gibraltar
        ("GL", "4!n9!n1!n"),  // Greenland
        ("GR", "3!n4!n16!c"),  // Greece
        ("GT", "4!c20!c"),  // Guatemala
        ("HN", "4!a20!n"),  // Honduras
        ("HR", "7!n10!n"),  // Croatia
        ("HU", "3!n4!n1!n15!n1!n"),  // Hungary
        ("IE", "4!a6!n8!n"),  // Ireland
        ("IL", "3!n3!n13!n"),  // Israel
        ("IQ", "4!a3!n12!n"),  // Iraq
        ("IS", "4!n2!n6!n10!n"),  // Iceland
        ("IT", "1!a5!n5!n12!c"),  // Italy
        ("JO", "4!a4!n18!c"),  // Jordan
        ("KW", "4!a22!c"),  // Kuwait
        ("KZ", "3!n13!c"),  // Kazakhstan
        ("LB", "4!n20!c"),  // Lebanon
        ("LC", "4!a24!c"),  // Saint Lucia
        ("LI", "5!n12!c"),  // Liechtenstein
        ("LT", "5!n11!n"),  // Lithuania
        ("LU", "3!n13!c"),  // Luxembourg
        ("LV", "4!a13!c"),  // Latvia
        ("LY", "3!n3!n15!n"),  // Libya
        ("MC", "5!n5!n11!c2!n"),  // Monaco
        ("MD", "2!c18!c"),  // Moldova, Republic of
        ("ME", "3!n13!n2!n"),  // Montenegro
        ("MK", "3!n10!c2!n"),  // North Macedonia
        ("MN", "4!n12!n"),  // Mongolia
        ("MR", "5!n5!n11!n2!n"),  // Mauritania
        ("MT", "4!a5!n18!c"),  // Malta
        ("MU", "4!a2!n2!n12!n3!n3!a"),  // Mauritius
        ("NI", "4!a20!n"),  // Nicaragua
        ("NL", "4!a10!n"),  // Netherlands (The)
        ("NO", "4!n6!n1!n"),  // Norway
        ("OM", "3!n16!c"),  // Oman
        ("PK", "4!a16!c"),  // Pakistan
        ("PL", "8!n16!n"),  // Poland
        ("PS", "4!a21!c"),  // Palestine, State of
        ("PT", "4!n4!n11!n2!n"),  // Portugal
        ("QA", "4!a21!c"),  // Qatar
        ("RO", "4!a16!c"),  // Romania
        ("RS", "3!n13!n2!n"),  // Serbia
        ("RU", "9!n5!n15!c"),  // Russian Federation
        ("SA", "2!n18!c"),  // Saudi Arabia
        ("SC", "4!a2!n2!n16!n3!a"),  // Seychelles
        ("SD", "2!n12!n"),  // Sudan
        ("SE", "3!n16!n1!n"),  // Sweden
        ("SI", "5!n8!n2!n"),  // Slovenia
        ("SK", "4!n6!n10!n"),  // Slovakia
        ("SM", "1!a5!n5!n12!c"),  // San Marino
        ("SO", "4!n3!n12!n"),  // Somalia
        ("ST", "4!n4!n11!n2!n"),  // Sao Tome and Principe
        ("SV", "4!a20!n"),  // El Salvador
        ("TL", "3!n14!n2!n"),  // Timor-Leste
        ("TN", "2!n3!n13!n2!n"),  // Tunisia
        ("TR", "5!n1!n16!c"),  // Turkiye
        ("UA", "6!n19!c"),  // Ukraine
        ("VA", "3!n15!n"),  // Holy See
        ("VG", "4!a16!n"),  // Virgin Islands (British)
        ("XK", "4!n10!n2!n"),  // Kosovo
        ("YE", "4!a4!n18!c"),  // Yemen
    ]
}

/// The registry as flat arrays indexed by country-code slot (26 × first letter + second).
struct IBANCountryTable: Sendable {
    /// IBAN length per slot, 0 where no country.
    var lengths: [UInt8]
    /// Where each slot's BBAN classes start in `classes`.
    var offsets: [UInt16]
    /// One class per BBAN character: 'n' digit, 'a' upper-case letter, 'c' either.
    var classes: [UInt8]

    init(_ registry: [(country: String, bban: String)]) {
        lengths = [UInt8](repeating: 0, count: 676)
        offsets = [UInt16](repeating: 0, count: 676)
        classes = []
        for (country, bban) in registry {
            let code = Array(country.utf8)
            guard let slot = Self.slot(code[0], code[1]) else { continue }
            offsets[slot] = UInt16(classes.count)
            // "4!a6!n" → aaaannnnnn
            var count = 0
            for b in bban.utf8 {
                if PIIBytes.isDigit(b) {
                    count = count * 10 + Int(b - 0x30)
                } else if PIIBytes.isLetter(b) {
                    classes.append(contentsOf: repeatElement(b, count: count))
                    count = 0
                }
            }
            lengths[slot] = UInt8(classes.count - Int(offsets[slot]) + 4)
        }
    }

    /// The slot of a country code, or nil unless both bytes are 'A'...'Z'.
    @inline(__always) static func slot(_ a: UInt8, _ b: UInt8) -> Int? {
        let x = a &- 0x41, y = b &- 0x41
        guard x < 26, y < 26 else { return nil }
        return Int(x) &* 26 &+ Int(y)
    }

    @inline(__always) func slot(_ a: UInt8, _ b: UInt8) -> Int? { Self.slot(a, b) }

    /// Whether byte `b` belongs to class `c` ('n', 'a' or 'c'), upper case only.
    @inline(__always) static func matches(_ b: UInt8, _ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "n"): return PIIBytes.isDigit(b)
        case UInt8(ascii: "a"): return PIIBytes.isUpper(b)
        default: return PIIBytes.isDigit(b) || PIIBytes.isUpper(b)
        }
    }
}
