// Byte-level BPE training with the exact merges and ids of Hugging Face tokenizers 0.23.3's
// `BpeTrainer` (models/bpe/trainer.rs; algorithm notes in /work/issue8-prep/hf/FORMAT.md §5),
// configured as `ByteLevelBPETokenizer` does: the full 256-byte initial alphabet, no
// continuing-subword prefix, no end-of-word suffix, no limit_alphabet, no max_token_length.
//
// Ids: the special tokens first (given order, repeats skipped), then the 256 byte tokens ordered
// by the code point of their byte-level character ('!' = 0x21 first, the remapped bytes
// U+0100…U+0143 last), then one id per merge that makes a new byte string. Each step merges the
// pair with the highest count; on equal counts the smaller (left id, right id). A merge whose
// byte string already exists reuses that id and the vocabulary does not grow; training stops at
// `vocabularySize` ids, when no pair is left, or when the best count is below `minFrequency`.
// The incremental engine is BPETrainerMergeLoop.swift; BPETrainerNaive.swift is its slow twin.
//
// Duplicate merges (tokenizers' own behaviour, reproduced): when a merge reuses an existing id
// c, pairs (x, c) gain occurrences in a second step and get a second heap entry that only lists
// the words of that step. Each entry merges its own words, so the same pair can be merged twice;
// tokenizers keeps merges in a HashMap, so the pair is written once, at its LATER rank. The
// definition here does the same (`BPETrainingResult.mergeSteps` counts both).

/// The result of a training run.
public struct BPETrainingResult: Sendable {
    /// The trained tokenizer: vocabulary, merges, the special tokens as added tokens
    /// (special, not normalized), the pre-tokenizer split.
    public var definition: TokenizerDefinition
    /// Merge steps taken, duplicates included (≥ `definition.merges.count`).
    public var mergeSteps: Int
    /// Why training stopped.
    public var stop: BPETrainingStop
}

/// Why a training run ended.
public enum BPETrainingStop: String, Sendable {
    /// The vocabulary reached the requested size.
    case vocabularySize = "vocabulary_size"
    /// No pair with a count of at least 1 was left (every word is a single token).
    case noPairsLeft = "no_pairs_left"
    /// The most frequent pair occurs fewer than `minFrequency` times.
    case minFrequency = "min_frequency"
}

/// The configuration of a byte-level BPE training run.
public struct BPETrainer: Sendable {
    /// Target number of ids: special tokens + 256 byte tokens + merged tokens.
    public var vocabularySize: Int
    /// Tokens that get the first ids, in this order, and become special added tokens.
    public var specialTokens: [String]
    /// A pair occurring fewer times than this (in word occurrences) is never merged; 0 and 1
    /// mean no limit (tokenizers' default is 0).
    public var minFrequency: Int
    /// The pre-tokenizer split the word counts came from, recorded in the definition.
    public var split: PreTokenizerSplit

    public init(vocabularySize: Int, specialTokens: [String] = [], minFrequency: Int = 0, split: PreTokenizerSplit = .gpt2) {
        self.vocabularySize = vocabularySize
        self.specialTokens = specialTokens
        self.minFrequency = minFrequency
        self.split = split
    }

    /// Ids before any merge: the distinct special tokens plus the byte tokens (a special token
    /// spelling a single byte stands for it).
    public var initialTokenCount: Int { initialTokens().tokens.count }

    /// The initial tokens: special tokens (repeats skipped), then the byte alphabet in code-point
    /// order. A special token whose content is byte-level text (only alphabet characters)
    /// stands for those bytes and takes their place if a byte or merge spells the same, as in
    /// tokenizers, where vocabulary keys are byte-level strings. Any other special token (with
    /// a space, say) can never equal a merge in tokenizers; its vocabulary entry is its own
    /// UTF-8, the convention of TokenizerJSON's reader and writer, and it is left out of
    /// `idOfBytes` so that no merge reuses it.
    func initialTokens() -> (tokens: [[UInt8]?], idOfBytes: [[UInt8]: TokenID], byteIDs: [TokenID], specials: [AddedToken]) {
        var tokens: [[UInt8]?] = []
        var idOfBytes: [[UInt8]: TokenID] = [:]
        var idOfContent: [String: TokenID] = [:]
        var specials: [AddedToken] = []
        for content in specialTokens where idOfContent[content] == nil {
            let id = TokenID(tokens.count)
            idOfContent[content] = id
            let bytes = ByteLevelAlphabet.decode(content)
            if let bytes, idOfBytes[bytes] == nil { idOfBytes[bytes] = id }
            tokens.append(bytes ?? Array(content.utf8))
            specials.append(AddedToken(id: id, content: content, special: true, normalized: false))
        }
        var byteIDs = [TokenID](repeating: 0, count: 256)
        let byCodePoint = (0..<256).sorted { ByteLevelAlphabet.scalarForByte[$0] < ByteLevelAlphabet.scalarForByte[$1] }
        for byte in byCodePoint {
            if let id = idOfBytes[[UInt8(byte)]] {
                byteIDs[byte] = id
            } else {
                byteIDs[byte] = TokenID(tokens.count)
                idOfBytes[[UInt8(byte)]] = TokenID(tokens.count)
                tokens.append([UInt8(byte)])
            }
        }
        return (tokens, idOfBytes, byteIDs, specials)
    }

    /// Trains on word counts (from `WordCounts.count(…)` or given directly).
    public func train(_ words: WordCounts) -> BPETrainingResult {
        var (tokens, idOfBytes, byteIDs, specials) = initialTokens()
        var loop = BPEMergeLoop(words: words, byteIDs: byteIDs)
        let (steps, stop) = loop.run(tokens: &tokens, idOfBytes: &idOfBytes, vocabularySize: vocabularySize, minFrequency: minFrequency)
        return Self.result(tokens: tokens, steps: steps, stop: stop, specials: specials, split: split)
    }

    /// Builds the definition from the token list and the merge steps (pair, new id), keeping
    /// each pair once at its last rank as tokenizers' HashMap does.
    static func result(tokens: [[UInt8]?], steps: [(BPEMerge, TokenID)], stop: BPETrainingStop,
                       specials: [AddedToken], split: PreTokenizerSplit) -> BPETrainingResult {
        var lastRank: [BPEMerge: Int] = [:]
        for (rank, step) in steps.enumerated() { lastRank[step.0] = rank }
        var merges: [BPEMerge] = []
        merges.reserveCapacity(lastRank.count)
        for (rank, step) in steps.enumerated() where lastRank[step.0] == rank { merges.append(step.0) }
        let definition = TokenizerDefinition(
            preTokenization: PreTokenization(split: split),
            vocabulary: TokenVocabulary(tokens: tokens),
            merges: merges,
            addedTokens: specials)
        return BPETrainingResult(definition: definition, mergeSteps: steps.count, stop: stop)
    }
}
