// Writing-script counts and the dominant script: each major script, mixed-script text, kana and
// Hangul with Han, no letters at all, and invalid UTF-8 (skipped, never a crash); the byte
// scanner against a twin that walks Unicode scalars.
import Testing
@testable import QuarryClassify

@Suite struct ScriptCountsTests {
    @Test(arguments: [
        ("The quick brown fox", "Latn"), ("Привет, как дела?", "Cyrl"), ("Καλημέρα σας", "Grek"),
        ("مرحبا بالعالم", "Arab"), ("שלום עולם", "Hebr"), ("नमस्ते दुनिया", "Deva"), ("สวัสดีครับ", "Thai"),
        ("这是一个测试", "Hani"), ("これはテストです", "Jpan"), ("東京は日本の首都です", "Jpan"), ("안녕하세요 세계", "Kore"),
        ("韓國語 한국어", "Kore"), ("Բարեւ", "Armn"), ("გამარჯობა", "Geor"), ("১২৩ বাংলা", "Beng"),
        ("", "Zyyy"), ("12345 !?", "Zyyy"),
    ])
    func dominantScript(text: String, expected: String) {
        #expect(ScriptCounts(text).dominantCode == expected)
    }

    @Test func mixedScriptTakesTheMajority() {
        #expect(ScriptCounts("Hello world, this is mostly English 你好").dominantCode == "Latn")
        #expect(ScriptCounts("我们今天讨论机器学习和深度学习 AI").dominantCode == "Hani")
        #expect(ScriptCounts("Москва is the capital; Москва большая").dominantCode == "Cyrl")
    }

    @Test func weightsCountIdeographsDouble() {
        let counts = ScriptCounts("中文 ab")
        #expect(counts.total == 4)
        #expect(counts.weighted == 6)
        #expect(counts[.han] == 2 && counts[.latin] == 2)
    }

    @Test func invalidUTF8IsSkipped() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x62, 0xE4, 0xB8, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F]
        let counts = bytes.withUnsafeBufferPointer { ScriptCounts($0) }
        #expect(counts[.latin] == 2)
        #expect(counts[.han] == 1)
    }

    @Test func byteScannerMatchesScalarTwin() {
        let samples = ["Grüße aus Köln", "Ελληνικά και English", "日本語のテキストと漢字", "한국어 텍스트", "العربية 123",
                       "mixed: Ωμέγα Жук 猫 ねこ 고양이 🐱", "ﾊﾝｶｸ ｶﾀｶﾅ ＡＢＣ"]
        for text in samples {
            var twin = [Int](repeating: 0, count: WritingScript.allCases.count)
            for scalar in text.unicodeScalars {
                if let script = WritingScript.of(scalar.value) { twin[Int(script.rawValue)] += 1 }
            }
            #expect(ScriptCounts(text).letters == twin, "\(text)")
        }
    }
}
