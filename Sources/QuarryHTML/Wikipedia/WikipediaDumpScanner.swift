// The sequential half of wikipedia_v1: streams a MediaWiki export dump (schema 0.10/0.11,
// https://www.mediawiki.org/xml/export-0.11.xsd) through libxml2's xmlTextReader and cuts it
// into page records (WikipediaPageRecord.swift), in batches. Pages in namespaces not asked
// for, redirects (when skipped) and non-wikitext pages become small "skipped" records, their
// text never copied; pages whose wikitext is longer than max_page_bytes become
// `record_too_large` issues. For full-history dumps the last revision of a page is kept.
//
// Damage never stops the scan. Malformed XML is an issue (`malformed_xml`, or
// `truncated_input` when the file ends inside the document) at the page it hit, with
// libxml2's line, column and message; a corrupt bzip2 stream is the decompressor's issue.
// Either way reading resumes at the next `<page>` (WikipediaDumpInput), with every page
// before the damage kept.
import QuarryCore
import QuarryIO

/// Cuts a dump into page records.
final class WikipediaDumpScanner: RecordScanner {
    struct Settings {
        var namespaces: Set<Int>
        var skipRedirects: Bool
        var maxPageBytes: Int
        /// A batch is cut once it holds this many bytes, or this many records.
        var batchBytes = 1 << 20
        var batchRecords = 1024
    }

    /// Bytes of an oversized page kept as its sample.
    static let sampleBytes = 4096

    private let input: WikipediaDumpInput
    private let file: String
    private let name: String
    private var settings: Settings
    private var xml: XMLStreamReader?
    private var finished = false
    /// Move past the current node's subtree instead of into it.
    private var skipCurrent = false

    private var site = WikiSiteInfo()
    private var siteRecord: [UInt8] = []
    private var inSiteInfo = false
    private var namespaceKey: Int?

    private var page = PageState()
    private var capture: Field?
    private var captureDepth = 0
    private var value: [UInt8] = []

    /// What the text nodes being read go into.
    private enum Field { case title, ns, pageID, revisionID, timestamp, text, model, dbname, base, namespace }

    /// The page being read.
    private struct PageState {
        var open = false
        var depth = 0
        var offset: Int64 = 0
        var title: [UInt8] = []
        var ns: Int?
        var pageID: Int64 = 0
        var redirect = false
        var redirectTarget: [UInt8] = []
        var inRevision = false
        var revisionID: Int64 = 0
        var timestamp: [UInt8] = []
        var model: [UInt8] = []
        var text: [UInt8] = []
        /// Bytes of wikitext seen (more than `text` holds when the page is too large).
        var textLength = 0
        var skip: SkipReason?
        /// Why the page is not one page (two pages run together by damage), if it is not.
        var broken: String?
        var seen: Set<String> = []

        mutating func start(depth: Int, offset: Int64) {
            open = true
            self.depth = depth
            self.offset = offset
            title.removeAll(keepingCapacity: true)
            ns = nil
            pageID = 0
            redirect = false
            redirectTarget.removeAll(keepingCapacity: true)
            inRevision = false
            skip = nil
            broken = nil
            seen.removeAll(keepingCapacity: true)
            startRevision()
        }

        mutating func startRevision() {
            revisionID = 0
            timestamp.removeAll(keepingCapacity: true)
            model.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            textLength = 0
        }
    }

    init(source: any ByteSource, file: String, name: String, settings: Settings) {
        input = WikipediaDumpInput(source: source)
        self.file = file
        self.name = name
        self.settings = settings
    }

    /// Bytes after which a batch is cut.
    var batchBytes: Int {
        get { settings.batchBytes }
        set { settings.batchBytes = newValue }
    }

    /// Nodes libxml2 holds for the current document (for tests of constant memory).
    var retainedNodeCount: Int { xml?.retainedNodeCount ?? 0 }

