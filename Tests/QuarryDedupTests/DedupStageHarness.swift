// Drives a dedup stage through its four phases the way the executor does (sketch batches →
// sketch writer per task → buildIndex → prepared → process), with no executor, plus a
// generator of real-looking English text for the tests.
import QuarryCore
import QuarryDedup
import QuarryTestSupport
import Testing

/// The outcome of one dedup run over in-memory tasks.
struct DedupRunResult {
    /// Per task, per batch: the batch after phase 4.
    var batches: [[DocumentBatch]]
    var stats: StageStats

    /// Ids of the documents kept, in order.
    var keptIDs: [String] { batches.flatMap { $0.flatMap { $0.documents.map(\.id) } } }
    /// Dropped ids with their reason.
    var dropped: [String: String] {
        var out: [String: String] = [:]
        for task in batches { for batch in task { for r in batch.rejected { out[r.document.id] = r.reason } } }
        return out
    }
    /// Every document after phase 4, by id (annotate mode keeps them all).
    var documents: [String: Document] {
        var out: [String: Document] = [:]
        for task in batches { for batch in task { for d in batch.documents { out[d.id] = d } } }
        return out
    }
}

enum DedupHarness {
    /// Phase 1 for every task (`tasks[t][b]` is batch b of task t).
    static func sketch<S: CorpusIndexStage>(_ stage: S, tasks: [[[Document]]], directory: String) throws where S.Sketches == DedupSketches {
        for (t, batches) in tasks.enumerated() {
            let writer = try stage.openSketchWriter(directory: directory, task: t)
            for (b, documents) in batches.enumerated() {
                try writer.append(stage.sketch(DocumentBatch(documents: documents, task: t, sequence: b)))
            }
            try writer.commit()
        }
    }

    /// Phase 4 for every task.
    static func filter<S: CorpusIndexStage>(_ stage: S, tasks: [[[Document]]], directory: String) throws -> DedupRunResult {
        let ready = try stage.prepared(directory: directory)
        var stats = StageStats()
        var out: [[DocumentBatch]] = []
        for (t, batches) in tasks.enumerated() {
            var done: [DocumentBatch] = []
            for (b, documents) in batches.enumerated() {
                var batch = DocumentBatch(documents: documents, task: t, sequence: b)
                try ready.run(on: &batch, stats: &stats)
                done.append(batch)
            }
            out.append(done)
        }
        return DedupRunResult(batches: out, stats: stats)
    }

    /// All four phases.
    static func run<S: CorpusIndexStage>(_ stage: S, tasks: [[[Document]]], directory: String, memory: Int = 64 << 20,
                                         workers: Int = 1) throws -> DedupRunResult where S.Sketches == DedupSketches {
        try sketch(stage, tasks: tasks, directory: directory)
        try stage.buildIndex(CorpusIndexContext(directory: directory, tasks: Array(tasks.indices), memoryBytes: memory, workers: workers))
        #expect(stage.indexIsComplete(directory: directory))
        return try filter(stage, tasks: tasks, directory: directory)
    }

    /// Documents with ids `prefix0`, `prefix1` … one batch per task.
    static func documents(_ texts: [String], prefix: String = "d") -> [Document] {
        texts.enumerated().map { Document(id: "\(prefix)\($0.offset)", text: $0.element) }
    }
}

/// Real-looking English prose from a fixed vocabulary, reproducible from a seed.
struct ProseGenerator {
    static let words = """
    the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you \
    were her she there been one all we their has would when if so no will more out up into do any your what some can \
    time only new other could than first about people also may then after two years way these over city water most \
    river history world made between during work school house government century north south early many used called \
    known found large small under since while state number part high where through long three family music played \
    series team season league club film book life death war later system based power public national local early \
    village church station road line area population including members company service building market children \
    million second including several among built became served received design development university college \
    village county district region island mountain valley coast bridge harbour garden library museum theatre \
    engine train aircraft vessel program network software language science theory research method report study
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func word() -> String { Self.words[random.below(Self.words.count)] }

    /// `count` words in sentences of 8 to 20 words.
    mutating func words(_ count: Int) -> [String] {
        var out: [String] = []
        while out.count < count {
            let length = min(count - out.count, 8 + random.below(13))
            var sentence = (0..<length).map { _ in word() }
            sentence[0] = sentence[0].prefix(1).uppercased() + sentence[0].dropFirst()
            sentence[length - 1] += "."
            out.append(contentsOf: sentence)
        }
        return out
    }

    /// A copy of `words` with about `rate` of them replaced by random words.
    mutating func edited(_ words: [String], rate: Double) -> [String] {
        words.map { w in Double(random.below(1_000_000)) / 1_000_000 < rate ? word() : w }
    }
}
