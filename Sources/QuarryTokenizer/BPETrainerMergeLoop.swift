// The incremental merge loop of the BPE trainer (BPETrainer.swift), the same bookkeeping as
// tokenizers 0.23.3 `BpeTrainer::do_train` (models/bpe/trainer.rs) so that ties and stale
// counts resolve identically, on flat arrays instead of per-word vectors and hash sets:
//
// - words: every distinct word of two or more bytes as a run of token ids in one flat array,
//   rewritten in place as pairs merge (a word of one byte never has a pair);
// - pairs: an open-addressing table (left << 32 | right) → pair index, with the pair's count
//   (occurrences × word counts, never decremented for the pair just merged, as tokenizers);
// - word lists: each heap entry owns an immutable list of the words it may merge (an arena
//   slice) — the initial list of a pair holds every word containing it, and a step gives each
//   pair that gained occurrences a new entry listing only the words where it gained them;
// - a binary max-heap of entries ordered by count, then the smaller pair, then the older list.
//   A popped entry whose count is stale is pushed back with the current count (lazy update).
// Processing a word list is order-independent, so results do not depend on word order.

struct BPEMergeLoop {
    // Words.
    private var symbols: [TokenID] = []
    private var wordStart: [Int] = []
    private var wordLength: [Int32] = []
    private var wordCount: [Int] = []
    // Pairs.
    private var pairSlots: [Int32]
    private var pairKeys: [UInt64] = []
    private var pairCounts: [Int] = []
    private var pairStep: [Int32] = []
    private var pairLastWord: [Int32] = []
    private var pairLocal: [Int32] = []
    // Word lists (arena slices) and the heap.
    private var listArena: [Int32] = []
    private var listStart: [Int] = []
    private var listLength: [Int32] = []
    private var heap: [Entry] = []
    // Per-step scratch: pairs that gained occurrences (in first-gain order), and (local, word).
    private var touched: [Int32] = []
    private var touchedWords: [Int32] = []
    private var scratchLocal: [Int32] = []
    private var scratchWord: [Int32] = []
    private var step: Int32 = 0

    struct Entry {
        var count: Int
        var key: UInt64
        var pair: Int32
        var list: Int32

