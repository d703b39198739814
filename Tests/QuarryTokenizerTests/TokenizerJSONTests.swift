// TokenizerJSON: files saved by tokenizers 0.23.3 are read into the expected definitions and
// written back byte for byte; legacy "a b" merges; unsupported features are refused with an
// error naming the file; malformed JSON reports a byte offset.
import Testing
import QuarryCore
@testable import QuarryTokenizer

@Suite struct TokenizerJSONTests {
    static func text(_ config: String) throws -> String {
        String(decoding: try GoldenTokenizerFixtures.tokenizerJSON(config), as: UTF8.self)
    }

    @Test(arguments: ["gpt2", "gpt2_nfkc"])
    func writerReproducesTokenizersFile(config: String) throws {
        let bytes = try GoldenTokenizerFixtures.tokenizerJSON(config)
        let definition = try TokenizerJSON.read(bytes, path: "t.json")
        let written = TokenizerJSON.write(definition)
        let firstDifference = zip(written, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, bytes.count)
        #expect(written == bytes, "first difference at byte \(firstDifference)")
    }

    /// Llama-3 and Qwen2 shapes carry details the definition does not keep (the ByteLevel
    /// post-processor of Llama-3, Qwen2's trim_offsets false): reading the written file gives
    /// the same definition and the same ids.
    @Test(arguments: GoldenTokenizerFixtures.configs)
    func writeThenReadKeepsDefinition(config: String) throws {
        let definition = try TokenizerJSON.read(try GoldenTokenizerFixtures.tokenizerJSON(config), path: "t.json")
        let again = try TokenizerJSON.read(TokenizerJSON.write(definition), path: "t2.json")
        #expect(again == definition)
    }

    @Test func readsTheConfigurations() throws {
        let gpt2 = try GoldenTokenizerFixtures.tokenizer("gpt2").definition
        #expect(gpt2.preTokenization == PreTokenization(split: .gpt2))
        #expect(gpt2.normalizer == nil && !gpt2.ignoreMerges && gpt2.postProcessor == nil)
        #expect(gpt2.vocabulary.count == 32000 && gpt2.merges.count == 32000 - 259)
        #expect(gpt2.addedTokens.map(\.content) == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
        #expect(gpt2.addedTokens.allSatisfy { $0.special && !$0.normalized })
        #expect(Array(gpt2.vocabulary.bytes(of: 3)) == Array("!".utf8))

        let llama = try GoldenTokenizerFixtures.tokenizer("llama3").definition
        #expect(llama.preTokenization == PreTokenization(split: .llama3, splitInsideByteLevel: false))
        #expect(llama.ignoreMerges)
        let bos = try #require(llama.addedTokens.first { $0.content == "<|begin_of_text|>" })
        #expect(llama.postProcessor == PostProcessorTemplate(prefix: [bos.id]))
        let mask = try #require(llama.addedTokens.first { $0.content == "<mask>" })
        #expect(mask.lstrip && !mask.rstrip && mask.special)
        #expect(llama.addedTokens.first { $0.content == "foo" }?.singleWord == true)

        let qwen = try GoldenTokenizerFixtures.tokenizer("qwen2").definition
        #expect(qwen.normalizer == .nfc && qwen.preTokenization.split == .qwen2)
        let nfkc = try GoldenTokenizerFixtures.tokenizer("gpt2_nfkc").definition
        #expect(nfkc.normalizer == .nfkc && nfkc.preTokenization.addPrefixSpace)
        #expect(nfkc.postProcessor == PostProcessorTemplate(suffix: [0]))
    }

    @Test func legacyMergeStringsReadTheSame() throws {
        let json = try Self.text("gpt2")
        // ["a", "b"] pairs → "a b" strings (serde's pretty layout spreads a pair over 4 lines).
        var lines = json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var i = 0
        let start = lines.firstIndex { $0.contains("\"merges\": [") }!
        out.append(contentsOf: lines[0...start])
        i = start + 1
        while i < lines.count {
            if lines[i].trimmingPrefixSpaces == "[" {
                let a = lines[i + 1].trimmingPrefixSpaces.dropLast(), b = lines[i + 2].trimmingPrefixSpaces
                let comma = lines[i + 3].hasSuffix(",") ? "," : ""
                out.append("\"\(a.dropFirst().dropLast()) \(b.dropFirst().dropLast())\"\(comma)")
                i += 4
            } else {
                out.append(lines[i])
                i += 1
            }
        }
        lines = out
        let legacy = try TokenizerJSON.read(Array(lines.joined(separator: "\n").utf8), path: "legacy.json")
        let modern = try TokenizerJSON.read(Array(json.utf8), path: "t.json")
        #expect(legacy == modern)
    }

