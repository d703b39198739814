// Charset detection and conversion to UTF-8 for the WARC, HTML and text readers (issue #3).
// Labels and decoders follow the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/),
// the order of evidence for web pages the HTML standard's encoding sniffing algorithm
// (https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm): a BOM,
// the HTTP charset, a <meta> in the first 1024 bytes, then a guess from the bytes. Unlike a
// browser, Quarry checks a declaration against the bytes, because a training corpus wants the
// text the author wrote rather than the mojibake a lying header produces (the rule is at
// `verdict`). Valid UTF-8 and ASCII never reach ICU; the result's charset goes into the
// `charset` metadata key (DESIGN.md §4.1).
import QuarryCore

/// Text decoded to UTF-8, with how its charset was decided.
public struct DecodedText: Sendable {
    /// The text, valid UTF-8.
    public var text: String
    /// The canonical WHATWG name of the charset it was decoded from, lower-case: "utf-8",
    /// "windows-1252", "shift_jis", "euc-jp", "euc-kr", "gbk", "gb18030", "big5", "koi8-r",
    /// "iso-8859-2", "utf-16le" ...
    public var charset: String
    /// How the charset was decided.
    public var source: CharsetSource
    /// U+FFFD inserted for undecodable bytes.
    public var replacements: Int

    public init(text: String, charset: String, source: CharsetSource, replacements: Int) {
        self.text = text
        self.charset = charset
        self.source = source
        self.replacements = replacements
    }
}

/// How a charset was decided.
public enum CharsetSource: String, Sendable {
    /// The HTTP Content-Type charset.
    case http
    /// A byte order mark (UTF-8, UTF-16LE, UTF-16BE).
    case bom
    /// A <meta charset> or <meta http-equiv="content-type"> in the first 1024 bytes.
    case meta
    /// The bytes: valid UTF-8, or ICU's charset detector. Also used when the bytes overrule a
    /// declared charset (see `Charsets.decodeHTML`).
    case guess
    /// Nothing usable: windows-1252, the web's default for unlabelled legacy pages.
    case fallback
    /// The caller named the charset (`Charsets.convert`).
    case declared
}

/// Charset detection and conversion to UTF-8.
public enum Charsets {
    /// Decodes an HTML document. The evidence, strongest first:
    /// 1. a BOM (UTF-8, UTF-16LE/BE), which wins even over the HTTP charset, as in the WHATWG
    ///    "decode" algorithm (a BOM is written by whoever wrote the bytes, a header by a server);
    /// 2. `httpCharset` (a label such as "EUC-KR", or a whole Content-Type value);
    /// 3. the WHATWG prescan of the first 1024 bytes for <meta charset> / http-equiv (a UTF-16
    ///    declaration there counts as UTF-8, as in browsers);
    /// 4. a byte-level guess: valid UTF-8 (or nearly: see `UTF8Scan.isStronglyUTF8`), else
    ///    ICU's detector restricted to the legacy encodings, else windows-1252 (`.fallback`).
    /// A declaration (2 or 3) the bytes contradict is skipped; the rule is at `verdict`.
    public static func decodeHTML(_ bytes: UnsafeBufferPointer<UInt8>, httpCharset: String?) -> DecodedText {
        if let bom = byteOrderMark(bytes) {
            return decoded(UnsafeBufferPointer(rebasing: bytes[bom.length...]), as: bom.name, source: .bom, scan: nil)
        }
        let scan = UnicodeDecoding.scanUTF8(bytes)
        if let httpCharset, let name = httpName(httpCharset), verdict(name, bytes, scan) {
            return decoded(bytes, as: name, source: .http, scan: scan)
        }
        if let name = MetaPrescan.charset(bytes), verdict(name, bytes, scan) {
            return decoded(bytes, as: name, source: .meta, scan: scan)
        }
        return CharsetDetection.guess(bytes, scan: scan, html: true)
    }

    /// Decodes plain text: a BOM, else the HTTP charset when the bytes allow it (as for
    /// HTML), else valid (or nearly valid) UTF-8, else a byte-level guess (ICU's detector
    /// restricted to the legacy encodings), else windows-1252 (`.fallback`).
    public static func decodeText(_ bytes: UnsafeBufferPointer<UInt8>, httpCharset: String? = nil) -> DecodedText {
        if let bom = byteOrderMark(bytes) {
            return decoded(UnsafeBufferPointer(rebasing: bytes[bom.length...]), as: bom.name, source: .bom, scan: nil)
        }
        let scan = UnicodeDecoding.scanUTF8(bytes)
        if let httpCharset, let name = httpName(httpCharset), verdict(name, bytes, scan) {
            return decoded(bytes, as: name, source: .http, scan: scan)
        }
        return CharsetDetection.guess(bytes, scan: scan, html: false)
    }

