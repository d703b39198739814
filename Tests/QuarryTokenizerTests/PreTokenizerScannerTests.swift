// PieceScanner against the behaviours listed in the issue-8 scanner specs (regex/PATTERNS.md §3:
// contractions, the space/prefix rules, whitespace back-off, digit chunks, o200k case words),
// against its slow twin (ReferencePieceScanner, a port of the Python reference) on adversarial,
// random-Unicode and random-byte input, and for the partition property on any bytes.
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

func pieceStrings(_ split: PreTokenizerSplit, _ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return split.pieces(of: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
}

/// Strings that exercise each rule; the golden fixture holds what tokenizers makes of them.
let adversarialTexts: [String] = [
    String(repeating: " ", count: 10_000), String(repeating: " ", count: 10_000) + "x",
    "     hello", "a\t\t\tb\r\n\r\n\r\nc \r\n \r\n  d\n\n\n", "x\n  ", "x   ", "a \n \n  ",
    "a   !!\n\nb", "a\u{a0}\u{a0}b \u{a0}c\u{a0}", "a\u{200b}b \u{200b} c\u{feff}d",
    "a\u{2028}b\u{2029}c\u{85}d\u{180e}e", "a\u{1c}\u{1d} b\u{1f}",
    "👨‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽ok", "e\u{301}te\u{301} \u{301}a Z\u{351}\u{361}a\u{300}\u{301}\u{302} ",
    "123456789 ١٢٣٤٥٦٧ ０１２３４ ½²³ ⅫⅣ ①②③④ 12.345,6",
    "I'M YOU'LL he's 'S 'LL 'Re 'ſ it'sx ''s don't 'ſx 'ſ'Ll",
    "日本語のテキスト。中文文本，한국어 텍스트", "ภาษาไทยไม่มีช่องว่าง ระหว่างคำ",
    "Русский текст and English, العربية עברית हिन्दी ελληνικά", "rock'n'roll l'été ’s",
    String(repeating: "a", count: 20_000), "HelloWorld CamelCase ABCdef DON'T Don't McDonald's İstanbul ǅemal",
    "\u{301}\u{301}abc \u{300}A\u{300}b", "a/b// c/\n/", "a\rb\r\r c", "\u{a0}\n\u{a0}\n\u{a0}",
    "\r\n\r\n\r\n", " \r\n", "!!\n\n", " \n \n  b", "\tfoo (foo \u{301}a", "  ", " ", "'", "'s",
]

@Suite struct PreTokenizerScannerTests {
    @Test func gpt2Rules() {
        #expect(pieceStrings(.gpt2, "Hello world, it's 2024!!") == ["Hello", " world", ",", " it", "'s", " 2024", "!!"])
        #expect(pieceStrings(.gpt2, "   word") == ["  ", " word"])
        #expect(pieceStrings(.gpt2, "a\n\nb") == ["a", "\n", "\n", "b"])
        #expect(pieceStrings(.gpt2, "x   ") == ["x", "   "])
        #expect(pieceStrings(.gpt2, "I'M he's !'s") == ["I", "'", "M", " he", "'s", " !'", "s"])
        #expect(pieceStrings(.gpt2, "12345 ²½") == ["12345", " ²½"])
        #expect(pieceStrings(.gpt2, "a\u{a0}b") == ["a", "\u{a0}", "b"])
        let spaces = pieceStrings(.gpt2, String(repeating: " ", count: 10_000) + "x")
        #expect(spaces.map(\.utf8.count) == [9_999, 2])
    }

    @Test func llama3Rules() {
        #expect(pieceStrings(.llama3, "Hello world, it's 12345!") == ["Hello", " world", ",", " it", "'s", " ", "123", "45", "!"])
        #expect(pieceStrings(.llama3, "I'M YOU'LL 'ſ") == ["I", "'M", " YOU", "'LL", " '", "ſ"])
        #expect(pieceStrings(.llama3, "'ſx") == ["'ſ", "x"])
        #expect(pieceStrings(.llama3, "\tfoo (foo") == ["\tfoo", " (", "foo"])
        #expect(pieceStrings(.llama3, "!!\n\nb") == ["!!\n\n", "b"])
        #expect(pieceStrings(.llama3, " \n \n  b") == [" \n \n", " ", " b"])
        #expect(pieceStrings(.llama3, "x\n  ") == ["x", "\n", "  "])
        #expect(pieceStrings(.llama3, "e\u{301}") == ["e", "\u{301}"])
        #expect(pieceStrings(.llama3, "\u{301}a") == ["\u{301}a"])
    }

    @Test func otherSplits() {
        #expect(pieceStrings(.qwen2, "12345") == ["1", "2", "3", "4", "5"])
        #expect(pieceStrings(.cl100k, "x\n  ") == ["x", "\n  "])
        #expect(pieceStrings(.cl100k, "x\n  y") == pieceStrings(.llama3, "x\n  y"))
        #expect(pieceStrings(.o200k, "HelloWorld ABCdef DON'T a/b//\n/") == ["Hello", "World", " ABCdef", " DON'T", " a", "/b", "//\n/"])
        #expect(pieceStrings(.o200k, "\u{301}\u{301}abc") == ["\u{301}\u{301}abc"])
        #expect(pieceStrings(.o200k, "McDonald's") == ["Mc", "Donald's"])
    }

    @Test func invalidBytesAreOneByteOtherCharacters() {
        // 0xE2 0x82 is a truncated three-byte sequence: two "other" characters, a run with "!".
        let bytes: [UInt8] = [0x61, 0xE2, 0x82, 0x21, 0x20, 0x62, 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80]
        #expect(PreTokenizerSplit.gpt2.pieces(of: bytes) == [0..<1, 1..<4, 4..<6, 6..<12])
        #expect(UnicodeClass.decode([0xE2, 0x82, 0x21].withUnsafeBufferPointer { $0 }, at: 0).1 == 1)
        for split in PreTokenizerSplit.allCases {
            #expect(split.pieces(of: bytes) == ReferencePieceScanner.pieces(split, bytes))
        }
    }

    @Test(arguments: PreTokenizerSplit.allCases)
    func matchesSlowTwinOnAdversarialText(split: PreTokenizerSplit) {
        for text in adversarialTexts {
            let bytes = Array(text.utf8)
            #expect(split.pieces(of: bytes) == ReferencePieceScanner.pieces(split, bytes), "\(split) \(text.prefix(40).debugDescription)")
        }
    }

    /// Code points weighted towards the ones the rules treat specially.
    static let trickyAlphabet: [String] = [
        " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{a0}", "\u{85}", "\u{2028}", "\u{3000}", "\u{180e}",
        "\u{200b}", "\u{200d}", "\u{fe0f}", "\u{301}", "\u{94d}", "a", "b", "s", "t", "l", "e", "r", "v", "m", "d",
        "S", "T", "L", "E", "D", "M", "R", "V", "ſ", "'", "'", "’", "A", "Z", "ǅ", "ß", "é", "ʰ", "日", "한", "ก",
        "ั", "ि", "1", "9", "²", "½", "Ⅻ", "١", "０", "!", ".", "/", "//", "(", "😀", "👍🏽", "\u{1c89}", "\u{a7ce}",
        "\u{10d4a}", "\u{e0100}", "\u{1}", "\u{7f}", "\u{fffd}",
    ]

    @Test(arguments: PreTokenizerSplit.allCases)
    func matchesSlowTwinOnRandomUnicode(split: PreTokenizerSplit) {
        var random = SplitMix64(seed: 8)
        for _ in 0..<1_500 {
            let bytes = Array(random.string(from: Self.trickyAlphabet, count: random.below(40)).utf8)
            let fast = split.pieces(of: bytes)
            #expect(fast == ReferencePieceScanner.pieces(split, bytes), "\(split) \(bytes)")
            #expect(isPartition(fast, count: bytes.count))
        }
    }

    @Test(arguments: PreTokenizerSplit.allCases)
    func randomBytesPartitionAndMatchSlowTwin(split: PreTokenizerSplit) {
        var random = SplitMix64(seed: 88)
        let pieces: [[UInt8]] = [[0x20], [0x27], [0x0A], [0x0D], [0x61], [0x53], [0x31], [0x21], [0x2F], [0xC5, 0xBF],
                                 [0xC2, 0xA0], [0xCC, 0x81], [0xE2, 0x80, 0xA8], [0xF0, 0x9F, 0x98, 0x80]]
        for round in 0..<1_500 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(48) {
                if round % 2 == 0 || random.below(3) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += pieces[random.below(pieces.count)]
                }
            }
            let fast = split.pieces(of: bytes)
            #expect(isPartition(fast, count: bytes.count), "\(split) \(bytes)")
            #expect(fast == ReferencePieceScanner.pieces(split, bytes), "\(split) \(bytes)")
        }
    }

    @Test func emptyTextHasNoPieces() {
        for split in PreTokenizerSplit.allCases {
            #expect(split.pieces(of: []).isEmpty)
            var scanner = PieceScanner(split: split, text: UnsafeBufferPointer(start: nil, count: 0))
            #expect(scanner.next() == nil)
        }
    }
}

/// Pieces are non-empty, in order, and cover 0..<count exactly.
func isPartition(_ pieces: [Range<Int>], count: Int) -> Bool {
    var expected = 0
    for piece in pieces {
        guard piece.lowerBound == expected, !piece.isEmpty else { return false }
        expected = piece.upperBound
    }
    return expected == count
}
