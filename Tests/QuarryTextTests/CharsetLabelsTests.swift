// Charset labels (WHATWG Encoding Standard, "Names and labels") and the HTTP Content-Type
// charset parameter.
import QuarryText
import Testing

@Suite struct CharsetLabelsTests {
    @Test(arguments: [
        ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"), ("us-ascii", "windows-1252"),
        ("ascii", "windows-1252"), ("cp1252", "windows-1252"), ("x-sjis", "shift_jis"),
        ("Shift_JIS", "shift_jis"), ("windows-31j", "shift_jis"), ("ms932", "shift_jis"), ("gb2312", "gbk"),
        ("GBK", "gbk"), ("x-gbk", "gbk"), ("chinese", "gbk"), ("GB18030", "gb18030"), ("ks_c_5601-1987", "euc-kr"),
        ("windows-949", "euc-kr"), ("EUC-KR", "euc-kr"), ("x-euc-jp", "euc-jp"), ("csiso2022jp", "iso-2022-jp"),
        ("big5-hkscs", "big5"), ("x-x-big5", "big5"), ("utf8", "utf-8"), ("UTF-8", "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"), ("utf-16", "utf-16le"), ("UTF-16BE", "utf-16be"), ("ucs-2", "utf-16le"),
        ("koi8_r", "koi8-r"), ("KOI", "koi8-r"), ("koi8-ru", "koi8-u"), ("latin2", "iso-8859-2"),
        ("iso_8859-2:1987", "iso-8859-2"), ("l9", "iso-8859-15"), ("iso-8859-9", "windows-1254"),
        ("tis-620", "windows-874"), ("cp1251", "windows-1251"), ("x-cp1250", "windows-1250"),
        ("logical", "iso-8859-8-i"), ("visual", "iso-8859-8"), ("x-mac-ukrainian", "x-mac-cyrillic"),
        ("  utf-8\t\n", "utf-8"), ("\u{0C}Big5 ", "big5"),
    ])
    func canonicalNames(_ label: String, _ name: String) {
        #expect(Charsets.canonicalName(label) == name)
    }

    @Test(arguments: [
        "", "   ", "utf-9", "utf-8x", "latin-1", "x-unknown", "iso-8859-1 extra", "utf\u{0}8", "ｕｔｆ-8",
        "utf-8\u{A0}", "\u{B5}tf-8",
        // WHATWG's "replacement" encoding: unknown here, so that detection runs (CharsetLabels.swift).
        "iso-2022-kr", "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "replacement",
    ])
    func unknownLabels(_ label: String) {
        #expect(Charsets.canonicalName(label) == nil)
    }

    /// Every name in the brief's list is its own label, and decodes (convert knows it).
    @Test func namesAreLabelsAndDecode() {
        let names = [
            "utf-8", "utf-16le", "utf-16be", "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5",
            "iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14",
            "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "macintosh", "windows-874", "windows-1250",
            "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255", "windows-1256",
            "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp",
            "shift_jis", "euc-kr", "x-user-defined",
        ]
        for name in names {
            #expect(Charsets.canonicalName(name) == name)
            #expect(Charsets.canonicalName(name.uppercased()) == name)
            let decoded = [UInt8]("abc".utf8).withUnsafeBufferPointer { Charsets.convert($0, from: name) }
            #expect(decoded?.charset == name)
            // "abc" in UTF-16: one unit, then an odd byte (U+FFFD).
            let expected = switch name {
            case "utf-16le": "\u{6261}\u{FFFD}"
            case "utf-16be": "\u{6162}\u{FFFD}"
            default: "abc"
            }
            #expect(decoded?.text == expected)
        }
    }

    @Test(arguments: [
        ("text/html; charset=EUC-KR", "euc-kr"), ("text/html;charset=utf-8", "utf-8"),
        ("text/html; charset=\"Shift_JIS\"", "shift_jis"), ("text/html; CHARSET=latin1", "windows-1252"),
        ("text/html; charset = gbk", "gbk"), ("text/html; foo=\"a;charset=big5\"; charset=koi8-r", "koi8-r"),
        ("text/html; charset=\"utf\\-8\"", "utf-8"), ("text/html; charset=iso-8859-2, text/html", "iso-8859-2"),
        ("text/html; charset=windows-1251; foo=bar", "windows-1251"), ("TEXT/HTML ; Charset=UTF-8 ", "utf-8"),
        ("text/html; charset=koi8-r; charset=utf-8", "koi8-r"), ("text/html; q; charset=big5", "big5"),
    ])
    func contentTypes(_ value: String, _ name: String) {
        #expect(Charsets.charset(fromContentType: value) == name)
    }

    @Test(arguments: [
        "text/html", "text/html;", "text/html; charset=", "text/html; charset=\"\"", "text/html; charset=bogus",
        "charset=utf-8", "", "text/html; charset", "text/html; notcharset=utf-8",
    ])
    func contentTypesWithoutCharset(_ value: String) {
        #expect(Charsets.charset(fromContentType: value) == nil)
    }
}
