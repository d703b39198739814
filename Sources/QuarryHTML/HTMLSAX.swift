// Streaming HTML parsing through libxml2's SAX interface: elements and text are handed to a
// Swift handler as they are parsed, with no tree built (about twice as fast as building one).
// The input is UTF-8 already (decoded by the reader); the document's own charset declaration
// is ignored. libxml2 recovers from broken markup and balances every start with an end.
// TODO(merge): this moves into LibXML2.swift, the owner of libxml2, when that file is free.
@preconcurrency internal import CLibXML2

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
