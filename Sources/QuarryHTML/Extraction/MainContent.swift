// Choosing the main content of a page from its PageModel. First the page's own word: the
// largest element marked as content (<article>, <main>, role=main, itemprop=articleBody) when
// it holds a fair share of the text. Otherwise Mozilla Readability's scoring (Readability.js,
// _grabArticle): each paragraph of 25+ characters gives 1 + commas + min(length/100, 3) points
// to its parent and half to its grandparent (a third to great-grandparents), containers start
// from a score by tag and class weight, and scores are scaled by (1 - link density); the best
// container wins, with siblings that score at least a fifth of it. Blocks outside the chosen
// containers, and (in precision mode) link-heavy blocks inside them, are left out.

struct MainContentSelector {
    var favorPrecision: Bool

    /// Which blocks are main content.
    func select(_ page: inout PageModel) -> [Bool] {
        var roots = Set<Int32>()
        return select(&page, roots: &roots)
    }

    /// Which blocks are main content, and the elements chosen as its roots.
    func select(_ page: inout PageModel, roots: inout Set<Int32>) -> [Bool] {
        let blockCount = page.blocks.count
        guard blockCount > 0 else { return [] }
        aggregate(&page)
        let usable = page.blocks.indices.filter { !page.blocks[$0].inFurniture }
        let usableChars = usable.reduce(Int32(0)) { $0 + page.blocks[$1].chars - page.blocks[$1].linkChars }

        roots = readabilityRoots(&page)
        if let content = contentElement(page, totalChars: usableChars) {
            // The page's own mark wins unless the scores found a narrower body inside it (a
            // role=main region that also holds the sidebars).
            if !(roots.count == 1 && isAncestor(Int(content), of: Int(roots.first!), page)) { roots = [content] }
        }
        var included = [Bool](repeating: false, count: page.nodes.count)
        if roots.isEmpty {
            for i in included.indices { included[i] = true }
        } else {
            for i in page.nodes.indices {
                let parent = page.nodes[i].parent
                included[i] = roots.contains(Int32(i)) || (parent >= 0 && included[Int(parent)])
            }
        }
        let listDensity = listLinkDensity(page)
        var keep = [Bool](repeating: false, count: blockCount)
        for (i, block) in page.blocks.enumerated() where included[Int(block.node)] {
            if block.inFurniture && !rescued(block, page: page, included: included) { continue }
            keep[i] = passes(block, listDensity: listDensity[Int(block.node)], page: page)
        }
        // A page whose chosen content is tiny against its text: take every usable block (recall).
        let keptChars = keep.indices.filter { keep[$0] }.reduce(Int32(0)) { $0 + page.blocks[$1].chars }
        if !favorPrecision && usableChars > 0 && keptChars * 4 < usableChars {
            for i in usable where passes(page.blocks[i], listDensity: listDensity[Int(page.blocks[i].node)], page: page) {
                keep[i] = true
            }
        }
        dropRepeatedLines(page, &keep)
        if favorPrecision { dropLegalLines(page, &keep) }
        addHeadline(page, &keep)
        return keep
    }

    /// Sums block text into every node's subtree totals (children come after parents).
    func aggregate(_ page: inout PageModel) {
        for block in page.blocks {
            let n = Int(block.node)
            page.nodes[n].allChars += block.chars
            page.nodes[n].allLinkChars += block.linkChars
            if !block.inFurniture {
                page.nodes[n].chars += block.chars
                page.nodes[n].linkChars += block.linkChars
            }
        }
        for i in stride(from: page.nodes.count - 1, to: 0, by: -1) {
            let parent = Int(page.nodes[i].parent)
            guard parent >= 0 else { continue }
            page.nodes[parent].chars += page.nodes[i].chars
            page.nodes[parent].linkChars += page.nodes[i].linkChars
            page.nodes[parent].allChars += page.nodes[i].allChars
            page.nodes[parent].allLinkChars += page.nodes[i].allLinkChars
            page.nodes[parent].hasChildNodes = true
        }
    }

