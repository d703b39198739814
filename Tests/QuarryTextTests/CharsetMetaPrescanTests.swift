// The <meta> prescan (HTML standard, "prescan a byte stream to determine its encoding"), seen
// through Charsets.decodeHTML on ASCII pages, where any declaration is allowed: the expected
// answers follow the standard's steps (comments skipped, attributes of other tags skipped,
// http-equiv needed for `content`, the first attribute of a name wins, 1024 bytes).
import QuarryText
import Testing

/// The charset decodeHTML takes from a page's <meta>, or nil when it takes none.
func metaCharset(_ page: String) -> String? {
    let decoded = decodeHTML(Array(page.utf8))
    return decoded.source == .meta ? decoded.charset : nil
}

@Suite struct CharsetMetaPrescanTests {
    @Test(arguments: [
        ("<meta charset=\"koi8-r\">", "koi8-r"),
        ("<meta charset='Shift_JIS'>", "shift_jis"),
        ("<meta charset=euc-jp>", "euc-jp"),
        ("<META CHARSET=GB2312>", "gbk"),
        ("<meta/charset=big5>", "big5"),
        ("<meta\ncharset = \" windows-1251 \" >", "windows-1251"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">", "iso-8859-2"),
        ("<meta content=\"text/html; charset=EUC-KR\" http-equiv=\"content-type\">", "euc-kr"),
        ("<meta http-equiv=content-type content='text/html;charset=\"big5\"'>", "big5"),
        ("<meta http-equiv=\"content-type\" content=\"charset=foo; charset=koi8-r\">", nil),
        ("<meta http-equiv=\"content-type\" content=\"text/html; charsetx; charset=koi8-r\">", "koi8-r"),
        ("<meta content=\"text/html; charset=koi8-r\">", nil),  // no http-equiv: ignored
        ("<meta http-equiv=\"refresh\" content=\"text/html; charset=koi8-r\">", nil),
        ("<meta charset=\"koi8-r\" charset=\"euc-kr\">", "koi8-r"),  // first attribute of a name wins
        ("<meta charset=\"bogus\"><meta charset=\"euc-kr\">", "euc-kr"),
        ("<meta charset=\"utf-16be\">", "utf-8"),
        ("<meta charset=\"x-user-defined\">", "windows-1252"),
        ("<meta charset=\"iso-2022-kr\">", nil),  // WHATWG "replacement": unknown here
        ("<!-- <meta charset=\"koi8-r\"> --><meta charset=\"euc-kr\">", "euc-kr"),
        ("<!--><meta charset=\"euc-kr\">", "euc-kr"),  // "<!-->" is a whole comment
        ("<!---><meta charset=\"euc-kr\">", "euc-kr"),
        ("<div title=\"<meta charset=koi8-r>\"><meta charset=\"euc-kr\">", "euc-kr"),
        ("<div charset=\"koi8-r\">", nil),
        ("<metacharset=\"koi8-r\">", nil),
        ("<meta name=\"x\" content=\"<meta charset=koi8-r>\"><meta charset=big5>", "big5"),
        ("<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=\"big5\">", "big5"),
        ("<!DOCTYPE html><html><head><meta charset=\"windows-1250\"></head>", "windows-1250"),
        ("</p charset=koi8-r><meta charset=\"big5\">", "big5"),
        ("<meta charset=\"koi8-r", nil),  // cut off inside the value
    ] as [(String, String?)])
    func declarations(_ page: String, _ expected: String?) {
        #expect(metaCharset(page + "<p>text</p>") == expected)
        #expect(metaCharset(page) == expected)
    }

    @Test func onlyTheFirst1024BytesCount() {
        let meta = "<meta charset=\"koi8-r\">"
        let inside = String(repeating: " ", count: 1024 - meta.utf8.count) + meta
        #expect(metaCharset(inside) == "koi8-r")
        // The closing quote of the value is byte 1025: the attribute is cut off.
        let outside = String(repeating: " ", count: 1024 - "<meta charset=\"koi8-r".utf8.count) + meta
        #expect(metaCharset(outside) == nil)
        // An attribute value the limit cuts off is dropped; the tag is judged on the ones before.
        let cut = String(repeating: " ", count: 1024 - meta.utf8.count) + "<meta charset=\"koi8-r\" content=\"x"
        #expect(metaCharset(cut) == "koi8-r")
        let longComment = "<!--" + String(repeating: "-", count: 2000) + "--><meta charset=\"koi8-r\">"
        #expect(metaCharset(longComment) == nil)
    }
}
