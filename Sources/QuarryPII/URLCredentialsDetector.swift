// URL_WITH_CREDENTIALS: the `user:password` userinfo of a URL (RFC 3986 §3.2.1), as in
// `https://user:pw@host/…`, `postgres://app:s3cret@db:5432/x`, `redis://:pw@cache:6379`. The
// scanner jumps eight bytes at a time to `:` (SWAR), checks for `//` after it and an RFC 3986
// scheme before it (a letter, then letters, digits, `+ - .`), then reads the authority up to
// the first `/ ? #`, space or character a URL cannot hold. The userinfo runs to the authority's
// last `@` (passwords with a raw `@` are common even though RFC 3986 wants `%40`), must contain
// a `:` with a non-empty password after it, and a host must start right after the `@`. The span
// is the userinfo without the `@` and the scheme, so the host stays readable; an empty user
// (`redis://:pw@…`) gives a span starting at the `:`. Documentation placeholders for the
// password (`user:password@`, `user:pass@`, `u:xxxx@`) are not reported.
import QuarryCore

/// Finds credentials embedded in URLs; the span is `user:password`.
public struct URLCredentialsDetector: PIIDetector {
    public var types: [PIIType] { [.urlWithCredentials] }

    public init() {}

    /// The longest scheme read (`mongodb+srv` is 11), in bytes.
    static let maxScheme = 32
    /// The longest authority read, in bytes; longer runs are not URLs in prose.
    static let maxAuthority = 512

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        var i = 0
        while i < n {
            if n - i >= 8 {
                let mask = SWAR.bytes(SWAR.load(base + i), equalTo: UInt8(ascii: ":"))
                if mask == 0 { i += 8; continue }
                i += SWAR.firstIndex(mask)
            } else if text[i] != UInt8(ascii: ":") {
                i += 1
                continue
            }
            if let span = Self.userinfo(text, colon: i) {
                spans.append(PIISpan(.urlWithCredentials, start: span.start, end: span.end))
                i = span.end
            } else {
                i += 1
            }
        }
    }

    /// The `user:password` of a URL whose scheme ends at the `:` at `colon`, if any.
    static func userinfo(_ text: UnsafeBufferPointer<UInt8>, colon: Int) -> (start: Int, end: Int)? {
        let n = text.count
        guard colon + 3 < n, text[colon + 1] == UInt8(ascii: "/"), text[colon + 2] == UInt8(ascii: "/"),
              hasScheme(text, endingAt: colon) else { return nil }
        let start = colon + 3
        var lastAt = -1
        var k = start
        while k < n, k - start <= maxAuthority {
            let b = text[k]
            if b == UInt8(ascii: "@") { lastAt = k }
            else if !isAuthorityByte(b) { break }
            k += 1
        }
        guard lastAt > start, lastAt + 1 < n, startsHost(text[lastAt + 1]) else { return nil }
        // The password is what follows the first ':' of the userinfo.
        var c = start
        while c < lastAt, text[c] != UInt8(ascii: ":") { c += 1 }
        guard c < lastAt - 1, !isPlaceholderPassword(text, c + 1, lastAt) else { return nil }
        return (start, lastAt)
    }

    /// Passwords of documentation examples (`user:password@`, `user:pass@`, `me:secret@`,
    /// `login:passwd-on-proxy@`, `u:xxxx@`, `u:****@`): these whole words, or text containing
    /// the marks below.
    static let placeholderPasswords: [[UInt8]] = ["pass", "pwd", "pw", "secret", "changeme"].map { Array($0.utf8) }
    static let placeholderMarks: [[UInt8]] = ["password", "passwd", "xxx", "***", "your", "example"].map { Array($0.utf8) }

    static func isPlaceholderPassword(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        for word in placeholderPasswords where e - s == word.count {
            if PIIBytes.hasPrefix(text, at: s, lowercased: word) { return true }
        }
        for mark in placeholderMarks {
            var k = s
            while k + mark.count <= e {
                if PIIBytes.hasPrefix(text, at: k, lowercased: mark) { return true }
                k += 1
            }
        }
        return false
    }

    /// Whether an RFC 3986 scheme ends just before `end` and starts at a word boundary.
    static func hasScheme(_ text: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Bool {
        var j = end
        while j > 0, end - j < maxScheme {
            let b = text[j - 1]
            guard PIIBytes.isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { break }
            j -= 1
        }
        // Leading `+ - .` and digits belong to the text before, not to the scheme.
        while j < end, !PIIBytes.isLetter(text[j]) { j += 1 }
        guard end - j >= 2 else { return false }
        return j == 0 || !PIIBytes.isAlnum(text[j - 1])
    }

    /// Bytes of an authority other than `@`: unreserved, percent signs, sub-delims, `:`, `[ ]`.
    @inline(__always) static func isAuthorityByte(_ b: UInt8) -> Bool {
        if PIIBytes.isAlnum(b) { return true }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
             UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// Whether a host can start with `b`: an ASCII letter or digit, `[` of an IPv6 literal, or
    /// the first byte of a UTF-8 (IDN) character.
    @inline(__always) static func startsHost(_ b: UInt8) -> Bool {
        PIIBytes.isAlnum(b) || b == UInt8(ascii: "[") || b >= 0xC2
    }
}
