// SFTEncoder: ids and loss masks equal to Hugging Face tokenizers 0.23.3 on ChatML-rendered
// conversations (Fixtures/sft, made by scripts/reference/sft_golden.py) for a GPT-2-style, a
// Qwen2-style (NFC) and an add_prefix_space tokenizer; missing special tokens are refused.
import Foundation
import Testing
import QuarryCore
@testable import QuarryTokenizer

enum SFTFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("sft")

    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// Foundation JSON → Quarry's JSONValue (tests only; Quarry reads JSONL with QuarryIO's parser).
    static func jsonValue(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber: return .number(JSONNumber(validatedLiteral: n.stringValue))  // fixtures hold no booleans
        case let a as [Any]: return .array(a.map(jsonValue))
        case let o as [String: Any]:
            var object = JSONObject()
            for key in o.keys.sorted() { object[key] = jsonValue(o[key]!) }
            return .object(object)
        default: return .null
        }
    }

    static func parse(_ line: String) throws -> JSONValue {
        jsonValue(try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]))
    }

    static func tokenizer(_ config: String) throws -> Tokenizer {
        try Tokenizer.load(path: directory.appendingPathComponent("tokenizer-\(config).json").path)
    }
}

@Suite struct SFTEncoderTests {
    @Test(arguments: ["gpt2", "qwen2", "prefix"])
    func goldenIdsAndMasks(config: String) throws {
        let conversations = try SFTFixtures.lines("conversations.jsonl").map { try ChatExample(json: SFTFixtures.parse($0)) }
        let expected = try SFTFixtures.lines("expected.jsonl").map { try SFTFixtures.parse($0).objectValue! }
            .filter { $0["config"]?.stringValue == config }
        #expect(expected.count == conversations.count)
        var encoder = try SFTEncoder(tokenizer: SFTFixtures.tokenizer(config), template: .chatML)
        for case_ in expected {
            let index = case_["index"]!.intValue!
            var ids: [TokenID] = []
            var mask: [UInt8] = []
            let trained = try encoder.encode(conversations[index], ids: &ids, mask: &mask)
            let wantIDs = case_["ids"]!.arrayValue!.map { TokenID($0.intValue!) }
            let wantMask = case_["mask"]!.arrayValue!.map { UInt8($0.intValue!) }
            #expect(ids == wantIDs, "\(config) conversation \(index): ids")
            #expect(mask == wantMask, "\(config) conversation \(index): mask")
            #expect(trained == wantMask.filter { $0 == 1 }.count)
        }
    }

    @Test func appendsAfterExistingTokens() throws {
        var encoder = try SFTEncoder(tokenizer: SFTFixtures.tokenizer("gpt2"), template: .chatML)
        let example = ChatExample(messages: [ChatMessage(role: "user", content: "hi"), ChatMessage(role: "assistant", content: "yo")])
        var ids: [TokenID] = [7]
        var mask: [UInt8] = [0]
        try encoder.encode(example, ids: &ids, mask: &mask)
        var fresh: [TokenID] = []
        var freshMask: [UInt8] = []
        try encoder.encode(example, ids: &fresh, mask: &freshMask)
        #expect(ids == [7] + fresh && mask == [0] + freshMask)
        #expect(freshMask.contains(1) && freshMask.first == 0 && freshMask.last == 0)
    }

    @Test func refusesATokenizerWithoutTheTemplateTokens() throws {
        let tokenizer = try SFTFixtures.tokenizer("gpt2")
        var template = ChatTemplate.chatML
        template.specialTokens.append("<|eot_id|>")
        #expect(throws: ConfigError.self) { try SFTEncoder(tokenizer: tokenizer, template: template) }
    }

    @Test func unknownRoleIsAnExampleError() throws {
        var template = ChatTemplate.chatML
        template.otherRoles = nil
        var encoder = try SFTEncoder(tokenizer: SFTFixtures.tokenizer("gpt2"), template: template)
        var ids: [TokenID] = []
        var mask: [UInt8] = []
        let example = ChatExample(messages: [ChatMessage(role: "user", content: "x")])
        #expect(throws: ChatExampleError.self) { try encoder.encode(example, ids: &ids, mask: &mask) }
        #expect(ids.isEmpty && mask.isEmpty)
    }
}
