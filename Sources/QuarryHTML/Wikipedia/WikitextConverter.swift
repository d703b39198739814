// Wikitext → plain text, for wikipedia_v1: a byte-level converter on UTF-8 in three linear
// passes, each over the output of the one before, as MediaWiki's own parser is layered:
//   1. WikitextPreprocessor: comments, tags (refs, math, nowiki ...), templates;
//   2. WikitextLinks: internal links (files and categories removed), external links;
//   3. WikitextBlocks: lines (headings, lists, tables, sections), each line finished by
//      WikitextInline (bold/italic, behaviour switches, entities, spacing).
// No pass recurses and none looks at a byte more than a bounded number of times, so any page
// (templates nested thousands deep, braces that never close) converts in linear time. It
// aims at what a reader sees on the rendered page, minus tables, infoboxes, references and
// end matter; it does not expand templates (WikitextTemplates.swift lists the few it
// renders) or run Lua modules, so text that only templates produce is missing.
import QuarryCore

/// Converts wikitext to plain text. Reuses its buffers between pages; one thread at a time.
public struct WikitextConverter {
    public struct Options: Sendable {
        public var keepTables: Bool
        public var keepHeadings: Bool
        public var keepLists: Bool

        public init(keepTables: Bool = false, keepHeadings: Bool = true, keepLists: Bool = true) {
            self.keepTables = keepTables
            self.keepHeadings = keepHeadings
            self.keepLists = keepLists
        }
    }

    public let options: Options
    public let namespaces: WikiNamespaces
    private let first = ByteBuffer(capacity: 1 << 16)
    private let second = ByteBuffer(capacity: 1 << 16)
    private let third = ByteBuffer(capacity: 1 << 16)
    private var preprocessor = WikitextPreprocessor()
    private var links = WikitextLinks()
    private var blocks = WikitextBlocks()

    public init(options: Options = Options(), namespaces: WikiNamespaces = .english) {
        self.options = options
        self.namespaces = namespaces
    }

    /// The plain text of a page's wikitext.
    public mutating func convert(_ wikitext: UnsafeBufferPointer<UInt8>) -> String {
        first.removeAll()
        second.removeAll()
        third.removeAll()
        preprocessor.run(wikitext, keepTables: options.keepTables, into: first)
        links.run(UnsafeBufferPointer(start: first.base, count: first.count), namespaces: namespaces, into: second)
        blocks.run(UnsafeBufferPointer(start: second.base, count: second.count), options: options, into: third)
        return String(decoding: UnsafeBufferPointer(start: third.base, count: third.count), as: UTF8.self)
    }

    public mutating func convert(_ wikitext: String) -> String {
        var text = wikitext
        return text.withUTF8 { convert($0) }
    }

    /// Whether wikitext is a redirect (`#REDIRECT [[Target]]`, any case, leading spaces allowed),
    /// for dumps without <redirect> elements.
    public static func isRedirect(_ wikitext: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = Array("#redirect".utf8)
        var i = 0
        while i < wikitext.count && (wikitext[i] == 0x20 || wikitext[i] == 0x0A || wikitext[i] == 0x09) { i += 1 }
        guard wikitext.count - i >= word.count else { return false }
        for (k, letter) in word.enumerated() where wikitext[i + k] | 0x20 != letter && !(k == 0 && wikitext[i] == letter) {
            return false
        }
        return true
    }
}
