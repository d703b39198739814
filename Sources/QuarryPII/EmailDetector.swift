// EMAIL: e-mail addresses in running text, including internationalized local parts and domains
// (RFC 6531/6532: UTF-8 letters in both; IDNA labels such as `bücher.de`, `例子.中国`, and their
// punycode `xn--` forms). The scanner jumps between `@` bytes eight at a time (SWAR) and only
// there reads the local part leftwards and the domain rightwards.
//
// The local part is RFC 5322's dot-atom restricted to the characters real addresses use
// (ASCII letters, digits, `. _ % + -`) plus UTF-8 letters: the other atext characters
// (`= ? / & ' { } | ~ ^ ! # $ * \``) delimit URL queries and markup far more often than they
// occur in addresses, so they end the local part (`?to=ann@x.org` gives `ann@x.org`). Dots may
// not lead, trail or double. CJK characters join the local part only when every character up
// to the `@` is non-ASCII, so `邮箱ann@x.cn` gives `ann@x.cn` while `用户@例子.中国` is whole.
// The domain needs at least two labels (LDH or UTF-8 letters, no hyphen at either end of a
// label) and a top-level label of two or more ASCII letters that is not a file extension
// (`logo@2x.png`), a punycode `xn--` label, or UTF-8 letters. Limits follow RFC 5321 §4.5.3.1:
// 64 bytes of local part, 63 per label, 253 of domain.
import QuarryCore

/// Finds e-mail addresses; the span is `local@domain` without brackets, quotes or a final dot.
public struct EmailDetector: PIIDetector {
    public var types: [PIIType] { [.email] }

    public init() {}

    /// RFC 5321 §4.5.3.1 size limits, in bytes.
    static let maxLocal = 64, maxLabel = 63, maxDomain = 253

    /// Top-level labels that are file extensions rather than domains in practice (retina image
    /// names like `logo@2x.png`, asset paths). Real ccTLDs that are also extensions (`.md`,
    /// `.py`, `.sh`, `.pl`) are kept.
    static let fileExtensions: Set<UInt64> = Set([
        "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "mjs", "ico", "bmp", "tif", "tiff",
        "avif", "heic", "psd", "mp3", "mp4", "wav", "webm", "ogg", "pdf", "zip", "gz", "tgz", "tar",
        "html", "htm", "php", "asp", "aspx", "jsp", "json", "xml", "txt", "yml", "yaml", "ts",
        "tsx", "jsx", "vue", "scss", "sass", "less", "woff", "woff2", "ttf", "eot", "otf", "map",
        "min", "lock", "swift", "java", "kt", "rb", "go", "exe", "dll", "jar", "bin",
    ].map { word in word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        var i = 0
        var resume = 0  // no address may start before this (the end of the last one)
        while i < n {
            if n - i >= 8 {
                let mask = SWAR.bytes(SWAR.load(base + i), equalTo: UInt8(ascii: "@"))
                if mask == 0 { i += 8; continue }
                i += SWAR.firstIndex(mask)
            } else if text[i] != UInt8(ascii: "@") {
                i += 1
                continue
            }
            if let span = Self.address(text, at: i, notBefore: resume) {
                spans.append(PIISpan(.email, start: span.start, end: span.end))
                resume = span.end
                i = span.end
            } else {
                i += 1
            }
        }
    }

    /// The address around the `@` at `at`, if there is one.
    static func address(_ text: UnsafeBufferPointer<UInt8>, at: Int, notBefore: Int) -> (start: Int, end: Int)? {
        guard let start = localStart(text, at: at, notBefore: notBefore),
              let end = domainEnd(text, from: at + 1), !isURLUserinfo(text, localStart: start, at: at) else { return nil }
        return (start, end)
    }

    /// Whether the `@` ends the `user:password` of a URL (`https://ci:pa55.w0rd@host`), which is
    /// URL_WITH_CREDENTIALS, not an address: "://" starts the run of non-space bytes before it
    /// and a `:` lies between the two.
    static func isURLUserinfo(_ text: UnsafeBufferPointer<UInt8>, localStart: Int, at: Int) -> Bool {
        var k = localStart
        while k > 0, at - k < 256 {
            let b = text[k - 1]
            if b == UInt8(ascii: "/") || b <= 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "<") { break }
            k -= 1
        }
        guard k >= 3, text[k - 1] == UInt8(ascii: "/"), text[k - 2] == UInt8(ascii: "/"), text[k - 3] == UInt8(ascii: ":") else { return false }
        for j in k..<at where text[j] == UInt8(ascii: ":") { return true }
        return false
    }

