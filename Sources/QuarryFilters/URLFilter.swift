// url_filter_v1: drops documents by their URL (metadata `url`): blocklisted domains and URLs,
// banned words, several soft-banned words, and banned substrings. Follows datatrove 0.10.1
// URLFilter (src/datatrove/pipeline/filters/url_filter.py), itself after RefinedWeb (Penedo
// et al. 2023, §G.1): the same checks in the same order, the same soft-word threshold (2), and
// the same word lists built in (datatrove's assets banned_words.txt, soft_banned_words.txt,
// banned_subwords.txt, Apache-2.0; Wordlists/datatrove-url/). List words are normalised as
// datatrove does: ASCII letters and digits only, lowercased ("2 girls 1 cup" → "2girls1cup").
//
// Differences from datatrove, each making a listed entry match where datatrove misses it:
// - Domains: the document's host and every domain above it are looked up ("a.b.example.com",
//   "b.example.com", "example.com", "com"), so no public-suffix list is needed; datatrove
//   looks up only the full host and the registered domain under the public suffix
//   (tldextract). Hosts are lowercased (datatrove compares them as written).
// - URLs are looked up as written and without their "scheme://" (datatrove: as written only,
//   while its own URL list holds URLs without a scheme).
// - URL words are lowercased before the banned and soft-banned lists are consulted.
// - datatrove's 4.6-million-domain and 19,586-URL lists (derived from the UT1 blacklists of
//   Université Toulouse Capitole, 123 MB) are not built in: give them as
//   `blocklist_domains_files` / `blocklist_urls_files` (README in Wordlists/ says how).
// - A document without a URL is kept (or dropped with `drop_missing_url`); datatrove fails.
import QuarryCore

