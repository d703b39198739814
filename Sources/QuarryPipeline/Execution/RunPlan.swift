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
    /// The routing stage, when the pipeline routes: then documents go to routed outputs
    /// (RoutedOutputs.swift) and there is no main output.
    var routing: RouteStage? = nil

    func mainTarget(_ task: PlannedTask) -> OutputTarget { OutputTarget(directory: layout.outputDirectory, stem: task.stem) }
    func rejectsTarget(_ task: PlannedTask) -> OutputTarget { OutputTarget(directory: layout.rejectsDirectory, stem: task.stem) }
    /// Where a task's documents of `route` go: `OUT/<route>/<stem>` plus the writer's extension.
    func routeTarget(_ task: PlannedTask, _ route: String) -> OutputTarget {
        OutputTarget(directory: layout.outputDirectory + "/" + route, stem: task.stem)
    }
    /// Where a task's lines of side output `name` go: `RUN/<name>/<stem>.jsonl`.
    func sidePath(_ name: String, _ task: PlannedTask) -> String { layout.runDirectory + "/" + name + "/" + task.stem + ".jsonl" }

    /// Every final path a task may write that is known before it runs (routes met in the data
    /// are added as they appear; RoutedOutputs.swift).
    func paths(_ task: PlannedTask) -> [String] {
        let main = routing.map { $0.fixedRoutes.flatMap { writer.outputPaths(routeTarget(task, $0)) } }
            ?? writer.outputPaths(mainTarget(task))
        return main + rejectsWriter.outputPaths(rejectsTarget(task)) + sideOutputs.map { sidePath($0, task) }
    }

    /// Names in the output directory the run uses itself, which no route may take: the rejects
    /// directory (when inside), side outputs, index and counts directories, run store files.
    var reservedRoutes: Set<String> {
        var names: Set<String> = [IndexDirectory.root(layout), CountsFile.directory(layout)].reduce(into: []) { set, path in
            if path.hasPrefix(layout.outputDirectory + "/") { set.insert(String(path.dropFirst(layout.outputDirectory.count + 1))) }
        }
        if layout.rejectsDirectory.hasPrefix(layout.outputDirectory + "/"),
           let first = layout.rejectsDirectory.dropFirst(layout.outputDirectory.count + 1).split(separator: "/").first {
            names.insert(String(first))
        }
        if layout.runDirectory == layout.outputDirectory { names.formUnion(sideOutputs) }
        return names
    }

    /// Throws when `route` would write where the run keeps other files.
    func checkRoute(_ route: String) throws {
        let isStoreFile = route.hasPrefix("run.sqlite") || route.hasPrefix("run.rank-")
        guard isStoreFile || reservedRoutes.contains(route) else { return }
        let key = routing?.options.key ?? "the route key"
        throw RoutingError(description: "the route '\(route)' (a value of \(key)) would write into "
            + "\(layout.outputDirectory)/\(route), which the run uses for its own files; list the values to route "
            + "(route_v1 values:) or move that directory (e.g. rejects.directory)")
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
        var outputs = OutputPlan(layout: layout, writer: pipeline.writer, rejectsWriter: pipeline.rejectsWriter, sideOutputs: sideOutputs)
        outputs.routing = try routingStage(layout)
        for route in outputs.routing?.fixedRoutes ?? [] {
            do { try outputs.checkRoute(route) } catch let error as RoutingError { throw ConfigError(error.description) }
        }
        try checkOutputs(outputs, tasks: tasks, files: files)
        return RunPlan(layout: layout, files: files, tasks: tasks, outputs: outputs)
    }

    /// The pipeline's routing stage, checked: at most one, the last stage, and a directory output.
    func routingStage(_ layout: RunLayout) throws -> RouteStage? {
        let positions = pipeline.stages.indices.filter { pipeline.stages[$0].stage is RouteStage }
        guard let position = positions.first else { return nil }
        guard positions.count == 1 else {
            throw ConfigError("\(RouteStage.id) appears \(positions.count) times (stages \(positions.map { $0 + 1 })); "
                + "a pipeline routes once: route on one key, or run a second pipeline over a route's output")
        }
        guard position == pipeline.stages.count - 1 else {
            throw ConfigError("\(RouteStage.id) is stage \(position + 1) of \(pipeline.stages.count); it must be the last stage "
                + "(move the stages that follow it in front of it)")
        }
        guard layout.singleFile == nil else {
            throw ConfigError("\(RouteStage.id) writes one output per route; give --output a directory, not a single file")
        }
        return pipeline.stages[position].stage as? RouteStage
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
            let main = outputs.routing.map { routing in routing.fixedRoutes.flatMap { outputs.writer.outputPaths(outputs.routeTarget(task, $0)) } }
                ?? outputs.writer.outputPaths(outputs.mainTarget(task))
            for path in main { try claim(path, by: "task \(task.index)") }
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
