// Chat templates for fine-tuning data (issue 8 item 7): how a conversation becomes one text,
// and which bytes of that text are trained on. The default is ChatML exactly as
// issue8-prep shards/SFT.md writes it (the format of Qwen2 / OpenAI ChatML):
//   <|im_start|>{role}\n{content}<|im_end|>\n      for every message, in order
// A template file is declarative JSON: per role a prefix and a suffix around the content,
// `{role}` substituted in both, plus an optional BOS text, default system message and the
// special tokens the template needs. Jinja (Hugging Face `chat_template`) is NOT supported:
// no loops, conditions or filters; write the prefixes and suffixes it would produce.
//
//   {"name": "llama3", "bos": "<|begin_of_text|>",
//    "special_tokens": ["<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"],
//    "roles": {"assistant": {"prefix": "<|start_header_id|>assistant<|end_header_id|>\n\n",
//                            "suffix": "<|eot_id|>", "train": true}},
//    "other_roles": {"prefix": "<|start_header_id|>{role}<|end_header_id|>\n\n", "suffix": "<|eot_id|>"},
//    "default_system": null}
//
// Trained bytes (loss mask 1): the content of every turn whose role trains ("assistant" unless
// the file says otherwise) and the start of its suffix up to the end-of-turn token
// (`trained_suffix`, by default the suffix without trailing whitespace: `<|im_end|>`, not the
// `\n` after it) — the consensus of TRL, axolotl (`train_on_eos: turn`) and Megatron-LM.

import QuarryCore

/// A rendered conversation: its UTF-8 text and the byte ranges that are trained on.
public struct RenderedChat: Sendable, Hashable {
    public var text: [UInt8]
    /// Ascending, disjoint byte ranges of `text`.
    public var trainedSpans: [Range<Int>]
}

/// A declarative chat template (see the file header).
public struct ChatTemplate: Sendable, Hashable {
    /// How one turn is written.
    public struct Turn: Sendable, Hashable {
        /// Text before the content; `{role}` is replaced by the message's role.
        public var prefix: String
        /// Text after the content; `{role}` is replaced too.
        public var suffix: String
        /// Whether this role's content is trained on.
        public var trained: Bool
        /// The leading part of `suffix` trained with the content (the end-of-turn token).
        public var trainedSuffix: String

        public init(prefix: String, suffix: String, trained: Bool, trainedSuffix: String? = nil) {
            self.prefix = prefix
            self.suffix = suffix
            self.trained = trained
            self.trainedSuffix = trainedSuffix ?? Self.trimmingTrailingWhitespace(suffix)
        }

        static func trimmingTrailingWhitespace(_ text: String) -> String {
            var bytes = Array(text.utf8)
            while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// "chatml", or the name given in the file.
    public var name: String
    /// Text put once before the conversation (e.g. `<|begin_of_text|>`); empty for none.
    public var bos: String
    /// A system message put first when the conversation has none.
    public var defaultSystem: String?
    /// Turns by role.
    public var roles: [String: Turn]
    /// The turn for roles not in `roles`; nil refuses them.
    public var otherRoles: Turn?
    /// Texts the tokenizer must know as single added tokens.
    public var specialTokens: [String]

    public init(name: String, bos: String = "", defaultSystem: String? = nil, roles: [String: Turn],
                otherRoles: Turn?, specialTokens: [String]) {
        self.name = name
        self.bos = bos
        self.defaultSystem = defaultSystem
        self.roles = roles
        self.otherRoles = otherRoles
        self.specialTokens = specialTokens
    }

    /// ChatML as in SFT.md: every role `<|im_start|>{role}\n…<|im_end|>\n`, assistant trained.
    public static let chatML = ChatTemplate(
        name: "chatml",
        roles: ["assistant": Turn(prefix: "<|im_start|>{role}\n", suffix: "<|im_end|>\n", trained: true)],
        otherRoles: Turn(prefix: "<|im_start|>{role}\n", suffix: "<|im_end|>\n", trained: false),
        specialTokens: ["<|im_start|>", "<|im_end|>"])

    /// The turn format of a role, if the template accepts it.
    public func turn(for role: String) -> Turn? { roles[role] ?? otherRoles }

    /// Renders a conversation. `normalize` is applied to every piece (content, prefixes,
    /// suffixes, BOS) separately, so span offsets refer to the normalized text.
    public func render(_ example: ChatExample, normalize: ((String) -> String)? = nil) throws(ChatExampleError) -> RenderedChat {
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        func put(_ piece: String) {
            if let normalize { text.append(contentsOf: normalize(piece).utf8) } else { text.append(contentsOf: piece.utf8) }
        }
        put(bos)
        var messages = example.messages
        if let defaultSystem, !messages.contains(where: { $0.role == "system" }) {
            messages.insert(ChatMessage(role: "system", content: defaultSystem), at: 0)
        }
        for message in messages {
            guard let turn = turn(for: message.role) else {
                throw ChatExampleError(kind: "unknown_role", "role \"\(message.role)\" is not in template \(name)")
            }
            put(Self.substitute(turn.prefix, role: message.role))
            let contentStart = text.count
            put(message.content)
            let suffix = Self.substitute(turn.suffix, role: message.role)
            let suffixStart = text.count
            put(suffix)
            if turn.trained {
                let trained = Self.substitute(turn.trainedSuffix, role: message.role)
                let trainedBytes = (normalize.map { $0(trained) } ?? trained).utf8.count
                spans.append(contentStart..<min(text.count, suffixStart + trainedBytes))
            }
        }
        return RenderedChat(text: text, trainedSpans: spans.filter { !$0.isEmpty })
    }

    static func substitute(_ text: String, role: String) -> String {
        guard text.utf8.contains(0x7B) else { return text }  // no "{" at all
        return text.replacing("{role}", with: role)
    }
}

extension ChatTemplate {
    static let fileKeys: Set<String> = ["name", "bos", "default_system", "roles", "other_roles", "special_tokens"]
    static let turnKeys: Set<String> = ["prefix", "suffix", "train", "trained_suffix"]

