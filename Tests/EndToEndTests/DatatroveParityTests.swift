// Parity of the four quality filters with datatrove 0.10.1 on real web text: the English pages of
// the shared web-sample corpus (../shared/corpora/web-sample, or $QUARRY_WEB_SAMPLE), extracted
// by `quarry extract`, against datatrove's decisions recorded in
// Fixtures/datatrove-filters/decisions.jsonl.gz (scripts/reference/filters.py; README there).
// Each filter must agree on at least 99% of the documents; the disagreements are printed, and
// listed with their causes in the fixture README. Runs only where the corpus is present (the
// corpus may not be copied into the repository); the per-rule examples of
// QuarryFiltersTests/DatatroveExamplesTests run everywhere.
import Foundation
import QuarryCore
import QuarryFilters
import QuarryTestSupport
import QuarryText
import Testing

enum WebSample {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let directory: String = ProcessInfo.processInfo.environment["QUARRY_WEB_SAMPLE"]
        ?? URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared/corpora/web-sample").path
    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory + "/web-sample-00000.warc.gz") }
    static let fixture = repository + "/Tests/EndToEndTests/Fixtures/datatrove-filters/decisions.jsonl.gz"
}

struct ReferenceDecision: Decodable {
    var id: String
    var xxh64: String
    var gopher_quality_v1: String
    var gopher_repetition_v1: String
    var c4_quality_v1: String
    var c4_xxh64: String?
    var fineweb_quality_v1: String
}

@Suite(.enabled(if: WebSample.isPresent, "needs the web-sample corpus"), .serialized)
struct DatatroveParityTests {
    /// The fixture's lines, decompressed with the system gzip.
    func referenceDecisions() throws -> [ReferenceDecision] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", WebSample.fixture]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(ReferenceDecision.self, from: Data($0)) }
    }

    /// Quarry's extraction of the corpus, by document id.
    func extractedTexts(_ dir: TemporaryDirectory) throws -> [String: String] {
        let output = dir.file("extracted.jsonl")
        let inputs = (0..<4).map { WebSample.directory + "/web-sample-0000\($0).warc.gz" }
        let result = try QuarryBinary.run(["extract", "--input"] + inputs + ["--output", output, "--workers", "2", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        var texts: [String: String] = [:]
        for line in try Data(contentsOf: URL(fileURLWithPath: output)).split(separator: UInt8(ascii: "\n")) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = object["id"] as? String, let text = object["text"] as? String else { continue }
            texts[id] = text
        }
        return texts
    }

    @Test func filtersAgreeWithDatatroveOnTheEnglishWebSample() throws {
        let dir = TemporaryDirectory("quarry-parity")
        let reference = try referenceDecisions()
        let texts = try extractedTexts(dir)
        let gopher = try GopherQualityFilter(options: .init())
        let repetition = try GopherRepetitionFilter(options: .init())
        let c4 = try C4QualityFilter(options: .init())
        let fineweb = try FineWebQualityFilter(options: .init())
        var compared = 0
        var agreed: [String: Int] = [:]
        var disagreements: [String] = []
        for expected in reference {
            guard let text = texts[expected.id], StableHash.hex(StableHash.xxh64(text)) == expected.xxh64 else {
                continue
            }
            compared += 1
            let document = Document(id: expected.id, text: text)
            var stats = StageStats()
            var batch = DocumentBatch(documents: [document])
            try c4.process(&batch, stats: &stats)
            var c4Verdict = batch.rejected.first?.reason ?? "keep"
            if let kept = batch.documents.first, let hash = expected.c4_xxh64,
               StableHash.hex(StableHash.xxh64(kept.text)) != hash {
                c4Verdict = "keep (different text)"
            }
            let got = [
                ("gopher_quality_v1", verdict(gopher.decide(document, stats: &stats)), expected.gopher_quality_v1),
                ("gopher_repetition_v1", verdict(repetition.decide(document, stats: &stats)), expected.gopher_repetition_v1),
                ("c4_quality_v1", c4Verdict, expected.c4_quality_v1),
                ("fineweb_quality_v1", verdict(fineweb.decide(document, stats: &stats)), expected.fineweb_quality_v1),
            ]
            for (stage, quarry, datatrove) in got {
                if quarry == datatrove {
                    agreed[stage, default: 0] += 1
                } else {
                    disagreements.append("\(stage) \(expected.id): datatrove \(datatrove), quarry \(quarry)")
                }
            }
        }
        print("datatrove parity: \(compared) of \(reference.count) documents compared (same extracted text)")
        for stage in ["gopher_quality_v1", "gopher_repetition_v1", "c4_quality_v1", "fineweb_quality_v1"] {
            let share = Double(agreed[stage, default: 0]) / Double(max(compared, 1))
            print("  \(stage): \(agreed[stage, default: 0]) / \(compared) agree (\(String(format: "%.2f", share * 100))%)")
            #expect(share >= 0.99, "\(stage) agrees on \(share * 100)% of documents")
        }
        for line in disagreements { print("  disagreement: \(line)") }
        #expect(Double(compared) >= 0.95 * Double(reference.count), "the extraction changed: regenerate the fixture")
    }
}

/// The decision as the fixture writes it.
func verdict(_ decision: FilterDecision) -> String {
    switch decision {
    case .keep: "keep"
    case .drop(let reason): reason
    }
}