    @Test(arguments: [
        (#""type": "BPE""#, #""type": "WordPiece""#, "model type WordPiece"),
        (#""dropout": null"#, #""dropout": 0.1"#, "dropout"),
        (#""unk_token": null"#, #""unk_token": "<unk>""#, "unk_token"),
        (#""byte_fallback": false"#, #""byte_fallback": true"#, "byte_fallback"),
        (#""continuing_subword_prefix": null"#, "\"continuing_subword_prefix\": \"##\"", "continuing_subword_prefix"),
        (#""truncation": null"#, #""truncation": {"max_length": 5}"#, "truncation"),
        (#""normalizer": null"#, #""normalizer": {"type": "Lowercase"}"#, "normalizer Lowercase"),
        (#""post_processor": null"#, #""post_processor": {"type": "RobertaProcessing"}"#, "RobertaProcessing"),
        (#""pre_tokenizer": {"#, #""pre_tokenizer": {"type": "Metaspace"}, "unused": {"#, "ByteLevel"),
        (#""decoder": {"#, #""decoder": {"type": "WordPiece"}, "unused": {"#, "decoder WordPiece"),
    ])
    func refusesUnsupportedFeatures(original: String, replacement: String, expected: String) throws {
        let json = try Self.text("gpt2")
        let range = try #require(json.range(of: original))
        let edited = json.replacingCharacters(in: range, with: replacement)
        do {
            _ = try TokenizerJSON.read(Array(edited.utf8), path: "models/odd.json")
            Issue.record("accepted \(replacement)")
        } catch let error as ConfigError {
            #expect(error.file == "models/odd.json")
            #expect(error.description.contains(expected), "\(error)")
        } catch {
            #expect(String(describing: error).contains("models/odd.json"), "\(error)")
        }
    }

    @Test func refusesUnknownSplitPattern() throws {
        let json = try Self.text("llama3")
        let edited = json.replacingOccurrences(of: #"\\p{N}{1,3}"#, with: #"\\p{N}{1,4}"#)
        #expect(edited != json)
        #expect(throws: ConfigError.self) { try TokenizerJSON.read(Array(edited.utf8), path: "x.json") }
    }

    @Test func refusesMergeOutsideVocabulary() throws {
        let json = """
        {"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": [["a", "b"]]},
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true}}
        """
        #expect(throws: ConfigError.self) { try TokenizerJSON.read(Array(json.utf8), path: "x.json") }
        let fixed = json.replacingOccurrences(of: #""b": 1}"#, with: #""b": 1, "ab": 2}"#)
        let definition = try TokenizerJSON.read(Array(fixed.utf8), path: "x.json")
        #expect(definition.merges == [BPEMerge(0, 1)])
        #expect(definition.preTokenization.split == .gpt2)  // use_regex defaults to true
    }

    @Test(arguments: [
        ("{\"a\": [1, 2,]}", 12), ("{\"a\" 1}", 5), ("[\"\\q\"]", 3), ("{\"a\": tru}", 6), ("[1] x", 4), ("\"abc", 0),
        ("[\"\\ud800\"]", 8),
    ])
    func malformedJSONReportsOffset(json: String, offset: Int) {
        do {
            _ = try TokenizerJSON.read(Array(json.utf8), path: "bad.json")
            Issue.record("accepted \(json)")
        } catch let error as InputError {
            #expect(error.file == "bad.json")
            #expect(error.offset == Int64(offset), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func parserDecodesEscapesAndNumbers() throws {
        let json = #"{"s": "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "n": -1.5e3, "z": 0, "t": [true, false, null]}"#
        let value = try Array(json.utf8).withUnsafeBufferPointer { try TokenizerJSONParser.parse($0) }
        #expect(value.objectValue?["s"]?.stringValue == "a\"\\/\u{8}\u{C}\n\r\té😀")
        #expect(value.objectValue?["n"]?.doubleValue == -1500)
        #expect(value.objectValue?["z"]?.intValue == 0)
        #expect(value.objectValue?["t"] == [true, false, nil])
    }

    @Test func writerEscapesLikeSerde() {
        var out = PrettyJSON()
        out.string("q\"b\\\u{1}\u{1F}\u{7F}é\n")
        #expect(String(decoding: out.bytes, as: UTF8.self) == #""q\"b\\\u0001\u001f"# + "\u{7F}é" + #"\n""#)
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
