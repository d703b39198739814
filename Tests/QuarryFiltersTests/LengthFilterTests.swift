// length_filter_v1: every drop reason, values exactly at a bound (kept), validation errors,
// the counts `run(on:stats:)` records, and random documents against naive measures.
import QuarryCore
import QuarryFilters
import QuarryTestSupport
import Testing

func lengthFilter(_ configure: (inout LengthFilter.Options) -> Void) throws -> LengthFilter {
    var o = LengthFilter.Options()
    configure(&o)
    return try LengthFilter(options: o)
}

func decision(_ filter: LengthFilter, _ text: String) -> FilterDecision {
    filter.decide(Document(id: "d", text: text))
}

// "héllo wörld\nsecond line": 23 scalars, 25 bytes, 2 lines, 4 words.
let sample = "héllo wörld\nsecond line"

@Test func sampleMeasures() {
    #expect(sample.unicodeScalars.count == 23 && sample.utf8.count == 25)
}

@Test func eachBoundHasItsReason() throws {
    let cases: [(LengthFilter, String)] = [
        (try lengthFilter { $0.minChars = 24 }, "too_few_chars"),
        (try lengthFilter { $0.maxChars = 22 }, "too_many_chars"),
        (try lengthFilter { $0.minBytes = 26 }, "too_few_bytes"),
        (try lengthFilter { $0.maxBytes = 24 }, "too_many_bytes"),
        (try lengthFilter { $0.minLines = 3 }, "too_few_lines"),
        (try lengthFilter { $0.maxLines = 1 }, "too_many_lines"),
        (try lengthFilter { $0.minWords = 5 }, "too_few_words"),
        (try lengthFilter { $0.maxWords = 3 }, "too_many_words"),
    ]
    for (filter, reason) in cases {
        #expect(decision(filter, sample) == .drop(reason: reason))
    }
}

@Test func valuesAtTheBoundsAreKept() throws {
    let exact = try lengthFilter {
        $0.minChars = 23; $0.maxChars = 23; $0.minBytes = 25; $0.maxBytes = 25
        $0.minLines = 2; $0.maxLines = 2; $0.minWords = 4; $0.maxWords = 4
    }
    #expect(decision(exact, sample) == .keep)
    #expect(decision(try lengthFilter { _ in }, "") == .keep)
    #expect(decision(try lengthFilter { $0.minChars = 1 }, "") == .drop(reason: "too_few_chars"))
    #expect(decision(try lengthFilter { $0.maxLines = 0 }, "") == .keep)
    #expect(decision(try lengthFilter { $0.maxLines = 1 }, "one line\n") == .keep)
    // Chars count scalars: a decomposed letter is two, an emoji one (Python's len).
    #expect(decision(try lengthFilter { $0.maxChars = 1 }, "e\u{301}") == .drop(reason: "too_many_chars"))
    #expect(decision(try lengthFilter { $0.maxChars = 1 }, "😀") == .keep)
    // Words are whitespace-delimited: unspaced Chinese is one word.
    #expect(decision(try lengthFilter { $0.minWords = 2 }, "这是一个没有空格的句子") == .drop(reason: "too_few_words"))
    #expect(decision(try lengthFilter { $0.minWords = 2 }, "two\u{3000}words") == .keep)
}

@Test func cheapestMeasureDecidesFirst() throws {
    // Too many bytes and too few words: bytes are checked first.
    let filter = try lengthFilter { $0.maxBytes = 3; $0.minWords = 10 }
    #expect(decision(filter, "four words right here") == .drop(reason: "too_many_bytes"))
    let linesBeforeWords = try lengthFilter { $0.minLines = 5; $0.minWords = 10 }
    #expect(decision(linesBeforeWords, "short") == .drop(reason: "too_few_lines"))
}

