// RunReport: what a run did, as `quarry stats` shows it: the per-stage funnel (documents in,
// kept, dropped by reason, bytes, seconds), the damaged input records, and sampled rejects.
// Loaded from one or more run stores (one per --rank) and merged by summing.
import QuarryCore

/// One row of the funnel: the reader (position 0), each stage, then the writer.
public struct StageReport: Sendable, Equatable {
    public var position: Int
    public var id: String
    public var stats: StageStats

    public init(position: Int, id: String, stats: StageStats) {
        self.position = position
        self.id = id
        self.stats = stats
    }
}

/// A damaged input record, for the report.
public struct IssueReport: Sendable, Equatable {
    public var file: String
    public var offset: Int64
    public var offsetIsCompressed: Bool
    public var line: Int64?
    public var kind: String
    public var message: String

    public init(file: String, offset: Int64, offsetIsCompressed: Bool, line: Int64?, kind: String, message: String) {
        self.file = file
        self.offset = offset
        self.offsetIsCompressed = offsetIsCompressed
        self.line = line
        self.kind = kind
        self.message = message
    }
}

/// A document set aside, sampled so a person can judge the decision.
public struct SampleReport: Sendable, Equatable {
    public var position: Int
    public var stage: String
    public var reason: String
    public var documentID: String
    /// The start of the text, a few hundred characters.
    public var text: String

    public init(position: Int, stage: String, reason: String, documentID: String, text: String) {
        self.position = position
        self.stage = stage
        self.reason = reason
        self.documentID = documentID
        self.text = text
    }
}

/// Everything `quarry stats` reports about a run.
public struct RunReport: Sendable, Equatable {
    public var pipelineName: String
    /// The run stores the report was read from.
    public var stores: [String]
    public var tasksTotal: Int
    public var tasksDone: Int
    public var tasksFailed: Int
    /// The funnel, by position.
    public var stages: [StageReport]
    /// Damaged input records by kind.
    public var issuesByKind: [String: Int64]
    /// The first damaged records, in task order.
    public var issues: [IssueReport]
    public var samples: [SampleReport]
    /// Bytes of the committed output files (after compression).
    public var outputFileBytes: Int64

    public init(pipelineName: String = "", stores: [String] = [], tasksTotal: Int = 0, tasksDone: Int = 0,
                tasksFailed: Int = 0, stages: [StageReport] = [], issuesByKind: [String: Int64] = [:],
                issues: [IssueReport] = [], samples: [SampleReport] = [], outputFileBytes: Int64 = 0) {
        self.pipelineName = pipelineName
        self.stores = stores
        self.tasksTotal = tasksTotal
        self.tasksDone = tasksDone
        self.tasksFailed = tasksFailed
        self.stages = stages
        self.issuesByKind = issuesByKind
        self.issues = issues
        self.samples = samples
        self.outputFileBytes = outputFileBytes
    }

    /// Records read (good and bad) and their bytes: the reader's row.
    public var input: (documents: Int64, bytes: Int64) {
        guard let first = stages.first else { return (0, 0) }
        return (first.stats.documentsIn, first.stats.bytesIn)
    }

    /// Documents written and their bytes before compression: the writer's row.
    public var output: (documents: Int64, bytes: Int64) {
        guard let last = stages.last, stages.count > 1 else { return (0, 0) }
        return (last.stats.kept, last.stats.bytesOut)
    }

    /// Adds another rank's report to this one.
    public mutating func merge(_ other: RunReport) {
        if pipelineName.isEmpty { pipelineName = other.pipelineName }
        stores += other.stores
        tasksTotal += other.tasksTotal
        tasksDone += other.tasksDone
        tasksFailed += other.tasksFailed
        for row in other.stages {
            if let i = stages.firstIndex(where: { $0.position == row.position }) {
                stages[i].stats.merge(row.stats)
            } else {
                stages.append(row)
            }
        }
        stages.sort { $0.position < $1.position }
        for (kind, n) in other.issuesByKind { issuesByKind[kind, default: 0] += n }
        issues += other.issues
        samples += other.samples
        outputFileBytes += other.outputFileBytes
    }
}
