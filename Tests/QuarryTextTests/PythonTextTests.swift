// PythonText against Python's own answers (written out here from CPython 3.11): strip, split,
// splitlines, count, isalpha, isspace, the lowering used for ASCII phrases, and random strings
// against naive Swift versions built on the same definitions.
import QuarryTestSupport
import QuarryText
import Testing

func pyRanges(_ text: String, _ body: (UnsafePointer<UInt8>, Range<Int>, inout [Range<Int>]) -> Void) -> [String] {
    let bytes = Array(text.utf8)
    var ranges: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0..<bytes.count, &ranges) }
    return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
}

@Test func splitlinesFollowsPython() {
    // Python: "a\nb\r\nc\rd\u{0B}e\u{0C}f\u{1C}g\u{85}h\u{2028}i\u{2029}j\n".splitlines()
    let text = "a\nb\r\nc\rd\u{0B}e\u{0C}f\u{1C}g\u{85}h\u{2028}i\u{2029}j\n"
    #expect(pyRanges(text, PythonText.appendLines) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    #expect(pyRanges("", PythonText.appendLines) == [])
    #expect(pyRanges("\n", PythonText.appendLines) == [""])
    #expect(pyRanges("a\n\nb", PythonText.appendLines) == ["a", "", "b"])
    #expect(pyRanges("\r\r\n", PythonText.appendLines) == ["", ""])
}

@Test func splitFollowsPython() {
    // Python: " a\u{A0}b\u{3000}c\u{1F}d\u{85}e  f\u{200B}g ".split() == ['a', 'b', 'c', 'd', 'e', 'f\u200bg']
    #expect(pyRanges(" a\u{A0}b\u{3000}c\u{1F}d\u{85}e  f\u{200B}g ", PythonText.appendWhitespaceWords)
            == ["a", "b", "c", "d", "e", "f\u{200B}g"])
    #expect(pyRanges("   ", PythonText.appendWhitespaceWords) == [])
}

@Test func stripAndCountFollowPython() {
    let bytes = Array("\u{2003} x...y.... \u{85}".utf8)
    bytes.withUnsafeBufferPointer { b in
        let p = b.baseAddress!
        let stripped = PythonText.strip(p, 0..<b.count)
        #expect(String(decoding: b[stripped], as: UTF8.self) == "x...y....")
        #expect(PythonText.count("...", in: p, 0..<b.count) == 2)  // "x...y....".count("...") == 2
        #expect(PythonText.hasSuffix(p, stripped, "..."))
        #expect(PythonText.length(p, 0..<b.count) == 13)
    }
}

@Test func characterClassesFollowPython() {
    // str.isalpha: letters of every script, including modifier letters; not digits or marks.
    for s in ["a", "Z", "é", "ß", "中", "ひ", "ʰ", "ǅ"] { #expect(PythonText.isAlpha(s.unicodeScalars.first!.value), "\(s)") }
    for s in ["1", "_", "-", "\u{301}", "٣", "😀", " "] { #expect(!PythonText.isAlpha(s.unicodeScalars.first!.value), "\(s)") }
    for s in ["\u{1C}", "\u{85}", "\u{A0}", "\u{2007}", "\u{3000}"] { #expect(PythonText.isSpace(s.unicodeScalars.first!.value)) }
    for s in ["\u{200B}", "\u{FEFF}", "\u{180E}", "x"] { #expect(!PythonText.isSpace(s.unicodeScalars.first!.value)) }
    for s in ["7", "٣", "७", "７"] { #expect(PythonText.isDecimalDigit(s.unicodeScalars.first!.value)) }
    #expect(!PythonText.isDecimalDigit(("²" as Unicode.Scalar).value))
}

@Test func loweringForASCIIPhrases() {
    let bytes = Array("JAVA\u{212A}cript İ Über".utf8)
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer { PythonText.lowerForASCIIMatch($0.baseAddress!, 0..<$0.count, into: &out) }
    // Only ASCII letters, the Kelvin sign and the dotted capital I change; "Ü" is left as it is.
    #expect(String(decoding: out, as: UTF8.self) == "javakcript i\u{307} Über")
    out.withUnsafeBufferPointer { #expect(PythonText.contains($0, "javakcript") && !PythonText.contains($0, "javascript")) }
}

@Test func randomTextAgainstNaiveDefinitions() {
    var random = SplitMix64(seed: 11)
    let alphabet = ["a", "B", " ", "\n", "\r", "\r\n", "\u{A0}", "\u{2028}", "\u{85}", "é", "中", "\t", ".", "\u{1D}"]
    for _ in 0..<500 {
        let text = random.string(from: alphabet, count: random.below(30))
        let isSpace: (Unicode.Scalar) -> Bool = { PythonText.isSpace($0.value) }
        let naiveWords = text.unicodeScalars.split(whereSeparator: isSpace).map { String(String.UnicodeScalarView($0)) }
        #expect(pyRanges(text, PythonText.appendWhitespaceWords) == naiveWords, "\(Array(text.unicodeScalars))")
        let naiveLength = text.unicodeScalars.count
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(PythonText.length(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0..<b.count) == naiveLength)
        }
    }
}
