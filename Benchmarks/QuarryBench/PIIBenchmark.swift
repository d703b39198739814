// `quarry-bench pii FILE.jsonl...`: PII detection speed, one thread, CPU time (best of 3
// rounds), in MB of text per CPU-second: each built-in detector alone over every text, then
// the whole scrub (all detectors, overlap resolution, tags) as pii_scrub_v1 runs it. The span
// counts beside each row show what each detector finds in the corpus.
import QuarryPII

func benchmarkPII(files: [String]) throws {
    let texts = try readDocuments(files).map { Array($0.text.utf8) }
    let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
    print("pii: \(texts.count) documents, \(format(megabytes)) MB of text; one thread, best of 3")

    func report(_ name: String, _ body: () -> Int) {
        let (result, best) = bestOfThree(body)
        let padded = name + String(repeating: " ", count: max(0, 26 - name.count))
        print("\(padded) \(format(best, 3)) s CPU  \(format(megabytes / best)) MB/s  (\(result) spans)")
    }

    for detector in PIIDetectors.builtin() {
        report(String(describing: type(of: detector))) {
            var spans: [PIISpan] = [], total = 0
            for text in texts {
                spans.removeAll(keepingCapacity: true)
                text.withUnsafeBufferPointer { detector.detect(in: $0, into: &spans) }
                total += spans.count
            }
            return total
        }
    }
    let settings = Dictionary(uniqueKeysWithValues: PIIType.allCases.map { ($0, PIITypeSettings(action: .tag)) })
    let scrubber = PIIScrubber(types: settings, detectors: PIIDetectors.builtin())
    report("scrub (all, tag)") {
        var total = 0
        for text in texts { total += text.withUnsafeBufferPointer { scrubber.scrub($0).spans.count } }
        return total
    }
}
