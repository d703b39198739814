// What a worker does with one batch of raw records: decode them with the reader, run every
// stage in order, encode the kept documents with the writer (per route, when a routing stage
// set `DocumentBatch.routes`) and the set-aside ones with the
// rejects writer, and count everything per funnel position (reader, stages, writer). Pure
// with respect to the batch, so batches run in parallel and their results are the same
// whatever the worker count.
import QuarryCore
import QuarryStats

/// The result of one batch.
struct BatchResult: Sendable {
    /// The kept documents, encoded; empty when the pipeline routes (then see `routed`).
    var output: EncodedChunk
    /// In a routing pipeline, the kept documents of each route, encoded, by route name in
    /// ascending order (each route's documents in input order).
    var routed: [(route: String, chunk: EncodedChunk)] = []
    var rejects: EncodedChunk?
    /// Side-output lines by name (`DocumentStage.sideOutputs`).
    var sideLines: [String: [UInt8]]
    /// One entry per funnel position.
    var stats: [StageStats]
    var issues: [InputIssue]
    var samples: [SampleReport]
    var fileBytesConsumed: Int64
}

struct BatchProcessor: Sendable {
    let pipeline: ResolvedPipeline
    /// Rejected documents kept as samples per funnel position and reason, per batch.
    let samplesPerReason: Int

    /// Longest sample text kept, in UTF-8 bytes.
    static let sampleBytes = 1000

    func process(_ raw: RawRecordBatch) throws -> BatchResult {
        let positions = pipeline.stages.count + 2
        var stats = [StageStats](repeating: StageStats(), count: positions)
        let clock = ContinuousClock()

        // Position 0: the reader.
        var issues = raw.issues
        let decodeStart = clock.now
        let documents = pipeline.reader.decode(raw, stats: &stats[0], issues: &issues)
        // Records the reader skipped on purpose (a non-200 response, say) are drops it counted
        // itself; bad records are issues, counted here.
        stats[0].documentsIn += Int64(documents.count + issues.count) + stats[0].droppedTotal
        stats[0].kept += Int64(documents.count)
        stats[0].bytesIn += Int64(raw.bytes.count)
        for issue in issues { stats[0].drop(reason: issue.kind) }
        var batch = DocumentBatch(documents: documents, task: raw.task, sequence: raw.sequence)
        stats[0].bytesOut += batch.textBytes
        stats[0].seconds += (clock.now - decodeStart).seconds

        // Positions 1...n: the stages.
        var rejectedPositions: [Int] = []
        for (i, entry) in pipeline.stages.enumerated() {
            try entry.stage.run(on: &batch, stats: &stats[i + 1])
            rejectedPositions += repeatElement(i + 1, count: batch.rejected.count - rejectedPositions.count)
        }

        // Position n + 1: the writer.
        let writeStart = clock.now
        let last = positions - 1
        let output: EncodedChunk
        var routed: [(route: String, chunk: EncodedChunk)] = []
        if let routes = batch.routes {
            routed = try RoutedOutputs.encode(batch.documents, routes: routes, writer: pipeline.writer)
            output = EncodedChunk(bytes: ByteBuffer(capacity: 16), documents: 0)
            stats[last].bytesOut += Int64(routed.reduce(0) { $0 + $1.chunk.bytes.count })
        } else {
            output = try pipeline.writer.encode(batch.documents)
            stats[last].bytesOut += Int64(output.bytes.count)
        }
        stats[last].documentsIn += Int64(batch.documents.count)
        stats[last].kept += Int64(batch.documents.count)
        stats[last].bytesIn += batch.textBytes

        // Documents set aside before a redacting stage (PII scrubbing) saw them are redacted
        // as they leave, so rejects and samples hold no more than the output.
        var rejected = batch.rejected
        var redactedIssues = issues
        if let (position, redactor) = redactor {
            for i in rejected.indices where rejectedPositions[i] < position {
                rejected[i].document.text = redactor.redact(rejected[i].document.text)
            }
            for i in redactedIssues.indices {
                redactedIssues[i].sample = Array(redactor.redact(String(decoding: issues[i].sample, as: UTF8.self)).utf8)
            }
        }
        var setAside = redactedIssues.map { rejectedDocument(for: $0, batchName: raw.name) }
        if pipeline.spec.writeFilteredDocuments {
            setAside += rejected.map(Self.annotated)
        }
        let rejects = setAside.isEmpty ? nil : try pipeline.rejectsWriter.encode(setAside)
        stats[last].seconds += (clock.now - writeStart).seconds

        return BatchResult(output: output, routed: routed, rejects: rejects, sideLines: batch.sideLines, stats: stats, issues: issues,
                           samples: samples(issues: redactedIssues, rejected: rejected, positions: rejectedPositions, raw: raw),
                           fileBytesConsumed: raw.fileBytesConsumed)
    }

    /// The first redacting stage and its funnel position (stages start at 1).
    var redactor: (position: Int, stage: any TextRedacting)? {
        for (i, entry) in pipeline.stages.enumerated() {
            if let redacting = entry.stage as? any TextRedacting { return (i + 1, redacting) }
        }
        return nil
    }

    /// A bad input record as a document for the rejects output: its first bytes as text
    /// (invalid UTF-8 replaced), with the file, offset and error in metadata.
    func rejectedDocument(for issue: InputIssue, batchName: String) -> Document {
        var metadata: JSONObject = [
            MetadataKey.filterReason: .string(issue.kind),
            MetadataKey.filterStage: .string(pipeline.spec.reader.id.rawValue),
            "error": .string(issue.message),
            "file": .string(issue.file),
            "offset": .int(Int(issue.offset)),
        ]
        if issue.offsetIsCompressed { metadata["offset_is_compressed"] = .bool(true) }
        if let line = issue.line { metadata["line"] = .int(Int(line)) }
        if let length = issue.length {
            metadata["record_bytes"] = .int(Int(length))
            if length > Int64(issue.sample.count) { metadata["truncated"] = .bool(true) }
        }
        return Document(id: "\(batchName)#\(issue.offset)", text: String(decoding: issue.sample, as: UTF8.self),
                        source: nil, metadata: metadata)
    }

    static func annotated(_ rejected: RejectedDocument) -> Document {
        var document = rejected.document
        document.metadata[MetadataKey.filterReason] = .string(rejected.reason)
        document.metadata[MetadataKey.filterStage] = .string(rejected.stage.rawValue)
        return document
    }

    /// The first rejected documents of each (position, reason) in this batch.
    func samples(issues: [InputIssue], rejected: [RejectedDocument], positions: [Int], raw: RawRecordBatch) -> [SampleReport] {
        var out: [SampleReport] = []
        var limit = PerKeyLimit(samplesPerReason)
        func keep(_ position: Int, _ stage: StageID, _ reason: String, _ id: String, _ text: String) {
            guard limit.admit("\(position)/\(reason)") else { return }
            out.append(SampleReport(position: position, stage: stage.rawValue, reason: reason, documentID: id,
                                    text: Self.snippet(text)))
        }
        for issue in issues {
            keep(0, pipeline.spec.reader.id, issue.kind, "\(raw.name)#\(issue.offset)",
                 String(decoding: issue.sample.prefix(Self.sampleBytes), as: UTF8.self))
        }
        for (entry, position) in zip(rejected, positions) {
            keep(position, entry.stage, entry.reason, entry.document.id, entry.document.text)
        }
        return out
    }

    /// The start of a text, at most `sampleBytes` bytes, cut at a character boundary.
    static func snippet(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count > sampleBytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: sampleBytes)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return String(text[..<end]) + "…"
    }
}
