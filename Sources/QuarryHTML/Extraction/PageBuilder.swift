// Builds the PageModel from SAX events: keeps a stack of open elements, drops the content of
// scripts, styles, form controls, hidden elements and (by mode) page furniture, collapses
// whitespace (not inside <pre>), counts link text and commas, and cuts the text into blocks at
// block-element boundaries. The element stack is capped: deeper elements still give their
// text but no structure, so 100,000 nested tags cost no more than flat ones.
import QuarryCore

final class PageBuilder: HTMLSAXReceiver {
    struct Options {
        /// Drop forms, menus and elements with a furniture role outright (precision).
        var dropFurniture: Bool
        /// Drop elements whose class says junk (comments, cookies, sharing ...). Off for the
        /// second try on pages where that left almost nothing (Readability's retry).
        var dropJunk: Bool
        var keepLinkText: Bool
        var maxDepth: Int
    }

    private struct Frame {
        var kind: TagKind
        /// The node this element created, or -1 for inline elements.
        var node: Int32
        /// The innermost block's kind, for text directly inside.
        var blockKind: BlockKind
        var dropping: Bool
        var furniture: Bool
        var isLink: Bool
        var isContent: Bool
        var startsFurniture: Bool
    }

    @exclusivity(unchecked) var page = PageModel()
    private let options: Options
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var overflow = 0
    @exclusivity(unchecked) private var droppingDepth = 0
    @exclusivity(unchecked) private var furnitureDepth = 0
    /// The outermost open furniture element that has a node (-1: none).
    @exclusivity(unchecked) private var furnitureNode: Int32 = -1
    @exclusivity(unchecked) private var linkDepth = 0
    @exclusivity(unchecked) private var contentDepth = 0
    @exclusivity(unchecked) private var preDepth = 0
    @exclusivity(unchecked) private var inTitle = false
    @exclusivity(unchecked) private var row: Int32 = 0
    // The block being collected.
    @exclusivity(unchecked) private var pendingStart = 0
    @exclusivity(unchecked) private var pendingChars: Int32 = 0
    @exclusivity(unchecked) private var pendingLinkChars: Int32 = 0
    @exclusivity(unchecked) private var pendingCommas: Int32 = 0
    @exclusivity(unchecked) private var pendingSpace = false

    init(options: Options) {
        self.options = options
        super.init()
        page.text.reserveCapacity(1 << 16)
        page.nodes.append(PageNode(parent: -1, kind: .html, weight: 0, isContent: false, isFurniture: false))
        frames.append(Frame(kind: .html, node: 0, blockKind: .paragraph, dropping: false, furniture: false, isLink: false,
                            isContent: false, startsFurniture: false))
    }

    private var currentNode: Int32 {
        var i = frames.count - 1
        while i > 0, frames[i].node < 0 { i -= 1 }
        return frames[i].node
    }

