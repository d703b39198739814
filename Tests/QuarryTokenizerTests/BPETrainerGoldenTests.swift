// BPETrainer against tokenizers 0.23.3's BpeTrainer: merges (as id pairs, in rank order) and
// vocabulary ids of Fixtures/train/expected.json, made by scripts/reference/bpe_train_golden.py
// on a 200 KB sample of the web text (GPT-2 and Llama-3 splits, 1k and 2k vocabularies, a
// min_frequency stop, special tokens that repeat, hold a space, or are spelled by a merge) and on
// synthetic word counts over tiny alphabets; and the saved tokenizer.json byte for byte.
import Foundation
import Testing
@testable import QuarryTokenizer

@Suite struct BPETrainerGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("train")

    struct Case {
        var name: String
        var split: String
        var vocabularySize: Int
        var specialTokens: [String]
        var minFrequency: Int
        var vocabulary: [[UInt8]]
        var merges: [BPEMerge]
        var words: [(String, Int)]
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try list.map { object in
            let keys = try #require(object["vocab"] as? [String])
            let merges = try #require(object["merges"] as? [[Int]])
            let words = (object["words"] as? [[Any]] ?? []).map { ($0[0] as! String, $0[1] as! Int) }
            return Case(name: object["name"] as! String, split: object["split"] as! String,
                        vocabularySize: object["vocab_size"] as! Int, specialTokens: object["special_tokens"] as! [String],
                        minFrequency: object["min_frequency"] as! Int,
                        vocabulary: keys.map { ByteLevelAlphabet.decode($0) ?? Array($0.utf8) },
                        merges: merges.map { BPEMerge(TokenID($0[0]), TokenID($0[1])) }, words: words)
        }
    }

    static func corpus() throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent("corpus.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["text"] as! String
        }
    }

    static func trainer(_ c: Case) -> BPETrainer {
        BPETrainer(vocabularySize: c.vocabularySize, specialTokens: c.specialTokens, minFrequency: c.minFrequency,
                   split: c.split == "llama3" ? .llama3 : .gpt2)
    }

    static func check(_ result: BPETrainingResult, _ c: Case) {
        let definition = result.definition
        #expect(definition.vocabulary.count == c.vocabulary.count, "\(c.name)")
        var wrongIDs = 0
        for (id, bytes) in c.vocabulary.enumerated() where Array(definition.vocabulary.bytes(of: TokenID(id))) != bytes { wrongIDs += 1 }
        #expect(wrongIDs == 0, "\(c.name): \(wrongIDs) ids hold other bytes")
        #expect(definition.merges.count == c.merges.count, "\(c.name)")
        let firstDifference = zip(definition.merges, c.merges).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "\(c.name): first different merge at rank \(firstDifference?.offset ?? -1)")
        var seen = Set<String>()
        let specials = c.specialTokens.filter { seen.insert($0).inserted }
        #expect(definition.addedTokens.map(\.content) == specials, "\(c.name)")
        #expect(definition.addedTokens.map(\.id) == specials.indices.map { TokenID($0) }, "\(c.name)")
        #expect(definition.addedTokens.allSatisfy { $0.special && !$0.normalized })
    }

    @Test func corpusCasesMatchTokenizers() throws {
        let texts = try Self.corpus()
        #expect(texts.count == 65)
        var counted: [String: WordCounts] = [:]
        for split in [PreTokenizerSplit.gpt2, .llama3] { counted[split.rawValue] = WordCounts.counting(texts, split: split) }
        let cases = try Self.cases().filter { $0.words.isEmpty }
        #expect(cases.count == 4)
        for c in cases {
            let result = Self.trainer(c).train(counted[c.split]!)
            Self.check(result, c)
            // The cases stop for each reason they were made for.
            if c.name.contains("min") { #expect(result.stop == .minFrequency) } else { #expect(result.stop == .vocabularySize) }
        }
    }

    @Test func syntheticWordCountsMatchTokenizers() throws {
        let cases = try Self.cases().filter { !$0.words.isEmpty }
        #expect(cases.count == 12)
        var reused = 0
        for c in cases {
            var words = WordCounts()
            for (word, count) in c.words { words.add(Array(word.utf8), count: count) }
            let result = Self.trainer(c).train(words)
            Self.check(result, c)
            reused += result.mergeSteps - (c.vocabulary.count - c.specialTokens.count - 256)
        }
        // Specials "ab" / "ca" are spelled by merges in most cases: the merge reuses their id.
        #expect(reused >= 4)
    }

    @Test func writtenFileEqualsTokenizersFile() throws {
        let texts = try Self.corpus()
        for name in ["gpt2_1000", "llama3_1000"] {
            let c = try #require(try Self.cases().first { $0.name == name })
            let result = Self.trainer(c).train(WordCounts.counting(texts, split: c.split == "llama3" ? .llama3 : .gpt2))
            let expected = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name + ".tokenizer.json")))
            let written = TokenizerJSON.write(result.definition)
            #expect(written == expected, "\(name): written tokenizer.json differs from tokenizers' file")
        }
    }
}
