// HTML parsing through libxml2's HTML parser (error-recovering, as browsers are): a parsed
// document as a tree of elements and text, walked without building Swift objects per node.
// The only file that imports libxml2. Main-text extraction (issue #3) builds on this.
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
