// The four quality filters against datatrove 0.10.1 on hand-made examples: one or more per rule
// that keep or trip it (Fixtures/filter-examples.json, made by
// scripts/reference/filter_examples.py with spaCy 3.8.18's English tokenizer). Every filter's
// decision must equal datatrove's, drop reason included, and C4's kept text must be the text
// datatrove leaves.
import Foundation
import QuarryCore
import QuarryFilters
import Testing

enum FilterFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Example: Decodable {
        var name: String
        var text: String
        var gopher_quality_v1: String
        var gopher_repetition_v1: String
        var c4_quality_v1: String
        var fineweb_quality_v1: String
        var c4_text: String?
    }

    struct File: Decodable { var examples: [Example] }

    static let examples: [Example] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("filter-examples.json")),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.examples
    }()
}

/// The decision of a filter as the fixture writes it: "keep" or the drop reason.
func verdict(_ decision: FilterDecision) -> String {
    switch decision {
    case .keep: "keep"
    case .drop(let reason): reason
    }
}

@Test func fixtureHasExamples() {
    #expect(FilterFixtures.examples.count >= 35)
}

@Test(arguments: FilterFixtures.examples.map(\.name))
func matchesDatatrove(_ name: String) throws {
    let example = try #require(FilterFixtures.examples.first { $0.name == name })
    let document = Document(id: name, text: example.text)
    var stats = StageStats()
    let gopher = try GopherQualityFilter(options: .init())
    #expect(verdict(gopher.decide(document, stats: &stats)) == example.gopher_quality_v1, "gopher_quality_v1")
    let repetition = try GopherRepetitionFilter(options: .init())
    #expect(verdict(repetition.decide(document, stats: &stats)) == example.gopher_repetition_v1, "gopher_repetition_v1")
    let fineweb = try FineWebQualityFilter(options: .init())
    #expect(verdict(fineweb.decide(document, stats: &stats)) == example.fineweb_quality_v1, "fineweb_quality_v1")
    let c4 = try C4QualityFilter(options: .init())
    var batch = DocumentBatch(documents: [document])
    try c4.process(&batch, stats: &stats)
    if example.c4_quality_v1 == "keep" {
        #expect(batch.documents.first?.text == example.c4_text, "c4_quality_v1 text")
    } else {
        #expect(batch.rejected.first?.reason == example.c4_quality_v1, "c4_quality_v1")
    }
}
