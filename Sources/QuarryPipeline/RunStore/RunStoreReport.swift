// Reading a run store back as a RunReport for `quarry stats`: sums over done tasks, in
// position order, with the stage ids the run recorded, the bytes dropped per reason and the
// merged histograms (neither exists in a schema 1 store, which still reads without them).
import QuarryCore
import QuarryStats

extension RunStore {
    /// The report of this store's tasks. Only completed tasks count.
    func report(maxIssues: Int = 50, maxSamplesPerReason: Int = 5) throws -> RunReport {
        var report = RunReport(pipelineName: try meta("pipeline_name") ?? "", stores: [path])
        let states = try tasks().map(\.state)
        report.tasksTotal = states.count
        report.tasksDone = states.filter { $0 == .done }.count
        report.tasksFailed = states.filter { $0 == .failed }.count
        report.stages = try reportRowsWithHistograms()
        report.issuesByKind = Dictionary(uniqueKeysWithValues: try queryPairs("""
            SELECT kind, SUM(count) FROM input_issue_counts JOIN tasks ON tasks.idx = input_issue_counts.task
            WHERE tasks.state = 'done' GROUP BY kind
            """))
        report.issues = try reportIssues(limit: maxIssues)
        report.samples = try reportSamples(perReason: maxSamplesPerReason)
        report.outputFileBytes = try queryPairs("SELECT 'bytes', COALESCE(SUM(output_bytes), 0) FROM tasks WHERE state = 'done'")
            .first?.1 ?? 0
        return report
    }
}

extension RunStore {
    func queryPairs(_ sql: String) throws -> [(String, Int64)] {
        try locked { try db.query(sql) { ($0.text(0) ?? "", $0.int(1)) } }
    }

    func reportRows() throws -> [StageReport] {
        try locked {
            var rows = try db.query("""
                SELECT position, MIN(stage), SUM(documents_in), SUM(kept), SUM(bytes_in), SUM(bytes_out), SUM(stage_stats.seconds)
                FROM stage_stats JOIN tasks ON tasks.idx = stage_stats.task WHERE tasks.state = 'done'
                GROUP BY position ORDER BY position
                """) { row -> StageReport in
                var stats = StageStats()
                stats.documentsIn = row.int(2)
                stats.kept = row.int(3)
                stats.bytesIn = row.int(4)
                stats.bytesOut = row.int(5)
                stats.seconds = row.double(6)
                return StageReport(position: Int(row.int(0)), id: row.text(1) ?? "", stats: stats)
            }
            let drops = try db.query("""
                SELECT position, reason, SUM(count) FROM stage_drops JOIN tasks ON tasks.idx = stage_drops.task
                WHERE tasks.state = 'done' GROUP BY position, reason
                """) { (Int($0.int(0)), $0.text(1) ?? "", $0.int(2)) }
            let counters = try db.query("""
                SELECT position, stage_counters.name, SUM(value) FROM stage_counters JOIN tasks ON tasks.idx = stage_counters.task
                WHERE tasks.state = 'done' GROUP BY position, stage_counters.name
                """) { (Int($0.int(0)), $0.text(1) ?? "", $0.int(2)) }
            let dropBytes = try hasTable("stage_drop_bytes") ? try db.query("""
                SELECT position, reason, SUM(bytes) FROM stage_drop_bytes JOIN tasks ON tasks.idx = stage_drop_bytes.task
                WHERE tasks.state = 'done' GROUP BY position, reason
                """) { (Int($0.int(0)), $0.text(1) ?? "", $0.int(2)) } : []
            for i in rows.indices {
                for (position, reason, n) in drops where position == rows[i].position { rows[i].stats.dropped[reason] = n }
                for (position, reason, n) in dropBytes where position == rows[i].position { rows[i].stats.droppedBytes[reason] = n }
                for (position, name, n) in counters where position == rows[i].position { rows[i].stats.counters[name] = n }
            }
            return rows
        }
    }

    /// The funnel rows with the merged histograms of each position.
    func reportRowsWithHistograms() throws -> [StageReport] {
        var rows = try reportRows()
        let histograms = try reportHistograms()
        for i in rows.indices {
            if let extra = histograms[rows[i].position] { rows[i].stats.merge(extra) }
        }
        return rows
    }

    func reportIssues(limit: Int) throws -> [IssueReport] {
        try locked {
            try db.query("""
                SELECT file, offset, offset_is_compressed, line, kind, message FROM input_issues
                JOIN tasks ON tasks.idx = input_issues.task WHERE tasks.state = 'done'
                ORDER BY task, seq LIMIT ?
                """, [.int(Int64(limit))]) { row in
                IssueReport(file: row.text(0) ?? "", offset: row.int(1), offsetIsCompressed: row.int(2) != 0,
                            line: row.isNull(3) ? nil : row.int(3), kind: row.text(4) ?? "", message: row.text(5) ?? "")
            }
        }
    }

    func reportSamples(perReason: Int) throws -> [SampleReport] {
        try locked {
            let all = try db.query("""
                SELECT position, stage, reason, document_id, text FROM rejected_samples
                JOIN tasks ON tasks.idx = rejected_samples.task WHERE tasks.state = 'done'
                ORDER BY position, reason, task, seq
                """) { row in
                SampleReport(position: Int(row.int(0)), stage: row.text(1) ?? "", reason: row.text(2) ?? "",
                             documentID: row.text(3) ?? "", text: row.text(4) ?? "")
            }
            var limit = PerKeyLimit(perReason)
            return all.filter { limit.admit("\($0.position)/\($0.reason)") }
        }
    }
}