    func next() throws -> RawRecordBatch? {
        if finished { return nil }
        var batch = RawRecordBatch(file: file, name: name)
        batch.bytes.reserveCapacity(settings.batchBytes + settings.batchBytes / 4)
        if !siteRecord.isEmpty { appendSiteRecord(to: &batch) }
        let siteRecords = batch.records.count
        while !finished, batch.bytes.count < settings.batchBytes, batch.records.count < settings.batchRecords {
            try step(&batch)
        }
        batch.issues += input.takeIssues()
        batch.fileBytesConsumed = input.fileOffset
        if finished && batch.records.count == siteRecords && batch.issues.isEmpty { return nil }
        return batch
    }

    private func appendSiteRecord(to batch: inout RawRecordBatch) {
        let at = batch.bytes.count
        batch.bytes.append(contentsOf: siteRecord)
        batch.records.append(RawRecord(range: at..<batch.bytes.count, offset: 0, line: nil))
    }

    /// Reads one node (or handles the end of the document, or a failure).
    private func step(_ batch: inout RawRecordBatch) throws {
        let reader: XMLStreamReader
        if let xml {
            reader = xml
        } else {
            let input = self.input
            let huge = settings.maxPageBytes > 9_000_000
            do {
                reader = try XMLStreamReader(url: file, hugeTextNodes: huge) { input.read(into: $0) }
            } catch {
                throw InputError(file: file, error.message)
            }
            xml = reader
        }
        do {
            let more: Bool
            if skipCurrent {
                skipCurrent = false
                more = try reader.skipSubtree()
            } else {
                more = try reader.read()
            }
            guard more else {
                if let error = input.readError { throw error }
                if let frame = recovery?.frame, !page.open {
                    // A page read alone was fine.
                    xml = nil
                    try advanceRecovery(after: frame, &batch)
                    batch.issues += input.takeIssues()
                    return
                }
                if page.open || input.stoppedAtDamage {
                    // libxml2 saw a whole document, but it was cut short by damage.
                    try failed(XMLStreamError(message: "the document ends early", line: 0, column: 0), batch: &batch)
                } else {
                    finished = true
                }
                return
            }
            try visit(reader, &batch)
        } catch let error as XMLStreamError {
            if let error = input.readError { throw error }
            try failed(error, batch: &batch)
        }
    }

    // MARK: Nodes

    private func visit(_ reader: XMLStreamReader, _ batch: inout RawRecordBatch) throws {
        switch reader.kind {
        case .element:
            let depth = reader.depth
            if page.open {
                pageElement(reader, depth: depth - page.depth)
            } else if reader.nameIs("page") {
                let offset = input.nextPageStart() ?? input.streamOffset(consumed: reader.bytesConsumed)
                page.start(depth: depth, offset: offset)
                input.pin(offset)
                if reader.isEmptyElement { finishPage(&batch) }
            } else if reader.nameIs("siteinfo") {
                inSiteInfo = !reader.isEmptyElement
            } else if inSiteInfo {
                if reader.nameIs("dbname") {
                    startCapture(.dbname, reader)
                } else if reader.nameIs("base") {
                    startCapture(.base, reader)
                } else if reader.nameIs("namespace") {
                    namespaceKey = reader.attribute("key").flatMap { Int($0) }
                    startCapture(.namespace, reader)
                }
            }
        case .text:
            guard let field = capture, reader.depth == captureDepth + 1 else { return }
            reader.withValue { bytes in
                if field == .text {
                    page.textLength += bytes.count
                    let room = settings.maxPageBytes - page.text.count
                    if room >= bytes.count {
                        page.text.append(contentsOf: bytes)
                    } else if page.text.count < Self.sampleBytes {
                        page.text.append(contentsOf: bytes.prefix(Self.sampleBytes - page.text.count))
                    }
                } else if value.count < 4096 {
                    value.append(contentsOf: bytes.prefix(4096 - value.count))
                }
            }
        case .endElement:
            if let field = capture, reader.depth == captureDepth {
                capture = nil
                endCapture(field)
            }
            if page.open {
                if reader.depth == page.depth {
                    finishPage(&batch)
                } else if reader.depth == page.depth + 1, page.inRevision, reader.nameIs("revision") {
                    page.inRevision = false
                }
            } else if inSiteInfo, reader.depth <= 1, reader.nameIs("siteinfo") {
                inSiteInfo = false
                siteRecord.removeAll()
                PageRecordWriter.site(site, into: &siteRecord)
                if batch.records.isEmpty { appendSiteRecord(to: &batch) }
            }
        case .other:
            break
        }
    }

