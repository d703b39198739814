// Reads a Hugging Face tokenizer.json (tokenizers 0.23 `tokenizer/serialization.rs`) into a
// `TokenizerDefinition`: byte-level BPE models only. Accepted shapes (FORMAT.md §1 in the issue
// prep notes, and the GPT-2, Llama-3 and Qwen2 files):
//   - pre_tokenizer `ByteLevel` (use_regex true = GPT-2's split, default true when missing), or
//     `Sequence[Split(Regex: a known pattern, Isolated, invert false), ByteLevel(use_regex false)]`;
//   - normalizer null, NFC, NFKC, NFD, NFKD, or a Sequence holding at most one of them;
//   - post_processor null, ByteLevel (offsets only), TemplateProcessing (single = specials,
//     $A, specials), or a Sequence of those; decoder null or ByteLevel;
//   - merges as `[[a, b], …]` or legacy `["a b", …]` (lines starting `#version` skipped).
// Anything else — another model, dropout, unk_token, subword prefixes, byte_fallback, padding,
// truncation, an unknown Split pattern — is refused with an error naming the file, because
// encoding it the byte-level way would silently give different ids.

import QuarryCore
import QuarryText

/// Hugging Face tokenizer.json in and out.
public enum TokenizerJSON {
    /// The definition in a tokenizer.json file's bytes; `path` names the file in errors.
    public static func read(_ bytes: [UInt8], path: String) throws -> TokenizerDefinition {
        let root: JSONValue
        do {
            root = try bytes.withUnsafeBufferPointer { buffer throws(TokenizerJSONParser.Failure) in try TokenizerJSONParser.parse(buffer) }
        } catch {
            throw InputError(file: path, offset: Int64(error.offset), "invalid JSON: \(error.message)")
        }
        do {
            return try definition(root)
        } catch let error as ConfigError {
            throw ConfigError("unsupported tokenizer.json: \(error.message)", file: path)
        }
    }

    private static func refuse(_ message: String) -> ConfigError { ConfigError(message) }

    private static func object(_ value: JSONValue?, _ what: String) throws -> JSONObject {
        guard let object = value?.objectValue else { throw refuse("\(what) must be an object") }
        return object
    }

