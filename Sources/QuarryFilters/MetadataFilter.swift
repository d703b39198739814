// metadata_filter_v1: keeps documents whose metadata values pass simple comparisons, the
// "decide later" half of DESIGN.md §3's "score once, decide later": classifiers and language
// identification write `<name>_label`, `<name>_score`, `language` and `language_score` into
// metadata, and thresholds on them are this cheap stage, changed without scoring again.
//
//   - metadata_filter_v1: { key: language, in: [en, de] }
//   - metadata_filter_v1: { key: edu_score, min: 3.0 }
//   - metadata_filter_v1:
//       conditions: [ { key: language, equals: en }, { key: language_score, min: 0.65 } ]
//
// A condition names a top-level metadata key and any of `in`, `not_in`, `equals`, `min`, `max`;
// all of them, and all conditions, must hold. Values compare as follows:
//   - a string value by its text; a number by its JSON literal and by value (`3` equals `3.0`
//     for `in`, `not_in` and `equals` when the option is a number too); a boolean as `true` /
//     `false`;
//   - `min` / `max` (inclusive bounds, in the value's own unit) take numbers, or strings that
//     spell a decimal number (`"0.75"`, `"-2e3"`; no hex, `inf` or `nan`); any other value fails
//     them with the reason `metadata.<key>.not_numeric`;
//   - an absent key or a JSON null is missing: `missing: drop` (default) drops the document
//     with `metadata.<key>.missing`, `missing: keep` lets the condition pass.
// Drop reasons: `metadata.<key>.` followed by `missing`, `not_numeric`, `below_min`,
// `above_max`, `not_in` (not among `in`), `excluded` (among `not_in`) or `not_equal`; the first
// failing check of the first failing condition is the reason. Reasons are built when the stage
// is, so a document costs one metadata lookup per condition and no JSON encoding.
import QuarryCore

/// What a condition does when its key is absent (or null).
public enum MissingMetadata: String, OptionEnum, Sendable {
    case drop, keep
}

/// Drops documents whose metadata values fail comparisons.
public struct MetadataFilter: DocumentFilter {
    /// One condition on one metadata key.
    public struct Condition: StageOptions, Equatable {
        public var key = ""
        public var `in`: [String]?
        public var notIn: [String]?
        public var equals: String?
        public var min: Double?
        public var max: Double?
        /// Overrides the filter's `missing` for this condition when set.
        public var missing: MissingMetadata?

        public init() {}

        public static var fields: [OptionField<Condition>] {
            [
                .init("key", \.key, doc: "The top-level metadata key compared, e.g. language or edu_score."),
                .init("in", \.`in`, doc: "Values kept: the document's value must be one of these."),
                .init("not_in", \.notIn, doc: "Values dropped: the document's value must be none of these."),
                .init("equals", \.equals, doc: "The one value kept (text; numbers compare by value)."),
                .init("min", \.min, doc: "Smallest value kept, inclusive, in the value's own unit (numbers or numeric strings)."),
                .init("max", \.max, doc: "Largest value kept, inclusive, in the value's own unit (numbers or numeric strings)."),
                .init("missing", \.missing, doc: "drop or keep documents without the key (or with null); default: the filter's missing."),
            ]
        }

        /// Whether any comparison is set.
        var hasComparison: Bool { self.`in` != nil || notIn != nil || equals != nil || min != nil || max != nil }

        public func validate() throws {
            guard !key.isEmpty else { throw ConfigError("a condition needs a non-empty 'key'") }
            guard hasComparison else {
                throw ConfigError("the condition on '\(key)' compares nothing; give in, not_in, equals, min or max")
            }
            if let values = self.in, values.isEmpty { throw ConfigError("'in' of '\(key)' lists no value, so nothing would pass") }
            if let values = notIn, values.isEmpty { throw ConfigError("'not_in' of '\(key)' lists no value") }
            if let low = min, let high = max, low > high {
                throw ConfigError("min (\(low)) of '\(key)' is greater than max (\(high))")
            }
        }
    }

    public struct Options: StageOptions, Equatable {
        /// The single-condition form: `{ key: language, in: [en] }`.
        public var single = Condition()
        public var conditions: ConditionList = ConditionList()
        public var missing = MissingMetadata.drop

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("key", \.single.key, doc: "The top-level metadata key compared (single-condition form), e.g. language."),
                .init("in", \.single.`in`, doc: "Values kept: the document's value must be one of these."),
                .init("not_in", \.single.notIn, doc: "Values dropped: the document's value must be none of these."),
                .init("equals", \.single.equals, doc: "The one value kept (text; numbers compare by value)."),
                .init("min", \.single.min, doc: "Smallest value kept, inclusive, in the value's own unit (numbers or numeric strings)."),
                .init("max", \.single.max, doc: "Largest value kept, inclusive, in the value's own unit (numbers or numeric strings)."),
                .init("conditions", \.conditions,
                      doc: "More conditions, each a mapping {key, in, not_in, equals, min, max, missing}; all must hold."),
                .init("missing", \.missing, doc: "drop or keep documents whose metadata lacks a compared key (or holds null)."),
            ]
        }

        /// Every condition, the single-condition form first.
        public var all: [Condition] {
            (single.key.isEmpty && !single.hasComparison ? [] : [single]) + conditions.items
        }

        public func validate() throws {
            if single.hasComparison || !single.key.isEmpty { try single.validate() }
            guard !all.isEmpty else {
                throw ConfigError("no condition: give a key with in, not_in, equals, min or max, or a list of conditions")
            }
        }
    }

    public static let id: StageID = "metadata_filter_v1"
    public static let summary = "Keeps documents whose metadata values (language, classifier scores …) pass comparisons."

    public let options: Options
    private let checks: [Check]

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        checks = options.all.map { Check($0, missing: $0.missing ?? options.missing) }
    }

    public func decide(_ document: Document) -> FilterDecision {
        for check in checks {
            if let reason = check.failure(document.metadata[check.key]) { return .drop(reason: reason) }
        }
        return .keep
    }
}

