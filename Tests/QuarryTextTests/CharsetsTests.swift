// Charsets (decodeHTML, decodeText, convert) against pages encoded by an independent
// implementation: hand-written UTF-8 pages in Fixtures/charsets/utf8/, encoded with Python's
// codecs (Fixtures/charsets/README.md). Each decoded page must equal its UTF-8 original.
import Foundation
import QuarryTestSupport
import QuarryText
import Testing

/// A fixture page: the encoded file, what it decodes as, and how the declaration is given.
struct CharsetFixture: Sendable, CustomTestStringConvertible {
    var file: String
    var charset: String
    /// The source the page's own declaration gives (`.meta` or `.bom`), nil for a page without one.
    var declared: CharsetSource?

    var testDescription: String { file }
}

enum CharsetFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/charsets")

    static func bytes(_ file: String) -> [UInt8] {
        Array((try? Data(contentsOf: directory.appendingPathComponent(file))) ?? Data())
    }

    /// The UTF-8 original of a fixture (the BOM pages' originals have no BOM).
    static func expected(_ file: String) -> String {
        String(decoding: bytes("utf8/" + file), as: UTF8.self)
    }

    static let withDeclaration: [CharsetFixture] = [
        .init(file: "pl-windows-1250.html", charset: "windows-1250", declared: .meta),
        .init(file: "ru-windows-1251.html", charset: "windows-1251", declared: .meta),
        .init(file: "fr-windows-1252.html", charset: "windows-1252", declared: .meta),
        .init(file: "cs-iso-8859-2.html", charset: "iso-8859-2", declared: .meta),
        .init(file: "fi-iso-8859-15.html", charset: "iso-8859-15", declared: .meta),
        .init(file: "zh-gbk.html", charset: "gbk", declared: .meta),
        .init(file: "zh-gb18030.html", charset: "gb18030", declared: .meta),
        .init(file: "zh-big5.html", charset: "big5", declared: .meta),
        .init(file: "ja-shift_jis.html", charset: "shift_jis", declared: .meta),
        .init(file: "ja-euc-jp.html", charset: "euc-jp", declared: .meta),
        .init(file: "ja-iso-2022-jp.html", charset: "iso-2022-jp", declared: .meta),
        .init(file: "ko-euc-kr.html", charset: "euc-kr", declared: .meta),
        .init(file: "ru-koi8-r.html", charset: "koi8-r", declared: .meta),
        .init(file: "de-utf-16le-bom.html", charset: "utf-16le", declared: .bom),
        .init(file: "uk-utf-16be-bom.html", charset: "utf-16be", declared: .bom),
        .init(file: "hi-utf-8-bom.html", charset: "utf-8", declared: .bom),
    ]

    static let withoutDeclaration: [CharsetFixture] = withDeclaration.filter { $0.declared == .meta }.map {
        .init(file: $0.file.replacingOccurrences(of: ".html", with: "-nometa.html"), charset: $0.charset, declared: nil)
    }

    static var all: [CharsetFixture] { withDeclaration + withoutDeclaration }
}

func decodeHTML(_ bytes: [UInt8], http: String? = nil) -> DecodedText {
    bytes.withUnsafeBufferPointer { Charsets.decodeHTML($0, httpCharset: http) }
}

func decodeText(_ bytes: [UInt8]) -> DecodedText {
    bytes.withUnsafeBufferPointer { Charsets.decodeText($0) }
}

func convert(_ bytes: [UInt8], from charset: String) -> DecodedText? {
    bytes.withUnsafeBufferPointer { Charsets.convert($0, from: charset) }
}

@Suite struct CharsetsTests {
    @Test func fixturesExist() {
        for fixture in CharsetFixtures.all {
            #expect(!CharsetFixtures.bytes(fixture.file).isEmpty, "missing \(fixture.file)")
            #expect(!CharsetFixtures.expected(fixture.file).isEmpty, "missing utf8/\(fixture.file)")
        }
    }

    @Test(arguments: CharsetFixtures.withDeclaration)
    func declaredPages(_ fixture: CharsetFixture) {
        let decoded = decodeHTML(CharsetFixtures.bytes(fixture.file))
        #expect(decoded.text == CharsetFixtures.expected(fixture.file))
        #expect(decoded.charset == fixture.charset)
        #expect(decoded.source == fixture.declared)
        #expect(decoded.replacements == 0)
    }

