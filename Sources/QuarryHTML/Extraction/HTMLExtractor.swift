// HTML main-text extraction (issue #3): UTF-8 HTML in, the page's main content out as plain
// text, one line per paragraph, heading, list item, quote, code block or table row, plus the
// title and the declared language. Work per page is capped (input bytes, element depth) and a
// page that hits a cap is flagged, not refused.
import Foundation
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
        let input = UnsafeBufferPointer(rebasing: bytes[0..<count])
        var (text, page) = run(input, dropJunk: true)
        // Readability's retry: classes said "junk" about nearly everything (a layout table
        // with id=makebanner, say); read the page again trusting them less.
        if text.utf8.count < 250 {
            let (again, secondPage) = run(input, dropJunk: false)
            if again.utf8.count > text.utf8.count * 2 { (text, page) = (again, secondPage) }
        }
        return ExtractedPage(text: text, title: cleanTitle(page.title), lang: page.lang?.lowercased(),
                             truncated: truncated, depthCapped: page.depthCapped)
    }

    /// One parse and selection.
    func run(_ input: UnsafeBufferPointer<UInt8>, dropJunk: Bool) -> (String, PageModel) {
        let builder = PageBuilder(options: .init(dropFurniture: favor == .precision, dropJunk: dropJunk,
                                                 keepLinkText: keepLinkText, maxDepth: maxDepth))
        HTMLSAXParser.parse(input, handler: builder)
        var page = builder.finish()
        let keep = MainContentSelector(favorPrecision: favor == .precision).select(&page)
        return (assemble(page, keep), page)
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

extension HTMLExtractor {
    /// A readable account of one extraction, for tuning and bug reports: every block with its
    /// container chain, scores, link density and whether it was kept.
    public func explain(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            let builder = PageBuilder(options: .init(dropFurniture: favor == .precision, dropJunk: true,
                                                     keepLinkText: keepLinkText, maxDepth: maxDepth))
            HTMLSAXParser.parse(UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, maxBytes)]), handler: builder)
            var page = builder.finish()
            var roots = Set<Int32>()
            let keep = MainContentSelector(favorPrecision: favor == .precision).select(&page, roots: &roots)
            var out = "roots: " + roots.sorted().map { "\($0):\(page.nodes[Int($0)].kind)" }.joined(separator: ", ") + "\n"
            for (i, block) in page.blocks.enumerated() {
                var chain: [String] = []
                var n = Int(block.node)
                while n > 0 {
                    let node = page.nodes[n]
                    chain.append("\(n):\(node.kind)\(node.scored ? "=\(Int(node.score))" : "")")
                    n = Int(node.parent)
                }
                let text = page.string(block).prefix(60).replacingOccurrences(of: "\n", with: " ")
                out += "\(keep[i] ? "+" : "-") \(block.kind) c=\(block.chars) ld=\(Int(block.linkDensity * 100))% "
                    + "\(block.inFurniture ? "F " : "")[\(chain.joined(separator: " < "))] \(text)\n"
            }
            return out
        }
    }
}
