// WordCounts (open-addressing table) against a dictionary twin, merging tables, and the
// parallel counter: the same counts and the same trained tokenizer for any number of workers
// and any batching of the documents.
import Foundation
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

@Suite struct BPETrainerWordCountsTests {
    @Test func tableMatchesDictionaryTwin() {
        var rng = SplitMix64(seed: 11)
        var table = WordCounts(), twin: [[UInt8]: Int] = [:]
        var halves = [WordCounts(), WordCounts()]
        for i in 0..<20_000 {
            let length = rng.below(20)   // 0…19 bytes: the 8-byte loads and every tail length
            let word = (0..<length).map { _ in UInt8(rng.below(3)) + (rng.below(50) == 0 ? 0xC0 : 0x61) }
            let count = 1 + rng.below(5)
            table.add(word, count: count)
            halves[i % 2].add(word, count: count)
            twin[word, default: 0] += count
        }
        #expect(table.dictionary == twin)
        #expect(table.count == twin.count && table.totalCount == twin.values.reduce(0, +))
        for (word, count) in twin.prefix(500) { #expect(table.count(of: word) == count) }
        #expect(table.count(of: Array("zzzz".utf8)) == 0)
        var merged = halves[0]
        merged.add(contentsOf: halves[1])
        #expect(merged.dictionary == twin)
    }

    @Test func workerCountAndBatchingDoNotChangeCountsOrMerges() throws {
        let texts = try BPETrainerGoldenTests.corpus()
        let reference = WordCounts.counting(texts, split: .gpt2)
        let trainer = BPETrainer(vocabularySize: 700, specialTokens: ["<|endoftext|>"], split: .gpt2)
        let expected = trainer.train(reference).definition
        for workers in [1, 2, 3, 5] {
            for batch in [7, 1000] {
                var counter = ParallelWordCounter(split: .gpt2, workers: workers)
                var start = 0
                while start < texts.count {
                    counter.add(Array(texts[start..<min(texts.count, start + batch)]))
                    start += batch
                }
                #expect(counter.documentCount == texts.count)
                #expect(counter.byteCount == texts.reduce(0) { $0 + $1.utf8.count })
                let counts = counter.finish()
                #expect(counts.dictionary == reference.dictionary, "workers \(workers), batch \(batch)")
                #expect(trainer.train(counts).definition == expected, "workers \(workers), batch \(batch)")
            }
        }
    }

    @Test func piecesPartitionEachDocument() {
        // Every byte of the text is in exactly one counted piece: total piece bytes = text bytes.
        let texts = ["Hello, world! 123 4567  \n\n  tabs\tand  spaces   ", "日本語 テキスト", "", "don't I'M"]
        for split in [PreTokenizerSplit.gpt2, .llama3] {
            let counts = WordCounts.counting(texts, split: split)
            var bytes = 0
            for i in 0..<counts.count { bytes += counts.word(i).count * counts.counts[i] }
            #expect(bytes == texts.reduce(0) { $0 + $1.utf8.count })
        }
    }
}
