// The stage template: filters only decide, and `run(on:stats:)` counts documents, bytes and
// drop reasons, keeps the order of kept documents, records who dropped what, and counts
// documents a stage removed without a reason as `unreported`.
import QuarryCore
import Testing

struct DropOdd: DocumentFilter {
    struct Options: StageOptions { static var fields: [OptionField<Options>] { [] } }
    static let id: StageID = "drop_odd_v1"
    static let summary = "Drops documents with an odd number in their id."
    init(options: Options) {}
    func decide(_ document: Document) -> FilterDecision {
        (Int(document.id.dropFirst()) ?? 0) % 2 == 1 ? .drop(reason: "odd") : .keep
    }
}

struct Sloppy: DocumentStage {
    struct Options: StageOptions { static var fields: [OptionField<Options>] { [] } }
    static let id: StageID = "sloppy_v1"
    static let summary = "Loses its last document without saying why."
    init(options: Options) {}
    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        batch.documents.removeLast()
        stats.count("touched")
    }
}

@Suite struct DocumentStageTests {
    func batch(_ n: Int) -> DocumentBatch {
        DocumentBatch(documents: (0..<n).map { Document(id: "d\($0)", text: String(repeating: "x", count: $0)) })
    }

    @Test func filtersKeepOrderAndRecordReasons() throws {
        var b = batch(7)
        var stats = StageStats()
        try DropOdd(options: .init()).run(on: &b, stats: &stats)
        #expect(b.documents.map(\.id) == ["d0", "d2", "d4", "d6"])
        #expect(b.rejected.map(\.document.id) == ["d1", "d3", "d5"])
        #expect(b.rejected.allSatisfy { $0.stage == "drop_odd_v1" && $0.reason == "odd" })
        #expect(stats.documentsIn == 7 && stats.kept == 4 && stats.dropped == ["odd": 3])
        #expect(stats.bytesIn == 21 && stats.bytesOut == 12)
        #expect(stats.seconds >= 0)
    }

    @Test func documentsLostWithoutAReasonAreCounted() throws {
        var b = batch(3)
        var stats = StageStats()
        try Sloppy(options: .init()).run(on: &b, stats: &stats)
        #expect(stats.dropped == ["unreported": 1])
        #expect(stats.counters == ["touched": 1])
        #expect(stats.documentsIn == stats.kept + stats.droppedTotal)
    }

    @Test func statsMergeBySumming() {
        var a = StageStats(), b = StageStats()
        a.documentsIn = 3; a.kept = 2; a.drop(reason: "x"); a.count("c", by: 5)
        b.documentsIn = 4; b.kept = 1; b.drop(reason: "x", by: 2); b.drop(reason: "y"); b.count("c")
        a.merge(b)
        #expect(a.documentsIn == 7 && a.kept == 3)
        #expect(a.dropped == ["x": 3, "y": 1])
        #expect(a.counters == ["c": 6])
    }

    @Test(arguments: [("gopher_quality_v1", true), ("jsonl_v1", true), ("a_v12", true), ("Gopher_v1", false),
                      ("gopher-quality_v1", false), ("gopher_quality", false), ("v1", false), ("_v1", false), ("x_v", false)])
    func stageIDsAreLowerSnakeCaseWithAVersion(_ id: String, _ valid: Bool) {
        #expect(StageID(id).isWellFormed == valid)
    }

    @Test func jsonValuesKeepNumberLiteralsAndKeyOrder() {
        let value: JSONValue = ["b": 1, "a": 2.5, "c": [true, nil, "s"]]
        #expect(Array(value.objectValue!.keys) == ["b", "a", "c"])
        #expect(value.objectValue!["a"]?.doubleValue == 2.5)
        #expect(JSONNumber(validatedLiteral: "1.0").literal == "1.0")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONValue.double(.infinity) == .null)
        #expect(JSONNumber(0.1)?.literal == "0.1")
    }
}
