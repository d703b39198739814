// boilerplate_lines_v1: each rule removes its lines (English and Chinese) and counts them under
// its name, content lines stay, a document is only dropped when nothing is left, blank lines
// close up around removals, and the domain rule removes a line repeated across one domain's
// documents but not the same line in a domain where it is rare.
import QuarryCore
@testable import QuarryFilters
import Testing

@Suite struct BoilerplateLinesStageTests {
    func stage(_ configure: (inout BoilerplateLinesStage.Options) -> Void = { _ in }) throws -> BoilerplateLinesStage {
        var options = BoilerplateLinesStage.Options()
        configure(&options)
        return try BoilerplateLinesStage(options: options)
    }

    /// Runs the stage on documents; returns the kept texts, the rejects' reasons and the stats.
    func run(_ stage: BoilerplateLinesStage, _ documents: [Document]) throws -> (texts: [String], rejected: [String], stats: StageStats) {
        var batch = DocumentBatch(documents: documents)
        var stats = StageStats()
        try stage.run(on: &batch, stats: &stats)
        return (batch.documents.map(\.text), batch.rejected.map(\.reason), stats)
    }

    func doc(_ text: String, url: String? = nil, id: String = "d") -> Document {
        Document(id: id, text: text, metadata: url.map { ["url": .string($0)] } ?? [:])
    }

    static let article = "The council approved the new library budget on Tuesday, after a long debate about its costs."

    @Test(arguments: [
        ("Skip to content", "navigation"), ("• Home", "navigation"), ("[Sign in]", "navigation"), ("会员中心", "navigation"),
        ("登录后你可以", "navigation"), ("Share on Facebook", "share"), ("分享到：", "share"), ("+关注", "share"),
        ("We use cookies to give you the best experience.", "cookie"), ("Subscribe to our newsletter", "subscription"),
        ("欢迎添加关注！", "subscription"), ("Related articles", "related"), ("相关推荐", "related"),
        ("dee78002-a89a-11ef-93f3-92fbcf53809c.png", "image_file"), ("https://cdn.example.com/a/B.JPG?w=300", "image_file"),
        ("2024-11-25 09:29 ? 3072次阅读", "view_count"), ("1,024 views", "view_count"), ("5 min read", "view_count"),
        ("© 2024 Example Media. All rights reserved.", "copyright"), ("版权所有 © 2024 某某网", "copyright"),
        ("声明：本文内容及配图由入驻作者撰写或者入驻合作网站授权转载。文章观点仅代表作者本人，不代表本站立场。", "copyright"),
        ("发表于 05-05 12:17", "byline"), ("Posted on March 3, 2024 by admin", "byline"),
        ("Please enable JavaScript to view the comments.", "browser_notice"), ("Read our privacy policy and terms of use.", "policy"),
        ("在线观看www成人影院-在线观看www日本免费网站-在线观看www视频-在线观看操-欧美18在线-欧美1级", "keyword_list"),
        ("cheap pills | best pills | buy pills online | pills for sale | discount pills", "keyword_list"),
        ("立即完善>", "call_to_action"), ("Read more »", "call_to_action"), ("3天内不再提示", "call_to_action"),
        ("• • •", "no_letters"), ("----", "no_letters"),
    ])
    func aBoilerplateLineIsRemovedUnderItsRule(line: String, rule: String) throws {
        let result = try run(try stage(), [doc(Self.article + "\n" + line + "\n" + Self.article)])
        #expect(result.texts == [Self.article + "\n" + Self.article], "\(line)")
        #expect(result.stats.counters["lines_removed_" + rule] == 1, "\(line): \(result.stats.counters)")
        #expect(result.stats.counters["lines_removed"] == 1)
    }

