// gopher_repetition_v1: Gopher's repetition rules (Rae et al. 2021, arXiv:2112.11446, table A1),
// with the defaults and reason names of datatrove 0.10.1
// src/datatrove/pipeline/filters/gopher_repetition_filter.py, whose decisions Quarry's match.
// Fractions are of the document's length in characters (Python `len`), checked in this order:
//   dup_para_frac       paragraphs (split at 2+ newlines) that repeat an earlier one, by count: 0.30
//   dup_para_char_frac  characters in those repeated paragraphs: 0.20
//   dup_line_frac       lines (split at newlines) that repeat an earlier one, by count: 0.30
//   dup_line_char_frac  characters in those repeated lines: 0.20
//   top_{n}_gram        characters covered by the most frequent word n-gram (n-gram length ×
//                       occurrences), n = 2, 3, 4: 0.20, 0.18, 0.16
//   duplicated_{n}_n_grams  characters in n-grams repeating an earlier n-gram (scanning left to
//                       right, skipping past each repeat), n = 5…10: 0.15, 0.14, 0.13, 0.12, 0.11, 0.10
// As in datatrove, a top n-gram's length counts the spaces joining its words, a duplicated
// n-gram's does not, and ties between top n-grams go to the one seen first.
import QuarryCore
import QuarryText

/// Drops documents with too much repeated content.
public struct GopherRepetitionFilter: DocumentFilter {
    public struct Options: StageOptions {
        public var language = "en"
        public var dupLineFrac: Double? = 0.3
        public var dupParaFrac: Double? = 0.3
        public var dupLineCharFrac: Double? = 0.2
        public var dupParaCharFrac: Double? = 0.2
        public var topNGrams = NGramThresholds([(2, 0.2), (3, 0.18), (4, 0.16)])
        public var dupNGrams = NGramThresholds([(5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)])
        public var languages = LanguageOverrides()

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("language", \.language, doc: "Language assumed for documents without a `language` in metadata; picks the word segmentation."),
                .init("dup_line_frac", \.dupLineFrac, doc: "Largest share of lines that repeat an earlier line; null to skip."),
                .init("dup_para_frac", \.dupParaFrac, doc: "Largest share of paragraphs that repeat an earlier paragraph; null to skip."),
                .init("dup_line_char_frac", \.dupLineCharFrac, doc: "Largest share of the document's characters in repeated lines; null to skip."),
                .init("dup_para_char_frac", \.dupParaCharFrac, doc: "Largest share of the document's characters in repeated paragraphs; null to skip."),
                .init("top_n_grams", \.topNGrams, doc: "For each n, the largest share of characters the most frequent word n-gram may cover."),
                .init("dup_n_grams", \.dupNGrams, doc: "For each n, the largest share of characters in word n-grams repeating an earlier one."),
                .init("languages", \.languages, doc: "Per-language overrides of these options, e.g. {ja: {dup_line_frac: 0.25}}."),
            ]
        }

        public func validate() throws {
            for (name, value) in [("dup_line_frac", dupLineFrac), ("dup_para_frac", dupParaFrac),
                                  ("dup_line_char_frac", dupLineCharFrac), ("dup_para_char_frac", dupParaCharFrac)] {
                try checkRatio(name, value)
            }
            try topNGrams.validate(name: "top_n_grams")
            try dupNGrams.validate(name: "dup_n_grams")
        }
    }

    public static let id: StageID = "gopher_repetition_v1"
    public static let summary = "Drops documents with repeated lines, paragraphs or word n-grams (Gopher's repetition rules)."

    let perLanguage: PerLanguageOptions<Options>

    public init(options: Options) throws {
        try options.validate()
        perLanguage = try PerLanguageOptions(options, overrides: options.languages)
    }

    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        let language = Languages.of(document, fallback: perLanguage.base.language)
        let o = perLanguage.options(for: language)
        return withUTF8Bytes(of: document.text) { text in
            guard let p = text.baseAddress, !text.isEmpty else { return .drop(reason: "empty") }
            let all = 0..<text.count
            let length = Double(PythonText.length(p, all))
            var parts: [Range<Int>] = []
            Paragraphs.appendParagraphs(p, PythonText.strip(p, all), to: &parts)
            var (repeats, chars) = RepeatedParts.duplicates(p, parts)
            if let limit = o.dupParaFrac, check("dup_para_frac", Double(repeats) / Double(parts.count), limit, &stats) {
                return .drop(reason: "dup_para_frac")
            }
            if let limit = o.dupParaCharFrac, check("dup_para_char_frac", Double(chars) / length, limit, &stats) {
                return .drop(reason: "dup_para_char_frac")
            }
            parts.removeAll(keepingCapacity: true)
            Paragraphs.appendNewlineSeparated(p, all, to: &parts)
            (repeats, chars) = RepeatedParts.duplicates(p, parts)
            if let limit = o.dupLineFrac, check("dup_line_frac", Double(repeats) / Double(parts.count), limit, &stats) {
                return .drop(reason: "dup_line_frac")
            }
            if let limit = o.dupLineCharFrac, check("dup_line_char_frac", Double(chars) / length, limit, &stats) {
                return .drop(reason: "dup_line_char_frac")
            }
            guard !o.topNGrams.entries.isEmpty || !o.dupNGrams.entries.isEmpty else { return .keep }
            let words = WordCache.words(of: text, language: language)
            var grams = NGramHasher()
            grams.append(words: words, of: p)
            var counter = HashCounter64(capacity: words.count)
            for (n, limit) in o.topNGrams.entries where words.count >= n {
                let covered = RepeatedParts.topNGramCharacters(&grams, n: n, table: &counter)
                if check("top_\(n)_gram", Double(covered) / length, limit, &stats) { return .drop(reason: "top_\(n)_gram") }
            }
            var seen = HashSet64(capacity: words.count)
            for (n, limit) in o.dupNGrams.entries {
                let repeated = RepeatedParts.duplicateNGramCharacters(&grams, n: n, table: &seen)
                if check("duplicated_\(n)_n_grams", Double(repeated) / length, limit, &stats) {
                    return .drop(reason: "duplicated_\(n)_n_grams")
                }
            }
            return .keep
        }
    }

    /// Records `value` in the histogram `name` and tells whether it exceeds `limit`.
    private func check(_ name: String, _ value: Double, _ limit: Double, _ stats: inout StageStats) -> Bool {
        stats.observe(name, value, layout: .linear(0, 1, buckets: 50))
        return value > limit
    }
}

