// A text no stage changed is written back with the escapes it was read with (no second
// encoding); any change, and any repair of invalid input, makes the writer encode it anew.
import QuarryCore
import QuarryIO
import Testing

@Suite struct EncodedTextTests {
    let format = JSONLDocumentFormat()

    func decode(_ line: String) throws -> Document {
        var replacements = 0, conflicts = 0
        return try Array(line.utf8).withUnsafeBufferPointer {
            try format.decode($0, scratch: ByteBuffer(), defaultID: "x", replacements: &replacements, conflicts: &conflicts)
        }
    }

    func encode(_ document: Document) -> String {
        let out = ByteBuffer()
        JSONLDocumentFormat.encode(document, to: out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test func unchangedTextKeepsItsEscapes() throws {
        let line = #"{"id":"a","text":"caf\u00e9 \/ long enough to be kept \"as is\"","metadata":{}}"#
        let document = try decode(line)
        #expect(document.text == #"café / long enough to be kept "as is""#)
        #expect(document.encodedText != nil)
        #expect(encode(document) == line + "\n")
    }

    @Test func aChangedTextIsEncodedAgain() throws {
        var document = try decode(#"{"id":"a","text":"caf\u00e9 and a text long enough to be kept","metadata":{}}"#)
        document.text.append("!")
        #expect(encode(document).contains(#""text":"café and a text long enough to be kept!""#))
        var replaced = try decode(#"{"id":"a","text":"caf\u00e9 and a text long enough to be kept","metadata":{}}"#)
        replaced.text = String(decoding: Array(replaced.text.utf8), as: UTF8.self)  // equal text, new string
        #expect(encode(replaced).contains(#""text":"café and a text long enough to be kept""#))
        let copy = Document(id: replaced.id, text: "café and a text long enough to be kept", encodedText: replaced.encodedText)
        #expect(encode(copy).contains(#""text":"café and a text long enough to be kept""#))
    }

    @Test func repairedTextIsNeverCopiedBack() throws {
        let document = try decode(#"{"id":"a","text":"lone \ud800 surrogate in a long enough text","metadata":{}}"#)
        #expect(document.text == "lone \u{FFFD} surrogate in a long enough text")
        #expect(document.encodedText == nil)
        #expect(encode(document).contains("lone \u{FFFD} surrogate"))
    }

    @Test func equalityIgnoresTheEncodedForm() throws {
        let a = try decode(#"{"id":"a","text":"caf\u00e9 and a text long enough to be kept"}"#)
        let b = Document(id: "a", text: "café and a text long enough to be kept")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }
}
