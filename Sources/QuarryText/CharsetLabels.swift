// Charset labels: the WHATWG Encoding Standard's label -> encoding name table
// (https://encoding.spec.whatwg.org/#names-and-labels, encodings.json at whatwg/encoding commit
// a985b62), and the charset parameter of an HTTP Content-Type value. Names are the standard's,
// lower-cased ("shift_jis", "windows-1252"), as they go into the `charset` metadata key.
//
// One deliberate departure: the labels of the standard's "replacement" encoding (iso-2022-kr,
// iso-2022-cn, iso-2022-cn-ext, hz-gb-2312, csiso2022kr, replacement) are unknown here. A
// browser decodes such a document to one U+FFFD, a guard against script injection that is no
// concern of a text extractor; treating the label as unknown lets byte-level detection run.

extension Charsets {
    /// Canonical WHATWG encoding name for a label ("latin1" -> "windows-1252", "x-sjis" ->
    /// "shift_jis", "gb2312" -> "gbk", "ks_c_5601-1987" -> "euc-kr", "utf8" -> "utf-8" ...), or
    /// nil for unknown labels. Leading and trailing ASCII whitespace and ASCII case are ignored,
    /// as the standard's "get an encoding" does.
    public static func canonicalName(_ label: String) -> String? {
        var label = label
        return label.withUTF8 { CharsetLabels.canonicalName(UnsafeRawBufferPointer($0)) }
    }

    /// The charset parameter of an HTTP Content-Type value ("text/html; charset=EUC-KR"),
    /// canonicalized, or nil (no charset parameter, or an unknown label). Parameter names are
    /// case-insensitive, values may be quoted (with backslash escapes, RFC 9110 §5.6.4); the first
    /// charset parameter wins. Lenient as browsers are: spaces around `=` are skipped, and an
    /// unquoted value ends at `;`, `,` or whitespace.
    public static func charset(fromContentType value: String) -> String? {
        let bytes = Array(value.utf8)
        let n = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard var i = bytes.firstIndex(of: UInt8(ascii: ";")) else { return nil }
        while i < n {
            i += 1  // past ';'
            while i < n, isSpace(bytes[i]) { i += 1 }
            var name: [UInt8] = []
            while i < n, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ";") {
                name.append(bytes[i] | (bytes[i] &- 0x41 < 26 ? 0x20 : 0))
                i += 1
            }
            while let last = name.last, isSpace(last) { name.removeLast() }
            guard i < n, bytes[i] == UInt8(ascii: "=") else { continue }  // at ';' or the end
            i += 1
            while i < n, isSpace(bytes[i]) { i += 1 }
            var parameter: [UInt8] = []
            if i < n, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < n { i += 1 }
                    parameter.append(bytes[i])
                    i += 1
                }
            } else {
                while i < n, bytes[i] != UInt8(ascii: ";"), bytes[i] != UInt8(ascii: ","), !isSpace(bytes[i]) {
                    parameter.append(bytes[i])
                    i += 1
                }
            }
            if name == Array("charset".utf8) {
                return parameter.withUnsafeBytes { CharsetLabels.canonicalName($0) }
            }
            while i < n, bytes[i] != UInt8(ascii: ";") { i += 1 }
        }
        return nil
    }
}

/// The label table and its lookup.
enum CharsetLabels {
    /// The canonical name for a label given as bytes (trimmed, ASCII case-insensitive), or nil.
    static func canonicalName(_ label: UnsafeRawBufferPointer) -> String? {
        var start = 0
        var end = label.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        while start < end, isSpace(label[start]) { start += 1 }
        while end > start, isSpace(label[end - 1]) { end -= 1 }
        // The longest label ("iso-10646-ucs-2", "csiso58gb231280", "cseucpkdfmtjapanese") has 19 bytes.
        guard end > start, end - start <= 24 else { return nil }
        var lowered = [UInt8]()
        lowered.reserveCapacity(end - start)
        for i in start..<end {
            let b = label[i]
            guard b < 0x80 else { return nil }
            lowered.append(b &- 0x41 < 26 ? b | 0x20 : b)
        }
        return names[String(decoding: lowered, as: UTF8.self)]
    }

    /// Label -> name, built once from `table`.
    static let names: [String: String] = {
        var names: [String: String] = [:]
        for (name, labels) in table {
            for label in labels { names[label] = name }
        }
        return names
    }()

    /// The WHATWG table, encoding by encoding (replacement left out, see the file header).
    static let table: [(name: String, labels: [String])] = [
        ("utf-8", ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
        ("ibm866", ["866", "cp866", "csibm866", "ibm866"]),
        ("iso-8859-2", ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
            "iso_8859-2:1987", "l2", "latin2"]),
        ("iso-8859-3", ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
            "iso_8859-3:1988", "l3", "latin3"]),
        ("iso-8859-4", ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
            "iso_8859-4:1988", "l4", "latin4"]),
        ("iso-8859-5", ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
            "iso_8859-5", "iso_8859-5:1988"]),
        ("iso-8859-6", ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
            "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
            "iso_8859-6:1987"]),
        ("iso-8859-7", ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
            "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"]),
        ("iso-8859-8", ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
            "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"]),
        ("iso-8859-8-i", ["csiso88598i", "iso-8859-8-i", "logical"]),
        ("iso-8859-10", ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"]),
        ("iso-8859-13", ["iso-8859-13", "iso8859-13", "iso885913"]),
        ("iso-8859-14", ["iso-8859-14", "iso8859-14", "iso885914"]),
        ("iso-8859-15", ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
        ("iso-8859-16", ["iso-8859-16"]),
        ("koi8-r", ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
        ("koi8-u", ["koi8-ru", "koi8-u"]),
        ("macintosh", ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
        ("windows-874", ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]),
        ("windows-1250", ["cp1250", "windows-1250", "x-cp1250"]),
        ("windows-1251", ["cp1251", "windows-1251", "x-cp1251"]),
        ("windows-1252", ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
            "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
            "windows-1252", "x-cp1252"]),
        ("windows-1253", ["cp1253", "windows-1253", "x-cp1253"]),
        ("windows-1254", ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
            "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"]),
        ("windows-1255", ["cp1255", "windows-1255", "x-cp1255"]),
        ("windows-1256", ["cp1256", "windows-1256", "x-cp1256"]),
        ("windows-1257", ["cp1257", "windows-1257", "x-cp1257"]),
        ("windows-1258", ["cp1258", "windows-1258", "x-cp1258"]),
        ("x-mac-cyrillic", ["x-mac-cyrillic", "x-mac-ukrainian"]),
        ("gbk", ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
            "iso-ir-58", "x-gbk"]),
        ("gb18030", ["gb18030"]),
        ("big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
        ("euc-jp", ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
        ("iso-2022-jp", ["csiso2022jp", "iso-2022-jp"]),
        ("shift_jis", ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
            "x-sjis"]),
        ("euc-kr", ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
            "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
        ("utf-16be", ["unicodefffe", "utf-16be"]),
        ("utf-16le", ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
        ("x-user-defined", ["x-user-defined"]),
    ]
}
