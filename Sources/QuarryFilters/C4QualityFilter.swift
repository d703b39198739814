// c4_quality_v1: the cleaning rules of C4 (Raffel et al. 2020, "Exploring the Limits of Transfer
// Learning", JMLR 21, §2.2), with the defaults and reason names of datatrove 0.10.1
// src/datatrove/pipeline/filters/c4_filters.py (C4QualityFilter), whose decisions and output
// text Quarry's match. Line by line (Python `splitlines()`, each line stripped):
//   - a line with a word (split at whitespace) longer than 1,000 characters is removed;
//   - Wikipedia-style citations `[12]`, `[edit]`, `[citation needed]` are deleted from it;
//   - a line not ending in `.`, `?`, `!`, `"` or `'`, or ending in "...", is removed;
//   - a line of fewer than 3 words is removed;
//   - "lorem ipsum" anywhere (case-insensitive) drops the document (`lorem_ipsum`);
//   - a line containing "javascript" is removed;
//   - a "{" drops the document (`curly_bracket`);
//   - a line with "terms of use", "privacy policy", "cookie policy", "uses cookies",
//     "use of cookies" or "use cookies" is removed;
// then a document whose kept lines hold fewer than 5 sentences is dropped
// (`too_few_sentences`), and the others keep only their kept lines. Sentences come from the
// document language's segmentation (spaCy's sentencizer rule for English). Removed lines are
// counted per rule (`line-filter-…`, as datatrove names them).
import QuarryCore
import QuarryText

/// Keeps the lines of a document that look like sentences, and drops documents with too few.
public struct C4QualityFilter: DocumentStage {
    public struct Options: StageOptions {
        public var language = "en"
        public var splitParagraph = true
        public var removeCitations = true
        public var filterNoTerminalPunct = true
        public var minNumSentences: Int? = 5
        public var minWordsPerLine: Int? = 3
        public var maxWordLength: Int? = 1000
        public var filterLoremIpsum = true
        public var filterJavascript = true
        public var filterCurlyBracket = true
        public var filterPolicy = true
        public var languages = LanguageOverrides()

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("language", \.language, doc: "Language assumed for documents without a `language` in metadata; picks the sentence segmentation."),
                .init("split_paragraph", \.splitParagraph, doc: "Apply the line rules to lines (true, as C4) or to sentences (false)."),
                .init("remove_citations", \.removeCitations, doc: "Delete [1], [edit] and [citation needed] from lines."),
                .init("filter_no_terminal_punct", \.filterNoTerminalPunct, doc: "Remove lines not ending in . ? ! \" ' (or ending in ...)."),
                .init("min_num_sentences", \.minNumSentences, doc: "Fewest sentences the kept lines must hold; null to skip."),
                .init("min_words_per_line", \.minWordsPerLine, doc: "Remove lines with fewer whitespace-separated words; null to skip."),
                .init("max_word_length", \.maxWordLength, doc: "Remove lines with a word longer than this many characters; null to skip."),
                .init("filter_lorem_ipsum", \.filterLoremIpsum, doc: "Drop documents containing 'lorem ipsum' (case-insensitive) in a line that got this far."),
                .init("filter_javascript", \.filterJavascript, doc: "Remove lines mentioning 'javascript' (case-insensitive)."),
                .init("filter_curly_bracket", \.filterCurlyBracket, doc: "Drop documents with a '{' in a line that got this far."),
                .init("filter_policy", \.filterPolicy, doc: "Remove lines about terms of use, privacy or cookie policies."),
                .init("languages", \.languages, doc: "Per-language overrides of these options, e.g. {ja: {min_num_sentences: 3}}."),
            ]
        }

        public func validate() throws {
            for (name, value) in [("min_num_sentences", minNumSentences), ("min_words_per_line", minWordsPerLine),
                                  ("max_word_length", maxWordLength)] {
                if let value, value < 0 { throw ConfigError("\(name) must be 0 or more, found \(value); use null to skip the rule") }
            }
        }
    }

    public static let id: StageID = "c4_quality_v1"
    public static let summary = "Keeps only sentence-like lines (C4's rules) and drops documents with too few sentences, lorem ipsum or code."

    /// Lines mentioning these (lower case) are about site policies, not content.
    static let policyPhrases: [StaticString] = [
        "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies",
    ]

    let perLanguage: PerLanguageOptions<Options>

    public init(options: Options) throws {
        try options.validate()
        perLanguage = try PerLanguageOptions(options, overrides: options.languages)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var reasons: [String?] = []
        reasons.reserveCapacity(batch.documents.count)
        for index in batch.documents.indices {
            switch clean(batch.documents[index], stats: &stats) {
            case .drop(let reason): reasons.append(reason)
            case .keep(let text):
                if let text { batch.documents[index].text = text }
                reasons.append(nil)
            }
        }
        var next = 0
        batch.drop { _ in
            defer { next += 1 }
            return reasons[next]
        }
    }

    /// What C4's rules make of one document.
    enum Outcome: Equatable {
        /// Kept, with its new text (nil when unchanged).
        case keep(String?)
        case drop(String)
    }

    /// Applies the rules to one document.
    func clean(_ document: Document, stats: inout StageStats) -> Outcome {
        let language = Languages.of(document, fallback: perLanguage.base.language)
        let o = perLanguage.options(for: language)
        let tokenizer = WordTokenizers.forLanguage(language)
        return withUTF8Bytes(of: document.text) { text -> Outcome in
            var pieces: [Range<Int>] = []
            if let p = text.baseAddress {
                if o.splitParagraph {
                    PythonText.appendLines(p, 0..<text.count, to: &pieces)
                } else {
                    tokenizer.appendSentences(of: text, to: &pieces)
                }
            }
            var kept: [UInt8] = []
            var sentences = 0
            var line = C4Line()
            for piece in pieces {
                stats.count("line-total")
                switch line.judge(text.baseAddress!, piece, o) {
                case .dropDocument(let reason):
                    return .drop(reason)
                case .remove(let rule):
                    stats.count("line-filter-" + rule)
                case .keep:
                    if o.minNumSentences != nil {
                        sentences += o.splitParagraph ? line.bytes.withUnsafeBufferPointer { tokenizer.sentenceCount(of: $0) } : 1
                    }
                    if !kept.isEmpty { kept.append(o.splitParagraph ? 0x0A : 0x20) }  // kept lines are never empty
                    kept.append(contentsOf: line.bytes)
                    stats.count("line-kept")
                }
            }
            stats.observe("sentences", Double(sentences), layout: .linear(0, 100, buckets: 100))
            if let least = o.minNumSentences, sentences < least { return .drop("too_few_sentences") }
            let result = kept.withUnsafeBufferPointer { buffer -> [UInt8] in
                guard let q = buffer.baseAddress else { return [] }
                return Array(buffer[PythonText.strip(q, 0..<buffer.count)])
            }
            if result.elementsEqual(text) { return .keep(nil) }
            return .keep(String(decoding: result, as: UTF8.self))
        }
    }
}
