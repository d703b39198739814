// Resuming: a run store records what the run is (its resolved pipeline, its inputs with size
// and modification time, its task plan) and which tasks are done. Running again continues
// the same run; anything else in the same place is an error naming what differs.
import Foundation
import QuarryCore
import QuarryIO

extension LocalExecutor {
    /// The parts of a run's identity, as stored in the run store.
    func identity(_ plan: RunPlan) -> [(key: String, value: String)] {
        let inputs = ConfigValue.sequence(plan.files.map {
            .mapping([("path", .scalar($0.canonical)), ("size", .scalar(String($0.size))),
                      ("modified", .scalar(String($0.modified)))])
        })
        let shape = ConfigValue.mapping([
            ("tasks", .scalar(String(plan.tasks.count))),
            ("world_size", .scalar(String(plan.layout.worldSize))),
            ("single_file", .scalar(plan.layout.singleFile.map(InputFiles.absolute) ?? "")),
        ])
        return [("pipeline", pipeline.resolvedConfig.canonicalJSON), ("inputs", inputs.canonicalJSON), ("plan", shape.canonicalJSON)]
    }

    /// Opens a new run, or checks that the store holds this same run and returns the tasks
    /// still to do (resetting unfinished ones, and done ones whose outputs are gone).
    func resume(store: RunStore, plan: RunPlan, tasks: [PlannedTask]) throws -> [PlannedTask] {
        let parts = identity(plan)
        guard try store.meta("identity") != nil else {
            try store.setMeta("schema_version", RunStore.schemaVersion)
            try store.setMeta("pipeline_name", pipeline.spec.name)
            for (key, value) in parts { try store.setMeta(key, value) }
            try store.recordTasks(tasks.map { TaskRecord(index: $0.index, split: $0.split) })
            try store.setMeta("identity", "1")  // last: a store without it is not a run yet
            return tasks
        }
        if let version = try store.meta("schema_version"), version != RunStore.schemaVersion {
            throw ConfigError("\(store.path) was written by another version of Quarry (run store schema \(version)); pass --fresh")
        }
        for (key, value) in parts where try store.meta(key) != value {
            throw ConfigError("\(store.path) holds another run: " + difference(key, stored: try store.meta(key), now: value, plan: plan)
                + "; pass --fresh to start over, or choose another output")
        }
        if let single = plan.layout.singleFile, try store.meta("joined") == "1", FileInfo.exists(single) {
            SingleFileOutput.removeParts(store: store)
            return []
        }
        if plan.layout.singleFile != nil { try store.setMeta("joined", "0") }
        let records = Dictionary(uniqueKeysWithValues: try store.tasks().map { ($0.index, $0) })
        var pending: [PlannedTask] = []
        for task in tasks {
            if let record = records[task.index], record.state == .done, record.outputs.allSatisfy(FileInfo.exists) {
                continue
            }
            try store.reset(task.index)
            pending.append(task)
        }
        return pending
    }

    /// What differs between the stored run and this one, in words.
    func difference(_ key: String, stored: String?, now: String, plan: RunPlan) -> String {
        switch key {
        case "pipeline": return "the pipeline differs (its stages or options changed)"
        case "inputs":
            let before = stored ?? ""
            if let changed = plan.files.first(where: { !before.contains(JSONText.quoted($0.canonical)) }) {
                return "the input \(changed.path) is new or was not part of it"
            }
            if let changed = plan.files.first(where: {
                !before.contains(JSONText.quoted($0.canonical) + ",\"size\":\"\($0.size)\",\"modified\":\"\($0.modified)\"")
            }) {
                return "the input \(changed.path) changed since (size or modification time)"
            }
            return "some inputs it read are gone"
        default: return "the task plan differs (world size, single output file or input splitting)"
        }
    }
}