    /// The largest element the page marks as its content, if it holds enough of the text.
    func contentElement(_ page: PageModel, totalChars: Int32) -> Int32? {
        var best: Int32?
        for (i, node) in page.nodes.enumerated() where node.isContent && !node.isFurniture {
            let own = node.chars - node.linkChars
            if best == nil || own > page.nodes[Int(best!)].chars - page.nodes[Int(best!)].linkChars { best = Int32(i) }
        }
        guard let best else { return nil }
        let own = page.nodes[Int(best)].chars - page.nodes[Int(best)].linkChars
        let share: Float = favorPrecision ? 0.3 : 0.5
        return own >= 150 && Float(own) >= share * Float(totalChars) ? best : nil
    }

    /// Readability: score containers by their paragraphs, keep the best and its good siblings.
    func readabilityRoots(_ page: inout PageModel) -> Set<Int32> {
        func initialize(_ n: Int) {
            if !page.nodes[n].scored {
                page.nodes[n].scored = true
                page.nodes[n].score = page.nodes[n].kind.baseScore + page.nodes[n].weight
            }
        }
        for block in page.blocks where !block.inFurniture && block.chars >= 25 {
            switch block.kind {
            case .paragraph, .pre, .quote, .cell, .item: break
            default: continue
            }
            let score = 1 + Float(block.commas) + min(Float(block.chars) / 100, 3)
            // A block's own element is a paragraph when it holds no other blocks (Readability
            // turns such divs into <p>): the score goes to its parent. Text beside other blocks
            // counts for its element itself.
            var node = Int(block.node)
            if !page.nodes[node].hasChildNodes { node = Int(page.nodes[node].parent) }
            var level = 0
            while node >= 0 && level < 3 {
                initialize(node)
                let divider: Float = level == 0 ? 1 : (level == 1 ? 2 : Float(level) * 3)
                page.nodes[node].score += score / divider
                node = Int(page.nodes[node].parent)
                level += 1
            }
        }
        var top = -1
        for i in page.nodes.indices where page.nodes[i].scored {
            let node = page.nodes[i]
            let density = node.chars > 0 ? Float(node.linkChars) / Float(node.chars) : 0
            page.nodes[i].score = node.score * (1 - density)
            if top < 0 || page.nodes[i].score > page.nodes[top].score { top = i }
        }
        guard top >= 0 else { return [] }
        top = promote(top, &page)
        top = widen(top, page)
        var roots: Set<Int32> = [Int32(top)]
        let parent = page.nodes[top].parent
        let threshold = max(10, page.nodes[top].score * (favorPrecision ? 0.2 : 0.1))
        if parent >= 0 {
            for i in page.nodes.indices where i != top && page.nodes[i].parent == parent {
                let node = page.nodes[i]
                let density = node.chars > 0 ? Float(node.linkChars) / Float(node.chars) : 1
                if (node.scored && node.score >= threshold) || (node.kind == .p && node.chars > 80 && density < 0.25) {
                    roots.insert(Int32(i))
                }
            }
        }
        return roots
    }

    /// Readability's moves up the tree from the best container: to an ancestor shared by three
    /// other strong candidates (content split into sections), to a parent that scores higher,
    /// and past parents that hold nothing but this container.
    func promote(_ best: Int, _ page: inout PageModel) -> Int {
        var top = best
        let topScore = page.nodes[top].score
        let strong = page.nodes.indices.filter { $0 != top && page.nodes[$0].scored && page.nodes[$0].score >= 0.75 * topScore }
            .sorted { page.nodes[$0].score > page.nodes[$1].score }.prefix(5)
        if strong.count >= 3 {
            var ancestor = Int(page.nodes[top].parent)
            while ancestor > 0 {
                let shared = strong.filter { isAncestor(ancestor, of: $0, page) }.count
                if shared >= 3 { top = ancestor; break }
                ancestor = Int(page.nodes[ancestor].parent)
            }
        }
        var lastScore = page.nodes[top].score
        let threshold = lastScore / 3
        var parent = Int(page.nodes[top].parent)
        while parent > 0 && page.nodes[parent].kind != .body {
            if !page.nodes[parent].scored {
                parent = Int(page.nodes[parent].parent)
                continue
            }
            let score = page.nodes[parent].score
            if score < threshold { break }
            if score > lastScore {
                top = parent
                break
            }
            lastScore = score
            parent = Int(page.nodes[parent].parent)
        }
        // A cell of a table whose text is not link-heavy: content laid out in a table spans
        // its rows, so the table is the content.
        if page.nodes[top].kind == .td || page.nodes[top].kind == .tr || page.nodes[top].kind == .tbody {
            var n = Int(page.nodes[top].parent)
            while n > 0 && page.nodes[n].kind != .table { n = Int(page.nodes[n].parent) }
            if n > 0 {
                let table = page.nodes[n]
                if table.chars > 0 && Float(table.linkChars) / Float(table.chars) < 0.25 { top = n }
            }
        }
        // A container whose parent holds no other text: the parent is the same content.
        while true {
            let parent = Int(page.nodes[top].parent)
            guard parent > 0, page.nodes[parent].kind != .body, page.nodes[parent].chars == page.nodes[top].chars else { break }
            top = parent
        }
        return top
    }

