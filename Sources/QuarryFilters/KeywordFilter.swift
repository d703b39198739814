// keyword_filter_v1: drops documents in which adult or spam keywords make up a large share of
// the words, the signature of keyword-stuffed pages, SEO doorways and porn portals, while a page
// that mentions such a word in passing stays. No published filter defines this rule; it is
// Quarry's, built from parts the field uses: the adult terms are LDNOOBW's list for the
// document's language (as c4_badwords_v1, CC BY 4.0), the spam terms a small list written for
// Quarry (Wordlists/spam/spam.txt: gambling, pharmacy, counterfeits, pirated downloads and
// adult-video portals in English, Chinese, Japanese and Russian), and both can be extended or
// replaced with the user's lists.
//
// Measure: keyword words / words, per category. Words are the document's words from QuarryText's
// segmentation for its language (WordTokenizers: spaCy's rules, or ICU's dictionary segmentation
// for Chinese, Japanese, Thai, Lao, Khmer and Burmese) that hold at least one letter, digit or
// underscore; a keyword word is a word
// that overlaps an occurrence of a keyword (a phrase such as "free download" covers two).
// Keywords are found in the text lowered as Python's str.lower() does (KeywordMatcher). A
// document is dropped when a category has at least `min_keyword_words` keyword words and their
// share is above the category's maximum. The default maximum, 5% of words, is far above what
// ordinary pages reach: over the 2,009 English web pages of the parity sample the largest shares
// were 0.8% (adult) and 0.7% (spam), and the Chinese spam page of the zh-dirty-page corpus, whose
// title is a keyword list, measures 0.7% over its whole text; keyword-list pages run far higher.
import QuarryCore
import QuarryText

/// Drops documents in which adult or spam keywords make up too large a share of the words.
public struct KeywordFilter: DocumentFilter {
    public struct Options: StageOptions, Equatable {
        /// Largest share of words that may be adult keywords (a fraction of words).
        public var maxAdultRatio = 0.05
        /// Largest share of words that may be spam keywords (a fraction of words).
        public var maxSpamRatio = 0.05
        /// Fewest keyword words of a category before its share can drop a document.
        public var minKeywordWords = 3
        public var useBuiltinLists = true
        public var adultKeywords: [String] = []
        public var spamKeywords: [String] = []
        public var adultKeywordsFiles: [String] = []
        public var spamKeywordsFiles: [String] = []
        public var defaultLanguage = "en"

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("max_adult_ratio", \.maxAdultRatio,
                      doc: "Largest share of a document's words that may be adult keywords, 0 to 1 (Quarry's default 0.05: 1 word in 20)."),
                .init("max_spam_ratio", \.maxSpamRatio,
                      doc: "Largest share of a document's words that may be spam keywords, 0 to 1 (Quarry's default 0.05: 1 word in 20)."),
                .init("min_keyword_words", \.minKeywordWords,
                      doc: "Fewest keyword words of a category a document must hold before its share can drop it, so one keyword in a short text does not (default 3)."),
                .init("use_builtin_lists", \.useBuiltinLists,
                      doc: "Whether the built-in lists are used: LDNOOBW's adult words for the document's language and Quarry's spam list."),
                .init("adult_keywords", \.adultKeywords, doc: "More adult keywords or phrases, for every language."),
                .init("spam_keywords", \.spamKeywords, doc: "More spam keywords or phrases, for every language."),
                .init("adult_keywords_files", \.adultKeywordsFiles,
                      doc: "Files of adult keywords, one keyword or phrase a line ('#' comments). Plain text only."),
                .init("spam_keywords_files", \.spamKeywordsFiles,
                      doc: "Files of spam keywords, one keyword or phrase a line ('#' comments). Plain text only."),
                .init("default_language", \.defaultLanguage,
                      doc: "Language of documents whose metadata has no 'language'; it picks the adult list and the word segmentation."),
            ]
        }

        public func validate() throws {
            for (name, value) in [("max_adult_ratio", maxAdultRatio), ("max_spam_ratio", maxSpamRatio)]
            where !(value >= 0 && value <= 1) {
                throw ConfigError("\(name) must lie between 0 and 1, found \(value)")
            }
            guard minKeywordWords >= 1 else {
                throw ConfigError("min_keyword_words must be 1 or more, found \(minKeywordWords)")
            }
        }
    }

    public static let id: StageID = "keyword_filter_v1"
    public static let summary = "Drops documents in which adult or spam keywords make up too large a share of the words."

    /// Drop reasons.
    public enum Reason {
        public static let adult = "keyword_adult"
        public static let spam = "keyword_spam"
    }

    /// Histogram layout of the measured shares: 1% buckets from 0 to 0.5, overflow above.
    static let ratioLayout = HistogramLayout.linear(0, 0.5, buckets: 50)

    public let options: Options
    /// A matcher per LDNOOBW language, and one under "" for languages without a list.
    private let matchers: [String: KeywordMatcher]

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let adultExtra = options.adultKeywords + (try WordListFiles.entries(ofFiles: options.adultKeywordsFiles, option: "adult_keywords_files"))
        var spam = options.spamKeywords + (try WordListFiles.entries(ofFiles: options.spamKeywordsFiles, option: "spam_keywords_files"))
        if options.useBuiltinLists { spam += WordListFiles.entries(of: BuiltinWordlists.spamKeywords) }
        var matchers: [String: KeywordMatcher] = ["": KeywordMatcher(adult: adultExtra, spam: spam)]
        if options.useBuiltinLists {
            for (language, text) in BuiltinWordlists.ldnoobw {
                let adult = WordListFiles.entries(of: text).filter { !C4BadWordsFilter.allowlist.contains($0) }
                matchers[language] = KeywordMatcher(adult: adult + adultExtra, spam: spam)
            }
        }
        self.matchers = matchers
    }

    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        var code = options.defaultLanguage
        if case .string(let value)? = document.metadata[MetadataKey.language] { code = value }
        let listLanguage = C4BadWordsFilter.listLanguage(for: code)
        let matcher = matchers[listLanguage ?? ""] ?? matchers[""]!
        let shares = matcher.shares(in: document.text, tokenizer: Self.tokenizer(for: code))
        stats.observe("keyword_adult_ratio", shares.adult.ratio, layout: Self.ratioLayout)
        stats.observe("keyword_spam_ratio", shares.spam.ratio, layout: Self.ratioLayout)
        if shares.adult.keywordWords >= options.minKeywordWords && shares.adult.ratio > options.maxAdultRatio {
            return .drop(reason: Reason.adult)
        }
        if shares.spam.keywordWords >= options.minKeywordWords && shares.spam.ratio > options.maxSpamRatio {
            return .drop(reason: Reason.spam)
        }
        return .keep
    }

    /// The word segmentation for a language code (QuarryText's choice per language: spaCy's
    /// rules for space-delimited languages, ICU's dictionaries for Chinese, Japanese, Thai, Lao,
    /// Khmer and Burmese), by its lowercased primary subtag ("zh-Hant" → "zh").
    static func tokenizer(for language: String) -> any WordTokenizer {
        let lowered = String(decoding: language.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        let primary = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return WordTokenizers.forLanguage(primary)
    }
}
