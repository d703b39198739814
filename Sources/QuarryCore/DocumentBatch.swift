// DocumentBatch: the documents a stage processes in one call, and the ones stages dropped
// from it, each with the stage and the reason (DESIGN.md §3: every dropped document has a reason),
// the lines stages wrote beside them and, in a routing pipeline, the route of each document.

/// A document a stage dropped, with who dropped it and why.
public struct RejectedDocument: Sendable, Hashable {
    public var document: Document
    public var stage: StageID
    public var reason: String

    public init(document: Document, stage: StageID, reason: String) {
        self.document = document
        self.stage = stage
        self.reason = reason
    }
}

/// A batch of documents in input order, processed in place by each stage in turn.
public struct DocumentBatch: Sendable {
    /// The documents still in the pipeline, in input order.
    public var documents: [Document]
    /// Documents dropped so far, in the order they were dropped.
    public private(set) var rejected: [RejectedDocument] = []
    /// The stage now processing the batch; the engine sets it, and rejects record it.
    public var currentStage: StageID = "input"
    /// The task this batch belongs to, and its place among the task's batches (from 0):
    /// together with a document's index they make its CorpusKey.
    public var task = 0
    public var sequence = 0
    /// Lines stages wrote beside the documents, by side-output name (`DocumentStage.sideOutputs`),
    /// each ending in a newline, in input order.
    public private(set) var sideLines: [String: [UInt8]] = [:]
    /// The output route of each document, parallel to `documents` (a directory name under the
    /// run's output directory), set by a routing stage (`route_v1`), which must be the last
    /// stage so nothing reorders or drops documents after it; nil when the pipeline does not
    /// route. The engine writes each route's documents to their own files, in input order.
    public var routes: [String]?

    public init(documents: [Document] = [], task: Int = 0, sequence: Int = 0) {
        self.documents = documents
        self.task = task
        self.sequence = sequence
    }

    /// Drops every document for which `reason` returns a drop reason, keeping the order of
    /// the others.
    public mutating func drop(where reason: (Document) throws -> String?) rethrows {
        var kept = 0
        for index in documents.indices {
            if let why = try reason(documents[index]) {
                rejected.append(RejectedDocument(document: documents[index], stage: currentStage, reason: why))
            } else {
                if kept != index { documents.swapAt(kept, index) }
                kept += 1
            }
        }
        documents.removeLast(documents.count - kept)
    }

    /// Records a document that a stage removed from `documents` itself.
    public mutating func reject(_ document: Document, reason: String) {
        rejected.append(RejectedDocument(document: document, stage: currentStage, reason: reason))
    }

    /// Records a rejection made outside any stage (a reader's bad record).
    public mutating func reject(_ document: Document, stage: StageID, reason: String) {
        rejected.append(RejectedDocument(document: document, stage: stage, reason: reason))
    }

    /// Appends one line (without its newline) to the side output `name`.
    public mutating func appendSideLine(_ name: String, _ line: [UInt8]) {
        sideLines[name, default: []].append(contentsOf: line)
        sideLines[name, default: []].append(0x0A)
    }

    /// Total UTF-8 bytes of the documents' text.
    public var textBytes: Int64 {
        documents.reduce(0) { $0 + Int64($1.byteCount) }
    }
}