    /// Moves up from the best container until it holds most of the page's good text
    /// (paragraphs of 25+ characters with few links, outside furniture): scores can crown one
    /// section, or a small box with a content-like class, of content split over many.
    func widen(_ best: Int, _ page: PageModel) -> Int {
        var good = [Int32](repeating: 0, count: page.nodes.count)
        var total: Int32 = 0
        for block in page.blocks where !block.inFurniture && block.chars >= 25 && block.linkDensity < 0.3 {
            good[Int(block.node)] += block.chars
            total += block.chars
        }
        for i in stride(from: page.nodes.count - 1, to: 0, by: -1) where page.nodes[i].parent >= 0 {
            good[Int(page.nodes[i].parent)] += good[i]
        }
        let share: Float = favorPrecision ? 0.5 : 0.66
        var top = best
        while Float(good[top]) < share * Float(total) {
            let parent = Int(page.nodes[top].parent)
            guard parent > 0, page.nodes[parent].kind != .html else { break }
            let node = page.nodes[parent]
            if node.chars > 0 && Float(node.linkChars) / Float(node.chars) > 0.5 { break }
            top = parent
        }
        return top
    }

    func isAncestor(_ ancestor: Int, of node: Int, _ page: PageModel) -> Bool {
        var n = Int(page.nodes[node].parent)
        while n >= 0 {
            if n == ancestor { return true }
            n = Int(page.nodes[n].parent)
        }
        return false
    }

    /// Link density of the list or table each node belongs to (a list of links is a menu).
    func listLinkDensity(_ page: PageModel) -> [Float] {
        var density = [Float](repeating: 0, count: page.nodes.count)
        for i in page.nodes.indices {
            let node = page.nodes[i]
            switch node.kind {
            case .ul, .ol, .dl, .menu, .table:
                density[i] = node.chars > 0 ? Float(node.linkChars) / Float(node.chars) : 0
            default:
                let parent = Int(node.parent)
                density[i] = parent >= 0 ? density[parent] : 0
            }
        }
        return density
    }

    /// Whether furniture inside the main content is content after all: a note box classed
    /// "sidebar", a "related" paragraph. It is when its element lies inside the chosen content,
    /// is not navigation, a form or a menu, and is not link-heavy.
    func rescued(_ block: TextBlock, page: PageModel, included: [Bool]) -> Bool {
        let n = Int(block.furnitureNode)
        guard n >= 0, included[n] else { return false }
        let node = page.nodes[n]
        switch node.kind {
        case .nav, .menu, .header, .footer: return false
        default: break
        }
        let density = node.allChars > 0 ? Float(node.allLinkChars) / Float(node.allChars) : 1
        return density < 0.3 && node.allChars >= 40
    }

    /// Whether a block inside the main content is kept.
    func passes(_ block: TextBlock, listDensity: Float, page: PageModel) -> Bool {
        let limit: Float = favorPrecision ? 0.5 : 0.8
        // Figure captions and photo credits are not the article's text (tables keep theirs).
        if favorPrecision && block.kind == .caption && page.nodes[Int(block.node)].kind != .caption { return false }
        if block.linkDensity > limit && block.chars < 300 { return false }
        if (block.kind == .item || block.kind == .cell) && listDensity > limit { return false }
        return true
    }

    /// Puts the page's <h1> first when the chosen content does not start with a heading.
    func addHeadline(_ page: PageModel, _ keep: inout [Bool]) {
        guard let first = keep.firstIndex(of: true) else { return }
        if page.blocks[first].kind == .heading1 || page.blocks[first].kind == .heading { return }
        if let headline = page.blocks[..<first].lastIndex(where: { $0.kind == .heading1 && !$0.inFurniture }) {
            keep[headline] = true
        }
    }
}
