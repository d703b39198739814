// LineScan's byte scanners against plain twins written over Swift's Unicode scalars, on random
// lines mixing ASCII, CJK, symbols, spaces and bad UTF-8; and the word counts of LineWords:
// their cheap bounds hold around ICU's count, and Chinese lines get dictionary words.
@testable import QuarryFilters
import QuarryTestSupport
import Testing

@Suite struct LineScanTests {
    /// Random lines from pieces that exercise every branch.
    static func lines(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        let pieces: [[UInt8]] = ["a", "Z", "9", " ", "\t", ".", "...", "!", "?", "\"", "'", "•", "»", ">", "<b>", "|", ",", "-",
                                 "、", "，", "。", "！", "？", "”", "」", "大", "模型", "\u{3000}", "\u{A0}", "©", "😀", "é", "１",
                                 "img.png", "x.JPG?w=1", "ß"].map { Array($0.utf8) } + [[0xFF], [0xE5, 0xA4], [0x80]]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0..<12, using: &rng)).flatMap { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        }
    }

    func with<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { bytes.withUnsafeBufferPointer(body) }

    /// The scalars of bytes as Swift decodes them (bad sequences become U+FFFD).
    func scalars(_ bytes: ArraySlice<UInt8>) -> [UInt32] { String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value) }

    @Test func scannersAgreeWithTheirPlainTwins() {
        for line in Self.lines(count: 3000, seed: 7) {
            with(line) { b in
                let all = 0..<b.count
                let text = scalars(line[...])
                // Trimming: the same scalars as dropping white space at both ends.
                let trimmed = scalars(line[LineScan.trimmed(b, all)])
                var plain = text[...]
                while let first = plain.first, LineScan.isSpace(first) { plain = plain.dropFirst() }
                while let last = plain.last, LineScan.isSpace(last) { plain = plain.dropLast() }
                #expect(trimmed == Array(plain), "\(line)")
                let core = scalars(line[LineScan.core(b, all)])
                var plainCore = text[...]
                while let first = plainCore.first, LineScan.isSpace(first) || LineScan.isSymbol(first) { plainCore = plainCore.dropFirst() }
                while let last = plainCore.last, LineScan.isSpace(last) || LineScan.isSymbol(last) { plainCore = plainCore.dropLast() }
                #expect(core == Array(plainCore), "\(line)")
                #expect(LineScan.hasLetter(b, all) == text.contains(where: LineScan.isLetter), "\(line)")
                let plainEnd = text.contains { [0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F].contains($0) }
                    || text.indices.contains { text[$0] == 0x2E && ($0 + 1 == text.count || text[$0 + 1] == 0x20 || text[$0 + 1] == 0x09) }
                #expect(LineScan.hasSentenceEnd(b, all) == plainEnd, "\(line)")
                let string = String(decoding: line, as: UTF8.self)
                let plainTerminal = [".", "?", "!", "\"", "'", "。", "！", "？", "”", "’", "」", "』"].contains { string.hasSuffix($0) }
                    && !string.hasSuffix("...")
                #expect(LineScan.endsWithTerminalPunctuation(b, all) == plainTerminal, "\(line)")
            }
        }
    }

    @Test func imageFileNames() {
        for (line, expected) in [("dee78002-a89a-11ef-93f3-92fbcf53809c.png", true), ("photo.JPEG", true), ("a/b/c.webp?x=1", true),
                                 (".png", false), ("see photo.png", false), ("image.pngx", false), ("report.pdf", false)] {
            #expect(with(Array(line.utf8)) { LineScan.isImageFileName($0, 0..<$0.count) } == expected, "\(line)")
        }
    }

    @Test func codeLookingLines() {
        for (line, expected) in [("close()", true), (">>> x = 1", true), ("--tags", true), ("-v", true), ("$ ls", true), ("))", true),
                                 ("['a']", true), ("[1, 2]", true), ("<div>", true), ("type_tag", true), ("x = 1", true),
                                 ("[Sign in]", false), ("- Home", false), ("----", false), ("Comments (12)", false),
                                 ("评论(12)", false), ("Home > News", false), ("• • •", false), ("写文章/发帖", false)] {
            #expect(with(Array(line.utf8)) { LineScan.looksLikeCode($0, 0..<$0.count) } == expected, "\(line)")
        }
    }

    @Test func listItems() {
        for (line, items, long) in [("在线观看www成人影院-在线观看www日本免费网站-在线观看www视频-在线观看操", 4, 0),
                                    ("a | b | c, d; e", 5, 0), ("state-of-the-art COVID-19", 1, 0), ("Home > News > Sports", 3, 0),
                                    ("大模型 人工智能 深度学习", 3, 0), ("big model, small model", 2, 0),
                                    ("Tags: one, two, a very long item that goes on and on", 4, 1), ("• • ,,", 0, 0)] {
            let result = with(Array(line.utf8)) { LineScan.listItems($0, 0..<$0.count, maxItemScalars: 24) }
            #expect(result.items == items && result.long == long, "\(line): \(result)")
        }
    }

    @Test func wordBoundsHoldAndChineseGetsDictionaryWords() {
        var words = LineWords(language: nil)
        for line in Self.lines(count: 1500, seed: 11) {
            with(line) { b in
                let (low, high) = LineWords.bounds(b, 0..<b.count)
                let exact = words.exact(b, 0..<b.count)
                #expect(low <= exact && exact <= high, "\(line): \(low) \(exact) \(high)")
                #expect(words.count(b, 0..<b.count) == exact)
            }
        }
        for (line, count) in [("会员中心", 2), ("What is a large model?", 5), ("3046", 1), ("• • •", 0), ("don't stop", 2)] {
            #expect(with(Array(line.utf8)) { words.count($0, 0..<$0.count) } == count, "\(line)")
        }
        let chinese = "我们现在口头上常说的大模型"
        let n = with(Array(chinese.utf8)) { words.count($0, 0..<$0.count) }
        #expect(n > 1 && n < chinese.unicodeScalars.count, "dictionary words, not one per character: \(n)")
    }
}
