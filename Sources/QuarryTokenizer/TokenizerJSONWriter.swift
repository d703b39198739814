// Writes a `TokenizerDefinition` as the tokenizer.json that Hugging Face `tokenizers` 0.23
// saves (`Tokenizer.save`, pretty form): the same keys in the same order, two-space indentation,
// serde_json's string escapes (`\"`, `\\`, `\b \f \n \r \t`, other control bytes as lowercase
// `\u00XX`, everything else as raw UTF-8), vocab in id order, merges as `[left, right]` pairs
// in rank order, no trailing newline. Layout verified against a file saved by tokenizers
// 0.23.3 (/work/issue8-prep/hf/FORMAT.md §1; the golden fixtures compare byte for byte).
//
// Choices where the definition holds less than a file can: the decoder is always tokenizers'
// default `ByteLevel` decoder; a BOS/EOS post-processor is written as a plain
// `TemplateProcessing` (Llama-3 wraps it in a Sequence with a ByteLevel processor that only
// moves offsets, so ids are the same).

extension TokenizerJSON {
    /// The tokenizer.json bytes `tokenizers` would write for `definition`.
    public static func write(_ definition: TokenizerDefinition) -> [UInt8] {
        var out = PrettyJSON()
        out.open("{")
        out.key("version"); out.string("1.0")
        out.key("truncation"); out.raw("null")
        out.key("padding"); out.raw("null")
        out.key("added_tokens")
        if definition.addedTokens.isEmpty {
            out.raw("[]")
        } else {
            out.open("[")
            for token in definition.addedTokens.sorted(by: { $0.id < $1.id }) {
                out.item()
                out.open("{")
                out.key("id"); out.raw(String(token.id))
                out.key("content"); out.string(token.content)
                out.key("single_word"); out.bool(token.singleWord)
                out.key("lstrip"); out.bool(token.lstrip)
                out.key("rstrip"); out.bool(token.rstrip)
                out.key("normalized"); out.bool(token.normalized)
                out.key("special"); out.bool(token.special)
                out.close("}")
            }
            out.close("]")
        }
        out.key("normalizer")
        if let form = definition.normalizer {
            out.open("{")
            out.key("type"); out.string(form.rawValue.uppercased())
            out.close("}")
        } else {
            out.raw("null")
        }
        out.key("pre_tokenizer")
        let pre = definition.preTokenization
        if let split = pre.split, !(split == .gpt2 && pre.splitInsideByteLevel) {
            out.open("{")
            out.key("type"); out.string("Sequence")
            out.key("pretokenizers")
            out.open("[")
            out.item()
            out.open("{")
            out.key("type"); out.string("Split")
            out.key("pattern"); out.open("{"); out.key("Regex"); out.string(split.pattern); out.close("}")
            out.key("behavior"); out.string("Isolated")
            out.key("invert"); out.bool(false)
            out.close("}")
            out.item()
            writeByteLevel(&out, addPrefixSpace: pre.addPrefixSpace, trimOffsets: true, useRegex: false)
            out.close("]")
            out.close("}")
        } else {
            writeByteLevel(&out, addPrefixSpace: pre.addPrefixSpace, trimOffsets: true, useRegex: pre.split != nil)
        }
        out.key("post_processor")
        if let post = definition.postProcessor, !(post.prefix.isEmpty && post.suffix.isEmpty) {
            writeTemplate(&out, post, definition)
        } else {
            out.raw("null")
        }
        out.key("decoder")
        writeByteLevel(&out, addPrefixSpace: true, trimOffsets: true, useRegex: true)
        out.key("model")
        out.open("{")
        out.key("type"); out.string("BPE")
        out.key("dropout"); out.raw("null")
        out.key("unk_token"); out.raw("null")
        out.key("continuing_subword_prefix"); out.raw("null")
        out.key("end_of_word_suffix"); out.raw("null")
        out.key("fuse_unk"); out.bool(false)
        out.key("byte_fallback"); out.bool(false)
        out.key("ignore_merges"); out.bool(definition.ignoreMerges)
        let names = tokenNames(definition)
        out.key("vocab")
        if names.allSatisfy({ $0 == nil }) {
            out.raw("{}")
        } else {
            out.open("{")
            for (id, name) in names.enumerated() {
                guard let name else { continue }
                out.key(name); out.raw(String(id))
            }
            out.close("}")
        }
        out.key("merges")
        if definition.merges.isEmpty {
            out.raw("[]")
        } else {
            out.open("[")
            for merge in definition.merges {
                out.item()
                out.open("[")
                out.item(); out.string(names[Int(merge.left)] ?? "")
                out.item(); out.string(names[Int(merge.right)] ?? "")
                out.close("]")
            }
            out.close("]")
        }
        out.close("}")
        out.close("}")
        return out.bytes
    }

