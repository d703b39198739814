// The page model the extractor builds while parsing: container elements as nodes (parent
// links, kind, class weight, content/furniture hints) and the page's text as blocks (a
// paragraph, heading, list item, cell ...) each owned by the node that encloses it. Text is kept
// in one byte arena. Scoring and selection work on this model only.

/// A block-level element.
struct PageNode {
    var parent: Int32
    var kind: TagKind
    var weight: Float
    var isContent: Bool
    /// Furniture kept in recall mode (navigation inside an article, say).
    var isFurniture: Bool
    /// Totals over the node's subtree, filled in after parsing: text outside page furniture,
    /// and all text.
    var chars: Int32 = 0
    var linkChars: Int32 = 0
    var allChars: Int32 = 0
    var allLinkChars: Int32 = 0
    var hasChildNodes = false
    var score: Float = 0
    var scored = false
}

/// A run of text that ends at a block boundary.
struct TextBlock {
    var node: Int32
    var kind: BlockKind
    var text: Range<Int32>
    var chars: Int32
    var linkChars: Int32
    var commas: Int32
    /// Table row number, for cells.
    var row: Int32
    /// True when the block lies inside page furniture.
    var inFurniture: Bool
    /// The outermost furniture element around the block, or -1.
    var furnitureNode: Int32

    var linkDensity: Float { chars > 0 ? Float(linkChars) / Float(chars) : 0 }
}

/// A parsed page.
struct PageModel {
    var nodes: [PageNode] = []
    var blocks: [TextBlock] = []
    var text: [UInt8] = []
    var title: [UInt8] = []
    var lang: String?
    /// Elements nested deeper than the depth cap (their text still counts, their structure not).
    var depthCapped = false

    func string(_ block: TextBlock) -> String {
        text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(block.text.lowerBound)..<Int(block.text.upperBound)]), as: UTF8.self) }
    }
}
