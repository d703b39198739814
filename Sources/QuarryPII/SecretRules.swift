// The rules of the SECRET detector: provider token formats with fixed prefixes, the value
// tests for generic `name = value` assignments (placeholders, entropy, character classes), and
// private key blocks.
//
// Token formats follow the providers' published formats as catalogued by gitleaks 8.x
// (config/gitleaks.toml) and GitHub secret scanning: AWS access key ids (a four-letter prefix
// + 16 of [A-Z0-9]), GitHub (`ghp_ gho_ ghu_ ghs_ ghr_` + 36 alphanumerics, `github_pat_` + 82
// of [A-Za-z0-9_]), Slack (`xoxb- xoxp- xoxa- xoxr- xoxs- xoxe- xapp-` tokens), Stripe secret
// and restricted keys, Google API keys (`AIza` + 35), OpenAI-style `sk-` keys and JWTs.
// The generic-value test follows the idea of detect-secrets' high-entropy plugins (Shannon
// entropy over the value's bytes) with the character-class and placeholder screens below.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A provider token: a literal prefix, then a body of allowed bytes with length bounds.
struct SecretTokenRule: Sendable {
    let prefix: [UInt8]
    let minBody: Int
    let maxBody: Int
    /// Which bytes the body may contain.
    let body: SecretAlphabet
    /// The body must contain a digit (Slack's numeric ids; rules out prose after the prefix).
    let needsDigit: Bool

    init(_ prefix: String, _ minBody: Int, _ maxBody: Int, _ body: SecretAlphabet, needsDigit: Bool = false) {
        self.prefix = Array(prefix.utf8)
        self.minBody = minBody
        self.maxBody = maxBody
        self.body = body
        self.needsDigit = needsDigit
    }
}

