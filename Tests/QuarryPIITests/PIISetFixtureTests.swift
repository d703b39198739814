// The built-in detectors, through the scrubber, on a committed sample of the labeled set
// (Fixtures/README.md; scripts/reference/pii_set.py, seed 3, used by no one for tuning):
// per-type precision and recall on exact spans, and no planted hard negative (dates, prices,
// versions, ISBNs, order and tracking numbers, Luhn-invalid cards, hashes, UUIDs) reported as
// anything. The floors sit a little below the figures measured on the held-out set, so a
// change that loses accuracy fails here before it reaches the benchmark.
import Foundation
import Testing
@testable import QuarryPII

@Suite struct PIISetFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Labeled {
        var texts: [String: [UInt8]] = [:]
        var labels: [String: Set<PIISpan>] = [:]
        var negatives: [String: [(kind: String, start: Int, end: Int)]] = [:]
    }

    static func load() throws -> Labeled {
        func lines(_ name: String) throws -> [[String: Any]] {
            try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
        var set = Labeled()
        for doc in try lines("pii-set-docs.jsonl") { set.texts[doc["id"] as! String] = Array((doc["text"] as! String).utf8) }
        for doc in try lines("pii-set-labels.jsonl") {
            set.labels[doc["id"] as! String] = Set((doc["spans"] as! [[String: Any]]).map {
                PIISpan(PIIType(rawValue: $0["type"] as! String)!, start: $0["start"] as! Int, end: $0["end"] as! Int)
            })
        }
        for doc in try lines("pii-set-negatives.jsonl") {
            set.negatives[doc["id"] as! String] = (doc["negatives"] as! [[String: Any]]).map {
                ($0["kind"] as! String, $0["start"] as! Int, $0["end"] as! Int)
            }
        }
        return set
    }

    @Test func detectorsReachTheirFloorsOnTheSampleSet() throws {
        let set = try Self.load()
        #expect(set.texts.count == 240)
        let settings = Dictionary(uniqueKeysWithValues: PIIType.allCases.map { ($0, PIITypeSettings(action: .tag)) })
        let scrubber = PIIScrubber(types: settings, detectors: PIIDetectors.builtin())
        var truePositives: [PIIType: Int] = [:], predicted: [PIIType: Int] = [:], labeled: [PIIType: Int] = [:]
        var negativesHit: [String] = []
        for (id, text) in set.texts.sorted(by: { $0.key < $1.key }) {
            let found = text.withUnsafeBufferPointer { scrubber.find(in: $0) }
            let labels = set.labels[id] ?? []
            for span in labels { labeled[span.type, default: 0] += 1 }
            for span in found {
                predicted[span.type, default: 0] += 1
                if labels.contains(span) { truePositives[span.type, default: 0] += 1 }
                if !labels.contains(where: { $0.overlaps(span) }),
                   let negative = set.negatives[id]?.first(where: { $0.start < span.end && span.start < $0.end }) {
                    negativesHit.append("\(id) \(negative.kind) as \(span.type)")
                }
            }
        }
        // Floors: precision and recall on exact spans.
        let floors: [PIIType: (precision: Double, recall: Double)] = [
            .email: (0.98, 0.98), .phone: (0.97, 0.97), .ipAddress: (0.98, 0.98), .creditCard: (0.98, 0.98),
            .iban: (0.98, 0.98), .usSSN: (0.98, 0.98), .cnResidentID: (0.98, 0.98), .urlWithCredentials: (0.98, 0.98),
            .secret: (0.98, 0.98), .person: (0.95, 0.85), .streetAddress: (0.95, 0.88),
        ]
        for type in PIIType.allCases {
            let tp = Double(truePositives[type] ?? 0)
            let precision = tp / Double(max(1, predicted[type] ?? 0)), recall = tp / Double(max(1, labeled[type] ?? 0))
            #expect((labeled[type] ?? 0) >= 10, "\(type): too few labels in the fixture")
            #expect(precision >= floors[type]!.precision, "\(type) precision \(precision)")
            #expect(recall >= floors[type]!.recall, "\(type) recall \(recall)")
        }
        #expect(negativesHit.isEmpty, "\(negativesHit.prefix(5))")
    }
}
