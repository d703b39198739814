// FastTextQuantizer and ProductQuantizerTraining: a quantized model must predict like the dense
// model it came from (top label on ≥ 90% of the fixture's held-out texts); the cutoff keeps
// `</s>` and exactly `cutoff` rows, the words and n-grams of largest norm; quantizing twice
// gives the same model; the written `.ftz` reads back the same; the fast coder agrees with a
// brute-force nearest-centroid twin.
import Foundation
import Testing
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextQuantizerTests {
    static func denseModel(epoch: Int32 = 25) throws -> (FastTextModel, FastTextExamples) {
        let examples = try FastTextTrainerTests.fixtureExamples()
        var options = FastTextTrainerTests.fixtureOptions()
        options.args.epoch = epoch
        return (try FastTextTrainer.train(examples, options: options), examples)
    }

    /// Share of the held-out texts on which both models rank the same label first.
    static func topLabelAgreement(_ a: FastTextModel, _ b: FastTextModel) throws -> Double {
        let pa = FastTextPredictor(model: a), pb = FastTextPredictor(model: b)
        let texts = try FastTextFixtures.texts()
        let same = texts.filter { text in
            let x = pa.predict(text, k: 1).first.map { a.dictionary.labelName(Int($0.label)) }
            let y = pb.predict(text, k: 1).first.map { b.dictionary.labelName(Int($0.label)) }
            return x == y
        }.count
        return Double(same) / Double(texts.count)
    }

    @Test(arguments: [(2, false), (2, true), (4, false), (3, true)])
    func quantizedPredictsLikeDense(_ dsub: Int, _ qnorm: Bool) throws {
        let (dense, _) = try Self.denseModel()
        let quantized = try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(dsub: dsub, qnorm: qnorm))
        #expect(quantized.isQuantized)
        guard case .quantized(let q) = quantized.input else { Issue.record("input not quantized"); return }
        #expect(q.rows == dense.input.rows && q.pq.dsub == dsub && q.qnorm == qnorm)
        #expect(q.pq.nsubq == (16 + dsub - 1) / dsub && q.pq.lastdsub == (16 % dsub == 0 ? dsub : 16 % dsub))
        let agreement = try Self.topLabelAgreement(dense, quantized)
        #expect(agreement >= 0.9, "dsub \(dsub) qnorm \(qnorm): top-label agreement \(agreement)")
    }

    @Test func cutoffKeepsEndOfLineAndTheLargestRows() throws {
        let (dense, examples) = try Self.denseModel()
        let cutoff = 1000
        let quantized = try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(cutoff: cutoff, qnorm: true))
        let d = quantized.dictionary
        #expect(quantized.input.rows == cutoff)
        #expect(d.nwords + (d.pruneIndex?.count ?? -1) == cutoff)
        #expect(d.nlabels == dense.dictionary.nlabels)
        #expect(d.entries.contains { $0.word == FastTextDictionary.endOfLine && !$0.isLabel })
        // Kept words keep their vocabulary order; every kept row's norm is at least every dropped row's.
        guard case .dense(let input) = dense.input else { return }
        let norms = FastTextQuantizer.rowNorms(input)
        let kept = FastTextQuantizer.selectRows(input, dictionary: dense.dictionary, cutoff: cutoff)
        let eos = Int(FastTextDictionary.endOfLine.withUnsafeBufferPointer { dense.dictionary.id(of: $0) })
        #expect(kept.first == eos)
        let keptSet = Set(kept)
        let smallestKept = kept.dropFirst().map { norms[$0] }.min()!
        let largestDropped = (0..<input.rows).filter { !keptSet.contains($0) }.map { norms[$0] }.max()!
        #expect(smallestKept >= largestDropped)
        let keptWords = kept.filter { $0 < dense.dictionary.nwords }.sorted().map { dense.dictionary.entries[$0].word }
        #expect(Array(d.entries.prefix(d.nwords).map(\.word)) == keptWords)
        // Still a usable classifier, better after retraining on the kept rows.
        let plain = try Self.topLabelAgreement(dense, quantized)
        let retrained = try FastTextQuantizer.quantize(
            dense, options: FastTextQuantizeOptions(cutoff: cutoff, qnorm: true, retrain: true, epoch: 5, lr: 0.1), examples: examples)
        #expect(retrained.args.epoch == 5)
        let afterRetraining = try Self.topLabelAgreement(dense, retrained)
        #expect(plain >= 0.8 && afterRetraining >= 0.85, "cutoff: \(plain), retrained: \(afterRetraining)")
        #expect(throws: FastTextTrainingError.self) {
            try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(cutoff: cutoff, retrain: true))
        }
    }

    @Test func quantizingIsDeterministicAndRoundTrips() throws {
        let (dense, _) = try Self.denseModel(epoch: 5)
        let options = FastTextQuantizeOptions(cutoff: 500, qnorm: true, qout: true)
        let a = try FastTextQuantizer.quantize(dense, options: options)
        let b = try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(cutoff: 500, qnorm: true, qout: true, threads: 2))
        #expect(a.input == b.input && a.output == b.output)
        #expect(a.dictionary.entries == b.dictionary.entries && a.dictionary.pruneIndex == b.dictionary.pruneIndex)
        let bytes = FastTextModelWriter.bytes(of: a)
        #expect(bytes == FastTextModelWriter.bytes(of: b))
        let back = try bytes.withUnsafeBytes { try FastTextModelReader.read(bytes: $0, name: "a.ftz") }
        #expect(back.input == a.input && back.output == a.output)
        #expect(try Self.topLabelAgreement(a, back) == 1)
        #expect(throws: FastTextTrainingError.self) { try FastTextQuantizer.quantize(a, options: options) }
        #expect(throws: FastTextTrainingError.self) { try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(dsub: 0)) }
    }

    /// Four labels are fewer than 256 centroids: qout codes each output row exactly.
    @Test func fewRowsAreCodedExactly() throws {
        let (dense, _) = try Self.denseModel(epoch: 5)
        let quantized = try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions(qout: true))
        guard case .quantized(let out) = quantized.output, case .dense(let original) = dense.output else {
            Issue.record("output not quantized"); return
        }
        for row in 0..<out.rows {
            var decoded = [Float](repeating: 0, count: out.cols)
            decoded.withUnsafeMutableBufferPointer { quantized.output.addRow(row, to: $0) }
            #expect(decoded == Array(original.data[(row * out.cols)..<((row + 1) * out.cols)]))
        }
    }

    /// The threaded nearest-centroid coder against a brute-force twin, on random data.
    @Test func codesAreNearestCentroids() {
        var rng = SplitMix64(seed: 5)
        let rows = 1500, dim = 7
        let data = (0..<(rows * dim)).map { _ in Float(rng.below(20001)) / 10000 - 1 }
        let pq = data.withUnsafeBufferPointer { ProductQuantizerTraining.train($0, rows: rows, dim: dim, dsub: 3, threads: 2) }
        #expect(pq.nsubq == 3 && pq.lastdsub == 1)
        let codes = data.withUnsafeBufferPointer { ProductQuantizerTraining.encode($0, rows: rows, pq: pq, threads: 2) }
        var distortion: Float = 0
        for t in 0..<rows {
            for m in 0..<pq.nsubq {
                let d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub
                func distance(_ c: Int) -> Float {
                    let base = pq.centroidOffset(m, UInt8(c))
                    return (0..<d).reduce(Float(0)) { sum, j in
                        let diff = data[t * dim + m * pq.dsub + j] - pq.centroids[base + j]
                        return sum + diff * diff
                    }
                }
                let best = (0..<256).min { distance($0) < distance($1) }!
                #expect(distance(Int(codes[t * pq.nsubq + m])) == distance(best))
                distortion += distance(best)
            }
        }
        // 256 centroids for 1500 points in ≤ 3 dimensions: far below the data's variance (1/3 per value).
        #expect(distortion / Float(rows * dim) < 0.02)
    }

    /// For scripts/reference/fasttext_load_check.py: with QUARRY_FASTTEXT_EXPORT=DIR set, writes
    /// Quarry-trained models (.bin softmax/ova/hs, .ftz plain, pruned+qnorm+retrained, with qout)
    /// and, in DIR/predictions.jsonl, Quarry's predictions of every held-out text (all labels).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_FASTTEXT_EXPORT"] != nil))
    func exportForFastTextLoadCheck() throws {
        let directory = ProcessInfo.processInfo.environment["QUARRY_FASTTEXT_EXPORT"]!
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let examples = try FastTextTrainerTests.fixtureExamples()
        var models: [(String, FastTextModel)] = []
        for loss in [FastTextLoss.softmax, .oneVsAll, .hierarchicalSoftmax] {
            models.append(("\(loss.name).bin", try FastTextTrainer.train(examples, options: FastTextTrainerTests.fixtureOptions(loss))))
        }
        let dense = models[0].1
        models.append(("softmax_plain.ftz", try FastTextQuantizer.quantize(dense, options: FastTextQuantizeOptions())))
        models.append(("softmax_cutoff.ftz", try FastTextQuantizer.quantize(
            dense, options: FastTextQuantizeOptions(cutoff: 1000, qnorm: true, retrain: true, epoch: 5, lr: 0.1), examples: examples)))
        models.append(("ova_qout.ftz", try FastTextQuantizer.quantize(
            models[1].1, options: FastTextQuantizeOptions(dsub: 4, qnorm: true, qout: true))))
        var lines: [String] = []
        let texts = try FastTextFixtures.texts()
        for (name, model) in models {
            try FastTextModelWriter.write(model, to: directory + "/" + name)
            let predictor = FastTextPredictor(model: model)
            for text in texts where !text.contains("\n") {
                let predictions = predictor.predict(text, k: -1)
                let record: [String: Any] = [
                    "model": name, "text": text,
                    "labels": predictions.map { String(decoding: model.dictionary.label(Int($0.label)), as: UTF8.self) },
                    "probs": predictions.map { Double($0.probability) },
                ]
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/predictions.jsonl", atomically: true, encoding: .utf8)
    }
}
