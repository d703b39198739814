// line_dedup_v1 through both passes as the executor runs them (count per batch, merge in
// order, finished, stored, decoded, prepared, process): footers and banners repeated across
// documents go, the first copy stays with keep_first, documents left too short are dropped,
// the others are left byte for byte.
import QuarryCore
import QuarryDedup
import Testing

@Suite struct LineDedupStageTests {
    static let footer = "© 2024 Example Media Ltd. All rights reserved. Terms of use apply."
    static let cookies = "We use cookies to improve your experience. By continuing you accept our cookie policy."

    func stage(_ edit: (inout LineDedupStage.Options) -> Void = { _ in }) throws -> LineDedupStage {
        var options = LineDedupStage.Options()
        edit(&options)
        return try LineDedupStage(options: options)
    }

    func doc(_ id: String, _ text: String) -> Document { Document(id: id, text: text) }

    /// The stage prepared with the counts of `documents` cut into batches at `cuts`.
    func prepared(_ s: LineDedupStage, _ documents: [Document], cuts: [Int] = []) throws -> LineDedupStage {
        var total = s.makeCounts()
        var start = 0
        for end in cuts + [documents.count] {
            var counts = s.makeCounts()
            s.count(Array(documents[start..<end]), into: &counts)
            total.merge(counts)
            start = end
        }
        let stored = s.finished(total).encoded()
        return try s.prepared(with: try s.decodeCounts(stored))
    }

    struct Result {
        var kept: [Document]
        var rejected: [RejectedDocument]
        var stats: StageStats
        var texts: [String] { kept.map(\.text) }
    }

    func run(_ s: LineDedupStage, _ documents: [Document]) throws -> Result {
        var batch = DocumentBatch(documents: documents)
        var stats = StageStats()
        try s.run(on: &batch, stats: &stats)
        return Result(kept: batch.documents, rejected: batch.rejected, stats: stats)
    }

    /// Words that tell documents apart (digits would not: they all normalize to 0).
    static let names = ["alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel", "ironwood", "juniper", "katsura",
                        "larch", "maple", "nutmeg", "oak", "pine", "quince", "rowan", "spruce", "teak"]

    /// 20 articles, each with its own two sentences, the footer, and (every other one) the cookie banner.
    func articles() -> [Document] {
        (0..<20).map { i in
            let name = Self.names[i]
            var text = "Article \(name) opens with a sentence about the harbour and its boats.\n\n"
                + "It goes on with a second sentence that only article \(name) has, with more words.\n\n" + Self.footer
            if i % 2 == 0 { text = Self.cookies + "\n" + text }
            return doc("a\(i)", text)
        }
    }

