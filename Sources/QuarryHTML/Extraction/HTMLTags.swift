// What the extractor knows about HTML elements: which are blocks (they end a line of text),
// which are dropped with their content (scripts, styles, form controls, embedded media), which
// are page furniture (navigation, headers, footers, asides: dropped outside the article), and
// which are inline. Element names per the WHATWG HTML standard.

/// The kinds of element the extractor tells apart.
enum TagKind: UInt8 {
    case other
    case html, head, body, title
    case div, section, article, main, header, footer, nav, aside, form, figure, figcaption, center, details, summary
    case address, fieldset, dialog, menu, hgroup
    case p, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, pre, blockquote, table, thead, tbody, tfoot, tr, td, th, caption
    case hr, br, a, code
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, button, select, option, textarea
    case input, video, audio, map, label

    /// Lookup by name (NUL-terminated, lower-case as libxml2 reports HTML names).
    static func named(_ name: UnsafePointer<UInt8>) -> TagKind {
        var key = NameKey()
        var i = 0
        while name[i] != 0 {
            guard i < 16 else { return .other }
            if i < 8 { key.low |= UInt64(name[i]) << (8 * UInt64(i)) } else { key.high |= UInt64(name[i]) << (8 * UInt64(i - 8)) }
            i += 1
        }
        return names[key] ?? .other
    }

    /// A name of up to 16 bytes packed into two words.
    struct NameKey: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        init() {}
        init(_ name: String) {
            for (i, b) in name.utf8.prefix(16).enumerated() {
                if i < 8 { low |= UInt64(b) << (8 * UInt64(i)) } else { high |= UInt64(b) << (8 * UInt64(i - 8)) }
            }
        }
    }

    private static let names: [NameKey: TagKind] = {
        var t: [String: TagKind] = [:]
        let all: [TagKind] = [.html, .head, .body, .title, .div, .section, .article, .main, .header, .footer, .nav, .aside,
                              .form, .figure, .figcaption, .center, .details, .summary, .address, .fieldset, .dialog, .menu,
                              .hgroup, .p, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .pre, .blockquote,
                              .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .hr, .br, .a, .code, .script, .style,
                              .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .button, .select, .option,
                              .textarea, .input, .video, .audio, .map, .label]
        for kind in all { t[String(describing: kind)] = kind }
        t["listing"] = .pre
        t["xmp"] = .pre
        t["plaintext"] = .pre
        t["noembed"] = .noscript
        t["rt"] = .noscript  // ruby annotations (furigana): the base text is the text
        t["rp"] = .noscript
        t["noframes"] = .noscript
        t["frameset"] = .iframe
        t["frame"] = .iframe
        t["datalist"] = .select
        t["optgroup"] = .option
        t["legend"] = .label
        t["article"] = .article
        t["search"] = .nav
        return Dictionary(uniqueKeysWithValues: t.map { (NameKey($0.key), $0.value) })
    }()

    /// Dropped with everything inside, in every mode.
    var isDropped: Bool {
        switch self {
        case .head, .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .button,
             .select, .option, .textarea, .input, .video, .audio, .map, .dialog: return true
        default: return false
        }
    }

    /// Page furniture: navigation, site header and footer, side content, menus. (Not forms:
    /// many sites wrap the whole page in one; their controls are dropped instead.)
    var isFurniture: Bool {
        switch self {
        case .nav, .aside, .header, .footer, .menu: return true
        default: return false
        }
    }

    /// Ends the current line of text when it starts or ends.
    var isBlock: Bool {
        switch self {
        case .html, .body, .div, .section, .article, .main, .header, .footer, .nav, .aside, .form, .figure, .figcaption,
             .center, .details, .summary, .address, .fieldset, .dialog, .menu, .hgroup, .p, .h1, .h2, .h3, .h4, .h5,
             .h6, .ul, .ol, .li, .dl, .dt, .dd, .pre, .blockquote, .table, .thead, .tbody, .tfoot, .tr, .td, .th,
             .caption, .hr, .title, .label: return true
        default: return false
        }
    }

    /// The kind of text block this element's own text forms.
    var blockKind: BlockKind {
        switch self {
        case .h1: return .heading1
        case .h2, .h3, .h4, .h5, .h6: return .heading
        case .li, .dt, .dd: return .item
        case .pre: return .pre
        case .blockquote: return .quote
        case .td, .th: return .cell
        case .caption, .figcaption: return .caption
        default: return .paragraph
        }
    }

    /// Readability's starting score for a container of this kind.
    var baseScore: Float {
        switch self {
        case .div, .article, .main, .section: return 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }
}

/// What a block of text is.
enum BlockKind: UInt8 {
    case paragraph, heading1, heading, item, pre, quote, cell, caption
}
