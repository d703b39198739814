// Builds a supervised model's vocabulary from training examples the way fastText builds it from
// its input file (`Dictionary::readFromFile`, `add` and `threshold` in facebookresearch/fastText
// src/dictionary.cc @1142dc4): every token of every text is counted (split on the same bytes as
// FastTextInput; a text ends with the token `</s>`, and a literal `</s>` ends it early, as
// `getLine` reads it at training time), labels are counted from each example's label list and
// stored with the `__label__` prefix; words seen fewer than `minCount` times and labels seen
// fewer than `minCountLabel` times are dropped; words come first, then labels, each sorted by
// count, highest first. fastText sorts with `std::sort`, whose order among equal counts is
// unspecified; Quarry breaks ties by first appearance in the examples, so the vocabulary is the
// same on every run. `ntokens` counts every token read, label tokens included, as fastText's
// `ntokens_` does; training's learning-rate schedule divides by it.
//
// Not reproduced: fastText's vocabulary cap (it raises minCount while reading once the table
// holds more than 22.5 M entries); Quarry counts every distinct word, then thresholds once.

/// Why training could not start: the data or the options cannot make a model.
public struct FastTextTrainingError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum FastTextVocabularyBuilder {
    /// The dictionary of `examples`. `args` supplies minCount, bucket, minn, maxn and wordNgrams.
    public static func build(_ examples: FastTextExamples, args: FastTextArgs, minCountLabel: Int) throws -> FastTextDictionary {
        guard !examples.isEmpty else { throw FastTextTrainingError("no training examples") }
        var counter = WordCounter()
        var ntokens: Int64 = 0
        examples.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<examples.count {
                let range = examples.textRange(i)
                ntokens += counter.countTokens(UnsafeBufferPointer(rebasing: bytes[range]))
                ntokens += Int64(examples.labelRange(i).count)
            }
        }

        var words: [(order: Int, count: Int64, word: [UInt8])] = []
        counter.forEach(minCount: Int64(args.minCount)) { order, count, word in words.append((order, count, word)) }
        words.sort { $0.count != $1.count ? $0.count > $1.count : $0.order < $1.order }

        var labelCounts = [Int64](repeating: 0, count: examples.labelNames.count)
        for id in examples.labelIds { labelCounts[Int(id)] += 1 }
        var labels: [(order: Int, count: Int64)] = []
        for (id, count) in labelCounts.enumerated() where count >= Int64(max(minCountLabel, 1)) {
            labels.append((id, count))
        }
        labels.sort { $0.count != $1.count ? $0.count > $1.count : $0.order < $1.order }

        guard !labels.isEmpty else {
            throw FastTextTrainingError(examples.labelNames.isEmpty
                ? "no example has a label"
                : "no label is seen at least minCountLabel = \(minCountLabel) times")
        }
        guard !words.isEmpty else {
            throw FastTextTrainingError("empty vocabulary: no word is seen at least minCount = \(args.minCount) times")
        }

        var entries: [FastTextDictionary.Entry] = []
        entries.reserveCapacity(words.count + labels.count)
        for w in words { entries.append(.init(word: w.word, count: w.count, isLabel: false)) }
        for l in labels {
            entries.append(.init(word: FastTextDictionary.labelPrefix + Array(examples.labelNames[l.order].utf8),
                                 count: l.count, isLabel: true))
        }
        return FastTextDictionary(entries: entries, ntokens: ntokens, pruneIndex: nil, args: args)
    }
}

/// Counts distinct tokens: open addressing on the fastText hash, words stored back to back.
struct WordCounter {
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 16)
    private var hashes: [UInt32] = []
    private var counts: [Int64] = []
    private var starts: [Int] = [0]
    private var arena: [UInt8] = []

    var distinct: Int { counts.count }

    /// Counts the tokens of one text (word tokens, up to and including `</s>`); returns how many.
    /// Tokens starting with `__label__` are labels, not words: they are neither counted nor kept.
    mutating func countTokens(_ text: UnsafeBufferPointer<UInt8>) -> Int64 {
        var n: Int64 = 0
        var i = 0
        while i < text.count {
            if FastTextDictionary.isSeparator(text[i]) { i += 1; continue }
            let start = i
            while i < text.count && !FastTextDictionary.isSeparator(text[i]) { i += 1 }
            let token = UnsafeBufferPointer(rebasing: text[start..<i])
            if token.starts(with: FastTextDictionary.labelPrefix) { continue }
            add(token)
            n += 1
            if token.count == 4 && token.elementsEqual(FastTextDictionary.endOfLine) { return n }
        }
        FastTextDictionary.endOfLine.withUnsafeBufferPointer { add($0) }
        return n + 1
    }

    mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
        let h = FastTextHash.hash(word)
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == h {
                let same = arena.withUnsafeBufferPointer {
                    UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]]).elementsEqual(word)
                }
                if same { counts[id] += 1; return }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(counts.count)
        hashes.append(h)
        counts.append(1)
        arena.append(contentsOf: word)
        starts.append(arena.count)
        if counts.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(h) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }

    /// Every distinct token seen at least `minCount` times, in order of first appearance:
    /// (order, count, bytes).
    func forEach(minCount: Int64, _ body: (Int, Int64, [UInt8]) -> Void) {
        for id in 0..<counts.count where counts[id] >= minCount {
            body(id, counts[id], Array(arena[starts[id]..<starts[id + 1]]))
        }
    }
}