    /// Converts bytes in a known charset (a label or canonical name) to UTF-8, replacing
    /// undecodable bytes with U+FFFD; nil for an unknown charset. A leading BOM of that charset
    /// is dropped (the WHATWG "decode" does the same). The source is `.declared`.
    public static func convert(_ bytes: UnsafeBufferPointer<UInt8>, from charset: String) -> DecodedText? {
        guard let name = canonicalName(charset) else { return nil }
        var body = bytes
        if let bom = byteOrderMark(bytes), bom.name == name {
            body = UnsafeBufferPointer(rebasing: bytes[bom.length...])
        }
        guard case let (text, replacements)? = decode(body, as: name, scan: nil) else { return nil }
        return DecodedText(text: text, charset: name, source: .declared, replacements: replacements)
    }

    // MARK: - Internals shared with CharsetDetection

    /// Whether the bytes allow a declared charset (HTTP or <meta>). Pages often lie, in both
    /// directions, so Quarry overrules a declaration in exactly these cases:
    /// - a legacy charset (anything but UTF-8/UTF-16) on bytes that are strongly UTF-8: at least
    ///   one well-formed multi-byte UTF-8 character and at most one invalid subpart per 50 of
    ///   them. Decoding such bytes as the declared charset gives U+FFFD for multi-byte charsets
    ///   and mojibake ("Ã©" for "é") for single-byte ones, while real legacy text is almost never
    ///   valid UTF-8 (`UTF8Scan.isStronglyUTF8`). The guess then decodes them as UTF-8 (`.guess`).
    /// - UTF-8 on bytes that are clearly not UTF-8: more invalid subparts than well-formed
    ///   multi-byte characters (a server default "charset=utf-8" on a legacy page).
    /// - UTF-16 from HTTP without a BOM on bytes without the 0x00 bytes that ASCII markup has in
    ///   UTF-16 (fewer than one unit in four of the first 1024 bytes).
    /// Pure ASCII allows every declaration.
    static func verdict(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>, _ scan: UTF8Scan) -> Bool {
        switch name {
        case "utf-8": !scan.isClearlyNotUTF8
        case "utf-16le", "utf-16be": looksLikeUTF16(bytes, bigEndian: name == "utf-16be")
        default: !scan.isStronglyUTF8
        }
    }

    /// A result decoded as `name`, or windows-1252 (`.fallback`) if ICU fails (out of memory).
    static func decoded(_ bytes: UnsafeBufferPointer<UInt8>, as name: String, source: CharsetSource,
                        scan: UTF8Scan?) -> DecodedText {
        if case let (text, replacements)? = decode(bytes, as: name, scan: scan) {
            return DecodedText(text: text, charset: name, source: source, replacements: replacements)
        }
        let (text, replacements) = SingleByteDecoding.decode(bytes, table: SingleByteDecoding.utf8Tables["windows-1252"]!)
        return DecodedText(text: text, charset: "windows-1252", source: .fallback, replacements: replacements)
    }

    /// Decodes `bytes` as the canonical encoding `name`: the text and its U+FFFD count, or nil
    /// for an unknown name (or an ICU failure). ASCII input in an ASCII-compatible encoding is
    /// copied as it is, without a table or ICU.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as name: String, scan: UTF8Scan?) -> (String, Int)? {
        switch name {
        case "utf-8":
            let scan = scan ?? UnicodeDecoding.scanUTF8(bytes)
            return (UnicodeDecoding.repairUTF8(bytes, scan: scan), scan.replacements)
        case "utf-16le", "utf-16be":
            return UnicodeDecoding.decodeUTF16(bytes, bigEndian: name == "utf-16be")
        default:
            let table = SingleByteDecoding.utf8Tables[name]
            let icu = table == nil ? ICUCharsets.converterID(name) : nil
            guard table != nil || icu != nil else { return nil }
            if name != "iso-2022-jp", scan?.isASCII ?? SWAR.isASCII(bytes) {
                return (String(validatedUTF8: bytes, isASCII: true), 0)
            }
            if let table { return SingleByteDecoding.decode(bytes, table: table) }
            return ICUCharsets.decode(bytes, converter: icu!)
        }
    }

    /// The encoding of a BOM at the start of `bytes`, and the BOM's length.
    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, length: Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return ("utf-8", 3) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return ("utf-16be", 2) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return ("utf-16le", 2) }
        return nil
    }

    /// The canonical name for an HTTP charset given as a label or as a whole Content-Type value.
    static func httpName(_ value: String) -> String? {
        if value.utf8.contains(UInt8(ascii: ";")) { return charset(fromContentType: value) }
        return canonicalName(value)
    }

    /// Whether BOM-less bytes look like UTF-16 markup: 0x00 as the high byte of at least one
    /// unit in four among the first 512 units.
    static func looksLikeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> Bool {
        let units = min(bytes.count / 2, 512)
        guard units > 0 else { return true }
        var zeros = 0
        for k in 0..<units where bytes[2 * k + (bigEndian ? 0 : 1)] == 0 { zeros += 1 }
        return zeros * 4 >= units
    }
}
