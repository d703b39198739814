// The predictor against fastText itself (the committed fixtures: top-3 and all-label predictions
// and the sentence vector of every held-out text, on all five models), against a plain slow twin
// written straight from FORMAT.md, and its own paths against each other (quantized input decoded
// or summed from codes, predictTop against k = 1). Optionally lid.176.ftz (QUARRY_LID176).
import Foundation
import Testing
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextPredictorTests {
    static let tolerance: Float = 1e-4

    @Test(arguments: FastTextFixtures.models)
    func matchesFastText(_ name: String) throws {
        let predictor = FastTextPredictor(model: try FastTextFixtures.model(name))
        let labels = predictor.model.dictionary
        var scratch = FastTextScratch()
        var worstProbability: Float = 0, worstHidden: Float = 0
        let expected = try FastTextFixtures.expected(name)
        #expect(expected.count == 71)
        for e in expected {
            var text = e.text
            let (k3, all, hidden) = text.withUTF8 { bytes in
                (predictor.predict(bytes, k: 3, threshold: 0, scratch: &scratch),
                 predictor.predict(bytes, k: -1, threshold: 0, scratch: &scratch),
                 predictor.sentenceVector(bytes, scratch: &scratch))
            }
            let k3Labels = k3.map { String(decoding: labels.label(Int($0.label)), as: UTF8.self) }
            let allLabels = all.map { String(decoding: labels.label(Int($0.label)), as: UTF8.self) }
            #expect(k3Labels == e.k3Labels, "\(name): \(e.text.prefix(60))")
            #expect(allLabels == e.allLabels, "\(name) k=-1: \(e.text.prefix(60))")
            for (got, want) in zip(k3.map(\.probability) + all.map(\.probability), e.k3Probs + e.allProbs) {
                worstProbability = max(worstProbability, abs(got - want))
            }
            #expect(hidden.count == e.hidden.count)
            for (got, want) in zip(hidden, e.hidden) { worstHidden = max(worstHidden, abs(got - want)) }
        }
        print("fastText parity \(name): max |Δp| \(worstProbability), max |Δhidden| \(worstHidden)")
        #expect(worstProbability <= Self.tolerance)
        #expect(worstHidden <= 1e-6)
    }

    /// The fast predictor's labels and probabilities come out of the twin's scores, bit for bit.
    @Test(arguments: FastTextFixtures.models)
    func agreesWithNaiveTwin(_ name: String) throws {
        let model = try FastTextFixtures.model(name)
        let predictor = FastTextPredictor(model: model)
        let twin = NaiveFastTextPredictor(model: model)
        var texts = try FastTextFixtures.texts()
        var rng = SplitMix64(seed: 11)
        let words = ["oven", "stock", "kernel", "goal", "the", "café", "東京", "zz", "__label__tech", "\t", "😀", "e-mail"]
        for _ in 0..<200 { texts.append(rng.string(from: words.map { $0 + " " }, count: rng.below(30))) }
        var scratch = FastTextScratch()
        for text in texts {
            let scores = twin.scores(text)
            for k in [1, 2, 3, -1] {
                let fast = predictor.predict(text, k: k)
                guard let scores else { #expect(fast.isEmpty); continue }
                #expect(!fast.isEmpty)
                for (i, p) in fast.enumerated() {
                    #expect(p.probability == expf(scores[Int(p.label)]), "\(name) \(text.prefix(40)) label \(p.label)")
                    if i > 0 { #expect(p.probability <= fast[i - 1].probability) }
                }
                let best = scores.max()!
                #expect(fast[0].probability >= expf(best) - 1e-4, "\(name) \(text.prefix(40)): top score")
                if model.args.loss != .hierarchicalSoftmax {
                    // No pruning: the k kept are exactly the k best scores.
                    let want = Array(scores.sorted(by: >).prefix(k < 0 ? scores.count : k))
                    #expect(fast.map(\.probability) == want.map { expf($0) })
                }
            }
            var bytes = text
            let top = bytes.withUTF8 { predictor.predictTop($0, scratch: &scratch) }
            #expect(top == predictor.predict(text, k: 1).first)
            let hidden = predictor.sentenceVector(text)
            #expect(hidden == (twin.hidden(text) ?? [Float](repeating: 0, count: Int(model.args.dim))))
        }
    }

    /// A quantized input matrix summed from its codes gives the same bits as the decoded rows.
    @Test(arguments: ["softmax_q.ftz", "ova_q.ftz"])
    func quantizedPathsAgree(_ name: String) throws {
        let model = try FastTextFixtures.model(name)
        let decoded = FastTextPredictor(model: model)
        let coded = FastTextPredictor(model: model, decodeQuantizedInput: false)
        #expect(!decoded.inputRows.isEmpty && coded.inputRows.isEmpty)
        for text in try FastTextFixtures.texts() {
            #expect(decoded.sentenceVector(text) == coded.sentenceVector(text))
            #expect(decoded.predict(text, k: -1) == coded.predict(text, k: -1))
        }
    }

    @Test func thresholdDropsLowProbabilities() throws {
        for name in ["softmax.bin", "ova.bin", "hs.bin"] {
            let predictor = FastTextPredictor(model: try FastTextFixtures.model(name))
            for text in try FastTextFixtures.texts() {
                let all = predictor.predict(text, k: -1, threshold: 0)
                let kept = predictor.predict(text, k: -1, threshold: 0.3)
                // softmax/ova compare p itself, hs the path score with log(0.3 + 1e-5); either way
                // what is kept is what reports at least 0.3 + 1e-5 (ties may reorder, so as sets).
                let want = all.filter { $0.probability >= Float(0.3) + 1e-5 }
                #expect(Set(kept.map(\.label)) == Set(want.map(\.label)), "\(name) \(text.prefix(40))")
                #expect(kept.count < all.count || all.allSatisfy { $0.probability >= 0.3 })
            }
        }
    }

    @Test func kZeroAndEmptyRows() throws {
        let predictor = FastTextPredictor(model: try FastTextFixtures.model("softmax.bin"))
        #expect(predictor.predict("oven", k: 0).isEmpty)
        #expect(predictor.predict("oven", k: 50).count == 4)
        // "" still predicts from </s> alone, as fastText does.
        #expect(predictor.predict("", k: 1).count == 1)
    }

    /// lid.176.ftz against fastText's predictions written by scripts/reference/fasttext_parity.py
    /// (--lid176 MODEL --expected-out FILE); runs only when QUARRY_LID176 and
    /// QUARRY_LID176_EXPECTED name those files.
    @Test func lid176MatchesFastText() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env["QUARRY_LID176"], let expectedPath = env["QUARRY_LID176_EXPECTED"] else { return }
        let predictor = FastTextPredictor(model: try FastTextModelReader.read(path: path))
        var scratch = FastTextScratch()
        var worst: Float = 0, count = 0
        for line in try FastTextFixtures.jsonLines(expectedPath) {
            var text = line["text"] as! String
            let labels = line["labels"] as! [String]
            let probs = (line["probs"] as! [NSNumber]).map { Float($0.doubleValue) }
            let got = text.withUTF8 { predictor.predict($0, k: labels.count, threshold: 0, scratch: &scratch) }
            let gotLabels = got.map { String(decoding: predictor.model.dictionary.label(Int($0.label)), as: UTF8.self) }
            #expect(gotLabels == labels, "\(text.prefix(60)): \(got.map(\.probability)) vs \(probs)")
            for (g, w) in zip(got, probs) { worst = max(worst, abs(g.probability - w)) }
            count += 1
        }
        print("lid.176 parity: \(count) texts, max |Δp| \(worst)")
        #expect(count > 0)
        #expect(worst <= Self.tolerance)
    }

    /// Sentences per second (not a test of speed: prints only). QUARRY_FT_SPEED=1 to run; set
    /// QUARRY_LID176 to include lid.176.
    @Test func speed() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["QUARRY_FT_SPEED"] != nil else { return }
        var models = [("softmax.bin", FastTextFixtures.path("softmax.bin")), ("hs.bin", FastTextFixtures.path("hs.bin"))]
        if let lid = env["QUARRY_LID176"] { models.append(("lid.176.ftz", lid)) }
        let texts = try FastTextFixtures.texts().map { Array($0.utf8) }
        for (name, path) in models {
            let predictor = FastTextPredictor(model: try FastTextModelReader.read(path: path))
            var scratch = FastTextScratch()
            var best = Double.infinity
            var checksum: Float = 0
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<200 {
                    for text in texts {
                        text.withUnsafeBufferPointer { checksum += predictor.predictTop($0, scratch: &scratch)?.probability ?? 0 }
                    }
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print("speed \(name): \(Int(Double(200 * texts.count) / best)) sentences/s (k=1; checksum \(checksum))")
        }
    }
}

/// The slow twin: rows from `FastTextDictionary.read`, summed and dotted through the matrices'
/// own `addRow` / `dotRow`, every label scored (hierarchical softmax: down each label's path),
/// the sigmoid table recomputed per call. Returns fastText's `std_log` score per label.
struct NaiveFastTextPredictor {
    let model: FastTextModel
    let tree: FastTextHuffmanTree

    init(model: FastTextModel) {
        self.model = model
        tree = FastTextHuffmanTree(dictionary: model.dictionary)
    }

    func hidden(_ text: String) -> [Float]? {
        var line = FastTextLine()
        model.dictionary.read(text, into: &line)
        if line.rows.isEmpty { return nil }
        var h = [Float](repeating: 0, count: Int(model.args.dim))
        h.withUnsafeMutableBufferPointer { h in
            for row in line.rows { model.input.addRow(Int(row), to: h) }
        }
        let scale = Float(1.0 / Double(line.rows.count))
        return h.map { $0 * scale }
    }

    static func stdLog(_ x: Float) -> Float { Float(log(Double(x) + 1e-5)) }

    static func tableSigmoid(_ x: Float) -> Float {
        if x < -8 { return 0 }
        if x > 8 { return 1 }
        let i = Int((x + 8) * 512 / 8 / 2)
        let xi = Float(i * 16) / 512 - 8
        return Float(1.0 / (1.0 + Double(expf(-xi))))
    }

    func scores(_ text: String) -> [Float]? {
        guard let h = hidden(text) else { return nil }
        let n = model.dictionary.nlabels
        let dots = { (row: Int) in h.withUnsafeBufferPointer { model.output.dotRow(row, $0) } }
        switch model.args.loss {
        case .softmax:
            let out = (0..<n).map { dots($0) }
            let maximum = out.max()!
            let e = out.map { Float(exp(Double($0 - maximum))) }
            var z: Float = 0
            for v in e { z += v }
            return e.map { Self.stdLog($0 / z) }
        case .oneVsAll, .negativeSampling:
            return (0..<n).map { Self.stdLog(Self.tableSigmoid(dots($0))) }
        case .hierarchicalSoftmax:
            return (0..<n).map { label in
                let start = Int(tree.pathStarts[label]), end = Int(tree.pathStarts[label + 1])
                var score: Float = 0
                for i in (start..<end).reversed() {  // root first
                    let f = Float(1.0 / Double(1 + expf(-dots(Int(tree.pathNodes[i])))))
                    score += tree.pathCodes[i] ? Self.stdLog(f) : Self.stdLog(Float(1.0 - Double(f)))
                }
                return score
            }
        }
    }
}
