// Which word segmentation serves which language. The quality filters are defined on the words
// datatrove's `split_into_words` gives (datatrove 0.10.1 src/datatrove/utils/word_tokenizers.py
// and its tokenizer assignments): spaCy's rule-based tokenizer for English and the other
// space-delimited languages, dictionary segmentation for the scripts written without spaces.
// Quarry uses its spaCy-compatible RuleTokenizer for the former and ICU's dictionary-based
// word breaks (UAX #29 plus dictionaries) for Chinese, Japanese, Thai, Lao, Khmer and Burmese.

/// The word tokenizer for each language.
public enum WordTokenizers {
    /// Languages segmented by dictionary (ICU), by ISO 639-1 and 639-3 code.
    static let dictionaryLocales: [String: String] = [
        "zh": "zh", "zho": "zh", "cmn": "zh", "yue": "zh", "wuu": "zh", "lzh": "zh",
        "ja": "ja", "jpn": "ja",
        "th": "th", "tha": "th",
        "lo": "lo", "lao": "lo",
        "km": "km", "khm": "km",
        "my": "my", "mya": "my",
    ]

    /// The tokenizer for documents in `language` (a lower-case code without region, such as
    /// `en`, `zh` or `cmn`): a dictionary segmenter for the languages above, English rules for
    /// `en`, and spaCy's language-independent rules for every other language.
    public static func forLanguage(_ language: String) -> any WordTokenizer {
        if let locale = dictionaryLocales[language] { return ICUWordTokenizer(locale: locale) }
        if language == "en" || language == "eng" { return RuleTokenizer.english }
        return RuleTokenizer.generic
    }
}
