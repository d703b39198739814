// Finds the BOS/EOS ids a shard writer adds to each document, and describes a tokenizer for
// dataset.json (name, vocabulary size, SHA-256 of its file). The default token texts are the
// ones the common byte-level BPE tokenizers use: GPT-2 / cl100k / Quarry-trained
// `<|endoftext|>`, Llama-3 `<|begin_of_text|>` / `<|end_of_text|>`, SentencePiece-style
// `<s>` / `</s>`, Gemma `<bos>` / `<eos>`, Qwen2 chat `<|im_end|>` last.
import Foundation
import QuarryCore
import QuarryShards
import QuarryTokenizer

public enum SpecialTokenLookup {
    public enum Role: String, Sendable { case bos, eos }

    static let defaults: [Role: [String]] = [
        .bos: ["<|begin_of_text|>", "<s>", "<|startoftext|>", "<bos>", "<|endoftext|>"],
        .eos: ["<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>", "<|im_end|>"],
    ]

    /// The id of `role`'s token: the one named, else the first default the tokenizer has.
    public static func id(_ role: Role, named name: String?, in tokenizer: Tokenizer) throws -> UInt32 {
        if let name {
            guard let id = tokenizer.id(ofToken: name) else {
                throw ConfigError("the tokenizer has no token '\(name)' for \(role.rawValue)")
            }
            return id
        }
        for candidate in defaults[role]! {
            if let id = tokenizer.definition.addedTokens.first(where: { $0.content == candidate })?.id { return id }
        }
        throw ConfigError("the tokenizer has none of the usual \(role.rawValue) tokens (\(defaults[role]!.joined(separator: " "))); "
            + "name one (--\(role.rawValue)-token / \(role.rawValue)_token)")
    }

    /// The tokenizer as dataset.json records it.
    public static func describe(_ tokenizer: Tokenizer, path: String) throws -> DatasetManifest.Tokenizer {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
        let digest = SHA256.hash(Array(data)).map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
        let base = (path as NSString).lastPathComponent
        let name = base.hasSuffix(".json") || base.hasSuffix(".tiktoken") ? (base as NSString).deletingPathExtension : base
        return DatasetManifest.Tokenizer(name: name, file: path, vocabSize: tokenizer.idCount, sha256: digest)
    }

    /// The special tokens by role, with their texts.
    public static func roles(_ tokenizer: Tokenizer, bos: UInt32?, eos: UInt32?) -> [String: DatasetManifest.SpecialToken] {
        var out: [String: DatasetManifest.SpecialToken] = [:]
        func content(_ id: UInt32) -> String? {
            tokenizer.definition.addedTokens.first { $0.id == id }?.content
                ?? String(validating: tokenizer.decode([id]), as: UTF8.self)
        }
        if let bos { out["bos"] = .init(id: bos, content: content(bos)) }
        if let eos { out["eos"] = .init(id: eos, content: content(eos)) }
        for name in ["<pad>", "<|pad|>", "[PAD]"] {
            if let pad = tokenizer.definition.addedTokens.first(where: { $0.content == name }) {
                out["pad"] = .init(id: pad.id, content: pad.content)
                break
            }
        }
        return out
    }
}
