// Everything a run checks and decides before any work: where its files go, which input files
// and tasks it has, and that no output it may write lands on an input or on another output
// (DESIGN.md §3: a bad configuration fails before any output is written).
import Foundation
import QuarryCore
import QuarryIO

/// The plan of a run.
struct RunPlan {
    var layout: RunLayout
    var files: [InputFile]
    var tasks: [PlannedTask]
    var outputs: OutputPlan
}

/// The files each task writes.
struct OutputPlan: Sendable {
    let layout: RunLayout
    let writer: any DocumentWriter
    let rejectsWriter: any DocumentWriter
    /// The stages' side outputs (`DocumentStage.sideOutputs`), e.g. `pii_spans`.
    let sideOutputs: [String]

    func mainTarget(_ task: PlannedTask) -> OutputTarget { OutputTarget(directory: layout.outputDirectory, stem: task.stem) }
    func rejectsTarget(_ task: PlannedTask) -> OutputTarget { OutputTarget(directory: layout.rejectsDirectory, stem: task.stem) }
    /// Where a task's lines of side output `name` go: `RUN/<name>/<stem>.jsonl`.
    func sidePath(_ name: String, _ task: PlannedTask) -> String { layout.runDirectory + "/" + name + "/" + task.stem + ".jsonl" }

    /// Every final path a task may write.
    func paths(_ task: PlannedTask) -> [String] {
        writer.outputPaths(mainTarget(task)) + rejectsWriter.outputPaths(rejectsTarget(task)) + sideOutputs.map { sidePath($0, task) }
    }
}

extension LocalExecutor {
    /// Checks everything that can be checked before work starts and returns the plan; throws
    /// ConfigError otherwise.
    func prepare() throws -> RunPlan {
        let layout = try RunLayout.make(spec: pipeline.spec, options: options)
        if layout.singleFile != nil, !pipeline.writer.isConcatenable {
            throw ConfigError("the writer \(pipeline.spec.writer.id) cannot write one file; give --output a directory")
        }
        let extensions = pipeline.readerDescription.fileExtensions
        let files = try InputFiles.expand(pipeline.spec.paths, extensions: extensions, excluded: [layout.runDirectory])
        let tasks = try TaskPlanner.plan(files, reader: pipeline.reader, extensions: extensions)
        let sideOutputs = pipeline.stages.flatMap(\.stage.sideOutputs)
        if let twice = Dictionary(grouping: sideOutputs, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ConfigError("two stages would both write the side output \(twice); keep one of them")
        }
        let outputs = OutputPlan(layout: layout, writer: pipeline.writer, rejectsWriter: pipeline.rejectsWriter, sideOutputs: sideOutputs)
        try checkOutputs(outputs, tasks: tasks, files: files)
        return RunPlan(layout: layout, files: files, tasks: tasks, outputs: outputs)
    }

    /// No output (or its temporary name) may be an input, and no two outputs may share a path.
    func checkOutputs(_ outputs: OutputPlan, tasks: [PlannedTask], files: [InputFile]) throws {
        let inputs = Dictionary(files.map { ($0.canonical, $0.path) }, uniquingKeysWith: { a, _ in a })
        var written: [String: String] = [:]
        func claim(_ path: String, by owner: String) throws {
            for candidate in [path, AtomicFile.temporaryPath(for: path)] {
                let resolved = InputFiles.canonical(candidate)
                if let input = inputs[resolved] {
                    throw ConfigError("\(owner) would write \(candidate), which is the input \(input); choose another output")
                }
                if let other = written[resolved] {
                    throw ConfigError("\(owner) and \(other) would both write \(candidate); choose other output or rejects directories")
                }
                written[resolved] = owner
            }
        }
        if let single = outputs.layout.singleFile { try claim(single, by: "the single output file") }
        try claim(outputs.layout.storePath, by: "the run store")
        for task in tasks {
            for path in outputs.writer.outputPaths(outputs.mainTarget(task)) { try claim(path, by: "task \(task.index)") }
            for path in outputs.rejectsWriter.outputPaths(outputs.rejectsTarget(task)) { try claim(path, by: "task \(task.index) (rejects)") }
            for name in outputs.sideOutputs { try claim(outputs.sidePath(name, task), by: "task \(task.index) (\(name))") }
        }
    }

    /// A directory holds the stores of one world size only: a cluster run of W ranks, or a
    /// local run. Mixing them would count documents twice.
    func checkWorldSize(_ layout: RunLayout) throws {
        let others = RunStats.storePaths(in: layout.runDirectory).filter { $0 != layout.storePath }
        for other in others where !(layout.worldSize > 1 && other.hasSuffix("-of-\(layout.worldSize).sqlite")) {
            throw ConfigError("\(layout.runDirectory) already holds another run (\(other)) with a different world size; "
                + "use another output directory")
        }
    }
}
