// The machine-readable view of a RunReport (`quarry stats --json FILE`). The schema is named
// and versioned; fields are only ever added within a version.
//
//   { "schema": "quarry.run_stats", "schema_version": 1, "pipeline": "...",
//     "tasks": {"total", "done", "failed"},
//     "input": {"documents", "bytes"}, "output": {"documents", "bytes", "file_bytes"},
//     "funnel": [{"position", "stage", "in", "kept", "dropped": {reason: n},
//                 "dropped_bytes": {reason: bytes}, "bytes_in", "bytes_out", "seconds",
//                 "counters": {name: n}, "histograms": {name: HISTOGRAM}}],
//     "bad_records": {"by_kind": {kind: n}, "examples": [{"file", "offset",
//                     "offset_is_compressed", "line", "kind", "message"}]},
//     "samples": [{"position", "stage", "reason", "id", "text"}],
//     "stores": ["OUT/run.sqlite"] }
//
//   HISTOGRAM = {"layout": {"lower", "upper", "buckets", "scale": "linear"|"log"},
//                "counts": [n per bucket], "underflow", "overflow", "nan", "count", "sum",
//                "mean", "min", "max", "quantiles": {"p10", "p50", "p90"}}
//
// Bucket i spans [lower, upper) cut into `buckets` equal steps of the value (linear) or of its
// logarithm (log); underflow counts values below `lower`, overflow values at or above `upper`,
// "nan" NaN values (not in "count"). "mean", "min", "max" and the quantiles (estimated within
// a bucket) are null while "count" is 0. "dropped_bytes" has the UTF-8 text bytes of the
// dropped documents for the reasons a stage recorded them (not "unreported", nor a run store
// older than schema 2).
//
// Version history: 1 (added within version 1: "dropped_bytes" and "histograms").
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
                "dropped_bytes": counts(s.droppedBytes), "histograms": histograms(s.histograms),
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

    /// Histograms by name, in name order, as documented in the header.
    static func histograms(_ histograms: [String: Histogram]) -> JSONValue {
        var o = JSONObject()
        for (name, h) in histograms.sorted(by: { $0.key < $1.key }) {
            let l = h.layout
            let empty = h.count == 0
            o[name] = [
                "layout": ["lower": .double(l.lower), "upper": .double(l.upper), "buckets": .int(l.buckets),
                           "scale": .string(l.logarithmic ? "log" : "linear")],
                "counts": .array(h.counts.map { .int(Int($0)) }),
                "underflow": .int(Int(h.underflow)), "overflow": .int(Int(h.overflow)), "nan": .int(Int(h.nanCount)),
                "count": .int(Int(h.count)), "sum": .double(h.sum), "mean": h.mean.map(JSONValue.double) ?? .null,
                "min": empty ? .null : .double(h.minimum), "max": empty ? .null : .double(h.maximum),
                "quantiles": ["p10": h.quantile(0.1).map(JSONValue.double) ?? .null,
                              "p50": h.quantile(0.5).map(JSONValue.double) ?? .null,
                              "p90": h.quantile(0.9).map(JSONValue.double) ?? .null],
            ]
        }
        return .object(o)
    }

    /// The report as indented JSON text, ending with a newline.
    public static func text(_ report: RunReport) -> String {
        JSONWriter.prettyText(of: value(report)) + "\n"
    }
}
