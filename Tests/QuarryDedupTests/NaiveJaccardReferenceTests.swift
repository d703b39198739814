// minhash_dedup_v1 against a naive all-pairs reference (issue 5, item 5): a few hundred
// generated documents with planted near-duplicates at several edit rates; the exact Jaccard
// similarity of every pair is computed from the shingle sets (MinHasher.shingleHashes), and
// every pair the LSH S-curve finds with probability 1 - (1 - s^r)^b ≥ 0.99 (s ≥ 0.853 with
// 14 bands × 8 rows) must end in one cluster.
import QuarryCore
import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct NaiveJaccardReferenceTests {
    /// Jaccard similarity of two sorted arrays of distinct hashes.
    func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    @Test func everyPairTheSCurveFindsWithProbability99IsInOneCluster() throws {
        var prose = ProseGenerator(seed: 2026)
        var texts: [[String]] = []
        for _ in 0..<150 { texts.append(prose.words(80 + prose.random.below(220))) }
        // Copies (and copies of copies) at edit rates from none to heavy, some truncated or
        // with a line added, so similarities spread over the whole S-curve.
        let rates = [0, 0.002, 0.005, 0.01, 0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2]
        for k in 0..<210 {
            var words = prose.edited(texts[prose.random.below(texts.count)], rate: rates[k % rates.count])
            if k % 7 == 0 { words = Array(words.prefix(words.count * 9 / 10)) }
            if k % 11 == 0 { words = prose.words(12) + words }
            texts.append(words)
        }
        var order = Array(texts.indices)
        order.shuffle(using: &prose.random)
        let documents = order.map { Document(id: "doc\($0)", text: texts[$0].joined(separator: " ")) }
        let tasks = (0..<4).map { t in (0..<4).map { b in Array(documents[(t * 4 + b) * 23..<min(documents.count, (t * 4 + b + 1) * 23)]) } }
        #expect(tasks.flatMap { $0.flatMap { $0 } }.count == documents.count)

        var options = MinHashDedupStage.Options()
        options.mode = "annotate"
        let stage = try MinHashDedupStage(options: options)
        let directory = TemporaryDirectory("quarry-naive")
        let result = try DedupHarness.run(stage, tasks: tasks, directory: directory.path, memory: 1 << 16)
        let annotated = result.documents
        func cluster(_ id: String) -> String? {
            guard let d = annotated[id], d.metadata["dup_cluster_size"] != nil else { return nil }
            return d.metadata["duplicate_of"]?.stringValue ?? id
        }

        let shingles = documents.map { Array(Set(stage.hasher.shingleHashes(of: $0.text, language: nil))).sorted() }
        let (b, r) = (Double(options.bands), Double(options.rows))
        var required = 0, found = 0, missed: [String] = []
        var foundBelow = 0
        for i in 0..<documents.count {
            for j in (i + 1)..<documents.count {
                let s = jaccard(shingles[i], shingles[j])
                let p = 1 - pow(1 - pow(s, r), b)
                let together = cluster(documents[i].id).map { $0 == cluster(documents[j].id) } ?? false
                if p >= 0.99 {
                    required += 1
                    if together { found += 1 } else { missed.append("\(documents[i].id)~\(documents[j].id) s=\(s)") }
                } else if together {
                    foundBelow += 1
                }
            }
        }
        print("naive all-pairs reference: \(documents.count) documents, \(required) pairs with P(candidate) ≥ 0.99, "
              + "\(found) in one cluster; \(foundBelow) pairs below that also share a cluster")
        #expect(required >= 100, "the planted copies should give many pairs above the curve, got \(required)")
        #expect(missed.isEmpty, "\(missed)")
    }
}

private func pow(_ x: Double, _ n: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(n) { result *= x }
    return result
}
