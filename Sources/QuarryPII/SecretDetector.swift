// SECRET: credentials in code, configuration, logs and pasted text. Three kinds of finding:
// - provider tokens with a fixed prefix (AWS, GitHub, Slack, Stripe, Google, OpenAI; JWTs;
//   Slack webhook paths), recognised anywhere at a word start (`SecretRules`);
// - private key blocks, `-----BEGIN … PRIVATE KEY-----` through the matching END line (PEM,
//   RFC 7468; OpenSSH and PGP blocks too), also inside JSON strings with `\n` escapes;
// - generic assignments `name = value`, `name: value`, `"name": "value"`, `name => value`,
//   `name := value`, `export NAME=value`, where the name mentions a key, token, secret, auth or
//   password, and the value passes the tests below. The span is the value without quotes.
// Values of key/token/secret names must look random (entropy at least
// `SecretRules.entropyThreshold`, letters mixed with digits, or long mixed-case runs); values
// of password names need 8+ bytes mixing letters with digits or symbols. Placeholders
// (`your_api_key`, `<token>`, `${TOKEN}`, `{{ secret }}`, `xxxx`, `changeme`, `null`),
// references (`os.environ[...]`, `process.env.X`, `config.secret`) and calls are skipped.
// Bare hex digests, UUIDs, CSS colours and `data:` URIs are never secrets on their own: only
// the token formats and assignments report anything.
//
// The scan looks at each byte once through a 256-entry table of rare trigger bytes (see
// `trigger`); everything else is skipped at table speed.
import QuarryCore

/// Finds secrets; the span is the token, the assigned value, or the whole private key block.
public struct SecretDetector: PIIDetector {
    public var types: [PIIType] { [.secret] }

    public init() {}

    /// The longest name read before an assignment operator, in bytes.
    static let maxName = 64
    /// How far after a BEGIN line the END line is searched, in bytes (an 8192-bit RSA key in
    /// PEM is under 7 KB; PGP blocks with subkeys reach tens of KB).
    static let maxKeyBlock = 65_536

