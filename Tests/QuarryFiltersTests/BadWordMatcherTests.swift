// BadWordMatcher: the automaton scan with byte-level boundary checks decides like the plain
// twin (whole-text lowering, scalar-by-scalar comparison) on random text built from list
// words and tricky neighbours, for boundary and substring languages.
@testable import QuarryFilters
import QuarryTestSupport
import Testing

@Suite struct BadWordMatcherTests {
    static let neighbours = [" ", "\n", ".", "-", "_", "0", "a", "Z", "é", "É", "ж", "中", "\u{301}", "🙂",
                             "\u{130}", "\u{212A}", "ẞ", "Σ", "ｘ", "\u{A0}", ""]

    func check(_ matcher: BadWordMatcher, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let words = matcher.words
        for _ in 0..<400 {
            var pieces: [String] = []
            for _ in 0..<(1 + rng.below(4)) {
                var word = words[rng.below(words.count)]
                if rng.bool() { word = word.uppercased() }
                pieces.append(Self.neighbours[rng.below(Self.neighbours.count)] + word)
            }
            pieces.append(Self.neighbours[rng.below(Self.neighbours.count)])
            let text = pieces.joined()
            #expect(matcher.matches(text) == matcher.naiveMatches(text), "\(text)")
        }
    }

    @Test func fastScanAgreesWithTwinForBoundaryLanguages() {
        check(BadWordMatcher(words: ["ass", "2 girls 1 cup", "sex", "sexy", "🖕", "fuck", "ж"], boundary: .nonWordCharacters), seed: 1)
        check(C4BadWordsFilter.matcher(language: "ru", words: WordListFiles.entries(of: BuiltinWordlists.ldnoobw["ru"]!)), seed: 2)
    }

    @Test func fastScanAgreesWithTwinForSubstringLanguages() {
        check(C4BadWordsFilter.matcher(language: "zh", words: WordListFiles.entries(of: BuiltinWordlists.ldnoobw["zh"]!)), seed: 3)
        check(BadWordMatcher(words: ["ab", "中文", "k"], boundary: .none), seed: 4)
    }

    @Test func wordsWithUpperCaseNeverMatch() {
        let matcher = BadWordMatcher(words: ["MILF", "Çingene", "ok"], boundary: .nonWordCharacters)
        #expect(matcher.words == ["ok"])
        #expect(!matcher.matches("MILF milf Çingene çingene"))
        #expect(matcher.matches("OK"))
    }

    @Test func nonASCIIUpperCaseIsLoweredBeforeMatching() {
        let matcher = BadWordMatcher(words: ["çingene", "kill"], boundary: .nonWordCharacters)
        #expect(matcher.matches("ÇINGENE!"))
        #expect(matcher.matches("\u{212A}ILL"))          // Kelvin sign lowers to k
        #expect(!matcher.matches("\u{212A}ILLS"))
    }
}