/// Thresholds per n-gram size: `{2: 0.2, 3: 0.18}` in a pipeline file.
public struct NGramThresholds: OptionValue, Sendable, Equatable {
    /// (n, largest fraction), in the order given.
    public var entries: [(n: Int, fraction: Double)]

    public init(_ entries: [(Int, Double)]) { self.entries = entries.map { (n: $0.0, fraction: $0.1) } }

    public init(config: ConfigValue) throws {
        switch config.kind {
        case .null: entries = []
        case .mapping(let items):
            entries = try items.map { item in
                guard let n = Int(item.key), n >= 1 else {
                    throw ConfigError("n-gram sizes must be positive integers, found '\(item.key)'", line: item.value.line)
                }
                return (n: n, fraction: try Double(config: item.value))
            }
        default:
            throw ConfigError("expected a mapping from n-gram size to fraction, found \(config.kindName)", line: config.line)
        }
    }

    public var configValue: ConfigValue {
        .mapping(entries.map { (key: String($0.n), value: $0.fraction.configValue) })
    }

    public static var typeDescription: String { "mapping of n-gram size to fraction" }

    public static func == (a: NGramThresholds, b: NGramThresholds) -> Bool {
        a.entries.elementsEqual(b.entries) { $0.n == $1.n && $0.fraction == $1.fraction }
    }

    func validate(name: String) throws {
        for entry in entries { try checkRatio("\(name).\(entry.n)", entry.fraction) }
    }
}
