// boilerplate_lines_v1: removes the lines of web text that are not its content: navigation,
// share buttons, cookie and subscription notices, "related articles" lists, view counts,
// bylines, copyright footers, image file names, keyword spam, and lines repeated across many
// documents of the same domain (counted in a first pass over the whole input:
// DomainLineCounts.swift, QuarryCore/CorpusPass.swift). Documents are never dropped for what
// they hold; one left without a non-blank line is dropped as `all_lines_removed`.
//
// Rules (option `rules`; each removed line is counted as `lines_removed_<rule>`, once, under
// the first rule that matches in this order):
//   domain_repeated  in >= min_domain_documents documents and >= min_domain_fraction of its
//                    domain's documents (domains of >= min_documents_per_domain documents);
//   image_file       a file name or URL ending in .png, .jpg, … alone on its line;
//   keyword_list     keywords run together with separators and no sentence end, or words
//                    repeated (BoilerplateLineRules.isKeywordList);
//   copyright … related   the phrase lists of BoilerplatePhrases.swift, English and Chinese
//                    (`javascript` is C4's rule, removing every line that names JavaScript:
//                    off by default; browser_notice takes "Please enable JavaScript");
//                    call_to_action also takes short lines ending in a link arrow (">", "»");
//   no_letters       no letter or digit of any script ("• • •", "|", "***");
//   menu_block       runs of at least menu_min_lines kept lines of at most menu_max_words words
//                    (or rows of such items separated by "/" or "|") without terminal
//                    punctuation (blank lines and removed lines between them do not end a
//                    run): menus, tag clouds, widget counters ("2", "3046");
// Lines that look like program text (LineScan.looksLikeCode: `{`, `=`, `_`, `name(`, `>>>` …)
// are never keyword lists, menu items, arrows or whole-line phrases: documentation pages are
// full of short code lines.
//   too_few_words, no_terminal_punctuation   C4's line rules (Raffel et al. 2020 §2.2; datatrove
//                    0.10.1 C4QualityFilter: fewer than 3 words; not ending in . ? ! " ', or
//                    ending in "..."), with words counted by UAX #29 and dictionary segmentation,
//                    not at spaces, and 。！？ and CJK closing quotes ending a sentence. Off by
//                    default: they also remove headings and list items.
// With `cut_after_related`, a "related articles" heading (a whole line such as "Related
// posts" or "相关推荐") that starts past `related_min_position` of the text also removes every
// line after it, as `related`: the teasers under such headings are sentences no phrase can tell
// from content.
//
// Blank lines are kept, except that blank lines brought together by a removal collapse into
// one, and those at the start or end left by a removal go. A document with nothing removed
// is left exactly as it was.
import QuarryCore
import QuarryText

extension BoilerplateRule: OptionEnum {}

