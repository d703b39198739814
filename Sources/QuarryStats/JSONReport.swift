// The machine-readable view of a RunReport (`quarry stats --json FILE`). The schema is named
// and versioned; fields are only ever added within a version.
//
//   { "schema": "quarry.run_stats", "schema_version": 1, "pipeline": "...",
//     "tasks": {"total", "done", "failed"},
//     "input": {"documents", "bytes"}, "output": {"documents", "bytes", "file_bytes"},
//     "funnel": [{"position", "stage", "in", "kept", "dropped": {reason: n}, "bytes_in",
//                 "bytes_out", "seconds", "counters": {name: n}}],
//     "bad_records": {"by_kind": {kind: n}, "examples": [{"file", "offset",
//                     "offset_is_compressed", "line", "kind", "message"}]},
//     "samples": [{"position", "stage", "reason", "id", "text"}],
//     "stores": ["OUT/run.sqlite"] }
import QuarryCore
import QuarryIO

public enum JSONReport {
    public static let schema = "quarry.run_stats"
    public static let schemaVersion = 1

    public static func value(_ report: RunReport) -> JSONValue {
        func counts(_ d: [String: Int64]) -> JSONValue {
            var o = JSONObject()
            for (k, v) in d.sorted(by: { $0.key < $1.key }) { o[k] = .int(Int(v)) }
            return .object(o)
        }
        let funnel: [JSONValue] = report.stages.map { row in
            let s = row.stats
            return [
                "position": .int(row.position), "stage": .string(row.id), "in": .int(Int(s.documentsIn)),
                "kept": .int(Int(s.kept)), "dropped": counts(s.dropped), "bytes_in": .int(Int(s.bytesIn)),
                "bytes_out": .int(Int(s.bytesOut)), "seconds": .double(s.seconds), "counters": counts(s.counters),
            ]
        }
        let examples: [JSONValue] = report.issues.map { issue in
            [
                "file": .string(issue.file), "offset": .int(Int(issue.offset)),
                "offset_is_compressed": .bool(issue.offsetIsCompressed), "line": issue.line.map { .int(Int($0)) } ?? .null,
                "kind": .string(issue.kind), "message": .string(issue.message),
            ]
        }
        let samples: [JSONValue] = report.samples.map { sample in
            [
                "position": .int(sample.position), "stage": .string(sample.stage), "reason": .string(sample.reason),
                "id": .string(sample.documentID), "text": .string(sample.text),
            ]
        }
        return [
            "schema": .string(schema),
            "schema_version": .int(schemaVersion),
            "pipeline": .string(report.pipelineName),
            "tasks": ["total": .int(report.tasksTotal), "done": .int(report.tasksDone), "failed": .int(report.tasksFailed)],
            "input": ["documents": .int(Int(report.input.documents)), "bytes": .int(Int(report.input.bytes))],
            "output": ["documents": .int(Int(report.output.documents)), "bytes": .int(Int(report.output.bytes)),
                       "file_bytes": .int(Int(report.outputFileBytes))],
            "funnel": .array(funnel),
            "bad_records": ["by_kind": counts(report.issuesByKind), "examples": .array(examples)],
            "samples": .array(samples),
            "stores": .array(report.stores.map { .string($0) }),
        ]
    }

    /// The report as indented JSON text, ending with a newline.
    public static func text(_ report: RunReport) -> String {
        JSONWriter.prettyText(of: value(report)) + "\n"
    }
}
