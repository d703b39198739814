// Everything Quarry asks of libxml2, in the one file that imports it: HTML parsing
// (error-recovering, as browsers are) as a tree of elements and text walked without building
// Swift objects per node; streaming HTML parsing through the SAX interface, elements and text
// handed to a receiver as they are parsed with no tree built (about twice as fast, what
// main-text extraction uses); and a pull reader over XML streams (Wikipedia dumps).
@preconcurrency internal import CLibXML2

/// A node kind the walk reports.
public enum HTMLNodeEvent {
    /// An element starts (lower-case tag name).
    case open(String)
    /// An element ends.
    case close(String)
    /// Text content (entities decoded, UTF-8).
    case text(String)
}

/// A parsed HTML document.
public final class HTMLDocument {
    private let document: htmlDocPtr

    /// Parses HTML bytes. `encoding` is the charset from the HTTP header or the caller (nil
    /// lets libxml2 look at the document's own declaration).
    public init(parsing bytes: [UInt8], encoding: String? = nil) throws {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(min($0.count, Int(Int32.max))), "document.html", encoding, options)
            }
        }
        guard let parsed else { throw HTMLParseError(message: "libxml2 could not parse the document") }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// Walks the document in order, calling `visit` for each element start and end and each
    /// text node. Returning false from `visit` on an `.open` skips that element's content.
    public func walk(_ visit: (HTMLNodeEvent) -> Bool) {
        guard let root = xmlDocGetRootElement(document) else { return }
        walk(root, visit)
    }

    private func walk(_ first: xmlNodePtr, _ visit: (HTMLNodeEvent) -> Bool) {
        var node: xmlNodePtr? = first
        while let current = node {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                if visit(.open(name)), let child = current.pointee.children { walk(child, visit) }
                _ = visit(.close(name))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { _ = visit(.text(String(cString: content))) }
            default:
                break
            }
            node = current.pointee.next
        }
    }

    /// The text of `<title>`, whitespace collapsed.
    public var title: String? {
        var inTitle = false
        var text = ""
        walk { event in
            switch event {
            case .open(let name): if name == "title" { inTitle = true }
            case .close(let name): if name == "title" { inTitle = false }
            case .text(let t): if inTitle { text += t }
            }
            return true
        }
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}

/// libxml2 could not produce a document at all.
public struct HTMLParseError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

// MARK: - XML stream reading

/// Called once before any parser runs: libxml2's global initialisation is not safe to race.
private let libxml2Initialized: Void = xmlInitParser()

/// A pull reader over a stream of XML (libxml2's xmlTextReader): one node at a time, in
/// constant memory, whatever the document's size. libxml2 frees each subtree once the reader
/// has moved past it. Bytes come from a closure, called with a buffer to fill, that returns
/// how many bytes it wrote, 0 at the end of the input or -1 for an I/O error. Malformed XML
/// stops the reader with an `XMLStreamError` giving libxml2's message, line and column.
/// One thread at a time.
public final class XMLStreamReader {
    /// What the reader is on.
    public enum NodeKind: Equatable, Sendable {
        case element
        case endElement
        /// Character data: text, CDATA, or whitespace (significant or not).
        case text
        /// Comments, processing instructions, the document type ...
        case other
    }

    /// Bytes handed to libxml2, through the read callback's context pointer.
    private final class Input {
        let read: (UnsafeMutableRawBufferPointer) -> Int
        init(read: @escaping (UnsafeMutableRawBufferPointer) -> Int) { self.read = read }
    }

    /// The first error libxml2 reported, through the error handler's context pointer.
    private final class ErrorSink {
        var first: XMLStreamError?
    }

    private let reader: xmlTextReaderPtr
    private let input: Input
    private let errors = ErrorSink()
    public private(set) var kind: NodeKind = .other
    /// Depth of the current node (the root element is at 0).
    public private(set) var depth = 0
    /// True on an element written `<name/>`, which has no end element.
    public private(set) var isEmptyElement = false

