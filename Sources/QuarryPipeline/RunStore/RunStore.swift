// The run store, OUT/run.sqlite (DESIGN.md §4.6): the resolved pipeline, every task and its
// state, per-task and per-stage counters, drop reasons with the bytes dropped, histograms of
// what stages measured (RunStoreHistograms.swift), damaged input records and a sample of
// rejected documents per reason. A task's results are written in one transaction together
// with its `done` state, so counters are never counted twice when a killed run resumes.
// Each --rank of a cluster run has its own store file; nothing shares one over a network.
import Foundation
import QuarryCore
import QuarryStats

/// One task as the store records it.
struct TaskRecord: Equatable {
    enum State: String { case pending, running, done, failed }
    var index: Int
    var split: InputSplit
    var state: State = .pending
    /// For a done task, the files it wrote; for others, every file it may have written.
    var outputs: [String] = []
    /// The main output files of a done task (for joining into a single file).
    var mainOutputs: [String] = []
}

/// What a finished task produced.
struct TaskResult {
    var stages: [StageReport]
    var samples: [SampleReport]
    /// The first bad records.
    var issues: [IssueReport]
    /// Every bad record of the task, by kind. (`stages[0]` counts them as drops too, beside
    /// the records the reader skipped on purpose, which are not bad.)
    var issueCounts: [String: Int64]
    var outputs: [String]
    var mainOutputs: [String]
    var outputFileBytes: Int64
    var seconds: Double
}

/// The SQLite run store of one run (or one rank of a run).
final class RunStore: @unchecked Sendable {
    /// The schema this build writes. 1: tasks, stage counters, drops, samples, issues.
    /// 2: adds `stage_drop_bytes` and `stage_histograms` (new tables only, so a version 1
    /// store still reads, without bytes per reason or histograms; resuming one is refused by
    /// the executor's version check, naming the version and --fresh).
    static let schemaVersion = "2"
    /// Rejected documents kept per task, stage and reason.
    static let samplesPerReason = 3

    let path: String
    /// The directory holding the store; output paths are recorded relative to it.
    let directory: String
    let db: SQLiteDatabase
    private let lock = NSLock()

    /// Opens an existing store read-only (for reports).
    init(readingFrom path: String) throws {
        self.path = path
        directory = RunStore.directory(of: path)
        db = try SQLiteDatabase(readOnlyPath: path)
    }