/// Drops documents whose URL is blocklisted or holds banned words.
public struct URLFilter: DocumentFilter {
    public struct Options: StageOptions, Equatable {
        public var urlKey = MetadataKey.url
        public var blocklistDomainsFiles: [String] = []
        public var blocklistURLsFiles: [String] = []
        public var extraDomains: [String] = []
        public var extraURLs: [String] = []
        public var bannedWords: [String] = []
        public var bannedSubwords: [String] = []
        public var softBannedWords: [String] = []
        /// Soft-banned words a URL may hold before it is dropped, minus one (datatrove: 2).
        public var softWordThreshold = 2
        public var useBuiltinLists = true
        public var dropMissingURL = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("url_key", \.urlKey, doc: "Metadata key holding the document's URL."),
                .init("blocklist_domains_files", \.blocklistDomainsFiles,
                      doc: "Files of blocked domains, one a line ('#' comments); a domain blocks its subdomains too. Plain text only."),
                .init("blocklist_urls_files", \.blocklistURLsFiles,
                      doc: "Files of blocked URLs, one a line ('#' comments), with or without their scheme. Plain text only."),
                .init("extra_domains", \.extraDomains, doc: "More blocked domains, given inline."),
                .init("extra_urls", \.extraURLs, doc: "More blocked URLs, given inline."),
                .init("banned_words", \.bannedWords,
                      doc: "Words that drop a document when one is a word of its URL (words: runs of ASCII letters and digits)."),
                .init("banned_subwords", \.bannedSubwords,
                      doc: "Strings that drop a document when one occurs in its URL reduced to lowercase ASCII letters and digits."),
                .init("soft_banned_words", \.softBannedWords,
                      doc: "Words that drop a document when soft_word_threshold or more different ones are words of its URL."),
                .init("soft_word_threshold", \.softWordThreshold,
                      doc: "Number of different soft-banned words in a URL that drops it (datatrove: 2)."),
                .init("use_builtin_lists", \.useBuiltinLists,
                      doc: "Whether datatrove's banned, soft-banned and banned-subword lists are used besides the ones given."),
                .init("drop_missing_url", \.dropMissingURL,
                      doc: "Whether documents without a URL are dropped (reason url_missing) rather than kept."),
            ]
        }

        public func validate() throws {
            guard softWordThreshold >= 1 else {
                throw ConfigError("soft_word_threshold must be 1 or more, found \(softWordThreshold)")
            }
            guard !urlKey.isEmpty else { throw ConfigError("url_key must not be empty") }
        }
    }

    public static let id: StageID = "url_filter_v1"
    public static let summary = "Drops documents whose URL is on a domain or URL blocklist or holds banned words (RefinedWeb, datatrove)."

    /// Drop reasons, in the order the checks run.
    public enum Reason {
        public static let missing = "url_missing"
        public static let domain = "url_domain_blocklisted"
        public static let url = "url_blocklisted"
        public static let bannedWord = "url_banned_word"
        public static let softBannedWords = "url_soft_banned_words"
        public static let bannedSubword = "url_banned_subword"
    }

    public let options: Options
    private let domains: HashedStringSet
    private let urls: HashedStringSet
    private let bannedWords: Set<String>
    private let softBannedWords: Set<String>
    private let subwords: ByteAhoCorasick

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        var domains = HashedStringSet()
        for entry in options.extraDomains { domains.insert(bytes: Self.domainKey(Array(entry.utf8)[...])) }
        for path in options.blocklistDomainsFiles {
            WordListFiles.forEachEntry(of: try WordListFiles.readBytes(path, option: "blocklist_domains_files")) {
                domains.insert(bytes: Self.domainKey(ArraySlice($0)))
            }
        }
        domains.finish()
        var urls = HashedStringSet()
        for entry in options.extraURLs { urls.insert(WordListFiles.strip(entry[...])) }
        for path in options.blocklistURLsFiles {
            WordListFiles.forEachEntry(of: try WordListFiles.readBytes(path, option: "blocklist_urls_files")) {
                urls.insert(bytes: $0)
            }
        }
        urls.finish()
        self.domains = domains
        self.urls = urls
        let builtin = options.useBuiltinLists
        bannedWords = Self.normalizedSet(options.bannedWords, builtin ? BuiltinWordlists.datatroveBannedWords : nil)
        softBannedWords = Self.normalizedSet(options.softBannedWords, builtin ? BuiltinWordlists.datatroveSoftBannedWords : nil)
        let subwordSet = Self.normalizedSet(options.bannedSubwords, builtin ? BuiltinWordlists.datatroveBannedSubwords : nil)
        subwords = ByteAhoCorasick(patterns: subwordSet.sorted().map { Array($0.utf8) })
    }

    /// A domain as looked up: lowercased, without a leading "*." or "." or trailing dots.
    static func domainKey(_ entry: ArraySlice<UInt8>) -> [UInt8] {
        var bytes = entry
        if bytes.starts(with: [0x2A, 0x2E]) { bytes = bytes.dropFirst(2) }
        while bytes.first == 0x2E { bytes = bytes.dropFirst() }
        while bytes.last == 0x2E { bytes = bytes.dropLast() }
        return bytes.map(URLHost.asciiLower)
    }

    /// Words normalised as datatrove does, from inline entries and a built-in list; entries
    /// that normalise to nothing (no ASCII letter or digit) are left out.
    static func normalizedSet(_ inline: [String], _ builtin: String?) -> Set<String> {
        let entries = inline.filter { !$0.hasPrefix("#") } + (builtin.map(WordListFiles.entries(of:)) ?? [])
        return Set(entries.map { String(decoding: URLHost.normalized($0), as: UTF8.self) }.filter { !$0.isEmpty })
    }

    /// Keeps or drops `document`; counts kept documents without a URL as `url_missing_kept`.
    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        guard case .string(let url)? = document.metadata[options.urlKey], !url.isEmpty else {
            if options.dropMissingURL { return .drop(reason: Reason.missing) }
            stats.count("url_missing_kept")
            return .keep
        }
        if domains.count > 0, let host = URLHost.host(of: url),
           URLHost.domainsContaining(host).contains(where: domains.contains) {
            return .drop(reason: Reason.domain)
        }
        if urls.count > 0, urls.contains(url) || URLHost.withoutScheme(url).map(urls.contains) == true {
            return .drop(reason: Reason.url)
        }
        if !bannedWords.isEmpty || !softBannedWords.isEmpty {
            let words = URLHost.words(of: url)
            if !bannedWords.isEmpty, !words.isDisjoint(with: bannedWords) { return .drop(reason: Reason.bannedWord) }
            if !softBannedWords.isEmpty, words.intersection(softBannedWords).count >= options.softWordThreshold {
                return .drop(reason: Reason.softBannedWords)
            }
        }
        if !subwords.isEmpty {
            let normalized = URLHost.normalized(url)
            if normalized.withUnsafeBufferPointer(subwords.containsMatch) { return .drop(reason: Reason.bannedSubword) }
        }
        return .keep
    }
}