    /// Trigger classes per byte, chosen among bytes that are rare in prose so the scan rarely
    /// stops: 1 `A` (AWS and Google keys start with it), 2 `-` (key blocks; `xoxb-`, `sk-`),
    /// 3 `=` or `:` (assignments), 4 `_` (`ghp_`, `github_pat_`, `sk_live_`), 5 `J` (a JWT's
    /// `eyJ`), 6 `/` (a Slack webhook's `/services/`). A token is then looked for at the few
    /// positions where its prefix would put its start.
    static let trigger: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        t[Int(UInt8(ascii: "A"))] = 1
        t[Int(UInt8(ascii: "-"))] = 2
        t[Int(UInt8(ascii: "="))] = 3
        t[Int(UInt8(ascii: ":"))] = 3
        t[Int(UInt8(ascii: "_"))] = 4
        t[Int(UInt8(ascii: "J"))] = 5
        t[Int(UInt8(ascii: "/"))] = 6
        return t
    }()

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let n = text.count
        var i = 0
        var resume = 0  // the end of the last finding; nothing may start before it
        Self.trigger.withUnsafeBufferPointer { table in
            guard let p = text.baseAddress, let tp = table.baseAddress else { return }
            while i < n {
                // Eight bytes without a trigger are skipped with one branch.
                if n - i >= 8 {
                    let q = p + i
                    let any = tp[Int(q[0])] | tp[Int(q[1])] | tp[Int(q[2])] | tp[Int(q[3])]
                        | tp[Int(q[4])] | tp[Int(q[5])] | tp[Int(q[6])] | tp[Int(q[7])]
                    if any == 0 { i += 8; continue }
                }
                let t = tp[Int(p[i])]
                if t == 0 { i += 1; continue }
                var found: (start: Int, end: Int, resume: Int)?
                switch t {
                case 1:
                    found = Self.token(text, at: i, notBefore: resume)
                case 2:
                    found = Self.privateKeyBlock(text, at: i)
                        ?? Self.token(text, at: i - 4, notBefore: resume) ?? Self.token(text, at: i - 2, notBefore: resume)
                case 3:
                    found = Self.assignment(text, operatorAt: i)
                case 4:
                    found = Self.token(text, at: i - 3, notBefore: resume) ?? Self.token(text, at: i - 6, notBefore: resume)
                        ?? Self.token(text, at: i - 2, notBefore: resume)
                case 5:
                    found = Self.token(text, at: i - 2, notBefore: resume)
                default:
                    found = Self.slackWebhookPath(text, slashAt: i)
                }
                if let f = found {
                    spans.append(PIISpan(.secret, start: f.start, end: f.end))
                    resume = f.end
                    i = max(f.resume, i + 1)
                } else {
                    i += 1
                }
            }
        }
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { PIIBytes.isAlnum(b) || b == UInt8(ascii: "_") }

    // MARK: Tokens

    static let slackHooks = Array("hooks.slack.com/services".utf8)

    /// A provider token or JWT starting at `i` (at a word start), if any.
    static func token(_ text: UnsafeBufferPointer<UInt8>, at i: Int, notBefore: Int) -> (Int, Int, Int)? {
        guard i >= notBefore, i >= 0, i + 1 < text.count, i == 0 || !isWordByte(text[i - 1]) else { return nil }
        if text[i] == UInt8(ascii: "e") {
            guard text[i + 1] == UInt8(ascii: "y"), let e = SecretRules.jwtEnd(text, at: i) else { return nil }
            return (i, e, e)
        }
        guard let e = SecretRules.tokenEnd(text, at: i) else { return nil }
        return (i, e, e)
    }

    /// `T…/B…/secret` after `hooks.slack.com/services/` (the `/` at `slashAt` ends
    /// "services"): three slash-separated alphanumeric parts, the last not a placeholder.
    static func slackWebhookPath(_ text: UnsafeBufferPointer<UInt8>, slashAt: Int) -> (Int, Int, Int)? {
        let n = text.count
        let h = slashAt - slackHooks.count
        guard h >= 0, text[slashAt - 1] == UInt8(ascii: "s"), PIIBytes.hasPrefix(text, at: h, lowercased: slackHooks) else { return nil }
        let s = slashAt + 1
        var e = s
        var parts = 0
        var lastStart = s
        while parts < 3 {
            let p = e
            while e < n, PIIBytes.isAlnum(text[e]) { e += 1 }
            guard e - p >= 8 else { return nil }
            parts += 1
            lastStart = p
            if parts < 3 {
                guard e < n, text[e] == UInt8(ascii: "/") else { return nil }
                e += 1
            }
        }
        guard text[s] == UInt8(ascii: "T"), !SecretRules.isPlaceholder(text, lastStart, e) else { return nil }
        return (s, e, e)
    }

    // MARK: Generic assignments

    enum NameKind { case key, password }

    /// Name substrings (lowercase) that make an assignment a candidate, and their kind.
    static let nameMarks: [([UInt8], NameKind)] = marks([
        ("password", .password), ("passwd", .password), ("passphrase", .password), ("pwd", .password),
        ("passwort", .password), ("mot_de_passe", .password), ("contrasena", .password),
        ("api_key", .key), ("apikey", .key), ("api-key", .key), ("secret", .key), ("token", .key),
        ("access_key", .key), ("accesskey", .key), ("auth", .key), ("private_key", .key),
        ("privatekey", .key), ("credential", .key),
    ])

    private static func marks(_ rows: [(String, NameKind)]) -> [([UInt8], NameKind)] {
        rows.map { (Array($0.0.utf8), $0.1) }
    }

    /// The value assigned by the operator at `o`, if it is a secret.
    static func assignment(_ text: UnsafeBufferPointer<UInt8>, operatorAt o: Int) -> (Int, Int, Int)? {
        let n = text.count
        let b = text[o]
        var valueFrom = o + 1
        if b == UInt8(ascii: "=") {
            if o > 0 {
                let p = text[o - 1]
                // ==, !=, <=, >=, +=, := (handled at its colon) …
                if p == UInt8(ascii: "=") || p == UInt8(ascii: "!") || p == UInt8(ascii: "<") || p == UInt8(ascii: ">")
                    || p == UInt8(ascii: ":") || p == UInt8(ascii: "+") || p == UInt8(ascii: "-") { return nil }
            }
            if o + 1 < n {
                if text[o + 1] == UInt8(ascii: "=") { return nil }
                if text[o + 1] == UInt8(ascii: ">") { valueFrom = o + 2 }
            }
        } else {
            if o + 1 < n {
                if text[o + 1] == UInt8(ascii: "=") { valueFrom = o + 2 }
                else if text[o + 1] == UInt8(ascii: ":") || text[o + 1] == UInt8(ascii: "/") { return nil }
            }
            if o > 0, text[o - 1] == UInt8(ascii: ":") { return nil }
        }
        guard let kind = nameKind(text, before: o) else { return nil }
        guard let (vs, ve, resume) = value(text, from: valueFrom) else { return nil }
        guard acceptable(text, vs, ve, kind: kind) else { return nil }
        return (vs, ve, resume)
    }

    static let author = Array("author".utf8), authoriz = Array("authoriz".utf8), keyWord = Array("key".utf8), passWord = Array("pass".utf8)

    /// The kind of the name ending just before the operator at `o`, if it is a secret's name.
    static func nameKind(_ text: UnsafeBufferPointer<UInt8>, before o: Int) -> NameKind? {
        var j = o
        var skipped = 0
        while j > 0, skipped < 4, text[j - 1] == UInt8(ascii: " ") || text[j - 1] == UInt8(ascii: "\t") { j -= 1; skipped += 1 }
        skipped = 0
        while j > 0, skipped < 2, isQuote(text[j - 1]) || text[j - 1] == UInt8(ascii: "\\") || text[j - 1] == UInt8(ascii: "]") {
            j -= 1
            skipped += 1
        }
        let ne = j
        while j > 0, ne - j < maxName {
            let c = text[j - 1]
            guard PIIBytes.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { break }
            j -= 1
        }
        let ns = j
        guard ne - ns >= 3 else { return nil }
        // Cheap screen: every mark needs a `k`, a `p` with `s` or `w`, `s c r t`, `a u t h`
        // or `c r d` among the name's letters.
        var letters: UInt32 = 0
        for k in ns..<ne where PIIBytes.isLetter(text[k]) { letters |= 1 << UInt32(PIIBytes.lower(text[k]) &- 0x61) }
        func has(_ word: StaticString) -> Bool {
            var m: UInt32 = 0
            for k in 0..<word.utf8CodeUnitCount { m |= 1 << UInt32(word.utf8Start[k] &- 0x61) }
            return letters & m == m
        }
        guard has("k") || has("ps") || has("pw") || has("scrt") || has("auth") || has("crd") else { return nil }
        for (mark, kind) in nameMarks where ne - ns >= mark.count {
            var k = ns
            while k + mark.count <= ne {
                if PIIBytes.hasPrefix(text, at: k, lowercased: mark) {
                    // "author" is no credential, "authorization" is.
                    if mark.count == 4, mark[0] == UInt8(ascii: "a"), PIIBytes.hasPrefix(text, at: k, lowercased: author),
                       !PIIBytes.hasPrefix(text, at: k, lowercased: authoriz) {
                        k += 1
                        continue
                    }
                    return kind
                }
                k += 1
            }
        }
        // "key" as the whole name or its last word: key, apiKey, SECRET_KEY, signing-key.
        if ne - ns >= 3, PIIBytes.hasPrefix(text, at: ne - 3, lowercased: keyWord) {
            if ne - ns == 3 { return .key }
            let before = text[ne - 4]
            if before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".")
                || (text[ne - 3] == UInt8(ascii: "K") && PIIBytes.isLower(before)) { return .key }
        }
        // "pass" likewise: DB_PASS, smtp-pass.
        if ne - ns >= 4, PIIBytes.hasPrefix(text, at: ne - 4, lowercased: passWord) {
            if ne - ns == 4 { return .password }
            let before = text[ne - 5]
            if before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".") { return .password }
        }
        return nil
    }

    @inline(__always) static func isQuote(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`")
    }

    /// The value after an operator: quoted (`"…"`, `'…'`, `` `…` ``, JSON-escaped `\"…\"`) or
    /// bare up to a delimiter; an HTTP auth scheme word (`Bearer`, `Basic`, `Token`) is skipped.
    /// Returns the value's range and where scanning resumes.
    static func value(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> (Int, Int, Int)? {
        let n = text.count
        var v = from
        while v < n, v - from < 8, text[v] == UInt8(ascii: " ") || text[v] == UInt8(ascii: "\t") { v += 1 }
        guard v < n else { return nil }
        var quote: UInt8 = 0
        var escaped = false
        if isQuote(text[v]) {
            quote = text[v]
            v += 1
        } else if text[v] == UInt8(ascii: "\\"), v + 1 < n, isQuote(text[v + 1]) {
            quote = text[v + 1]
            escaped = true
            v += 2
        }
        for scheme in authSchemes where PIIBytes.hasPrefix(text, at: v, lowercased: scheme) { v += scheme.count; break }
        var e = v
        if quote != 0 {
            while e < n, e - v <= SecretRules.maxValue {
                let c = text[e]
                if c == quote, !escaped { break }
                if escaped, c == UInt8(ascii: "\\"), e + 1 < n, text[e + 1] == quote { break }
                // Spaces, or quotes of another kind (`'Basic realm="x"'`), mean text, not a secret.
                if c == 0x0A || c == 0x0D || c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || (isQuote(c) && c != quote) { return nil }
                e += 1
            }
            guard e < n, e - v <= SecretRules.maxValue else { return nil }
            return (v, e, e + (escaped ? 2 : 1))
        }
        while e < n, e - v <= SecretRules.maxValue, !endsBareValue(text[e]) { e += 1 }
        while e > v, text[e - 1] == UInt8(ascii: ".") { e -= 1 }
        guard e - v <= SecretRules.maxValue else { return nil }
        if e - v >= SecretRules.minValue, isReference(text, v, e) { return nil }
        return (v, e, e)
    }

    static let authSchemes: [[UInt8]] = ["bearer ", "basic ", "token ", "bot "].map { Array($0.utf8) }

    @inline(__always) static func endsBareValue(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"):
            return true
        default:
            return b >= 0x80  // a non-ASCII byte ends an unquoted value in running text
        }
    }

    /// Whether a bare value is code rather than a literal: a call, a subscript, or a dotted
    /// path of identifiers (`os.environ.get`, `config.secret`, `settings.KEY`, `t2.unique2`).
    static func isReference(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var dots = 0
        var segmentStart = true
        for k in s..<e {
            let c = text[k]
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { return true }
            if c == UInt8(ascii: ".") {
                if segmentStart { return false }
                dots += 1
                segmentStart = true
            } else if PIIBytes.isLetter(c) || c == UInt8(ascii: "_") {
                segmentStart = false
            } else if PIIBytes.isDigit(c) {
                if segmentStart { return false }
            } else {
                return false
            }
        }
        return dots > 0 && !segmentStart
    }

    /// Whether a value is a path, URL or other text rather than a credential: it contains
    /// `:/`, holds a percent-encoded space, or starts with `/`, `./` or `~/` and has no
    /// upper-case letter (base64 secrets may start with `/` too, but mix cases).
    static func isPathOrText(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let first = text[s]
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "~") || (first == UInt8(ascii: ".") && e - s > 1 && text[s + 1] == UInt8(ascii: "/")) {
            var upper = false
            for k in s..<e where PIIBytes.isUpper(text[k]) { upper = true; break }
            if !upper { return true }
        }
        var k = s
        while k + 1 < e {
            if text[k] == UInt8(ascii: ":"), text[k + 1] == UInt8(ascii: "/") { return true }
            if text[k] == UInt8(ascii: "%"), k + 2 < e, text[k + 1] == UInt8(ascii: "2"), text[k + 2] == UInt8(ascii: "0") { return true }
            k += 1
        }
        return false
    }

    /// The value tests of the file header.
    static func acceptable(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, kind: NameKind) -> Bool {
        let length = e - s
        guard length >= (kind == .key ? SecretRules.minKeyValue : SecretRules.minValue),
              !SecretRules.isPlaceholder(text, s, e), !isPathOrText(text, s, e) else { return false }
        let c = SecretRules.classes(text, s, e)
        let letters = c.lower + c.upper
        // A symbol other than the word joiners `- _ .` ("!", "#", "^", "@" …).
        var strongSymbol = false
        for k in s..<e where c.symbol > 0 {
            let b = text[k]
            if b < 0x80, !PIIBytes.isAlnum(b), b != UInt8(ascii: "-"), b != UInt8(ascii: "_"), b != UInt8(ascii: ".") {
                strongSymbol = true
                break
            }
        }
        switch kind {
        case .password:
            return letters > 0 && (c.digit > 0 || strongSymbol)
        case .key:
            guard SecretRules.entropy(text, s, e) >= SecretRules.entropyThreshold(length: length) else { return false }
            if c.digit > 0 && letters > 0 { return true }
            // No digit: mixed case and either a symbol or runs of capitals unlike camelCase.
            return c.upper > 0 && c.lower > 0 && (strongSymbol || (length >= 16 && c.upperPairs >= 2))
        }
    }
}
