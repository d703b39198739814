// Pass 3 of the wikitext converter: the line structure, on text without templates and links.
//   Headings `== H ==` become a line "H" after a blank line (none with keep_headings false).
//   List items `*`, `#`, `;` become lines without their markers (`; term : definition` two
//   lines); `:` indents are plain lines. keep_lists false drops `*`, `#`, `;` items.
//   Tables `{| … |}` (nested too) are dropped, or with keep_tables one line per cell
//   (captions too; attributes and row separators dropped).
//   `----` rules are removed. Lines of a paragraph are joined with a space, as MediaWiki
//   shows them; blank lines end paragraphs, and runs of them become one.
// Sections: a section (with its subsections) that ends up with no text loses its heading.
// A section whose heading is one of the end-matter names below (References, External links,
// See also, Further reading, Notes ..., in English, German, French and Spanish) is removed
// whole unless it holds prose, i.e. a line that is not a list item, table cell or heading: end
// matter is lists of links and citations, but a "Notes" section written as prose is kept.
import QuarryCore

/// Pass 3: lines, tables, headings, lists, sections.
struct WikitextBlocks {
    private struct Section {
        var level: Int
        /// Output length before the heading.
        var start: Int
        var endMatter: Bool
        /// The line state before the heading, restored when the section is removed.
        var before: LineState
        var hasText = false
        var hasProse = false
    }

    private enum LineKind { case prose, list, table, preformatted }

    private struct LineState {
        var paragraphBreak: Bool
        var lastJoinable: Bool
        var afterHeading: Bool
    }

    static let endMatterNames: Set<String> = [
        "references", "reference", "external links", "external link", "see also", "further reading", "notes",
        "note", "footnotes", "bibliography", "sources", "citations", "notes and references", "references and notes",
        "works cited", "general references", "other websites", "related pages", "weblinks", "einzelnachweise",
        "literatur", "siehe auch", "anmerkungen", "quellen", "références", "liens externes", "voir aussi",
        "notes et références", "bibliographie", "articles connexes", "referencias", "enlaces externos",
        "véase también", "bibliografía", "notas",
    ]

    private var sections: [Section] = []
    private var tableDepth = 0
    private var paragraphBreak = false
    private var lastJoinable = false
    /// The last line written is a heading.
    private var afterHeading = false
    private var inline = WikitextInline()

    mutating func run(_ input: UnsafeBufferPointer<UInt8>, options: WikitextConverter.Options, into out: ByteBuffer) {
        guard let base = input.baseAddress else { return }
        let n = input.count
        sections.removeAll(keepingCapacity: true)
        tableDepth = 0
        paragraphBreak = false
        lastJoinable = false
        afterHeading = false
        var s = 0
        while s < n {
            let e = find(base, n, byte: 0x0A, from: s) ?? n
            line(base, s, e, options, out)
            s = e + 1
        }
        closeSections(atLevel: 1, out)
    }

    private mutating func line(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ options: WikitextConverter.Options, _ out: ByteBuffer) {
        var t = s
        while t < e && (base[t] == 0x20 || base[t] == 0x09) { t += 1 }
        var end = e
        while end > t && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
        if t == end {
            // A blank line ends a paragraph (not a heading: its text follows on the next line).
            if out.count > 0 && !afterHeading { paragraphBreak = true }
            return
        }
        // A heading ends any table left open (a `|}` lost to a template such as {{end}}).
        if tableDepth > 0 && base[t] == 0x3D && heading(base, t, end) != nil { tableDepth = 0 }
        // A line of nothing but `=` is a heading whose text was all markup.
        if base[t] == 0x3D, UnsafeBufferPointer(start: base + t, count: end - t).allSatisfy({ $0 == 0x3D || $0 == 0x20 || $0 == 0x09 }) {
            lastJoinable = false
            return
        }
        // Tables, which may be indented with `:`.
        var q = t
        while q < end && base[q] == 0x3A { q += 1 }
        if q + 1 < end && base[q] == 0x7B && base[q + 1] == 0x7C {
            tableDepth += 1
            lastJoinable = false
            return
        }
        if tableDepth > 0 {
            if t + 1 < end && base[t] == 0x7C && base[t + 1] == 0x7D {
                tableDepth -= 1
                if tableDepth == 0 { paragraphBreak = out.count > 0 }
                return
            }
            if options.keepTables { tableLine(base, t, end, out) }
            return
        }
        // Table rows outside a table: the table was opened by a template ({{Awards table}}).
        if base[t] == 0x7C || (base[t] == 0x21 && contains(UnsafeBufferPointer(start: base + t, count: end - t), "!!")) {
            lastJoinable = false
            return
        }
        if base[t] == 0x3D, let heading = heading(base, t, end) {
            closeSections(atLevel: heading.level, out)
            let start = out.count
            var name = Array(UnsafeBufferPointer(start: base + heading.start, count: heading.end - heading.start))
            for k in name.indices where name[k] &- 0x41 < 26 { name[k] |= 0x20 }
            let title = String(decoding: name, as: UTF8.self)
            let before = LineState(paragraphBreak: paragraphBreak, lastJoinable: lastJoinable, afterHeading: afterHeading)
            sections.append(Section(level: heading.level, start: start, endMatter: Self.endMatterNames.contains(title), before: before))
            if !options.keepHeadings {
                // The section still starts a paragraph.
                paragraphBreak = out.count > 0
            } else {
                paragraphBreak = out.count > 0
                emit(base, heading.start, heading.end, kind: .list, out)
                paragraphBreak = false
                afterHeading = out.count > start
                // A heading is not section text.
                sections[sections.count - 1].hasText = false
                sections[sections.count - 1].hasProse = false
            }
            lastJoinable = false
            return
        }
        var content = t
        if end - t >= 4 && base[t] == 0x2D && base[t + 1] == 0x2D && base[t + 2] == 0x2D && base[t + 3] == 0x2D {
            while content < end && base[content] == 0x2D { content += 1 }
            lastJoinable = false
            if content == end { return }
        }
        // List markers.
        var m = content
        var listItem = false
        var definition = false
        while m < end {
            let b = base[m]
            if b == 0x2A || b == 0x23 { listItem = true } else if b == 0x3B { listItem = true; definition = true } else if b != 0x3A { break }
            m += 1
        }
        if listItem {
            if !options.keepLists { return }
            if definition, let colon = find(base, end, byte: 0x3A, from: m) {
                emit(base, m, colon, kind: .list, out)
                emit(base, colon + 1, end, kind: .list, out)
            } else {
                emit(base, m, end, kind: .list, out)
            }
        } else if m > content || t > s {
            emit(base, m, end, kind: .preformatted, out)
        } else {
            emit(base, m, end, kind: base[m] == escapeByte ? .preformatted : .prose, out)
        }
    }

