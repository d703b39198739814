// fineweb_quality_v1 beyond the datatrove examples: custom stop characters, the zero exception
// of line_punct_exclude_zero, per-language overrides, empty documents, histograms.
import QuarryCore
import QuarryFilters
import Testing

func fineweb(_ configure: (inout FineWebQualityFilter.Options) throws -> Void = { _ in }) throws -> FineWebQualityFilter {
    var options = FineWebQualityFilter.Options()
    try configure(&options)
    return try FineWebQualityFilter(options: options)
}

let unpunctuated = (0..<10).map { "A line of text about topic number \($0) without an end" }.joined(separator: "\n")

@Test func stopCharactersAndTheZeroException() throws {
    #expect(try fineweb().decide(Document(id: "a", text: unpunctuated)) == .drop(reason: "line_punct_ratio"))
    #expect(try fineweb { $0.linePunctExcludeZero = true }.decide(Document(id: "a", text: unpunctuated)) == .keep)
    #expect(try fineweb { $0.stopChars = ["end"] }.decide(Document(id: "a", text: unpunctuated)) == .keep)
}

@Test func chineseEndingsAreTerminal() throws {
    let text = (0..<6).map { "这是关于第\($0)个主题的一段相当长的中文文字，用来测试句末标点的识别是否正确。" }.joined(separator: "\n")
    var stats = StageStats()
    let filter = try fineweb { $0.languages = LanguageOverrides([(language: "zh", options: .mapping([("short_line_length", .scalar("10"))]))]) }
    #expect(filter.decide(Document(id: "zh", text: text, metadata: ["language": .string("zh")]), stats: &stats) == .keep)
    #expect(stats.histograms["line_punct_ratio"]?.sum == 1)
}

@Test func blankDocumentsAreEmpty() throws {
    for text in ["", "\n\n", "  \n\t"] {
        #expect(try fineweb().decide(Document(id: "e", text: text)) == .drop(reason: "empty"))
    }
}

@Test func fineWebOptionsAreValidated() {
    #expect(throws: ConfigError.self) { try fineweb { $0.shortLineThr = 3 } }
    #expect(throws: ConfigError.self) { try fineweb { $0.stopChars = [""] } }
}