    /// Reads a template file's parsed JSON (see the file header). `path` is for messages.
    public init(json value: JSONValue, path: String) throws(ConfigError) {
        guard let object = value.objectValue else {
            throw ConfigError("a chat template file is a JSON object with \"roles\" (Jinja templates are not supported)", file: path)
        }
        if object["chat_template"] != nil {
            throw ConfigError("Jinja chat templates (\"chat_template\") are not supported: write per-role \"prefix\"/\"suffix\" instead", file: path)
        }
        for key in object.keys where !Self.fileKeys.contains(key) {
            throw ConfigError("unknown key \"\(key)\" (known: \(Self.fileKeys.sorted().joined(separator: ", ")))", file: path)
        }
        func string(_ value: JSONValue?, _ what: String) throws(ConfigError) -> String? {
            guard let value, !value.isNull else { return nil }
            guard let text = value.stringValue else { throw ConfigError("\(what) must be a string", file: path) }
            return text
        }
        func turn(_ value: JSONValue, role: String?) throws(ConfigError) -> Turn {
            let what = role.map { "role \"\($0)\"" } ?? "other_roles"
            guard let fields = value.objectValue else { throw ConfigError("\(what) must be an object", file: path) }
            for key in fields.keys where !Self.turnKeys.contains(key) {
                throw ConfigError("\(what): unknown key \"\(key)\" (known: \(Self.turnKeys.sorted().joined(separator: ", ")))", file: path)
            }
            let prefix = try string(fields["prefix"], "\(what).prefix") ?? ""
            let suffix = try string(fields["suffix"], "\(what).suffix") ?? ""
            var trained = role == "assistant"
            if let flag = fields["train"] {
                guard let b = flag.boolValue else { throw ConfigError("\(what).train must be true or false", file: path) }
                trained = b
            }
            let trainedSuffix = try string(fields["trained_suffix"], "\(what).trained_suffix")
            if let trainedSuffix, !suffix.hasPrefix(trainedSuffix) {
                throw ConfigError("\(what).trained_suffix must be the start of its suffix", file: path)
            }
            return Turn(prefix: prefix, suffix: suffix, trained: trained, trainedSuffix: trainedSuffix)
        }
        var roles: [String: Turn] = [:]
        if let list = object["roles"] {
            guard let entries = list.objectValue else { throw ConfigError("\"roles\" must be an object of role → {prefix, suffix}", file: path) }
            for (role, entry) in entries { roles[role] = try turn(entry, role: role) }
        }
        let other = try object["other_roles"].flatMap { v throws(ConfigError) in v.isNull ? nil : try turn(v, role: nil) }
        guard !roles.isEmpty || other != nil else { throw ConfigError("the template defines no roles", file: path) }
        guard roles.values.contains(where: \.trained) || other?.trained == true else {
            throw ConfigError("no role is trained (set \"train\": true on one, e.g. assistant)", file: path)
        }
        var specials: [String] = []
        if let list = object["special_tokens"] {
            guard let items = list.arrayValue else { throw ConfigError("\"special_tokens\" must be an array of strings", file: path) }
            for item in items {
                guard let text = item.stringValue, !text.isEmpty else { throw ConfigError("\"special_tokens\" must be an array of strings", file: path) }
                specials.append(text)
            }
        }
        self.init(name: try string(object["name"], "name") ?? "custom",
                  bos: try string(object["bos"], "bos") ?? "",
                  defaultSystem: try string(object["default_system"], "default_system"),
                  roles: roles, otherRoles: other, specialTokens: specials)
    }
}
