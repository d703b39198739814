// Before any task of a run is processed, the stages that must see the whole corpus first are
// prepared, one walk over the pipeline in order: a counting stage gets its counts
// (CountingPass.swift), an index stage its index (IndexingPass.swift: signatures, then buckets
// and clusters). Each is prepared over the documents as they reach it, that is through the
// stages before it with the earlier counting and index stages already prepared, so a
// pipeline such as line_dedup_v1, exact_dedup_v1, minhash_dedup_v1 deduplicates the output
// of the one before at every step.
import QuarryCore

extension LocalExecutor {
    /// The pipeline with each counting stage and each index stage before `limit` (all, by
    /// default) replaced by its prepared twin.
    /// - Parameter buildIndexes: run the phases an index lacks (a local run of every phase);
    ///   otherwise an incomplete index is a ConfigError naming the phase to run.
    func preparedPipeline(plan: RunPlan, store: RunStore, before limit: Int? = nil, buildIndexes: Bool) throws -> ResolvedPipeline {
        var prepared = pipeline
        let indexed = Dictionary(uniqueKeysWithValues: indexedStages(plan.layout).map { ($0.position, $0) })
        for position in prepared.stages.indices where position < limit ?? prepared.stages.count {
            if let stage = prepared.stages[position].stage as? any CorpusCountingStage, stage.needsCounts {
                prepared.stages[position].stage = try prepare(stage, position: position, pipeline: prepared, plan: plan, store: store)
            } else if let entry = indexed[position] {
                prepared.stages[position].stage = try prepareIndex(entry.stage, at: entry, pipeline: prepared,
                                                                   plan: plan, build: buildIndexes)
            }
        }
        return prepared
    }
}
