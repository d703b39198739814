// The phases of index stages as separate commands (`--phase`), so a cluster scheduler can run
// the per-task phases as many jobs and the global ones as few (DESIGN.md §3, CorpusIndex.swift):
//
//   --phase signatures   phase 1 for this rank's tasks (every rank)
//   --phase buckets      phase 2, this rank's share of the buckets (every rank)
//   --phase clusters     phase 3 (one job: rank 0; other ranks have nothing to do)
//   --phase filter       phase 4, the normal run of this rank's tasks
//   --phase all          everything in order; with --world-size > 1 only once every index is
//                        complete (one command cannot wait for the other ranks' phases)
//
// Phases other than filter work on world size 1 too, to run them one by one on one machine.
// Every phase command checks the run store's identity, so a phase of another pipeline or other
// inputs in the same directory fails. A pipeline with several index stages needs one round of
// signatures, buckets, clusters per stage: a phase command acts on the first index stage whose
// index is not complete (a later stage's signatures are taken over the documents the earlier
// stages keep). Each check below comes before any output is written.
import QuarryCore

/// Which phase of the index stages a command runs.
public enum RunPhase: String, Sendable, CaseIterable {
    case all, signatures, buckets, clusters, filter

    /// The phases that do not process documents through to the output.
    var isIndexPhase: Bool { self == .signatures || self == .buckets || self == .clusters }
}

extension LocalExecutor {
    /// Checks that the phase asked for can run now, and returns the index stage it acts on
    /// (for signatures, buckets and clusters; nil when every index is complete).
    /// - Parameter forgetting: the run is started afresh and its indexes will be removed.
    func checkPhase(_ indexed: [IndexedStage], plan: RunPlan, forgetting: Bool) throws -> IndexedStage? {
        let layout = plan.layout
        let incomplete = forgetting ? indexed.first : indexed.first { !$0.isComplete }
        switch options.phase {
        case .all:
            if layout.worldSize > 1, let entry = incomplete {
                throw ConfigError("\(entry.name) indexes the whole corpus, which one command cannot do on several ranks: "
                    + "run its phases instead, each on every rank unless said: --phase signatures, then --phase buckets, "
                    + "then --phase clusters (one job), then --phase filter (see quarry dedup --help)")
            }
            return nil
        case .filter:
            if let entry = incomplete {
                if forgetting { throw ConfigError("--fresh --phase filter: \(entry.name) would have no index; run --phase signatures first") }
                throw ConfigError("--phase filter: " + IndexedStage.incompleteMessage(entry, tasks: plan.tasks))
            }
            return nil
        case .signatures, .buckets, .clusters:
            guard !indexed.isEmpty else {
                throw ConfigError("--phase \(options.phase.rawValue): the pipeline has no stage with corpus-wide phases "
                    + "(exact_dedup_v1, minhash_dedup_v1); run it without --phase")
            }
            guard let entry = incomplete else { return nil }
            if options.phase == .buckets || (options.phase == .clusters && layout.rank == 0) {
                let missing = forgetting ? plan.tasks : entry.missingSketches(plan.tasks)
                if let first = missing.first {
                    throw ConfigError("--phase \(options.phase.rawValue): \(entry.name): signatures of \(missing.count) of "
                        + "\(plan.tasks.count) tasks are missing (the first: task \(first.index), \(first.split.path)); "
                        + "run --phase signatures on every rank first")
                }
            }
            return entry
        }
    }

    /// Runs phase 1, 2 or 3 (`options.phase`) of `entry`, or nothing when every index is complete;
    /// the outcome's `phaseSummary` says what was done and which phase comes next.
    func runIndexPhase(_ entry: IndexedStage?, plan: RunPlan, store: RunStore, mine: [PlannedTask]) throws -> RunOutcome {
        let layout = plan.layout
        let phase = options.phase.rawValue
        var (sketched, skipped) = (0, 0)
        var summary: String
        if let entry {
            switch options.phase {
            case .signatures:
                let prepared = try preparedPipeline(plan: plan, store: store, before: entry.position, buildIndexes: false)
                (sketched, skipped) = try sketch(entry.stage, at: entry, pipeline: prepared, tasks: mine, plan: plan)
                let missing = entry.missingSketches(plan.tasks).count
                summary = "phase signatures of \(entry.name): \(sketched) tasks sketched, \(skipped) already done; "
                    + (missing == 0 ? "next: --phase buckets" : "\(missing) tasks of other ranks still to sketch, then --phase buckets")
            case .buckets:
                try buildIndex(entry, tasks: plan.tasks, step: .buckets, rank: layout.rank, worldSize: layout.worldSize)
                let share = layout.worldSize > 1 ? " (share \(layout.rank) of \(layout.worldSize))" : ""
                summary = "phase buckets of \(entry.name) done\(share); next, once every rank is done: --phase clusters (one job)"
            case .clusters where layout.rank != 0:
                summary = "phase clusters runs as one job, on rank 0; nothing to do on rank \(layout.rank)"
            default:
                try buildIndex(entry, tasks: plan.tasks, step: .clusters, rank: 0, worldSize: layout.worldSize)
                let later = indexedStages(layout).first { $0.position > entry.position && !$0.isComplete }
                summary = "phase clusters of \(entry.name) done; next: "
                    + (later.map { "--phase signatures for \($0.name)" } ?? "--phase filter")
            }
        } else {
            summary = "every index of the pipeline is complete: nothing to do for --phase \(phase); next: --phase filter"
        }
        return RunOutcome(report: try store.report(), runDirectory: layout.runDirectory, outputFile: nil,
                          tasksRun: sketched, tasksSkipped: skipped, failures: [], stoppedByErrors: false,
                          phaseSummary: summary)
    }
}