    override func startElement(_ name: UnsafePointer<UInt8>, attributes: HTMLAttributes) {
        if frames.count >= options.maxDepth {
            overflow += 1
            page.depthCapped = true
            return
        }
        let kind = TagKind.named(name)
        let hints = ClassHints.read(attributes)
        if kind == .html, let lang = hints.lang { page.lang = lang }
        let parent = frames[frames.count - 1]
        // The document's own <title> (not one inside an <svg>), which sits in the dropped <head>.
        if kind == .title && (parent.kind == .head || parent.kind == .html) && page.title.isEmpty { inTitle = true }
        let insideContent = contentDepth > 0
        let isContent = hints.isContent || kind == .article || kind == .main
        // Layout tables and page-level containers are never junk by class alone (id=makebanner
        // on the table that holds a whole shop page).
        let structural = kind == .body || kind == .article || kind == .main || kind == .html || kind == .table
            || kind == .tbody || kind == .tr || kind == .td
        // Never content: scripts and the like, hidden elements, navigation, junk by class.
        var dropping = kind.isDropped || hints.isHidden || kind == .nav || (hints.junk && !structural && options.dropJunk)
            || (hints.isFurniture && options.dropFurniture)
        // Sometimes content: kept in the model, marked, and decided once the main content is known.
        let furniture = hints.isFurniture || ((hints.unlikely || hints.junk) && !structural)
            || (kind.isFurniture && !(insideContent && (kind == .header || kind == .footer)))
        if kind == .menu { dropping = dropping || options.dropFurniture }
        if kind.isBlock || kind == .br { flush() }
        var node: Int32 = -1
        if kind.isBlock && !dropping && droppingDepth == 0 {
            node = Int32(page.nodes.count)
            page.nodes.append(PageNode(parent: currentNode, kind: kind, weight: hints.weight, isContent: isContent,
                                       isFurniture: furniture))
        }
        if kind == .tr { row += 1 }
        if kind == .br && droppingDepth == 0 && preDepth == 0 { appendNewline() }
        let startsFurniture = furniture && furnitureNode < 0 && node >= 0
        if startsFurniture { furnitureNode = node }
        let frame = Frame(kind: kind, node: node, blockKind: kind.isBlock ? kind.blockKind : parent.blockKind,
                          dropping: dropping, furniture: furniture, isLink: kind == .a, isContent: isContent,
                          startsFurniture: startsFurniture)
        frames.append(frame)
        if dropping { droppingDepth += 1 }
        if furniture { furnitureDepth += 1 }
        if kind == .a { linkDepth += 1 }
        if kind == .pre { preDepth += 1 }
        if isContent { contentDepth += 1 }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if overflow > 0 {
            overflow -= 1
            return
        }
        guard frames.count > 1 else { return }
        let frame = frames[frames.count - 1]
        if frame.kind.isBlock { flush() }
        frames.removeLast()
        if frame.dropping { droppingDepth -= 1 }
        if frame.furniture { furnitureDepth -= 1 }
        if frame.isLink { linkDepth -= 1 }
        if frame.kind == .pre { preDepth -= 1 }
        if frame.isContent { contentDepth -= 1 }
        if frame.startsFurniture { furnitureNode = -1 }
        if frame.kind == .title { inTitle = false }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inTitle {
            page.title.append(contentsOf: text)
            return
        }
        if droppingDepth > 0 { return }
        let inLink = linkDepth > 0
        if inLink && !options.keepLinkText { return }
        let preformatted = preDepth > 0
        for c in text {
            if !preformatted && (c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C) {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                if page.text.count > pendingStart, page.text[page.text.count - 1] != 0x0A { page.text.append(0x20) }
                pendingSpace = false
            }
            page.text.append(c)
            if c & 0xC0 != 0x80 && c != 0x0A && c != 0x20 && c != 0x09 {
                pendingChars += 1
                if inLink { pendingLinkChars += 1 }
                if c == 0x2C { pendingCommas += 1 }
            }
        }
    }

    /// A line break inside a block (<br>).
    private func appendNewline() {
        if page.text.count > pendingStart, page.text[page.text.count - 1] != 0x0A { page.text.append(0x0A) }
        pendingSpace = false
    }

    /// Ends the block being collected, if it holds any text.
    private func flush() {
        while page.text.count > pendingStart, page.text[page.text.count - 1] == 0x0A || page.text[page.text.count - 1] == 0x20 {
            page.text.removeLast()
        }
        if pendingChars > 0 {
            let frame = frames[frames.count - 1]
            page.blocks.append(TextBlock(node: currentNode, kind: frame.blockKind,
                                         text: Int32(pendingStart)..<Int32(page.text.count), chars: pendingChars,
                                         linkChars: pendingLinkChars, commas: pendingCommas, row: row,
                                         inFurniture: furnitureDepth > 0, furnitureNode: furnitureNode))
        } else {
            page.text.removeLast(page.text.count - pendingStart)
        }
        pendingStart = page.text.count
        pendingChars = 0
        pendingLinkChars = 0
        pendingCommas = 0
        pendingSpace = false
    }

    /// Ends parsing: the last block.
    func finish() -> PageModel {
        flush()
        return page
    }
}