@Test func validateRejectsNegativeAndCrossedBounds() throws {
    let bad: [(inout LengthFilter.Options) -> Void] = [
        { $0.minChars = 5; $0.maxChars = 4 }, { $0.minBytes = 2; $0.maxBytes = 1 },
        { $0.minLines = 3; $0.maxLines = 2 }, { $0.minWords = 10; $0.maxWords = 0 },
        { $0.minChars = -1 }, { $0.maxBytes = -5 }, { $0.maxLines = -1 }, { $0.minWords = -2 },
    ]
    for configure in bad {
        #expect(throws: ConfigError.self) { try lengthFilter(configure) }
    }
    #expect(throws: Never.self) { try lengthFilter { $0.minWords = 3; $0.maxWords = 3; $0.maxChars = 0 } }
    let crossed = ConfigValue.mapping([(key: "min_words", value: .scalar("50")), (key: "max_words", value: .scalar("10"))])
    #expect(throws: ConfigError.self) { try LengthFilter.Options(config: crossed) }
    let decoded = try LengthFilter.Options(config: .mapping([(key: "min_chars", value: .scalar("200")),
                                                             (key: "max_bytes", value: .null)]))
    #expect(decoded.minChars == 200 && decoded.maxBytes == nil && decoded.maxChars == nil)
    #expect(LengthFilter.id.isWellFormed && LengthFilter.Options.fields.count == 8)
}

@Test func runRecordsDropReasons() throws {
    let filter = try lengthFilter { $0.minWords = 2; $0.maxChars = 20 }
    var batch = DocumentBatch(documents: [
        Document(id: "a", text: "two words"), Document(id: "b", text: "one"),
        Document(id: "c", text: "this one has far too many characters"), Document(id: "d", text: "x"),
        Document(id: "e", text: "kept as well"),
    ])
    var stats = StageStats()
    try filter.run(on: &batch, stats: &stats)
    #expect(batch.documents.map(\.id) == ["a", "e"])
    #expect(stats.dropped == ["too_few_words": 2, "too_many_chars": 1])
    #expect(stats.documentsIn == 5 && stats.kept == 2)
    #expect(batch.rejected.map(\.reason) == ["too_few_words", "too_many_chars", "too_few_words"])
    #expect(batch.rejected.allSatisfy { $0.stage == "length_filter_v1" })
}

@Test func randomDocumentsMatchNaiveMeasures() throws {
    let pieces = ["a", "word", " ", "\n", "\t", "é", "字", "😀", "\u{A0}", "\u{3000}", "e\u{301}", "\n\n", "ascii run "]
    let separators: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
                                   0x3000, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
                                   0x2009, 0x200A]
    var rng = SplitMix64(seed: 99)
    for _ in 0..<2000 {
        var text = ""
        for _ in 0..<rng.below(25) { text += pieces[rng.below(pieces.count)] }
        let chars = text.unicodeScalars.count, byteCount = text.utf8.count
        let parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = text.isEmpty ? 0 : parts.count - (text.unicodeScalars.last == "\n" ? 1 : 0)
        let words = text.unicodeScalars.split(whereSeparator: { separators.contains($0.value) }).count
        let bound = { rng.below(3) == 0 ? nil : Optional(rng.below(40)) }
        var o = LengthFilter.Options()
        (o.minChars, o.maxChars, o.minBytes, o.maxBytes) = (bound(), bound(), bound(), bound())
        (o.minLines, o.maxLines, o.minWords, o.maxWords) = (bound(), bound(), bound(), bound())
        guard (try? o.validate()) != nil else { continue }
        var expected = FilterDecision.keep
        for (value, low, high, unit) in [(byteCount, o.minBytes, o.maxBytes, "bytes"), (chars, o.minChars, o.maxChars, "chars"),
                                         (lines, o.minLines, o.maxLines, "lines"), (words, o.minWords, o.maxWords, "words")] {
            if let low, value < low { expected = .drop(reason: "too_few_\(unit)"); break }
            if let high, value > high { expected = .drop(reason: "too_many_\(unit)"); break }
        }
        #expect(decision(try LengthFilter(options: o), text) == expected, "\(o): \(text.debugDescription)")
    }
}
