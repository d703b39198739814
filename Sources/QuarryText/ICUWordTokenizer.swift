// Word and sentence segmentation through ICU's break iterators, for every script: UAX #29 word
// boundaries (Unicode Standard Annex #29, "Unicode Text Segmentation"), with ICU's dictionary
// segmentation of Chinese, Japanese, Thai, Lao, Khmer and Burmese (ICU User Guide, "Boundary
// Analysis"), so "我们现在口头上常说的大模型" is eight words (我们 现在 口头 上 常 说的 大 模型), not
// one. The C side (Sources/CICU/cicu_break.c; this file owns its calls) reads the UTF-8 bytes in
// place through a UText and keeps a few break iterators per thread, as they are not thread-safe.
//
// Words are the UAX #29 word segments that are not blank, as spaCy gives them: punctuation and
// symbols are words of their own ("can't", "3.14" and "U.S.A" are one word each; "e-mail" and
// "ok," are three and two).
// Sentences are UAX #29 sentence segments with ICU's abbreviation suppressions for the locale
// (`@ss=standard`: "Mr. Smith left." is one sentence in English), trimmed.
// Blanks (Unicode White_Space plus U+200B, U+2060 and U+FEFF) are trimmed from both ends of
// every segment, and segments of blanks alone are left out.
//
// ICU takes the text in chunks of at most 1 MiB (its offsets are 32-bit, and its dictionary
// engine needs about ten bytes per byte of a run of Han or Thai), cut after a line feed, which
// changes no boundary; a line longer than a chunk is cut after a space (one extra sentence break)
// or else at a code point (one word split in two per MiB). Text over 2 GB is thus no special
// case. Ill-formed UTF-8 reads as U+FFFD. Should ICU fail (no data, no memory), the text is split
// at blanks instead: no crash, fewer CJK words.
internal import CICU

/// UAX #29 words and sentences through ICU, with dictionary segmentation for the scripts
/// written without spaces.
public struct ICUWordTokenizer: WordTokenizer {
    /// The ICU locale id words are segmented with ("zh", "ja", "th", "en"; "" is the root).
    public let locale: String
    /// The locale id sentences are segmented with: `locale` with ICU's standard abbreviation
    /// suppressions (`@ss=standard`) unless `locale` sets its own keywords.
    public let sentenceLocale: String
    /// Longest piece handed to ICU at once, in bytes (1 MiB; tests use less to cover chunking).
    let maxChunkBytes: Int

    /// A tokenizer for `locale`, an ICU or BCP 47 locale id ("zh", "zh-Hant", "ja", "th", "en").
    /// UAX #29 and the dictionaries apply whatever the locale; it selects ICU's tailorings and
    /// the abbreviation list for sentences.
    public init(locale: String) {
        self.init(locale: locale, maxChunkBytes: Int(CICU_BREAK_DEFAULT_CHUNK))
    }

    init(locale: String, maxChunkBytes: Int) {
        // ICU ids are short ASCII; anything else (or a NUL, which would cut the C string)
        // falls back to the root locale.
        let usable = locale.utf8.count < 48 && locale.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        self.locale = usable ? locale : ""
        self.sentenceLocale = self.locale.contains("@") ? self.locale : self.locale + "@ss=standard"
        self.maxChunkBytes = maxChunkBytes
    }

    public func appendWords(of text: UnsafeBufferPointer<UInt8>, to words: inout [Range<Int>]) {
        segment(text, kind: Int32(CICU_BREAK_WORDS), locale: locale, into: &words)
    }

    public func appendSentences(of text: UnsafeBufferPointer<UInt8>, to sentences: inout [Range<Int>]) {
        segment(text, kind: Int32(CICU_BREAK_SENTENCES), locale: sentenceLocale, into: &sentences)
    }

    private func segment(_ text: UnsafeBufferPointer<UInt8>, kind: Int32, locale: String,
                         into ranges: inout [Range<Int>]) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        withUnsafeMutablePointer(to: &ranges) { target in
            _ = locale.withCString { id in
                cicu_break_utf8(kind, id, base, Int64(text.count), Int64(maxChunkBytes), appendRanges, target)
            }
        }
    }
}

/// The C callback: appends a batch of (start, end) pairs to the `[Range<Int>]` at `context`.
private func appendRanges(_ context: UnsafeMutableRawPointer?, _ pairs: UnsafePointer<Int64>?, _ count: Int32) {
    guard let context, let pairs else { return }
    let ranges = context.assumingMemoryBound(to: [Range<Int>].self)
    for k in 0..<Int(count) {
        ranges.pointee.append(Int(pairs[2 * k])..<Int(pairs[2 * k + 1]))
    }
}