enum SecretAlphabet: Sendable {
    case upperDigit      // [A-Z0-9]
    case alnum           // [A-Za-z0-9]
    case alnumUnderscore // [A-Za-z0-9_]
    case alnumDash       // [A-Za-z0-9-]
    case base64url       // [A-Za-z0-9_-]

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        switch self {
        case .upperDigit: return PIIBytes.isUpper(b) || PIIBytes.isDigit(b)
        case .alnum: return PIIBytes.isAlnum(b)
        case .alnumUnderscore: return PIIBytes.isAlnum(b) || b == UInt8(ascii: "_")
        case .alnumDash: return PIIBytes.isAlnum(b) || b == UInt8(ascii: "-")
        case .base64url: return PIIBytes.isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}

enum SecretRules {
    /// Token rules by first byte (all prefixes start with an ASCII letter).
    static let tokens: [SecretTokenRule] = {
        var rules: [SecretTokenRule] = []
        for p in ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "ABIA", "ACCA"] {
            rules.append(SecretTokenRule(p, 16, 16, .upperDigit))
        }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] { rules.append(SecretTokenRule(p, 36, 36, .alnum)) }
        rules.append(SecretTokenRule("github_pat_", 82, 82, .alnumUnderscore))
        for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-"] {
            rules.append(SecretTokenRule(p, 20, 255, .alnumDash, needsDigit: true))
        }
        for p in ["sk_live_", "rk_live_", "sk_test_", "rk_test_"] { rules.append(SecretTokenRule(p, 16, 255, .alnum)) }
        rules.append(SecretTokenRule("AIza", 35, 35, .base64url))
        // OpenAI: project, service-account and admin keys have a marked prefix; legacy keys are
        // "sk-" + 48 alphanumerics. Longest prefix first.
        for p in ["sk-proj-", "sk-svcacct-", "sk-admin-"] { rules.append(SecretTokenRule(p, 20, 255, .base64url, needsDigit: true)) }
        rules.append(SecretTokenRule("sk-", 48, 255, .base64url, needsDigit: true))
        return rules
    }()

    /// For each byte, whether some token rule starts with it.
    static let startsToken: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for r in tokens { t[Int(r.prefix[0])] = true }
        return t
    }()

    /// For each pair of first two bytes (`b0 << 8 | b1`), whether some token rule starts with it.
    static let startsToken2: [Bool] = {
        var t = [Bool](repeating: false, count: 65_536)
        for r in tokens { t[Int(r.prefix[0]) << 8 | Int(r.prefix[1])] = true }
        return t
    }()

    /// The end of a provider token starting at `i`, if one does. The token may not be
    /// followed by a byte of its own alphabet (it would be a longer, different string).
    static func tokenEnd(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = text.count
        guard i + 1 < n, startsToken2[Int(text[i]) << 8 | Int(text[i + 1])] else { return nil }
        for rule in tokens where rule.prefix[0] == text[i] {
            let p = rule.prefix
            guard i + p.count + rule.minBody <= n else { continue }
            var ok = true
            for k in 1..<p.count where text[i + k] != p[k] { ok = false; break }
            guard ok else { continue }
            var e = i + p.count
            var digit = false
            while e < n, e - i - p.count < rule.maxBody, rule.body.contains(text[e]) {
                if PIIBytes.isDigit(text[e]) { digit = true }
                e += 1
            }
            let bodyLength = e - i - p.count
            guard bodyLength >= rule.minBody, !(e < n && rule.body.contains(text[e])),
                  !rule.needsDigit || digit else { continue }
            return e
        }
        return nil
    }

    /// The end of a JWT starting at `i` (which holds "eyJ"): three base64url parts separated by
    /// dots; the header and payload at least 10 bytes, the signature at least 16.
    static func jwtEnd(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = text.count
        var e = i
        let minimum = [10, 10, 16]
        for part in 0..<3 {
            let s = e
            while e < n, SecretAlphabet.base64url.contains(text[e]) { e += 1 }
            guard e - s >= minimum[part] else { return nil }
            if part < 2 {
                guard e < n, text[e] == UInt8(ascii: ".") else { return nil }
                e += 1
            }
        }
        return e
    }

    // MARK: Generic values

    /// Minimum value length for a generic assignment, in bytes: shorter strings are rarely
    /// credentials and too often ids, ports or flags.
    static let minValue = 8
    /// Minimum value length for key, token and secret names, in bytes: every provider key
    /// format we know has 16 or more characters; 12 leaves room for short app secrets while
    /// skipping labels such as `AUTH=CRAM-MD5` or `authn_01`.
    static let minKeyValue = 12
    /// The longest value considered, in bytes.
    static let maxValue = 512

    /// The entropy a key or token value must carry, in bits per byte: 3.0 for values of 13
    /// bytes and more (random base62 strings of that length carry 3.3-3.7, hex digests 3.7-3.9,
    /// English words and identifiers mostly below 3.0); shorter values cannot reach it even when
    /// every byte differs, so they need log2(length) - 0.6 (2.4 at 8 bytes).
    static func entropyThreshold(length: Int) -> Double {
        min(3.0, log2(Double(length)) - 0.6)
    }

    /// Shannon entropy of `text[s..<e]` over its bytes, in bits per byte.
    static func entropy(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double {
        let n = e - s
        guard n > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for k in s..<e { counts[Int(text[k])] &+= 1 }
            var h = 0.0
            let total = Double(n)
            for c in counts where c > 0 {
                let p = Double(c) / total
                h -= p * log2(p)
            }
            return h
        }
    }

    struct Classes {
        var lower = 0, upper = 0, digit = 0, symbol = 0, other = 0
        /// Adjacent pairs of upper-case letters ("QX" in random strings; rare in camelCase).
        var upperPairs = 0
    }

    static func classes(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Classes {
        var c = Classes()
        var previousUpper = false
        for k in s..<e {
            let b = text[k]
            let upper = PIIBytes.isUpper(b)
            if PIIBytes.isLower(b) { c.lower += 1 }
            else if upper { c.upper += 1; if previousUpper { c.upperPairs += 1 } }
            else if PIIBytes.isDigit(b) { c.digit += 1 }
            else if b < 0x80 { c.symbol += 1 }
            else { c.other += 1 }
            previousUpper = upper
        }
        return c
    }

    /// Substrings (lowercase) marking a value as a placeholder, example or reference.
    static let placeholderMarks: [[UInt8]] = [
        "xxxx", "****", "....", "your", "example", "placeholder", "changeme", "change_me", "change-me",
        "dummy", "redacted", "sample", "<", ">", "{{", "${", "%(", "%s", "replace", "insert", "enter_",
        "todo", "fixme", "secret_here", "token_here", "key_here", "here", "foobar", "test1234", "password",
        "abcdef12", "12345678", "process.env", "os.environ", "getenv", "env[", "env.", "environ",
    ].map { Array($0.utf8) }

    /// Whole values (lowercase) that are never secrets.
    static let nonValues: Set<[UInt8]> = Set([
        "null", "none", "nil", "true", "false", "undefined", "empty", "required", "optional", "string",
        "boolean", "integer", "hidden", "masked", "disabled", "enabled",
    ].map { Array($0.utf8) })

    /// Whether `text[s..<e]` looks like a placeholder or a reference rather than a literal.
    static func isPlaceholder(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let first = text[s]
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "%") || first == UInt8(ascii: "{")
            || first == UInt8(ascii: "[") || first == UInt8(ascii: "<") || first == UInt8(ascii: "@") { return true }
        // A run of one repeated byte over half the value ("aaaaaaaa1").
        var run = 1, longest = 1
        for k in (s + 1)..<e {
            run = text[k] == text[k - 1] ? run + 1 : 1
            longest = max(longest, run)
        }
        if longest * 2 > e - s { return true }
        for mark in placeholderMarks where e - s >= mark.count {
            var k = s
            while k + mark.count <= e {
                if PIIBytes.hasPrefix(text, at: k, lowercased: mark), k + mark.count <= e { return true }
                k += 1
            }
        }
        if e - s <= 12 {
            var lowered: [UInt8] = []
            lowered.reserveCapacity(e - s)
            for k in s..<e { lowered.append(PIIBytes.lower(text[k])) }
            if nonValues.contains(lowered) { return true }
        }
        return false
    }
}

