// wikipedia_v1: documents from MediaWiki XML export dumps (pages-articles.xml, .xml.bz2 and
// the multistream .xml.bz2; schema export-0.10/0.11), one task per file. The scanner streams
// the XML through libxml2 in constant memory and cuts page records (WikipediaDumpScanner);
// `decode`, on the workers, turns each page's wikitext into plain text (WikitextConverter).
//
// Documents: id `<dbname>/<page id>` (e.g. `enwiki/12345`; dbname from the dump's
// <siteinfo>, or the input's name without its extension when the dump has none), stable
// across dump versions since page ids never change. Metadata: `title`, `page_id`,
// `revision_id`, `timestamp` (ISO 8601, as in the dump), `url` (from the site's base URL),
// `namespace` (only when not 0) and `redirect_to` (only for redirects, when kept).
//
// Drop reasons (counted in the reader's funnel row): `skipped_namespace`, `skipped_redirect`,
// `skipped_content_model` (pages whose revision is not wikitext), `empty_text` (nothing left
// after conversion) and `too_short` (below min_text_chars). Issues: `record_too_large`,
// `malformed_xml`, `truncated_input`, and the decompressor's (`corrupt_bzip2` ...).
import QuarryCore
import QuarryIO

/// Reads MediaWiki XML dumps.
public struct WikipediaReader: DocumentReader {
    public struct Options: StageOptions {
        public var namespaces = [0]
        public var skipRedirects = true
        public var keepTables = false
        public var keepHeadings = true
        public var keepLists = true
        public var minTextChars = 0
        public var maxPageBytes = 8 << 20
        public var source = "wikipedia"
        public var compression = Compression.auto

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("namespaces", \.namespaces, doc: "Namespace numbers to read (0: articles; 1: Talk, 14: Category ...); pages in others are dropped as skipped_namespace."),
                .init("skip_redirects", \.skipRedirects, doc: "Drop redirect pages (skipped_redirect)."),
                .init("keep_tables", \.keepTables, doc: "Keep the text of tables, one cell per line; by default tables are dropped."),
                .init("keep_headings", \.keepHeadings, doc: "Keep section headings, each as a line of its own."),
                .init("keep_lists", \.keepLists, doc: "Keep list items (* # ;), one per line without the markers."),
                .init("min_text_chars", \.minTextChars, doc: "Pages with fewer characters of plain text than this are dropped as too_short."),
                .init("max_page_bytes", \.maxPageBytes, doc: "Longest wikitext read per page, in bytes; longer pages are set aside as record_too_large."),
                .init("source", \.source, doc: "The documents' source name."),
                .init("compression", \.compression, doc: "Compression of the files; `auto` goes by extension (.bz2, .gz, .zst)."),
            ]
        }

        public func validate() throws {
            guard maxPageBytes > 0 else { throw ConfigError("max_page_bytes must be positive") }
            guard minTextChars >= 0 else { throw ConfigError("min_text_chars must be 0 or positive") }
            guard !namespaces.isEmpty else { throw ConfigError("namespaces must list at least one namespace (0 for articles)") }
        }
    }

    public static let id: StageID = "wikipedia_v1"
    public static let summary = "Reads MediaWiki XML dumps (.xml, .xml.bz2 incl. multistream) and converts wikitext to plain text."
    public static let fileExtensions = [".xml", ".xml.bz2", ".xml.gz", ".xml.zst"]

    public let options: Options

    public init(options: Options) throws {
        try options.validate()
        self.options = options
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        let source = try options.compression.openSource(path: split.path)
        return WikipediaDumpScanner(source: source, file: split.path, name: split.name,
                                    settings: .init(namespaces: Set(options.namespaces), skipRedirects: options.skipRedirects,
                                                    maxPageBytes: options.maxPageBytes))
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        var documents: [Document] = []
        documents.reserveCapacity(raw.records.count)
        let conversion = WikitextConverter.Options(keepTables: options.keepTables, keepHeadings: options.keepHeadings,
                                                   keepLists: options.keepLists)
        var site = WikiSiteInfo()
        var converter = WikitextConverter(options: conversion)
        let namespaces = Set(options.namespaces)
        raw.bytes.withUnsafeBufferPointer { bytes in
            for record in raw.records {
                var reader = PageRecordReader(UnsafeBufferPointer(rebasing: bytes[record.range]))
                switch reader.byte().flatMap(PageRecordKind.init(rawValue:)) {
                case .site?:
                    if let info = WikiSiteInfo(&reader) {
                        site = info
                        converter = WikitextConverter(options: conversion, namespaces: WikiNamespaces(site: info))
                    }
                case .skipped?:
                    let reason = reader.byte().flatMap(SkipReason.init(rawValue:)) ?? .namespace
                    stats.drop(reason: reason.dropReason)
                case .page?:
                    guard let page = PageRecord(&reader) else { fallthrough }
                    if !namespaces.contains(page.ns) {
                        stats.drop(reason: SkipReason.namespace.dropReason)
                        continue
                    }
                    let redirect = page.redirect || WikitextConverter.isRedirect(page.text)
                    if redirect && options.skipRedirects {
                        stats.drop(reason: SkipReason.redirect.dropReason)
                        continue
                    }
                    let text = converter.convert(page.text)
                    let characters = text.utf8.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                    if characters == 0 {
                        stats.drop(reason: "empty_text")
                        continue
                    }
                    if characters < options.minTextChars {
                        stats.drop(reason: "too_short")
                        continue
                    }
                    documents.append(document(page, text: text, redirect: redirect, site: site, name: raw.name))
                case nil:
                    issues.append(InputIssue(file: raw.file, offset: record.offset, kind: "invalid_record",
                                             message: "the scanner produced a record this reader cannot read"))
                }
            }
        }
        return documents
    }

    /// The document for a converted page.
    private func document(_ page: PageRecord, text: String, redirect: Bool, site: WikiSiteInfo, name: String) -> Document {
        let wiki = site.dbname.isEmpty ? Self.stem(of: name) : site.dbname
        var metadata: JSONObject = [
            "title": .string(String(decoding: page.title, as: UTF8.self)),
            "page_id": .number(JSONNumber(Int(page.pageID))),
            "revision_id": .number(JSONNumber(Int(page.revisionID))),
            "timestamp": .string(String(decoding: page.timestamp, as: UTF8.self)),
        ]
        if let url = site.url(title: page.title) { metadata[MetadataKey.url] = .string(url) }
        if page.ns != 0 { metadata["namespace"] = .number(JSONNumber(page.ns)) }
        if redirect && !page.redirectTarget.isEmpty {
            metadata["redirect_to"] = .string(String(decoding: page.redirectTarget, as: UTF8.self))
        }
        return Document(id: "\(wiki)/\(page.pageID)", text: text, source: options.source, metadata: metadata)
    }

    /// A file name without its directory and dump extensions.
    static func stem(of name: String) -> String {
        var stem = Substring(name.split(separator: "/").last ?? Substring(name))
        for suffix in [".bz2", ".gz", ".zst", ".xml"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
        return String(stem)
    }
}
