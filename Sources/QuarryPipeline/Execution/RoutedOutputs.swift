// Routed outputs: the files of one task in a pipeline that routes (route_v1,
// Routing/RouteStage.swift). Each route is a directory under the output directory, and each
// task writes its documents of a route to OUT/<route>/<input stem> plus the writer's extension,
// as it would write its one main output otherwise, so the rules of DESIGN.md §4.6 hold for
// every route: files are opened under temporary names the first time a route has documents,
// written in input order, and renamed when the whole task is done; before a route's files are
// created their final paths are recorded in the run store with the task, so `--fresh` removes
// them even when the process dies mid-task; a done task records the files it committed, and
// resuming redoes a task when one of them is gone. Batches are encoded per route on the
// workers, in route order, so 1 or N workers write the same bytes. The failpoint "run.route"
// fires each time a route's files are first written, in the middle of a task.
import QuarryCore
import QuarryIO

/// A routing pipeline's inconsistent batch, or a route whose directory the run uses itself.
struct RoutingError: Error, CustomStringConvertible {
    var description: String
}

/// The routed files of one task.
final class RoutedOutputs {
    let plan: OutputPlan
    let task: PlannedTask
    /// Records every path the task may write (called before the files of a new route exist).
    let record: ([String]) throws -> Void
    /// The paths recorded so far, the planned ones first.
    private(set) var planned: [String]
    private var plannedSet: Set<String>
    private var open: [String: any WriterOutput] = [:]
    /// Files committed so far (all of them once `commit` returns).
    private(set) var committed: [String] = []
    private var committedBytes: Int64 = 0

    init(plan: OutputPlan, task: PlannedTask, planned: [String], record: @escaping ([String]) throws -> Void) {
        self.plan = plan
        self.task = task
        self.planned = planned
        plannedSet = Set(planned)
        self.record = record
    }

    /// Encodes a batch's documents per route: (route, chunk) by route name, each route's
    /// documents in their order in the batch.
    static func encode(_ documents: [Document], routes: [String], writer: any DocumentWriter) throws
        -> [(route: String, chunk: EncodedChunk)] {
        guard routes.count == documents.count else {
            throw RoutingError(description: "a routing stage gave \(routes.count) routes for \(documents.count) documents; "
                + "it must be the last stage")
        }
        guard let first = routes.first else { return [] }
        if routes.allSatisfy({ $0 == first }) { return [(first, try writer.encode(documents))] }
        var groups: [String: [Document]] = [:]
        for (document, route) in zip(documents, routes) { groups[route, default: []].append(document) }
        return try groups.keys.sorted().map { ($0, try writer.encode(groups[$0]!)) }
    }

    /// Appends a chunk to the task's file(s) of `route`, creating them on first use.
    func write(_ route: String, _ chunk: EncodedChunk) throws {
        if let output = open[route] {
            try output.write(chunk)
            return
        }
        try plan.checkRoute(route)
        let target = plan.routeTarget(task, route)
        let new = plan.writer.outputPaths(target).filter { !plannedSet.contains($0) }
        if !new.isEmpty {
            planned += new
            plannedSet.formUnion(new)
            try record(planned)
        }
        let output = try plan.writer.openOutput(target)
        open[route] = output
        try output.write(chunk)
        Failpoint.hit("run.route")
    }

    /// Commits every route's files, in route order; returns the final paths.
    func commit() throws -> [String] {
        for route in open.keys.sorted() {
            let output = open[route]!
            committed += try output.commit()
            committedBytes += output.fileBytes
            open[route] = nil
        }
        return committed
    }

    /// Removes the temporary files of the routes not yet committed.
    func abort() {
        for output in open.values { output.abort() }
        open.removeAll()
    }

    /// Bytes written to disk so far over all routes.
    var fileBytes: Int64 { open.values.reduce(0) { $0 + $1.fileBytes } + committedBytes }
}
