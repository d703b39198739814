// ICUWordTokenizer checked against an independent route to ICU: PyICU 2.17's C++ BreakIterator
// on UTF-16 text (Fixtures/icu-segments.json, made by scripts/reference/icu_segments.py; the
// fixture README says how), plus UAX #29 cases, the covering property on random mixtures of
// scripts, blanks and ill-formed bytes, chunked segmentation, concurrency and a 20 MB line.
import Foundation
@testable import QuarryText
import QuarryTestSupport
import Testing

private struct SegmentFixture: Decodable {
    struct Case: Decodable {
        var origin: String
        var locale: String
        var text: String
        var words: [[Int]]
        var sentences: [[Int]]
    }

    var icu_version: String
    var cases: [Case]

    static let loaded: SegmentFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/icu-segments.json")
        let data = (try? Data(contentsOf: url)) ?? Data()
        return (try? JSONDecoder().decode(SegmentFixture.self, from: data)) ?? SegmentFixture(icu_version: "", cases: [])
    }()
}

private func words(_ text: String, _ locale: String) -> [String] { ICUWordTokenizer(locale: locale).words(of: text) }

/// Ranges of every word and every sentence of `text`, with the checks every output must pass:
/// in order, disjoint, non-empty, inside the text, no blank at either end, and nothing but
/// blanks between words (words and blanks cover the text).
private func checkCovering(_ bytes: [UInt8], _ tokenizer: ICUWordTokenizer) -> (words: [Range<Int>], sentences: [Range<Int>]) {
    var words: [Range<Int>] = []
    var sentences: [Range<Int>] = []
    bytes.withUnsafeBufferPointer {
        tokenizer.appendWords(of: $0, to: &words)
        tokenizer.appendSentences(of: $0, to: &sentences)
    }
    for ranges in [words, sentences] {
        var end = 0
        for r in ranges {
            #expect(r.lowerBound >= end && r.lowerBound < r.upperBound && r.upperBound <= bytes.count)
            end = r.upperBound
        }
    }
    var gaps = [UInt8]()
    var last = 0
    for r in words + [bytes.count..<bytes.count] {
        gaps += bytes[last..<r.lowerBound]
        last = r.upperBound
    }
    let gapText = String(decoding: gaps, as: UTF8.self)
    #expect(gapText.unicodeScalars.allSatisfy(isBlank), "non-blank text between words: \(gapText.debugDescription)")
    for r in words + sentences {
        guard let scalars = String(validating: bytes[r], as: UTF8.self)?.unicodeScalars else { continue }
        #expect(!isBlank(scalars.first!) && !isBlank(scalars.last!))
    }
    return (words, sentences)
}

/// Unicode White_Space plus U+200B, U+2060, U+FEFF: the blanks of cicu_break.c.
private func isBlank(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || s.value == 0x200B || s.value == 0x2060 || s.value == 0xFEFF
}

@Suite struct ICUWordTokenizerTests {
    @Test func chineseGetsDictionaryWords() {
        let text = "我们现在口头上常说的大模型，实际上特指大模型的其中一类。"
        let got = words(text, "zh")
        #expect(got.count == 18)
        #expect(got.prefix(4) == ["我们", "现在", "口头", "上"])
        #expect(got.contains("模型") && got.contains("，") && got.last == "。")
        // Whitespace-delimited counting sees a single "word" here.
        #expect(Array(text.utf8).withUnsafeBufferPointer { TextMeasures.wordCount($0) } == 1)
    }