    /// An element inside a page, `level` below it.
    private func pageElement(_ reader: XMLStreamReader, depth level: Int) {
        if level == 1 {
            for name in ["title", "ns", "id"] as [StaticString] where reader.nameIs(name) {
                // A page holds one of each: two mean two pages ran together (bytes lost between).
                if !page.seen.insert(name.description).inserted && page.broken == nil {
                    page.broken = "page '\(String(decoding: page.title, as: UTF8.self))' has two <\(name)> elements (damage joined two pages)"
                }
            }
            if reader.nameIs("title") {
                startCapture(.title, reader)
            } else if reader.nameIs("ns") {
                startCapture(.ns, reader)
            } else if reader.nameIs("id") {
                startCapture(.pageID, reader)
            } else if reader.nameIs("redirect") {
                page.redirect = true
                page.redirectTarget = Array((reader.attribute("title") ?? "").utf8)
            } else if reader.nameIs("revision") {
                if page.skip == nil {
                    if let ns = page.ns, !settings.namespaces.contains(ns) {
                        page.skip = .namespace
                    } else if page.redirect && settings.skipRedirects {
                        page.skip = .redirect
                    }
                }
                if page.skip != nil {
                    skipCurrent = !reader.isEmptyElement
                } else {
                    page.inRevision = !reader.isEmptyElement
                    page.startRevision()
                }
            }
        } else if level == 2 && page.inRevision {
            if reader.nameIs("text") {
                if reader.attribute("deleted") == nil { startCapture(.text, reader) }
            } else if reader.nameIs("id") {
                startCapture(.revisionID, reader)
            } else if reader.nameIs("timestamp") {
                startCapture(.timestamp, reader)
            } else if reader.nameIs("model") {
                startCapture(.model, reader)
            }
        }
    }

    private func startCapture(_ field: Field, _ reader: XMLStreamReader) {
        guard !reader.isEmptyElement else { return }
        capture = field
        captureDepth = reader.depth
        value.removeAll(keepingCapacity: true)
    }

    private func endCapture(_ field: Field) {
        switch field {
        case .title: page.title = value
        case .ns: page.ns = Int(decimal: value)
        case .pageID: page.pageID = Int64(Int(decimal: value) ?? 0)
        case .revisionID: page.revisionID = Int64(Int(decimal: value) ?? 0)
        case .timestamp: page.timestamp = value
        case .model: page.model = value
        case .text: break
        case .dbname: site.dbname = String(decoding: value, as: UTF8.self)
        case .base: site.base = String(decoding: value, as: UTF8.self)
        case .namespace:
            if let key = namespaceKey { site.namespaces.append((key, String(decoding: value, as: UTF8.self))) }
        }
    }

