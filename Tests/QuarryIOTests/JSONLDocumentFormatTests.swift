// Tests of the JSONL document schema (Formats/JSONLDocumentFormat.swift, DESIGN.md §4.1) and of
// JSONLReader.decode (Formats/JSONLReader.swift), which turns scanned lines into documents
// and bad lines into InputIssues.
//
// Why: this is where a corpus line becomes a Document, so a wrong id, a lost metadata key, a
// reordered key or a bad line that is not reported changes every dataset Quarry writes. The
// references are independent: Foundation's JSONSerialization reads the same line (values), a
// small raw scanner below reads the line's top-level keys and value texts in order (key order,
// number literals), and round trips check that encode and decode are inverse.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

// MARK: - Helpers

/// Decodes one line with `format`; returns the document or the error, and the counters.
func decodeLine(_ line: [UInt8], format: JSONLDocumentFormat = JSONLDocumentFormat(), defaultID: String = "default-id")
    -> (result: Result<Document, RecordError>, replacements: Int, conflicts: Int)
{
    var replacements = 0
    var conflicts = 0
    let scratch = ByteBuffer(capacity: 1024)
    let result = line.withUnsafeBufferPointer { buffer -> Result<Document, RecordError> in
        do throws(RecordError) {
            return .success(try format.decode(buffer, scratch: scratch, defaultID: defaultID,
                                              replacements: &replacements, conflicts: &conflicts))
        } catch {
            return .failure(error)
        }
    }
    return (result, replacements, conflicts)
}

func decodeLine(_ line: String, format: JSONLDocumentFormat = JSONLDocumentFormat(), defaultID: String = "default-id")
    -> (result: Result<Document, RecordError>, replacements: Int, conflicts: Int)
{
    decodeLine(Array(line.utf8), format: format, defaultID: defaultID)
}

func encodeLine(_ document: Document) -> [UInt8] {
    let out = ByteBuffer(capacity: 256)
    JSONLDocumentFormat.encode(document, to: out)
    return out.withUnsafeBytes { Array($0) }
}

/// A raw, slow reader of one JSON object's top-level members: each key (decoded by Foundation
/// from its quoted text) with the exact text of its value, in the order they appear.
func rawMembers(_ bytes: [UInt8]) -> [(key: String, raw: [UInt8])] {
    var i = 0
    func skipSpace() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
    func skipString() {   // at the opening quote
        i += 1
        while bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
        i += 1
    }
    func skipValue() {
        switch bytes[i] {
        case 0x22: skipString()
        case 0x7B, 0x5B:
            var depth = 0
            repeat {
                switch bytes[i] {
                case 0x22: skipString(); continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D: depth -= 1
                default: break
                }
                i += 1
            } while depth > 0
        default:
            while i < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }
    }
    var members: [(String, [UInt8])] = []
    skipSpace()
    precondition(bytes[i] == 0x7B)
    i += 1
    while true {
        skipSpace()
        if bytes[i] == 0x7D { break }
        let keyStart = i
        skipString()
        let key = try! JSONSerialization.jsonObject(with: Data(bytes[keyStart..<i]), options: .fragmentsAllowed) as! String
        skipSpace()
        precondition(bytes[i] == 0x3A)
        i += 1
        skipSpace()
        let valueStart = i
        skipValue()
        members.append((key, Array(bytes[valueStart..<i])))
        skipSpace()
        if bytes[i] == 0x2C { i += 1 }
    }
    return members
}

/// Keys in first-seen order, without repeats.
func uniqueKeys(_ keys: [String]) -> [String] {
    var seen = Set<String>()
    return keys.filter { seen.insert($0).inserted }
}

func sampleLines(_ name: String) throws -> [[UInt8]] {
    let bytes = try readBytes(repositoryPath("samples/jsonl/\(name)"))
    return bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
}

let sampleFiles = ["edge-cases.jsonl", "web-en.jsonl", "web-multi.jsonl"]

// MARK: - Tests

@Suite struct JSONLDocumentFormatTests {
    /// Every line of the sample corpora decodes to what Foundation reads from it, with the key
    /// order and number literals of the line itself.
    @Test(arguments: sampleFiles)
    func sampleLinesAgreeWithFoundation(_ file: String) throws {
        let lines = try sampleLines(file)
        #expect(lines.count >= 14)
        for (n, line) in lines.enumerated() {
            let context = "\(file) line \(n + 1)"
            let decoded = decodeLine(line, defaultID: "fallback-\(n)")
            guard case .success(let document) = decoded.result else {
                Issue.record("\(context): \(decoded.result)")
                continue
            }
            #expect(decoded.replacements == 0, "\(context)")
            let theirs = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], "\(context)")
            let members = rawMembers(line)
            func lastRaw(_ key: String) -> [UInt8]? { members.last { $0.key == key }?.raw }