    @Test func japaneseThaiAndTheOtherDictionaryScripts() {
        #expect(words("私は東京大学で自然言語処理を研究しています。", "ja")
            == ["私", "は", "東京", "大学", "で", "自然", "言語", "処理", "を", "研究", "し", "てい", "ます", "。"])
        #expect(words("ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ", "th")
            == ["ภาษา", "ไทย", "เป็น", "ภาษา", "ที่", "ไม่มี", "การ", "เว้น", "วรรค", "ระหว่าง", "คำ"])
        #expect(words("ພາສາລາວເປັນພາສາທີ່ສວຍງາມ", "lo").count == 6)
        #expect(words("ភាសាខ្មែរជាភាសាផ្លូវការ", "km").count == 3)
        #expect(words("မြန်မာဘာသာစကားသည်လှပသည်", "my").count == 5)
        // Korean is written with spaces: UAX #29 keeps each eojeol whole.
        #expect(words("한국어는 띄어쓰기를 합니다.", "ko") == ["한국어는", "띄어쓰기를", "합니다", "."])
    }

    @Test func englishFollowsUAX29() {
        // UAX #29 WB6/WB7: letters on both sides of an apostrophe or a full stop stay one word
        // ("can't", "U.S.A"); WB11/WB12: digits on both sides of "." or "," ("3.14", "10,000.5");
        // a hyphen is no MidLetter, so "e-mail" is three words, as in spaCy 3.8 (which differs
        // on "can't": "ca" "n't", and on "U.S.A.": one word with its final full stop).
        let got = words("I can't pay $3.14 for e-mail, ok? U.S.A. is 10,000.5 km wide.", "en")
        #expect(got == ["I", "can't", "pay", "$", "3.14", "for", "e", "-", "mail", ",", "ok", "?",
                        "U.S.A", ".", "is", "10,000.5", "km", "wide", "."])
        // The locale does not change UAX #29 for Latin text.
        #expect(words("Don't stop 2.5x!", "") == ["Don't", "stop", "2.5x", "!"])
    }

    @Test func sentencesInChineseJapaneseAndEnglish() {
        let zh = ICUWordTokenizer(locale: "zh").sentences(of: "今天天气很好。我们去公园吧！你觉得呢？好的")
        #expect(zh == ["今天天气很好。", "我们去公园吧！", "你觉得呢？", "好的"])
        let ja = ICUWordTokenizer(locale: "ja").sentences(of: "今日は晴れです。公園に行きましょう！どう思いますか？はい")
        #expect(ja == ["今日は晴れです。", "公園に行きましょう！", "どう思いますか？", "はい"])
        // ICU's English abbreviation list keeps "Mr." inside its sentence; "p.m." ends one only
        // where a capital follows a space.
        let en = ICUWordTokenizer(locale: "en").sentences(of: "  Mr. Smith went to Washington.  He arrived at 5 p.m. yesterday! Did he?\n\nYes. ")
        #expect(en == ["Mr. Smith went to Washington.", "He arrived at 5 p.m. yesterday!", "Did he?", "Yes."])
        // With the locale's own keywords the suppressions are not added: "Mr." ends a sentence.
        let plain = ICUWordTokenizer(locale: "en@x=1")
        #expect(plain.sentenceLocale == "en@x=1")
        #expect(plain.sentences(of: "Mr. Smith left.") == ["Mr.", "Smith left."])
        let bytes = Array("One. Two? Three!".utf8)
        #expect(bytes.withUnsafeBufferPointer { ICUWordTokenizer(locale: "en").sentenceCount(of: $0) } == 3)
    }

    @Test func agreesWithPyICU() throws {
        let fixture = SegmentFixture.loaded
        try #require(fixture.cases.count >= 19)
        #expect(fixture.icu_version == "72.1")
        for c in fixture.cases {
            let tokenizer = ICUWordTokenizer(locale: c.locale)
            let (words, sentences) = checkCovering(Array(c.text.utf8), tokenizer)
            #expect(words.map { [$0.lowerBound, $0.upperBound] } == c.words, "words of \(c.origin) \(c.text.prefix(20))")
            #expect(sentences.map { [$0.lowerBound, $0.upperBound] } == c.sentences, "sentences of \(c.origin) \(c.text.prefix(20))")
        }
        // Real Chinese and Japanese documents get dictionary words, several per line.
        for c in fixture.cases where c.origin.hasPrefix("web-sample") && c.locale != "ko" {
            let lines = Array(c.text.utf8).withUnsafeBufferPointer { TextMeasures.lineCount($0) }
            #expect(c.words.count > 5 * lines, "\(c.origin): \(c.words.count) words in \(lines) lines")
        }
    }

    @Test func emptyAndBlankText() {
        let tokenizer = ICUWordTokenizer(locale: "zh")
        for text in ["", " ", "\n\n\t ", "\u{3000}\u{A0}\u{200B}\u{FEFF}\u{2028}"] {
            #expect(tokenizer.words(of: text).isEmpty)
            #expect(tokenizer.sentences(of: text).isEmpty)
        }
        // Blanks ICU makes segments of (ZWSP, NBSP, ideographic space) are no words; a BOM or
        // word joiner is a Format character, which UAX #29 keeps inside a word, and is trimmed
        // only from a word's ends.
        #expect(tokenizer.words(of: "a\u{200B}b\u{A0}c\u{3000}d\u{FEFF}e") == ["a", "b", "c", "d\u{FEFF}e"])
        #expect(tokenizer.words(of: "\u{FEFF}Hello\u{2060} world\u{FEFF}") == ["Hello", "world"])
        // A combining mark after a space: ICU's segment " \u{301}" becomes the word "\u{301}".
        #expect(tokenizer.words(of: "x \u{301}y") == ["x", "\u{301}", "y"])
    }

    @Test func blanksAreWhiteSpacePlusThreeInvisibles() {
        // The C side matches blanks on UTF-8 bytes; its twin here is the standard library's
        // White_Space property. A text of one scalar has no word exactly when it is blank.
        let tokenizer = ICUWordTokenizer(locale: "")
        let values = Array(0...0x3100) + Array(0xFDF0...0xFFFF) + [0x1_0000, 0x1_F600, 0xE_0001, 0x10_FFFF]
        var blanks = 0
        for scalar in values.compactMap(Unicode.Scalar.init) {
            let blank = tokenizer.wordRanges(of: String(scalar)).isEmpty
            #expect(blank == isBlank(scalar), "U+\(String(scalar.value, radix: 16))")
            if blank { blanks += 1 }
        }
        #expect(blanks == 28)
    }

    @Test func randomMixturesAreCovered() {
        var rng = SplitMix64(seed: 29)
        let pieces = ["我们", "现在", "大模型", "。", "東京", "です", "カタカナ", "ภาษาไทย", "한국어", "word", "can't", "3.14",
                      " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{3000}", "\u{200B}", "\u{301}", "👍🏽", "!", "...", "\"", "e\u{301}"]
        let tokenizer = ICUWordTokenizer(locale: "zh")
        for _ in 0..<300 {
            _ = checkCovering(Array(rng.string(from: pieces, count: rng.below(40)).utf8), tokenizer)
        }
    }

    @Test func illFormedUTF8NeverCrashes() {
        var rng = SplitMix64(seed: 8)
        let tokenizer = ICUWordTokenizer(locale: "ja")
        let samples: [[UInt8]] = [[0xFF], [0xC3], [0xE6, 0x88], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
                                  Array("日本".utf8) + [0x80, 0x80] + Array(" ok".utf8)]
        for sample in samples {
            _ = checkCovering(sample, tokenizer)
        }
        for _ in 0..<300 {
            let bytes = (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = checkCovering(bytes, tokenizer)
        }
    }

    @Test func chunksCutAfterLineFeedsChangeNothing() {
        let text = String(repeating: "我们现在口头上常说的大模型。It's 3.14, ok?\n東京大学で研究しています。\n", count: 40)
        let bytes = Array(text.utf8)
        let whole = checkCovering(bytes, ICUWordTokenizer(locale: "zh"))
        let chunked = checkCovering(bytes, ICUWordTokenizer(locale: "zh", maxChunkBytes: 300))
        #expect(chunked.words == whole.words)
        #expect(chunked.sentences == whole.sentences)
    }

    @Test func chunksWithoutLineFeedsStillCover() {
        // No LF: cuts go after a space, or at a code point start in unbroken Chinese.
        for text in [String(repeating: "word 3.14 can't ", count: 100), String(repeating: "我们现在口头上常说的大模型", count: 100)] {
            let bytes = Array(text.utf8)
            let chunked = checkCovering(bytes, ICUWordTokenizer(locale: "zh", maxChunkBytes: 100))
            #expect(chunked.words.count >= checkCovering(bytes, ICUWordTokenizer(locale: "zh")).words.count)
            #expect(chunked.words.allSatisfy { String(validating: bytes[$0], as: UTF8.self) != nil })
        }
    }

    @Test func unusableLocalesFallBackToRoot() {
        #expect(ICUWordTokenizer(locale: "no such locale!").locale == "")
        #expect(ICUWordTokenizer(locale: String(repeating: "x", count: 100)).locale == "")
        #expect(words("我们现在", "zh-Hant-TW") == ["我们", "现在"])
        #expect(words("我们现在", "qq") == ["我们", "现在"])
    }

    @Test func concurrentUseGivesTheSameWords() async {
        let fixture = SegmentFixture.loaded
        let expected = fixture.cases.map { c in
            ICUWordTokenizer(locale: c.locale).wordRanges(of: c.text).map { [$0.lowerBound, $0.upperBound] }
        }
        #expect(expected.count >= 19)
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for round in 0..<20 {
                        let k = (task + round) % fixture.cases.count
                        let c = fixture.cases[k]
                        let got = ICUWordTokenizer(locale: c.locale).wordRanges(of: c.text).map { [$0.lowerBound, $0.upperBound] }
                        if got != expected[k] { return false }
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }

    @Test func twentyMegabyteSingleLine() {
        let unit = "我们现在口头上常说的大模型，实际上特指大模型的其中一类。Large models, 3.14 each; "
        let text = String(repeating: unit, count: 20_000_000 / unit.utf8.count + 1)
        let tokenizer = ICUWordTokenizer(locale: "zh")
        let perUnit = tokenizer.wordRanges(of: unit).count
        let ranges = tokenizer.wordRanges(of: text)
        #expect(text.utf8.count > 20_000_000)
        #expect(ranges.count == perUnit * (text.utf8.count / unit.utf8.count))
        #expect(ranges.last?.upperBound == text.utf8.count - 1)
        // Each unit ends one sentence ("。") and starts the next; the last one runs to the end.
        // ICU takes the line in 1 MiB chunks cut after a space, each cut one more sentence.
        let units = text.utf8.count / unit.utf8.count, cuts = text.utf8.count / (1 << 20)
        #expect(tokenizer.sentences(of: text).count == units + 1 + cuts)
    }
}
