// c4_quality_v1 beyond the datatrove examples: the text it leaves, line counters, sentence mode,
// rules switched off, Chinese sentences, and a 20 MB single-line document.
import Foundation
import QuarryCore
import QuarryFilters
import Testing

func c4(_ configure: (inout C4QualityFilter.Options) -> Void = { _ in }) throws -> C4QualityFilter {
    var options = C4QualityFilter.Options()
    configure(&options)
    return try C4QualityFilter(options: options)
}

func runC4(_ filter: C4QualityFilter, _ texts: [String], metadata: JSONObject = [:]) throws -> (DocumentBatch, StageStats) {
    var batch = DocumentBatch(documents: texts.enumerated().map { Document(id: "\($0.offset)", text: $0.element, metadata: metadata) })
    var stats = StageStats()
    try filter.run(on: &batch, stats: &stats)
    return (batch, stats)
}

let fiveSentences = """
Menu
The river flows through the old town and past the mill. It is very old.
Children play in the park while their parents talk [3].
Please enable JavaScript to see the map of the park.
A new bakery opened last week and it has a long queue.
We use cookies to improve your experience on this site.
The museum will host an exhibition of local painters.
Read more...
"""

@Test func keepsOnlySentenceLines() throws {
    let (batch, stats) = try runC4(c4(), [fiveSentences])
    #expect(batch.documents.first?.text == """
    The river flows through the old town and past the mill. It is very old.
    Children play in the park while their parents talk .
    A new bakery opened last week and it has a long queue.
    The museum will host an exhibition of local painters.
    """)
    #expect(stats.counters["line-filter-no_terminal_punc"] == 2)
    #expect(stats.counters["line-filter-javascript"] == 1)
    #expect(stats.counters["line-filter-policy"] == 1)
    #expect(stats.counters["line-kept"] == 4)
    #expect(stats.histograms["sentences"]?.count == 1)
}

@Test func sentenceCountDecides() throws {
    #expect(try runC4(c4 { $0.minNumSentences = 6 }, [fiveSentences]).0.rejected.first?.reason == "too_few_sentences")
    #expect(try runC4(c4 { $0.minNumSentences = nil }, ["One line only."]).0.documents.count == 1)
}

@Test func rulesCanBeSwitchedOff() throws {
    let options: (inout C4QualityFilter.Options) -> Void = {
        $0.filterNoTerminalPunct = false; $0.filterJavascript = false; $0.filterPolicy = false
        $0.removeCitations = false; $0.minNumSentences = nil; $0.minWordsPerLine = nil
    }
    let (batch, _) = try runC4(c4(options), [fiveSentences])
    #expect(batch.documents.first?.text == fiveSentences.split(separator: "\n").joined(separator: "\n"))
}

@Test func sentenceModeSplitsSentences() throws {
    let text = "The river flows through the old town. It is very old indeed. Children play in the park. "
        + "A new bakery opened last week. The museum will host an exhibition."
    let (batch, _) = try runC4(c4 { $0.splitParagraph = false }, [text])
    #expect(batch.documents.first?.text == text.trimmingCharacters(in: .whitespaces))
}

@Test func chineseSentencesAreCounted() throws {
    let text = "我们现在口头上常说的大模型是一类模型。神经网络是最基础的计算模型。它能从数据中学习。大模型的参数很多。训练需要大量数据。"
    // C4's line rules are English ("." "?" "!" endings); with them off, sentences are counted by
    // the Chinese segmentation: five sentences.
    let filter = try c4 { $0.filterNoTerminalPunct = false; $0.minWordsPerLine = nil }
    let (batch, stats) = try runC4(filter, [text], metadata: ["language": .string("zh")])
    #expect(batch.documents.count == 1)
    #expect(stats.histograms["sentences"]?.sum == 5)
}

@Test func hugeSingleLineIsRemovedForItsLongWord() throws {
    let text = String(repeating: "x", count: 20_000_000) + " is one word."
    let (batch, stats) = try runC4(c4(), [text])
    #expect(batch.rejected.first?.reason == "too_few_sentences")
    #expect(stats.counters["line-filter-too_long_word"] == 1)
}

@Test func c4OptionsAreValidated() {
    #expect(throws: ConfigError.self) { try c4 { $0.minNumSentences = -1 } }
}
