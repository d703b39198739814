// Hints from an element's attributes: class and id words that mark page furniture or content
// (the patterns Mozilla Readability uses, in Readability.js's REGEXPS: unlikelyCandidates,
// okMaybeItsACandidate, positive, negative), ARIA roles, and hidden elements (`hidden`,
// aria-hidden, display:none). Matching is on lower-cased bytes, no regular expressions.

/// What the attributes of an element say about it.
struct ElementHints {
    /// Class/id words of furniture that is never content (comments, cookie notices, sharing,
    /// ads, newsletter boxes), with no content word.
    var junk = false
    /// Class/id words of furniture that is sometimes content (a "sidebar" note box inside an
    /// article, a "related" paragraph), with no content word: kept inside the main content
    /// when it is not link-heavy.
    var unlikely = false
    /// Readability's class weight: +25 content-like, -25 furniture-like.
    var weight: Float = 0
    /// role=main/article, itemprop=articleBody: the page says this is the content.
    var isContent = false
    /// role=navigation/banner/contentinfo/complementary/search/menu/dialog...
    var isFurniture = false
    var isHidden = false
    /// The `lang` attribute.
    var lang: String?
}

enum ClassHints {
    static let unlikelyGroup: UInt32 = 1, maybeGroup: UInt32 = 2, positiveGroup: UInt32 = 4, negativeGroup: UInt32 = 8
    static let junkGroup: UInt32 = 16
    static let junk = ["-ad-", "ad-break", "ai2html", "comment", "disqus", "gdpr", "cookie", "consent", "newsletter", "subscribe",
                       "share", "social", "sponsor", "skyscraper", "agegate", "popup", "signup", "login", "shoutbox",
                       "replies", "yom-remote", "outbrain", "taboola", "advert", "banner", "adsbygoogle", "adslot", "ad-slot",
                       "adunit", "ad-unit", "publicidad", "werbung", "reklam", "byline", "dateline"]
    static let unlikely = ["breadcrumb", "combx", "community", "cover-wrap", "extra", "footer", "header", "legends", "menu",
                           "related", "remark", "rss", "sidebar", "supplemental", "pagination", "pager", "navbar", "nav-",
                           "-nav", "toolbar"]
    static let maybe = ["and", "article", "body", "column", "content", "main", "shadow"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
                           "text", "blog", "story"]
    static let negative = ["-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
                           "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
                           "skyscraper", "sponsor", "shopping", "tags", "widget"]
    static let matcher = KeywordMatcher(junk.map { ($0, junkGroup) } + unlikely.map { ($0, unlikelyGroup) } + maybe.map { ($0, maybeGroup) }
        + positive.map { ($0, positiveGroup) } + negative.map { ($0, negativeGroup) })
    static let roleMatcher = KeywordMatcher([("main", 1), ("article", 1), ("navigation", 2), ("banner", 2), ("contentinfo", 2),
                                             ("complementary", 2), ("search", 2), ("menu", 2), ("dialog", 2), ("toolbar", 2),
                                             ("tablist", 2)])
    static let styleMatcher = KeywordMatcher([("display:none", 1), ("display: none", 1), ("visibility:hidden", 1),
                                              ("visibility: hidden", 1)])
    static let articleBodyMatcher = KeywordMatcher([("articlebody", 1)])

    /// Reads the hints of one start tag, without allocating.
    static func read(_ attributes: HTMLAttributes) -> ElementHints {
        var hints = ElementHints()
        var words: UInt32 = 0
        attributes.forEach { name, value in
            switch name[0] {
            case 0x63 where equals(name, "class"), 0x69 where equals(name, "id"):
                if let value { words |= matcher.groups(in: value) }
            case 0x72 where equals(name, "role"):
                if let value {
                    let role = roleMatcher.groups(in: value)
                    if role & 1 != 0 { hints.isContent = true }
                    if role & 2 != 0 { hints.isFurniture = true }
                }
            case 0x69 where equals(name, "itemprop"):
                if let value, articleBodyMatcher.groups(in: value) != 0 { hints.isContent = true }
            case 0x68 where equals(name, "hidden"):
                hints.isHidden = true
            case 0x61 where equals(name, "aria-hidden"):
                if let value, equals(value, "true") { hints.isHidden = true }
            case 0x73 where equals(name, "style"):
                if let value, styleMatcher.groups(in: value) != 0 { hints.isHidden = true }
            case 0x6C where equals(name, "lang"):
                if let value { hints.lang = String(cString: value) }
            default:
                break
            }
        }
        if words != 0 {
            hints.junk = words & junkGroup != 0 && words & maybeGroup == 0
            hints.unlikely = words & unlikelyGroup != 0 && words & maybeGroup == 0
            if words & positiveGroup != 0 { hints.weight += 25 }
            if words & negativeGroup != 0 { hints.weight -= 25 }
        }
        return hints
    }

    /// Whether a NUL-terminated name equals `b` (ASCII case-insensitive).
    static func equals(_ a: UnsafePointer<UInt8>, _ b: StaticString) -> Bool {
        let n = b.utf8CodeUnitCount
        let s = b.utf8Start
        for i in 0..<n {
            let c = a[i]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != s[i] { return false }
        }
        return a[n] == 0
    }
}
