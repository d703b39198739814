// ChatTemplate and ChatExample: ChatML rendering byte for byte with trained spans, template
// files (errors for Jinja, unknown keys, untrained templates), and bad JSONL lines as errors.
import Testing
import QuarryCore
@testable import QuarryTokenizer

@Suite struct ChatTemplateTests {
    @Test func chatMLRendersAsSFTmd() throws {
        let example = ChatExample(messages: [
            ChatMessage(role: "system", content: "S"), ChatMessage(role: "user", content: "U"),
            ChatMessage(role: "assistant", content: "A1"), ChatMessage(role: "user", content: "U2"),
            ChatMessage(role: "assistant", content: "A2"),
        ])
        let rendered = try ChatTemplate.chatML.render(example)
        let text = String(decoding: rendered.text, as: UTF8.self)
        #expect(text == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\nA1<|im_end|>\n<|im_start|>user\nU2<|im_end|>\n<|im_start|>assistant\nA2<|im_end|>\n")
        let spans = rendered.trainedSpans.map { String(decoding: rendered.text[$0], as: UTF8.self) }
        #expect(spans == ["A1<|im_end|>", "A2<|im_end|>"])
    }

    @Test func templateFile() throws {
        let json: JSONValue = .object([
            "name": "llama3", "bos": "<|begin_of_text|>", "default_system": "Be brief.",
            "special_tokens": .array(["<|begin_of_text|>", "<|eot_id|>"]),
            "roles": .object(["assistant": .object(["prefix": "<|start_header_id|>assistant<|end_header_id|>\n\n", "suffix": "<|eot_id|>"])]),
            "other_roles": .object(["prefix": "<|start_header_id|>{role}<|end_header_id|>\n\n", "suffix": "<|eot_id|>"]),
        ])
        let template = try ChatTemplate(json: json, path: "t.json")
        let rendered = try template.render(ChatExample(messages: [ChatMessage(role: "user", content: "Q"), ChatMessage(role: "assistant", content: "R")]))
        #expect(String(decoding: rendered.text, as: UTF8.self) == "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nR<|eot_id|>")
        #expect(rendered.trainedSpans.map { String(decoding: rendered.text[$0], as: UTF8.self) } == ["R<|eot_id|>"])
        #expect(template.specialTokens == ["<|begin_of_text|>", "<|eot_id|>"])
    }

    @Test func templateFileErrors() {
        func fails(_ json: JSONValue) -> Bool { (try? ChatTemplate(json: json, path: "t.json")) == nil }
        #expect(fails(.string("{% for m in messages %}")))
        #expect(fails(.object(["chat_template": "{% for m in messages %}"])))
        #expect(fails(.object(["roles": .object(["user": .object(["prefix": "u"])])])))  // nothing trained
        #expect(fails(.object(["roles": .object(["assistant": .object(["prefx": "a"])])])))  // typo
        #expect(fails(.object(["rolez": .object([:])])))
        #expect(fails(.object(["roles": .object(["assistant": .object(["suffix": "</s>", "trained_suffix": "<x>"])])])))
        #expect(!fails(.object(["roles": .object(["assistant": .object(["prefix": "A: ", "suffix": "</s>\n"])])])))
    }

    @Test func examplesFromJSON() throws {
        let pair = try ChatExample(json: .object(["prompt": "p", "response": "r"]))
        #expect(pair.messages == [ChatMessage(role: "user", content: "p"), ChatMessage(role: "assistant", content: "r")])
        let withSystem = try ChatExample(json: .object(["system": "s", "prompt": "p", "completion": "r"]))
        #expect(withSystem.messages.map(\.role) == ["system", "user", "assistant"])
        let bad: [(JSONValue, String)] = [
            (.array([]), "not_an_object"),
            (.object(["messages": "x"]), "bad_messages"),
            (.object(["messages": .array([])]), "no_messages"),
            (.object(["messages": .array([.object(["content": "c"])])]), "bad_role"),
            (.object(["messages": .array([.object(["role": "user", "content": .array([])])])]), "bad_content"),
            (.object(["prompt": "p"]), "bad_content"),
            (.object(["text": "t"]), "no_messages"),
        ]
        for (value, kind) in bad {
            #expect(throws: ChatExampleError.self) { try ChatExample(json: value) }
            do { _ = try ChatExample(json: value) } catch { #expect(error.kind == kind) }
        }
    }
}
