// The libxml2 wrapper: broken HTML still parses (recovery), entities decode, the walk sees
// elements and text in document order and can skip subtrees, charsets are honoured.
import QuarryHTML
import Testing

@Suite struct LibXML2Tests {
    func events(_ html: String, skipping skipped: Set<String> = []) throws -> [String] {
        var out: [String] = []
        try HTMLDocument(parsing: Array(html.utf8)).walk { event in
            switch event {
            case .open(let name): out.append("<\(name)>"); return !skipped.contains(name)
            case .close(let name): out.append("</\(name)>")
            case .text(let text): out.append(text)
            }
            return true
        }
        return out
    }

    @Test func walksElementsAndTextInOrder() throws {
        let e = try events("<html><body><p>Hello <b>bold</b> world</p></body></html>")
        #expect(e == ["<html>", "<body>", "<p>", "Hello ", "<b>", "bold", "</b>", " world", "</p>", "</body>", "</html>"])
    }

    @Test func recoversFromBrokenMarkupAndDecodesEntities() throws {
        let e = try events("<p>caf&eacute; &amp; &#x4E2D;<p>unclosed <div>x")
        #expect(e.contains("café & 中"))
        #expect(e.contains("unclosed "))
        #expect(e.contains("x"))
    }

    @Test func skipsSubtreesOnRequest() throws {
        let e = try events("<body><script>var a = 1;</script><p>kept</p><style>p{}</style></body>", skipping: ["script", "style"])
        #expect(!e.contains("var a = 1;"))
        #expect(!e.contains("p{}"))
        #expect(e.contains("kept"))
    }

    @Test func readsTheTitleAndHonoursTheCharset() throws {
        let latin1: [UInt8] = Array("<html><head><title> Caf".utf8) + [0xE9] + Array("  au\nlait </title></head></html>".utf8)
        #expect(try HTMLDocument(parsing: latin1, encoding: "ISO-8859-1").title == "Café au lait")
        #expect(try HTMLDocument(parsing: Array("<p>no title</p>".utf8)).title == nil)
    }
}
