// Tokenizer and TokenEncoder: exact ids of Hugging Face tokenizers 0.23.3 on every golden case
// of every configuration (with and without special tokens), decoding with skipped special
// tokens, exact byte round trips (golden cases, random Unicode, random bytes), the naive twin.
import Testing
import QuarryTestSupport
import QuarryCore
@testable import QuarryTokenizer

@Suite struct TokenizerTests {
    @Test(arguments: GoldenTokenizerFixtures.configs)
    func idsEqualTokenizers(config: String) throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer(config)
        let cases = try GoldenTokenizerFixtures.cases()
        #expect(cases.count > 300)
        var encoder = tokenizer.makeEncoder()
        var mismatches: [String] = []
        for testCase in cases {
            encoder.replaceInvalidUTF8 = testCase.invalid
            var ids: [TokenID] = []
            var special: [TokenID] = []
            testCase.bytes.withUnsafeBufferPointer {
                encoder.encode($0, addSpecialTokens: false, into: &ids)
                encoder.encode($0, addSpecialTokens: true, into: &special)
            }
            if ids != testCase.ids[config] || special != testCase.withSpecial[config] { mismatches.append(testCase.name) }
            let skipped = tokenizer.decode(ids, skipSpecialTokens: true)
            if String(decoding: skipped, as: UTF8.self) != testCase.skipDecoded[config] { mismatches.append("decode:" + testCase.name) }
        }
        #expect(mismatches.isEmpty, "\(config): \(mismatches.count) cases differ: \(mismatches.prefix(10))")
    }

    @Test func goldenCasesCoverTheIssueList() throws {
        let names = Set(try GoldenTokenizerFixtures.cases().map(\.name))
        for name in ["spaces_10000", "emoji_zwj", "combining", "word_1mb", "mixed_scripts", "crlf_runs", "specials_inside",
                     "invalid_lone_bytes", "invalid_truncated"] {
            #expect(names.contains(name), "missing \(name)")
        }
        #expect(names.filter { $0.hasPrefix("doc_") }.count > 50)
    }

    /// Without normalizer, prefix space or whitespace-absorbing added tokens, decoding gives
    /// back the input bytes exactly, invalid UTF-8 included (raw bytes are kept by default).
    @Test func goldenCasesRoundTrip() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("gpt2")
        var encoder = tokenizer.makeEncoder()
        for testCase in try GoldenTokenizerFixtures.cases() {
            var ids: [TokenID] = []
            testCase.bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: true, into: &ids) }
            #expect(tokenizer.decode(ids) == testCase.bytes, "\(testCase.name)")
        }
    }

    @Test(arguments: ["gpt2", "llama3", "qwen2"])
    func randomUnicodeRoundTrips(config: String) throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer(config)
        var encoder = tokenizer.makeEncoder()
        var generator = SplitMix64(seed: 81)
        let alphabet = ["a", "Z", "é", "e\u{301}", "ß", "'s", "'T", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "7", "٣", "½",
                        ".", "!!", "\u{200D}", "👍🏽", "🏳️‍🌈", "日本", "한", "ж", "ا", "<|endoftext|>", "<|im_end|>", "\u{0}", "\u{FFFD}"]
        for _ in 0..<400 {
            var text = generator.string(from: alphabet, count: generator.below(30))
            if config == "qwen2" { text = (try? UnicodeNormalizationBridge.nfc(text)) ?? text }
            var ids: [TokenID] = []
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
            #expect(tokenizer.decode(ids) == bytes, "\(config): \(text.debugDescription)")
        }
    }

    @Test(arguments: ["gpt2", "llama3"])
    func randomBytesRoundTrip(config: String) throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer(config)
        var encoder = tokenizer.makeEncoder()
        var generator = SplitMix64(seed: 82)
        for round in 0..<400 {
            // Bytes biased towards UTF-8 lead and continuation bytes, spaces and letters.
            let pool: [UInt8] = [0x20, 0x61, 0x62, 0x0A, 0x0D, 0x27, 0x73, 0x31, 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xFF, 0xED, 0xA0, 0x00]
            let count = round == 0 ? 5000 : generator.below(60)
            let bytes = (0..<count).map { _ in generator.bool() ? pool[generator.below(pool.count)] : UInt8(truncatingIfNeeded: generator.next()) }
            var ids: [TokenID] = []
            bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
            #expect(tokenizer.decode(ids) == bytes)
        }
    }

    /// Invalid bytes: kept as byte tokens by default, U+FFFD per maximal subpart on request.
    @Test func invalidUTF8KeepsOrReplaces() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("gpt2")
        var encoder = tokenizer.makeEncoder()
        let bytes: [UInt8] = [0x61, 0xE2, 0x82, 0x62, 0xFF]
        var kept: [TokenID] = []
        bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &kept) }
        #expect(tokenizer.decode(kept) == bytes)
        encoder.replaceInvalidUTF8 = true
        var replaced: [TokenID] = []
        bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &replaced) }
        #expect(tokenizer.decode(replaced) == Array("a\u{FFFD}b\u{FFFD}".utf8))
        #expect(replaced == tokenizer.encode("a\u{FFFD}b\u{FFFD}"))
    }

    /// The encoder appends; a second call continues after the first's ids.
    @Test func encoderAppends() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("llama3")
        var encoder = tokenizer.makeEncoder()
        var ids: [TokenID] = [7]
        Array("hello".utf8).withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: true, into: &ids) }
        let bos = try #require(tokenizer.id(ofToken: "<|begin_of_text|>"))
        #expect(ids.first == 7)
        #expect(ids[1] == bos)
        #expect(Array(ids.dropFirst()) == tokenizer.encode("hello", addSpecialTokens: true))
    }

    @Test func skipSpecialTokensOnDecode() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("gpt2")
        let ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|><|endoftext|>")
        #expect(ids.first == tokenizer.id(ofToken: "<|im_start|>"))
        #expect(String(decoding: tokenizer.decode(ids), as: UTF8.self) == "<|im_start|>user\nhi<|im_end|><|endoftext|>")
        #expect(String(decoding: tokenizer.decode(ids, skipSpecialTokens: true), as: UTF8.self) == "user\nhi")
        #expect(tokenizer.decode([UInt32(tokenizer.idCount) + 5]).isEmpty)
    }

    @Test func tokenLookupByText() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("gpt2")
        #expect(tokenizer.id(ofToken: "<|endoftext|>") == 0)
        let theID = try #require(tokenizer.id(ofToken: "Ġthe"))
        #expect(tokenizer.decode([theID]) == Array(" the".utf8))
        #expect(tokenizer.id(ofToken: "no-such-token-xyz") == nil)
        #expect(tokenizer.idCount == 32000)
    }

    /// Every pre-token of the golden cases: the fast kernel (cache, linear scan, heap) gives
    /// the naive twin's ids.
    @Test func encoderMatchesNaiveTwinOnGoldenPieces() throws {
        let tokenizer = try GoldenTokenizerFixtures.tokenizer("gpt2")
        let naive = NaiveBPE(tokenizer.definition)
        var encoder = tokenizer.makeEncoder()
        var pieces = 0
        for testCase in try GoldenTokenizerFixtures.cases() where !testCase.name.hasPrefix("word_1mb") {
            for range in PreTokenizerSplit.gpt2.pieces(of: testCase.bytes) where range.count <= 1500 {  // the naive loop is quadratic
                let piece = Array(testCase.bytes[range])
                var fast: [TokenID] = []
                piece.withUnsafeBufferPointer { encoder.encodeWord($0, into: &fast) }
                #expect(fast == naive.encodeWord(piece), "\(testCase.name) \(piece)")
                pieces += 1
            }
        }
        #expect(pieces > 10_000)
    }
}

/// NFC through QuarryText, for building already-normalized random text.
enum UnicodeNormalizationBridge {
    static func nfc(_ text: String) throws -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { TokenizerNormalization.normalize($0, form: .nfc, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