    private static func definition(_ root: JSONValue) throws -> TokenizerDefinition {
        let top = try object(root, "the file")
        for key in ["truncation", "padding"] where !(top[key]?.isNull ?? true) {
            throw refuse("\(key) is set; Quarry encodes whole documents (remove it)")
        }
        let model = try object(top["model"], "model")
        let type = model["type"]?.stringValue ?? (model["merges"] != nil ? "BPE" : nil)
        guard type == "BPE" else { throw refuse("model type \(type ?? "missing") (only byte-level BPE is supported)") }
        if let dropout = model["dropout"], !dropout.isNull, dropout.doubleValue != 0 { throw refuse("BPE dropout is not supported") }
        for key in ["unk_token", "continuing_subword_prefix", "end_of_word_suffix"] {
            if let value = model[key], !value.isNull, value.stringValue != "" { throw refuse("BPE \(key) is not supported") }
        }
        if model["byte_fallback"]?.boolValue == true { throw refuse("BPE byte_fallback is not supported (not a byte-level model)") }
        let ignoreMerges = model["ignore_merges"]?.boolValue ?? false

        // Vocabulary: byte-level keys become raw bytes; other keys (special tokens that are not
        // byte-level text) keep their UTF-8.
        let vocabObject = try object(model["vocab"], "model.vocab")
        var idOfName: [String: Int] = [:]
        idOfName.reserveCapacity(vocabObject.count)
        var tokens: [[UInt8]?] = []
        for (name, value) in vocabObject {
            guard let id = value.intValue, id >= 0, id < 1 << 31 else { throw refuse("vocab entry \(quoted(name)) has no valid id") }
            if tokens.count <= id { tokens.append(contentsOf: repeatElement(nil, count: id + 1 - tokens.count)) }
            guard tokens[id] == nil else { throw refuse("vocab id \(id) is used twice") }
            tokens[id] = ByteLevelAlphabet.decode(name) ?? Array(name.utf8)
            idOfName[name] = id
        }
        let vocabulary = TokenVocabulary(tokens: tokens)

        guard let mergeList = model["merges"]?.arrayValue else { throw refuse("model.merges must be an array") }
        var merges: [BPEMerge] = []
        merges.reserveCapacity(mergeList.count)
        for (index, entry) in mergeList.enumerated() {
            let parts: [String]
            if let text = entry.stringValue {
                if text.hasPrefix("#version") { continue }
                parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            } else if let array = entry.arrayValue, array.count == 2, let a = array[0].stringValue, let b = array[1].stringValue {
                parts = [a, b]
            } else {
                throw refuse("merge \(index) is neither \"a b\" nor [a, b]")
            }
            guard parts.count == 2 else { throw refuse("merge \(index) \(quoted(entry.stringValue ?? "")) does not have two parts") }
            guard let left = idOfName[parts[0]], let right = idOfName[parts[1]] else {
                throw refuse("merge \(index) uses a token missing from the vocab")
            }
            guard idOfName[parts[0] + parts[1]] != nil else { throw refuse("merge \(index): \(quoted(parts[0] + parts[1])) is not in the vocab") }
            merges.append(BPEMerge(TokenID(left), TokenID(right)))
        }

        var addedTokens: [AddedToken] = []
        for (index, entry) in (top["added_tokens"]?.arrayValue ?? []).enumerated() {
            let token = try object(entry, "added_tokens[\(index)]")
            guard let id = token["id"]?.intValue, id >= 0, id < 1 << 31, let content = token["content"]?.stringValue, !content.isEmpty else {
                throw refuse("added_tokens[\(index)] needs an id and a non-empty content")
            }
            let special = token["special"]?.boolValue ?? false
            addedTokens.append(AddedToken(id: TokenID(id), content: content, special: special,
                                          singleWord: token["single_word"]?.boolValue ?? false,
                                          lstrip: token["lstrip"]?.boolValue ?? false,
                                          rstrip: token["rstrip"]?.boolValue ?? false,
                                          normalized: token["normalized"]?.boolValue ?? !special))
        }
        addedTokens.sort { $0.id < $1.id }

        let normalizer = try readNormalizer(top["normalizer"])
        let preTokenization = try readPreTokenizer(top["pre_tokenizer"])
        let post = try readPostProcessor(top["post_processor"], vocab: idOfName, added: addedTokens)
        if let decoder = top["decoder"], !decoder.isNull {
            let type = try object(decoder, "decoder")["type"]?.stringValue
            guard type == "ByteLevel" else { throw refuse("decoder \(type ?? "?") (only ByteLevel is supported)") }
        }
        return TokenizerDefinition(normalizer: normalizer, preTokenization: preTokenization, vocabulary: vocabulary,
                                   merges: merges, addedTokens: addedTokens, ignoreMerges: ignoreMerges,
                                   postProcessor: post)
    }

    private static func quoted(_ text: String) -> String { "\"\(text.prefix(40))\"" }

    private static func readNormalizer(_ value: JSONValue?) throws -> NormalizationForm? {
        guard let value, !value.isNull else { return nil }
        let node = try object(value, "normalizer")
        let type = node["type"]?.stringValue ?? "?"
        if type == "Sequence" {
            let steps = node["normalizers"]?.arrayValue ?? []
            guard steps.count <= 1 else { throw refuse("a normalizer Sequence of \(steps.count) steps (at most one NFC/NFKC/NFD/NFKD)") }
            return try steps.first.flatMap { try readNormalizer($0) }
        }
        switch type {
        case "NFC": return .nfc
        case "NFKC": return .nfkc
        case "NFD": return .nfd
        case "NFKD": return .nfkd
        default: throw refuse("normalizer \(type) (supported: NFC, NFKC, NFD, NFKD)")
        }
    }