    /// One line inside a table, with keep_tables: each cell's text as a line.
    private mutating func tableLine(_ base: UnsafePointer<UInt8>, _ t: Int, _ end: Int, _ out: ByteBuffer) {
        let first = base[t]
        if first == 0x7C && t + 1 < end && base[t + 1] == 0x2D { return }        // |- row
        guard first == 0x7C || first == 0x21 else {
            emit(base, t, end, kind: .table, out)                                  // a cell's next line
            return
        }
        var s = t + 1
        if first == 0x7C && s < end && base[s] == 0x2B { s += 1 }                   // |+ caption
        let separator = first
        var cell = s
        var k = s
        while k <= end {
            let atEnd = k == end
            if atEnd || (k + 1 < end && (base[k] == 0x7C || base[k] == separator) && base[k + 1] == base[k]) {
                // A cell: attributes end at its first single `|`.
                var contentStart = cell
                if let bar = find(base, k, byte: 0x7C, from: cell) { contentStart = bar + 1 }
                emit(base, contentStart, k, kind: .table, out)
                if atEnd { break }
                k += 2
                cell = k
                continue
            }
            k += 1
        }
    }

    /// Writes a line's text; empty lines write nothing.
    private mutating func emit(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, kind: LineKind, _ out: ByteBuffer) {
        let mark = out.count
        let joinable = kind == .prose
        if out.count > 0 {
            if paragraphBreak {
                out.append(0x0A)
                out.append(0x0A)
            } else if joinable && lastJoinable {
                out.append(0x20)
            } else {
                out.append(0x0A)
            }
        }
        let contentStart = out.count
        inline.format(base, s, e, into: out)
        if out.count == contentStart {
            out.truncate(to: mark)
            return
        }
        paragraphBreak = false
        lastJoinable = joinable
        afterHeading = false
        if !sections.isEmpty {
            sections[sections.count - 1].hasText = true
            if kind == .prose || kind == .preformatted { sections[sections.count - 1].hasProse = true }
        }
    }

    /// Closes the open sections at `level` or deeper, removing those left without text.
    private mutating func closeSections(atLevel level: Int, _ out: ByteBuffer) {
        while let section = sections.last, section.level >= level {
            sections.removeLast()
            if !section.hasText || (section.endMatter && !section.hasProse) {
                out.truncate(to: section.start)
                paragraphBreak = section.before.paragraphBreak
                lastJoinable = section.before.lastJoinable
                afterHeading = section.before.afterHeading
            } else if !sections.isEmpty {
                sections[sections.count - 1].hasText = true
                if section.hasProse { sections[sections.count - 1].hasProse = true }
            }
        }
    }

    /// A heading line `== H ==`: its level and the text between the marks.
    private func heading(_ base: UnsafePointer<UInt8>, _ t: Int, _ end: Int) -> (level: Int, start: Int, end: Int)? {
        guard base[end - 1] == 0x3D else { return nil }
        var open = 0
        while t + open < end && base[t + open] == 0x3D { open += 1 }
        var close = 0
        while end - close - 1 > t && base[end - close - 1] == 0x3D { close += 1 }
        var level = min(open, close, 6)
        if open + close > end - t { level = min((end - t - 1) / 2, 6) }
        guard level >= 1 else { return nil }
        var s = t + level
        var e = end - level
        while s < e && (base[s] == 0x20 || base[s] == 0x09) { s += 1 }
        while e > s && (base[e - 1] == 0x20 || base[e - 1] == 0x09) { e -= 1 }
        guard s < e else { return nil }
        return (level, s, e)
    }
}
