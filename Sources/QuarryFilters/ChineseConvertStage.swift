// chinese_convert_v1: puts Chinese text into one script, Traditional to Simplified by default,
// with OpenCC's conversion configs (Debian's libopencc-data: t2s, s2t, tw2s, hk2s, s2tw, s2twp …;
// QuarryText.ChineseScriptConverter), and first removes the inline pinyin annotations some
// sites put after characters, `系統(tǒng)` → `系統` (QuarryText.PinyinAnnotations). Annotations go
// first so that OpenCC sees whole words: `系統` converts as a phrase, `系(xì)統(tǒng)` would not.
//
// Which documents: those whose metadata `language` names Chinese (`languages`, matched on the
// code before any `-` or `_` subtag, so `zh-Hant`, `zh_TW` and `cmn_Hani` count), and by default
// those without a `language`, so the stage works before or without language identification.
// Japanese and Korean documents, whose kanji and hanja OpenCC would rewrite, are left alone.
//
// The converter is opened once, when the pipeline is built, and shared by every worker (OpenCC's
// conversion is read-only; see ChineseScriptConverter). A config that is missing or that OpenCC
// cannot open is a configuration error, reported before any output is written.
//
// Counters: `changed_documents` (text edited), `converted_documents` (OpenCC changed the text),
// `annotated_documents` and `pinyin_annotations_removed`, `skipped_language` (left alone for
// their language). A document OpenCC fails on (never seen on valid text) is set aside as
// `chinese_convert_failed`.
import QuarryCore
import QuarryText

/// Converts between Traditional and Simplified Chinese and removes inline pinyin annotations.
public struct ChineseConvertStage: DocumentStage {
    public struct Options: StageOptions, Equatable {
        public var config = "t2s"
        public var removePinyinAnnotations = true
        public var languages = ["zh", "zho", "chi", "cmn", "yue", "wuu", "lzh"]
        public var requireLanguage = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("config", \.config,
                      doc: "OpenCC conversion: t2s (Traditional to Simplified), s2t, tw2s, tw2sp, hk2s, s2tw, s2twp, s2hk, t2tw, t2hk, tw2t, hk2t, t2jp, jp2t; a path to an OpenCC .json config; or none to only remove annotations."),
                .init("remove_pinyin_annotations", \.removePinyinAnnotations,
                      doc: "Remove a parenthesised pinyin reading with tone marks right after a CJK ideograph, as in 系統(tǒng); English in parentheses stays."),
                .init("languages", \.languages,
                      doc: "Metadata `language` codes of the documents processed, matched before any -/_ subtag; an empty list processes every document."),
                .init("require_language", \.requireLanguage,
                      doc: "Leave documents without a `language` string in metadata unchanged (by default they are processed)."),
            ]
        }

        public func validate() throws {
            if config != Self.noConversion {
                do {
                    _ = try ChineseScriptConverter.resolve(config)
                } catch {
                    throw ConfigError("config: \(error)")
                }
            }
            if config == Self.noConversion && !removePinyinAnnotations {
                throw ConfigError("config is none and remove_pinyin_annotations is false: the stage would do nothing")
            }
            if let bad = languages.first(where: { $0.isEmpty }) {
                throw ConfigError("languages holds an empty code ('\(bad)')")
            }
        }

        /// The `config` value that turns conversion off.
        public static let noConversion = "none"
    }

    public static let id: StageID = "chinese_convert_v1"
    public static let summary = "Converts Traditional <-> Simplified Chinese with OpenCC and removes inline pinyin annotations."
    /// The drop reason of documents OpenCC failed on.
    public static let failedReason = "chinese_convert_failed"

    public let options: Options
    let converter: ChineseScriptConverter?
    let languageCodes: [String]

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        if options.config == Options.noConversion {
            converter = nil
        } else {
            do {
                converter = try ChineseScriptConverter(config: options.config)
            } catch {
                throw ConfigError("config: \(error)")
            }
        }
        languageCodes = options.languages.map(Self.baseCode)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var changed: Int64 = 0, converted: Int64 = 0, annotated: Int64 = 0, annotations: Int64 = 0, skipped: Int64 = 0
        var failed: [Int] = []
        for index in batch.documents.indices {
            guard applies(to: batch.documents[index]) else {
                skipped += 1
                continue
            }
            var text = batch.documents[index].text
            var edited = false
            if options.removePinyinAnnotations, let result = PinyinAnnotations.remove(from: text) {
                text = result.text
                annotated += 1
                annotations += Int64(result.removed)
                edited = true
            }
            if let converter {
                do {
                    if let result = try converter.convert(text) {
                        text = result
                        converted += 1
                        edited = true
                    }
                } catch {
                    failed.append(index)
                    continue
                }
            }
            if edited {
                batch.documents[index].text = text
                changed += 1
            }
        }
        for index in failed.reversed() {
            batch.reject(batch.documents.remove(at: index), reason: Self.failedReason)
        }
        stats.count("changed_documents", by: changed)
        stats.count("converted_documents", by: converted)
        stats.count("annotated_documents", by: annotated)
        stats.count("pinyin_annotations_removed", by: annotations)
        stats.count("skipped_language", by: skipped)
    }

    /// Whether the document's language (or the lack of one) selects it.
    func applies(to document: Document) -> Bool {
        guard case .string(let language)? = document.metadata["language"] else { return !options.requireLanguage }
        return languageCodes.isEmpty || languageCodes.contains(Self.baseCode(language))
    }

    /// A language code in lowercase without its subtags: `zh-Hant` → `zh`, `cmn_Hani` → `cmn`.
    static func baseCode(_ code: String) -> String {
        let base = code.utf8.prefix { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
        return String(decoding: base.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
