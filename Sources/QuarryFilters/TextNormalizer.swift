// text_normalize_v1: puts document text into one canonical shape before filters, dedup and
// tokenization see it, so that texts that look the same are the same bytes. It covers what
// corpus tools do in their Unicode and whitespace steps (ftfy's default NFC, as used by
// datatrove's and NeMo Curator's formatters; Data-Juicer's whitespace normalization from
// BigScience's data preparation), with Unicode normalization from UAX #15 and character classes
// from the Unicode Character Database (Cc controls, Zs/Zl/Zp separators, Cf format characters).
// Unlike Data-Juicer it removes invisible characters instead of turning them into spaces, and
// keeps ZWJ and ZWNJ, which emoji sequences and Indic and Persian spelling depend on.
//
// Order: (1) Unicode normalization (`form`), only for text with non-ASCII bytes; (2) one pass
// over the UTF-8 bytes that maps characters (line breaks, controls, invisible characters,
// Unicode spaces) and lays out lines (trailing whitespace, space runs, blank lines, trim),
// writing into a buffer reused across the batch. Plain ASCII runs are copied eight bytes at a
// time. A new String is made only when the pass changed something. Removing a character can
// bring a base letter next to a combining mark, so text from which the pass removed
// characters is normalized again. Lines end at LF (after `newlines` maps the other breaks);
// with `newlines: false`, CR and U+0085 are kept as they are, even with `control_chars`.
// Counter: `changed_documents`. A document left without text is dropped as
// `empty_after_normalize` (the reject keeps the text as it came in).
import QuarryCore
import QuarryText

/// Normalizes Unicode, line breaks and whitespace of document text.
public struct TextNormalizer: DocumentStage {
    /// The Unicode normalization form to apply, or none.
    public enum Form: String, OptionEnum, Sendable {
        case nfc, nfkc, nfd, nfkd, none

        public var normalizationForm: NormalizationForm? { NormalizationForm(rawValue: rawValue) }
    }

