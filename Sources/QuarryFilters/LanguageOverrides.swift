// Language-aware filtering. A document's language comes from its metadata (`language`, written by
// language identification; DESIGN.md §4.1), else from the filter's `language` option. It picks
// the word segmentation (QuarryText.WordTokenizers) and, through the `languages` option, the
// thresholds: FineWeb2 tunes each filter per language, and so can a pipeline file:
//
//   - gopher_quality_v1:
//       languages:
//         zh: { min_avg_word_length: 1, max_avg_word_length: 4, stop_words: [的, 是, 了] }
//
// Each entry overrides some options of the filter for that language; the rest keep the
// filter's values. Overrides are resolved and validated when the stage is built, so a bad
// entry stops the run before any output.
import QuarryCore
import QuarryText

/// Per-language overrides of a filter's options: a mapping from language code to options.
public struct LanguageOverrides: OptionValue, Sendable {
    /// Language code and the options given for it, in file order.
    public var entries: [(language: String, options: ConfigValue)]

    public init() { entries = [] }

    public init(_ entries: [(language: String, options: ConfigValue)]) { self.entries = entries }

    public init(config: ConfigValue) throws {
        switch config.kind {
        case .null:
            entries = []
        case .mapping(let items):
            entries = try items.map { item in
                guard item.value.entries != nil || item.value.kind.isNull else {
                    throw ConfigError("the options for language '\(item.key)' must be a mapping, found \(item.value.kindName)",
                                      line: item.value.line)
                }
                return (language: Languages.normalized(item.key), options: item.value)
            }
        default:
            throw ConfigError("expected a mapping from language code to options, found \(config.kindName)", line: config.line)
        }
    }

    public var configValue: ConfigValue { .mapping(entries.map { (key: $0.language, value: $0.options) }) }
    public static var typeDescription: String { "mapping of language code to options" }
}

extension ConfigValue.Kind {
    var isNull: Bool { if case .null = self { return true }; return false }
}

/// A filter's options, resolved for every language its `languages` option names.
struct PerLanguageOptions<Options: StageOptions>: Sendable {
    /// The options for documents in any other language.
    let base: Options
    /// The options for the languages with overrides, by normalized code.
    let byLanguage: [String: Options]

    /// Resolves `overrides` on top of `base`; throws a ConfigError naming the language.
    init(_ base: Options, overrides: LanguageOverrides) throws {
        self.base = base
        var resolved: [String: Options] = [:]
        for entry in overrides.entries {
            var options = resolved[entry.language] ?? base
            do {
                try options.apply(entry.options)
            } catch let error as ConfigError {
                throw ConfigError("languages.\(entry.language): \(error.message)", line: error.line ?? entry.options.line)
            }
            resolved[entry.language] = options
        }
        byLanguage = resolved
    }

    /// The options for documents in `language` (a normalized code).
    func options(for language: String) -> Options {
        byLanguage[language] ?? base
    }
}

/// Language codes as filters compare them.
enum Languages {
    /// The document's language: metadata `language` when it is a string, else `fallback`;
    /// normalized.
    static func of(_ document: Document, fallback: String) -> String {
        if let code = document.metadata[MetadataKey.language]?.stringValue, !code.isEmpty {
            return normalized(code)
        }
        return fallback
    }

    /// Lower case, and only the language subtag: `zh-Hans` and `zh_CN` become `zh`, `cmn_Hani`
    /// becomes `cmn`.
    static func normalized(_ code: String) -> String {
        var bytes: [UInt8] = []
        for b in code.utf8 {
            if b == 0x2D || b == 0x5F { break }
            bytes.append(b &- 0x41 < 26 ? b | 0x20 : b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
