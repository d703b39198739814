// The writer gives back the bytes fastText wrote for every fixture model. fastText writes the
// pruned-bucket pairs (softmax_q.ftz) in its hash map's order and Quarry sorts them by bucket,
// so for that model the comparison sorts the pair region of the original file first; every
// other byte must be identical.
import Foundation
import Testing
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextModelWriterTests {
    /// `bytes` with the pruned-bucket pairs sorted by bucket.
    static func sortingPrunedPairs(_ bytes: [UInt8], model: FastTextModel) -> [UInt8] {
        guard let pruned = model.dictionary.pruneIndex else { return bytes }
        let start = 92 + model.dictionary.entries.reduce(0) { $0 + $1.word.count + 10 }
        var pairs = [(Int32, Int32)]()
        for i in 0..<pruned.count {
            let at = start + 8 * i
            let key = bytes[at..<(at + 4)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            let value = bytes[(at + 4)..<(at + 8)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            pairs.append((key, value))
        }
        pairs.sort { $0.0 < $1.0 }
        var out = Array(bytes[0..<start])
        for (key, value) in pairs {
            withUnsafeBytes(of: key) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: value) { out.append(contentsOf: $0) }
        }
        out += bytes[(start + 8 * pruned.count)...]
        return out
    }

    @Test(arguments: FastTextFixtures.models)
    func roundTripGivesTheSameBytes(_ name: String) throws {
        let original = try readBytes(FastTextFixtures.path(name))
        let model = try FastTextFixtures.model(name)
        let written = FastTextModelWriter.bytes(of: model)
        #expect(written.count == original.count)
        #expect(written == Self.sortingPrunedPairs(original, model: model), "\(name)")
        if name == "softmax_q.ftz" { #expect(written != original, "fastText's pair order is not sorted: the test sorts it") }
    }

    @Test func writeThenReadPredictsTheSame() throws {
        let dir = TemporaryDirectory("fasttext-writer")
        for name in FastTextFixtures.models {
            let model = try FastTextFixtures.model(name)
            let path = dir.file(name)
            try FastTextModelWriter.write(model, to: path)
            try FastTextModelWriter.write(model, to: path)  // replaces an existing file
            let again = try FastTextModelReader.read(path: path)
            #expect(again.dictionary.entries == model.dictionary.entries)
            #expect(again.dictionary.pruneIndex == model.dictionary.pruneIndex)
            #expect(again.input == model.input && again.output == model.output && again.args == model.args)
            let a = FastTextPredictor(model: model), b = FastTextPredictor(model: again)
            for text in try FastTextFixtures.texts() { #expect(a.predict(text, k: -1) == b.predict(text, k: -1)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == FastTextFixtures.models.sorted())
    }
}