/// The `conditions` option: a list of mappings, each decoded as a `MetadataFilter.Condition`.
public struct ConditionList: OptionValue, Sendable, Equatable {
    public var items: [MetadataFilter.Condition]

    public init(_ items: [MetadataFilter.Condition] = []) { self.items = items }

    public init(config: ConfigValue) throws {
        switch config.kind {
        case .null: items = []
        case .sequence(let entries):
            items = try entries.enumerated().map { index, entry in
                guard entry.entries != nil else {
                    throw ConfigError("conditions[\(index)] must be a mapping such as {key: language, in: [en]}, found \(entry.kindName)",
                                      line: entry.line)
                }
                do {
                    return try MetadataFilter.Condition(config: entry)
                } catch let error as ConfigError {
                    throw ConfigError("conditions[\(index)]: \(error.message)", line: error.line ?? entry.line)
                }
            }
        default:
            throw ConfigError("expected a list of conditions, found \(config.kindName)", line: config.line)
        }
    }

    public var configValue: ConfigValue { .sequence(items.map(\.resolvedConfig)) }
    public static var typeDescription: String { "list of conditions" }
}

/// A condition compiled for fast checks: value sets, parsed numbers and the drop reasons.
struct Check: Sendable {
    let key: String
    let keepMissing: Bool
    let inTexts: Set<String>?
    let inNumbers: Set<Double>
    let outTexts: Set<String>
    let outNumbers: Set<Double>
    let equalsText: String?
    let equalsNumber: Double?
    let min: Double?
    let max: Double?
    let reasonMissing, reasonNotNumeric, reasonBelow, reasonAbove, reasonNotIn, reasonExcluded, reasonNotEqual: String

    init(_ condition: MetadataFilter.Condition, missing: MissingMetadata) {
        key = condition.key
        keepMissing = missing == .keep
        inTexts = condition.in.map(Set.init)
        inNumbers = Set((condition.in ?? []).compactMap(MetadataNumbers.parse))
        outTexts = Set(condition.notIn ?? [])
        outNumbers = Set((condition.notIn ?? []).compactMap(MetadataNumbers.parse))
        equalsText = condition.equals
        equalsNumber = condition.equals.flatMap(MetadataNumbers.parse)
        min = condition.min
        max = condition.max
        let prefix = "metadata." + condition.key + "."
        reasonMissing = prefix + "missing"
        reasonNotNumeric = prefix + "not_numeric"
        reasonBelow = prefix + "below_min"
        reasonAbove = prefix + "above_max"
        reasonNotIn = prefix + "not_in"
        reasonExcluded = prefix + "excluded"
        reasonNotEqual = prefix + "not_equal"
    }

    /// The drop reason for a document whose value under `key` is `value`, or nil when it passes.
    func failure(_ value: JSONValue?) -> String? {
        let text: String
        var number: Double? = nil
        switch value {
        case nil, .null?: return keepMissing ? nil : reasonMissing
        case .string(let s)?: text = s
        case .number(let n)?: text = n.literal; number = n.doubleValue
        case .bool(let b)?: text = b ? "true" : "false"
        case .array?, .object?: text = ""  // matches no listed text; fails min/max as not numeric
        }
        if min != nil || max != nil {
            if number == nil, case .string(let s)? = value { number = MetadataNumbers.parse(s) }
            guard let number, number.isFinite else { return reasonNotNumeric }
            if let min, number < min { return reasonBelow }
            if let max, number > max { return reasonAbove }
        }
        let isNumber: Bool
        if case .number? = value { isNumber = true } else { isNumber = false }
        if let inTexts {
            let listed = inTexts.contains(text) || (isNumber && number.map { inNumbers.contains($0) } == true)
            if !listed { return reasonNotIn }
        }
        if !outTexts.isEmpty, outTexts.contains(text) || (isNumber && number.map { outNumbers.contains($0) } == true) {
            return reasonExcluded
        }
        if let equalsText, text != equalsText {
            guard isNumber, let equalsNumber, number == equalsNumber else { return reasonNotEqual }
        }
        return nil
    }
}

/// Decimal numbers written as text, as `min` and `max` accept them in string values.
enum MetadataNumbers {
    /// The value of a decimal number (optional sign, digits with an optional fraction, optional
    /// exponent; surrounding spaces allowed), or nil for anything else (hex, `inf`, `nan`, words).
    static func parse(_ text: String) -> Double? {
        var utf8 = Substring(text).utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        guard isDecimal(utf8) else { return nil }
        return Double(Substring(utf8))
    }

    /// Whether the bytes spell `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`.
    static func isDecimal(_ bytes: Substring.UTF8View) -> Bool {
        var i = bytes.startIndex
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func digits() -> Int {
            var n = 0
            while i < bytes.endIndex, isDigit(bytes[i]) { i = bytes.index(after: i); n += 1 }
            return n
        }
        if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { i = bytes.index(after: i) }
        var mantissa = digits()
        if i < bytes.endIndex, bytes[i] == 0x2E {
            i = bytes.index(after: i)
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < bytes.endIndex, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i = bytes.index(after: i)
            if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { i = bytes.index(after: i) }
            guard digits() > 0 else { return false }
        }
        return i == bytes.endIndex
    }
}
