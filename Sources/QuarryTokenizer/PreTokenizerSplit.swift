// The pre-tokenizer splits Quarry knows: the regular expressions of GPT-2, Llama-3 (= the
// original cl100k), tiktoken's possessive cl100k_base, Qwen2 and o200k, each implemented as a
// hand-written byte scanner (PreTokenizerScanner*.swift) over generated Unicode class tables,
// never with a regex engine at run time. A tokenizer.json names its split by the exact pattern
// string; `init?(pattern:)` recognises the strings below and nothing else.
// Pattern strings: /work/issue8-prep/regex/PATTERNS.md, from huggingface/tokenizers
// `pre_tokenizers/byte_level.rs`, tiktoken 0.14.0 `tiktoken_ext/openai_public.py`, Meta-Llama-3
// and Qwen2 tokenizer.json files.

/// A pre-tokenizer regex, by name.
public enum PreTokenizerSplit: String, Sendable, Hashable, CaseIterable, Codable {
    /// GPT-2's `ByteLevel(use_regex: true)` pattern (tiktoken r50k/p50k split identically).
    case gpt2
    /// Llama-3's Split regex, which is the original cl100k pattern.
    case llama3
    /// tiktoken 0.14.0's possessive rewrite of cl100k_base (adds `\s++$`, `\s*[\r\n]`).
    case cl100k
    /// Qwen2 / Qwen2.5: Llama-3 with single digits.
    case qwen2
    /// tiktoken's o200k_base (GPT-4o): case-aware words, contractions attached.
    case o200k

    /// The exact regular expression this split implements, as a tokenizer.json carries it.
    public var pattern: String {
        switch self {
        case .gpt2:
            #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
        case .llama3:
            #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
        case .cl100k:
            #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#
        case .qwen2:
            #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
        case .o200k:
            [
                #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
                #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
                #"\p{N}{1,3}"#,
                #" ?[^\s\p{L}\p{N}]+[\r\n/]*"#,
                #"\s*[\r\n]+"#,
                #"\s+(?!\S)"#,
                #"\s+"#,
            ].joined(separator: "|")
        }
    }

    /// The split whose pattern is exactly `pattern`, or nil for any other string (Quarry then
    /// refuses the tokenizer rather than guessing).
    public init?(pattern: String) {
        guard let split = Self.allCases.first(where: { $0.pattern == pattern }) else { return nil }
        self = split
    }
}