    public struct Options: StageOptions, Equatable {
        public var form = Form.nfc
        public var newlines = true
        public var controlChars = true
        public var invisible = true
        public var unicodeSpaces = true
        public var trailingWhitespace = true
        public var collapseSpaces = false
        public var maxBlankLines = 2
        public var trim = true

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("form", \.form, doc: "Unicode normalization form (UAX #15) applied first, or none; ASCII-only text is never changed by it."),
                .init("newlines", \.newlines, doc: "Turn CRLF, CR, U+0085, U+2028 and U+2029 into a line feed, one per line break."),
                .init("control_chars", \.controlChars,
                      doc: "Remove C0 controls other than tab, line feed and carriage return, DEL, and C1 controls U+0080–U+009F except U+0085."),
                .init("invisible", \.invisible,
                      doc: "Remove the invisible characters U+200B, U+2060, U+FEFF and U+00AD; ZWJ and ZWNJ are always kept."),
                .init("unicode_spaces", \.unicodeSpaces,
                      doc: "Replace each Unicode space (U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) with one ASCII space."),
                .init("trailing_whitespace", \.trailingWhitespace, doc: "Remove spaces and tabs at the end of every line."),
                .init("collapse_spaces", \.collapseSpaces, doc: "Replace every run of spaces and tabs within a line with one space."),
                .init("max_blank_lines", \.maxBlankLines,
                      doc: "Most consecutive empty lines kept (empty after trailing_whitespace), in lines; -1 keeps them all."),
                .init("trim", \.trim, doc: "Remove ASCII whitespace (space, tab, LF, CR, VT, FF) at the start and end of the text."),
            ]
        }

        public func validate() throws {
            guard maxBlankLines >= -1 else {
                throw ConfigError("max_blank_lines must be -1 (keep all) or a count of 0 or more, found \(maxBlankLines)")
            }
        }
    }

    public static let id: StageID = "text_normalize_v1"
    public static let summary = "Normalizes Unicode (NFC), line breaks, control and invisible characters, spaces and blank lines."
    /// The drop reason of documents with no text left.
    public static let emptyReason = "empty_after_normalize"
    /// The drop reason of documents ICU could not normalize (out of memory, over 2 GiB).
    public static let failedReason = "normalization_failed"

    public let options: Options
    let rules: ByteRules

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        rules = ByteRules(options)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var scratch = ScratchBytes(capacity: 1 << 16)
        var kept = 0
        var changed: Int64 = 0
        for index in batch.documents.indices {
            let original = batch.documents[index].text
            let result: String?
            do {
                result = try normalize(original, scratch: &scratch)
            } catch {
                batch.reject(batch.documents[index], reason: Self.failedReason)
                continue
            }
            if (result ?? original).isEmpty {
                batch.reject(batch.documents[index], reason: Self.emptyReason)
                continue
            }
            if let result {
                batch.documents[index].text = result
                changed += 1
            }
            if kept != index { batch.documents.swapAt(kept, index) }
            kept += 1
        }
        batch.documents.removeLast(batch.documents.count - kept)
        stats.count("changed_documents", by: changed)
    }

    /// The normalized text, or nil when normalization leaves `text` exactly as it is.
    public func normalize(_ text: String) throws(NormalizationError) -> String? {
        var scratch = ScratchBytes(capacity: text.utf8.count)
        return try normalize(text, scratch: &scratch)
    }

    func normalize(_ text: String, scratch: inout ScratchBytes) throws(NormalizationError) -> String? {
        let form = options.form.normalizationForm
        var text = text
        var normalized = false
        if let form, let unicodeNormalized = try UnicodeNormalization.normalize(text, to: form) {
            text = unicodeNormalized
            normalized = true
        }
        let inputCount = text.utf8.count
        scratch.reserve(inputCount)
        let output = scratch.base
        let rules = rules
        let pass = text.withUTF8 { ByteRules.apply(rules, to: $0, into: output) }
        assert(pass.count <= inputCount)
        let result = UnsafeBufferPointer(start: output, count: pass.count)
        if pass.count == inputCount && !pass.substituted {
            assert(text.withUTF8 { $0.elementsEqual(result) }, "the pass changed bytes without reporting it")
            return normalized ? text : nil
        }
        let isASCII = SWAR.isASCII(result)
        if pass.removed, !isASCII, let form, let again = try UnicodeNormalization.normalize(result, to: form) {
            return again
        }
        return String(validatedUTF8: result, isASCII: isASCII)
    }
}

/// A byte buffer reused for every document of a batch; the pass never writes more bytes than
/// it reads, so the input's length is always enough.
struct ScratchBytes: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        base.deallocate()
        capacity = max(count, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
}

/// The byte pass of text_normalize_v1: character mapping and line layout in one scan.
struct ByteRules: Sendable {
    var newlines, controlChars, invisible, unicodeSpaces: Bool
    var trailingWhitespace, collapseSpaces, trim: Bool
    var maxBlankLines: Int

    init(_ o: TextNormalizer.Options) {
        (newlines, controlChars, invisible, unicodeSpaces) = (o.newlines, o.controlChars, o.invisible, o.unicodeSpaces)
        (trailingWhitespace, collapseSpaces, trim) = (o.trailingWhitespace, o.collapseSpaces, o.trim)
        maxBlankLines = o.maxBlankLines
    }

    /// What one input character becomes.
    enum Token { case content, space, lineBreak, removed }

