// Main-text extraction: the article body is kept (headings, paragraphs, lists, quotes, code,
// table rows) and page furniture is not (navigation, headers, footers, sidebars, cookie
// banners, share bars, comments, hidden elements, scripts); and pathological pages (100,000
// nested elements, 50 MB, broken markup, binary bytes) finish, flagged when a cap was hit.
import QuarryCore
import QuarryHTML
import QuarryTestSupport
import Testing

@Suite struct HTMLExtractorTests {
    let article = """
        <html lang="en-GB"><head><title>  The Quiet River \n | Daily Paper </title><script>var x = "script text";</script>
        <style>p { color: red }</style></head>
        <body>
        <header class="site-header"><a href="/">Daily Paper</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
        <main>
          <article>
            <h1>The Quiet River</h1>
            <p class="byline">By A. Writer, 3 March</p>
            <p>The river that runs through the old town has been quiet for weeks, and the fishermen say the water is lower than it has been in twenty years.</p>
            <p>Nobody in the town remembers a spring like this one, with so little rain, and the council has asked people to save water where they can.</p>
            <h2>What the council said</h2>
            <ul><li>Water gardens in the evening only.</li><li>Report leaks to the water board.</li></ul>
            <blockquote>We are not in a drought yet, but we are close to one.</blockquote>
            <pre>level: 1.2 m
        normal: 2.0 m</pre>
            <table><tr><th>Year</th><th>Level</th></tr><tr><td>2021</td><td>2.1 m</td></tr></table>
            <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
            <p style="display:none">Hidden text that no reader sees.</p>
          </article>
          <section class="comments"><h3>Comments</h3><p>First! Great article, thanks for writing it, really enjoyed it.</p></section>
        </main>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
        <footer>Copyright 2024 Daily Paper. All rights reserved.</footer>
        </body></html>
        """

    @Test func keepsTheArticleAndDropsTheFurniture() {
        let page = HTMLExtractor().extract(article)
        let text = page.text
        for kept in ["The Quiet River", "fishermen say the water", "so little rain", "What the council said",
                     "Water gardens in the evening only.", "Report leaks", "we are close to one", "level: 1.2 m\nnormal: 2.0 m",
                     "Year | Level", "2021 | 2.1 m"] {
            #expect(text.contains(kept), "missing: \(kept)")
        }
        for dropped in ["script text", "color: red", "Sport", "cookies", "Accept", "Share on Facebook", "Hidden text",
                        "First! Great article", "Most read", "Copyright", "Another story"] {
            #expect(!text.contains(dropped), "kept furniture: \(dropped)")
        }
        #expect(page.title == "The Quiet River | Daily Paper")
        #expect(page.lang == "en-gb")
        #expect(!page.truncated && !page.depthCapped)
        #expect(text.hasPrefix("The Quiet River\n"))
    }

    @Test func findsContentWithoutSemanticMarkup() {
        let paragraphs = (1...6).map { "<p>Paragraph \($0) of the story, long enough to count, with a comma, and another clause to read.</p>" }
        let html = """
            <body><div id="top"><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></div>
            <div class="wrapper"><div class="left"><ul><li><a href="/1">Link one</a></li><li><a href="/2">Link two</a></li>
            <li><a href="/3">Link three</a></li></ul></div>
            <div class="story-text">\(paragraphs.joined())</div></div>
            <div id="bottom"><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></div></body>
            """
        let text = HTMLExtractor().extract(html).text
        #expect(text.split(separator: "\n").count == 6)
        #expect(text.contains("Paragraph 1 of the story") && text.contains("Paragraph 6 of the story"))
        #expect(!text.contains("Link one") && !text.contains("Privacy") && !text.contains("About"))
    }

    @Test func recallKeepsMoreThanPrecision() {
        let precise = HTMLExtractor(favor: .precision).extract(article).text
        let generous = HTMLExtractor(favor: .recall).extract(article).text
        #expect(generous.count >= precise.count)
    }

