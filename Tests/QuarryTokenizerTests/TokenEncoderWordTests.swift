// The BPE word kernel against its naive twin (plain lowest-rank-pair loop over byte strings):
// the linear scan and the heap on random merge tables and words, long words on both sides of
// the strategy limit, dropped bytes, and the word cache (hits return what a miss computes,
// clearing when full changes nothing).
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

/// The plainest BPE: symbols as byte strings, merge the lowest-rank adjacent pair (leftmost on
/// ties) until none is left, then look every symbol up. Ranks from the merge list (a repeated
/// pair keeps its last rank).
struct NaiveBPE {
    let vocabulary: TokenVocabulary
    var ranks: [[UInt8]: Int] = [:]

    init(_ definition: TokenizerDefinition) {
        vocabulary = definition.vocabulary
        for (rank, merge) in definition.merges.enumerated() {
            let key = Array(vocabulary.bytes(of: merge.left)) + [0xFF, 0xFE] + Array(vocabulary.bytes(of: merge.right))
            ranks[key] = rank
        }
    }

    func encodeWord(_ piece: [UInt8]) -> [TokenID] {
        var symbols = piece.map { [$0] }.filter { vocabulary.id(of: $0) != nil }
        while symbols.count > 1 {
            var best: (rank: Int, at: Int)?
            for i in 0..<(symbols.count - 1) {
                if let rank = ranks[symbols[i] + [0xFF, 0xFE] + symbols[i + 1]], best == nil || rank < best!.rank { best = (rank, i) }
            }
            guard let best else { break }
            symbols[best.at] += symbols[best.at + 1]
            symbols.remove(at: best.at + 1)
        }
        return symbols.map { vocabulary.id(of: $0)! }
    }
}

@Suite struct TokenEncoderWordTests {
    /// A random vocabulary over a small alphabet, grown by merging random pairs of tokens.
    static func randomDefinition(seed: UInt64, merges mergeCount: Int) -> TokenizerDefinition {
        var generator = SplitMix64(seed: seed)
        var tokens: [[UInt8]] = (0..<256).map { [UInt8($0)] }
        var known = Set(tokens)
        var merges: [BPEMerge] = []
        let letters: [UInt8] = Array("abcde ".utf8)
        var attempts = 0
        while merges.count < mergeCount, attempts < mergeCount * 50 {
            attempts += 1
            // Prefer tokens made of the small alphabet so merges chain.
            let pool = tokens.indices.filter { tokens[$0].allSatisfy(letters.contains) }
            let left = pool[generator.below(pool.count)], right = pool[generator.below(pool.count)]
            let joined = tokens[left] + tokens[right]
            guard joined.count <= 12 else { continue }
            if !known.contains(joined) {
                known.insert(joined)
                tokens.append(joined)
            } else if generator.below(4) != 0 {
                continue  // sometimes a second merge for an existing token
            }
            merges.append(BPEMerge(TokenID(left), TokenID(right)))
        }
        return TokenizerDefinition(preTokenization: PreTokenization(split: nil), vocabulary: TokenVocabulary(tokens: tokens), merges: merges)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func fastKernelMatchesNaiveTwin(seed: UInt64) throws {
        let definition = Self.randomDefinition(seed: seed, merges: 400)
        let tokenizer = try Tokenizer(definition)
        let naive = NaiveBPE(definition)
        var encoder = tokenizer.makeEncoder()
        var generator = SplitMix64(seed: seed + 100)
        let letters: [UInt8] = Array("abcde ".utf8) + [0xC3]
        for round in 0..<1500 {
            // Lengths around the linear/heap limit, and some long words.
            let length = round % 50 == 0 ? 300 + generator.below(700) : generator.below(BPEWordScratch.linearLimit + 20)
            let word = (0..<length).map { _ in letters[generator.below(letters.count)] }
            var fast: [TokenID] = []
            word.withUnsafeBufferPointer { encoder.encodeWord($0, into: &fast) }
            #expect(fast == naive.encodeWord(word), "seed \(seed) round \(round)")
            // Both strategies directly, bypassing the cache.
            let scratch = BPEWordScratch()
            var viaHeap: [TokenID] = []
            scratch.reserve(word.count + 1)
            var n = 0
            for byte in word { scratch.ids[n] = tokenizer.byteIDs[Int(byte)]; n += 1 }
            BPEWordMerger.mergeHeap(ids: scratch.ids, count: n, scratch: scratch, table: tokenizer.mergeTable, into: &viaHeap)
            #expect(viaHeap == fast)
            if word.count <= 200 {
                var viaLinear: [TokenID] = []
                n = 0
                for byte in word { scratch.ids[n] = tokenizer.byteIDs[Int(byte)]; n += 1 }
                BPEWordMerger.mergeLinear(ids: scratch.ids, count: n, values: scratch.values, table: tokenizer.mergeTable, into: &viaLinear)
                #expect(viaLinear == fast)
            }
        }
    }

    /// Bytes without a token are dropped, as tokenizers drops characters without a token.
    @Test func bytesWithoutTokenAreDropped() throws {
        let vocabulary = TokenVocabulary(tokens: [Array("a".utf8), Array("b".utf8), Array("ab".utf8)])
        let tokenizer = try Tokenizer(TokenizerDefinition(preTokenization: PreTokenization(split: nil), vocabulary: vocabulary,
                                                          merges: [BPEMerge(0, 1)]))
        #expect(tokenizer.encode("axbzab") == [2, 2])
        #expect(tokenizer.encode("bxa") == [1, 0])
    }

    /// Cache hits give what the merge loop gives; thousands of distinct words force clears.
    @Test func cacheIsTransparent() throws {
        let definition = Self.randomDefinition(seed: 9, merges: 300)
        let tokenizer = try Tokenizer(definition)
        let naive = NaiveBPE(definition)
        var encoder = tokenizer.makeEncoder()
        var generator = SplitMix64(seed: 10)
        let letters: [UInt8] = Array("abcde ".utf8)
        var words: [[UInt8]] = []
        for _ in 0..<40_000 { words.append((0..<(2 + generator.below(10))).map { _ in letters[generator.below(letters.count)] }) }
        words += words.prefix(2000)
        for word in words {
            var ids: [TokenID] = []
            word.withUnsafeBufferPointer { encoder.encodeWord($0, into: &ids) }
            #expect(ids == naive.encodeWord(word))
        }
    }

    @Test func hashSeesEveryByte() {
        var seen = Set<UInt64>()
        for length in 1...20 {
            for position in 0..<length {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[position] = 0x62
                bytes.withUnsafeBufferPointer { seen.insert(BPEWordScratch.hash($0)) }
            }
        }
        #expect(seen.count == (1...20).reduce(0, +))
    }
}
