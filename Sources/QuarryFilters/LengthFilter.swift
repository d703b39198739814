// length_filter_v1: keeps documents whose length lies within bounds, in Unicode scalars
// (Python's `len(text)`, as datatrove's and Dolma's filters count characters), UTF-8 bytes,
// "\n"-separated lines and whitespace-delimited words (QuarryText.TextMeasures, which follows
// Python's `str.split()`). Every bound is optional; a document is measured only in the units
// that have a bound, cheapest first (bytes are known, then scalars and lines take one SWAR
// scan each, words a byte scan), and the first bound it misses is its drop reason.
//
// Words are counted at whitespace, so text in scripts written without spaces (Chinese,
// Japanese, Thai) has very few words: bound those corpora in characters instead.
import QuarryCore
import QuarryText

/// Drops documents that are too short or too long.
public struct LengthFilter: DocumentFilter {
    public struct Options: StageOptions, Equatable {
        public var minChars: Int?
        public var maxChars: Int?
        public var minBytes: Int?
        public var maxBytes: Int?
        public var minLines: Int?
        public var maxLines: Int?
        public var minWords: Int?
        public var maxWords: Int?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("min_chars", \.minChars, doc: "Fewest characters kept, in Unicode scalars (Python's len); null for no bound."),
                .init("max_chars", \.maxChars, doc: "Most characters kept, in Unicode scalars (Python's len); null for no bound."),
                .init("min_bytes", \.minBytes, doc: "Fewest bytes of UTF-8 text kept; null for no bound."),
                .init("max_bytes", \.maxBytes, doc: "Most bytes of UTF-8 text kept; null for no bound."),
                .init("min_lines", \.minLines, doc: "Fewest lines kept, counting \"\\n\"-separated lines; null for no bound."),
                .init("max_lines", \.maxLines, doc: "Most lines kept, counting \"\\n\"-separated lines; null for no bound."),
                .init("min_words", \.minWords, doc: "Fewest whitespace-delimited words kept; null for no bound."),
                .init("max_words", \.maxWords, doc: "Most whitespace-delimited words kept; null for no bound."),
            ]
        }

        public func validate() throws {
            let pairs: [(unit: String, min: Int?, max: Int?)] = [
                ("chars", minChars, maxChars), ("bytes", minBytes, maxBytes),
                ("lines", minLines, maxLines), ("words", minWords, maxWords),
            ]
            for pair in pairs {
                for (name, value) in [("min_" + pair.unit, pair.min), ("max_" + pair.unit, pair.max)] {
                    if let value, value < 0 { throw ConfigError("\(name) must be 0 or more, found \(value)") }
                }
                if let low = pair.min, let high = pair.max, low > high {
                    throw ConfigError("min_\(pair.unit) (\(low)) is greater than max_\(pair.unit) (\(high))")
                }
            }
        }
    }

    public static let id: StageID = "length_filter_v1"
    public static let summary = "Drops documents outside bounds on characters, bytes, lines or words."

    public let options: Options

    public init(options: Options) throws {
        try options.validate()
        self.options = options
    }

    public func decide(_ document: Document) -> FilterDecision {
        let o = options
        let bytes = document.text.utf8.count
        if let reason = Self.check(bytes, o.minBytes, o.maxBytes, "bytes") { return .drop(reason: reason) }
        // A scalar takes 1 to 4 bytes, so bytes / 4 <= chars <= bytes: most documents are
        // decided by their byte count alone.
        if needsCount(low: o.minChars, high: o.maxChars, atLeast: (bytes + 3) / 4, atMost: bytes) {
            let chars = TextMeasures.scalarCount(document.text)
            if let reason = Self.check(chars, o.minChars, o.maxChars, "chars") { return .drop(reason: reason) }
        }
        if o.minLines != nil || o.maxLines != nil {
            let lines = TextMeasures.lineCount(document.text)
            if let reason = Self.check(lines, o.minLines, o.maxLines, "lines") { return .drop(reason: reason) }
        }
        if o.minWords != nil || o.maxWords != nil {
            let words = TextMeasures.wordCount(document.text)
            if let reason = Self.check(words, o.minWords, o.maxWords, "words") { return .drop(reason: reason) }
        }
        return .keep
    }

    /// Whether a count known to lie in `atLeast...atMost` could miss a bound.
    private func needsCount(low: Int?, high: Int?, atLeast: Int, atMost: Int) -> Bool {
        if let low, atLeast < low { return true }
        if let high, atMost > high { return true }
        return false
    }

    /// `too_few_<unit>` or `too_many_<unit>` when `value` misses a bound, else nil.
    private static func check(_ value: Int, _ low: Int?, _ high: Int?, _ unit: StaticString) -> String? {
        if let low, value < low { return "too_few_\(unit)" }
        if let high, value > high { return "too_many_\(unit)" }
        return nil
    }
}
