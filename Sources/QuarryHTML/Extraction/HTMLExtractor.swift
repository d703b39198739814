// HTML main-text extraction (issue #3): UTF-8 HTML in, the page's main content out as plain
// text, one line per paragraph, heading, list item, quote, code block or table row, plus the
// title and the declared language. Work per page is capped (input bytes, element depth) and a
// page that hits a cap is flagged, not refused.
import QuarryCore

/// What extraction gives for one page.
public struct ExtractedPage: Sendable {
    public var text: String
    public var title: String?
    public var lang: String?
    /// The input was longer than the cap and only its start was read.
    public var truncated: Bool
    /// Elements nested deeper than the cap lost their structure (their text was kept).
    public var depthCapped: Bool
}

/// Extracts main text from HTML pages.
public struct HTMLExtractor: Sendable {
    public enum Favor: String, OptionEnum, Sendable { case precision, recall }

    public var favor: Favor
    public var keepLinkText: Bool
    /// Bytes of HTML read per page; the rest is ignored (and the page flagged).
    public var maxBytes: Int
    /// Deepest element nesting given structure.
    public var maxDepth: Int

    public init(favor: Favor = .precision, keepLinkText: Bool = true, maxBytes: Int = 8 << 20, maxDepth: Int = 512) {
        self.favor = favor
        self.keepLinkText = keepLinkText
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public func extract(_ html: String) -> ExtractedPage {
        var html = html
        return html.withUTF8 { extract(bytes: $0) }
    }

    public func extract(bytes: UnsafeBufferPointer<UInt8>) -> ExtractedPage {
        var count = bytes.count
        let truncated = count > maxBytes
        if truncated {
            count = maxBytes
            while count > 0, let base = bytes.baseAddress, base[count] & 0xC0 == 0x80 { count -= 1 }
        }
        let builder = PageBuilder(options: .init(dropFurniture: favor == .precision, dropUnlikely: favor == .precision,
                                                 keepLinkText: keepLinkText, maxDepth: maxDepth))
        HTMLSAXParser.parse(UnsafeBufferPointer(rebasing: bytes[0..<count]), handler: builder)
        var page = builder.finish()
        let keep = MainContentSelector(favorPrecision: favor == .precision).select(&page)
        return ExtractedPage(text: assemble(page, keep), title: cleanTitle(page.title), lang: page.lang?.lowercased(),
                             truncated: truncated, depthCapped: page.depthCapped)
    }

    /// The kept blocks as lines; cells of one table row share a line.
    func assemble(_ page: PageModel, _ keep: [Bool]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(page.text.count / 2)
        var previous: TextBlock?
        for (i, block) in page.blocks.enumerated() where keep[i] {
            if let last = previous {
                let sameRow = block.kind == .cell && last.kind == .cell && block.row == last.row
                out.append(contentsOf: sameRow ? [0x20, 0x7C, 0x20] : [0x0A])
            }
            out.append(contentsOf: page.text[Int(block.text.lowerBound)..<Int(block.text.upperBound)])
            previous = block
        }
        return String(decoding: out, as: UTF8.self)
    }

    func cleanTitle(_ bytes: [UInt8]) -> String? {
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