    /// - Parameters:
    ///   - url: names the document in libxml2's messages.
    ///   - hugeTextNodes: lifts libxml2's limit of 10,000,000 bytes per text node (up to 1 GB).
    ///   - read: fills a buffer with the next bytes of the document (see the type's comment).
    public init(url: String, hugeTextNodes: Bool = false, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) throws(XMLStreamError) {
        _ = libxml2Initialized
        input = Input(read: read)
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
        if hugeTextNodes { options |= XML_PARSE_HUGE.rawValue }
        let context = Unmanaged.passUnretained(input).toOpaque()
        let created = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            let input = Unmanaged<Input>.fromOpaque(context).takeUnretainedValue()
            return Int32(clamping: input.read(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        }, nil, context, url, "UTF-8", Int32(options))
        guard let created else { throw XMLStreamError(message: "libxml2 could not create an XML reader", line: 0, column: 0) }
        reader = created
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
            guard sink.first == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            sink.first = XMLStreamError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2),
                                        code: Int(error.pointee.code))
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node: true when there is one, false at the end of the document.
    public func read() throws(XMLStreamError) -> Bool {
        try settle(xmlTextReaderRead(reader))
    }

    /// Moves past the current node's subtree to the next node that is not inside it.
    public func skipSubtree() throws(XMLStreamError) -> Bool {
        try settle(xmlTextReaderNext(reader))
    }

    private func settle(_ status: Int32) throws(XMLStreamError) -> Bool {
        if status == 1 {
            if let error = errors.first { throw error }
            switch UInt32(bitPattern: xmlTextReaderNodeType(reader)) {
            case XML_READER_TYPE_ELEMENT.rawValue: kind = .element
            case XML_READER_TYPE_END_ELEMENT.rawValue: kind = .endElement
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue, XML_READER_TYPE_WHITESPACE.rawValue,
                 XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue: kind = .text
            default: kind = .other
            }
            depth = Int(xmlTextReaderDepth(reader))
            isEmptyElement = kind == .element && xmlTextReaderIsEmptyElement(reader) == 1
            return true
        }
        if let error = errors.first { throw error }
        if status == 0 { return false }
        throw XMLStreamError(message: "the XML reader failed", line: 0, column: 0)
    }

    /// Whether the current node's local name (namespace prefix left out) is `name`.
    public func nameIs(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        let count = name.utf8CodeUnitCount
        let expected = name.utf8Start
        for i in 0..<count where local[i] != expected[i] { return false }   // stops at a shorter name's NUL
        return local[count] == 0
    }

    /// The current node's local name.
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    /// The value of an attribute of the current element, if it has it.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// Calls `body` with the current node's value (the text of a text node) as UTF-8 bytes,
    /// valid only during the call. Empty for nodes without a value.
    public func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let value = xmlTextReaderConstValue(reader) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
    }

    /// Bytes of input the parser has consumed (it reads ahead of the current node).
    public var bytesConsumed: Int64 { Int64(xmlTextReaderByteConsumed(reader)) }

    /// Nodes libxml2 currently holds in memory for this document (a test of streaming: it
    /// stays small however long the document is).
    public var retainedNodeCount: Int {
        guard let document = xmlTextReaderCurrentDoc(reader), let root = xmlDocGetRootElement(document) else { return 0 }
        var count = 0
        var node: xmlNodePtr? = root
        // Iterative pre-order walk: children, then next siblings, then up.
        while let current = node {
            count += 1
            if let child = current.pointee.children {
                node = child
                continue
            }
            var up: xmlNodePtr? = current
            node = nil
            while let u = up {
                if let next = u.pointee.next { node = next; break }
                up = u.pointee.parent
                if up == nil || up?.pointee.type == XML_DOCUMENT_NODE { break }
            }
        }
        return count
    }
}

/// Malformed XML, or an input that failed, as libxml2 reported it.
public struct XMLStreamError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column of the error in the bytes the reader was given.
    public var line: Int
    public var column: Int
    /// libxml2's error number (xmlParserErrors), 0 when not from the parser.
    public var code: Int = 0

    public var description: String { "line \(line), column \(column): \(message)" }
}

// MARK: - Streaming HTML (SAX)
// The input is UTF-8 already (decoded by the reader); the document's own charset declaration
// is ignored. libxml2 recovers from broken markup and balances every start with an end.

/// Receives parse events; subclass it. Names are lower-case, NUL-terminated UTF-8. (A class,
/// not a protocol, so each callback is one method call with no dynamic cast.)
open class HTMLSAXReceiver {
    public init() {}
    /// An element starts; `attributes` holds its name/value pairs in order.
    open func startElement(_ name: UnsafePointer<UInt8>, attributes: HTMLAttributes) {}
    open func endElement(_ name: UnsafePointer<UInt8>) {}
    /// Text (entities decoded).
    open func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// The attributes of a start tag, as libxml2 passes them: a NULL-terminated list of name, value.
public struct HTMLAttributes {
    let list: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    /// Calls `body` with each attribute's name and value (empty when absent).
    public func forEach(_ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>?) -> Void) {
        guard var p = list else { return }
        while let name = p.pointee {
            body(name, p[1])
            p += 2
        }
    }
}

public enum HTMLSAXParser {
    /// Parses `bytes` (UTF-8) and reports to `handler`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, handler: HTMLSAXReceiver) {
        var sax = htmlSAXHandler()
        sax.startElement = { context, name, attributes in
            guard let context, let name else { return }
            let handler = Unmanaged<HTMLSAXReceiver>.fromOpaque(context).takeUnretainedValue()
            handler.startElement(name, attributes: HTMLAttributes(list: attributes))
        }
        sax.endElement = { context, name in
            guard let context, let name else { return }
            let handler = Unmanaged<HTMLSAXReceiver>.fromOpaque(context).takeUnretainedValue()
            handler.endElement(name)
        }
        let text: charactersSAXFunc = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            let handler = Unmanaged<HTMLSAXReceiver>.fromOpaque(context).takeUnretainedValue()
            handler.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        sax.characters = text
        sax.cdataBlock = text
        let box = Unmanaged.passUnretained(handler)
        withExtendedLifetime(handler) {
            guard let context = htmlCreatePushParserCtxt(&sax, box.toOpaque(), nil, 0, nil, XML_CHAR_ENCODING_UTF8) else { return }
            htmlCtxtUseOptions(context, Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue))
            var start = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var remaining = bytes.count
            // Fed in pieces of at most 1 MiB (libxml2 takes an Int32 length).
            while remaining > 0, let chunk = start {
                let n = min(remaining, 1 << 20)
                htmlParseChunk(context, chunk, Int32(n), 0)
                start = chunk + n
                remaining -= n
            }
            htmlParseChunk(context, nil, 0, 1)
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            htmlFreeParserCtxt(context)
        }
    }
}
