// What a dump says about its wiki (<siteinfo>): the database name (enwiki), the base URL of
// its pages, and the localized names of its namespaces. The converter drops links into the
// File, Media and Category namespaces by these names (plus the English names every wiki
// also accepts), and the reader builds page URLs the way MediaWiki does (wfUrlencode).

/// The <siteinfo> of a dump.
struct WikiSiteInfo: Sendable {
    var dbname = ""
    /// URL of the main page, e.g. https://en.wikipedia.org/wiki/Main_Page.
    var base = ""
    /// Namespace key and localized name, in dump order.
    var namespaces: [(key: Int, name: String)] = []

    /// The URL of a page: the base's directory followed by the title, spaces as underscores,
    /// percent-encoded except for the characters MediaWiki leaves as they are.
    func url(title: UnsafeBufferPointer<UInt8>) -> String? {
        guard let slash = base.utf8.lastIndex(of: UInt8(ascii: "/")), base.hasPrefix("http") else { return nil }
        var url = Array(base.utf8[...slash])
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in title {
            switch byte {
            case UInt8(ascii: " "): url.append(UInt8(ascii: "_"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                url.append(byte)
            case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ";"), UInt8(ascii: "@"),
                 UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                url.append(byte)
            default:
                url.append(UInt8(ascii: "%"))
                url.append(hex[Int(byte >> 4)])
                url.append(hex[Int(byte & 15)])
            }
        }
        return String(decoding: url, as: UTF8.self)
    }
}

/// Namespace prefixes whose links the converter drops entirely: File (6), Media (-2) and
/// Category (14). Names compare without ASCII case, with `_` as a space.
public struct WikiNamespaces: Sendable {
    /// Normalized names (ASCII lower case, `_` as space).
    private(set) var dropped: [[UInt8]]

    /// The English names and aliases MediaWiki accepts on every wiki, and the File aliases of
    /// the larger Wikipedias, which their dumps' <siteinfo> does not list (dewiki's `Bild:`,
    /// frwiki's `Image:` …, from MediaWiki's languages/messages/Messages*.php namespaceAliases).
    public static let english = WikiNamespaces(names: ["File", "Image", "Media", "Category",
        "Bild", "Fichier", "Imagen", "Immagine", "Imagem", "Afbeelding", "Grafika", "Изображение", "画像", "图像", "圖像"])

    public init(names: [String]) {
        dropped = []
        for name in names { add(name) }
    }

    /// Adds a localized name (from <siteinfo>) or alias.
    public mutating func add(_ name: String) {
        let key = Self.normalized(Array(name.utf8))
        if !key.isEmpty, !dropped.contains(key) { dropped.append(key) }
    }

    /// The English names plus the File, Media and Category names a dump declares.
    init(site: WikiSiteInfo) {
        self = .english
        for (key, name) in site.namespaces where key == 6 || key == -2 || key == 14 { add(name) }
    }

    /// Whether a link prefix (the text before its first colon) names a dropped namespace.
    func drops(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = prefix.count
        while start < end, prefix[start] == 0x20 || prefix[start] == 0x5F { start += 1 }
        while end > start, prefix[end - 1] == 0x20 || prefix[end - 1] == 0x5F { end -= 1 }
        let count = end - start
        guard count > 0, count <= 64 else { return false }
        outer: for name in dropped where name.count == count {
            for i in 0..<count where Self.fold(prefix[start + i]) != name[i] { continue outer }
            return true
        }
        return false
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        if byte == 0x5F { return 0x20 }
        return byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    private static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes.map(fold)
        while out.first == 0x20 { out.removeFirst() }
        while out.last == 0x20 { out.removeLast() }
        return out
    }
}