    @Test(arguments: [
        "The shares of the company rose 5 percent after the announcement.",
        "Subscribers will receive the magazine every month, and can cancel at any time.",
        "本文通俗简单地介绍了什么是大模型、大模型是怎么训练出来的和大模型的作用。",
        "什么是大模型",
        "大模型是如何训练出来的?",
        "A state-of-the-art, well-known method for COVID-19 testing",
        "He described the home, the garden and the old barn in detail.",
        "Python 3.12 was released in October 2023.",
        "Copyright law protects original works of authorship.",
        "The proposal received 300 comments from residents before the vote in May.",
        "3046", "))", "close()", ">>> print(x)", "--tags", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "<QuerySet [<Author: Ursula>, <Author: Ülle>]>", "class MyView(TestMixin1, TestMixin2, View):",
        "Санкт-Петербург и Москва — крупнейшие города России",
        "আজ শনিবার সকাল সাড়ে ৭টার দিকে দৌলতপুর উপজেলার ফিলিপনগর গ্রামে এ ঘটনা ঘটে।",
    ])
    func contentLinesStay(line: String) throws {
        let text = Self.article + "\n" + line + "\n" + Self.article
        let result = try run(try stage(), [doc(text)])
        #expect(result.texts == [text], "\(result.stats.counters)")
        #expect(result.stats.counters["changed_documents"] == nil)
    }

    @Test func aRunOfShortLinesIsAMenuButOneShortLineIsAHeading() throws {
        let menu = ["Products", "Pricing", "", "Customers", "Careers"].joined(separator: "\n")
        let result = try run(try stage(), [doc(menu + "\n\n" + Self.article + "\n\nOur history\n\n" + Self.article)])
        #expect(result.texts == [Self.article + "\n\nOur history\n\n" + Self.article])
        #expect(result.stats.counters["lines_removed_menu_block"] == 4)
        // Two short lines are no menu, and a removed line between short lines does not count.
        let two = "Products\nPricing\n\n" + Self.article
        #expect(try run(try stage(), [doc(two)]).texts == [two])
        let split = "Overview\nimage.png\nDetails\n" + Self.article
        #expect(try run(try stage(), [doc(split)]).texts == ["Overview\nDetails\n" + Self.article])
    }

