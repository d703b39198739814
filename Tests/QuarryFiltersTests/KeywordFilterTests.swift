// keyword_filter_v1: spam and adult pages dropped with their reason, pages that mention a
// keyword in passing kept, Chinese text segmented into real words, the minimum count, user
// lists from options and files, histograms of the shares, empty text and missing metadata,
// and the fast matcher against its plain twin.
import QuarryCore
@testable import QuarryFilters
import QuarryTestSupport
import QuarryText
import Testing

@Suite struct KeywordFilterTests {
    func filter(_ configure: (inout KeywordFilter.Options) -> Void = { _ in }) throws -> KeywordFilter {
        var options = KeywordFilter.Options()
        configure(&options)
        return try KeywordFilter(options: options)
    }

    func document(_ text: String, language: String? = nil) -> Document {
        var metadata: JSONObject = [:]
        if let language { metadata[MetadataKey.language] = .string(language) }
        return Document(id: "d", text: text, metadata: metadata)
    }

    static let article = """
        The city council met on Tuesday to discuss the new budget for schools, roads and parks. \
        Members argued about the cost of repairs to the old bridge and the library roof, and \
        agreed to hold a public meeting next month. One member mentioned that a casino had asked \
        for a permit last year, but the request was withdrawn. The mayor thanked the volunteers \
        who cleaned the river banks in the spring and promised more money for street lighting.
        """

    @Test func spamPageIsDropped() throws {
        let page = "Online casino bonus! Best casino slots, free download, jackpot every day. Casino, casino, casino."
        #expect(try filter().decide(document(page)) == .drop(reason: "keyword_spam"))
    }

    @Test func adultPageIsDropped() throws {
        let page = "Hot porn videos: free xxx porn, nude girls, porn tube."
        #expect(try filter().decide(document(page)) == .drop(reason: "keyword_adult"))
    }

    @Test func passingMentionIsKept() throws {
        #expect(try filter().decide(document(Self.article)) == .keep)
        var stats = StageStats()
        #expect(try filter().decide(document(Self.article), stats: &stats) == .keep)
        let spam = try #require(stats.histograms["keyword_spam_ratio"])
        #expect(spam.count == 1 && spam.maximum > 0 && spam.maximum < 0.05)
        #expect(stats.histograms["keyword_adult_ratio"]?.maximum == 0)
    }

    @Test func chineseSpamIsDroppedAndChineseNewsKept() throws {
        let spam = "澳门赌场在线观看，成人影院免费下载，百家乐娱乐城，六合彩时时彩，老虎机棋牌。"
        let news = "北京市政府今天宣布，明年将投入更多资金用于学校和医院建设。有代表提到彩票收入的使用问题，"
            + "但会议主要讨论了交通和环境保护。市民对公园改造计划表示欢迎，专家建议加快老旧小区的改造进度。"
        let stage = try filter()
        #expect(stage.decide(document(spam, language: "zh")) == .drop(reason: "keyword_spam"))
        #expect(stage.decide(document(news, language: "zh")) == .keep)
        // Dictionary segmentation: the spam page is many words, not one per clause.
        let shares = KeywordMatcher(adult: [], spam: WordListFiles.entries(of: BuiltinWordlists.spamKeywords))
            .shares(in: spam, tokenizer: KeywordFilter.tokenizer(for: "zh"))
        #expect(shares.spam.words >= 15)
        #expect(shares.spam.keywordWords >= 10)
    }

    @Test func minimumCountProtectsShortTexts() throws {
        #expect(try filter().decide(document("Casino tonight")) == .keep)
        #expect(try filter { $0.minKeywordWords = 1 }.decide(document("Casino tonight")) == .drop(reason: "keyword_spam"))
    }

    @Test func emptyTextAndMissingMetadata() throws {
        let stage = try filter()
        #expect(stage.decide(document("")) == .keep)
        #expect(stage.decide(document(" \n\t ")) == .keep)
        // Without metadata the default language's adult list applies; German words count for German.
        let german = "Arschloch, Arschloch, Arschloch und Wichser."
        #expect(stage.decide(document(german)) == .keep)
        #expect(stage.decide(document(german, language: "de")) == .drop(reason: "keyword_adult"))
        #expect(try filter { $0.defaultLanguage = "de" }.decide(document(german)) == .drop(reason: "keyword_adult"))
        // A language without a list still gets the spam list.
        #expect(stage.decide(document("casino casino casino casino", language: "xx")) == .drop(reason: "keyword_spam"))
    }

    @Test func userListsInlineAndFromFiles() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("adult.txt", "# my list\nWidget Gadget\n\n")
        let stage = try filter {
            $0.useBuiltinLists = false
            $0.adultKeywordsFiles = [file]
            $0.spamKeywords = ["Cheap Stuff"]
        }
        #expect(stage.decide(document("widget gadget, WIDGET GADGET, widget gadget here")) == .drop(reason: "keyword_adult"))
        #expect(stage.decide(document("cheap stuff cheap stuff cheap stuff now")) == .drop(reason: "keyword_spam"))
        #expect(stage.decide(document("porn porn porn porn")) == .keep)
        do {
            _ = try filter { $0.spamKeywordsFiles = [dir.file("missing.txt")] }
            Issue.record("a missing list file must be a configuration error")
        } catch let error as ConfigError {
            #expect(error.file == dir.file("missing.txt"))
        }
    }

    @Test func keywordsStandAlone() {
        let matcher = KeywordMatcher(adult: [], spam: ["casino", "在线观看"])
        let words = KeywordFilter.tokenizer(for: "en")
        #expect(matcher.shares(in: "casinos casinos", tokenizer: words).spam.keywordWords == 0)
        #expect(matcher.shares(in: "CASINO! casino_x", tokenizer: words).spam.keywordWords == 1)
        // "casino" counts next to Han characters, which touch the words around them.
        #expect(matcher.shares(in: "在线casino", tokenizer: KeywordFilter.tokenizer(for: "zh")).spam.keywordWords == 1)
        #expect(matcher.shares(in: "免费在线观看电影", tokenizer: KeywordFilter.tokenizer(for: "zh")).spam.keywordWords >= 1)
    }

    @Test func fastSharesAgreeWithTwin() {
        let matcher = KeywordMatcher(adult: ["sex", "hot sex", "ж"], spam: ["casino", "free download", "在线观看", "x"])
        let pieces = ["sex", "SEX", "hot", "casino", "Casinos", "free", "download", "在线观看", "在线", "ж", "Ж",
                      "x", "X", " ", " ", ", ", ".", "-", "_", "é", "\u{130}", "中", "\n"]
        var rng = SplitMix64(seed: 5)
        let tokenizer = KeywordFilter.tokenizer(for: "en")
        for _ in 0..<300 {
            let text = rng.string(from: pieces, count: rng.below(16))
            let fast = matcher.shares(in: text, tokenizer: tokenizer)
            let slow = matcher.naiveShares(in: text, tokenizer: tokenizer)
            #expect(fast.adult == slow.adult && fast.spam == slow.spam, "\(text.debugDescription)")
        }
    }

    @Test func validatesOptions() throws {
        #expect(throws: ConfigError.self) { try filter { $0.maxAdultRatio = 1.5 } }
        #expect(throws: ConfigError.self) { try filter { $0.maxSpamRatio = -1 } }
        #expect(throws: ConfigError.self) { try filter { $0.maxSpamRatio = .nan } }
        #expect(throws: ConfigError.self) { try filter { $0.minKeywordWords = 0 } }
        #expect(try KeywordFilter.Options(config: nil) == KeywordFilter.Options())
    }
}