    @Test(arguments: CharsetFixtures.withoutDeclaration)
    func httpCharsetOnPagesWithoutMeta(_ fixture: CharsetFixture) {
        // The HTTP charset as servers spell it: upper-case, or a whole Content-Type value.
        for http in [fixture.charset.uppercased(), "text/html; charset=\"\(fixture.charset)\""] {
            let decoded = decodeHTML(CharsetFixtures.bytes(fixture.file), http: http)
            #expect(decoded.text == CharsetFixtures.expected(fixture.file))
            #expect(decoded.charset == fixture.charset)
            #expect(decoded.source == .http)
            #expect(decoded.replacements == 0)
        }
    }

    @Test(arguments: CharsetFixtures.all)
    func convertFixtures(_ fixture: CharsetFixture) throws {
        let decoded = try #require(convert(CharsetFixtures.bytes(fixture.file), from: fixture.charset))
        #expect(decoded.text == CharsetFixtures.expected(fixture.file))
        #expect(decoded.charset == fixture.charset)
        #expect(decoded.source == .declared)
        #expect(decoded.replacements == 0)
    }

    /// The byte-level guess on meta-less legacy pages of 400-1000 bytes.
    @Test(arguments: ["ja-shift_jis-nometa.html", "ko-euc-kr-nometa.html", "zh-gbk-nometa.html",
                      "ru-windows-1251-nometa.html", "ja-iso-2022-jp-nometa.html"])
    func guessOnPagesWithoutDeclaration(_ file: String) {
        let fixture = CharsetFixtures.withoutDeclaration.first { $0.file == file }!
        let decoded = decodeHTML(CharsetFixtures.bytes(file))
        #expect(decoded.charset == fixture.charset)
        #expect(decoded.source == .guess)
        #expect(decoded.text == CharsetFixtures.expected(file))
        // The same bytes as plain text.
        let text = decodeText(CharsetFixtures.bytes(file))
        #expect(text.charset == fixture.charset)
        #expect(text.text == CharsetFixtures.expected(file))
    }

    /// The detector looks at the text from just before its first non-ASCII byte: 12 KB of
    /// English navigation before the Russian text do not hide it.
    @Test func guessAfterALongASCIIPreamble() {
        let menu = Array(String(repeating: "<li><a href=\"/news\">News</a> Home About Contact Archive</li>\n", count: 200).utf8)
        let page = CharsetFixtures.bytes("ru-windows-1251-nometa.html")
        for (bytes, html) in [(menu + page, true), (Array(String(repeating: "Home About Contact ", count: 700).utf8) + page, false)] {
            let decoded = html ? decodeHTML(bytes) : decodeText(bytes)
            #expect(decoded.charset == "windows-1251")
            #expect(decoded.source == .guess)
        }
    }

    @Test func httpCharsetWinsOverMeta() {
        // koi8-r page with a koi8-r <meta>; the server says windows-1251. Both decode without
        // error, so the HTTP charset wins (as in browsers), mojibake and all.
        let bytes = CharsetFixtures.bytes("ru-koi8-r.html")
        let decoded = decodeHTML(bytes, http: "windows-1251")
        #expect(decoded.charset == "windows-1251")
        #expect(decoded.source == .http)
        #expect(decoded.text == convert(bytes, from: "windows-1251")?.text)
        // An unknown HTTP label is ignored: the meta decides.
        let unknown = decodeHTML(bytes, http: "x-unknown-charset")
        #expect(unknown.charset == "koi8-r")
        #expect(unknown.source == .meta)
    }

    @Test func bomWinsOverMetaAndHTTP() {
        // hi-utf-8-bom.html declares windows-1252 in its <meta>.
        let bytes = CharsetFixtures.bytes("hi-utf-8-bom.html")
        for http in [nil, "iso-8859-2", "utf-16le"] {
            let decoded = decodeHTML(bytes, http: http)
            #expect(decoded.charset == "utf-8")
            #expect(decoded.source == .bom)
            #expect(decoded.text == CharsetFixtures.expected("hi-utf-8-bom.html"))
        }
        let utf16 = decodeHTML(CharsetFixtures.bytes("de-utf-16le-bom.html"), http: "windows-1252")
        #expect(utf16.charset == "utf-16le")
        #expect(utf16.source == .bom)
    }

