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

        let words = counter.sortedIds(minCount: Int64(args.minCount))

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
        for id in words { entries.append(.init(word: counter.word(id), count: counter.count(id), isLabel: false)) }
        for l in labels {
            entries.append(.init(word: FastTextDictionary.labelPrefix + Array(examples.labelNames[l.order].utf8),
                                 count: l.count, isLabel: true))
        }
        return FastTextDictionary(entries: entries, ntokens: ntokens, pruneIndex: nil, args: args)
    }
}

/// Counts distinct tokens: open addressing on the fastText hash, words stored back to back.
/// A slot holds hash << 32 | id, so most probes compare hashes without touching the words.
struct WordCounter {
    private static let empty = UInt64.max
    private var slots: [UInt64] = Array(repeating: WordCounter.empty, count: 1 << 16)
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
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(h) & mask
            while true {
                let entry = slots[slot]
                if entry == Self.empty { return -(slot + 1) }
                if UInt32(truncatingIfNeeded: entry >> 32) == h {
                    let id = Int(UInt32(truncatingIfNeeded: entry))
                    let same = arena.withUnsafeBufferPointer {
                        UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]]).elementsEqual(word)
                    }
                    if same { return id }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found, found >= 0 { counts[found] += 1; return }
        let slot = -(found! + 1)
        slots[slot] = UInt64(h) << 32 | UInt64(counts.count)
        counts.append(1)
        arena.append(contentsOf: word)
        starts.append(arena.count)
        if counts.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var newSlots = [UInt64](repeating: Self.empty, count: slots.count * 2)
        let mask = newSlots.count - 1
        for entry in slots where entry != Self.empty {
            var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
            while newSlots[slot] != Self.empty { slot = (slot + 1) & mask }
            newSlots[slot] = entry
        }
        slots = newSlots
    }

    /// The ids (order of first appearance) of the tokens seen at least `minCount` times, sorted
    /// by count, highest first, then by first appearance.
    func sortedIds(minCount: Int64) -> [Int] {
        var ids = (0..<counts.count).filter { counts[$0] >= minCount }
        counts.withUnsafeBufferPointer { counts in
            ids.sort { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        }
        return ids
    }

    func count(_ id: Int) -> Int64 { counts[id] }
    func word(_ id: Int) -> [UInt8] { Array(arena[starts[id]..<starts[id + 1]]) }

    /// Every distinct token seen at least `minCount` times, in order of first appearance:
    /// (order, count, bytes).
    func forEach(minCount: Int64, _ body: (Int, Int64, [UInt8]) -> Void) {
        for id in 0..<counts.count where counts[id] >= minCount { body(id, counts[id], word(id)) }
    }
}
