// The byte-level guess for undeclared (or wrongly declared) documents: ASCII stays ASCII
// (unless it carries ISO-2022-JP escapes), strongly-UTF-8 bytes are UTF-8, and anything else
// goes to ICU's charset detector (ucsdet: byte n-gram statistics for the single-byte encodings,
// character-frequency tables for the CJK ones), whose candidates are restricted to the
// encodings a web page or text file in a training corpus plausibly uses: the WHATWG legacy
// encodings plus UTF-8. UTF-16/32 without a BOM, ISO-2022 and IBM EBCDIC guesses are ignored:
// on binary junk they are the usual false positives. With no usable candidate the answer is
// windows-1252, the web's default for unlabelled legacy pages (`.fallback`).
//
// The detector sees at most 8 KiB, starting 256 bytes before the first non-ASCII byte: ICU
// reads no more than that for its statistics (InputText's buffer), its n-gram recognizers cost
// about 0.5 ms per KiB (ICU 72 on this machine), and an English menu before the Cyrillic text
// would only dilute them. For HTML the bytes are the text between the tags (comments, <script>
// and <style> dropped): markup is ASCII too.
import QuarryCore

enum CharsetDetection {
    /// ICU confidence (0...100) below which a candidate is not used. On the test pages (400 to
    /// 1000 bytes) ICU gives the right single-byte encoding 24-70 and the right CJK one 100;
    /// on random bytes its best legacy candidate scores 4-6.
    static let minimumConfidence = 10

    /// Bytes of text (after markup removal, for HTML) the detector sees.
    static let sampleLimit = 8 << 10

    /// ASCII context kept before the first non-ASCII byte of the sample.
    static let sampleLead = 256

    /// Canonical names the guess may return: not UTF-16 (no BOM), ISO-2022-JP (7-bit, found by
    /// its escapes instead), or x-user-defined.
    static func isGuessable(_ name: String) -> Bool {
        switch name {
        case "utf-16le", "utf-16be", "iso-2022-jp", "x-user-defined": false
        default: true
        }
    }

    static func guess(_ bytes: UnsafeBufferPointer<UInt8>, scan: UTF8Scan, html: Bool) -> DecodedText {
        if scan.isASCII {
            if hasISO2022JPEscape(bytes) {
                return Charsets.decoded(bytes, as: "iso-2022-jp", source: .guess, scan: scan)
            }
            return DecodedText(text: String(validatedUTF8: bytes, isASCII: true), charset: "utf-8",
                               source: .guess, replacements: 0)
        }
        if scan.isStronglyUTF8 {
            return Charsets.decoded(bytes, as: "utf-8", source: .guess, scan: scan)
        }
        if let name = detect(bytes, html: html, scan: scan) {
            return Charsets.decoded(bytes, as: name, source: .guess, scan: scan)
        }
        return Charsets.decoded(bytes, as: "windows-1252", source: .fallback, scan: scan)
    }

    /// ICU's best usable candidate for `bytes`, as a canonical name, or nil. ICU's UTF-8 answer
    /// counts only when the scan saw more well-formed multi-byte characters than invalid
    /// subparts: ICU gives UTF-8 a confidence of 15 for nearly-ASCII text whose few high bytes it
    /// does not count as errors ("caf\u{E9}" at the end of a latin1 file).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, html: Bool, scan: UTF8Scan) -> String? {
        let text = html ? textSample(bytes) : []
        let matches = html && text.contains(where: { $0 >= 0x80 })
            ? text.withUnsafeBufferPointer { detectWindow($0) }
            : detectWindow(bytes)
        for match in matches where match.confidence >= minimumConfidence {
            guard let name = Charsets.canonicalName(match.name), isGuessable(name) else { continue }
            if name == "utf-8", scan.multibyte <= scan.invalid { continue }
            // ICU names every GB text GB18030; most are GBK (the same decoder), unless four-byte
            // GB18030 sequences occur.
            if name == "gb18030" { return hasGB18030FourByteSequence(bytes) ? "gb18030" : "gbk" }
            return name
        }
        return nil
    }

    /// ICU's candidates for the `sampleLimit` bytes from `sampleLead` before the first non-ASCII one.
    static func detectWindow(_ bytes: UnsafeBufferPointer<UInt8>) -> [ICUCharsets.Match] {
        guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return [] }
        let start = max(0, first - sampleLead)
        return ICUCharsets.detect(UnsafeBufferPointer(rebasing: bytes[start..<min(bytes.count, start + sampleLimit)]))
    }

    /// The text of an HTML document for the detector: markup, comments, scripts and styles
    /// dropped (each tag leaves a space), up to `sampleLimit` bytes past the first non-ASCII one.
    static func textSample(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        var out: [UInt8] = []
        func matches(_ i: Int, _ ascii: String) -> Bool {
            var k = i
            for c in ascii.utf8 {
                guard k < n, bytes[k] | (bytes[k] &- 0x41 < 26 ? 0x20 : 0) == c else { return false }
                k += 1
            }
            return true
        }
        func find(_ ascii: String, from i: Int) -> Int? {
            let first = ascii.utf8.first!
            var k = i
            while k < n {
                if bytes[k] | 0x20 == first | 0x20, matches(k, ascii) { return k }
                k += 1
            }
            return nil
        }
        var i = 0
        var limit = Int.max
        while i < n, out.count < limit {
            let b = bytes[i]
            guard b == UInt8(ascii: "<") else {
                if b >= 0x80, limit == Int.max { limit = out.count + sampleLimit }
                out.append(b)
                i += 1
                continue
            }
            if matches(i, "<!--") {
                i = (find("-->", from: i + 4) ?? n - 3) + 3
                continue
            }
            for element in ["script", "style"] where matches(i, "<" + element) {
                i = find("</" + element, from: i + 1) ?? n
                break
            }
            while i < n, bytes[i] != UInt8(ascii: ">") { i += 1 }
            i += 1
            out.append(0x20)
        }
        return out
    }

    /// Whether 7-bit bytes switch to JIS X 0208 (ESC $ B or ESC $ @), as ISO-2022-JP does.
    static func hasISO2022JPEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        while i < n {
            if n - i >= 8, SWAR.bytes(SWAR.load(p + i), equalTo: 0x1B) == 0 {
                i += 8
                continue
            }
            if p[i] == 0x1B, i + 2 < n, p[i + 1] == UInt8(ascii: "$"),
               p[i + 2] == UInt8(ascii: "B") || p[i + 2] == UInt8(ascii: "@") {
                return true
            }
            i += 1
        }
        return false
    }

    /// Whether GB bytes hold a four-byte GB18030 sequence (a lead byte, then a digit), walking
    /// the two-byte GBK sequences so that a trail byte is never taken for a lead.
    static func hasGB18030FourByteSequence(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
            } else if i + 1 < n, bytes[i + 1] &- 0x30 < 10 {
                return true
            } else {
                i += 2
            }
        }
        return false
    }
}
