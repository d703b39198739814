// UnicodeNormalization (ICU through CICU) checked against an independent implementation:
// Foundation's normalization (swift-foundation's bundled ICU, a different build and version
// from the system ICU that QuarryText links) on fixed UAX #15 cases and random mixtures.
import Foundation
import QuarryText
import QuarryTestSupport
import Testing

/// The independent twin: Foundation's normalization, composed from its decompositions as
/// UAX #15 defines the forms (NFC = compose(NFD), NFKC = compose(NFKD)), with an explicit
/// canonical reordering. Used directly, swift-foundation 6.3 on Linux deviates in two ways
/// (see `plainFoundationDeviations`): its compatibility forms neither reorder nor compose the
/// combining marks a compatibility mapping produces (U+FF9E becomes U+3099), and its NFC does
/// not compose a precomposed LV Hangul syllable with a following trailing jamo.
func foundationNormalized(_ text: String, _ form: NormalizationForm) -> String {
    switch form {
    case .nfc: canonicallyOrdered(text.decomposedStringWithCanonicalMapping).precomposedStringWithCanonicalMapping
    case .nfkc: canonicallyOrdered(text.decomposedStringWithCompatibilityMapping).precomposedStringWithCanonicalMapping
    case .nfd: canonicallyOrdered(text.decomposedStringWithCanonicalMapping)
    case .nfkd: canonicallyOrdered(text.decomposedStringWithCompatibilityMapping)
    }
}

/// Canonical ordering (UAX #15, D108): a stable sort of each run of non-starters by their
/// canonical combining class, from the standard library's Unicode data.
func canonicallyOrdered(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var run: [Unicode.Scalar] = []
    func ccc(_ s: Unicode.Scalar) -> UInt8 { s.properties.canonicalCombiningClass.rawValue }
    func flush() {
        out.append(contentsOf: run.enumerated().sorted { (ccc($0.element), $0.offset) < (ccc($1.element), $1.offset) }
            .map(\.element))
        run.removeAll()
    }
    for scalar in text.unicodeScalars {
        if ccc(scalar) == 0 {
            flush()
            out.append(scalar)
        } else {
            run.append(scalar)
        }
    }
    flush()
    return String(out)
}

/// Scalar values, for readable failure messages (Swift's `==` on String ignores normalization).
func scalars(_ text: String) -> [String] { text.unicodeScalars.map { String($0.value, radix: 16) } }

let normalizationCases: [String] = [
    "", "plain ASCII text, nothing to do\n", "café", "cafe\u{301}", "e\u{301}\u{301}", "\u{301}leading mark",
    "x\u{301} has no precomposed form", "a\u{316}\u{301}", "a\u{301}\u{316}", "\u{1E9B}\u{323}", "Ç\u{327}",
    "\u{212B}ngström \u{2126}hm \u{212A}elvin", "Å Å", "한국어 텍스트", "\u{1112}\u{1161}\u{11AB}",
    "\u{1100}\u{1161}", "\u{AC00}\u{11A8}", "ＦＵＬＬ　ｗｉｄｔｈ ｔｅｘｔ１２３", "ｶﾞｷﾞ ﾊﾟ", "か\u{3099} が",
    "ﬁﬂ ﬀ ﬃ ligatures", "①②③ ㍿ ㈱ ½ x² H₂O", "\u{FDFA} \u{FB2C} \u{0958}", "Ǆ ǆ ǅ", "™ … ‥",
    "汉字与漢字，日本語の文章です。", "中文混合English和数字123", "😀👍🏽 family 👨‍👩‍👧 flag 🇫🇷",
    "\u{A0}non-breaking\u{2003}em\u{3000}ideographic", "Ελληνικά ά ά", "русский й й", "עִבְרִית",
    "العربية \u{FEFB}", "ह\u{093C} क़", "Tiếng Việt ệ ệ", "mixed: é e\u{301} ﬁ Ａ 한 \u{1100}\u{1161} 字 😀",
]

@Test(arguments: NormalizationForm.allCases)
func matchesFoundationOnFixedCases(_ form: NormalizationForm) throws {
    for text in normalizationCases {
        let expected = foundationNormalized(text, form)
        let result = try UnicodeNormalization.normalize(text, to: form)
        let actual = result ?? text
        #expect(Array(actual.utf8) == Array(expected.utf8),
                "\(form) of \(scalars(text)): \(scalars(actual)) != \(scalars(expected))")
        // nil exactly when the text is already in the form.
        #expect((result == nil) == (Array(text.utf8) == Array(expected.utf8)), "\(form) of \(scalars(text))")
    }
}

