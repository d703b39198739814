// The fast merge loop against its twins on random word counts: BPETrainerNaive (the same
// algorithm with dictionaries, sets and a linearly searched entry list) always, and a textbook
// BPE (recount every pair of every word each step, merge everywhere) whenever no merge reused an
// id — the only situation where tokenizers' lazy bookkeeping can differ from a full recount.
// Also: word order, tiny vocabularies, empty input, min_frequency.
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

@Suite struct BPETrainerTwinTests {
    /// Random words over a small alphabet (ASCII letters, a space, a two-byte and a three-byte
    /// character) with random counts.
    static func randomWords(_ rng: inout SplitMix64) -> [[UInt8]: Int] {
        let pieces: [[UInt8]] = [[0x61], [0x62], [0x63], [0x20], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0x61, 0x61]]
        let alphabetSize = 2 + rng.below(pieces.count - 1)
        var words: [[UInt8]: Int] = [:]
        for _ in 0..<(1 + rng.below(80)) {
            var word: [UInt8] = []
            for _ in 0..<(1 + rng.below(12)) { word += pieces[rng.below(alphabetSize)] }
            words[word, default: 0] += 1 + rng.below(rng.bool() ? 3 : 40)
        }
        return words
    }

    static func table(_ words: [[UInt8]: Int], reversed: Bool = false) -> WordCounts {
        var table = WordCounts()
        var keys = words.keys.sorted { $0.lexicographicallyPrecedes($1) }
        if reversed { keys.reverse() }
        for word in keys { table.add(word, count: words[word]!) }
        return table
    }

    /// Textbook BPE with the same ids and tie-break: each step counts every adjacent pair of
    /// every word from scratch and merges the best pair in all words.
    static func textbook(_ trainer: BPETrainer, words: [[UInt8]: Int]) -> (merges: [BPEMerge], tokens: [[UInt8]]) {
        var (tokens, idOfBytes, byteIDs, _) = trainer.initialTokens()
        var symbols = words.map { (word: $0.key.map { byteIDs[Int($0)] }, count: $0.value) }
        var merges: [BPEMerge] = []
        while tokens.count < trainer.vocabularySize {
            var counts: [BPEMerge: Int] = [:]
            for (word, count) in symbols where word.count > 1 {
                for i in 0..<(word.count - 1) { counts[BPEMerge(word[i], word[i + 1]), default: 0] += count }
            }
            guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : (a.key.left, a.key.right) > (b.key.left, b.key.right) }),
                  best.value >= max(1, trainer.minFrequency) else { break }
            let merged = tokens[Int(best.key.left)]! + tokens[Int(best.key.right)]!
            let newID = idOfBytes[merged] ?? TokenID(tokens.count)
            if idOfBytes[merged] == nil { idOfBytes[merged] = newID; tokens.append(merged) }
            merges.append(best.key)
            for i in symbols.indices {
                var word = symbols[i].word, j = 0
                var out: [TokenID] = []
                while j < word.count {
                    if j + 1 < word.count, word[j] == best.key.left, word[j + 1] == best.key.right { out.append(newID); j += 2 } else { out.append(word[j]); j += 1 }
                }
                word = out
                symbols[i].word = word
            }
        }
        return (merges, tokens.map { $0! })
    }

    @Test func fastLoopEqualsNaiveTwinOnRandomWords() {
        var rng = SplitMix64(seed: 2026)
        var textbookCompared = 0
        for round in 0..<300 {
            let words = Self.randomWords(&rng)
            let specials: [String] = [[], ["<s>"], ["ab", "<pad x>"], ["a"], ["é"]][round % 5]
            let trainer = BPETrainer(vocabularySize: specials.count + 256 + rng.below(60), specialTokens: specials,
                                     minFrequency: round % 7 == 0 ? 1 + rng.below(30) : 0)
            let fast = trainer.train(Self.table(words))
            let naive = BPETrainerNaive.train(trainer, words: words)
            #expect(fast.definition == naive.definition, "round \(round)")
            #expect(fast.mergeSteps == naive.mergeSteps && fast.stop == naive.stop, "round \(round)")
            // Word order never matters.
            #expect(trainer.train(Self.table(words, reversed: true)).definition == fast.definition, "round \(round)")
            let created = fast.definition.vocabulary.count - (trainer.initialTokens().tokens.count)
            if created == fast.mergeSteps {
                let book = Self.textbook(trainer, words: words)
                #expect(book.merges == fast.definition.merges, "round \(round)")
                #expect(book.tokens == (0..<fast.definition.vocabulary.count).map { Array(fast.definition.vocabulary.bytes(of: TokenID($0))) })
                textbookCompared += 1
            }
        }
        #expect(textbookCompared > 200)
    }

    @Test func initialIDsFollowCodePointOrder() {
        let trainer = BPETrainer(vocabularySize: 10, specialTokens: ["<|endoftext|>", "<|endoftext|>", "<pad x>", "!"])
        let result = trainer.train(WordCounts())
        let vocabulary = result.definition.vocabulary
        // 3 distinct specials; "!" (0x21, code point 0x21) is a special, so the byte alphabet
        // adds 255 ids: '"' (0x22) first, ..., the remapped bytes (U+0100…) last.
        #expect(vocabulary.count == 3 + 255)
        #expect(Array(vocabulary.bytes(of: 0)) == Array("<|endoftext|>".utf8))
        #expect(Array(vocabulary.bytes(of: 1)) == Array("<pad x>".utf8))
        #expect(Array(vocabulary.bytes(of: 2)) == [0x21])
        #expect(Array(vocabulary.bytes(of: 3)) == [0x22])
        #expect(Array(vocabulary.bytes(of: 3 + 187)) == [0x00])   // U+0100
        #expect(Array(vocabulary.bytes(of: 3 + 187 + 0x20)) == [0x20])   // 'Ġ' U+0120
        #expect(Array(vocabulary.bytes(of: 257)) == [0xAD])       // U+0143, the last
        #expect(result.definition.merges.isEmpty && result.stop == .vocabularySize)
        #expect(result.definition.addedTokens.map(\.id) == [0, 1, 2])
    }

    @Test func stopsWhenNoPairIsLeftOrBelowMinFrequency() {
        var words = WordCounts()
        words.add(Array("abab".utf8), count: 3)
        words.add(Array("x".utf8), count: 100)
        let all = BPETrainer(vocabularySize: 1000).train(words)
        #expect(all.stop == .noPairsLeft)
        // ab (6), then abab (3); the single-byte word never merges.
        #expect(all.definition.merges.count == 2 && all.definition.vocabulary.count == 258)
        let limited = BPETrainer(vocabularySize: 1000, minFrequency: 4).train(words)
        #expect(limited.stop == .minFrequency && limited.definition.merges.count == 1)
        #expect(Array(limited.definition.vocabulary.bytes(of: 256)) == Array("ab".utf8))
    }
}
