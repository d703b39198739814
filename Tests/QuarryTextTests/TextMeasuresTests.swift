// TextMeasures against naive twins written over `unicodeScalars` and `split`, on fixed cases
// and on seeded random strings built from pieces that stress the SWAR loops (long ASCII runs,
// multi-byte separators, continuation bytes at every offset of an 8-byte word).
import QuarryText
import QuarryTestSupport
import Testing


/// Word separators, from the specification (not from the code under test).
let separatorScalars: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002,
                                     0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028,
                                     0x2029, 0x202F, 0x205F, 0x3000]

func naiveWordCount(_ text: String) -> Int {
    text.unicodeScalars.split(whereSeparator: { separatorScalars.contains($0.value) }).count
}

func naiveLineCount(_ text: String) -> Int {
    if text.isEmpty { return 0 }
    let parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    return text.unicodeScalars.last == "\n" ? parts.count - 1 : parts.count
}

let measurePieces = ["a", "word", "plain ascii text ", " ", "\t", "\n", "\n\n", "\r\n", "\u{B}", "\u{C}", "\u{1}",
                     "\u{7F}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}", "\u{200A}", "\u{200B}", "\u{2028}",
                     "\u{2029}", "\u{202F}", "\u{205F}", "\u{2060}", "\u{3000}", "\u{85}", "\u{1C}", "é",
                     "e\u{301}", "字", "中文没有空格", "😀", "\u{1681}", "\u{2030}", "\u{3001}", "\u{C2}"]

@Test func fixedCases() {
    let cases: [(text: String, scalars: Int, lines: Int, words: Int)] = [
        ("", 0, 0, 0), ("a", 1, 1, 1), ("a\n", 2, 1, 1), ("\n", 1, 1, 0), ("\n\n", 2, 2, 0), ("a\nb", 3, 2, 2),
        ("a\nb\n", 4, 2, 2), ("  two  words  ", 14, 1, 2), ("tab\tand\u{A0}nbsp\u{3000}ideo", 17, 1, 4),
        ("café e\u{301}", 7, 1, 2), ("字😀", 2, 1, 1), ("中文没有空格的句子", 9, 1, 1),
        ("zero\u{200B}width joins", 16, 1, 2), ("a\r\nb", 4, 2, 2), ("a\rb", 3, 1, 2),
        ("NEL\u{85}is a word char", 18, 1, 4), ("line\u{2028}sep", 8, 1, 2),
        ("0123456789abcdef0123456789", 26, 1, 1), ("\n\n\nx", 4, 4, 1),
    ]
    for c in cases {
        #expect(TextMeasures.scalarCount(c.text) == c.scalars, "scalars of \(c.text.debugDescription)")
        #expect(TextMeasures.lineCount(c.text) == c.lines, "lines of \(c.text.debugDescription)")
        #expect(TextMeasures.wordCount(c.text) == c.words, "words of \(c.text.debugDescription)")
        // The fixed expectations agree with the twins too.
        #expect(c.text.unicodeScalars.count == c.scalars)
        #expect(naiveLineCount(c.text) == c.lines)
        #expect(naiveWordCount(c.text) == c.words)
    }
}

@Test func randomStringsMatchNaiveTwins() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<3000 {
        var text = ""
        for _ in 0..<rng.below(40) { text += measurePieces[rng.below(measurePieces.count)] }
        #expect(TextMeasures.scalarCount(text) == text.unicodeScalars.count, "\(text.debugDescription)")
        #expect(TextMeasures.lineCount(text) == naiveLineCount(text), "\(text.debugDescription)")
        #expect(TextMeasures.wordCount(text) == naiveWordCount(text), "\(text.debugDescription)")
    }
}

@Test func unalignedSlicesCountLikeTheTwins() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<300 {
        var text = ""
        for _ in 0..<(8 + rng.below(40)) { text += measurePieces[rng.below(measurePieces.count)] }
        let bytes = Array(text.utf8)
        let start = rng.below(9)
        guard start < bytes.count else { continue }
        bytes.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[start...])
            // Any byte range: scalars are the bytes that are not continuation bytes.
            #expect(TextMeasures.scalarCount(slice) == slice.filter { $0 & 0xC0 != 0x80 }.count)
            #expect(TextMeasures.lineCount(slice) == (slice.filter { $0 == 0x0A }.count + (slice.last == 0x0A ? 0 : 1)))
        }
        // Word counts on slices starting at a character boundary.
        let scalars = Array(text.unicodeScalars)
        let tail = String(String.UnicodeScalarView(scalars[min(start, scalars.count)...]))
        var copy = tail
        #expect(copy.withUTF8 { TextMeasures.wordCount($0) } == naiveWordCount(tail))
    }
}

@Test func emptyBufferHasNothing() {
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    #expect(TextMeasures.scalarCount(empty) == 0)
    #expect(TextMeasures.lineCount(empty) == 0)
    #expect(TextMeasures.wordCount(empty) == 0)
}

@Test func separatorLengthsAndWhitespace() {
    for scalar in separatorScalars where scalar >= 0x80 {
        var text = String(Character(Unicode.Scalar(scalar)!)) + "x"
        let length = text.withUTF8 { TextMeasures.spaceSeparatorLength(at: $0.baseAddress!, available: $0.count) }
        #expect(length == Unicode.Scalar(scalar)!.utf8.count, "U+\(String(scalar, radix: 16))")
    }
    for other: UInt32 in [0x85, 0xA1, 0x1681, 0x200B, 0x200D, 0x2027, 0x202A, 0x2060, 0x3001, 0xFEFF] {
        var text = String(Character(Unicode.Scalar(other)!))
        #expect(text.withUTF8 { TextMeasures.spaceSeparatorLength(at: $0.baseAddress!, available: $0.count) } == 0)
    }
    let whitespace = (0...255).filter { TextMeasures.isASCIIWhitespace(UInt8($0)) }
    #expect(whitespace == [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20])
}
