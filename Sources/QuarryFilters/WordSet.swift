// A set of words (stop words, keywords) matched against word ranges of a text without building
// Strings: words are looked up by a polynomial hash of their bytes and confirmed byte by byte.
import QuarryText

/// Exact, case-sensitive word matching on UTF-8 byte ranges.
struct WordSet: Sendable {
    /// The words' bytes, by hash (a list, for the rare collisions).
    private let buckets: [UInt64: [[UInt8]]]
    /// The longest word, in bytes: longer ranges cannot match.
    private let longest: Int
    /// The number of distinct words.
    let count: Int

    init(_ words: [String]) {
        var buckets: [UInt64: [[UInt8]]] = [:]
        var longest = 0, count = 0
        for word in Set(words) {
            let bytes = Array(word.utf8)
            let hash = bytes.withUnsafeBufferPointer { NGramHasher.hash($0.baseAddress!, 0..<bytes.count) }
            buckets[hash, default: []].append(bytes)
            longest = max(longest, bytes.count)
            count += 1
        }
        self.buckets = buckets
        self.longest = longest
        self.count = count
    }

    /// The index of the word the bytes at `range` spell, or nil.
    func match(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> (hash: UInt64, index: Int)? {
        guard range.count <= longest, !range.isEmpty else { return nil }
        let hash = NGramHasher.hash(p, range)
        guard let candidates = buckets[hash] else { return nil }
        for (index, word) in candidates.enumerated() where word.count == range.count
            && word.withUnsafeBufferPointer({ PythonText.memcmpEqual(p + range.lowerBound, $0.baseAddress!, range.count) }) {
            return (hash, index)
        }
        return nil
    }

    /// How many distinct words of the set occur among `words`, counting no further than `atLeast`.
    func distinctMatches(in p: UnsafePointer<UInt8>, _ words: [Range<Int>], atLeast: Int) -> Int {
        var seen: [UInt64: Int] = [:]
        var found = 0
        for w in words {
            guard let (hash, index) = match(p, w) else { continue }
            let bit = 1 << min(index, 62)
            let before = seen[hash, default: 0]
            if before & bit == 0 {
                seen[hash] = before | bit
                found += 1
                if found >= atLeast { return found }
            }
        }
        return found
    }
}