        /// True when `self` pops before `other`: higher count, then smaller pair, then older list.
        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            if count != other.count { return count > other.count }
            if key != other.key { return key < other.key }
            return list < other.list
        }
    }

    init(words: WordCounts, byteIDs: [TokenID]) {
        pairSlots = [Int32](repeating: -1, count: 1 << 16)
        words.storage.withUnsafeBufferPointer { all in
            for index in 0..<words.count {
                let start = words.offsets[index], end = words.offsets[index + 1]
                guard end - start >= 2, words.counts[index] > 0 else { continue }
                wordStart.append(symbols.count)
                wordLength.append(Int32(end - start))
                wordCount.append(words.counts[index])
                for i in start..<end { symbols.append(byteIDs[Int(all[i])]) }
            }
        }
        // Initial pair counts and word lists: one "step 0" gaining every pair of every word.
        step = 0
        for word in 0..<wordCount.count {
            let start = wordStart[word], length = Int(wordLength[word]), count = wordCount[word]
            for i in start..<(start + length - 1) {
                gain(pairIndex(symbols[i], symbols[i + 1]), word: Int32(word), count: count)
            }
        }
        pushTouched()
        heap.reserveCapacity(heap.count * 2)
    }

    // MARK: pair table

    @inline(__always)
    private static func slotHash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    /// The index of pair (left, right), created with count 0 when new.
    @inline(__always)
    private mutating func pairIndex(_ left: TokenID, _ right: TokenID) -> Int {
        let key = UInt64(left) << 32 | UInt64(right)
        let mask = pairSlots.count - 1
        var slot = Self.slotHash(key) & mask
        while true {
            let index = Int(pairSlots[slot])
            if index < 0 { break }
            if pairKeys[index] == key { return index }
            slot = (slot + 1) & mask
        }
        let index = pairKeys.count
        pairSlots[slot] = Int32(index)
        pairKeys.append(key)
        pairCounts.append(0)
        pairStep.append(-1)
        pairLastWord.append(-1)
        pairLocal.append(0)
        if pairKeys.count * 2 > pairSlots.count { growPairs() }
        return index
    }

    private mutating func growPairs() {
        var bigger = [Int32](repeating: -1, count: pairSlots.count * 2)
        let mask = bigger.count - 1
        for (index, key) in pairKeys.enumerated() {
            var slot = Self.slotHash(key) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(index)
        }
        pairSlots = bigger
    }

    /// Records one new occurrence of `pair` in `word` (tokenizers' change +1).
    @inline(__always)
    private mutating func gain(_ pair: Int, word: Int32, count: Int) {
        pairCounts[pair] += count
        if pairStep[pair] != step {
            pairStep[pair] = step
            pairLastWord[pair] = -1
            pairLocal[pair] = Int32(touched.count)
            touched.append(Int32(pair))
            touchedWords.append(0)
        }
        if pairLastWord[pair] != word {
            pairLastWord[pair] = word
            let local = pairLocal[pair]
            scratchLocal.append(local)
            scratchWord.append(word)
            touchedWords[Int(local)] += 1
        }
    }

    /// Turns the step's gains into word lists and pushes one entry per touched pair whose count
    /// is positive (tokenizers' `where_to_update` drain).
    private mutating func pushTouched() {
        var next = listArena.count
        var firstList = listStart.count
        for local in 0..<touched.count {
            listStart.append(next)
            listLength.append(0)
            next += Int(touchedWords[local])
        }
        listArena.append(contentsOf: repeatElement(0, count: scratchWord.count))
        for i in 0..<scratchWord.count {
            let list = firstList + Int(scratchLocal[i])
            listArena[listStart[list] + Int(listLength[list])] = scratchWord[i]
            listLength[list] += 1
        }
        for local in 0..<touched.count {
            let pair = Int(touched[local])
            if pairCounts[pair] > 0 {
                push(Entry(count: pairCounts[pair], key: pairKeys[pair], pair: Int32(pair), list: Int32(firstList)))
            }
            firstList += 1
        }
        touched.removeAll(keepingCapacity: true)
        touchedWords.removeAll(keepingCapacity: true)
        scratchLocal.removeAll(keepingCapacity: true)
        scratchWord.removeAll(keepingCapacity: true)
    }

    // MARK: heap

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    private mutating func pop() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        var parent = 0
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(last) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }

    // MARK: merging

    /// Runs merges until `tokens` holds `vocabularySize` ids; returns the steps (pair, id).
    mutating func run(tokens: inout [[UInt8]?], idOfBytes: inout [[UInt8]: TokenID], vocabularySize: Int,
                      minFrequency: Int) -> ([(BPEMerge, TokenID)], BPETrainingStop) {
        var steps: [(BPEMerge, TokenID)] = []
        while tokens.count < vocabularySize {
            guard var top = pop() else { return (steps, .noPairsLeft) }
            let current = pairCounts[Int(top.pair)]
            if top.count != current {
                top.count = current
                push(top)
                continue
            }
            if current < 1 { return (steps, .noPairsLeft) }
            if current < minFrequency { return (steps, .minFrequency) }
            let left = TokenID(top.key >> 32), right = TokenID(top.key & 0xFFFF_FFFF)
            let merged = (tokens[Int(left)] ?? []) + (tokens[Int(right)] ?? [])
            let newID: TokenID
            if let existing = idOfBytes[merged] {
                newID = existing
            } else {
                newID = TokenID(tokens.count)
                idOfBytes[merged] = newID
                tokens.append(merged)
            }
            steps.append((BPEMerge(left, right), newID))
            step += 1
            let start = listStart[Int(top.list)], length = Int(listLength[Int(top.list)])
            for i in start..<(start + length) {
                merge(word: Int(listArena[i]), left: left, right: right, into: newID)
            }
            pushTouched()
        }
        return (steps, .vocabularySize)
    }

    /// Merges every non-overlapping (left, right) in `word`, left to right, in place, applying
    /// tokenizers' `Word::merge` changes: (prev, left) −1, (prev, new) +1, (right, next) −1,
    /// (new, next) +1, each times the word's count.
    @inline(__always)
    private mutating func merge(word: Int, left: TokenID, right: TokenID, into newID: TokenID) {
        let start = wordStart[word], length = Int(wordLength[word]), count = wordCount[word]
        let end = start + length
        var read = start, write = start
        let word32 = Int32(word)
        while read < end {
            let symbol = symbols[read]
            if symbol == left, read + 1 < end, symbols[read + 1] == right {
                if write > start {
                    let previous = symbols[write - 1]
                    pairCounts[pairIndex(previous, left)] -= count
                    gain(pairIndex(previous, newID), word: word32, count: count)
                }
                if read + 2 < end {
                    let next = symbols[read + 2]
                    pairCounts[pairIndex(right, next)] -= count
                    gain(pairIndex(newID, next), word: word32, count: count)
                }
                symbols[write] = newID
                write += 1
                read += 2
            } else {
                symbols[write] = symbol
                write += 1
                read += 1
            }
        }
        wordLength[word] = Int32(write - start)
    }
}