    /// Writes the record (or issue) of the page that just ended.
    private func finishPage(_ batch: inout RawRecordBatch) {
        closePage()
        capture = nil
        let ns = page.ns ?? 0
        if page.skip == nil {
            if !settings.namespaces.contains(ns) {
                page.skip = .namespace
            } else if page.redirect && settings.skipRedirects {
                page.skip = .redirect
            } else if !page.model.isEmpty && page.model != Array("wikitext".utf8) {
                page.skip = .contentModel
            }
        }
        if page.broken == nil && !(page.seen.contains("title") && page.seen.contains("id")) {
            page.broken = "a page without <title> or <id> (damage cut it)"
        }
        let at = batch.bytes.count
        if let broken = page.broken {
            batch.issues.append(InputIssue(file: file, offset: page.offset, kind: "malformed_xml", message: broken + "; the page is dropped"))
            return
        }
        if let reason = page.skip {
            PageRecordWriter.skipped(reason, ns: ns, pageID: page.pageID, title: page.title, into: &batch.bytes)
        } else if page.textLength > settings.maxPageBytes {
            let title = String(decoding: page.title, as: UTF8.self)
            batch.issues.append(InputIssue(file: file, offset: page.offset, kind: "record_too_large",
                message: "page '\(title)' (id \(page.pageID)) has \(page.textLength) bytes of wikitext, more than max_page_bytes (\(settings.maxPageBytes))",
                sample: Array(page.text.prefix(Self.sampleBytes)), length: Int64(page.textLength)))
            return
        } else {
            PageRecordWriter.page(redirect: page.redirect, ns: ns, pageID: page.pageID, revisionID: page.revisionID,
                                  title: page.title, timestamp: page.timestamp, redirectTarget: page.redirectTarget,
                                  text: page.text, into: &batch.bytes)
        }
        batch.records.append(RawRecord(range: at..<batch.bytes.count, offset: page.offset, line: nil))
    }

    // MARK: Damage

    /// Malformed XML found while streaming: the pages from the one it was found in up to the
    /// error are read again one at a time (WikipediaDumpInput frames them), so the error
    /// costs the page it is in and no other. (libxml2's reader stops without delivering the
    /// nodes it parsed in the same push as the error, so the page before can look unfinished.)
    private struct Recovery {
        var error: XMLStreamError
        var errorOffset: Int64
        var truncated: Bool
        /// libxml2's line, when it is a line of the file (the first stretch of the dump).
        var line: Int64?
        /// The title of the page open when the error was found, and where that page starts.
        var title: String?
        var titledPage: Int64?
        /// Where the stretch the error was found in starts.
        var stretchStart: Int64
        /// The page being read alone.
        var frame: Int64 = 0
        var reported = false
    }

    private var recovery: Recovery?

    /// The reader stopped on malformed XML or at damage: report it and go on with the next page.
    private func failed(_ error: XMLStreamError, batch: inout RawRecordBatch) throws {
        let consumed = xml?.bytesConsumed ?? 0
        xml = nil
        capture = nil
        skipCurrent = false
        defer { batch.issues += input.takeIssues() }
        let errorOffset = input.offset(line: error.line, column: error.column) ?? input.streamOffset(consumed: consumed)
        let title = page.open && !page.title.isEmpty ? String(decoding: page.title, as: UTF8.self) : nil
        let open = page.open ? page.offset : nil
        closePage()

        if var r = recovery {
            // A page read alone is malformed: the error is in it.
            let original = r.errorOffset >= r.frame
            r.reported = true
            recovery = r
            report(r, error: original ? r.error : error, line: original ? r.line : nil, truncated: r.truncated && original,
                   page: r.frame, title: title ?? (r.titledPage == r.frame ? r.title : nil), into: &batch)
            try advanceRecovery(after: r.frame, &batch)
            return
        }
        if input.stoppedAtDamage {
            // The decompressor reported the damage; say which page it cost.
            if let open { input.annotateLastIssue(lostNote(open, title)) }
            if try !input.startStreaming(after: nil) { finished = true }
            return
        }
        let truncated = input.handedEverything && (error.code == 77 || errorOffset + 64 >= input.endOffset)
        var r = Recovery(error: error, errorOffset: errorOffset, truncated: truncated,
                         line: input.resumptions == 0 && error.line > 0 ? Int64(error.line) : nil, title: title,
                         titledPage: open, stretchStart: input.segmentStart)
        // The page the error is in: the open one, or one whose start tag libxml2 parsed but
        // did not deliver.
        let unfinished = open ?? input.peekPageStart().flatMap { $0 <= errorOffset ? $0 : nil }
        guard let start = unfinished else {
            // Between pages (or in the header).
            if try !input.startStreaming(after: errorOffset) { finished = true }
            if !input.crossedDamage { report(r, error: error, line: r.line, truncated: truncated, page: nil, title: nil, into: &batch) }
            return
        }
        switch try input.startFramed(at: start) {
        case .framed:
            r.frame = start
            recovery = r
        case .incomplete where input.damageAhead:
            // Damage cuts the page: the decompressor's issue explains the error.
            input.annotateLastIssue(lostNote(start, title))
            if try !input.startStreaming(after: nil) { finished = true }
        case .incomplete, .unavailable:
            report(r, error: error, line: r.line, truncated: truncated, page: start, title: title, into: &batch)
            if try !input.startStreaming(after: max(errorOffset, start + 1)) { finished = true }
        }
    }

