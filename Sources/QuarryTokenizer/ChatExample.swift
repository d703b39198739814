// One fine-tuning conversation, read from a parsed JSONL line (issue 8 item 7). Two shapes are
// accepted, the ones TRL, axolotl and Megatron-LM's SFT dataset read (issue8-prep shards/SFT.md):
//   {"messages": [{"role": "system"|"user"|"assistant"|…, "content": "…"}, …]}
//   {"prompt": "…", "response": "…"}  (also "completion" for "response", optional "system")
// A prompt/response pair becomes [user: prompt, assistant: response]. Content must be a string
// (OpenAI-style lists of content parts are refused, not guessed at). A line that does not fit
// is a `ChatExampleError` with a snake_case kind, so a reader can count and report it and go on.

import QuarryCore

/// One message of a conversation.
public struct ChatMessage: Sendable, Hashable {
    /// The role as written in the input ("system", "user", "assistant", "tool", …).
    public var role: String
    public var content: String
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// Why a line is not a conversation.
public struct ChatExampleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// snake_case, used as the counter name: `not_an_object`, `no_messages`, `bad_message`, …
    public var kind: String
    public var message: String
    public init(kind: String, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

/// A conversation to fine-tune on.
public struct ChatExample: Sendable, Hashable {
    public var messages: [ChatMessage]
    public init(messages: [ChatMessage]) { self.messages = messages }

    /// Reads a conversation from one parsed JSONL value.
    public init(json value: JSONValue) throws(ChatExampleError) {
        guard let object = value.objectValue else {
            throw ChatExampleError(kind: "not_an_object", "the line is not a JSON object")
        }
        if let list = object["messages"] {
            guard let items = list.arrayValue else {
                throw ChatExampleError(kind: "bad_messages", "\"messages\" is not an array")
            }
            var messages: [ChatMessage] = []
            messages.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard let fields = item.objectValue else {
                    throw ChatExampleError(kind: "bad_message", "message \(i) is not an object")
                }
                guard let role = fields["role"]?.stringValue, !role.isEmpty else {
                    throw ChatExampleError(kind: "bad_role", "message \(i) has no \"role\" string")
                }
                guard let content = fields["content"]?.stringValue else {
                    throw ChatExampleError(kind: "bad_content", "message \(i) has no \"content\" string")
                }
                messages.append(ChatMessage(role: role, content: content))
            }
            guard !messages.isEmpty else { throw ChatExampleError(kind: "no_messages", "\"messages\" is empty") }
            self.messages = messages
            return
        }
        if let prompt = object["prompt"] {
            guard let promptText = prompt.stringValue else {
                throw ChatExampleError(kind: "bad_content", "\"prompt\" is not a string")
            }
            guard let response = (object["response"] ?? object["completion"])?.stringValue else {
                throw ChatExampleError(kind: "bad_content", "a \"prompt\" line needs a \"response\" (or \"completion\") string")
            }
            var messages: [ChatMessage] = []
            if let system = object["system"] {
                guard let text = system.stringValue else { throw ChatExampleError(kind: "bad_content", "\"system\" is not a string") }
                messages.append(ChatMessage(role: "system", content: text))
            }
            messages.append(ChatMessage(role: "user", content: promptText))
            messages.append(ChatMessage(role: "assistant", content: response))
            self.messages = messages
            return
        }
        throw ChatExampleError(kind: "no_messages", "the object has neither \"messages\" nor \"prompt\"/\"response\"")
    }
}
