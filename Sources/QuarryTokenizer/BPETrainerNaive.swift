// The slow twin of BPETrainerMergeLoop.swift, for tests: the same algorithm (tokenizers 0.23.3
// `BpeTrainer::do_train`) written as plainly as possible — words as arrays of ids, pair counts
// and word sets in dictionaries, and the "heap" as a list searched linearly for its best
// entry, whose count is refreshed in place when stale. No flat arrays, no arena, no hashing
// tricks; only the order of operations is shared with the fast loop.

enum BPETrainerNaive {
    struct Entry {
        var count: Int
        var pair: BPEMerge
        var words: Set<Int>
        var age: Int
    }

    /// Trains on `words` (bytes → count) with the same initial tokens as `trainer`.
    static func train(_ trainer: BPETrainer, words: [[UInt8]: Int]) -> BPETrainingResult {
        var (tokens, idOfBytes, byteIDs, specials) = trainer.initialTokens()
        // Sorted so that this twin's word order differs from the fast loop's (results must not
        // depend on it).
        let sortedWords = words.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var symbols = sortedWords.map { $0.map { byteIDs[Int($0)] } }
        let counts = sortedWords.map { words[$0]! }
        var pairCounts: [BPEMerge: Int] = [:]
        var gained: [BPEMerge: Set<Int>] = [:]
        for (w, word) in symbols.enumerated() where word.count >= 2 {
            for i in 0..<(word.count - 1) {
                let pair = BPEMerge(word[i], word[i + 1])
                pairCounts[pair, default: 0] += counts[w]
                gained[pair, default: []].insert(w)
            }
        }
        var entries: [Entry] = []
        var age = 0
        func pushGained() {
            for pair in gained.keys.sorted(by: { ($0.left, $0.right) < ($1.left, $1.right) }) where pairCounts[pair]! > 0 {
                entries.append(Entry(count: pairCounts[pair]!, pair: pair, words: gained[pair]!, age: age))
                age += 1
            }
            gained = [:]
        }
        pushGained()
        var steps: [(BPEMerge, TokenID)] = []
        var stop = BPETrainingStop.vocabularySize
        while tokens.count < trainer.vocabularySize {
            guard !entries.isEmpty else { stop = .noPairsLeft; break }
            var best = 0
            for i in entries.indices {
                let a = entries[i], b = entries[best]
                if a.count > b.count || (a.count == b.count && ((a.pair.left, a.pair.right) < (b.pair.left, b.pair.right)
                    || (a.pair == b.pair && a.age < b.age))) { best = i }
            }
            let current = pairCounts[entries[best].pair]!
            if entries[best].count != current {
                // A stale entry goes back with the current count (its age stays: the fast heap
                // orders re-pushed entries by their list, which is as old as the entry).
                entries[best].count = current
                continue
            }
            if current < 1 { stop = .noPairsLeft; break }
            if current < trainer.minFrequency { stop = .minFrequency; break }
            let entry = entries.remove(at: best)
            let (left, right) = (entry.pair.left, entry.pair.right)
            let merged = (tokens[Int(left)] ?? []) + (tokens[Int(right)] ?? [])
            let newID: TokenID
            if let existing = idOfBytes[merged] {
                newID = existing
            } else {
                newID = TokenID(tokens.count)
                idOfBytes[merged] = newID
                tokens.append(merged)
            }
            steps.append((entry.pair, newID))
            for w in entry.words.sorted() {
                var word = symbols[w]
                var i = 0
                while i < word.count {
                    if word[i] == left, i + 1 < word.count, word[i + 1] == right {
                        if i > 0 {
                            pairCounts[BPEMerge(word[i - 1], left), default: 0] -= counts[w]
                            pairCounts[BPEMerge(word[i - 1], newID), default: 0] += counts[w]
                            gained[BPEMerge(word[i - 1], newID), default: []].insert(w)
                        }
                        word.replaceSubrange(i...(i + 1), with: [newID])
                        if i < word.count - 1 {
                            pairCounts[BPEMerge(right, word[i + 1]), default: 0] -= counts[w]
                            pairCounts[BPEMerge(newID, word[i + 1]), default: 0] += counts[w]
                            gained[BPEMerge(newID, word[i + 1]), default: []].insert(w)
                        }
                    }
                    i += 1
                }
                symbols[w] = word
            }
            pushGained()
        }
        return BPETrainer.result(tokens: tokens, steps: steps, stop: stop, specials: specials, split: trainer.split)
    }
}