    /// Writes the mapped and laid-out text of valid UTF-8 `src` to `dst` (room for
    /// `src.count` bytes: no step writes more bytes than it reads). Returns the bytes written,
    /// whether a character was removed, and whether a byte was replaced by another single
    /// byte (CR by LF, tab by space): with neither and an unchanged length, output == input.
    static func apply(_ rules: ByteRules, to src: UnsafeBufferPointer<UInt8>,
                      into dst: UnsafeMutablePointer<UInt8>) -> (count: Int, removed: Bool, substituted: Bool) {
        guard let s = src.baseAddress else { return (0, false, false) }
        let n = src.count
        var i = 0, o = 0
        var lineStart = 0, contentEnd = 0  // output offsets: the current line, its last non-blank byte
        var blankRun = 0                   // empty lines just written
        var inSpaceRun = false, removed = false, substituted = false
        while i < n {
            if n - i >= 8 {  // copy plain ASCII (0x21...0x7E) eight bytes at a time
                let word = SWAR.load(s + i)
                let special = SWAR.bytes(word, below: 0x21) | SWAR.nonASCII(word) | SWAR.bytes(word, equalTo: 0x7F)
                let plain = special == 0 ? 8 : SWAR.firstIndex(special)
                if plain > 0 {
                    SWAR.store(word, at: dst + o)  // bytes past `plain` are overwritten later
                    i += plain
                    o += plain
                    contentEnd = o
                    inSpaceRun = false
                    continue
                }
            }
            let b = s[i]
            var length = 1
            var token = Token.content
            var spaceByte: UInt8 = 0x20
            if b < 0x80 {
                switch b {
                case 0x0A: token = .lineBreak
                case 0x0D where rules.newlines:
                    token = .lineBreak
                    if i + 1 < n && s[i + 1] == 0x0A { length = 2 } else { substituted = true }
                case 0x0D: break
                case 0x09, 0x20: token = .space; spaceByte = b
                case 0x00...0x1F, 0x7F: if rules.controlChars { token = .removed }
                default: break
                }
            } else {
                length = min(b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4, n - i)
                let c1 = length > 1 ? s[i + 1] : 0, c2 = length > 2 ? s[i + 2] : 0
                switch (b, c1, c2) {
                case (0xC2, 0x85, _): if rules.newlines { token = .lineBreak }
                case (0xC2, 0x80...0x9F, _): if rules.controlChars { token = .removed }
                case (0xC2, 0xA0, _), (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xAF),
                     (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80):
                    if rules.unicodeSpaces { token = .space }
                case (0xC2, 0xAD, _), (0xE2, 0x80, 0x8B), (0xE2, 0x81, 0xA0), (0xEF, 0xBB, 0xBF):
                    if rules.invisible { token = .removed }
                case (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9):
                    if rules.newlines { token = .lineBreak }
                default: break
                }
            }
            i += length
            switch token {
            case .content:
                // CR, VT and FF kept as characters are still whitespace for `trim`.
                if rules.trim && o == 0 && TextMeasures.isASCIIWhitespace(b) { continue }
                (dst + o).update(from: s + i - length, count: length)
                o += length
                contentEnd = o
                inSpaceRun = false
            case .space:
                if rules.trim && o == 0 { continue }
                if !rules.collapseSpaces {
                    dst[o] = spaceByte
                    o += 1
                } else if !inSpaceRun {
                    if spaceByte != 0x20 { substituted = true }
                    dst[o] = 0x20
                    o += 1
                    inSpaceRun = true
                }
            case .lineBreak:
                if rules.trim && o == 0 { continue }
                if rules.trailingWhitespace { o = contentEnd }
                inSpaceRun = false
                if o == lineStart {
                    blankRun += 1
                    if rules.maxBlankLines >= 0 && blankRun > rules.maxBlankLines { continue }
                } else {
                    blankRun = 0
                }
                dst[o] = 0x0A
                o += 1
                lineStart = o
                contentEnd = o
            case .removed:
                removed = true
            }
        }
        if rules.trailingWhitespace { o = contentEnd }
        if rules.trim {
            while o > 0 && TextMeasures.isASCIIWhitespace(dst[o - 1]) { o -= 1 }
        }
        return (o, removed, substituted)
    }
}