    static func directory(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    /// Opens or creates a store.
    init(path: String) throws {
        self.path = path
        directory = RunStore.directory(of: path)
        db = try SQLiteDatabase(path: path)
        try db.execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS tasks (
                idx INTEGER PRIMARY KEY, path TEXT NOT NULL, name TEXT NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER, part INTEGER NOT NULL, parts INTEGER NOT NULL,
                state TEXT NOT NULL, outputs TEXT NOT NULL DEFAULT '[]', main_outputs TEXT NOT NULL DEFAULT '[]',
                output_bytes INTEGER NOT NULL DEFAULT 0,
                seconds REAL NOT NULL DEFAULT 0, finished_at TEXT);
            CREATE TABLE IF NOT EXISTS stage_stats (
                task INTEGER NOT NULL, position INTEGER NOT NULL, stage TEXT NOT NULL,
                documents_in INTEGER NOT NULL, kept INTEGER NOT NULL, bytes_in INTEGER NOT NULL,
                bytes_out INTEGER NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (task, position));
            CREATE TABLE IF NOT EXISTS stage_drops (
                task INTEGER NOT NULL, position INTEGER NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (task, position, reason));
            CREATE TABLE IF NOT EXISTS stage_drop_bytes (
                task INTEGER NOT NULL, position INTEGER NOT NULL, reason TEXT NOT NULL, bytes INTEGER NOT NULL,
                PRIMARY KEY (task, position, reason));
            CREATE TABLE IF NOT EXISTS stage_counters (
                task INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL,
                PRIMARY KEY (task, position, name));
            \(RunStore.histogramTableSQL)
            CREATE TABLE IF NOT EXISTS rejected_samples (
                task INTEGER NOT NULL, position INTEGER NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
                seq INTEGER NOT NULL, document_id TEXT NOT NULL, text TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS input_issue_counts (
                task INTEGER NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (task, kind));
            CREATE TABLE IF NOT EXISTS input_issues (
                task INTEGER NOT NULL, seq INTEGER NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL,
                offset_is_compressed INTEGER NOT NULL, line INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL);
            """)
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: - Meta

    func meta(_ key: String) throws -> String? {
        try locked { try db.query("SELECT value FROM meta WHERE key = ?", [.text(key)]) { $0.text(0) }.first ?? nil }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try locked { try db.run("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)]) }
    }

    // MARK: - Tasks

    /// Records the planned tasks of a new run.
    func recordTasks(_ tasks: [TaskRecord]) throws {
        try locked {
            try db.transaction {
                for task in tasks {
                    try db.run("""
                        INSERT OR REPLACE INTO tasks (idx, path, name, start, "end", part, parts, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [.int(Int64(task.index)), .text(task.split.path), .text(task.split.name), .int(task.split.start),
                         task.split.end.map { .int($0) } ?? .null, .int(Int64(task.split.part)),
                         .int(Int64(task.split.parts)), .text(task.state.rawValue)])
                }
            }
        }
    }

    func tasks() throws -> [TaskRecord] {
        try locked {
            try db.query("""
                SELECT idx, path, name, start, "end", part, parts, state, outputs, main_outputs FROM tasks ORDER BY idx
                """) { row in
                let split = InputSplit(path: row.text(1) ?? "", name: row.text(2) ?? "", start: row.int(3),
                                       end: row.isNull(4) ? nil : row.int(4), part: Int(row.int(5)), parts: Int(row.int(6)))
                var state = TaskRecord.State(rawValue: row.text(7) ?? "") ?? .pending
                let outputs = paths(row.text(8)), mainOutputs = paths(row.text(9))
                if outputs == nil || mainOutputs == nil { state = .pending }  // unreadable: do the task again
                return TaskRecord(index: Int(row.int(0)), split: split, state: state, outputs: outputs ?? [],
                                  mainOutputs: mainOutputs ?? [])
            }
        }
    }

    /// Paths as stored (relative to the store's directory when inside it) to usable paths.
    private func paths(_ json: String?) -> [String]? {
        guard let json, let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String] else { return nil }
        return list.map { $0.hasPrefix("/") ? $0 : directory + "/" + $0 }
    }

    /// Usable paths to stored form: relative to the store's directory when inside it, else absolute.
    private func storedJSON(_ list: [String]) throws -> String {
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path + "/"
        let stored = list.map { path -> String in
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: stored, options: [.withoutEscapingSlashes]), as: UTF8.self)
    }

    /// Marks a task as running, with every path it may write (so --fresh can remove them
    /// even if the process dies between writing them and recording the task as done).
    func start(_ task: Int, planned: [String]) throws {
        let outputs = try storedJSON(planned)
        try locked {
            try db.run("UPDATE tasks SET state = 'running', outputs = ? WHERE idx = ?", [.text(outputs), .int(Int64(task))])
        }
    }

    /// Bad input records of the done tasks.
    func badRecordCount() throws -> Int {
        try locked {
            try db.query("""
                SELECT COALESCE(SUM(count), 0) FROM input_issue_counts JOIN tasks ON tasks.idx = input_issue_counts.task
                WHERE tasks.state = 'done'
                """) { Int($0.int(0)) }.first ?? 0
        }
    }

    func setState(_ task: Int, _ state: TaskRecord.State) throws {
        try locked {
            try db.run("UPDATE tasks SET state = ? WHERE idx = ?", [.text(state.rawValue), .int(Int64(task))])
        }
    }

    /// Stores a finished task's results and marks it done, in one transaction.
    func complete(_ task: Int, _ result: TaskResult) throws {
        let t = SQLiteValue.int(Int64(task))
        let outputs = try storedJSON(result.outputs), mainOutputs = try storedJSON(result.mainOutputs)
        try locked {
            try db.transaction {
                try deleteResults(of: task)
                for row in result.stages {
                    let p = SQLiteValue.int(Int64(row.position))
                    let s = row.stats
                    try db.run("INSERT INTO stage_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [t, p, .text(row.id), .int(s.documentsIn), .int(s.kept), .int(s.bytesIn), .int(s.bytesOut),
                                .double(s.seconds)])
                    for (reason, n) in s.dropped.sorted(by: { $0.key < $1.key }) {
                        try db.run("INSERT INTO stage_drops VALUES (?, ?, ?, ?)", [t, p, .text(reason), .int(n)])
                    }
                    for (reason, n) in s.droppedBytes.sorted(by: { $0.key < $1.key }) {
                        try db.run("INSERT INTO stage_drop_bytes VALUES (?, ?, ?, ?)", [t, p, .text(reason), .int(n)])
                    }
                    for (name, n) in s.counters.sorted(by: { $0.key < $1.key }) {
                        try db.run("INSERT INTO stage_counters VALUES (?, ?, ?, ?)", [t, p, .text(name), .int(n)])
                    }
                    try insertHistograms(s.histograms, task: t, position: p)
                }
                for (seq, sample) in result.samples.enumerated() {
                    try db.run("INSERT INTO rejected_samples VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [t, .int(Int64(sample.position)), .text(sample.stage), .text(sample.reason),
                                .int(Int64(seq)), .text(sample.documentID), .text(sample.text)])
                }
                for (kind, n) in result.issueCounts.sorted(by: { $0.key < $1.key }) {
                    try db.run("INSERT INTO input_issue_counts VALUES (?, ?, ?)", [t, .text(kind), .int(n)])
                }
                for (seq, issue) in result.issues.enumerated() {
                    try db.run("INSERT INTO input_issues VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [t, .int(Int64(seq)), .text(issue.file), .int(issue.offset),
                                .int(issue.offsetIsCompressed ? 1 : 0), issue.line.map { .int($0) } ?? .null,
                                .text(issue.kind), .text(issue.message)])
                }
                try db.run("""
                    UPDATE tasks SET state = 'done', outputs = ?, main_outputs = ?, output_bytes = ?, seconds = ?,
                    finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE idx = ?
                    """, [.text(outputs), .text(mainOutputs), .int(result.outputFileBytes), .double(result.seconds), t])
            }
        }
    }

    /// Forgets a task's results (it will run again).
    func reset(_ task: Int) throws {
        try locked {
            try db.transaction {
                try deleteResults(of: task)
                try db.run("UPDATE tasks SET state = 'pending', main_outputs = '[]', output_bytes = 0, seconds = 0 WHERE idx = ?",
                           [.int(Int64(task))])
            }
        }
    }

    /// Whether the store has `table` (a store of an older schema may not).
    func hasTable(_ table: String) throws -> Bool {
        try !db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]) { _ in true }.isEmpty
    }

    private func deleteResults(of task: Int) throws {
        for table in ["stage_stats", "stage_drops", "stage_drop_bytes", "stage_counters", "stage_histograms",
                      "rejected_samples", "input_issue_counts", "input_issues"] {
            try db.run("DELETE FROM \(table) WHERE task = ?", [.int(Int64(task))])
        }
    }
}