            // id: a string's value, a number's literal text, else the default.
            switch lastRaw("id") {
            case let raw? where raw.first == 0x22: #expect(document.id == theirs["id"] as? String, "\(context)")
            case let raw? where raw != Array("null".utf8): #expect(document.id == String(decoding: raw, as: UTF8.self), "\(context)")
            default: #expect(document.id == "fallback-\(n)", "\(context)")
            }
            // text (Foundation drops U+FEFF; see JSONTestSupport.swift).
            let text = try #require(theirs["text"] as? String, "\(context)")
            #expect(withoutBOM(document.text) == withoutBOM(text), "\(context)")
            #expect(document.source == theirs["source"] as? String, "\(context)")

            // metadata: the nested object's keys, then the other top-level keys, in line order.
            let nestedRaw = lastRaw("metadata")
            let nestedKeys = nestedRaw.map { uniqueKeys(rawMembers($0).map(\.key)) } ?? []
            let extraKeys = uniqueKeys(members.map(\.key).filter { !["id", "text", "source", "metadata"].contains($0) })
                .filter { !nestedKeys.contains($0) }
            #expect(Array(document.metadata.keys) == nestedKeys + extraKeys, "\(context)")
            let nested = theirs["metadata"] as? [String: Any] ?? [:]
            for key in nestedKeys {
                let same = document.metadata[key].map { sameAsFoundation($0, nested[key] as Any) } ?? false
                #expect(same, "\(context): metadata[\(key)]")
            }
            for key in extraKeys {
                let same = document.metadata[key].map { sameAsFoundation($0, theirs[key] as Any) } ?? false
                #expect(same, "\(context): top-level \(key) in metadata")
            }
            // Number literals are kept as written.
            for (key, value) in document.metadata {
                if case .number(let number) = value, let raw = nestedRaw.flatMap({ r in rawMembers(r).last { $0.key == key }?.raw }) {
                    #expect(number.literal == String(decoding: raw, as: UTF8.self), "\(context): \(key)")
                }
            }
        }
    }

    @Test func edgeCasesInDetail() throws {
        let lines = try sampleLines("edge-cases.jsonl")
        func document(_ i: Int) throws -> Document { try decodeLine(lines[i], defaultID: "edge-cases.jsonl#x").result.get() }

        let dolma = try document(8)
        #expect(Array(dolma.metadata.keys) == ["url", "lang_hint", "added", "created", "media"])
        #expect(dolma.metadata["added"] == "2024-01-01T00:00:00Z")
        #expect(dolma.metadata["media"] == .array([]))

        let numeric = try document(9)
        #expect(numeric.id == "42")

        let unusual = try document(10)
        #expect(unusual.id == "edge-0011")
        #expect(unusual.text.hasPrefix("Keys in an unusual order"), "the key \\u0074ext is the text key")
        #expect(unusual.text.contains("Quarry. A backspace\u{8}, a form feed\u{C}, an escaped solidus / and a plain one /."))
        #expect(unusual.source == "edge-cases")
        #expect(Array(unusual.metadata.keys) == ["url", "lang_hint", "note"])
        #expect(unusual.metadata["note"] == "second")
        #expect(unusual.metadata["url"] == "https://edge.example/key-order")

        let bom = try document(11)
        #expect(bom.text.unicodeScalars.first == "\u{FEFF}", "a leading byte order mark in the text is kept")
        #expect(try document(5).text.contains("mid\u{FEFF}dle"))

        let empty = try document(12)
        #expect(empty.text == "")
        #expect(empty.source == nil, "source null is no source")

        let noID = try document(13)
        #expect(noID.id == "edge-cases.jsonl#x")
        #expect(noID.source == nil)
        #expect(Array(noID.metadata.keys) == ["url", "lang_hint", "media"])

        let nested = try document(7)
        let scores = nested.metadata["crawl"]?.objectValue?["scores"]?.objectValue
        #expect(scores?["quality"] == .number(JSONNumber(validatedLiteral: "1.0")))
        #expect(scores?["delta"] == .number(JSONNumber(validatedLiteral: "-0.5e-3")))
        #expect(scores?["bigger"] == .number(JSONNumber(validatedLiteral: "98765432109876543210")))
        #expect(scores?["neg_zero"] == .number(JSONNumber(validatedLiteral: "-0.0")))
        #expect(scores?["avogadro"] == .number(JSONNumber(validatedLiteral: "6.02E23")))
        #expect(nested.metadata[""] == "empty key")
        #expect(nested.metadata["unicode_key_日本"] == "値")

        let emoji = try document(2)
        #expect(emoji.text.contains("The same face as an escape: 😀, and a pizza 🍕."))
        let crlf = try document(1)
        #expect(crlf.text.hasPrefix("name\tcity\tvisits\r\nAgnes"))
    }

    @Test(arguments: sampleFiles)
    func encodeThenDecodeGivesTheSameDocument(_ file: String) throws {
        for (n, line) in try sampleLines(file).enumerated() {
            let document = try decodeLine(line, defaultID: "\(file)#\(n)").result.get()
            let encoded = encodeLine(document)
            #expect(encoded.last == 0x0A)
            #expect(!encoded.dropLast().contains(0x0A), "\(file) line \(n + 1): one line")
            let again = try decodeLine(Array(encoded.dropLast())).result.get()
            #expect(again == document, "\(file) line \(n + 1)")
            #expect(encodeLine(again) == encoded, "\(file) line \(n + 1): encoding is stable")
            // Foundation reads the encoded line as the same JSON.
            let theirs = try JSONSerialization.jsonObject(with: Data(encoded)) as? [String: Any]
            #expect(theirs?["id"] as? String == document.id, "\(file) line \(n + 1)")
            #expect((theirs?["text"] as? String).map(withoutBOM) == withoutBOM(document.text), "\(file) line \(n + 1)")
        }
    }

    @Test func canonicalLinesRoundTripByteForByte() throws {
        let lines = [
            #"{"id":"doc-1","text":"plain","source":"web","metadata":{}}"#,
            #"{"id":"d2","text":"quote \" backslash \\ newline \n tab \t cr \r bs \b ff \f ctl \u0001 \u001f é 字 😀 / end","source":"s","metadata":{"url":"https://x.example/a?b=c","n":1.50,"big":12345678901234567890123,"e":-2.5E-10,"a":[true,false,null,[],{}],"o":{"k":"v","":0}}}"#,
            #"{"id":"d3","text":"","metadata":{"nested":{"deep":[1,[2,[3]]]},"neg":-0}}"#,
            "{\"id\":\"d4\",\"text\":\"raw \u{7F} del, \u{2028} line separator, \u{FEFF} bom\",\"source\":\"\",\"metadata\":{\"k\":\"\u{1F600}\"}}",
        ]
        for line in lines {
            let document = try decodeLine(line).result.get()
            let encoded = encodeLine(document)
            let same = encoded == Array(line.utf8) + [0x0A]
            #expect(same, "\(line)\n→ \(String(decoding: encoded, as: UTF8.self))")
        }
    }

    @Test func badLinesHaveTheirKinds() throws {
        let cases: [(String, String)] = [
            ("", "invalid_json"),
            ("not json", "invalid_json"),
            ("[1, 2]", "invalid_json"),
            (#""text""#, "invalid_json"),
            (#"{"text": "a""#, "invalid_json"),
            (#"{"text": "a",}"#, "invalid_json"),
            (#"{"text": "a"} x"#, "invalid_json"),
            (#"{"text": "a"}{"text": "b"}"#, "invalid_json"),
            (#"{"text": "a" "b"}"#, "invalid_json"),
            (#"{text: "a"}"#, "invalid_json"),
            (#"{"text": "a\x"}"#, "invalid_json"),
            (#"{"text": "a\u12"}"#, "invalid_json"),
            ("{\"text\": \"a\tb\"}", "invalid_json"),
            (#"{"text": "a", "metadata": {"k": tru}}"#, "invalid_json"),
            (#"{}"#, "missing_text"),
            (#"{ }"#, "missing_text"),
            (#"{"id": "x", "metadata": {"text": "not here"}}"#, "missing_text"),
            (#"{"Text": "a"}"#, "missing_text"),
            (#"{"text": null}"#, "invalid_text"),
            (#"{"text": 5}"#, "invalid_text"),
            (#"{"text": ["a"]}"#, "invalid_text"),
            (#"{"text": {"a": "b"}}"#, "invalid_text"),
            (#"{"text": "a", "text": false}"#, "invalid_text"),
            (#"{"id": true, "text": "a"}"#, "invalid_id"),
            (#"{"id": ["x"], "text": "a"}"#, "invalid_id"),
            (#"{"id": {"x": 1}, "text": "a"}"#, "invalid_id"),
        ]
        for (line, kind) in cases {
            let decoded = decodeLine(line)
            switch decoded.result {
            case .success(let document): Issue.record("\(line) decoded to \(document), expected \(kind)")
            case .failure(let error):
                #expect(error.kind == kind, "\(line): \(error.message)")
                #expect(!error.message.isEmpty)
            }
        }
        // And lines that are fine although they look odd.
        let fine: [(String, Document)] = [
            (#"  {"text":"a"}  "#, Document(id: "default-id", text: "a")),
            ("{\"text\":\"a\"}\r", Document(id: "default-id", text: "a")),
            (#"{"id": null, "text": "a"}"#, Document(id: "default-id", text: "a")),
            (#"{"id": 1.50e3, "text": "a"}"#, Document(id: "1.50e3", text: "a")),
            (#"{"id": -0, "text": "a"}"#, Document(id: "-0", text: "a")),
            (#"{"text": 5, "text": "a"}"#, Document(id: "default-id", text: "a")),
            (#"{"text": "a", "source": null}"#, Document(id: "default-id", text: "a")),
            (#"{"text": "a", "source": 7}"#, Document(id: "default-id", text: "a", metadata: ["source": 7])),
            (#"{"text": "a", "metadata": null}"#, Document(id: "default-id", text: "a")),
            (#"{"text": "a", "metadata": {"x": 1}, "metadata": {"y": 2}}"#, Document(id: "default-id", text: "a", metadata: ["y": 2])),
        ]
        for (line, expected) in fine {
            #expect(try decodeLine(line).result.get() == expected, "\(line)")
        }
    }

    @Test func invalidUTF8BecomesReplacementCharactersAndIsCounted() throws {
        let badText: [UInt8] = Array("a".utf8) + [0xFF] + Array("b".utf8) + [0xC3] + Array(" c ".utf8) + [0xE2, 0x82] + Array("€".utf8)
            + [0xED, 0xA0, 0x80] + Array("z".utf8)
        let line = Array(#"{"id":"u","text":""#.utf8) + badText + Array(#"","metadata":{"k":""#.utf8) + [0x80] + Array(#""}}"#.utf8)
        let decoded = decodeLine(line)
        let document = try decoded.result.get()
        let repaired = String(decoding: badText, as: UTF8.self)   // Swift's own repair, the reference
        #expect(document.text == repaired)
        #expect(document.text == "a\u{FFFD}b\u{FFFD} c \u{FFFD}€\u{FFFD}\u{FFFD}\u{FFFD}z")
        #expect(document.metadata["k"] == "\u{FFFD}")
        #expect(decoded.replacements == 7, "six in the text, one in the metadata")
    }

    @Test func customTextAndIDKeys() throws {
        let format = JSONLDocumentFormat(textKey: "content", idKey: "doc_id")
        let decoded = decodeLine(#"{"id": "x", "doc_id": 7, "text": "other", "content": "hello", "source": "s"}"#, format: format)
        let document = try decoded.result.get()
        #expect(document.id == "7")
        #expect(document.text == "hello")
        #expect(document.source == "s")
        #expect(Array(document.metadata.keys) == ["id", "text"], "the default keys are ordinary metadata now")
        #expect(document.metadata["text"] == "other")
        // The default text key alone is not the text.
        #expect((try? decodeLine(#"{"text": "a"}"#, format: format).result.get()) == nil)
        if case .failure(let error) = decodeLine(#"{"text": "a"}"#, format: format).result {
            #expect(error.kind == "missing_text")
            #expect(error.message.contains("content"))
        }
        if case .failure(let error) = decodeLine(#"{"content": "a", "doc_id": false}"#, format: format).result {
            #expect(error.kind == "invalid_id")
        } else {
            Issue.record("a boolean doc_id is an invalid id")
        }
    }

    @Test func nestedMetadataWinsOverTopLevelKeys() throws {
        let decoded = decodeLine(#"{"text":"a","url":"top","extra":2,"metadata":{"url":"nested","k":1}}"#)
        let document = try decoded.result.get()
        #expect(Array(document.metadata.keys) == ["url", "k", "extra"])
        #expect(document.metadata["url"] == "nested")
        #expect(decoded.conflicts == 1)
    }

    /// JSON's rule for a repeated key, which the parser follows inside objects and Foundation
    /// follows too: the last value counts. Repeating a top-level key is not a conflict with
    /// nested metadata (there is none here).
    @Test func aRepeatedTopLevelKeyKeepsItsLastValue() throws {
        let line = #"{"text":"a","x":1,"y":true,"x":2}"#
        let decoded = decodeLine(line)
        let document = try decoded.result.get()
        let theirs = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect((theirs?["x"] as? NSNumber)?.intValue == 2, "Foundation's reading")
        #expect(document.metadata["x"] == 2)
        #expect(Array(document.metadata.keys) == ["x", "y"])
        #expect(decoded.conflicts == 0)
    }
}

@Suite struct JSONLReaderDecodeTests {
    @Test func badLinesBecomeIssuesWithFileOffsetAndLine() throws {
        let dir = TemporaryDirectory("quarry-jsonl")
        let longBad = "{\"text\": \"" + String(repeating: "x", count: 5000)   // unterminated, longer than a sample
        let lines: [[UInt8]] = [
            Array(#"{"id":"a","text":"one"}"#.utf8),                        // line 1
            Array("not json".utf8),                                           // line 2
            Array("   ".utf8),                                                // line 3 (blank)
            Array(#"{"id":"b"}"#.utf8),                                       // line 4
            Array(#"{"text":"bad "#.utf8) + [0xFF, 0xFE] + Array(#" utf8","source":"src"}"#.utf8),   // line 5
            Array(#"{"text":"no id, no source"}"#.utf8),                      // line 6
            Array(#"{"id":true,"text":"x"}"#.utf8),                           // line 7
            Array(#"{"text":5}"#.utf8),                                       // line 8
            Array(#"{"text":"top","url":"u","metadata":{"url":"n"}}"#.utf8), // line 9
            Array(longBad.utf8),                                              // line 10
        ]
        let data = lines.flatMap { $0 + [UInt8(0x0A)] }
        let path = try dir.write("docs.jsonl", data)
        var offsets: [Int64] = []
        var at: Int64 = 0
        for line in lines { offsets.append(at); at += Int64(line.count + 1) }

        var options = JSONLReader.Options()
        options.defaultSource = "default-src"
        let reader = try JSONLReader(options: options)
        let scanner = try reader.openScanner(InputSplit(path: path, name: "shard/docs.jsonl"))
        var documents: [Document] = []
        var issues: [InputIssue] = []
        var stats = StageStats()
        while let batch = try scanner.next() {
            documents += reader.decode(batch, stats: &stats, issues: &issues)
            issues += batch.issues
        }
        #expect(documents.map(\.id) == ["a", "shard/docs.jsonl#\(offsets[4])", "shard/docs.jsonl#\(offsets[5])", "shard/docs.jsonl#\(offsets[8])"])
        #expect(documents.map(\.text) == ["one", "bad \u{FFFD}\u{FFFD} utf8", "no id, no source", "top"])
        #expect(documents.map(\.source) == ["default-src", "src", "default-src", "default-src"])
        #expect(documents.last?.metadata == ["url": "n"])

        #expect(issues.map(\.kind) == ["invalid_json", "missing_text", "invalid_id", "invalid_text", "invalid_json"])
        #expect(issues.map(\.offset) == [offsets[1], offsets[3], offsets[6], offsets[7], offsets[9]])
        #expect(issues.map(\.line) == [2, 4, 7, 8, 10])
        #expect(issues.allSatisfy { $0.file == path && !$0.offsetIsCompressed })
        #expect(issues.map(\.length) == [1, 3, 6, 7, 9].map { Int64(lines[$0].count) })
        #expect(issues.first?.sample == lines[1])
        #expect(issues.last?.sample == Array(lines[9].prefix(4096)))

        #expect(stats.counters["invalid_utf8_documents"] == 1)
        #expect(stats.counters["invalid_utf8_replacements"] == 2)
        #expect(stats.counters["metadata_key_conflicts"] == 1)
    }

    @Test func readerOptionsChooseTheTextAndIDKeys() throws {
        let dir = TemporaryDirectory("quarry-jsonl")
        let path = try dir.write("docs.jsonl", "{\"content\":\"hi\",\"key\":12,\"text\":\"t\"}\n{\"text\":\"only text\"}\n")
        var options = JSONLReader.Options()
        options.textKey = "content"
        options.idKey = "key"
        let reader = try JSONLReader(options: options)
        let scanner = try reader.openScanner(InputSplit(path: path, name: "docs.jsonl"))
        var documents: [Document] = []
        var issues: [InputIssue] = []
        var stats = StageStats()
        while let batch = try scanner.next() { documents += reader.decode(batch, stats: &stats, issues: &issues) }
        #expect(documents == [Document(id: "12", text: "hi", metadata: ["text": "t"])])
        #expect(issues.map(\.kind) == ["missing_text"])
        #expect(issues.map(\.line) == [2])
        #expect(stats.counters.isEmpty)
    }
}
