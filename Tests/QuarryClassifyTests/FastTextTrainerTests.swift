// FastTextTrainer, FastTextVocabularyBuilder, FastTextExamples and the SGD kernel: training on
// the parity fixture (Fixtures/fasttext/train.txt, the data fastText's fixture models were
// trained on, same arguments) must predict the held-out texts like fastText's own models do;
// one thread and a fixed seed give the same bits twice; the vocabulary follows fastText's
// counting and thresholds; bad input is an error, never a crash; the fast SGD step agrees with
// a plain twin.
import Foundation
import Synchronization
import Testing
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextTrainerTests {
    /// The fixture's training set, read like a fastText training file.
    static func fixtureExamples() throws -> FastTextExamples {
        var examples = FastTextExamples()
        for line in try String(contentsOfFile: FastTextFixtures.path("train.txt"), encoding: .utf8).split(separator: "\n") {
            examples.append(fastTextLine: String(line))
        }
        return examples
    }

    /// make_fixtures.py's arguments: dim 16, wordNgrams 2, minn 2, maxn 4, bucket 4096, epoch 25, lr 0.5.
    static func fixtureOptions(_ loss: FastTextLoss = .softmax, threads: Int = 1, seed: UInt64 = 0) -> FastTextTrainingOptions {
        var args = FastTextArgs()
        args.dim = 16
        args.wordNgrams = 2
        args.minn = 2
        args.maxn = 4
        args.bucket = 4096
        args.epoch = 25
        args.loss = loss
        return FastTextTrainingOptions(args: args, lr: 0.5, threads: threads, seed: seed)
    }

    /// Share of held-out texts whose top label is the one fastText's fixture model predicts.
    static func agreement(_ model: FastTextModel, with fixture: String) throws -> Double {
        let predictor = FastTextPredictor(model: model)
        let expected = try FastTextFixtures.expected(fixture)
        var same = 0
        for e in expected {
            let top = predictor.predict(e.text, k: 1).first.map { model.dictionary.labelName(Int($0.label)) }
            if top.map({ "__label__" + $0 }) == e.k3Labels.first { same += 1 }
        }
        return Double(same) / Double(expected.count)
    }

    static func denseData(_ matrix: FastTextMatrix) -> [Float] {
        if case .dense(let m) = matrix { return m.data }
        return []
    }

    @Test func examplesKeepTextsAndLabels() {
        var examples = FastTextExamples()
        examples.append(fastTextLine: "__label__a  hello\tworld __label__b __label__a")
        examples.append(text: "second text", labels: ["b", "__label__c"])
        #expect(examples.count == 2)
        #expect(examples.text(0) == "hello world")
        #expect(examples.labels(0) == ["a", "b"])
        #expect(examples.labels(1) == ["b", "c"])
        #expect(examples.labelNames == ["a", "b", "c"])
    }

    @Test func oneThreadIsReproducible() throws {
        let examples = try Self.fixtureExamples()
        let a = try FastTextTrainer.train(examples, options: Self.fixtureOptions())
        let b = try FastTextTrainer.train(examples, options: Self.fixtureOptions())
        #expect(a.input == b.input)
        #expect(a.output == b.output)
        #expect(a.dictionary.entries == b.dictionary.entries)
        let c = try FastTextTrainer.train(examples, options: Self.fixtureOptions(seed: 7))
        #expect(c.input != a.input)
    }

    @Test(arguments: [FastTextLoss.softmax, .oneVsAll, .hierarchicalSoftmax])
    func learnsTheFixtureTask(_ loss: FastTextLoss) throws {
        let model = try FastTextTrainer.train(try Self.fixtureExamples(), options: Self.fixtureOptions(loss))
        #expect(model.args.loss == loss)
        #expect(model.labels.sorted() == ["cooking", "finance", "sports", "tech"])
        let fixture = ["softmax": "softmax.bin", "ova": "ova.bin", "hs": "hs.bin"][loss.name]!
        let agreement = try Self.agreement(model, with: fixture)
        #expect(agreement >= 0.85, "top-label agreement with fastText's \(fixture): \(agreement)")
    }

    @Test func twoThreadsLearnAsWell() throws {
        let model = try FastTextTrainer.train(try Self.fixtureExamples(), options: Self.fixtureOptions(threads: 2))
        let agreement = try Self.agreement(model, with: "softmax.bin")
        #expect(agreement >= 0.85, "two threads: top-label agreement \(agreement)")
    }

    @Test func negativeSamplingLearns() throws {
        var options = Self.fixtureOptions(.negativeSampling)
        options.args.neg = 3
        let model = try FastTextTrainer.train(try Self.fixtureExamples(), options: options)
        #expect(try Self.agreement(model, with: "softmax.bin") >= 0.8)
    }

    /// ova trains every label of an example: on the 16 two-label training lines, fastText's
    /// ova.bin ranks both labels first on 15 and scores both above 0.5 on 7.
    @Test func oneVsAllLearnsSeveralLabels() throws {
        let examples = try Self.fixtureExamples()
        let model = try FastTextTrainer.train(examples, options: Self.fixtureOptions(.oneVsAll))
        let predictor = FastTextPredictor(model: model)
        var twoLabel = 0, topTwo = 0, aboveHalf = 0
        for i in 0..<examples.count where examples.labels(i).count == 2 {
            twoLabel += 1
            let expected = Set(examples.labels(i))
            let first = predictor.predict(examples.text(i), k: 2).map { model.dictionary.labelName(Int($0.label)) }
            if Set(first) == expected { topTwo += 1 }
            let sure = predictor.predict(examples.text(i), k: 4, threshold: 0.5).map { model.dictionary.labelName(Int($0.label)) }
            if Set(sure) == expected { aboveHalf += 1 }
        }
        #expect(twoLabel == 16)
        #expect(topTwo >= 14, "\(topTwo) of 16 two-label lines rank both labels first")
        #expect(aboveHalf >= 6, "\(aboveHalf) of 16 two-label lines score both labels above 0.5")
    }

    @Test func vocabularyCountsLikeFastText() throws {
        var examples = FastTextExamples()
        examples.append(text: "b a b", labels: ["x"])
        examples.append(text: "a c </s> d d d", labels: ["y", "x"])
        examples.append(text: "c __label__z", labels: ["y"])
        var args = FastTextArgs()
        args.minCount = 1
        args.bucket = 0
        let dictionary = try FastTextVocabularyBuilder.build(examples, args: args, minCountLabel: 1)
        // </s> closes each text (and the literal one ends text 2 early): 3; a 2, b 2, c 2 tie → first seen.
        let words = dictionary.entries.prefix(dictionary.nwords).map { String(decoding: $0.word, as: UTF8.self) }
        #expect(words == ["</s>", "b", "a", "c"])
        #expect(dictionary.entries.prefix(dictionary.nwords).map(\.count) == [3, 2, 2, 2])
        #expect(dictionary.labelName(0) == "x" && dictionary.labelName(1) == "y")
        #expect(String(decoding: dictionary.label(0), as: UTF8.self) == "__label__x")
        // Tokens: 3 words + </s> + 1 label; 2 words + </s> + 2 labels; 1 word + </s> + 1 label.
        #expect(dictionary.ntokens == 5 + 5 + 3)

        args.minCount = 3
        let pruned = try FastTextVocabularyBuilder.build(examples, args: args, minCountLabel: 2)
        #expect(pruned.nwords == 1 && pruned.nlabels == 2)
        #expect(throws: FastTextTrainingError.self) {
            try FastTextVocabularyBuilder.build(examples, args: args, minCountLabel: 3)
        }
    }

    /// The hashed word counter against a dictionary of strings, on random texts.
    @Test func wordCounterMatchesTwin() {
        var rng = SplitMix64(seed: 11)
        let alphabet = ["a", "b", "é", "日本", " ", " ", "\t", "\n", "x", "__label__q", "</s>"]
        var counter = WordCounter()
        var twin: [String: Int64] = [:]
        for _ in 0..<300 {
            let text = rng.string(from: alphabet, count: rng.below(20))
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { counter.countTokens($0) }
            var tokens: [String] = []
            for token in text.split(whereSeparator: { " \t\n".contains($0) }) where !token.hasPrefix("__label__") {
                tokens.append(String(token))
                if token == "</s>" { break }
            }
            if tokens.last != "</s>" { tokens.append("</s>") }
            for token in tokens { twin[token, default: 0] += 1 }
            bytes.removeAll()
        }
        var counted: [String: Int64] = [:]
        counter.forEach(minCount: 1) { _, count, word in counted[String(decoding: word, as: UTF8.self)] = count }
        #expect(counted == twin)
    }

    @Test func minCountDropsRareWordsFromTheModel() throws {
        var options = Self.fixtureOptions()
        options.args.minCount = 5
        options.args.epoch = 2
        let examples = try Self.fixtureExamples()
        let model = try FastTextTrainer.train(examples, options: options)
        let words = model.dictionary.entries.prefix(model.dictionary.nwords)
        #expect(words.allSatisfy { $0.count >= 5 })
        let all = try FastTextVocabularyBuilder.build(examples, args: Self.fixtureOptions().args, minCountLabel: 1)
        #expect(model.dictionary.nwords == all.entries.prefix(all.nwords).filter { $0.count >= 5 }.count)
        #expect(model.dictionary.nwords < all.nwords)
        #expect(model.input.rows == model.dictionary.nwords + 4096)
    }

    @Test func bucketIsDroppedWithoutNgrams() throws {
        var options = Self.fixtureOptions()
        options.args.wordNgrams = 1
        options.args.maxn = 0
        options.args.minn = 0
        options.args.epoch = 2
        let model = try FastTextTrainer.train(try Self.fixtureExamples(), options: options)
        #expect(model.args.bucket == 0)
        #expect(model.input.rows == model.dictionary.nwords)
    }

    @Test func degenerateInputsAreErrors() throws {
        let examples = try Self.fixtureExamples()
        #expect(throws: FastTextTrainingError.self) { try FastTextTrainer.train(FastTextExamples(), options: Self.fixtureOptions()) }
        var unlabelled = FastTextExamples()
        unlabelled.append(text: "no labels here", labels: [])
        #expect(throws: FastTextTrainingError("no example has a label")) {
            try FastTextTrainer.train(unlabelled, options: Self.fixtureOptions())
        }
        var options = Self.fixtureOptions()
        options.minCountLabel = 1000
        #expect(throws: FastTextTrainingError.self) { try FastTextTrainer.train(examples, options: options) }
        let changes: [(inout FastTextTrainingOptions) -> Void] = [
                       { $0.args.dim = 0 }, { $0.args.epoch = 0 }, { $0.lr = .nan }, { $0.lr = -1 }, { $0.threads = 0 },
                       { $0.args.minn = 5 }, { $0.args.bucket = 0 }, { $0.args.lrUpdateRate = 0 },
                       { $0.args.minCount = 100_000 }, { $0.args.model = .skipgram }]
        for change in changes {
            var bad = Self.fixtureOptions()
            change(&bad)
            #expect(throws: FastTextTrainingError.self) { try FastTextTrainer.train(examples, options: bad) }
        }
        // Empty texts still train (each is just </s>).
        var empty = FastTextExamples()
        empty.append(text: "", labels: ["a"])
        empty.append(text: "  \n ", labels: ["b"])
        let model = try FastTextTrainer.train(empty, options: Self.fixtureOptions())
        #expect(model.dictionary.nwords == 1 && model.dictionary.nlabels == 2)
        // A learning rate far too high ends in a clear error or a finite model, never a crash.
        var wild = Self.fixtureOptions()
        wild.lr = 1e30
        do {
            let m = try FastTextTrainer.train(examples, options: wild)
            #expect(Self.denseData(m.output).allSatisfy { $0.isFinite })
        } catch {
            #expect((error as? FastTextTrainingError)?.message.contains("diverged") == true, "\(error)")
        }
    }

    @Test func progressIsReported() throws {
        let seen = Mutex<[Double]>([])
        var options = Self.fixtureOptions()
        options.args.epoch = 3
        _ = try FastTextTrainer.train(try Self.fixtureExamples(), options: options) { fraction in
            seen.withLock { $0.append(fraction) }
        }
        let values = seen.withLock { $0 }
        #expect(values.count >= 2)
        #expect(values.last == 1)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    /// One SGD step of the pointer kernel against the same step written plainly, per loss.
    @Test(arguments: [FastTextLoss.softmax, .oneVsAll])
    func kernelMatchesTwin(_ loss: FastTextLoss) {
        let dim = 10, rows = 7, labels = 5
        var rng = SplitMix64(seed: 3)
        func random() -> Float { Float(rng.below(2001)) / 1000 - 1 }
        var input = (0..<(rows * dim)).map { _ in random() }
        var output = (0..<(labels * dim)).map { _ in random() * 0.3 }
        let rowList: [Int32] = [0, 3, 3, 6]
        let target: [Int32] = [2, 4]
        let lr: Float = 0.25

        // The twin.
        var twinIn = input, twinOut = output
        var hidden = [Float](repeating: 0, count: dim)
        for r in rowList { for j in 0..<dim { hidden[j] += twinIn[Int(r) * dim + j] } }
        hidden = hidden.map { $0 / Float(rowList.count) }
        var grad = [Float](repeating: 0, count: dim)
        let dots = (0..<labels).map { i in (0..<dim).reduce(Float(0)) { $0 + twinOut[i * dim + $1] * hidden[$1] } }
        var alphas = [Float](repeating: 0, count: labels)
        var tables: FastTextLossTables
        if loss == .softmax {
            let m = dots.max()!
            let e = dots.map { Float(exp(Double($0 - m))) }
            let z = e.reduce(0, +)
            var draw = MinstdRandom(seed: 1)
            let chosen = Int(target[draw.uniformInt(upTo: target.count - 1)])
            for i in 0..<labels { alphas[i] = lr * ((i == chosen ? 1 : 0) - e[i] / z) }
        } else {
            for i in 0..<labels {
                let p = FastTextSigmoid.table.withUnsafeBufferPointer { FastTextSigmoid.value(dots[i], $0.baseAddress!) }
                alphas[i] = lr * ((target.contains(Int32(i)) ? 1 : 0) - p)
            }
        }
        for i in 0..<labels {
            for j in 0..<dim {
                grad[j] += alphas[i] * twinOut[i * dim + j]
                twinOut[i * dim + j] += alphas[i] * hidden[j]
            }
        }
        for r in rowList { for j in 0..<dim { twinIn[Int(r) * dim + j] += grad[j] / Float(rowList.count) } }

        // The kernel.
        tables = FastTextLossTables(labelCounts: [Int64](repeating: 1, count: labels), loss: loss, tree: nil, seed: 0)
        defer { tables.deallocate() }
        var draw = MinstdRandom(seed: 1)
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var kernel = FastTextTrainingKernel(dim: dim, labelCount: labels, outputRows: labels, input: inBuf.baseAddress!,
                                                    output: outBuf.baseAddress!, loss: loss, negativeCount: 0, tables: tables)
                rowList.withUnsafeBufferPointer { r in
                    target.withUnsafeBufferPointer { t in kernel.update(rows: r, labels: t, lr: lr, rng: &draw) }
                }
                kernel.deallocate()
            }
        }
        for (a, b) in zip(input, twinIn) { #expect(abs(a - b) < 1e-5) }
        for (a, b) in zip(output, twinOut) { #expect(abs(a - b) < 1e-5) }
        #expect(input != Array(repeating: 0, count: input.count))
    }

    @Test func minstdMatchesTheStandard() {
        // std::minstd_rand's 10000th value from the default seed 1 is 399268537 (C++11 [rand.predef]).
        var rng = MinstdRandom(seed: 1)
        var value: UInt32 = 0
        for _ in 0..<10_000 { value = rng.next() }
        #expect(value == 399_268_537)
        var zero = MinstdRandom(seed: 0)
        #expect(zero.next() == 48_271)
        var draws = MinstdRandom(seed: 5)
        var seen = Set<Int>()
        for _ in 0..<200 { let v = draws.uniformInt(upTo: 3); #expect((0...3).contains(v)); seen.insert(v) }
        #expect(seen.count == 4)
    }
}
