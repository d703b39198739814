// Counting the words of training documents on several threads: each batch of documents is cut
// into one contiguous run per worker (balanced by bytes), each worker scans its documents with
// `PieceScanner` and adds every piece to its own `WordCounts`, and `finish()` merges the worker
// tables in worker order. A word's total count is the same whatever the partition, and the
// trainer does not depend on word order (BPETrainerMergeLoop.swift), so the trained tokenizer is
// the same for any number of workers. tokenizers 0.23.3 does the same with rayon (`BpeTrainer::
// feed` maps pre-tokens per sequence and reduces the HashMaps).
import Dispatch

/// Word counts over documents, built by `workers` threads.
public struct ParallelWordCounter {
    public let split: PreTokenizerSplit
    public let workers: Int
    private let tables: WorkerTables
    /// Documents and UTF-8 bytes counted so far.
    public private(set) var documentCount = 0
    public private(set) var byteCount = 0

    public init(split: PreTokenizerSplit, workers: Int) {
        self.split = split
        self.workers = max(1, workers)
        tables = WorkerTables(count: self.workers)
    }

    /// Counts the pieces of one batch of documents.
    public mutating func add(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        var bytes = 0
        for text in texts { bytes += text.utf8.count }
        documentCount += texts.count
        byteCount += bytes
        // Worker w takes the documents whose byte offset starts in [w, w + 1) × bytes / workers.
        var cuts = [0]
        var seen = 0, index = 0
        for worker in 1..<workers {
            let target = bytes * worker / workers
            while index < texts.count, seen < target {
                seen += texts[index].utf8.count
                index += 1
            }
            cuts.append(index)
        }
        cuts.append(texts.count)
        let bounds = cuts, split = self.split, tables = self.tables
        let work: @Sendable (Int) -> Void = { worker in
            var table = tables.take(worker)
            for i in bounds[worker]..<bounds[worker + 1] {
                var text = texts[i]
                text.withUTF8 { WordCounts.addPieces(of: $0, split: split, to: &table) }
            }
            tables.put(table, worker)
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
    }

    /// The merged counts (worker 0's table, then the others' words added in worker order).
    public func finish() -> WordCounts {
        var merged = tables.take(0)
        for worker in 1..<workers { merged.add(contentsOf: tables.take(worker)) }
        return merged
    }
}

extension WordCounts {
    /// Adds one occurrence of every piece of `text` under `split`.
    public static func addPieces(of text: UnsafeBufferPointer<UInt8>, split: PreTokenizerSplit, to table: inout WordCounts) {
        var scanner = PieceScanner(split: split, text: text)
        while let piece = scanner.next() {
            table.add(UnsafeBufferPointer(rebasing: text[piece]))
        }
    }

    /// The word counts of `texts` (the single-threaded path, for tests and small inputs).
    public static func counting(_ texts: [String], split: PreTokenizerSplit) -> WordCounts {
        var table = WordCounts()
        for var text in texts { text.withUTF8 { addPieces(of: $0, split: split, to: &table) } }
        return table
    }
}

/// One `WordCounts` per worker in raw memory (no exclusivity check spans workers); each worker
/// only touches its own slot, taken out while it works so that the table is uniquely
/// referenced and grows in place.
private final class WorkerTables: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<WordCounts>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: WordCounts(), count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func take(_ worker: Int) -> WordCounts {
        let table = slots[worker]
        slots[worker] = WordCounts()
        return table
    }
    func put(_ table: WordCounts, _ worker: Int) { slots[worker] = table }
}