    /// The vocab key of every model id: the byte-level text of its bytes, except an added token
    /// whose content is the token's own UTF-8 but not byte-level text (a special token with a
    /// space, say), which `tokenizers` keys by its content.
    static func tokenNames(_ definition: TokenizerDefinition) -> [String?] {
        let vocabulary = definition.vocabulary
        var names = [String?](repeating: nil, count: vocabulary.count)
        var addedContent: [TokenID: String] = [:]
        for token in definition.addedTokens { addedContent[token.id] = token.content }
        for id in 0..<vocabulary.count where vocabulary.present[id] {
            let bytes = vocabulary.bytes(of: TokenID(id))
            if let content = addedContent[TokenID(id)], Array(content.utf8) == Array(bytes),
               ByteLevelAlphabet.decode(content).map({ $0 != Array(bytes) }) ?? true {
                names[id] = content
            } else {
                names[id] = ByteLevelAlphabet.encode(bytes)
            }
        }
        return names
    }

    private static func writeByteLevel(_ out: inout PrettyJSON, addPrefixSpace: Bool, trimOffsets: Bool, useRegex: Bool) {
        out.open("{")
        out.key("type"); out.string("ByteLevel")
        out.key("add_prefix_space"); out.bool(addPrefixSpace)
        out.key("trim_offsets"); out.bool(trimOffsets)
        out.key("use_regex"); out.bool(useRegex)
        out.close("}")
    }

    private static func writeTemplate(_ out: inout PrettyJSON, _ post: PostProcessorTemplate, _ definition: TokenizerDefinition) {
        let names = tokenNames(definition)
        var added: [TokenID: String] = [:]
        for token in definition.addedTokens { added[token.id] = token.content }
        func name(_ id: TokenID) -> String { added[id] ?? (Int(id) < names.count ? names[Int(id)] : nil) ?? String(id) }
        func pieces(_ sequence: String, typeID: Int) {
            for id in post.prefix { special(name(id), typeID: typeID) }
            out.item(); out.open("{"); out.key("Sequence"); out.open("{")
            out.key("id"); out.string(sequence); out.key("type_id"); out.raw(String(typeID))
            out.close("}"); out.close("}")
            for id in post.suffix { special(name(id), typeID: typeID) }
        }
        func special(_ name: String, typeID: Int) {
            out.item(); out.open("{"); out.key("SpecialToken"); out.open("{")
            out.key("id"); out.string(name); out.key("type_id"); out.raw(String(typeID))
            out.close("}"); out.close("}")
        }
        out.open("{")
        out.key("type"); out.string("TemplateProcessing")
        out.key("single"); out.open("["); pieces("A", typeID: 0); out.close("]")
        out.key("pair"); out.open("["); pieces("A", typeID: 0); pieces("B", typeID: 1); out.close("]")
        out.key("special_tokens")
        out.open("{")
        var seen = Set<TokenID>()
        for id in post.prefix + post.suffix where seen.insert(id).inserted {
            let text = name(id)
            out.key(text)
            out.open("{")
            out.key("id"); out.string(text)
            out.key("ids"); out.open("["); out.item(); out.raw(String(id)); out.close("]")
            out.key("tokens"); out.open("["); out.item(); out.string(text); out.close("]")
            out.close("}")
        }
        out.close("}")
        out.close("}")
    }
}

/// serde_json's pretty printer, reduced to what tokenizer.json needs.
struct PrettyJSON {
    var bytes: [UInt8] = []
    private var depth = 0
    private var first = true

    init() { bytes.reserveCapacity(1 << 20) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    mutating func open(_ bracket: String) {
        raw(bracket)
        depth += 1
        first = true
    }

    mutating func close(_ bracket: String) {
        depth -= 1
        newline()
        raw(bracket)
        first = false
    }

    /// Starts an array element or object member.
    mutating func item() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline()
    }

    mutating func key(_ name: String) {
        item()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
