// Language-ID labels of the three model families Quarry reads: its own (zh-Hans), fastText's
// lid.176 (bare codes) and GlotLID (ISO 639-3 with a script).
import Testing
@testable import QuarryClassify

@Suite struct LanguageLabelTests {
    @Test(arguments: [
        ("en", "en", nil), ("zh-Hans", "zh", "Hans"), ("zh-Hant", "zh", "Hant"), ("ceb", "ceb", nil),
        ("eng_Latn", "en", "Latn"), ("cmn_Hani", "zh", "Hani"), ("arb_Arab", "ar", "Arab"), ("fra", "fr", nil),
        ("pt-BR", "pt", nil), ("sr-Latn", "sr", "Latn"), ("zsm_Latn", "ms", "Latn"),
    ] as [(String, String, String?)])
    func parses(label: String, language: String, script: String?) {
        #expect(LanguageLabel(parsing: label) == LanguageLabel(language: language, script: script))
    }
}
