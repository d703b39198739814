// The JSONL document schema (DESIGN.md §4.1): one object per line,
// {"id": "...", "text": "...", "source": "...", "metadata": {...}}. Reading also takes the
// datatrove and Dolma spellings: other top-level keys (`added`, `created`, `media`, `url` ...)
// are kept in metadata after the nested metadata's own keys, as datatrove's JsonlReader
// adapter does, and the text and id keys are configurable. A text no stage changed is written
// back with the escapes it was read with (Document.encodedText), not encoded again.
import QuarryCore

/// Why a line is not a document.
public struct RecordError: Error, Sendable, Equatable {
    /// snake_case kind, used as the drop reason: `invalid_json`, `missing_text`, `invalid_text`, `invalid_id`.
    public var kind: String
    public var message: String
}

/// Reads and writes documents as JSON objects.
public struct JSONLDocumentFormat: Sendable {
    public var textKey: String
    public var idKey: String

    public init(textKey: String = "text", idKey: String = "id") {
        self.textKey = textKey
        self.idKey = idKey
    }

    /// Decodes one JSON object. `replacements` grows by the number of U+FFFD put in place of
    /// invalid UTF-8; `conflicts` by top-level keys dropped because nested metadata has them.
    /// - Parameter backing: the array `line` points into and the line's offset in it; the
    ///   document's `encodedText` is then a slice of it rather than a copy.
    public func decode(_ line: UnsafeBufferPointer<UInt8>, scratch: ByteBuffer, defaultID: @autoclosure () -> String,
                       replacements: inout Int, conflicts: inout Int,
                       backing: (bytes: [UInt8], offset: Int)? = nil) throws(RecordError) -> Document {
        var parser = JSONParser(line, scratch: scratch)
        var id: String?
        var text: String?
        var encodedText: EncodedText?
        var textProblem: String?
        var source: String?
        var metadata: JSONObject?
        var extras = JSONObject()  // other top-level keys; a repeated key keeps its last value
        do {
            parser.skipWhitespace()
            guard parser.p < parser.end, parser.p.pointee == 0x7B else {
                throw parser.error("a document must be a JSON object")
            }
            parser.p += 1
            parser.skipWhitespace()
            var empty = parser.p < parser.end && parser.p.pointee == 0x7D
            if empty { parser.p += 1 }
            while !empty {
                let key = try parser.parseKey()
                if key == textKey {
                    parser.skipWhitespace()
                    if parser.p < parser.end, parser.p.pointee == 0x22 {
                        parser.p += 1
                        let start = parser.p, replacementsBefore = parser.replacements
                        let decoded = try parser.parseStringBody()
                        text = decoded
                        // Keep the escaped form for the writer, unless decoding had to repair it.
                        if parser.replacements == replacementsBefore && decoded.utf8.count > 15 {
                            let range = (start - parser.start)..<(parser.p - 1 - parser.start)
                            let bytes = backing.map { $0.bytes[($0.offset + range.lowerBound)..<($0.offset + range.upperBound)] }
                                ?? ArraySlice(UnsafeBufferPointer(rebasing: line[range]))
                            encodedText = EncodedText(bytes: bytes, text: decoded)
                        } else {
                            encodedText = nil
                        }
                        textProblem = nil
                    } else {
                        let value = try parser.parseValue()
                        text = nil
                        textProblem = "'\(textKey)' is \(typeName(value)), not a string"
                    }
                } else {
                    let value = try parser.parseValue()
                    switch (key, value) {
                    case (idKey, .string(let s)): id = s
                    case (idKey, .number(let n)): id = n.literal
                    case (idKey, .null): id = nil
                    case (idKey, _):
                        throw RecordError(kind: "invalid_id", message: "'\(idKey)' is \(typeName(value)), not a string or number")
                    case ("source", .string(let s)): source = s
                    case ("source", .null): source = nil
                    case ("metadata", .object(let o)): metadata = o
                    case ("metadata", .null): metadata = nil
                    default: extras[key] = value
                    }
                }
                parser.skipWhitespace()
                guard parser.p < parser.end else { throw parser.error("unterminated object") }
                let c = parser.p.pointee
                parser.p += 1
                if c == 0x7D { empty = true } else if c != 0x2C {
                    parser.p -= 1
                    throw parser.error("expected ',' or '}' in object, found '\(printable(c))'")
                }
            }
            guard parser.atEnd() else { throw parser.error("unexpected characters after the document's object") }
        } catch let error as JSONSyntaxError {
            throw RecordError(kind: "invalid_json", message: error.description)
        } catch let error as RecordError {
            throw error
        } catch {
            throw RecordError(kind: "invalid_json", message: "\(error)")
        }
        replacements += parser.replacements
        if let textProblem { throw RecordError(kind: "invalid_text", message: textProblem) }
        guard let text else { throw RecordError(kind: "missing_text", message: "no '\(textKey)' key") }
        var merged = metadata ?? JSONObject()
        for (key, value) in extras {
            if merged[key] == nil { merged[key] = value } else { conflicts += 1 }
        }
        return Document(id: id ?? defaultID(), text: text, source: source, metadata: merged, encodedText: encodedText)
    }

    /// Appends a document as one line of JSON (with its newline).
    public static func encode(_ document: Document, to out: ByteBuffer) {
        out.append("{\"id\":" as StaticString)
        JSONWriter.writeString(document.id, to: out)
        out.append(",\"text\":" as StaticString)
        if let encoded = document.encodedText, encoded.spells(document.text) {
            out.append(0x22)
            encoded.bytes.withUnsafeBytes { out.append($0) }
            out.append(0x22)
        } else {
            JSONWriter.writeString(document.text, to: out)
        }
        if let source = document.source {
            out.append(",\"source\":" as StaticString)
            JSONWriter.writeString(source, to: out)
        }
        out.append(",\"metadata\":" as StaticString)
        JSONWriter.writeObject(document.metadata, to: out)
        out.append("}\n" as StaticString)
    }
}

func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
}
