// What exact_dedup_v1 and minhash_dedup_v1 share once a document is sketched: the phases
// of CorpusIndexStage (CorpusIndex.swift) over the files of DedupWorkDirectory.swift —
// sketch files (1), band buckets (2), clusters and decisions (3) — and phase 4, which drops
// or annotates the documents its task's decisions name. The two stages differ only in their
// options and in how they sketch a document.
import QuarryCore
import QuarryIO

/// The shared machinery of the dedup stages.
struct DedupIndex: Sendable {
    let stage: StageID
    let parameters: DedupParameters
    /// Estimated Jaccard a candidate pair must reach (MinHash with verification), else nil.
    let threshold: Double?
    let mode: DedupMode
    /// Metadata key whose larger numeric value wins as representative.
    let prefer: String?
    /// Earlier run directories whose index new documents are checked against.
    let against: [String]
    /// `exact_duplicate` or `minhash_duplicate`.
    let dropReason: String
    /// Phase 4's decisions; nil until `prepared(directory:)`.
    var decisions: DecisionCache?

    /// Most tasks whose decisions phase 4 keeps in memory at once: more than the tasks in
    /// flight on a machine's workers, and small (a task's decisions list its duplicates only,
    /// 24 bytes and an id each).
    static let cachedTasks = 16

    /// The `prefer` value of a document: NaN when there is no key, or its value is not a number.
    func preferValue(_ document: Document) -> Double {
        guard let prefer, let value = document.metadata[prefer]?.doubleValue, !value.isNaN else { return .nan }
        return value
    }

    func openSketchWriter(directory: String, task: Int) throws -> SketchFileWriter {
        try SketchFileWriter(path: DedupWorkDirectory.sketchPath(directory, task: task), parameters: parameters, task: task)
    }

    func hasSketches(directory: String, task: Int) -> Bool {
        let path = DedupWorkDirectory.sketchPath(directory, task: task)
        guard FileInfo.exists(path),
              let checked = try? DedupFileFormat.checkFile(path, kind: .sketches, expected: parameters,
                                                           recordSize: SketchRecord.size, blobLength: { $0.b })
        else { return false }
        return checked.number == task
    }

    func indexIsComplete(directory: String) -> Bool {
        (try? DedupWorkDirectory.readComplete(directory, parameters: parameters)) != nil
    }

    func buildIndex(_ context: CorpusIndexContext) throws {
        if try DedupWorkDirectory.readComplete(context.directory, parameters: parameters) != nil {
            context.log("\(stage): index already complete")
            return
        }
        var context = context
        if context.step == .all {
            context.rank = 0
            context.worldSize = 1
        }
        guard context.worldSize >= 1, context.rank >= 0, context.rank < context.worldSize else {
            throw ConfigError("\(stage): rank \(context.rank) is outside a world of size \(context.worldSize)")
        }
        let catalog = try SketchCatalog(directory: context.directory, tasks: context.tasks, parameters: parameters)
        var old: [OldIndex] = []
        var base = catalog.total
        for directory in try DedupWorkDirectory.resolveAgainst(against, stage: stage, parameters: parameters) {
            guard let marker = try DedupWorkDirectory.readComplete(directory, parameters: parameters, indexOnly: true) else { continue }
            let oldCatalog = try SketchCatalog(directory: directory, tasks: marker.tasks, parameters: marker.parameters)
            guard oldCatalog.total == marker.documents, oldCatalog.fingerprint == marker.fingerprint else {
                throw InputError(file: DedupWorkDirectory.completePath(directory), "its sketches changed after its index was built")
            }
            old.append(OldIndex(directory: directory, catalog: oldCatalog, base: base))
            base += oldCatalog.total
        }
        if context.step != .clusters {
            let report = try BandBuckets.build(context, catalog: catalog, old: old)
            context.log("\(stage): \(report.bandsBuilt) bands built, \(report.bandsSkipped) already done")
        }
        if context.step != .buckets {
            try DedupClusters.build(context, catalog: catalog, old: old, threshold: threshold, usesPrefer: prefer != nil)
        }
    }

    func prepared(directory: String) throws -> DedupIndex {
        guard try DedupWorkDirectory.readComplete(directory, parameters: parameters) != nil else {
            throw InputError(file: DedupWorkDirectory.completePath(directory),
                             "\(stage): the dedup index is not complete (run phases buckets and clusters first)")
        }
        var copy = self
        copy.decisions = DecisionCache(directory: directory, parameters: parameters, capacity: Self.cachedTasks)
        return copy
    }

    func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        guard let decisions else {
            throw ConfigError("\(stage) can only process documents after its index is built: it runs as phases "
                              + "(sketches, buckets, clusters, filter), which `quarry run` and `quarry dedup` drive")
        }
        let table = try decisions.decisions(task: batch.task)
        let task = batch.task, sequence = batch.sequence
        let layout = HistogramLayout.log(1, 1_048_576, buckets: 40)
        switch mode {
        case .drop:
            var index = 0
            let reason = dropReason
            batch.drop { _ in
                defer { index += 1 }
                guard let decision = table.decision(for: CorpusKey(task: task, batch: sequence, index: index)) else { return nil }
                stats.observe("dup_cluster_size", Double(decision.clusterSize), layout: layout)
                return decision.representative == nil ? nil : reason
            }
        case .annotate:
            for index in batch.documents.indices {
                guard let decision = table.decision(for: CorpusKey(task: task, batch: sequence, index: index)) else { continue }
                stats.observe("dup_cluster_size", Double(decision.clusterSize), layout: layout)
                batch.documents[index].metadata[DedupMode.clusterSizeKey] = .int(decision.clusterSize)
                if let representative = decision.representative {
                    batch.documents[index].metadata[DedupMode.duplicateOfKey] = .string(representative)
                    stats.count("duplicates_annotated")
                }
            }
        }
    }
}