    @Test func linkTextCanBeDropped() {
        let html = "<article><p>Read the <a href='/x'>full report</a> before the meeting on Friday, as the agenda is long and detailed.</p></article>"
        #expect(HTMLExtractor(keepLinkText: true).extract(html).text.contains("full report"))
        #expect(!HTMLExtractor(keepLinkText: false).extract(html).text.contains("full report"))
    }

    @Test func entitiesAndWhitespace() {
        let html = "<article><p>caf&eacute; &amp; cr&egrave;me\n\n   br&ucirc;l&eacute;e &#x4E2D;&#25991; &lt;ok&gt;</p><p>line<br>break</p></article>"
        let text = HTMLExtractor(favor: .recall).extract(html).text
        #expect(text.contains("café & crème brûlée 中文 <ok>"))
        #expect(text.contains("line\nbreak"))
    }

    @Test func hundredThousandNestedElementsFinishAndAreFlagged() {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
        let page = HTMLExtractor(favor: .recall).extract(html)
        #expect(page.depthCapped)
        #expect(page.text.contains("deep text"))
        let inline = String(repeating: "<b><i>", count: depth / 2) + "bold" + String(repeating: "</i></b>", count: depth / 2)
        #expect(HTMLExtractor().extract("<p>" + inline + "</p>").depthCapped)
    }

    @Test func enormousPagesAreCutAtTheCap() {
        let paragraph = "<p>" + String(repeating: "word ", count: 200) + "</p>"
        let html = "<html><body><article>" + String(repeating: paragraph, count: 52_000) + "</article></body></html>"
        #expect(html.utf8.count > 50_000_000)
        let page = HTMLExtractor(maxBytes: 4 << 20).extract(html)
        #expect(page.truncated)
        #expect(page.text.utf8.count > 1_000_000 && page.text.utf8.count < 4_500_000)
    }

    @Test func brokenMarkupAndBinaryNeverCrash() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["<p>", "</p>", "<div class='x", "<<", ">", "</div>", "<a href=", "text ", "&", "&#", "&#xZZ;", "<!--", "-->",
                      "<script>", "</script>", "<![CDATA[", "]]>", "<table><tr><td>", "\u{0}", "é", "<html>", "<body>"]
        for _ in 0..<300 {
            _ = HTMLExtractor().extract(rng.string(from: pieces, count: Int.random(in: 0..<200, using: &rng)))
        }
        let binary = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        _ = binary.withUnsafeBufferPointer { HTMLExtractor().extract(bytes: $0) }
        #expect(HTMLExtractor().extract("").text.isEmpty)
        #expect(HTMLExtractor().extract("plain text, no markup at all, but enough of it to be a paragraph here.").text.contains("plain text"))
    }

    @Test func theStageReplacesHTMLAndDropsEmptyPagesWithTheirHTML() throws {
        let stage = try HTMLExtractStage(options: .init())
        let empty = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
        var batch = DocumentBatch(documents: [Document(id: "a", text: article), Document(id: "b", text: empty)])
        var stats = StageStats()
        try stage.run(on: &batch, stats: &stats)
        #expect(batch.documents.map(\.id) == ["a"])
        #expect(batch.documents[0].text.hasPrefix("The Quiet River"))
        #expect(batch.documents[0].metadata["html_lang"] == .string("en-gb"))
        #expect(batch.rejected.map(\.reason) == ["no_main_text"])
        #expect(batch.rejected.first?.document.text == empty)
        #expect(stats.dropped == ["no_main_text": 1])

        // A plain-text payload is not parsed as HTML: "a < b" and "<tags>" stay as written.
        let plain = "Compare a < b and write <tags> as text; this is a plain text page, long enough."
        var texts = DocumentBatch(documents: [Document(id: "t", text: plain, metadata: ["content_type": .string("text/plain")])])
        try stage.run(on: &texts, stats: &stats)
        #expect(texts.documents.map(\.text) == [plain])
    }
}
