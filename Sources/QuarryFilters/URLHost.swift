// The parts of a document URL that url_filter_v1 looks at: the host, the URL without its
// scheme, and the URL's words. Parsing is lenient, as tldextract 5's `lenient_netloc` is (which
// datatrove 0.10.1's URLFilter uses): a scheme "xyz://" or a leading "//" is skipped, the host
// ends at the first "/", "?" or "#", user information before the last "@" and a ":port" are
// dropped; "[...]" is an IPv6 literal. Unlike tldextract, the host is lowercased and trailing
// dots are removed, since hosts are case-insensitive (RFC 3986 §3.2.2).
//
// Words follow datatrove's `normalizer`: maximal runs of ASCII letters and digits
// (`[^a-zA-Z0-9]+` separates them), lowercased here (datatrove compares them as written, so
// an upper-case "PORN" in a URL escapes its lowercased lists).

enum URLHost {
    /// The lowercased host of `url`, nil when there is none.
    static func host(of url: String) -> String? {
        var bytes = ArraySlice(trimmed(url))
        if let schemeEnd = schemeLength(bytes) { bytes = bytes.dropFirst(schemeEnd) }
        else if bytes.starts(with: [0x2F, 0x2F]) { bytes = bytes.dropFirst(2) }
        if let end = bytes.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) { bytes = bytes[..<end] }
        if let at = bytes.lastIndex(of: 0x40) { bytes = bytes[(at + 1)...] }
        if bytes.first == 0x5B, let close = bytes.firstIndex(of: 0x5D) {  // [IPv6]
            bytes = bytes[bytes.startIndex...close]
        } else if let colon = bytes.firstIndex(of: 0x3A) {
            bytes = bytes[..<colon]
        }
        while bytes.last == 0x2E { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { return nil }
        return String(decoding: bytes.map(asciiLower), as: UTF8.self)
    }

    /// `host` and each domain it belongs to: "a.b.example.com", "b.example.com", "example.com",
    /// "com". An IP address (IPv4 digits and dots, or an IPv6 literal) is only itself.
    static func domainsContaining(_ host: String) -> [Substring] {
        if host.hasPrefix("[") || host.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) {
            return [host[...]]
        }
        var result: [Substring] = [host[...]]
        var rest = host[...]
        while let dot = rest.firstIndex(of: ".") {
            rest = rest[rest.index(after: dot)...]
            if !rest.isEmpty { result.append(rest) }
        }
        return result
    }

    /// `url` without a leading "scheme://" (or "//"), nil when it has neither.
    static func withoutScheme(_ url: String) -> String? {
        let bytes = url.utf8
        if let length = schemeLength(ArraySlice(bytes)) { return String(decoding: bytes.dropFirst(length), as: UTF8.self) }
        if bytes.starts(with: [0x2F, 0x2F]) { return String(decoding: bytes.dropFirst(2), as: UTF8.self) }
        return nil
    }

    /// The distinct lowercased ASCII letter-and-digit runs of `url`.
    static func words(of url: String) -> Set<String> {
        var words = Set<String>()
        var current: [UInt8] = []
        for byte in url.utf8 {
            if isAlphanumeric(byte) {
                current.append(asciiLower(byte))
            } else if !current.isEmpty {
                words.insert(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.insert(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// datatrove's `normalize`: the ASCII letters and digits of `text`, lowercased, joined.
    static func normalized(_ text: String) -> [UInt8] {
        text.utf8.filter(isAlphanumeric).map(asciiLower)
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always) static func asciiLower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// Length of a leading "scheme://" (scheme: ASCII letters, digits, "+", "-", "."), else nil.
    private static func schemeLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex, isAlphanumeric(bytes[i]) || bytes[i] == 0x2B || bytes[i] == 0x2D || bytes[i] == 0x2E {
            i += 1
        }
        guard i > bytes.startIndex, bytes[i...].starts(with: [0x3A, 0x2F, 0x2F]) else { return nil }
        return i + 3 - bytes.startIndex
    }

    private static func trimmed(_ text: String) -> [UInt8] {
        let isSpace = { (b: UInt8) in b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var bytes = Array(text.utf8)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex(where: { !isSpace($0) }) ?? bytes.count
        return Array(bytes[start...])
    }
}
