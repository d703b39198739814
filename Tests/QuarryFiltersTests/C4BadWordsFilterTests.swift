// c4_badwords_v1: datatrove's decisions on the golden strings (Fixtures/badwords-golden.jsonl,
// made by scripts/reference/badwords_golden.py), the reason and counters, keep_fraction's
// per-document draw, language lookup and the options' validation.
import QuarryCore
@testable import QuarryFilters
import Testing

@Suite struct C4BadWordsFilterTests {
    struct Golden: Decodable {
        var lang: String
        var text: String
        var drop: Bool
    }

    func filter(_ configure: (inout C4BadWordsFilter.Options) -> Void = { _ in }) throws -> C4BadWordsFilter {
        var options = C4BadWordsFilter.Options()
        configure(&options)
        return try C4BadWordsFilter(options: options)
    }

    func document(_ text: String, language: String? = nil, id: String = "d") -> Document {
        var metadata: JSONObject = [:]
        if let language { metadata[MetadataKey.language] = .string(language) }
        return Document(id: id, text: text, metadata: metadata)
    }

    @Test func agreesWithDatatroveOnGoldenStrings() throws {
        let golden = ListFilterFixtures.lines("badwords-golden.jsonl", as: Golden.self)
        #expect(golden.count == 3424)
        #expect(Set(golden.map(\.lang)).count == 28)
        #expect(golden.filter(\.drop).count > 500 && golden.filter { !$0.drop }.count > 500)
        let stage = try filter()
        var disagreements: [String] = []
        for case let item in golden {
            let dropped = stage.decide(document(item.text, language: item.lang)) != .keep
            if dropped != item.drop { disagreements.append("\(item.lang) \(item.text.debugDescription): datatrove \(item.drop)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test func listsAreTheOnesDatatrovePins() {
        #expect(C4BadWordsFilter.languages.count == 28)
        // Entries datatrove reads (stripped lines; none empty, none a comment).
        #expect(WordListFiles.entries(of: BuiltinWordlists.ldnoobw["en"]!).count == 377)
        #expect(WordListFiles.entries(of: BuiltinWordlists.ldnoobw["zh"]!).count == 319)
        #expect(BuiltinWordlists.ldnoobw["hi"]!.contains("teri maa ki behenchod \n"))
        #expect(WordListFiles.entries(of: BuiltinWordlists.ldnoobw["hi"]!).contains("teri maa ki behenchod"))
    }

    @Test func dropsWithReasonAndCounts() throws {
        let stage = try filter()
        #expect(stage.decide(document("What the fuck.")) == .drop(reason: "c4_badwords"))
        #expect(stage.decide(document("A clean sentence about glass and classes.")) == .keep)
        #expect(stage.decide(document("")) == .keep)
        #expect(stage.decide(document("   \n ")) == .keep)
        var batch = DocumentBatch(documents: [
            document("fuck", id: "1"), document("clean", id: "2"),
            document("fuck", language: "xx", id: "3"), document("fuck", language: "not a code!", id: "4"),
            document("блядь", language: "ru", id: "5"),
        ])
        var stats = StageStats()
        try stage.run(on: &batch, stats: &stats)
        #expect(batch.documents.map(\.id) == ["2", "3", "4"])
        #expect(batch.rejected.map(\.reason) == ["c4_badwords", "c4_badwords"])
        #expect(stats.dropped == ["c4_badwords": 2])
        #expect(stats.counters["badwords_found"] == 2)
        #expect(stats.counters["badwords_missing_language"] == 2)
        #expect(stats.counters["badwords_missing_language_xx"] == 1)
        #expect(stats.counters["badwords_missing_language_other"] == 1)
    }

    @Test func missingMetadataUsesDefaultLanguage() throws {
        let german = try filter { $0.defaultLanguage = "de" }
        #expect(german.decide(document("so ein arschloch")) == .drop(reason: "c4_badwords"))
        #expect(german.decide(document("so ein arschloch", language: "en")) == .keep)
        // A language value that is not a string counts as absent.
        var odd = document("so ein arschloch")
        odd.metadata[MetadataKey.language] = .number(JSONNumber(3))
        #expect(german.decide(odd) == .drop(reason: "c4_badwords"))
    }

    @Test func languageCodesFallBackToPrimarySubtagAndAliases() {
        #expect(C4BadWordsFilter.listLanguage(for: "pt-BR") == "pt")
        #expect(C4BadWordsFilter.listLanguage(for: "zh_Hant") == "zh")
        #expect(C4BadWordsFilter.listLanguage(for: "EN") == "en")
        #expect(C4BadWordsFilter.listLanguage(for: "nb") == "no")
        #expect(C4BadWordsFilter.listLanguage(for: "tl") == "fil")
        #expect(C4BadWordsFilter.listLanguage(for: "fr-CA-u-sd-caqc") == "fr-CA-u-sd-caqc")
        #expect(C4BadWordsFilter.listLanguage(for: "xx") == nil)
        #expect(C4BadWordsFilter.listLanguage(for: "") == nil)
    }

    @Test func substringMatchingForChineseJapaneseThai() throws {
        let stage = try filter()
        #expect(stage.decide(document("这是一个操你妈的例子", language: "zh")) == .drop(reason: "c4_badwords"))
        #expect(stage.decide(document("性别平等", language: "zh")) == .keep)  // 性 is allowlisted
        #expect(stage.decide(document("今日は良い天気です", language: "ja")) == .keep)
    }

    @Test func keepFractionIsAPerDocumentDraw() throws {
        let half = try filter { $0.keepFraction = 0.5; $0.seed = 42 }
        let ids = (0..<2000).map { "doc-\($0)" }
        let kept = ids.filter { half.decide(document("fuck", id: $0)) == .keep }
        #expect(kept.count > 900 && kept.count < 1100)
        // The same id decides the same way every time, in any order.
        #expect(ids.reversed().filter { half.decide(document("fuck", id: $0)) == .keep } == kept.reversed())
        let all = try filter { $0.keepFraction = 1 }
        #expect(all.decide(document("fuck")) == .keep)
        // A clean document is never affected by the draw.
        #expect(try filter { $0.keepFraction = 0 }.decide(document("clean")) == .keep)
        // Named, fixed hash: these values must not change between releases.
        #expect(StableDraw.unitInterval(id: "doc-1", seed: 0) == StableDraw.unitInterval(id: "doc-1", seed: 0))
        #expect(StableDraw.unitInterval(id: "doc-1", seed: 0) != StableDraw.unitInterval(id: "doc-1", seed: 1))
        #expect(StableDraw.unitInterval(id: "", seed: 0) == 0.9576734252420561)  // computed independently in Python
    }

    @Test func validatesOptions() throws {
        #expect(throws: ConfigError.self) { try filter { $0.keepFraction = 1.5 } }
        #expect(throws: ConfigError.self) { try filter { $0.keepFraction = -0.1 } }
        #expect(throws: ConfigError.self) { try filter { $0.failOnMissingLanguage = true; $0.defaultLanguage = "xx" } }
        _ = try filter { $0.failOnMissingLanguage = true; $0.defaultLanguage = "de" }
        _ = try filter { $0.defaultLanguage = "xx" }
        let options = try C4BadWordsFilter.Options(config: nil)
        #expect(options == C4BadWordsFilter.Options())
    }
}
