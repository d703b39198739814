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
        let blockCount = page.blocks.count
        guard blockCount > 0 else { return [] }
        aggregate(&page)
        let usable = page.blocks.indices.filter { !page.blocks[$0].inFurniture }
        let usableChars = usable.reduce(Int32(0)) { $0 + page.blocks[$1].chars - page.blocks[$1].linkChars }

        var roots = Set<Int32>()
        if let content = contentElement(page, totalChars: usableChars) {
            roots.insert(content)
        } else {
            roots = readabilityRoots(&page)
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
        for (i, block) in page.blocks.enumerated() where included[Int(block.node)] && !block.inFurniture {
            keep[i] = passes(block, listDensity: listDensity[Int(block.node)], page: page)
        }
        // A page whose chosen content is tiny against its text: take every usable block (recall).
        let keptChars = keep.indices.filter { keep[$0] }.reduce(Int32(0)) { $0 + page.blocks[$1].chars }
        if !favorPrecision && usableChars > 0 && keptChars * 4 < usableChars {
            for i in usable where passes(page.blocks[i], listDensity: listDensity[Int(page.blocks[i].node)], page: page) {
                keep[i] = true
            }
        }
        addHeadline(page, &keep)
        return keep
    }

    /// Sums block text into every node's subtree totals (children come after parents).
    func aggregate(_ page: inout PageModel) {
        for block in page.blocks where !block.inFurniture {
            page.nodes[Int(block.node)].chars += block.chars
            page.nodes[Int(block.node)].linkChars += block.linkChars
        }
        for i in stride(from: page.nodes.count - 1, to: 0, by: -1) {
            let parent = Int(page.nodes[i].parent)
            guard parent >= 0 else { continue }
            page.nodes[parent].chars += page.nodes[i].chars
            page.nodes[parent].linkChars += page.nodes[i].linkChars
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
            var node = Int(page.nodes[Int(block.node)].parent)
            if page.nodes[Int(block.node)].kind == .div || page.nodes[Int(block.node)].kind == .td {
                node = Int(block.node)  // text directly in a div counts for the div itself
            }
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
        // A container whose parent holds no other text: the parent is the same content.
        while true {
            let parent = Int(page.nodes[top].parent)
            guard parent > 0, page.nodes[parent].kind != .body, page.nodes[parent].chars == page.nodes[top].chars else { break }
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

    /// Whether a block inside the main content is kept.
    func passes(_ block: TextBlock, listDensity: Float, page: PageModel) -> Bool {
        let limit: Float = favorPrecision ? 0.5 : 0.8
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