    private static func readPreTokenizer(_ value: JSONValue?) throws -> PreTokenization {
        guard let value, !value.isNull else { throw refuse("pre_tokenizer is missing (a byte-level model needs ByteLevel)") }
        let node = try object(value, "pre_tokenizer")
        var steps: [JSONObject] = [node]
        if node["type"]?.stringValue == "Sequence" {
            steps = try (node["pretokenizers"]?.arrayValue ?? []).map { try object($0, "pre_tokenizer step") }
        }
        var split: PreTokenizerSplit?
        var inside = false
        guard let last = steps.last, last["type"]?.stringValue == "ByteLevel" else {
            throw refuse("pre_tokenizer must end with ByteLevel")
        }
        for step in steps.dropLast() {
            guard step["type"]?.stringValue == "Split" else { throw refuse("pre_tokenizer step \(step["type"]?.stringValue ?? "?") (supported: Split, ByteLevel)") }
            guard split == nil else { throw refuse("more than one Split step") }
            guard let pattern = step["pattern"]?.objectValue?["Regex"]?.stringValue else { throw refuse("Split needs a Regex pattern") }
            guard let known = PreTokenizerSplit(pattern: pattern) else {
                throw refuse("Split regex \(quoted(pattern)) is not one Quarry implements (\(PreTokenizerSplit.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard step["behavior"]?.stringValue == "Isolated", step["invert"]?.boolValue != true else {
                throw refuse("Split must have behavior Isolated and invert false")
            }
            split = known
        }
        let useRegex = last["use_regex"]?.boolValue ?? true
        if useRegex {
            guard split == nil else { throw refuse("ByteLevel use_regex after a Split step") }
            split = .gpt2
            inside = true
        }
        return PreTokenization(split: split, addPrefixSpace: last["add_prefix_space"]?.boolValue ?? false, splitInsideByteLevel: inside)
    }

    private static func readPostProcessor(_ value: JSONValue?, vocab: [String: Int], added: [AddedToken]) throws -> PostProcessorTemplate? {
        guard let value, !value.isNull else { return nil }
        let node = try object(value, "post_processor")
        let type = node["type"]?.stringValue ?? "?"
        switch type {
        case "ByteLevel":
            return nil
        case "Sequence":
            var result: PostProcessorTemplate?
            for step in node["processors"]?.arrayValue ?? [] {
                if let template = try readPostProcessor(step, vocab: vocab, added: added) {
                    guard result == nil else { throw refuse("two TemplateProcessing post-processors") }
                    result = template
                }
            }
            return result
        case "TemplateProcessing":
            guard let single = node["single"]?.arrayValue else { throw refuse("TemplateProcessing needs single") }
            let specials = node["special_tokens"]?.objectValue ?? [:]
            var template = PostProcessorTemplate()
            var seenSequence = false
            for piece in single {
                let item = try object(piece, "template piece")
                if let sequence = item["Sequence"]?.objectValue {
                    guard sequence["id"]?.stringValue == "A", !seenSequence else { throw refuse("TemplateProcessing single must hold $A once") }
                    seenSequence = true
                } else if let special = item["SpecialToken"]?.objectValue, let name = special["id"]?.stringValue {
                    guard let ids = specials[name]?.objectValue?["ids"]?.arrayValue else { throw refuse("template token \(quoted(name)) has no ids") }
                    for id in ids {
                        guard let id = id.intValue, id >= 0, id < 1 << 31 else { throw refuse("template token \(quoted(name)) has an invalid id") }
                        if seenSequence { template.suffix.append(TokenID(id)) } else { template.prefix.append(TokenID(id)) }
                    }
                } else {
                    throw refuse("unknown template piece")
                }
            }
            guard seenSequence else { throw refuse("TemplateProcessing single has no $A") }
            return template
        default:
            throw refuse("post_processor \(type) (supported: TemplateProcessing, ByteLevel, Sequence of them)")
        }
    }
}
