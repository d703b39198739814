// IP_ADDRESS: IPv4 and IPv6 addresses in running text. The scanner jumps eight bytes at a time
// to the next digit or colon (SWAR range test), takes the surrounding token of hex digits, dots
// and colons, and decides there: the whole token as IPv6 (RFC 4291 text forms, parsed by
// `IPAddress`), else each colon-separated piece as a dotted quad (`10.0.0.1:8080` gives the
// address without the port). A `/24`, `%zone` or `[ ]` is outside the token by construction.
//
// Hard negatives, after the false-positive analysis of BigCode's PII pipeline (bigcode-dataset
// pii/utils/emails_ip_addresses_detection.py) and web text:
// - IPv4: no ASCII letter, digit or `_` on either side; exactly four parts (OIDs and section
//   numbers `1.3.6.1.4.1` have more); octets 0-255 without leading zeros (`IPAddress`); not
//   right after a version or section cue (`v`, `version`, `ver.`, `build`, `release`,
//   `upgrade to`, `Section`, `升级到` …, or `版本` right after) or a user-agent `Product/`; not a
//   numbered heading (`10.1.2.2. Title` at a line start); four single-digit octets (`1.2.3.4`,
//   `8.8.8.8`) only with an IP context word within 40 bytes on either side, as BigCode
//   requires, and likewise quads with a first octet below 13 (`5.10.2.1` is mostly a version).
// - IPv6: no ASCII letter, digit or `_` on either side (`std::vector`, `a::b` in code); without
//   `::` all eight groups (so times `12:30:45` and MAC addresses `00:1a:2b:3c:4d:5e` fail);
//   with `::` at least one decimal digit in the token and no two-group form of two letters
//   (`a::b`); `::` alone is not an address; eight two-digit groups are an EUI-64 or a hex dump.
import QuarryCore

/// Finds IPv4 and IPv6 addresses; every valid address is reported (the stage applies its keep
/// ranges and allowlists).
public struct IPAddressDetector: PIIDetector {
    public var types: [PIIType] { [.ipAddress] }

    public init() {}

    /// Bytes before a dotted quad searched for a version cue: "Version: " plus a short word.
    static let versionWindow = 12
    /// Bytes on either side of a four-single-digit quad searched for an IP context word.
    static let contextWindow = 40
    /// The longest token examined, in bytes (an IPv6 with embedded IPv4 is at most 45).
    static let maxToken = 64

