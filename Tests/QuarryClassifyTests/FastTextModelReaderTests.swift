// The model reader on the fixture models (what it reads back), on damaged files (cut at every
// offset of the header and dictionary and at a stride after, random bytes flipped): every bad
// file is an InputError naming a byte offset inside the file, never a crash, and a file that
// still reads predicts without crashing. Word-vector models and dense input with a pruned
// dictionary are refused as fastText refuses them.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextModelReaderTests {
    @Test func readsTheFixtureModels() throws {
        let softmax = try FastTextFixtures.model("softmax.bin")
        #expect(softmax.version == 12)
        #expect(softmax.args.dim == 16 && softmax.args.wordNgrams == 2 && softmax.args.bucket == 4096)
        #expect(softmax.args.minn == 2 && softmax.args.maxn == 4 && softmax.args.epoch == 25)
        #expect(softmax.args.loss == .softmax && softmax.args.model == .supervised)
        #expect(softmax.dictionary.nwords == 371 && softmax.dictionary.nlabels == 4)
        #expect(softmax.dictionary.ntokens == 4420)
        #expect(softmax.dictionary.pruneIndex == nil)
        #expect(softmax.dictionary.entries[0].word == Array("</s>".utf8))
        #expect(softmax.labels.sorted() == ["cooking", "finance", "sports", "tech"])
        #expect(softmax.input.rows == 371 + 4096 && !softmax.isQuantized && softmax.output.rows == 4)

        #expect(try FastTextFixtures.model("ova.bin").args.loss == .oneVsAll)
        #expect(try FastTextFixtures.model("hs.bin").args.loss == .hierarchicalSoftmax)

        let pruned = try FastTextFixtures.model("softmax_q.ftz")
        #expect(pruned.isQuantized && !pruned.output.isQuantized)
        #expect(pruned.dictionary.nwords == 106 && pruned.dictionary.pruneIndex?.count == 894)
        guard case .quantized(let q) = pruned.input else { Issue.record("not quantized"); return }
        #expect(q.qnorm && q.pq.dsub == 2 && q.pq.nsubq == 8 && q.rows == 106 + 894)

        let ova = try FastTextFixtures.model("ova_q.ftz")
        guard case .quantized(let o) = ova.input else { Issue.record("not quantized"); return }
        #expect(!o.qnorm && o.pq.dsub == 4 && o.pq.nsubq == 4 && ova.dictionary.pruneIndex == nil)
    }

    static func fixtureBytes(_ name: String) throws -> [UInt8] { try readBytes(FastTextFixtures.path(name)) }

    static func read(_ bytes: [UInt8]) throws -> FastTextModel {
        try bytes.withUnsafeBytes { try FastTextModelReader.read(bytes: $0, name: "m.ftz") }
    }

    /// The error must be an InputError inside the file.
    static func expectInputError(_ bytes: [UInt8], _ context: String) {
        do {
            _ = try read(bytes)
            Issue.record("\(context): damaged model was accepted")
        } catch let error as InputError {
            #expect(error.file == "m.ftz" && error.offset != nil)
            #expect((error.offset ?? -1) >= 0 && (error.offset ?? .max) <= Int64(bytes.count), "\(context): \(error)")
        } catch {
            Issue.record("\(context): not an InputError: \(error)")
        }
    }

    @Test(arguments: ["softmax_q.ftz", "ova_q.ftz"])
    func truncatedFilesAreErrors(_ name: String) throws {
        let bytes = try Self.fixtureBytes(name)
        // Every offset through the dictionary and pruned-bucket pairs, then a stride, then the end.
        let model = try Self.read(bytes)
        let dictionaryEnd = 92 + model.dictionary.entries.reduce(0) { $0 + $1.word.count + 10 }
            + 8 * (model.dictionary.pruneIndex?.count ?? 0)
        var cuts = Array(0...(dictionaryEnd + 64))
        cuts += stride(from: dictionaryEnd + 65, to: bytes.count, by: 37)
        cuts += (bytes.count - 64)..<bytes.count
        for cut in cuts { Self.expectInputError(Array(bytes[0..<cut]), "\(name) cut at \(cut)") }
        Self.expectInputError(bytes + [0], "\(name) with a trailing byte")
    }

    @Test(arguments: ["softmax_q.ftz", "ova_q.ftz", "hs.bin"])
    func flippedBytesNeverCrash(_ name: String) throws {
        let original = try Self.fixtureBytes(name)
        var rng = SplitMix64(seed: 42)
        var accepted = 0, refused = 0
        for round in 0..<300 {
            var bytes = original
            // Half the rounds hit the header and dictionary, where sizes and flags live.
            let span = round % 2 == 0 ? min(bytes.count, 4096) : bytes.count
            for _ in 0...rng.below(4) { bytes[rng.below(span)] = UInt8(truncatingIfNeeded: rng.next()) }
            do {
                let model = try Self.read(bytes)
                accepted += 1
                let predictor = FastTextPredictor(model: model)
                for text in ["oven stock", "", "東京 kernel kernel", "__label__tech"] { _ = predictor.predict(text, k: -1) }
            } catch let error as InputError {
                refused += 1
                #expect(error.offset != nil && (error.offset ?? .max) <= Int64(bytes.count))
            }
        }
        #expect(accepted + refused == 300 && refused > 0)
    }

    @Test func headerErrorsNameTheField() throws {
        var bytes = try Self.fixtureBytes("softmax_q.ftz")
        func message(_ b: [UInt8]) -> (Int64?, String) {
            do { _ = try Self.read(b); return (nil, "accepted") } catch let e as InputError { return (e.offset, e.message) } catch { return (nil, "\(error)") }
        }
        var bad = bytes; bad[0] = 0
        #expect(message(bad).0 == 0 && message(bad).1.contains("not a fastText model"))
        bad = bytes; bad[4] = 13
        #expect(message(bad).0 == 4 && message(bad).1.contains("version 13"))
        // model kind (offset 8 + 7·4 = 36): cbow.
        bad = bytes; bad[36] = 1
        #expect(message(bad).0 == 36 && message(bad).1.contains("word-vector"))
        bad = bytes; bad[32] = 9
        #expect(message(bad).0 == 32 && message(bad).1.contains("loss"))
        // Dense input flag with a pruned dictionary (fastText: "Invalid model file").
        let model = try Self.read(bytes)
        let flagAt = 92 + model.dictionary.entries.reduce(0) { $0 + $1.word.count + 10 } + 8 * 894
        #expect(bytes[flagAt] == 1)
        bytes[flagAt] = 0
        #expect(message(bytes).0 == Int64(flagAt) && message(bytes).1.contains("pruned"))
    }

    @Test func version11SupervisedHasNoCharacterNgrams() throws {
        var bytes = try Self.fixtureBytes("softmax.bin")
        bytes[4] = 11
        let model = try Self.read(bytes)
        #expect(model.version == 11 && model.args.maxn == 0 && model.args.minn == 2)
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputError.self) { try FastTextModelReader.read(path: "/nonexistent/model.bin") }
    }
}
