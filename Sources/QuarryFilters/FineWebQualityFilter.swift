// fineweb_quality_v1: the line-level quality rules FineWeb added to Gopher and C4 (Penedo et al.
// 2024, "The FineWeb Datasets", arXiv:2406.17557, §3.3), with the defaults and reason names of
// datatrove 0.10.1 src/datatrove/pipeline/filters/fineweb_quality_filter.py, whose decisions
// Quarry's match. On the document's non-blank lines (split at "\n"), in order:
//   line_punct_ratio  fewer than 12% of lines end in terminal punctuation (the last character
//                     of the line as written, e.g. `.`, `!`, `?`, `。`);
//   short_line_ratio  more than 67% of lines are at most 30 characters long;
//   char_dup_ratio    characters in lines repeating an earlier line exceed 1% of the
//                     document's characters (newlines not counted);
//   list_ratio        more than 0.3 newlines per word.
// A document with no non-blank line is dropped as `empty`.
import QuarryCore
import QuarryText

/// Drops documents failing FineWeb's line-based quality rules.
public struct FineWebQualityFilter: DocumentFilter {
    public struct Options: StageOptions {
        public var language = "en"
        public var linePunctThr: Double = 0.12
        public var linePunctExcludeZero = false
        public var stopChars: [String]? = nil
        public var shortLineThr: Double = 0.67
        public var shortLineLength = 30
        public var charDuplicatesRatio: Double = 0.01
        public var newLineRatio: Double = 0.3
        public var languages = LanguageOverrides()

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("language", \.language, doc: "Language assumed for documents without a `language` in metadata; picks the word segmentation."),
                .init("line_punct_thr", \.linePunctThr, doc: "Smallest share of non-blank lines ending in terminal punctuation."),
                .init("line_punct_exclude_zero", \.linePunctExcludeZero, doc: "Keep documents where no line ends in punctuation (FineWeb2 sets this for some languages)."),
                .init("stop_chars", \.stopChars, doc: "Line endings that count as terminal punctuation; null for datatrove's TERMINAL_PUNCTUATION (159 marks of many scripts)."),
                .init("short_line_thr", \.shortLineThr, doc: "Largest share of non-blank lines that are short."),
                .init("short_line_length", \.shortLineLength, doc: "A line of at most this many characters is short."),
                .init("char_duplicates_ratio", \.charDuplicatesRatio, doc: "Largest share of characters (newlines excluded) in lines repeating an earlier line."),
                .init("new_line_ratio", \.newLineRatio, doc: "Most newlines per word."),
                .init("languages", \.languages, doc: "Per-language overrides of these options, e.g. {zh: {short_line_length: 15}}."),
            ]
        }

        public func validate() throws {
            for (name, value) in [("line_punct_thr", linePunctThr), ("short_line_thr", shortLineThr),
                                  ("char_duplicates_ratio", charDuplicatesRatio)] {
                try checkRatio(name, value)
            }
            if shortLineLength < 0 { throw ConfigError("short_line_length must be 0 or more, found \(shortLineLength)") }
            if newLineRatio < 0 { throw ConfigError("new_line_ratio must be 0 or more, found \(newLineRatio)") }
            if let stopChars, stopChars.contains(where: \.isEmpty) { throw ConfigError("stop_chars contains an empty string") }
        }
    }

    public static let id: StageID = "fineweb_quality_v1"
    public static let summary = "Drops documents failing FineWeb's line rules (terminal punctuation, short lines, duplicate lines, list-like text)."

    let perLanguage: PerLanguageOptions<Options>

    public init(options: Options) throws {
        try options.validate()
        perLanguage = try PerLanguageOptions(options, overrides: options.languages)
    }

    public func decide(_ document: Document, stats: inout StageStats) -> FilterDecision {
        let language = Languages.of(document, fallback: perLanguage.base.language)
        let o = perLanguage.options(for: language)
        let stopChars = o.stopChars.map { $0.map { Array($0.utf8) } }
        return withUTF8Bytes(of: document.text) { text in
            guard let p = text.baseAddress else { return .drop(reason: "empty") }
            var lines: [Range<Int>] = []
            var newlines = 0
            var start = 0
            for i in 0...text.count where i == text.count || p[i] == 0x0A {
                let line = start..<i
                if !PythonText.strip(p, line).isEmpty { lines.append(line) }
                if i < text.count { newlines += 1 }
                start = i + 1
            }
            guard !lines.isEmpty else { return .drop(reason: "empty") }
            let count = Double(lines.count)
            let punctuated = lines.reduce(0) { $0 + (endsInStopChar(p, $1, stopChars) ? 1 : 0) }
            let punctRatio = Double(punctuated) / count
            stats.observe("line_punct_ratio", punctRatio, layout: .linear(0, 1, buckets: 50))
            if punctRatio < o.linePunctThr && !(punctuated == 0 && o.linePunctExcludeZero) {
                return .drop(reason: "line_punct_ratio")
            }
            let short = lines.reduce(0) { $0 + (PythonText.length(p, $1) <= o.shortLineLength ? 1 : 0) }
            let shortRatio = Double(short) / count
            stats.observe("short_line_ratio", shortRatio, layout: .linear(0, 1, buckets: 50))
            if shortRatio > o.shortLineThr { return .drop(reason: "short_line_ratio") }
            let repeatedChars = RepeatedParts.duplicates(p, lines).characters
            let dupRatio = Double(repeatedChars) / Double(PythonText.length(p, 0..<text.count) - newlines)
            stats.observe("char_dup_ratio", dupRatio, layout: .linear(0, 1, buckets: 50))
            if dupRatio > o.charDuplicatesRatio { return .drop(reason: "char_dup_ratio") }
            let words = WordCache.words(of: text, language: language)
            let listRatio = words.isEmpty ? Double.infinity : Double(newlines) / Double(words.count)
            stats.observe("newlines_per_word", listRatio, layout: .linear(0, 2, buckets: 50))
            if listRatio > o.newLineRatio { return .drop(reason: "list_ratio") }
            return .keep
        }
    }

    /// Whether `line` ends with one of `stopChars`, or with a TERMINAL_PUNCTUATION mark when nil.
    private func endsInStopChar(_ p: UnsafePointer<UInt8>, _ line: Range<Int>, _ stopChars: [[UInt8]]?) -> Bool {
        guard !line.isEmpty else { return false }
        guard let stopChars else {
            let last = PythonText.scalarStart(p, before: line.upperBound, from: line.lowerBound)
            return PunctuationClasses.isTerminal(PythonText.scalar(p, last, line.upperBound).value)
        }
        return stopChars.contains { suffix in
            suffix.count <= line.count
                && suffix.withUnsafeBufferPointer { PythonText.memcmpEqual(p + line.upperBound - suffix.count, $0.baseAddress!, suffix.count) }
        }
    }
}
