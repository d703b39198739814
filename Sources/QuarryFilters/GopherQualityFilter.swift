// gopher_quality_v1: the quality rules of Gopher (Rae et al. 2021, "Scaling Language Models",
// arXiv:2112.11446, appendix A.1.1), with the defaults and reason names of datatrove 0.10.1
// src/datatrove/pipeline/filters/gopher_quality_filter.py, whose decisions Quarry's match
// (Tests/EndToEndTests/Fixtures/datatrove-filters). Rules, in the order they are checked:
//   1. words outside [min_doc_words, max_doc_words], counting words that are not only
//      punctuation (gopher_short_doc / gopher_long_doc);
//   2. mean length in characters of those words outside [3, 10] (gopher_below/above_avg_threshold);
//   3. "#" per word, or "..." and "…" per word, above 0.1 (gopher_too_many_hashes / _ellipsis);
//   4. more than 90% of lines starting with a bullet ("•" or "-") (gopher_too_many_bullets);
//   5. more than 30% of lines ending in an ellipsis (gopher_too_many_end_ellipsis);
//   6. fewer than 80% of words with an alphabetic character (gopher_below_alpha_threshold);
//   7. fewer than 2 of the stop words "the, be, to, of, and, that, have, with" present
//      (datatrove's reason name, gopher_enough_stop_words, is kept for compatibility).
// Words come from the document's language's segmentation (spaCy-compatible rules for English,
// dictionary segmentation for Chinese, Japanese, Thai). Gopher's stop words are English: other
// languages skip rule 7 unless `stop_words` is given for them (counted as
// `stop_word_rule_skipped`).
import QuarryCore
import QuarryText