    @Test func aRelatedHeadingLateInTheTextCutsWhatFollows() throws {
        let teasers = "How we trained a model\nA long teaser sentence that reads like any article sentence does.\n发表于 05-05 12:17"
        let late = Self.article + "\n" + Self.article + "\n相关推荐\n" + teasers
        let result = try run(try stage(), [doc(late)])
        #expect(result.texts == [Self.article + "\n" + Self.article])
        #expect(result.stats.counters["lines_removed_related"] == 4)
        // Early in the text, the heading alone goes.
        let early = "Related posts\n" + Self.article + "\n" + Self.article
        #expect(try run(try stage(), [doc(early)]).texts == [Self.article + "\n" + Self.article])
        // And without cut_after_related, only the heading and the lines other rules find go.
        let noCut = try run(try stage { $0.cutAfterRelated = false }, [doc(late)])
        #expect(noCut.texts == [Self.article + "\n" + Self.article + "\nHow we trained a model\n"
            + "A long teaser sentence that reads like any article sentence does."])
    }

    @Test func blankLinesCloseUpAroundRemovals() throws {
        let s = try stage()
        #expect(try run(s, [doc("Home\n\n\nFirst paragraph here.\n\n\nShare\n\n\nSecond paragraph here.\n\n\nPrint\n")]).texts
            == ["First paragraph here.\n\nSecond paragraph here.\n"])
        // Nothing removed: the text is left exactly as it was, blank runs and all.
        let untouched = "\n\nFirst paragraph here.\n\n\n\nSecond paragraph here.   \r\n"
        #expect(try run(s, [doc(untouched)]).texts == [untouched])
        // CRLF lines keep their CR.
        #expect(try run(s, [doc("Home\r\nFirst paragraph here.\r\nSecond one.\r\n")]).texts == ["First paragraph here.\r\nSecond one.\r\n"])
    }

    @Test func aDocumentOfBoilerplateOnlyIsDroppedWithAReason() throws {
        let result = try run(try stage(), [doc("Home\nAbout us\n\nShare\n", id: "a"), doc("", id: "b"), doc("  \n ", id: "c"),
                                           doc(Self.article, id: "d")])
        #expect(result.texts == ["", "  \n ", Self.article])
        #expect(result.rejected == ["all_lines_removed"])
        #expect(result.stats.dropped == ["all_lines_removed": 1])
    }

    @Test func c4RulesAreOptionsAndCountCJKPunctuationAndWords() throws {
        let s = try stage { $0.rules = [.tooFewWords, .noTerminalPunctuation] }
        let text = ["A line without an end", "A proper sentence ends here.", "他说：“大模型来了。”", "预训练是一项技术。", "很好。",
                    "Too short.", "Ends with an ellipsis...", "“Quoted sentence ends here.\""].joined(separator: "\n")
        let result = try run(s, [doc(text)])
        #expect(result.texts == ["A proper sentence ends here.\n他说：“大模型来了。”\n预训练是一项技术。\n“Quoted sentence ends here.\""])
        #expect(result.stats.counters["lines_removed_no_terminal_punctuation"] == 2)
        #expect(result.stats.counters["lines_removed_too_few_words"] == 2)
    }

    @Test func annotateKeepsTheRemovedLinesInMetadata() throws {
        var batch = DocumentBatch(documents: [doc("Home\n" + Self.article + "\nimg_01.png")])
        var stats = StageStats()
        try stage { $0.annotate = true }.run(on: &batch, stats: &stats)
        #expect(batch.documents[0].metadata["boilerplate_lines"] == .array([
            .object(["rule": .string("navigation"), "line": .string("Home")]),
            .object(["rule": .string("image_file"), "line": .string("img_01.png")]),
        ]))
    }

    // MARK: - Domain repetition

    /// A domain of 20 pages sharing a footer line, and one of 20 pages where that line is rare.
    func corpus() -> [Document] {
        var documents: [Document] = []
        for i in 0..<20 {
            documents.append(doc("Page \(i) of the news site has its own sentence number \(i).\nA shared footer line that repeats on every page.",
                                 url: "https://news.example.com/p\(i)", id: "n\(i)"))
            let footer = i == 0 ? "\nA shared footer line that repeats on every page." : ""
            documents.append(doc("Post \(i) of the blog talks about something else entirely, number \(i)." + footer,
                                 url: "https://Blog.Example.org:8080/\(i)?x", id: "b\(i)"))
        }
        return documents
    }

    func prepared(_ s: BoilerplateLinesStage, batches: [[Document]]) throws -> BoilerplateLinesStage {
        var total = s.makeCounts()
        for batch in batches {
            var counts = s.makeCounts()
            s.count(batch, into: &counts)
            total.merge(counts)
        }
        let stored = s.finished(total).encoded()
        return try s.prepared(with: try s.decodeCounts(stored))
    }

    @Test func aLineRepeatedAcrossADomainGoesButNotInADomainWhereItIsRare() throws {
        let s = try stage()
        let documents = corpus()
        let ready = try prepared(s, batches: [Array(documents[0..<7]), Array(documents[7..<31]), Array(documents[31...])])
        let result = try run(ready, documents)
        #expect(result.stats.counters["lines_removed_domain_repeated"] == 20)
        #expect(result.texts[0] == "Page 0 of the news site has its own sentence number 0.")
        #expect(result.texts[1] == documents[1].text, "one page of 20 in the blog domain is not repetition")
        // Unprepared, the stage removes nothing for repetition.
        #expect(try run(s, documents).stats.counters["lines_removed_domain_repeated"] == nil)
        // Counting in other batches gives the same counts.
        let whole = try prepared(s, batches: [documents])
        #expect(whole.counts == ready.counts)
    }

    @Test func smallDomainsAndRareLinesAreLeftAlone() throws {
        let documents = corpus()
        let fewDocuments = try prepared(try stage { $0.minDocumentsPerDomain = 21 }, batches: [documents])
        #expect(try run(fewDocuments, documents).stats.counters["lines_removed_domain_repeated"] == nil)
        #expect(fewDocuments.counts?.domains.isEmpty == true, "pruned before storing")
        let highFraction = try prepared(try stage { $0.minDomainDocuments = 21 }, batches: [documents])
        #expect(try run(highFraction, documents).stats.counters["lines_removed_domain_repeated"] == nil)
    }

    @Test func optionsAreChecked() {
        #expect(throws: ConfigError.self) { try BoilerplateLinesStage.Options(config: .mapping([("min_domain_fraction", .scalar("1.5"))])) }
        #expect(throws: ConfigError.self) { try BoilerplateLinesStage.Options(config: .mapping([("rules", .sequence([.scalar("nope")]))])) }
        #expect(throws: ConfigError.self) { try BoilerplateLinesStage.Options(config: .mapping([("keyword_list_min_items", .scalar("1"))])) }
        #expect(try! BoilerplateLinesStage.Options(config: .mapping([("rules", .sequence([.scalar("share")]))])).rules == [.share])
    }
}