/// Removes boilerplate lines.
public struct BoilerplateLinesStage: CorpusCountingStage {
    public struct Options: StageOptions, Equatable {
        public var rules: [BoilerplateRule] = BoilerplateRule.allCases.filter { ![.javascript, .tooFewWords, .noTerminalPunctuation].contains($0) }
        public var minDomainDocuments = 3
        public var minDomainFraction = 0.3
        public var minDocumentsPerDomain = 10
        public var maxLinesPerDomain = 200_000
        public var maxPhraseLineWords = 20
        public var keywordListMinItems = 5
        public var keywordListMaxItemChars = 24
        public var cutAfterRelated = true
        public var relatedMinPosition = 0.5
        public var menuMinLines = 3
        public var menuMaxWords = 4
        public var minWords = 3
        public var annotate = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("rules", \.rules, doc: "The rules applied (see the stage's source header); the default is all but C4's javascript, too_few_words and no_terminal_punctuation."),
                .init("min_domain_documents", \.minDomainDocuments,
                      doc: "domain_repeated: fewest documents of its domain a line must occur in to be removed."),
                .init("min_domain_fraction", \.minDomainFraction,
                      doc: "domain_repeated: smallest fraction (0 to 1) of its domain's documents a line must occur in to be removed."),
                .init("min_documents_per_domain", \.minDocumentsPerDomain,
                      doc: "domain_repeated: domains with fewer documents than this are left alone."),
                .init("max_lines_per_domain", \.maxLinesPerDomain,
                      doc: "domain_repeated: most distinct lines counted per domain in the first pass (about 40 bytes of memory each); lines first seen after that are not counted."),
                .init("max_phrase_line_words", \.maxPhraseLineWords,
                      doc: "Longest line, in words, the phrase rules remove (C4's rules and line-start notices excepted)."),
                .init("keyword_list_min_items", \.keywordListMinItems,
                      doc: "keyword_list: fewest separated items a line needs to be a keyword list."),
                .init("keyword_list_max_item_chars", \.keywordListMaxItemChars,
                      doc: "keyword_list: longest item, in characters (Unicode scalars, spaces excluded); one item in five may be longer."),
                .init("cut_after_related", \.cutAfterRelated,
                      doc: "related: a \"related articles\" heading also removes every line after it."),
                .init("related_min_position", \.relatedMinPosition,
                      doc: "related: a heading cuts only when it starts past this fraction (0 to 1) of the text's bytes."),
                .init("menu_min_lines", \.menuMinLines, doc: "menu_block: fewest short lines in a run that is removed."),
                .init("menu_max_words", \.menuMaxWords,
                      doc: "menu_block: most words of a line (or of each item of a row split at / or |) that can be part of a menu."),
                .init("min_words", \.minWords, doc: "too_few_words: lines with fewer words are removed (C4: 3)."),
                .init("annotate", \.annotate,
                      doc: "Write the removed lines with their rules to metadata `boilerplate_lines` (to inspect the rules)."),
            ]
        }

        public func validate() throws {
            for (name, value) in [("min_domain_fraction", minDomainFraction), ("related_min_position", relatedMinPosition)]
            where !(0...1).contains(value) {
                throw ConfigError("\(name) must be between 0 and 1, found \(value)")
            }
            for (name, value) in [("min_domain_documents", minDomainDocuments), ("min_documents_per_domain", minDocumentsPerDomain),
                                  ("max_lines_per_domain", maxLinesPerDomain), ("max_phrase_line_words", maxPhraseLineWords),
                                  ("keyword_list_min_items", keywordListMinItems), ("keyword_list_max_item_chars", keywordListMaxItemChars),
                                  ("menu_min_lines", menuMinLines), ("menu_max_words", menuMaxWords), ("min_words", minWords)]
            where value < 0 {
                throw ConfigError("\(name) must be 0 or more, found \(value)")
            }
            if keywordListMinItems < 2 { throw ConfigError("keyword_list_min_items must be at least 2, found \(keywordListMinItems)") }
            if menuMinLines < 1 { throw ConfigError("menu_min_lines must be at least 1, found \(menuMinLines)") }
        }
    }

    public static let id: StageID = "boilerplate_lines_v1"
    public static let summary = "Removes boilerplate lines (navigation, share buttons, cookie and subscription notices, related-article "
        + "lists, footers, keyword spam) and lines repeated across a domain's documents, counted in a first pass."

    /// Metadata key of the removed lines, with `annotate`.
    public static let annotationKey = "boilerplate_lines"
    /// Drop reason of a document left without a non-blank line.
    public static let emptiedReason = "all_lines_removed"

    public let options: Options
    let rules: BoilerplateLineRules
    /// The first pass's counts; nil until prepared (then domain_repeated removes nothing).
    public private(set) var counts: DomainLineCounts?

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        rules = BoilerplateLineRules(options: options)
    }

    // MARK: - First pass

    public var needsCounts: Bool { rules.enabled.contains(.domainRepeated) }

    public func makeCounts() -> DomainLineCounts { DomainLineCounts(maxLinesPerDomain: options.maxLinesPerDomain) }

    public func count(_ documents: [Document], into counts: inout DomainLineCounts) {
        var hashes: [UInt64] = []
        for document in documents {
            guard let domain = DomainLineCounts.domain(of: document) else { continue }
            hashes.removeAll(keepingCapacity: true)
            withUTF8Bytes(of: document.text) { b in
                Self.forEachLine(b) { _, trimmed in
                    if !trimmed.isEmpty { hashes.append(DomainLineCounts.lineHash(UnsafeBufferPointer(rebasing: b[trimmed]))) }
                }
            }
            counts.addDocument(domain: domain, lineHashes: hashes)
        }
    }

    public func finished(_ counts: DomainLineCounts) -> DomainLineCounts {
        var pruned = counts
        pruned.prune(minDocuments: Int64(options.minDocumentsPerDomain), minLineDocuments: Int64(max(1, options.minDomainDocuments)))
        return pruned
    }

    public func decodeCounts(_ bytes: [UInt8]) throws -> DomainLineCounts { try DomainLineCounts(encoded: bytes) }

    public func prepared(with counts: DomainLineCounts) throws -> BoilerplateLinesStage {
        var copy = self
        copy.counts = counts
        return copy
    }

    // MARK: - Second pass

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var emptied: [Bool] = []
        emptied.reserveCapacity(batch.documents.count)
        for index in batch.documents.indices {
            emptied.append(clean(&batch.documents[index], stats: &stats))
        }
        var position = 0
        batch.drop { _ in
            defer { position += 1 }
            return emptied[position] ? Self.emptiedReason : nil
        }
    }

    /// Calls `body` with each line's range (without its line feed) and its trimmed range.
    static func forEachLine(_ b: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Range<Int>) -> Void) {
        var start = 0
        while start <= b.count {
            var end = start
            while end < b.count, b[end] != 0x0A { end += 1 }
            body(start..<end, LineScan.trimmed(b, start..<end))
            if end == b.count { break }
            start = end + 1
        }
    }

    /// Removes the boilerplate lines of one document; true when nothing but blank lines is left
    /// of a document that had text.
    func clean(_ document: inout Document, stats: inout StageStats) -> Bool {
        var domain: DomainLineCounts.Domain?
        if rules.enabled.contains(.domainRepeated), let counts {
            if let name = DomainLineCounts.domain(of: document), let entry = counts.domains[name],
               entry.documents >= Int64(options.minDocumentsPerDomain) {
                domain = entry
            }
        }
        var language: String?
        if case .string(let code)? = document.metadata[MetadataKey.language] { language = code }
        var words = LineWords(language: language)
        var annotations: [JSONValue] = []
        var removedLines = 0
        var rebuilt: (text: String, emptied: Bool)?
        withUTF8Bytes(of: document.text) { b in
            let (lines, verdicts) = judgeLines(b, domain: domain, words: &words)
            var nonBlank = 0
            for (line, rule) in zip(lines, verdicts) where !line.trimmed.isEmpty {
                nonBlank += 1
                guard let rule else { continue }
                removedLines += 1
                stats.count(rule.counter)
                if options.annotate {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[line.trimmed]), as: UTF8.self)
                    annotations.append(.object(["rule": .string(rule.rawValue), "line": .string(text)]))
                }
            }
            stats.count("lines_in", by: Int64(nonBlank))
            if removedLines > 0 { rebuilt = Self.rebuild(b, lines: lines, rules: verdicts) }
        }
        guard let rebuilt else { return false }
        if options.annotate { document.metadata[Self.annotationKey] = .array(annotations) }
        stats.count("lines_removed", by: Int64(removedLines))
        stats.count("changed_documents")
        document.text = rebuilt.text
        document.encodedText = nil
        return rebuilt.emptied
    }

    /// The lines of a document and the rule removing each (nil: kept).
    func judgeLines(_ b: UnsafeBufferPointer<UInt8>, domain: DomainLineCounts.Domain?, words: inout LineWords)
        -> (lines: [(full: Range<Int>, trimmed: Range<Int>)], rules: [BoilerplateRule?]) {
        var lines: [(full: Range<Int>, trimmed: Range<Int>)] = []
        Self.forEachLine(b) { lines.append(($0, $1)) }
        var verdicts = [BoilerplateRule?](repeating: nil, count: lines.count)
        var wordCounts = [Int?](repeating: nil, count: lines.count)
        var code = [Bool](repeating: false, count: lines.count)
        var cutFrom: Int?
        for (i, line) in lines.enumerated() where !line.trimmed.isEmpty {
            if cutFrom != nil {
                verdicts[i] = .related
                continue
            }
            var repeated = false
            if let domain {
                let found = domain.documents(containing: DomainLineCounts.lineHash(UnsafeBufferPointer(rebasing: b[line.trimmed])))
                repeated = found >= Int64(options.minDomainDocuments)
                    && Double(found) >= options.minDomainFraction * Double(domain.documents)
            }
            let verdict = rules.judge(b, line.trimmed, repeated: repeated, words: &words)
            verdicts[i] = verdict.rule
            wordCounts[i] = verdict.words
            code[i] = verdict.code
            if verdict.relatedHeading, options.cutAfterRelated,
               Double(line.trimmed.lowerBound) >= options.relatedMinPosition * Double(b.count) {
                cutFrom = i
            }
        }
        if rules.enabled.contains(.menuBlock) {
            markMenus(b, lines: lines.map(\.trimmed), verdicts: &verdicts, wordCounts: wordCounts, code: code, words: &words)
        }
        return (lines, verdicts)
    }

    /// Marks runs of at least `menu_min_lines` short kept lines as `menu_block`. Blank lines and
    /// lines removed by other rules neither end a run nor count in it; a line that looks like
    /// code ends it.
    func markMenus(_ b: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], verdicts: inout [BoilerplateRule?], wordCounts: [Int?],
                   code: [Bool], words: inout LineWords) {
        var run: [Int] = []
        func close() {
            if run.count >= options.menuMinLines { for i in run { verdicts[i] = .menuBlock } }
            run.removeAll(keepingCapacity: true)
        }
        for (i, line) in lines.enumerated() where !line.isEmpty && verdicts[i] == nil {
            let short = !code[i] && !LineScan.endsWithTerminalPunctuation(b, line)
                && ((wordCounts[i] ?? words.count(b, line)) <= options.menuMaxWords || isItemRow(b, line, words: &words))
            if short { run.append(i) } else { close() }
        }
        close()
    }

    /// A row of menu items separated by `/` or `|` ("写文章/发帖/加入社区", "Login | Register"),
    /// each of at most `menu_max_words` words.
    func isItemRow(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, words: inout LineWords) -> Bool {
        var start = line.lowerBound, parts = 0
        for i in line.lowerBound...line.upperBound where i == line.upperBound || b[i] == 0x2F || b[i] == 0x7C {
            if words.count(b, start..<i) > options.menuMaxWords { return false }
            parts += 1
            start = i + 1
        }
        return parts >= 2
    }

    /// The text without the removed lines, blank lines collapsed where a removal brought them
    /// together; and whether no non-blank line is left.
    static func rebuild(_ b: UnsafeBufferPointer<UInt8>, lines: [(full: Range<Int>, trimmed: Range<Int>)],
                        rules: [BoilerplateRule?]) -> (String, Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var pending: [Range<Int>] = []  // blank lines since the last kept non-blank line
        var removedInGap = false
        var emitted = false
        func emit(_ range: Range<Int>) {
            if emitted { out.append(0x0A) }
            out += b[range]
            emitted = true
        }
        for (line, rule) in zip(lines, rules) {
            if rule != nil {
                removedInGap = true
            } else if line.trimmed.isEmpty {
                pending.append(line.full)
            } else {
                if !removedInGap {
                    pending.forEach(emit)
                } else if emitted, let first = pending.first {
                    emit(first)
                }
                emit(line.full)
                pending.removeAll(keepingCapacity: true)
                removedInGap = false
            }
        }
        guard emitted else { return ("", true) }
        if !removedInGap {
            pending.forEach(emit)
        } else if b.last == 0x0A {
            out.append(0x0A)  // a text that ended with a line feed keeps it
        }
        return (String(decoding: out, as: UTF8.self), false)
    }
}
