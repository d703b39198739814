// NGramHasher: n-gram hashes equal exactly when the joined strings are equal (checked against
// the strings themselves on random word sequences), and characters counted as Python's len.
import QuarryTestSupport
import QuarryText
import Testing

@Test func nGramHashesIdentifyJoinedStrings() {
    var random = SplitMix64(seed: 3)
    let vocabulary = ["a", "ab", "b", "ba", "", "é", "éa", "中", "中文", "x y"].filter { !$0.isEmpty && !$0.contains(" ") }
    for _ in 0..<100 {
        let words = (0..<(random.below(12) + 2)).map { _ in vocabulary[random.below(vocabulary.count)] }
        let text = words.joined(separator: " ")
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var offset = 0
        for w in words { ranges.append(offset..<offset + w.utf8.count); offset += w.utf8.count + 1 }
        var grams = NGramHasher()
        bytes.withUnsafeBufferPointer { grams.append(words: ranges, of: $0.baseAddress!) }
        #expect(grams.count == words.count)
        for n in 1...min(4, words.count) {
            let positions = 0...(words.count - n)
            for i in positions {
                #expect(grams.characters(i, n) == words[i..<i + n].joined().unicodeScalars.count)
                for j in positions {
                    let sameJoined = words[i..<i + n].joined() == words[j..<j + n].joined()
                    let sameSpaced = words[i..<i + n].joined(separator: " ") == words[j..<j + n].joined(separator: " ")
                    #expect((grams.joinedHash(i, n) == grams.joinedHash(j, n)) == sameJoined)
                    #expect((grams.spacedHash(i, n) == grams.spacedHash(j, n)) == sameSpaced)
                }
            }
        }
    }
}

@Test func longRunsUseThePowerByExponent() {
    // Words longer than the power table still hash consistently.
    let long = String(repeating: "abc", count: 3000)
    let text = [long, "x", long, "x"].joined(separator: " ")
    let bytes = Array(text.utf8)
    let n = long.utf8.count
    let ranges = [0..<n, n + 1..<n + 2, n + 3..<2 * n + 3, 2 * n + 4..<2 * n + 5]
    var grams = NGramHasher()
    bytes.withUnsafeBufferPointer { grams.append(words: ranges, of: $0.baseAddress!) }
    #expect(grams.joinedHash(0, 2) == grams.joinedHash(2, 2))
    #expect(grams.spacedHash(0, 2) == grams.spacedHash(2, 2))
    #expect(grams.joinedHash(0, 2) != grams.joinedHash(1, 2))
}

@Test func punctuationClassesFollowDatatrove() {
    for s in ["!", "#", "。", "，", "…", "\u{7F}", "\u{9F}", "\u{0}", "»", "１"] {
        #expect(PunctuationClasses.isPunctuation(s.unicodeScalars.first!.value), "\(s)")
    }
    for s in ["a", "\t", "\n", " ", "中", "1", "é"] { #expect(!PunctuationClasses.isPunctuation(s.unicodeScalars.first!.value), "\(s)") }
    for s in [".", "!", "?", "。", "！", "？", "؟", "।"] { #expect(PunctuationClasses.isTerminal(s.unicodeScalars.first!.value), "\(s)") }
    for s in [",", ";", "\"", "'", ":", "…"] { #expect(!PunctuationClasses.isTerminal(s.unicodeScalars.first!.value), "\(s)") }
}

@Test func paragraphsSplitAsDatatroveDoes() {
    // Python: re.split(r"\n{2,}", "  a\nb\n\n\nc\n\nd \n".strip()) == ['a\nb', 'c', 'd']
    #expect(Paragraphs.paragraphs(of: "  a\nb\n\n\nc\n\nd \n") == ["a\nb", "c", "d"])
    #expect(Paragraphs.paragraphs(of: "") == [""])
    // Python: re.split("\n+", "\na\n\nb\n") == ['', 'a', 'b', '']
    let bytes = Array("\na\n\nb\n".utf8)
    var parts: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { Paragraphs.appendNewlineSeparated($0.baseAddress!, 0..<$0.count, to: &parts) }
    #expect(parts.map { String(decoding: bytes[$0], as: UTF8.self) } == ["", "a", "b", ""])
}
