// The HTML-like tags the wikitext converter knows, and what it does with each (MediaWiki's
// extension tags and the HTML subset its sanitizer allows). A tag not listed here is not a
// tag: `a < b` and `<foo>` stay text, as MediaWiki shows them.
//
// Content rule for extension tags (one documented choice per tag):
//   dropped with content  ref, references (citations); gallery, imagemap (lists of files);
//                         timeline, score, graph, chart, mapframe, maplink (charts, music,
//                         maps in their own languages); templatedata, templatestyles,
//                         categorytree, inputbox, indicator, charinsert, section,
//                         dynamicpagelist, rss, hiero, phonos, includeonly (not article text)
//   kept verbatim         nowiki (inline), pre (block); syntaxhighlight and source (code,
//                         block unless `inline`); math, chem, ce (the TeX source, inline, or a
//                         block with display="block"). Verbatim text is not parsed as wikitext.
//   tags removed,         poem (line breaks kept), noinclude, onlyinclude
//   content parsed
//   table                 HTML tables: dropped with content, unless keep_tables
// HTML tags are removed and their text kept; block elements end a line, <br> breaks one.

/// What a tag name is.
enum WikitextTag {
    enum HTMLRole { case inline, block, lineBreak }
    enum Content { case drop, verbatimInline, verbatimBlock, code, math, transparent, poem, table }

    case html(HTMLRole)
    /// An extension tag; `index` numbers it for per-tag search state.
    case ext(index: Int, content: Content)

    static let extensionNames: [(String, Content)] = [
        ("ref", .drop), ("references", .drop), ("gallery", .drop), ("imagemap", .drop), ("timeline", .drop),
        ("score", .drop), ("graph", .drop), ("chart", .drop), ("mapframe", .drop), ("maplink", .drop),
        ("templatedata", .drop), ("templatestyles", .drop), ("categorytree", .drop), ("inputbox", .drop),
        ("indicator", .drop), ("charinsert", .drop), ("section", .drop), ("dynamicpagelist", .drop), ("rss", .drop),
        ("hiero", .drop), ("phonos", .drop), ("includeonly", .drop),
        ("nowiki", .verbatimInline), ("pre", .verbatimBlock), ("syntaxhighlight", .code), ("source", .code),
        ("math", .math), ("chem", .math), ("ce", .math),
        ("poem", .poem), ("noinclude", .transparent), ("onlyinclude", .transparent),
        ("table", .table),
    ]

    static let htmlNames: [(String, HTMLRole)] = [
        ("br", .lineBreak),
        ("p", .block), ("div", .block), ("blockquote", .block), ("center", .block), ("ul", .block), ("ol", .block),
        ("li", .block), ("dl", .block), ("dt", .block), ("dd", .block), ("h1", .block), ("h2", .block), ("h3", .block),
        ("h4", .block), ("h5", .block), ("h6", .block), ("hr", .block), ("caption", .block), ("tr", .block),
        ("td", .block), ("th", .block), ("thead", .block), ("tbody", .block), ("tfoot", .block), ("figure", .block),
        ("figcaption", .block),
        ("b", .inline), ("i", .inline), ("u", .inline), ("s", .inline), ("strike", .inline), ("del", .inline),
        ("ins", .inline), ("small", .inline), ("big", .inline), ("sup", .inline), ("sub", .inline), ("span", .inline),
        ("font", .inline), ("abbr", .inline), ("cite", .inline), ("code", .inline), ("var", .inline), ("kbd", .inline),
        ("samp", .inline), ("tt", .inline), ("q", .inline), ("em", .inline), ("strong", .inline), ("dfn", .inline),
        ("mark", .inline), ("bdi", .inline), ("bdo", .inline), ("data", .inline), ("time", .inline), ("wbr", .inline),
        ("ruby", .inline), ("rb", .inline), ("rt", .inline), ("rp", .inline), ("rtc", .inline), ("link", .inline),
        ("meta", .inline), ("nobr", .inline), ("tvar", .inline), ("translate", .inline), ("languages", .inline),
    ]

    static var extensionCount: Int { extensionNames.count }

    /// Lower-case name → tag.
    static let byName: [String: WikitextTag] = {
        var table: [String: WikitextTag] = [:]
        for (index, (name, content)) in extensionNames.enumerated() { table[name] = .ext(index: index, content: content) }
        for (name, role) in htmlNames { table[name] = .html(role) }
        return table
    }()

    /// Lengths of the extension tag names, by index (to find close tags).
    static let extensionNameBytes: [[UInt8]] = extensionNames.map { Array($0.0.utf8) }

    /// The tag named by `count` bytes at `name` (any ASCII case), if it is one.
    static func lookup(_ name: UnsafePointer<UInt8>, _ count: Int) -> WikitextTag? {
        guard count <= 15 else { return nil }
        var lower = (UInt64(0), UInt64(0))
        let key = withUnsafeMutableBytes(of: &lower) { raw -> String in
            for i in 0..<count { raw[i] = name[i] &- 0x41 < 26 ? name[i] | 0x20 : name[i] }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<count]), as: UTF8.self)
        }
        return byName[key]
    }
}