/// Drops documents that fail Gopher's quality heuristics.
public struct GopherQualityFilter: DocumentFilter {
    public struct Options: StageOptions {
        public var language = "en"
        public var minDocWords: Int? = 50
        public var maxDocWords: Int? = 100_000
        public var minAvgWordLength: Double? = 3
        public var maxAvgWordLength: Double? = 10
        public var maxSymbolWordRatio: Double? = 0.1
        public var maxBulletLinesRatio: Double? = 0.9
        public var maxEllipsisLinesRatio: Double? = 0.3
        public var minAlphaWordsRatio: Double? = 0.8
        public var minStopWords: Int? = 2
        public var stopWords: [String]? = nil
        public var languages = LanguageOverrides()

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("language", \.language, doc: "Language assumed for documents without a `language` in metadata; picks the word segmentation."),
                .init("min_doc_words", \.minDocWords, doc: "Fewest words (not counting punctuation-only words) a document may have; null for no bound."),
                .init("max_doc_words", \.maxDocWords, doc: "Most words (not counting punctuation-only words) a document may have; null for no bound."),
                .init("min_avg_word_length", \.minAvgWordLength, doc: "Lowest mean word length, in characters, of the non-punctuation words; null to skip."),
                .init("max_avg_word_length", \.maxAvgWordLength, doc: "Highest mean word length, in characters, of the non-punctuation words; null to skip."),
                .init("max_symbol_word_ratio", \.maxSymbolWordRatio, doc: "Most '#', and most '...' plus '…', per word; null to skip."),
                .init("max_bullet_lines_ratio", \.maxBulletLinesRatio, doc: "Largest share of lines starting with '•' or '-' (after leading whitespace); null to skip."),
                .init("max_ellipsis_lines_ratio", \.maxEllipsisLinesRatio, doc: "Largest share of lines ending with '...' or '…'; null to skip."),
                .init("min_alpha_words_ratio", \.minAlphaWordsRatio, doc: "Smallest share of words containing an alphabetic character (datatrove: max_non_alpha_words_ratio); null to skip."),
                .init("min_stop_words", \.minStopWords, doc: "Fewest distinct stop words the document must contain; null to skip."),
                .init("stop_words", \.stopWords, doc: "Stop words (exact, case-sensitive); null for Gopher's English list, used for English documents only."),
                .init("languages", \.languages, doc: "Per-language overrides of these options, e.g. {zh: {min_avg_word_length: 1}}."),
            ]
        }

        public func validate() throws {
            try checkBounds("min_doc_words", minDocWords.map(Double.init), "max_doc_words", maxDocWords.map(Double.init))
            try checkBounds("min_avg_word_length", minAvgWordLength, "max_avg_word_length", maxAvgWordLength)
            for (name, value) in [("max_symbol_word_ratio", maxSymbolWordRatio), ("max_bullet_lines_ratio", maxBulletLinesRatio),
                                  ("max_ellipsis_lines_ratio", maxEllipsisLinesRatio), ("min_alpha_words_ratio", minAlphaWordsRatio)] {
                try checkRatio(name, value)
            }
            if let stopWords, stopWords.contains(where: \.isEmpty) { throw ConfigError("stop_words contains an empty string") }
        }
    }

    public static let id: StageID = "gopher_quality_v1"
    public static let summary = "Drops documents failing Gopher's quality rules (word count, word length, symbols, bullets, alphabetic words, stop words)."

    /// Gopher's stop words (the paper's list, as datatrove gives it).
    public static let englishStopWords = ["the", "be", "to", "of", "and", "that", "have", "with"]
    static let englishStopWordSet = WordSet(englishStopWords)

    let perLanguage: PerLanguageOptions<Options>
    let stopWordSets: [String: WordSet]
    let defaultStopWords: WordSet?

    public init(options: Options) throws {
        try options.validate()
        perLanguage = try PerLanguageOptions(options, overrides: options.languages)
        defaultStopWords = options.stopWords.map { WordSet($0) }
        var sets: [String: WordSet] = [:]
        for (language, resolved) in perLanguage.byLanguage { if let words = resolved.stopWords { sets[language] = WordSet(words) } }
        stopWordSets = sets
    }

    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        let language = Languages.of(document, fallback: perLanguage.base.language)
        let o = perLanguage.options(for: language)
        let stopWords = stopWordSets[language] ?? defaultStopWords
            ?? (language == "en" ? Self.englishStopWordSet : nil)
        return withUTF8Bytes(of: document.text) { text in
            guard let p = text.baseAddress else { return o.minDocWords != nil ? .drop(reason: "gopher_short_doc") : .keep }
            let all = 0..<text.count
            let words = WordCache.words(of: text, language: language)
            var contentWords = 0, contentChars = 0, alphaWords = 0
            for w in words {
                var symbolOnly = true, hasAlpha = false, chars = 0
                var i = w.lowerBound
                while i < w.upperBound {
                    let (s, n) = PythonText.scalar(p, i, w.upperBound)
                    if symbolOnly && !PunctuationClasses.isPunctuation(s) { symbolOnly = false }
                    if !hasAlpha && PythonText.isAlpha(s) { hasAlpha = true }
                    chars += 1
                    i += n
                }
                if !symbolOnly { contentWords += 1; contentChars += chars }
                if hasAlpha { alphaWords += 1 }
            }
            stats.observe("words", Double(contentWords), layout: .log(1, 1_000_000, buckets: 60))
            if let low = o.minDocWords, contentWords < low { return .drop(reason: "gopher_short_doc") }
            if let high = o.maxDocWords, contentWords > high { return .drop(reason: "gopher_long_doc") }
            if contentWords > 0 {
                let mean = Double(contentChars) / Double(contentWords)
                stats.observe("mean_word_length", mean, layout: .linear(0, 20, buckets: 80))
                if let low = o.minAvgWordLength, mean < low { return .drop(reason: "gopher_below_avg_threshold") }
                if let high = o.maxAvgWordLength, mean > high { return .drop(reason: "gopher_above_avg_threshold") }
            }
            guard !words.isEmpty else { return .keep }
            let n = Double(words.count)
            if let limit = o.maxSymbolWordRatio {
                let hashes = Double(PythonText.count("#", in: p, all)) / n
                stats.observe("hash_ratio", hashes, layout: .linear(0, 1, buckets: 50))
                if hashes > limit { return .drop(reason: "gopher_too_many_hashes") }
                let ellipses = Double(PythonText.count("...", in: p, all) + PythonText.count("…", in: p, all)) / n
                stats.observe("ellipsis_ratio", ellipses, layout: .linear(0, 1, buckets: 50))
                if ellipses > limit { return .drop(reason: "gopher_too_many_ellipsis") }
            }
            if o.maxBulletLinesRatio != nil || o.maxEllipsisLinesRatio != nil {
                var lines: [Range<Int>] = []
                PythonText.appendLines(p, all, to: &lines)
                if !lines.isEmpty, let decision = lineRules(p, lines, o, &stats) { return decision }
            }
            if let low = o.minAlphaWordsRatio {
                let ratio = Double(alphaWords) / n
                stats.observe("alpha_words_ratio", ratio, layout: .linear(0, 1, buckets: 50))
                if ratio < low { return .drop(reason: "gopher_below_alpha_threshold") }
            }
            if let least = o.minStopWords {
                guard let stopWords else {
                    stats.count("stop_word_rule_skipped")
                    return .keep
                }
                let found = stopWords.distinctMatches(in: p, words, atLeast: least)
                stats.observe("stop_words", Double(found), layout: .linear(0, 10, buckets: 10))
                if found < least { return .drop(reason: "gopher_enough_stop_words") }
            }
            return .keep
        }
    }

    /// Rules 4 and 5 on the lines of the document.
    private func lineRules(_ p: UnsafePointer<UInt8>, _ lines: [Range<Int>], _ o: Options,
                           _ stats: inout StageStats) -> FilterDecision? {
        var bullets = 0, ellipses = 0
        for line in lines {
            let stripped = PythonText.strip(p, line)
            // lstrip() then startswith; rstrip() then endswith: stripping both ends is the same test.
            if PythonText.hasPrefix(p, stripped, "•") || PythonText.hasPrefix(p, stripped, "-") { bullets += 1 }
            if PythonText.hasSuffix(p, stripped, "...") || PythonText.hasSuffix(p, stripped, "…") { ellipses += 1 }
        }
        let count = Double(lines.count)
        if let limit = o.maxBulletLinesRatio {
            stats.observe("bullet_lines_ratio", Double(bullets) / count, layout: .linear(0, 1, buckets: 50))
            if Double(bullets) / count > limit { return .drop(reason: "gopher_too_many_bullets") }
        }
        if let limit = o.maxEllipsisLinesRatio {
            stats.observe("end_ellipsis_lines_ratio", Double(ellipses) / count, layout: .linear(0, 1, buckets: 50))
            if Double(ellipses) / count > limit { return .drop(reason: "gopher_too_many_end_ellipsis") }
        }
        return nil
    }
}
