// Loads the committed fastText parity fixtures (Fixtures/fasttext/README.md, made by
// scripts/reference/fasttext_parity.py with fasttext-numpy2 0.10.4): five small models and, per
// held-out text, what fastText itself predicted.
import Foundation
@testable import QuarryClassify

enum FastTextFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("fasttext")
    /// The five fixture models: dense softmax / ova / hs, quantized softmax (pruned, qnorm) and ova.
    static let models = ["softmax.bin", "ova.bin", "hs.bin", "softmax_q.ftz", "ova_q.ftz"]

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func model(_ name: String) throws -> FastTextModel {
        try FastTextModelReader.read(path: path(name))
    }

    struct Expected {
        var text: String
        var k3Labels: [String]
        var k3Probs: [Float]
        var allLabels: [String]
        var allProbs: [Float]
        var hidden: [Float]
    }

    static func jsonLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// fastText's predictions for `model` ("softmax.bin" → softmax.expected.jsonl).
    static func expected(_ model: String) throws -> [Expected] {
        let stem = model.split(separator: ".").first!
        func floats(_ value: Any?) -> [Float] { (value as! [NSNumber]).map { Float($0.doubleValue) } }
        return try jsonLines(path("\(stem).expected.jsonl")).map {
            Expected(text: $0["text"] as! String, k3Labels: $0["k3_labels"] as! [String], k3Probs: floats($0["k3_probs"]),
                     allLabels: $0["all_labels"] as! [String], allProbs: floats($0["all_probs"]), hidden: floats($0["hidden"]))
        }
    }

    /// The held-out texts (test.jsonl).
    static func texts() throws -> [String] {
        try jsonLines(path("test.jsonl")).map { $0["text"] as! String }
    }
}
