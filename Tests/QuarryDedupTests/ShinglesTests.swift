// Shingler: words from QuarryText's segmentation for the language (ICU dictionary words for
// Chinese and Japanese, also when the language is unknown), normalized, joined by one space and
// hashed with XXH3-64; character shingles; short, empty and ill-formed texts.
import QuarryTestSupport
import QuarryText
import Testing
@testable import QuarryDedup

struct ShinglesTests {
    static let words5 = Shingler(ngram: 5, unit: .words, normalization: .all)

    @Test func englishWordsAreNormalized() {
        let words = Self.words5.units(of: "Hello, World!  The U.S.A. had 1,000,000 people in 2024 — “quoted”.", language: "en")
        // "1,000,000" is one word; its number pattern takes "1,000", so it becomes "0,0" → "0 0", as
        // in `simplify_text`.
        #expect(words == ["hello", "world", "the", "u", "s", "a", "had", "0", "0", "people", "in", "0", "quoted"])
        // Without a language: the generic rules, same words here.
        #expect(Self.words5.units(of: "Hello, World!", language: nil) == ["hello", "world"])
    }

    @Test func shinglesAreSpaceJoinedWordsHashedWithXXH3() {
        let text = "One two three, four five six SEVEN."
        let shingles = Self.words5.shingles(of: text, language: "en")
        #expect(shingles == ["one two three four five", "two three four five six", "three four five six seven"])
        var hashes: [UInt64] = []
        withUTF8Bytes(of: text) { Self.words5.appendHashes(of: $0, language: "en", to: &hashes) }
        #expect(hashes == shingles.map { StableHash.xxh3_64($0) })
    }

    @Test func shortAndEmptyTexts() {
        #expect(Self.words5.shingles(of: "Just two", language: "en") == ["just two"])
        #expect(Self.words5.shingles(of: "word", language: nil) == ["word"])
        #expect(Self.words5.shingles(of: "", language: "en") == [])
        #expect(Self.words5.shingles(of: " \n\t ", language: "en") == [])
        #expect(Self.words5.shingles(of: "!!! ... ——", language: "en") == [])
        // Punctuation kept as words when punctuation normalization is off.
        let keep = Shingler(ngram: 5, unit: .words, normalization: DedupNormalization(punctuation: false))
        #expect(keep.shingles(of: "!!!", language: "en") == ["! ! !"])
    }

    @Test func chineseWordsComeFromTheDictionary() {
        let text = "我们现在口头上常说的大模型"
        let expected = ["我们", "现在", "口头", "上", "常", "说的", "大", "模型"]
        #expect(Self.words5.units(of: text, language: "zh") == expected)
        #expect(Self.words5.units(of: text, language: nil) == expected)
        #expect(Self.words5.units(of: text, language: "zh-Hans") == expected)
        // Punctuation between the words is dropped, not a word.
        #expect(Self.words5.units(of: "我们，现在。", language: nil) == ["我们", "现在"])
        #expect(Self.words5.shingles(of: text, language: nil).first == "我们 现在 口头 上 常")
    }

    @Test func japaneseWordsComeFromTheDictionary() {
        let words = Self.words5.units(of: "日本語のテキストを単語に分割します。", language: nil)
        #expect(words.contains("テキスト"))
        #expect(words.contains("日本語") || words.contains("日本"))
        #expect(words.count >= 6 && words.count < 17)
        #expect(Self.words5.units(of: "日本語のテキストを単語に分割します。", language: "ja") == words)
    }

    @Test func dictionaryScriptDetection() {
        func detect(_ s: String) -> Bool { withUTF8Bytes(of: s) { Shingler.containsDictionaryScript($0) } }
        for text in ["abc 中", "カタカナ", "ひらがな", "ภาษาไทย", "ພາສາລາວ", "ភាសាខ្មែរ", "မြန်မာ", "𠀀"] { #expect(detect(text), "\(text)") }
        for text in ["abc", "한국어 문장", "русский", "العربية", "हिन्दी", "", "é…"] { #expect(!detect(text), "\(text)") }
        #expect(Shingler.baseCode("ZH-Hant") == "zh")
        #expect(Shingler.baseCode("en_US") == "en")
        #expect(Shingler.baseCode("en") == "en")
    }

    @Test func characterShingles() {
        let chars = Shingler(ngram: 2, unit: .characters, normalization: .all)
        #expect(chars.units(of: "中文 文本！A", language: nil) == ["中", "文", "文", "本", "a"])
        #expect(chars.shingles(of: "中文 文本！", language: nil) == ["中文", "文文", "文本"])
        #expect(chars.shingles(of: "中", language: nil) == ["中"])
        #expect(chars.shingles(of: "！ 。", language: nil) == [])
        var hashes: [UInt64] = []
        withUTF8Bytes(of: "中文 文本") { chars.appendHashes(of: $0, language: nil, to: &hashes) }
        #expect(hashes == ["中文", "文文", "文本"].map { StableHash.xxh3_64($0) })
    }

    @Test func illFormedInputNeverCrashes() {
        var random = SplitMix64(seed: 11)
        let shinglers = [Self.words5, Shingler(ngram: 3, unit: .characters, normalization: .all),
                         Shingler(ngram: 1, unit: .words, normalization: .none)]
        var hashes: [UInt64] = []
        for length in stride(from: 0, to: 600, by: 7) {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if length % 2 == 0 { bytes += Array("中文 text ΣΑΣ 1.5".utf8) + [0xE4, 0xB8] }
            for shingler in shinglers {
                for language in [nil, "en", "zh", "xx"] as [String?] {
                    bytes.withUnsafeBufferPointer { shingler.appendHashes(of: $0, language: language, to: &hashes) }
                }
            }
        }
        #expect(!hashes.isEmpty)
    }

    @Test func finalSigmaLooksAtTheWholeText() {
        // As Python lowers the whole text before datatrove segments it: the sigma before an
        // apostrophe and a space ends a word, the one before "Β" (after case-ignorable "'") not.
        #expect(Self.words5.units(of: "ΟΔΟΣ ΣΟΦΟΣ. ΑΣ'Β", language: "el") == ["οδος", "σοφος", "ασ", "β"])
    }

    /// The plain twin of word units (the alphabet has no capital sigma, whose lower case
    /// depends on the text around the word): the tokenizer's words one by one through
    /// `DedupNormalization.normalize`, split at the spaces punctuation leaves.
    static func plainUnits(_ text: String, _ normalization: DedupNormalization) -> [String] {
        RuleTokenizer.english.words(of: text).flatMap {
            normalization.normalize($0).split(separator: " ").map(String.init)
        }
    }

    @Test func wordUnitsEqualPlainTwin() {
        let alphabet = ["a", "B", "z", "Q", "é", "Ж", " ", " ", "\n", ",", ".", "'", "-", "1", "7", "٣", "!", "Α", "İ", "ẞ"]
        var random = SplitMix64(seed: 77)
        for normalization in [DedupNormalization.all, DedupNormalization(lowercase: false), DedupNormalization(punctuation: false, digits: false)] {
            let shingler = Shingler(ngram: 5, unit: .words, normalization: normalization)
            for _ in 0..<400 {
                let text = random.string(from: alphabet, count: random.below(40))
                #expect(shingler.units(of: text, language: "en") == Self.plainUnits(text, normalization), "\(text.debugDescription)")
            }
        }
    }
}
