// HashSet64 and HashCounter64 against Swift's Set and Dictionary on random keys (with many
// repeats, the zero key, growth past the first capacity, and reuse after reset), and WordCache
// against tokenizing directly.
import QuarryTestSupport
import QuarryText
import Testing

@Test func hashTablesAgreeWithSwiftCollections() {
    var random = SplitMix64(seed: 5)
    var set = HashSet64(capacity: 4)
    var counter = HashCounter64(capacity: 4)
    for round in 0..<3 {
        set.reset(capacity: 8)
        counter.reset(capacity: 8)
        var naiveSet = Set<UInt64>()
        var naiveCounts: [UInt64: (Int32, Int32)] = [:]
        for position in 0..<5000 {
            let key = random.below(4) == 0 ? 0 : UInt64(random.below(1500 + round * 500)) &* 0xD6E8_FEB8_6659_FD93
            #expect(set.insert(key) == naiveSet.insert(key).inserted)
            let previous = naiveCounts[key] ?? (0, Int32(position))
            naiveCounts[key] = (previous.0 + 1, previous.1)
            let got = counter.add(key, at: position)
            #expect(got.count == naiveCounts[key]!.0 && got.first == naiveCounts[key]!.1)
        }
        #expect(set.count == naiveSet.count && counter.count == naiveCounts.count)
    }
}

@Test func wordCacheGivesWhatTokenizingGives() {
    let texts = ["The cat sat on the mat, didn't it?", "我们现在口头上常说的大模型。", "The cat sat on the mat, didn't it?"]
    for (text, language) in zip(texts, ["en", "zh", "de"]) {
        var bytes = Array(text.utf8)
        let cached = bytes.withUnsafeMutableBufferPointer { WordCache.words(of: UnsafeBufferPointer($0), language: language) }
        let again = bytes.withUnsafeMutableBufferPointer { WordCache.words(of: UnsafeBufferPointer($0), language: language) }
        let direct = WordTokenizers.forLanguage(language).wordRanges(of: text)
        #expect(cached == direct && again == direct, "\(language)")
        guard bytes[0] < 0x80 else { continue }
        bytes[0] = 0x74  // same length, other text: not a hit
        let changed = bytes.withUnsafeMutableBufferPointer { WordCache.words(of: UnsafeBufferPointer($0), language: language) }
        #expect(changed == WordTokenizers.forLanguage(language).wordRanges(of: String(decoding: bytes, as: UTF8.self)))
    }
}
