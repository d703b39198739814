// The files of a dedup stage's work directory, OUT/dedup/<position>-<stage id>/ (the executor
// creates it; everything inside belongs to the stage):
//
//   sketches/task-NNNNNN.sk    phase 1, one per task (SketchFile.swift)
//   index/band-BB.idx          phase 2, one per band: (band hash, document) sorted; kept, it is
//                              the index a later run's `against` reads (BandBuckets.swift)
//   pairs/band-BB.pairs        phase 2, candidate pairs of the band
//   decisions/task-NNNNNN.dec  phase 3, one per task (DedupDecisions.swift)
//   summary.json               phase 3, counts and sizes (DedupClusters.swift)
//   index.complete             phase 3's completion marker and the run's manifest: the
//                              parameters, the task list and the number of documents
//
// and where an earlier run's index is found for `against`: RUN/dedup/*-<stage id>/ (or a work
// directory named directly) whose index is complete and was made with the same parameters.
#if canImport(Glibc)
import Glibc
#endif
import QuarryCore
import QuarryIO

enum DedupWorkDirectory {
    static func sketchPath(_ directory: String, task: Int) -> String {
        "\(directory)/sketches/task-\(padded(task, 6)).sk"
    }

    static func bandPath(_ directory: String, band: Int) -> String {
        "\(directory)/index/band-\(padded(band, 2)).idx"
    }

    static func pairsPath(_ directory: String, band: Int) -> String {
        "\(directory)/pairs/band-\(padded(band, 2)).pairs"
    }

    static func decisionsPath(_ directory: String, task: Int) -> String {
        "\(directory)/decisions/task-\(padded(task, 6)).dec"
    }

    static func completePath(_ directory: String) -> String { "\(directory)/index.complete" }
    static func summaryPath(_ directory: String) -> String { "\(directory)/summary.json" }

    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Names in a directory (not . and ..), sorted; empty when it cannot be read.
    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes files of `directory` whose name starts with `prefix` and ends in `.tmp`
    /// (left by a killed run).
    static func removeTemporaries(in directory: String, prefix: String) {
        for name in list(directory) where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            unlink("\(directory)/\(name)")
        }
    }

    /// Writes the completion marker: header, the task numbers (u32 each), footer (tasks,
    /// documents, catalog fingerprint).
    static func writeComplete(_ directory: String, parameters: DedupParameters, catalog: SketchCatalog) throws {
        let out = try BinaryOut(path: completePath(directory))
        try out.bytes(DedupFileFormat.header(.complete, parameters: parameters, number: 0))
        for task in catalog.tasks { try out.u32(UInt32(task)) }
        try out.bytes(DedupFileFormat.footer(.complete, DedupFooter(count: UInt64(catalog.tasks.count),
                                                                    a: UInt64(catalog.total), b: catalog.fingerprint)))
        try out.commit()
    }

    /// The completion marker's content, or nil when there is none.
    static func readComplete(_ directory: String, parameters: DedupParameters?, indexOnly: Bool = false) throws
        -> (parameters: DedupParameters, tasks: [Int], documents: Int, fingerprint: UInt64)? {
        let path = completePath(directory)
        guard FileInfo.exists(path) else { return nil }
        let file = try MappedFile(path: path, randomAccess: true)
        let (params, _, footer) = try DedupFileFormat.check(file.bytes, path: path, kind: .complete, expected: parameters,
                                                            indexOnly: indexOnly, recordSize: { _ in 4 })
        let base = file.bytes.baseAddress! + DedupFileKind.headerSize
        let tasks = (0..<Int(footer.count)).map { Int(base.le32($0 * 4)) }
        return (params, tasks, Int(footer.a), footer.b)
    }

    /// The work directories of earlier runs' indexes named by `against` (run directories, or
    /// work directories themselves), checked to be complete and made with parameters that
    /// give the same band hashes.
    static func resolveAgainst(_ runs: [String], stage: StageID, parameters: DedupParameters) throws -> [String] {
        var found: [String] = []
        for run in runs {
            var candidates: [String] = []
            if FileInfo.exists(completePath(run)) {
                candidates = [run]
            } else {
                let dedup = "\(run)/dedup"
                candidates = list(dedup).filter { $0.hasSuffix("-\(stage.rawValue)") }.map { "\(dedup)/\($0)" }
            }
            let complete = candidates.filter { FileInfo.exists(completePath($0)) }
            guard !complete.isEmpty else {
                throw ConfigError("against: \(run) holds no complete \(stage) index (looked for \(run)/dedup/*-\(stage)/index.complete)")
            }
            for directory in complete {
                guard let marker = try readComplete(directory, parameters: parameters, indexOnly: true) else { continue }
                if parameters.storesSignatures && !marker.parameters.storesSignatures {
                    throw ConfigError("against: \(directory) was built without full signatures, so its candidates cannot be "
                                      + "verified against a threshold; run without threshold, or rebuild it with one")
                }
                found.append(directory)
            }
        }
        return found
    }
}
