// Boilerplate cases met on real pages (the evaluation set of Benchmarks/extraction): a
// role=main region that also holds the teasers column, advertisement placeholders repeated
// through the article, figure captions, "related" link lists inside the article, pages laid
// out in tables, content split into sections that no single container holds, and copyright
// notices inside the content.
import QuarryHTML
import Testing

@Suite struct HTMLBoilerplateTests {
    static func story(_ tag: String, _ n: Int) -> String {
        (1...n).map { "<p>\(tag) paragraph \($0): the council met on Tuesday, and after a long debate it agreed to repair the bridge before winter.</p>" }
            .joined(separator: "\n")
    }

    static func teasers(_ n: Int) -> String {
        (1...n).map {
            "<li><div class=\"content\"><p>Teaser \($0): a different story about the weather, summarised here in one sentence of some length.</p></div></li>"
        }.joined()
    }

    @Test func aMainRegionHoldingTheSidebarsIsNarrowedToTheArticle() {
        let html = """
            <body><div role="main">
              <div class="col-a"><h1>Bridge to be repaired</h1><div class="body">\(Self.story("Article", 8))</div></div>
              <div class="col-b"><h3>News for you</h3><ul>\(Self.teasers(3))</ul></div>
            </div></body>
            """
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("Article paragraph 8"))
        #expect(text.hasPrefix("Bridge to be repaired\n"))
        #expect(!text.contains("Teaser"))
    }

    @Test func theArticleElementWinsOverAStrongerSection() {
        // The scores would crown the first section alone; <article> says both are the content.
        let html = """
            <body><div class="menu"><a href="/">Home</a> <a href="/x">X</a></div>
            <article><section>\(Self.story("First", 6))</section><section><h2>Part two</h2>\(Self.story("Second", 3))</section></article>
            </body>
            """
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("First paragraph 6") && text.contains("Part two") && text.contains("Second paragraph 3"))
        #expect(!text.contains("Home"))
    }

    @Test func repeatedAdvertisementPlaceholdersAreDropped() {
        let ad = "<div><span>CONTINUED AFTER THE ADVERTISEMENT</span></div>"
        let html = "<body><article><h1>Title</h1>" + (1...4).map { "<p>Paragraph \($0) of the report, with enough words in it to count as text.</p>\(ad)" }.joined()
            + "</article></body>"
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("Paragraph 4 of the report"))
        #expect(!text.contains("ADVERTISEMENT"))
    }

    @Test func adSlotsAreDroppedByTheirClass() {
        let html = "<body><article>\(Self.story("Story", 3))<div class=\"textPublicidade\">Publicidade</div><div class=\"werbung-box\">Anzeige</div></article></body>"
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("Story paragraph 3"))
        #expect(!text.contains("Publicidade") && !text.contains("Anzeige"))
    }

    @Test func figureCaptionsGoInPrecisionAndStayInRecall() {
        let html = """
            <body><article>\(Self.story("Story", 3))
            <figure><img src="a.jpg"><figcaption>The bridge in 1950. Photo: City Archive</figcaption></figure>
            <table><caption>Repair costs</caption><tr><td>Steel</td><td>2 million</td></tr></table></article></body>
            """
        let precise = HTMLExtractor(favor: .precision).extract(html).text
        #expect(!precise.contains("City Archive"))
        #expect(precise.contains("Repair costs") && precise.contains("Steel | 2 million"))
        #expect(HTMLExtractor(favor: .recall).extract(html).text.contains("The bridge in 1950."))
    }

    @Test func relatedLinkListsInsideTheArticleAreDropped() {
        let related = "<ul>" + (1...5).map { "<li><a href=\"/s\($0)\">Another story number \($0) you may like</a></li>" }.joined() + "</ul>"
        let html = "<body><article>\(Self.story("Story", 4))\(related)<ul><li>A list item that is part of the story text.</li></ul></article></body>"
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("Story paragraph 4") && text.contains("A list item that is part of the story text."))
        #expect(!text.contains("Another story number"))
    }

    @Test func aPageLaidOutInATableKeepsItsRows() {
        let rows = (1...4).map { "<tr><td>Chapter \($0) begins here, and the story goes on for a while, as stories do, before it ends.</td></tr>" }.joined()
        let html = """
            <body><table id="layout"><tr><td class="nav"><a href="/">Home</a><br><a href="/b">Books</a></td>
            <td><table>\(rows)</table></td></tr></table></body>
            """
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("Chapter 1 begins") && text.contains("Chapter 4 begins"))
        #expect(!text.contains("Books"))
    }

    @Test func contentSplitOverSiblingSectionsIsKeptWhole() {
        let html = """
            <body><nav><a href="/">Home</a></nav>
            <div class="page"><div class="part">\(Self.story("One", 3))</div><div class="part">\(Self.story("Two", 3))</div>
            <div class="part">\(Self.story("Three", 3))</div></div>
            <div class="footer-links"><a href="/a">About</a> <a href="/b">Jobs</a></div></body>
            """
        let text = HTMLExtractor().extract(html).text
        #expect(text.contains("One paragraph 1") && text.contains("Two paragraph 2") && text.contains("Three paragraph 3"))
        #expect(!text.contains("About") && !text.contains("Jobs"))
    }

    @Test func copyrightNoticesInsideTheContentGoInPrecisionMode() {
        let html = """
            <body><article><h1>Installing the tool</h1>\(Self.story("Manual", 4))
              <p>Copyright © 2004 – 2023 the installer team</p>
              <p>© 2024 Harrowby Herald. All rights reserved.</p>
              <p>Copyright 2010 Raphaël Hertzog</p>
              <p>Copyright law protects the manual's text; see the licence appendix for what you may do with it.</p>
            </article></body>
            """
        let precise = HTMLExtractor(favor: .precision).extract(html).text
        #expect(precise.contains("Manual paragraph 4"))
        #expect(!precise.contains("installer team") && !precise.contains("Herald") && !precise.contains("Hertzog"))
        #expect(precise.contains("Copyright law protects"))
        let recall = HTMLExtractor(favor: .recall).extract(html).text
        #expect(recall.contains("installer team") && recall.contains("Herald"))
    }
}
