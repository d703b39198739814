// html_extract_v1: replaces each document's HTML (as the WARC, HTML-file or JSONL readers give
// it) with the page's main text (HTMLExtractor), and records the page title and declared
// language in metadata. Pages with no main text are dropped (`no_main_text`) with their HTML,
// so the rejects show what was read; pages that hit the byte or depth cap are extracted from
// what was read and counted. Documents whose `content_type` is text/plain pass unchanged.
import QuarryCore

public struct HTMLExtractStage: DocumentStage {
    public struct Options: StageOptions {
        public var favor = HTMLExtractor.Favor.precision
        public var links = LinkText.keep
        public var maxHTMLBytes = 8 << 20
        public var maxDepth = 512
        public var minTextChars = 1

        public enum LinkText: String, OptionEnum, Sendable { case keep, drop }

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("favor", \.favor, doc: "precision drops page furniture and link-heavy blocks more eagerly; recall keeps more of the page."),
                .init("links", \.links, doc: "keep or drop the text of links inside the main content."),
                .init("max_html_bytes", \.maxHTMLBytes, doc: "Bytes of HTML read per page; longer pages are cut there and counted as html_truncated."),
                .init("max_depth", \.maxDepth, doc: "Element nesting given structure; deeper elements keep their text and are counted as depth_capped."),
                .init("min_text_chars", \.minTextChars, doc: "Pages whose main text has fewer characters than this are dropped as no_main_text."),
            ]
        }

        public func validate() throws {
            guard maxHTMLBytes > 0, maxDepth > 0 else { throw ConfigError("max_html_bytes and max_depth must be positive") }
        }
    }

    public static let id: StageID = "html_extract_v1"
    public static let summary = "Replaces HTML with the page's main text (paragraphs, headings, lists, tables, code); title and lang in metadata."

    let extractor: HTMLExtractor
    let minTextChars: Int

    public init(options: Options) throws {
        extractor = HTMLExtractor(favor: options.favor, keepLinkText: options.links == .keep,
                                  maxBytes: options.maxHTMLBytes, maxDepth: options.maxDepth)
        minTextChars = options.minTextChars
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        // Pages left with too little text keep their HTML, so the rejects show what was read.
        var tooShort = [Bool](repeating: false, count: batch.documents.count)
        for i in batch.documents.indices {
            // A plain-text payload (warc_v1 keeps text/plain too) is already text.
            if batch.documents[i].metadata["content_type"] == .string("text/plain") {
                tooShort[i] = !Self.hasCharacters(batch.documents[i].text, atLeast: minTextChars)
                continue
            }
            let page = extractor.extract(batch.documents[i].text)
            if page.truncated { stats.count("html_truncated") }
            if page.depthCapped { stats.count("depth_capped") }
            if let title = page.title { batch.documents[i].metadata["title"] = .string(title) }
            if let lang = page.lang { batch.documents[i].metadata["html_lang"] = .string(lang) }
            if Self.hasCharacters(page.text, atLeast: minTextChars) {
                batch.documents[i].text = page.text
            } else {
                tooShort[i] = true
            }
        }
        var index = 0
        batch.drop { _ in
            defer { index += 1 }
            return tooShort[index] ? "no_main_text" : nil
        }
    }

    /// Whether `text` holds at least `minimum` Unicode scalars (counted on UTF-8 lead bytes).
    static func hasCharacters(_ text: String, atLeast minimum: Int) -> Bool {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 {
            count += 1
            if count >= minimum { return true }
        }
        return minimum <= 0
    }
}
