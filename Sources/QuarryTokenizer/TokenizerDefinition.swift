// What a byte-level BPE tokenizer is, independent of how it is stored: the in-memory form of
// the subset of Hugging Face tokenizer.json that Quarry reads and writes (tokenizers 0.23
// `tokenizer/serialization.rs`; layout notes in DESIGN.md §4.2 and the reader's header), and of
// a tiktoken rank file. `TokenizerJSON` reads and writes it, `BPETrainer` produces it, and
// `Tokenizer` compiles it into the fast encoder.

import QuarryText

/// One BPE merge: the ids of the left and right parts. Its rank is its index in the list; the
/// merged token is the vocabulary entry whose bytes are left + right.
public struct BPEMerge: Sendable, Hashable {
    public var left: TokenID
    public var right: TokenID
    public init(_ left: TokenID, _ right: TokenID) { self.left = left; self.right = right }
}

/// An added token (tokenizers `AddedToken`): matched in the text before pre-tokenization and
/// never split or merged.
public struct AddedToken: Sendable, Hashable {
    public var id: TokenID
    public var content: String
    /// Special tokens are skipped when decoding with `skipSpecialTokens`.
    public var special: Bool
    /// Matched only where the characters on both sides are not word characters (`\w`).
    public var singleWord: Bool
    /// Absorbs whitespace on the left / right of the match.
    public var lstrip: Bool
    public var rstrip: Bool
    /// Matched in the normalized text (true) or in the raw input (false).
    public var normalized: Bool

    public init(id: TokenID, content: String, special: Bool, singleWord: Bool = false,
                lstrip: Bool = false, rstrip: Bool = false, normalized: Bool? = nil) {
        self.id = id
        self.content = content
        self.special = special
        self.singleWord = singleWord
        self.lstrip = lstrip
        self.rstrip = rstrip
        self.normalized = normalized ?? !special
    }
}

/// How text is cut into pre-tokens before BPE.
public struct PreTokenization: Sendable, Hashable {
    /// The regex split, or nil for none (the whole text, after added tokens, is one piece).
    public var split: PreTokenizerSplit?
    /// `ByteLevel(add_prefix_space: true)`: a space is prepended to every piece of text that
    /// does not start with one (GPT-2 style, per text segment between added tokens).
    public var addPrefixSpace: Bool
    /// Whether the split came as ByteLevel's own `use_regex` (GPT-2 form) or as a `Split`
    /// step before ByteLevel (Llama-3 form); only the writer needs to know.
    public var splitInsideByteLevel: Bool

    public init(split: PreTokenizerSplit?, addPrefixSpace: Bool = false, splitInsideByteLevel: Bool? = nil) {
        self.split = split
        self.addPrefixSpace = addPrefixSpace
        self.splitInsideByteLevel = splitInsideByteLevel ?? (split == .gpt2)
    }
}

/// A `TemplateProcessing` post-processor for single sequences: token ids put before and after
/// the encoding (BOS / EOS), skipped when encoding without special tokens.
public struct PostProcessorTemplate: Sendable, Hashable {
    public var prefix: [TokenID]
    public var suffix: [TokenID]
    public init(prefix: [TokenID] = [], suffix: [TokenID] = []) { self.prefix = prefix; self.suffix = suffix }
}

/// A complete byte-level BPE tokenizer description.
public struct TokenizerDefinition: Sendable, Equatable {
    /// NFC or NFKC (tokenizers' `NFC` / `NFKC` normalizers); nil for none.
    public var normalizer: NormalizationForm?
    public var preTokenization: PreTokenization
    /// The model vocabulary (raw token bytes by id).
    public var vocabulary: TokenVocabulary
    /// Merges in rank order.
    public var merges: [BPEMerge]
    /// Added tokens in id order.
    public var addedTokens: [AddedToken]
    /// BPE `ignore_merges`: a whole pre-token found in the vocabulary is one token.
    public var ignoreMerges: Bool
    /// BOS/EOS added by the post-processor, if any.
    public var postProcessor: PostProcessorTemplate?

    public init(normalizer: NormalizationForm? = nil, preTokenization: PreTokenization,
                vocabulary: TokenVocabulary, merges: [BPEMerge], addedTokens: [AddedToken] = [],
                ignoreMerges: Bool = false, postProcessor: PostProcessorTemplate? = nil) {
        self.normalizer = normalizer
        self.preTokenization = preTokenization
        self.vocabulary = vocabulary
        self.merges = merges
        self.addedTokens = addedTokens
        self.ignoreMerges = ignoreMerges
        self.postProcessor = postProcessor
    }

    /// One past the highest id of the vocabulary and the added tokens.
    public var idCount: Int {
        max(vocabulary.count, (addedTokens.map { Int($0.id) }.max() ?? -1) + 1)
    }
}