    @Test func footerAndBannerGoExceptFromTheFirstDocument() throws {
        let documents = articles()
        let s = try prepared(try stage(), documents, cuts: [3, 11])
        let result = try run(s, documents)
        #expect(result.kept.count == 20)
        #expect(result.texts[0] == documents[0].text, "the first copies stay")
        #expect(result.texts[1] == "Article birch opens with a sentence about the harbour and its boats.\n\n"
            + "It goes on with a second sentence that only article birch has, with more words.")
        #expect(result.texts[2] == "Article cedar opens with a sentence about the harbour and its boats.\n\n"
            + "It goes on with a second sentence that only article cedar has, with more words.")
        #expect(result.stats.counters["lines_removed"] == Int64(19 + 9), "19 footers, 9 banners")
        #expect(result.stats.counters["changed_documents"] == 19)
        #expect(result.stats.counters["repeated_lines"] == 2)
        #expect(result.stats.counters["count_table_prunes"] == 0)
        #expect(result.stats.counters["bytes_removed"] == Int64(19 * Self.footer.utf8.count + 9 * Self.cookies.utf8.count))
        #expect(result.stats.histograms["fraction_lines_removed"]?.count == 20)

        // CCNet removes every copy.
        let all = try run(try prepared(try stage { $0.keepFirst = false }, documents), documents)
        #expect(!all.texts.joined().contains("cookie") && !all.texts.joined().contains("rights reserved"))
        #expect(all.texts[0] == "Article alder opens with a sentence about the harbour and its boats.\n\n"
            + "It goes on with a second sentence that only article alder has, with more words.")

        // Unprepared, nothing is removed; counting in other batches gives the same counts.
        #expect(try run(try stage(), documents).texts == documents.map(\.text))
        #expect(try prepared(try stage(), documents).counts == s.counts)
    }

    @Test func copiesThatDifferOnlyInCaseDigitsPunctuationAndAccentsAreOneLine() throws {
        let variants = ["Subscribe to our newsletter for 3 free issues!", "SUBSCRIBE to our newsletter, for 5 free issues",
                        "Subscríbe to our  newsletter for 7 free issues…"]
        let documents = variants.enumerated().map { i, v in doc("v\(i)", "Body text \(Self.names[i]) of this small page.\n" + v) }
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.texts[0] == documents[0].text)
        #expect(result.texts[1] == "Body text birch of this small page.")
        #expect(result.texts[2] == "Body text cedar of this small page.")
    }

    @Test func theThresholdIsMoreThanKDocuments() throws {
        let documents = (0..<3).map { doc("t\($0)", "Own sentence for page \(Self.names[$0]) here.\nThis line is shared by exactly three pages.") }
        for (k, removed) in [(1, 2), (2, 2), (3, 0)] {
            let result = try run(try prepared(try stage { $0.maxOccurrences = k }, documents), documents)
            #expect(result.stats.counters["lines_removed", default: 0] == Int64(removed), "k = \(k)")
        }
    }

    @Test func documentsLeftTooShortAreDropped() throws {
        let documents = [doc("first", "Hello there.\n" + Self.footer), doc("short", "Two words\n" + Self.footer),
                         doc("only", Self.footer), doc("long", "This one keeps five words or more.\n" + Self.footer)]
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.kept.map(\.id) == ["first", "long"], "a document that lost nothing is never dropped, however short")
        #expect(result.rejected.map(\.document.id) == ["short", "only"])
        #expect(result.rejected.allSatisfy { $0.reason == LineDedupStage.tooShortReason && $0.stage == LineDedupStage.id })
        #expect(result.stats.dropped[LineDedupStage.tooShortReason] == 2)
        let lenient = try run(try prepared(try stage { $0.minDocWords = 0 }, documents), documents)
        #expect(lenient.kept.map(\.id) == ["first", "short", "long"], "one left with no text is always dropped")
        #expect(lenient.texts[1] == "Two words")
    }

    @Test func untouchedDocumentsStayByteForByte() throws {
        let odd = "  Leading spaces\r\nWindows line\r\n\n\n\ttabs\u{00A0}and nbsp  \n"
        var plain = doc("plain", odd)
        plain.encodedText = EncodedText(bytes: ArraySlice(Array(odd.utf8)), text: plain.text)
        let documents = [doc("a", "Story A.\n" + Self.footer), plain, doc("b", "Story B, which is longer than five words.\n" + Self.footer)]
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.kept[1].text == odd)
        #expect(Array(result.kept[1].text.utf8) == Array(odd.utf8))
        #expect(result.kept[1].encodedText != nil, "not re-encoded")
        #expect(result.kept[2].encodedText == nil && result.kept[2].text == "Story B, which is longer than five words.")
    }

    @Test func blankLinesAroundRemovedLinesCollapse() throws {
        let banner = Self.cookies
        let documents = [doc("x", banner + "\nFirst page body with enough words in it.\n"),
                         doc("y", banner + "\n\nTitle\n\nBody of the second page, long enough to stay.\n\n" + banner + "\n\nEnd line here.\n"),
                         doc("z", "Intro line of the third page.\n\n" + banner + "\n\n\nOutro line of the third page.")]
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.texts[1] == "Title\n\nBody of the second page, long enough to stay.\n\nEnd line here.\n")
        #expect(result.texts[2] == "Intro line of the third page.\n\nOutro line of the third page.")
    }

    @Test func chineseAndMixedScriptLines() throws {
        let zhFooter = ["版权所有©2023新华网。保留所有权利", "版权所有©2024新华网，保留所有权利！"]
        let mixed = ["Follow us on 微博 and WeChat: @Example2023", "follow us on 微博 and wechat @example2024"]
        let bodies = ["今天上海的天气很好，很多市民去公园散步。", "北京举行了一场关于人工智能的国际会议，吸引了来自世界各地的专家。",
                      "这家餐厅的菜很好吃，价格也不贵。"]
        let documents = bodies.enumerated().map { i, body in
            doc("zh\(i)", body + "\n" + zhFooter[i % 2] + "\n" + mixed[i % 2])
        }
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.texts[0] == documents[0].text)
        #expect(result.texts[1] == bodies[1])
        #expect(result.texts[2] == bodies[2], "14 Han characters are 14 words: not too short")
        let short = try run(try prepared(try stage { $0.minDocWords = 20 }, documents), documents)
        #expect(short.kept.map(\.id) == ["zh0", "zh1"], "30 Han characters stay, 14 go")
    }

    @Test func emptyDocumentsAndShortLines() throws {
        let documents = [doc("e1", ""), doc("e2", "\n\n"), doc("s1", "Share\nA first page with its own words."),
                         doc("s2", "Share\nA second page with its own words."), doc("e3", "")]
        let result = try run(try prepared(try stage(), documents), documents)
        #expect(result.texts == documents.map(\.text), "'Share' is shorter than min_line_chars; empty documents pass")
        let any = try run(try prepared(try stage { $0.minLineChars = 0 }, documents), documents)
        #expect(any.texts[3] == "A second page with its own words.")
        #expect(any.texts[0] == "" && any.texts[1] == "\n\n")
    }

    @Test func perDocumentCountsALineOncePerDocument() throws {
        let repeated = "Read more about this story on our site"
        let documents = [doc("r", "A page of its own words.\n\(repeated)\n\(repeated)\n\(repeated)"), doc("o", "Another page entirely, nothing shared.")]
        let once = try run(try prepared(try stage { $0.keepFirst = false }, documents), documents)
        #expect(once.texts == documents.map(\.text), "one document is not the corpus")
        let every = try run(try prepared(try stage { $0.keepFirst = false; $0.perDocument = false }, documents), documents)
        #expect(every.texts[0] == "A page of its own words.")
    }

    @Test func optionsAreChecked() throws {
        #expect(throws: ConfigError.self) { try LineDedupStage.Options(config: .mapping([("max_occurrences", .scalar("0"))])) }
        #expect(throws: ConfigError.self) { try LineDedupStage.Options(config: .mapping([("max_memory", .scalar("100"))])) }
        #expect(throws: ConfigError.self) { try LineDedupStage.Options(config: .mapping([("min_line_chars", .scalar("-1"))])) }
        #expect(throws: ConfigError.self) { try LineDedupStage.Options(config: .mapping([("keep_first", .scalar("maybe"))])) }
        let parsed = try LineDedupStage.Options(config: .mapping([("max_memory", .scalar("1_048_576")), ("keep_first", .scalar("false"))]))
        #expect(parsed.maxMemory == 1 << 20 && !parsed.keepFirst)
        #expect(throws: InputError.self) { try stage().decodeCounts(Array("QLNC".utf8)) }
    }
}