    /// Words that make the number right after them a version or a section number.
    static let versionCues = CueWords(["v", "ver", "ver.", "version", "versions", "build", "release", "rev",
                                       "revision", "firmware", "update", "updated", "upgrade", "upgraded",
                                       "upgrading", "downgrade", "back", "kernel", "running", "section",
                                       "sections", "chapter", "abschnitt", "kapitel", "chapitre", "sección",
                                       "capítulo", "seção", "sezione", "afsnit", "sectie", "§", "第", "versión", "versão", "versione", "升级到", "回退到",
                                       "更新到", "版本", "版本号"])
    static let versionWord = Array("version".utf8)
    /// Short words allowed between a version cue and the number ("upgrade to", "Update auf").
    static let connectors = CueWords(["to", "auf", "zu", "la", "a", "à", "en", "de", "the"])
    /// Words that say a nearby quad is an address.
    static let contextCues = CueWords(["ip", "ips", "ipv4", "ip-adresse", "address", "addr", "adresse", "dirección",
                                       "direccion", "server", "serveur", "servidor", "host", "hostname", "dns",
                                       "gateway", "router", "subnet", "netmask", "mask", "ping", "proxy", "nameserver",
                                       "resolver", "from", "connect", "connection", "verbindung", "connexion",
                                       "conexión", "client", "peer", "remote", "listen", "bind", "inet", "route",
                                       "port", "ssh", "http", "https", "localhost", "lan", "wan", "network", "ifconfig",
                                       "virtualhost", "ipaddress", "ipv4address", "ip_address", "ipv6", "eth0",
                                       "地址", "服务器", "网关", "主机", "来自", "连接"])
    /// Below this first octet a quad needs a context word: "5.10.2.1" is far more often a
    /// version or a section than an address in running text.
    static let smallFirstOctet: UInt32 = 13

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        var i = 0
        while i < n {
            if n - i >= 8 {
                let mask = Self.digitOrColon(SWAR.load(base + i))
                if mask == 0 { i += 8; continue }
                i += SWAR.firstIndex(mask)
            } else if !(PIIBytes.isDigit(text[i]) || text[i] == UInt8(ascii: ":")) {
                i += 1
                continue
            }
            // A plain number ("2023", "12,5") is no address: skip it without building a token.
            var d = i
            while d < n, PIIBytes.isDigit(text[d]) { d += 1 }
            if d > i, d == n || !Self.isTokenByte(text[d]) || (text[d] == UInt8(ascii: ".") && (d + 1 == n || !PIIBytes.isDigit(text[d + 1]))),
               i == 0 || !Self.isTokenByte(text[i - 1]) {
                i = d
                continue
            }
            // The token of hex digits, dots and colons around the trigger; it needs three dots
            // (IPv4) or two colons (IPv6) to hold an address.
            var s = i
            while s > 0, i - s < Self.maxToken, Self.isTokenByte(text[s - 1]) { s -= 1 }
            var e = i
            var dots = 0, colons = 0
            while e < n {
                let b = text[e]
                if b == UInt8(ascii: ".") { dots += 1 } else if b == UInt8(ascii: ":") { colons += 1 }
                else if !PIIBytes.isHex(b) { break }
                e += 1
            }
            for k in s..<i {
                if text[k] == UInt8(ascii: ".") { dots += 1 } else if text[k] == UInt8(ascii: ":") { colons += 1 }
            }
            if dots >= 3 || colons >= 2, e - s <= Self.maxToken, i - s < Self.maxToken {
                Self.examine(text, s, e, into: &spans)
            }
            i = max(e, i + 1)
        }
    }

    /// Marks the bytes in 0x30...0x3A (digits and `:`), exactly, eight at a time.
    @inline(__always) static func digitOrColon(_ w: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = w & low7
        let atLeast30 = x &+ 0x5050_5050_5050_5050  // bit 7 set iff byte >= 0x30
        let atLeast3B = x &+ 0x4545_4545_4545_4545  // bit 7 set iff byte >= 0x3B
        return atLeast30 & ~atLeast3B & ~w & SWAR.highBits
    }

    @inline(__always) static func isTokenByte(_ b: UInt8) -> Bool {
        PIIBytes.isHex(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// Whether the byte is a letter, digit or `_`, which may not touch an address.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { PIIBytes.isAlnum(b) || b == UInt8(ascii: "_") }

    /// Reports the addresses in the token `text[s..<e]`.
    static func examine(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, into spans: inout [PIISpan]) {
        var s = s, e = e
        // Sentence punctuation: trailing dots, a trailing single colon ("IP: …" or "at 10.0.0.1:").
        while e > s, text[e - 1] == UInt8(ascii: ".") { e -= 1 }
        if e - s >= 2, text[e - 1] == UInt8(ascii: ":"), text[e - 2] != UInt8(ascii: ":") { e -= 1 }
        while s < e, text[s] == UInt8(ascii: ".") { s += 1 }
        guard e - s >= 2 else { return }
        // A letter may follow in CJK text, which runs words together ("服务器fe80::1ping得通").
        let cjkBefore = s > 0 && text[s - 1] >= 0x80
        let touching = (s > 0 && isWordByte(text[s - 1]))
            || (e < text.count && isWordByte(text[e]) && !(cjkBefore && PIIBytes.isLetter(text[e])))
        var colons = 0
        for k in s..<e where text[k] == UInt8(ascii: ":") { colons += 1 }
        if colons >= 2, !touching, isIPv6(text, s, e) {
            spans.append(PIISpan(.ipAddress, start: s, end: e))
            return
        }
        // Dotted quads among the colon-separated pieces.
        var p = s
        while p < e {
            var q = p
            while q < e, text[q] != UInt8(ascii: ":") { q += 1 }
            if q - p >= 7, isIPv4(text, p, q, tokenStart: s, tokenEnd: e) {
                spans.append(PIISpan(.ipAddress, start: p, end: q))
            }
            p = q + 1
        }
    }

    /// Whether `text[s..<e]` (a whole token) is an IPv6 address that is not a false friend.
    static func isIPv6(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard IPAddress.parseIPv6(text, s, e) != nil else { return false }
        var doubleColon = false, decimal = false, groups = 0
        var k = s
        var inGroup = false
        while k < e {
            let b = text[k]
            if b == UInt8(ascii: ":") {
                if k + 1 < e, text[k + 1] == UInt8(ascii: ":") { doubleColon = true }
                inGroup = false
            } else {
                if PIIBytes.isDigit(b) { decimal = true }
                if !inGroup { groups += 1; inGroup = true }
            }
            k += 1
        }
        // All eight groups present, unless every group has two digits: an EUI-64 or a hex dump
        // ("08:00:2b:01:02:03:04:05").
        if !doubleColon { return e - s != 23 }
        return decimal && groups >= 1
    }

    /// Whether `text[s..<e]` is a dotted quad that reads as an address in its context.
    static func isIPv4(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, tokenStart: Int, tokenEnd: Int) -> Bool {
        guard IPAddress.parseIPv4(text, s, e) != nil else { return false }
        // Only a token boundary may touch the quad on the outside of the token.
        if s == tokenStart, s > 0 {
            let b = text[s - 1]
            if isWordByte(b) { return false }
            // A user agent's "Firefox/115.0.2.1" (a URL's "//10.0.0.1" is fine).
            if b == UInt8(ascii: "/"), s >= 2, PIIBytes.isAlnum(text[s - 2]) { return false }
        }
        // A letter may follow in CJK text, which runs words together ("服务器10.0.0.7ping得通").
        if e == tokenEnd, e < text.count, isWordByte(text[e]),
           !(PIIBytes.isLetter(text[e]) && s > 0 && text[s - 1] >= 0x80) { return false }
        if versionCueEndsNear(text, s) { return false }
        // "版本" right after the number.
        if e + 6 <= text.count, let m = versionCues.match(in: text, at: e), m.end > e + 3 { return false }
        if isSectionHeading(text, s, e) { return false }
        // A release suffix: "1.2.3.4-beta", a Docker tag "python:3.11.4.2-slim".
        if e + 1 < text.count, text[e] == UInt8(ascii: "-"), PIIBytes.isLetter(text[e + 1]) { return false }
        guard let value = IPAddress.parseIPv4(text, s, e) else { return false }
        if e - s == 7 || value >> 24 < smallFirstOctet {  // four single-digit octets, or a small first one
            if hasAddressSyntax(text, s, e) { return true }
            let (lo, hi) = sentence(text, s, e)
            return contextCues.occurs(in: text, from: lo, to: s) || contextCues.occurs(in: text, from: e, to: hi)
        }
        return true
    }

    /// The context window around `text[s..<e]`: up to `contextWindow` bytes on either side,
    /// not past a line break or a sentence end (". ", "。").
    static func sentence(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        var lo = s
        while lo > 0, s - lo < contextWindow {
            let b = text[lo - 1]
            if b == 0x0A || (b == UInt8(ascii: " ") && lo >= 2 && text[lo - 2] == UInt8(ascii: ".")) { break }
            if b == 0x82, lo >= 3, text[lo - 3] == 0xE3, text[lo - 2] == 0x80 { break }  // 。
            lo -= 1
        }
        var hi = e
        while hi < text.count, hi - e < contextWindow {
            let b = text[hi]
            if b == 0x0A || (b == UInt8(ascii: ".") && (hi + 1 == text.count || text[hi + 1] == UInt8(ascii: " "))) { break }
            if b == 0xE3, hi + 2 < text.count, text[hi + 1] == 0x80, text[hi + 2] == 0x82 { break }
            hi += 1
        }
        return (lo, hi)
    }

    /// Whether the quad is a URL host (`://` before it), has a port (`:8080`) or a prefix
    /// length (`/24`) after it.
    static func hasAddressSyntax(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        if s >= 3, text[s - 1] == UInt8(ascii: "/"), text[s - 2] == UInt8(ascii: "/"), text[s - 3] == UInt8(ascii: ":") { return true }
        // A web server log line: "4.98.128.119 - - [17/Nov/2026:…".
        if s == 0 || text[s - 1] == 0x0A, e + 3 <= text.count, text[e] == UInt8(ascii: " "), text[e + 1] == UInt8(ascii: "-"),
           text[e + 2] == UInt8(ascii: " ") { return true }
        guard e + 1 < text.count, PIIBytes.isDigit(text[e + 1]) else { return false }
        return text[e] == UInt8(ascii: ":") || text[e] == UInt8(ascii: "/")
    }

    /// Whether the quad opens a line and is followed by ". ": a numbered heading ("10.1.2.2. Title").
    static func isSectionHeading(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e < text.count, text[e] == UInt8(ascii: "."),
              e + 1 == text.count || text[e + 1] == 0x0A || spaceLength(text, at: e + 1) > 0 else { return false }
        var j = s
        while j > 0, text[j - 1] == UInt8(ascii: " ") || text[j - 1] == UInt8(ascii: "\t") { j -= 1 }
        return j == 0 || text[j - 1] == 0x0A
    }

    /// The length of a space starting at `i`: space or tab (1), NBSP (2), narrow NBSP or
    /// ideographic space (3); 0 for anything else.
    static func spaceLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard i < text.count else { return 0 }
        let b = text[i]
        if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { return 1 }
        if b == 0xC2, i + 1 < text.count, text[i + 1] == 0xA0 { return 2 }
        if i + 2 < text.count, (b == 0xE2 && text[i + 1] == 0x80 && text[i + 2] == 0xAF)
            || (b == 0xE3 && text[i + 1] == 0x80 && text[i + 2] == 0x80) { return 3 }
        return 0
    }

    /// The length of a space ending just before `j` (see `spaceLength`).
    static func spaceLengthBefore(_ text: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        if j >= 1, spaceLength(text, at: j - 1) == 1 { return 1 }
        if j >= 2, spaceLength(text, at: j - 2) == 2 { return 2 }
        if j >= 3, spaceLength(text, at: j - 3) == 3 { return 3 }
        return 0
    }

    /// Whether a version cue is the word right before the quad (only spaces, `:`, `=`, `#`
    /// or `(` between them), not merely somewhere in the window.
    static func versionCueEndsNear(_ text: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
        var j = s
        while j > 0, s - j < 6 {
            let b = text[j - 1]
            if b == UInt8(ascii: ":") || b == UInt8(ascii: "=") || b == UInt8(ascii: "#") || b == UInt8(ascii: "(")
                || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { j -= 1; continue }
            let space = spaceLengthBefore(text, j)
            if space == 0 { break }
            j -= space
        }
        if cueEnds(versionCues, text, at: j) { return true }
        // An identifier ending in "version": buildVersion, app_version, VERSION.
        if j >= 7, PIIBytes.hasPrefix(text, at: j - 7, lowercased: versionWord) { return true }
        // One short connector in between: "upgrade to", "Update auf", "la".
        var k = max(0, j - 4)
        while k < j {
            if let m = connectors.match(in: text, at: k), m.end == j {
                var c = k
                while c > 0, k - c < 4, spaceLengthBefore(text, c) > 0 { c -= spaceLengthBefore(text, c) }
                if c < k, cueEnds(versionCues, text, at: c) { return true }
            }
            k += 1
        }
        return false
    }

    /// Whether some cue of `cues` ends exactly at `j`.
    static func cueEnds(_ cues: CueWords, _ text: UnsafeBufferPointer<UInt8>, at j: Int) -> Bool {
        var k = max(0, j - versionWindow)
        while k < j {
            if let m = cues.match(in: text, at: k), m.end == j { return true }
            k += 1
        }
        return false
    }
}