// Private key blocks: PEM (RFC 7468) and the OpenSSH and PGP armours, from the BEGIN line
// through the END line with the same label.
extension SecretDetector {
    static let begin = Array("-----begin ".utf8)
    static let end = Array("-----end ".utf8)
    static let privateKey = Array("private key".utf8)
    static let dashes = Array("-----".utf8)

    static func privateKeyBlock(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Int, Int)? {
        guard i + 40 < text.count, text[i + 1] == UInt8(ascii: "-"), text[i + 4] == UInt8(ascii: "-"),
              PIIBytes.hasPrefix(text, at: i, lowercased: begin) else { return nil }
        let n = text.count
        // The label: "RSA PRIVATE KEY", "PRIVATE KEY", "PGP PRIVATE KEY BLOCK" …, then "-----".
        let labelStart = i + begin.count
        var k = labelStart
        while k < n, k - labelStart < 48, PIIBytes.isUpper(text[k]) || text[k] == UInt8(ascii: " ") { k += 1 }
        let labelEnd = k
        guard PIIBytes.hasPrefix(text, at: k, lowercased: dashes) else { return nil }
        var hasPrivateKey = false
        var p = labelStart
        while p + privateKey.count <= labelEnd {
            if PIIBytes.hasPrefix(text, at: p, lowercased: privateKey) { hasPrivateKey = true; break }
            p += 1
        }
        guard hasPrivateKey else { return nil }
        let bodyStart = k + 5
        // The matching END line.
        var j = bodyStart
        let limit = min(n, bodyStart + maxKeyBlock)
        while j < limit {
            if text[j] == UInt8(ascii: "-"), PIIBytes.hasPrefix(text, at: j, lowercased: end) {
                let l = j + end.count
                var same = l + (labelEnd - labelStart) + 5 <= n
                var q = 0
                while same, q < labelEnd - labelStart {
                    if text[l + q] != text[labelStart + q] { same = false }
                    q += 1
                }
                if same, PIIBytes.hasPrefix(text, at: l + q, lowercased: dashes) {
                    guard hasBase64Run(text, bodyStart, j) else { return nil }
                    let e = l + q + 5
                    return (i, e, e)
                }
            }
            j += 1
        }
        // No END line (a truncated paste): the block runs over its base64 body.
        var e = bodyStart
        while e < n {
            let b = text[e]
            if b == 0x0A, e + 1 < n, text[e + 1] == 0x0A { break }  // a blank line ends the body
            if PIIBytes.isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
                || b == 0x0A || b == 0x0D { e += 1; continue }
            if b == UInt8(ascii: "\\"), e + 1 < n, text[e + 1] == UInt8(ascii: "n") { e += 2; continue }
            break
        }
        while e > bodyStart, text[e - 1] == 0x0A || text[e - 1] == 0x0D { e -= 1 }
        guard e - bodyStart >= 64 else { return nil }
        return (i, e, e)
    }

    /// The shortest run of base64 bytes a key body must hold, in bytes: a PEM line is 64, an
    /// OpenSSH line 70; "... (private key here) ..." in documentation has none.
    static let minBase64Run = 32

    static func hasBase64Run(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var run = 0
        for k in s..<e {
            let b = text[k]
            if PIIBytes.isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") {
                run += 1
                if run >= minBase64Run { return true }
            } else {
                run = 0
            }
        }
        return false
    }
}