    @Test func utf8BytesDeclaredLatin1() {
        // UTF-8 bytes under a latin1 declaration (HTTP or meta): decoded as UTF-8, source .guess.
        let page = CharsetFixtures.expected("fr-windows-1252.html")  // has <meta charset="ISO-8859-1">
        let bytes = Array(page.utf8)
        for http: String? in [nil, "iso-8859-1", "latin1"] {
            let decoded = decodeHTML(bytes, http: http)
            #expect(decoded.charset == "utf-8")
            #expect(decoded.source == .guess)
            #expect(decoded.text == page)
        }
        // Chinese UTF-8 declared GBK by the server: the same.
        let chinese = CharsetFixtures.expected("zh-gbk-nometa.html")
        let decoded = decodeHTML(Array(chinese.utf8), http: "text/html; charset=gb2312")
        #expect(decoded.charset == "utf-8")
        #expect(decoded.text == chinese)
        // UTF-8 with one stray latin1 byte per 60 characters is still UTF-8 ...
        var mostly = Array(String(repeating: "für ", count: 60).utf8)
        mostly.append(0xE9)
        let nearly = decodeHTML(mostly, http: "iso-8859-1")
        #expect(nearly.charset == "utf-8")
        #expect(nearly.replacements == 1)
        // ... but a latin1 page with a single accidental UTF-8 pair among many lone accents is not.
        var latin1 = Array(repeating: Array("caf\u{E9} ".unicodeScalars.map { UInt8($0.value) }), count: 10).flatMap { $0 }
        latin1 += [0xC3, 0xA9]
        let legacy = decodeHTML(latin1, http: "iso-8859-1")
        #expect(legacy.charset == "windows-1252")
        #expect(legacy.source == .http)
    }

    @Test func utf8DeclarationOnLegacyBytes() {
        // A server default "charset=utf-8" on a windows-1251 page: the meta, then the guess decide.
        let withMeta = decodeHTML(CharsetFixtures.bytes("ru-windows-1251.html"), http: "utf-8")
        #expect(withMeta.charset == "windows-1251")
        #expect(withMeta.source == .meta)
        let withoutMeta = decodeHTML(CharsetFixtures.bytes("ru-windows-1251-nometa.html"), http: "utf-8")
        #expect(withoutMeta.charset == "windows-1251")
        #expect(withoutMeta.source == .guess)
        #expect(withoutMeta.text == CharsetFixtures.expected("ru-windows-1251-nometa.html"))
        // UTF-16 from HTTP on bytes without 0x00: not UTF-16.
        let notUTF16 = decodeHTML(Array("<p>plain ASCII page</p>".utf8), http: "utf-16le")
        #expect(notUTF16.text == "<p>plain ASCII page</p>")
        #expect(notUTF16.charset == "utf-8")
    }

    @Test func declarationsOnASCIIAreKept() {
        let bytes = Array("<html><head><meta charset=\"shift_jis\"></head><p>Hello</p></html>".utf8)
        let decoded = decodeHTML(bytes)
        #expect(decoded.charset == "shift_jis")
        #expect(decoded.source == .meta)
        #expect(decoded.text == String(decoding: bytes, as: UTF8.self))
        let http = decodeHTML(Array("<p>Hello</p>".utf8), http: "EUC-KR")
        #expect(http.charset == "euc-kr")
        #expect(http.source == .http)
        // Nothing declared: ASCII is UTF-8.
        let plain = decodeHTML(Array("<p>Hello</p>".utf8))
        #expect(plain.charset == "utf-8")
        #expect(plain.source == .guess)
        #expect(decodeText([]).text == "")
        #expect(decodeHTML([]).charset == "utf-8")
    }

    @Test func metaUTF16CountsAsUTF8() {
        let page = "<meta charset=\"utf-16\"><p>Grüße</p>"
        let decoded = decodeHTML(Array(page.utf8))
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .meta)
        #expect(decoded.text == page)
    }

    @Test func guessFallsBackToWindows1252() {
        // Two latin1 symbols in English text: ICU says ISO-8859-1, decoded as windows-1252.
        let bytes = Array("The price is 5\u{A3} or 6\u{A9} today.".unicodeScalars.map { UInt8($0.value) })
        let decoded = decodeText(bytes)
        #expect(decoded.charset == "windows-1252")
        #expect(decoded.source == .guess)
        #expect(decoded.text == "The price is 5£ or 6© today.")
        // Random bytes (these five): ICU's candidates are UTF-16 (ignored) or below the
        // confidence floor.
        var random = SplitMix64(seed: 7)
        for _ in 0..<5 {
            let junk = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let guessed = decodeText(junk)
            #expect(guessed.charset == "windows-1252")
            #expect(guessed.source == .fallback)
            #expect(guessed.replacements == 0)  // windows-1252 maps every byte
            #expect(guessed.text.unicodeScalars.count == 300)
        }
    }
}