    /// After the page read alone at `frame`: the next page alone while the error is ahead,
    /// then streaming again.
    private func advanceRecovery(after frame: Int64, _ batch: inout RawRecordBatch) throws {
        guard var r = recovery else { return }
        guard try input.startStreaming(after: frame + 1) else {
            recovery = nil
            finished = true
            if !r.reported && !input.crossedDamage {
                report(r, error: r.error, line: r.line, truncated: r.truncated, page: nil, title: nil, into: &batch)
            }
            return
        }
        if input.crossedDamage {
            recovery = nil          // damage explains the error
            return
        }
        let next = input.segmentStart
        guard next <= r.errorOffset else {
            // Past the error, which was between pages if no page read alone failed.
            recovery = nil
            if !r.reported { report(r, error: r.error, line: r.line, truncated: r.truncated, page: nil, title: nil, into: &batch) }
            return
        }
        switch try input.startFramed(at: next) {
        case .framed:
            r.frame = next
            recovery = r
        case .incomplete where input.damageAhead:
            recovery = nil
            input.annotateLastIssue(lostNote(next, nil))
            if try !input.startStreaming(after: nil) { finished = true }
        case .incomplete, .unavailable:
            recovery = nil
            report(r, error: r.error, line: r.line, truncated: r.truncated, page: next, title: nil, into: &batch)
            if try !input.startStreaming(after: max(r.errorOffset, next + 1)) { finished = true }
        }
    }

    private func lostNote(_ offset: Int64, _ title: String?) -> String {
        "; the page \(title.map { "'\($0)' " } ?? "")starting at byte \(offset) is lost"
    }

    /// An issue for malformed XML (or a file that ends inside the document), at a page or,
    /// when no page is lost, at the error.
    private func report(_ r: Recovery, error: XMLStreamError, line: Int64?, truncated: Bool, page: Int64?, title: String?,
                        into batch: inout RawRecordBatch) {
        var place = "line \(error.line), column \(error.column)"
        if line == nil {
            place += error.line == r.error.line && error.column == r.error.column && error.message == r.error.message
                ? " of the part read from byte \(r.stretchStart)" : " of the page read alone"
        }
        // (libxml2's message for a file that ends early is "Extra content at the end of the
        // document", which misleads: say what happened.)
        let what = truncated ? "the file ends inside the XML document" : "malformed XML"
        let detail = truncated ? place : "\(place): \(error.message)"
        let outcome: String
        if let page {
            outcome = "; the page \(title.map { "'\($0)' " } ?? "")starting at byte \(page) is dropped"
        } else {
            outcome = truncated ? "" : "; no page lost"
        }
        batch.issues.append(InputIssue(file: file, offset: page ?? r.errorOffset, line: line,
                                       kind: truncated ? "truncated_input" : "malformed_xml",
                                       message: "\(what) (\(detail))\(outcome)"))
    }

    private func closePage() {
        page.open = false
        page.inRevision = false
        input.pin(nil)
    }
}

extension Int {
    /// A decimal integer from ASCII digits (an optional minus sign), surrounding spaces allowed.
    init?(decimal bytes: [UInt8]) {
        var i = 0
        var end = bytes.count
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 { i += 1 }
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x09 { end -= 1 }
        var negative = false
        if i < end, bytes[i] == 0x2D { negative = true; i += 1 }
        guard i < end, end - i <= 18 else { return nil }
        var value = 0
        while i < end {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            i += 1
        }
        self = negative ? -value : value
    }
}