@Test(arguments: NormalizationForm.allCases)
func matchesFoundationOnRandomMixtures(_ form: NormalizationForm) throws {
    let pieces = ["a", "e", "\u{301}", "\u{316}", "\u{327}", "é", "ﬁ", "Ａ", "\u{1100}", "\u{1161}", "\u{11A8}",
                  "한", "字", "😀", "\u{200D}", " ", "\n", "ｶ", "ﾞ", "\u{3099}", "か", "Å", "\u{212B}", "½", "word "]
    var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(form.rawValue.utf8.count))
    for _ in 0..<400 {
        var text = ""
        for _ in 0..<rng.below(24) { text += pieces[rng.below(pieces.count)] }
        let expected = foundationNormalized(text, form)
        let actual = try UnicodeNormalization.normalize(text, to: form) ?? text
        #expect(Array(actual.utf8) == Array(expected.utf8), "\(form) of \(scalars(text))")
    }
}

@Test(arguments: NormalizationForm.allCases)
func alreadyNormalizedTextReturnsNil(_ form: NormalizationForm) throws {
    for text in ["", "ASCII only, any form: ~!@#$%^&*()\t\n\u{1}\u{7F}"] + normalizationCases {
        let normalized = foundationNormalized(text, form)
        #expect(try UnicodeNormalization.normalize(normalized, to: form) == nil, "\(form) of \(scalars(normalized))")
        #expect(try UnicodeNormalization.isNormalized(normalized, form: form))
    }
    // Normalized, but ICU's quick check only says "maybe": the result is still nil.
    #expect(try UnicodeNormalization.normalize("x\u{301}", to: .nfc) == nil)
}

/// Cases where plain Foundation disagrees with ICU; the expected scalars come from a third
/// implementation, Python 3.11's `unicodedata.normalize` (Unicode 14.0).
@Test func plainFoundationDeviations() throws {
    let cases: [(text: String, form: NormalizationForm, python: [UInt32])] = [
        ("\u{AC00}\u{11A8}", .nfc, [0xAC01]),
        ("\u{AC00}\u{11A8}", .nfkc, [0xAC01]),
        ("\u{304B}\u{FF9E}", .nfkc, [0x304C]),
        ("\u{D55C}\u{301}\u{FF9E}", .nfkc, [0xD55C, 0x3099, 0x301]),
        ("e\u{301}\u{FF9E}", .nfkd, [0x65, 0x3099, 0x301]),
        ("\u{C5}\u{FF9E}", .nfkd, [0x41, 0x3099, 0x30A]),
    ]
    for c in cases {
        let actual = try UnicodeNormalization.normalize(c.text, to: c.form) ?? c.text
        #expect(actual.unicodeScalars.map(\.value) == c.python, "\(c.form) of \(scalars(c.text))")
        #expect(foundationNormalized(c.text, c.form).unicodeScalars.map(\.value) == c.python)
    }
}

@Test func byteBufferEntryPointAgreesWithString() throws {
    for text in normalizationCases {
        var copy = text
        let viaBytes = try copy.withUTF8 { try UnicodeNormalization.normalize($0, to: .nfkc) }
        let viaString = try UnicodeNormalization.normalize(text, to: .nfkc)
        #expect(viaBytes.map { Array($0.utf8) } == viaString.map { Array($0.utf8) })
    }
    #expect(try UnicodeNormalization.normalize(UnsafeBufferPointer(start: nil, count: 0), to: .nfc) == nil)
}

@Test func changesAreTheExpectedOnes() throws {
    #expect(try UnicodeNormalization.normalize("cafe\u{301}", to: .nfc).map { Array($0.utf8) } == Array("caf\u{E9}".utf8))
    #expect(try UnicodeNormalization.normalize("caf\u{E9}", to: .nfd).map { Array($0.unicodeScalars) }
        == Array("cafe\u{301}".unicodeScalars))
    #expect(try UnicodeNormalization.normalize("ﬁ Ａ１", to: .nfkc) == "fi A1")
    #expect(try UnicodeNormalization.normalize("ﬁ", to: .nfc) == nil)
    // A result made only of ASCII is flagged as ASCII and behaves like any String.
    let ascii = try #require(try UnicodeNormalization.normalize("ＡＢＣ", to: .nfkc))
    #expect(ascii.utf8.count == 3 && ascii == "ABC" && ascii.hasPrefix("AB"))
}

@Test func reportsTheUnicodeVersion() {
    let version = UnicodeNormalization.unicodeVersion
    let parts = version.split(separator: ".")
    #expect(parts.count >= 2 && parts.allSatisfy { Int($0) != nil }, "\(version)")
}