    /// Whether `b` may appear in the ASCII part of a local part.
    @inline(__always) static func isLocalASCII(_ b: UInt8) -> Bool {
        PIIBytes.isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    /// The start of the local part ending just before `at`, or nil when there is none.
    static func localStart(_ text: UnsafeBufferPointer<UInt8>, at: Int, notBefore: Int) -> Int? {
        var j = at
        var sawASCII = false
        while j > notBefore {
            let b = text[j - 1]
            if b < 0x80 {
                guard isLocalASCII(b) else { break }
                sawASCII = true
                j -= 1
            } else {
                let s = PIIBytes.characterStart(text, j - 1)
                guard s >= notBefore, let (scalar, len) = UnicodeLetters.decode(text, s), s + len == j,
                      UnicodeLetters.isLetter(scalar) else { break }
                // CJK joins only an all-non-ASCII local part; Latin, Greek, Cyrillic … always.
                if len >= 3 && sawASCII { break }
                j = s
            }
            if at - j > maxLocal { return nil }
        }
        // No leading dots; no trailing or doubled dot at all.
        while j < at, text[j] == UInt8(ascii: ".") { j += 1 }
        guard j < at, text[at - 1] != UInt8(ascii: ".") else { return nil }
        var k = j + 1
        while k < at {
            if text[k] == UInt8(ascii: "."), text[k - 1] == UInt8(ascii: ".") { return nil }
            k += 1
        }
        return j
    }

    /// The end of the domain starting at `from`, or nil when no valid domain starts there.
    static func domainEnd(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = text.count
        var i = from
        var labels = 0
        var lastLabelStart = from, lastLabelEnd = from
        var lastLabelASCII = true
        while i < n, i - from <= maxDomain {
            // One label.
            let labelStart = i
            var ascii = true
            var sawASCIIByte = false
            while i < n {
                let b = text[i]
                if b < 0x80 {
                    guard PIIBytes.isAlnum(b) || b == UInt8(ascii: "-") else { break }
                    sawASCIIByte = true
                    i += 1
                } else {
                    guard let (scalar, len) = UnicodeLetters.decode(text, i), UnicodeLetters.isLetter(scalar) else { break }
                    // An ASCII label running into CJK text ends there ("x.cn联系我们").
                    if len >= 3 && sawASCIIByte && ascii { break }
                    ascii = false
                    i += len
                }
            }
            let labelEnd = i
            if labelEnd == labelStart { break }
            // Hyphens may not start or end a label; a trailing one ends the address before it.
            if text[labelStart] == UInt8(ascii: "-") { break }
            var end = labelEnd
            while end > labelStart, text[end - 1] == UInt8(ascii: "-") { end -= 1 }
            if end - labelStart > maxLabel { return nil }
            labels += 1
            lastLabelStart = labelStart
            lastLabelEnd = end
            lastLabelASCII = ascii
            if end != labelEnd { break }
            // Continue over a single dot followed by another label character.
            guard i + 1 < n, text[i] == UInt8(ascii: "."), startsLabel(text, i + 1) else { break }
            i += 1
        }
        guard labels >= 2, lastLabelEnd - from <= maxDomain,
              isTopLevel(text, lastLabelStart, lastLabelEnd, ascii: lastLabelASCII) else { return nil }
        return lastLabelEnd
    }

    @inline(__always) static func startsLabel(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = text[i]
        if b < 0x80 { return PIIBytes.isAlnum(b) }
        guard let (scalar, _) = UnicodeLetters.decode(text, i) else { return false }
        return UnicodeLetters.isLetter(scalar)
    }

    /// Whether `text[s..<e]` can be a top-level domain.
    static func isTopLevel(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, ascii: Bool) -> Bool {
        if !ascii { return true }
        if e - s >= 5, PIIBytes.lower(text[s]) == UInt8(ascii: "x"), PIIBytes.lower(text[s + 1]) == UInt8(ascii: "n"),
           text[s + 2] == UInt8(ascii: "-"), text[s + 3] == UInt8(ascii: "-") { return true }
        guard e - s >= 2, e - s <= 24 else { return false }
        for k in s..<e where !PIIBytes.isLetter(text[k]) { return false }
        if e - s > 6 { return true }
        var packed: UInt64 = 0
        for k in s..<e { packed = packed << 8 | UInt64(PIIBytes.lower(text[k])) }
        return !fileExtensions.contains(packed)
    }
}

/// Decoding of one UTF-8 scalar and a coarse "is a letter" test by block, enough to tell
/// letters of the world's scripts from punctuation, symbols and spaces without Unicode tables.
enum UnicodeLetters {
    /// The scalar starting at `i` and its length in bytes, or nil for a malformed sequence.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
        let b0 = UInt32(text[i])
        let n = text.count
        if b0 < 0x80 { return (b0, 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            return ((b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            return ((b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            return ((b0 & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12 | UInt32(text[i + 2] & 0x3F) << 6
                    | UInt32(text[i + 3] & 0x3F), 4)
        }
        return nil
    }

    /// Letters (and combining marks) of alphabetic and ideographic scripts: Latin-1 and Latin
    /// Extended letters (not × ÷), Greek through Arabic and the Indic and Southeast Asian
    /// blocks, Hangul Jamo, Latin Extended Additional, kana, CJK ideographs, Hangul syllables,
    /// compatibility ideographs and the supplementary ideograph planes. Excluded: Latin-1
    /// punctuation (U+0080-U+00BF, NBSP, « »), general punctuation and symbols (U+2000-U+2BFF),
    /// CJK punctuation (U+3000-U+303F) and the fullwidth forms (U+FF00-U+FFEF).
    static func isLetter(_ c: UInt32) -> Bool {
        switch c {
        case 0xC0...0x24F: return c != 0xD7 && c != 0xF7
        case 0x250...0x2AF, 0x370...0x3FF: return c != 0x37E && c != 0x387
        case 0x400...0x52F, 0x531...0x587, 0x5D0...0x5EA, 0x620...0x64A, 0x660...0x669, 0x671...0x6D3: return true
        case 0x900...0xDFF, 0xE01...0xE5B, 0x1100...0x11FF, 0x1E00...0x1FFF: return true
        case 0x3041...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF: return true
        case 0x20000...0x3134F: return true
        default: return false
        }
    }
}
