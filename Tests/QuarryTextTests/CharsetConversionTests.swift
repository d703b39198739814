// Conversion details: the single-byte tables against Python's codecs, UTF-8 and UTF-16 repair
// against the standard library's decoders (the plain twins), U+FFFD counts for invalid bytes in
// the ICU-decoded encodings, the WHATWG fix-ups on top of ICU, long inputs across the
// wrapper's chunk boundaries, junk input, and many threads decoding at once.
import Foundation
import QuarryTestSupport
import QuarryText
import Synchronization
import Testing

@Suite struct CharsetConversionTests {
    /// Every byte 0x80-0xFF of every single-byte encoding, against Python's codecs
    /// (Fixtures/charsets/python-single-byte.tsv). The WHATWG indexes differ from Python in
    /// three documented ways: bytes Python leaves undefined that WHATWG decodes to the C1
    /// control of the same value (windows-125x, windows-874), WHATWG's koi8-u being KOI8-RU
    /// (0xAE U+045E, 0xBE U+040E), and windows-1255 0xCA (U+05BA).
    @Test func singleByteTablesAgreeWithPython() throws {
        let table = String(decoding: CharsetFixtures.bytes("python-single-byte.tsv"), as: UTF8.self)
        var rows = 0
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            let name = fields[0]
            let byte = try #require(UInt8(fields[1], radix: 16))
            let decoded = try #require(convert([byte], from: name))
            let scalar = decoded.text.unicodeScalars.first!.value
            rows += 1
            switch (name, byte) {
            case ("koi8-u", 0xAE): #expect(scalar == 0x045E)
            case ("koi8-u", 0xBE): #expect(scalar == 0x040E)
            case ("windows-1255", 0xCA): #expect(scalar == 0x05BA)
            default:
                if fields[2] == "-" {
                    #expect(scalar == UInt32(byte) || (scalar == 0xFFFD && decoded.replacements == 1),
                            "\(name) \(fields[1]): U+\(String(scalar, radix: 16))")
                } else {
                    #expect(scalar == UInt32(fields[2], radix: 16), "\(name) \(fields[1])")
                    #expect(decoded.replacements == 0)
                }
            }
            #expect(decoded.text.unicodeScalars.count == 1)
        }
        #expect(rows == 27 * 128)
        // iso-8859-8-i decodes as iso-8859-8; x-user-defined maps 0x80 + k to U+F780 + k.
        #expect(convert([0xE0, 0xFA], from: "iso-8859-8-i")?.text == "\u{5D0}\u{5EA}")
        #expect(convert([0x41, 0x80, 0xFF], from: "x-user-defined")?.text == "A\u{F780}\u{F7FF}")
        // Unmapped bytes count: windows-1253 0xAA and iso-8859-3 0xA5 have no index entry.
        #expect(convert([0x41, 0xAA], from: "windows-1253")?.text == "A\u{FFFD}")
        #expect(convert([0x41, 0xAA], from: "windows-1253")?.replacements == 1)
        #expect(convert([0xA5, 0xA5], from: "iso-8859-3")?.replacements == 2)
    }

    /// Unicode §3.9 Table 3-8: U+FFFD for each maximal subpart.
    @Test func utf8MaximalSubparts() throws {
        let bytes: [UInt8] = [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64]
        let decoded = try #require(convert(bytes, from: "utf-8"))
        #expect(decoded.text == "a\u{FFFD}\u{FFFD}\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}d")
        #expect(decoded.replacements == 6)
        // Surrogates, overlongs and values above U+10FFFF.
        let bad: [UInt8] = [0xED, 0xA0, 0x80, 0xC0, 0xAF, 0xE0, 0x80, 0xAF, 0xF4, 0x90, 0x80, 0x80]
        #expect(try #require(convert(bad, from: "utf-8")).replacements == 12)
    }

    /// The fast UTF-8 path against the standard library's decoder on random, mostly-UTF-8 bytes.
    @Test func utf8RepairMatchesStandardLibrary() throws {
        var random = SplitMix64(seed: 0xC4A5E7)
        let pieces: [[UInt8]] = ["a", "Z", " ", "é", "語", "😀", "ß", "\u{FFFD}"].map { Array($0.utf8) }
            + [[0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0x80]]
        for _ in 0..<2000 {
            var bytes: [UInt8] = [0x78]  // never a BOM
            for _ in 0..<random.below(60) { bytes += pieces[random.below(pieces.count)] }
            if random.below(4) == 0 { bytes += Array(repeating: 0x41, count: random.below(40)) }
            let decoded = try #require(convert(bytes, from: "utf-8"))
            #expect(decoded.text == String(decoding: bytes, as: UTF8.self))
            var errors = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break loop
                case .error: errors += 1
                }
            }
            #expect(decoded.replacements == errors)
        }
    }

    @Test func utf16MatchesStandardLibrary() throws {
        var random = SplitMix64(seed: 0x16)
        let units: [UInt16] = [0x41, 0xE9, 0x8A9E, 0xD83D, 0xDE00, 0xDC00, 0xDBFF, 0xDFFF, 0xFFFD, 0x0]
        for _ in 0..<1000 {
            let text = (0..<random.below(40)).map { _ in units[random.below(units.count)] }
            let expected = String(decoding: text, as: UTF16.self)
            let le = text.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let be = text.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            let skip = text.first == 0xFEFF ? 1 : 0  // convert drops a leading BOM
            #expect(try #require(convert(le, from: "utf-16le")).text == String(decoding: text.dropFirst(skip), as: UTF16.self))
            #expect(try #require(convert(be, from: "utf-16be")).text == String(decoding: text.dropFirst(skip), as: UTF16.self))
            #expect(expected.unicodeScalars.count >= 0)
        }
        let odd = try #require(convert([0x41, 0x00, 0x42], from: "utf-16le"))
        #expect(odd.text == "A\u{FFFD}")
        #expect(odd.replacements == 1)
        let lone = try #require(convert([0x3D, 0xD8, 0x41, 0x00, 0x00, 0xDE], from: "utf-16le"))
        #expect(lone.text == "\u{FFFD}A\u{FFFD}")
        #expect(lone.replacements == 2)
    }

    @Test(arguments: [
        // Shift_JIS: a lead byte before ASCII gives U+FFFD and the ASCII byte; 0xFF is never valid.
        ("shift_jis", [0x82, 0xA0, 0x82, 0x20, 0xFF] as [UInt8], "あ\u{FFFD} \u{FFFD}", 2),
        ("shift_jis", [0x82], "\u{FFFD}", 1),
        ("euc-kr", [0xB0, 0xA1, 0xB0], "가\u{FFFD}", 1),
        ("euc-kr", [0xB0, 0xA1, 0xFF, 0x41], "가\u{FFFD}A", 1),
        ("euc-jp", [0xA4, 0xA2, 0xA4], "あ\u{FFFD}", 1),
        ("gbk", [0xC4, 0xE3, 0xFF, 0x41], "你\u{FFFD}A", 1),
        ("gb18030", [0xC4, 0xE3, 0x81, 0x30], "你\u{FFFD}", 1),
        ("big5", [0xA4, 0x40, 0xA4], "一\u{FFFD}", 1),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42, 0x41], "あA", 0),
    ])
    func invalidBytesBecomeReplacements(_ charset: String, _ bytes: [UInt8], _ text: String, _ count: Int) throws {
        let decoded = try #require(convert(bytes, from: charset))
        #expect(decoded.text == text, "\(decoded.text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(decoded.replacements == count)
    }

    /// Where ICU 72's tables differ from the WHATWG indexes, the wrapper decodes as WHATWG does.
    @Test(arguments: [
        ("big5", [0x88, 0x62] as [UInt8], "\u{CA}\u{304}", 0),  // two code points
        ("big5", [0x87, 0xA4], "\u{9F97}", 0),  // unassigned in ICU's HKSCS table
        ("big5", [0xA3, 0xC0], "\u{2400}", 0),
        ("big5", [0x88, 0x40], "\u{31C0}", 0),  // PUA U+F303 in ICU's table
        ("big5", [0x81, 0xA1], "\u{FFFD}", 1),  // user-defined area: PUA in ICU, an error in WHATWG
        ("big5", [0x81, 0x40], "\u{FFFD}@", 1),  // ... whose ASCII trail byte is decoded again
        ("euc-kr", [0x81, 0x5B], "\u{FFFD}[", 1),  // ICU takes [81 5B] as one unmapped sequence
        ("gb18030", [0x81, 0x30, 0x41], "\u{FFFD}0A", 1),
        ("gbk", [0x80], "\u{20AC}", 0),
        ("gb18030", [0xA6, 0xD9], "\u{FE10}", 0),  // GB18030-2022 (ICU 72: PUA U+E78D)
        ("gb18030", [0xA3, 0xA0], "\u{3000}", 0),
        ("gbk", [0xAA, 0xA1], "\u{E000}", 0),  // user-defined area: PUA in both
        ("gb18030", [0x95, 0x34, 0xB2, 0x35], "\u{20BB7}", 0),
        ("shift_jis", [0x80], "\u{80}", 0),
        ("shift_jis", [0x5C, 0x7E], "\\~", 0),
        ("shift_jis", [0xF0, 0x40], "\u{E000}", 0),  // WHATWG maps pointers 8836-10715 to PUA
        ("shift_jis", [0x87, 0x40], "①", 0),
        ("euc-kr", [0xC9, 0xA1], "\u{FFFD}", 1),  // user-defined area: PUA in ICU, an error in WHATWG
        ("euc-kr", [0x8C, 0x63], "똠", 0),
    ])
    func whatwgFixups(_ charset: String, _ bytes: [UInt8], _ text: String, _ count: Int) throws {
        let decoded = try #require(convert(bytes, from: charset))
        #expect(decoded.text == text, "\(decoded.text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(decoded.replacements == count)
    }

    /// Every two-byte sequence of the ICU-decoded encodings against the WHATWG indexes
    /// (Fixtures/charsets/whatwg-*.txt, made from the standard's index files by
    /// make_whatwg_tables.py): with the fix-ups of cicu_charset_fixups.h, ICU decodes all of
    /// them as the standard does, unmapped pairs included.
    @Test(arguments: [
        ("shift_jis", Array(0x81...0x9F) + Array(0xE0...0xFC), Array(0x40...0x7E) + Array(0x80...0xFC)),
        ("euc-kr", Array(0x81...0xFE), Array(0x41...0xFE)),
        ("gbk", Array(0x81...0xFE), Array(0x40...0x7E) + Array(0x80...0xFE)),
        ("big5", Array(0x81...0xFE), Array(0x40...0x7E) + Array(0xA1...0xFE)),
        ("euc-jp", Array(0xA1...0xFE), Array(0xA1...0xFE)),
    ])
    func twoByteSequencesMatchWHATWG(_ charset: String, _ leads: [Int], _ trails: [Int]) throws {
        let lines = String(decoding: CharsetFixtures.bytes("whatwg-\(charset).txt"), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == leads.count + 1)
        var mismatches: [String] = []
        for (lead, line) in zip(leads, lines) {
            var decoded = ""
            for trail in trails {
                decoded += try #require(convert([UInt8(lead), UInt8(trail)], from: charset)).text
            }
            if decoded != line { mismatches.append(String(lead, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "lead bytes with a difference: \(mismatches)")
    }

    /// Pages repeated past ICU's 8192-unit chunks (surrogate pairs of 𠮷 straddle some).
    @Test(arguments: ["zh-gb18030.html", "ja-shift_jis.html", "zh-big5.html", "ko-euc-kr.html", "ja-euc-jp.html"])
    func longInputs(_ file: String) throws {
        let fixture = CharsetFixtures.withDeclaration.first { $0.file == file }!
        let bytes = Array([[UInt8]](repeating: CharsetFixtures.bytes(file), count: 700).joined())
        let decoded = try #require(convert(bytes, from: fixture.charset))
        #expect(decoded.replacements == 0)
        #expect(decoded.text == String(repeating: CharsetFixtures.expected(file), count: 700))
    }

    @Test func plainText() {
        // UTF-8 with a BOM; nearly valid UTF-8; a cut-off final character.
        #expect(decodeText([0xEF, 0xBB, 0xBF, 0x68, 0x69]).text == "hi")
        #expect(decodeText([0xEF, 0xBB, 0xBF]).source == .bom)
        var nearly = Array(String(repeating: "Grüße ", count: 40).utf8)
        nearly.insert(0xFF, at: 10)
        let decoded = decodeText(nearly)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.replacements == 1)
        let cut = Array(String(repeating: "語", count: 5).utf8.dropLast())
        #expect(decodeText(cut).charset == "utf-8")
        #expect(decodeText(cut).text == "語語語語\u{FFFD}")
        // A latin1 file ending in "é" (0xE9, a UTF-8 lead byte) is not a cut-off UTF-8 file.
        let latin1 = Array("Un caf".utf8) + [0xE9]
        #expect(decodeText(latin1).text == "Un café")
        #expect(decodeText(latin1).charset == "windows-1252")
        // Pure ASCII takes the fast path and is UTF-8.
        let ascii = decodeText(Array("plain ASCII\n".utf8))
        #expect(ascii.text == "plain ASCII\n")
        #expect(ascii.charset == "utf-8")
        #expect(ascii.source == .guess)
    }

    @Test func randomJunkNeverCrashes() {
        var random = SplitMix64(seed: 0xBAD)
        let names = ["utf-8", "utf-16le", "utf-16be", "windows-1252", "koi8-r", "gbk", "gb18030", "big5",
                     "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr", "x-user-defined", "iso-8859-8-i"]
        var inputs: [[UInt8]] = [
            [], [0], [0xFF], Array(repeating: 0xFF, count: 5000), Array(repeating: 0x00, count: 777),
            Array(repeating: 0x81, count: 4097), Array(repeating: 0x8E, count: 33), Array(repeating: 0x8F, count: 3),
            Array(repeating: 0x1B, count: 9), Array("\u{1B}$B\u{1B}$B\u{1B}(J\u{1B}".utf8), [0xFE, 0xFF, 0xD8], [0xFF, 0xFE, 0x00],
            Array("<meta charset=\"".utf8) + Array(repeating: 0x41, count: 2000),
            Array("<!--".utf8), Array("<meta".utf8), Array("<meta charset=utf-16><".utf8),
        ]
        for _ in 0..<300 {
            inputs.append((0..<random.below(3000)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        inputs.append((0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: random.next() | 0x80) })
        for (k, bytes) in inputs.enumerated() {
            let html = decodeHTML(bytes, http: k % 3 == 0 ? names[k % names.count] : nil)
            #expect(html.replacements >= 0)
            #expect(html.text.utf8.count <= 3 * bytes.count + 8)
            #expect(decodeText(bytes).replacements >= 0)
            if bytes.count < 10000 || k == inputs.count - 1 {
                for name in names {
                    let decoded = convert(bytes, from: name)
                    #expect(decoded != nil)
                    #expect((decoded?.replacements ?? 0) <= bytes.count)
                }
            }
        }
    }

    /// 16 threads (beyond the cooperative pool's size) decode every fixture 10 times each; every
    /// result must be right, and each thread's ICU converters are its own.
    @Test func concurrentDecoding() {
        let fixtures = CharsetFixtures.all.map { ($0, CharsetFixtures.bytes($0.file), CharsetFixtures.expected($0.file)) }
        final class Failures: Sendable { let count = Mutex(0) }
        let failures = Failures()
        let done = DispatchGroup()
        for t in 0..<16 {
            done.enter()
            let thread = Thread {
                var random = SplitMix64(seed: UInt64(t))
                for _ in 0..<10 {
                    for (fixture, bytes, expected) in fixtures.shuffled(using: &random) {
                        let decoded = fixture.declared == nil
                            ? decodeHTML(bytes, http: fixture.charset)
                            : decodeHTML(bytes)
                        if decoded.text != expected || decoded.charset != fixture.charset {
                            failures.count.withLock { $0 += 1 }
                        }
                    }
                }
                done.leave()
            }
            thread.start()
        }
        done.wait()
        #expect(failures.count.withLock { $0 } == 0)
    }
}
