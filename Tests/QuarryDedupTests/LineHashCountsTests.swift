// LineHashCounts: exact counts (a table never pruned) equal a plain dictionary counter in every
// grouping of the merges; lossy counting under a tiny memory cap keeps its bounds and still
// finds every line above the threshold; the stored form round-trips and damaged bytes throw.
import QuarryCore
import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct LineHashCountsTests {
    /// A document: the line hashes it holds (each once) and its holder.
    typealias Doc = (hashes: [UInt64], holder: UInt64)

    /// A corpus of `documents` documents: `noise` unique lines each, and each repeated line
    /// `r` (of `repeated`) in about `share[r]` of the documents.
    func corpus(documents: Int, noise: Int, repeated: [Double], seed: UInt64) -> [Doc] {
        var random = SplitMix64(seed: seed)
        var out: [Doc] = []
        for d in 0..<documents {
            var hashes: [UInt64] = (0..<noise).map { _ in random.next() | 1 << 63 }
            for (r, share) in repeated.enumerated() where Double(random.below(1000)) < share * 1000 {
                hashes.append(UInt64(r + 1))
            }
            out.append((hashes, UInt64(d + 1)))
        }
        return out
    }

    func counts(_ docs: ArraySlice<Doc>, memory: Int) -> LineHashCounts {
        var c = LineHashCounts(maxMemory: memory)
        for doc in docs {
            c.countDocument()
            for h in doc.hashes { c.add(h, holder: doc.holder) }
        }
        return c
    }

    /// Counts `docs` cut into pieces at `cuts`, each counted alone, merged in order.
    func merged(_ docs: [Doc], cuts: [Int], memory: Int) -> LineHashCounts {
        var total = LineHashCounts(maxMemory: memory)
        var start = 0
        for end in cuts + [docs.count] {
            total.merge(counts(docs[start..<end], memory: memory))
            start = end
        }
        return total
    }

    /// The plain twin: true counts and first holders.
    func naive(_ docs: [Doc]) -> (counts: [UInt64: Int], first: [UInt64: UInt64]) {
        var counts: [UInt64: Int] = [:], first: [UInt64: UInt64] = [:]
        for doc in docs {
            for h in doc.hashes {
                counts[h, default: 0] += 1
                if first[h] == nil { first[h] = doc.holder }
            }
        }
        return (counts, first)
    }

    @Test func exactCountsEqualTheTwinInEveryGrouping() throws {
        let docs = corpus(documents: 300, noise: 3, repeated: [0.5, 0.1, 0.01], seed: 1)
        let truth = naive(docs)
        var encodings: Set<[UInt8]> = []
        for cuts in [[], [1], [150], [7, 8, 9, 200], Array(stride(from: 10, to: 300, by: 10))] {
            let c = merged(docs, cuts: cuts, memory: 1 << 20)
            #expect(c.prunes == 0 && c.errorBound == 0)
            #expect(c.documents == 300)
            #expect(c.count == truth.counts.count)
            for (h, n) in truth.counts {
                let e = try #require(c.entry(h))
                #expect(Int(e.count) == n && e.error == 0 && e.holder == truth.first[h])
            }
            encodings.insert(c.encoded())
        }
        #expect(encodings.count == 1, "same bytes whatever the grouping")
    }

    @Test func lossyCountingKeepsItsBoundsAndFindsEveryFrequentLine() throws {
        // 2,000 documents of 5 unique lines each (10,000 distinct lines) and 6 repeated lines
        // from 50% down to 3% of the documents, counted in a table of at most 1,000 entries (a
        // prune every ~100 documents raises F by about 1, so F ends near 20).
        let docs = corpus(documents: 2000, noise: 5, repeated: [0.5, 0.3, 0.2, 0.1, 0.05, 0.03], seed: 2)
        let truth = naive(docs)
        let k = 1
        let groupings: [[Int]] = [[], [1000], [3, 500, 501, 1999], Array(stride(from: 64, to: 2000, by: 64)),
                                  Array(stride(from: 7, to: 2000, by: 7))]
        var removedSets: Set<[UInt64]> = []
        for cuts in groupings {
            let c = merged(docs, cuts: cuts, memory: 1429 * LineHashCounts.bytesPerSlot)
            #expect(c.maxEntries == 1000)
            #expect(c.prunes > 0)
            #expect(c.count <= c.maxEntries)
            let bound = Int(c.errorBound)
            #expect(bound > 0 && bound + k < 50, "F = \(bound): the rarest repeated line (~60 documents) must be above k + F")
            for e in c.sortedEntries {
                let n = truth.counts[e.hash] ?? 0
                #expect(Int(e.count) <= n && n <= Int(e.count) + Int(e.error), "entry bounds hold")
            }
            for (h, n) in truth.counts where c.entry(h) == nil {
                #expect(n <= bound, "a line missing from the table occurred at most F times")
            }
            let removed = c.keeping(countAbove: k)
            for (h, n) in truth.counts where n > k + bound {
                #expect(removed.entry(h) != nil, "line in \(n) documents (F = \(bound)) is found")
            }
            for e in removed.sortedEntries { #expect(truth.counts[e.hash]! > k, "nothing found that is not repeated") }
            removedSets.insert(removed.sortedEntries.map(\.hash))
        }
        #expect(removedSets == [Array(1...6)], "every grouping finds exactly the six repeated lines")
        // The same grouping gives the same bytes.
        #expect(merged(docs, cuts: [500], memory: 7200).encoded() == merged(docs, cuts: [500], memory: 7200).encoded())
    }

    @Test func keepingLeavesOnlyLinesAboveTheThreshold() {
        let docs = corpus(documents: 100, noise: 2, repeated: [0.6, 0.03], seed: 3)
        let truth = naive(docs)
        let all = merged(docs, cuts: [50], memory: 1 << 20)
        for k in [1, 2, 5, 59] {
            let kept = all.keeping(countAbove: k)
            #expect(Set(kept.sortedEntries.map(\.hash)) == Set(truth.counts.filter { $0.value > k }.keys))
            #expect(kept.documents == 100)
        }
    }

    @Test func storedFormRoundTrips() throws {
        let docs = corpus(documents: 400, noise: 4, repeated: [0.4, 0.2], seed: 4)
        var c = merged(docs, cuts: [100, 300], memory: 100 * LineHashCounts.bytesPerSlot)
        c.add(0, holder: 9)  // the hash 0 goes in as its substitute
        let bytes = c.encoded()
        let back = try LineHashCounts(encoded: bytes)
        #expect(back == c)
        #expect(back.encoded() == bytes)
        #expect(back.prunes == c.prunes && back.errorBound == c.errorBound && back.documents == c.documents)
        #expect(back.entry(0)?.holder == 9)
        #expect(Array(bytes.prefix(4)) == Array("QLDH".utf8))
        let empty = LineHashCounts(maxMemory: 4096)
        #expect(try LineHashCounts(encoded: empty.encoded()) == empty)
    }

    @Test func damagedCountsThrow() throws {
        let docs = corpus(documents: 50, noise: 2, repeated: [0.5], seed: 6)
        let bytes = merged(docs, cuts: [], memory: 1 << 16).encoded()
        var badMagic = bytes; badMagic[0] = 0x58
        var badVersion = bytes; badVersion[4] = 2
        var outOfOrder = bytes
        // Swap the first two entries' hashes (entries start after the 44-byte header).
        for i in 0..<8 { outOfOrder.swapAt(44 + i, 44 + 24 + i) }
        let damaged: [[UInt8]] = [[], Array(bytes.prefix(3)), badMagic, badVersion, Array(bytes.dropLast()),
                                  bytes + [0], Array(bytes.prefix(44)) + Array(bytes.suffix(from: 44 + 24)), outOfOrder]
        for sample in damaged {
            #expect(throws: InputError.self) { try LineHashCounts(encoded: sample) }
        }
    }
}
