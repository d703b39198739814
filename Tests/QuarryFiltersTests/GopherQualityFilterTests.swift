// gopher_quality_v1 beyond the datatrove examples: the rules reached only with other options,
// Chinese and Japanese documents segmented by dictionary, per-language overrides, histograms,
// validation, and very large or empty documents.
import QuarryCore
import QuarryFilters
import Testing

func gopherQuality(_ configure: (inout GopherQualityFilter.Options) throws -> Void = { _ in }) throws -> GopherQualityFilter {
    var options = GopherQualityFilter.Options()
    try configure(&options)
    return try GopherQualityFilter(options: options)
}

let englishProse = String(repeating: "The committee met on Tuesday to review the budget and the plans for the library. ", count: 8)
/// About 120 words of Chinese prose (the words have one to four characters).
let chineseProse = String(repeating: "我们现在口头上常说的大模型，实际上特指大模型的其中一类，也是用得最多的一类。神经网络是人工智能领域目前最基础的计算模型。", count: 4)

@Test func longDocumentsHaveTheirReason() throws {
    let filter = try gopherQuality { $0.minDocWords = 10; $0.maxDocWords = 20 }
    #expect(filter.decide(Document(id: "a", text: englishProse)) == .drop(reason: "gopher_long_doc"))
}

@Test func chineseIsMeasuredInDictionaryWords() throws {
    // With English rules, Chinese text is a handful of space-free "words"; with dictionary
    // segmentation it has real words of one to four characters.
    var stats = StageStats()
    let filter = try gopherQuality { $0.minStopWords = nil; $0.minAlphaWordsRatio = nil }
    let document = Document(id: "zh", text: chineseProse, metadata: ["language": .string("zh")])
    #expect(filter.decide(document, stats: &stats) == .drop(reason: "gopher_below_avg_threshold"))
    let words = try #require(stats.histograms["words"])
    #expect(words.count == 1 && words.sum > 100)
    let mean = try #require(stats.histograms["mean_word_length"]?.mean)
    #expect(mean > 1 && mean < 2.5)
}

@Test func perLanguageOverridesApplyToTheirLanguageOnly() throws {
    let filter = try gopherQuality { options in
        options.languages = try LanguageOverrides(config: .mapping([
            ("zh", .mapping([("min_avg_word_length", .scalar("1")), ("max_avg_word_length", .scalar("5")),
                             ("stop_words", .sequence([.scalar("的"), .scalar("是"), .scalar("了")]))])),
        ]))
    }
    let chinese = Document(id: "zh", text: chineseProse, metadata: ["language": .string("zh-Hans")])
    #expect(filter.decide(chinese) == .keep)
    // The same text declared as Japanese gets the defaults, and no English stop words apply.
    let japanese = Document(id: "ja", text: chineseProse, metadata: ["language": .string("ja")])
    #expect(filter.decide(japanese) == .drop(reason: "gopher_below_avg_threshold"))
    #expect(filter.decide(Document(id: "en", text: englishProse)) == .keep)
}

@Test func japaneseGetsWords() throws {
    var stats = StageStats()
    let text = String(repeating: "東京は日本の首都であり、世界でも有数の大都市です。多くの人が電車で通勤しています。", count: 6)
    let filter = try gopherQuality { $0.minStopWords = nil; $0.minAvgWordLength = 1 }
    #expect(filter.decide(Document(id: "ja", text: text, metadata: ["language": .string("ja")]), stats: &stats) == .keep)
    #expect((stats.histograms["words"]?.sum ?? 0) > 100)
}

@Test func otherLanguagesSkipTheEnglishStopWords() throws {
    var stats = StageStats()
    let german = String(repeating: "Der Ausschuss hat am Dienstag den Haushalt und die Pläne für die Bibliothek geprüft. ", count: 8)
    let filter = try gopherQuality()
    #expect(filter.decide(Document(id: "de", text: german, metadata: ["language": .string("de")]), stats: &stats) == .keep)
    #expect(stats.counters["stop_word_rule_skipped"] == 1)
    #expect(filter.decide(Document(id: "de", text: german)) == .drop(reason: "gopher_enough_stop_words"))
}

@Test func emptyAndBlankDocumentsAreShort() throws {
    let filter = try gopherQuality()
    for text in ["", " \n\t ", "\u{3000}\n"] {
        #expect(filter.decide(Document(id: "e", text: text)) == .drop(reason: "gopher_short_doc"))
    }
    let lenient = try gopherQuality { $0.minDocWords = nil }
    #expect(lenient.decide(Document(id: "e", text: "")) == .keep)
}

@Test func aTwentyMegabyteSingleLineIsDecided() throws {
    let text = String(repeating: "word ", count: 4_000_000)
    let filter = try gopherQuality()
    #expect(filter.decide(Document(id: "big", text: text)) == .drop(reason: "gopher_long_doc"))
}

@Test func optionsAreValidated() {
    #expect(throws: ConfigError.self) { try gopherQuality { $0.minDocWords = 10; $0.maxDocWords = 5 } }
    #expect(throws: ConfigError.self) { try gopherQuality { $0.minAlphaWordsRatio = 1.5 } }
    #expect(throws: ConfigError.self) {
        try gopherQuality { $0.languages = LanguageOverrides([(language: "zh", options: .mapping([("min_words", .scalar("3"))]))]) }
    }
}
