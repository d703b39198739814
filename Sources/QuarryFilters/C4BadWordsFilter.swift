// c4_badwords_v1: drops documents containing a word of the "List of Dirty, Naughty, Obscene,
// and Otherwise Bad Words" (LDNOOBW) of their language, the C4 rule (Raffel et al. 2020,
// "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer", §2.2).
// Follows datatrove 0.10.1 C4BadWordsFilter (src/datatrove/pipeline/filters/c4_filters.py):
// the same 28 lists at the same commits (built in: Wordlists/ldnoobw/), the same allowlist
// removed from every list ("sm", "グロ", "女の子", "性": common parts of Japanese and Chinese
// words that each flagged over 10% of documents of their language), words matched in the
// text lowered by Python's `str.lower()` between non-word characters, or anywhere for Chinese,
// Japanese and Thai (BadWordMatcher), and the language from metadata `language`.
//
// Differences from datatrove, all outside its decisions for listed languages:
// - `keep_fraction` keeps a document with bad words when a draw in [0, 1) derived from the
//   document id and `seed` (StableDraw) is below it. datatrove draws from one sequential
//   random generator per worker, so its choice depends on document order and worker count;
//   here the same document is kept or dropped however the run is split.
// - A language code with no list of its own is looked up by its primary subtag ("pt-BR" →
//   "pt", "zh_Hant" → "zh") and the aliases "nb"/"nn" → "no", "tl" → "fil"; datatrove
//   requires the exact code.
// - A document whose language has no list is kept and counted; datatrove raises an error
//   mid-run unless told not to. `fail_on_missing_language` checks `default_language` when the
//   pipeline is loaded instead.
import QuarryCore
import QuarryText

/// Drops documents that contain a word of their language's LDNOOBW list.
public struct C4BadWordsFilter: DocumentFilter {
    public struct Options: StageOptions, Equatable {
        /// Share of documents with bad words kept anyway (C4 and datatrove: 0).
        public var keepFraction: Double = 0
        /// Seed of the per-document draw for `keepFraction`.
        public var seed: Int = 0
        /// Language of documents without metadata `language` (datatrove: "en").
        public var defaultLanguage = "en"
        /// Whether a `default_language` without a list is a configuration error.
        public var failOnMissingLanguage = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("keep_fraction", \.keepFraction,
                      doc: "Share of documents with bad words that are kept anyway, 0 to 1 (C4: 0); chosen per document from its id and the seed."),
                .init("seed", \.seed, doc: "Seed of the per-document draw that applies keep_fraction."),
                .init("default_language", \.defaultLanguage,
                      doc: "Language of documents whose metadata has no 'language' (datatrove: en)."),
                .init("fail_on_missing_language", \.failOnMissingLanguage,
                      doc: "Whether a default_language with no word list is a configuration error; documents of other languages without a list are always kept and counted."),
            ]
        }

        public func validate() throws {
            guard keepFraction >= 0 && keepFraction <= 1 else {
                throw ConfigError("keep_fraction must lie between 0 and 1, found \(keepFraction)")
            }
            if failOnMissingLanguage && C4BadWordsFilter.listLanguage(for: defaultLanguage) == nil {
                throw ConfigError("no bad-word list for default_language '\(defaultLanguage)'; lists exist for: "
                                  + C4BadWordsFilter.languages.joined(separator: ", "))
            }
        }
    }

    public static let id: StageID = "c4_badwords_v1"
    public static let summary = "Drops documents containing a word of their language's LDNOOBW bad-word list (C4)."

    /// The drop reason.
    public static let reason = "c4_badwords"

    /// Language codes that have a built-in list, sorted.
    public static let languages: [String] = BuiltinWordlists.ldnoobw.keys.sorted()

    /// Words that datatrove removes from every list: common parts of Japanese and Chinese words.
    static let allowlist: Set<String> = ["sm", "グロ", "女の子", "性"]

    /// Languages written without spaces, where words match anywhere.
    static let substringLanguages: Set<String> = ["ja", "th", "zh"]

    public let options: Options
    private let matchers: [String: BadWordMatcher]

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        matchers = Self.sharedMatchers
    }

    /// The matchers of every language, compiled once per process (they depend on nothing else).
    private static let sharedMatchers: [String: BadWordMatcher] = {
        var result: [String: BadWordMatcher] = [:]
        for (language, text) in BuiltinWordlists.ldnoobw {
            result[language] = matcher(language: language, words: WordListFiles.entries(of: text))
        }
        return result
    }()

    /// The matcher datatrove would build for `language` from `words`.
    static func matcher(language: String, words: [String]) -> BadWordMatcher {
        BadWordMatcher(words: words.filter { !allowlist.contains($0) },
                       boundary: substringLanguages.contains(language) ? .none : .nonWordCharacters)
    }

    /// The list language for a language code: the code itself, its primary subtag, or an alias.
    public static func listLanguage(for code: String) -> String? {
        if BuiltinWordlists.ldnoobw[code] != nil { return code }
        let lowered = String(decoding: code.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        let primary = String(lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
        let aliases = ["nb": "no", "nn": "no", "tl": "fil"]
        for candidate in [lowered, primary, aliases[primary] ?? ""] where BuiltinWordlists.ldnoobw[candidate] != nil {
            return candidate
        }
        return nil
    }

    /// What happened to a document, for the stage's counters.
    enum Outcome: Equatable {
        case clean
        case missingLanguage(String)
        case dropped
        case keptByFraction
    }

    func evaluate(_ document: Document) -> Outcome {
        var code = options.defaultLanguage
        if case .string(let value)? = document.metadata[MetadataKey.language] { code = value }
        guard let language = Self.listLanguage(for: code), let matcher = matchers[language] else {
            return .missingLanguage(code)
        }
        guard matcher.matches(document.text) else { return .clean }
        if options.keepFraction > 0 && StableDraw.unitInterval(id: document.id, seed: options.seed) < options.keepFraction {
            return .keptByFraction
        }
        return .dropped
    }

    /// Keeps or drops `document`, counting `badwords_found`, `badwords_kept_by_fraction` and
    /// `badwords_missing_language`, the last also per language code
    /// (`badwords_missing_language_<code>`, or `_other` for values that are not language codes).
    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        switch evaluate(document) {
        case .clean:
            return .keep
        case .dropped:
            stats.count("badwords_found")
            return .drop(reason: Self.reason)
        case .keptByFraction:
            stats.count("badwords_found")
            stats.count("badwords_kept_by_fraction")
            return .keep
        case .missingLanguage(let code):
            stats.count("badwords_missing_language")
            stats.count("badwords_missing_language_" + (Self.looksLikeLanguageCode(code) ? code : "other"))
            return .keep
        }
    }

    /// Whether `code` has the shape of a BCP 47 tag: 2 or 3 ASCII letters, then up to three
    /// subtags of 1 to 8 letters or digits after "-" or "_" (16 bytes at most), so counter
    /// names stay few whatever the metadata holds.
    static func looksLikeLanguageCode(_ code: String) -> Bool {
        let parts = code.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" })
        guard code.utf8.count <= 16, parts.count <= 4, let first = parts.first,
              (2...3).contains(first.utf8.count), first.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.utf8.count)
                && part.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
        }
    }
}
