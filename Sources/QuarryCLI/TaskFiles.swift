// The single files some commands write beside their output by joining a run's per-task files
// in input order: `--rejects FILE` of quarry filter and quarry dedup, `--spans FILE` of quarry pii.
import Foundation
import QuarryCore

/// One file joined from a run's per-task files, in input order.
enum TaskFiles {
    /// The writer's compression option for a file name, or nil when it is not JSONL.
    static func compression(of path: String) -> String? {
        if path.hasSuffix(".jsonl") { return "none" }
        if path.hasSuffix(".jsonl.gz") { return "gzip" }
        if path.hasSuffix(".jsonl.zst") { return "zstd" }
        return nil
    }

    /// Concatenates the per-task files in `directory` (relative to the run directory unless
    /// absolute; each a complete JSONL stream, named after its input, so name order is input
    /// order) into `path`, through a temporary file.
    static func join(runDirectory: String, directory name: String, into path: String) throws {
        let directory = name.hasPrefix("/") ? name : runDirectory + "/" + name
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let out = FileHandle(forWritingAtPath: temporary) else { throw ConfigError("cannot write \(temporary)") }
        for name in names where !name.hasSuffix(".tmp") {
            guard let part = FileHandle(forReadingAtPath: directory + "/" + name) else {
                throw ConfigError("cannot read \(directory)/\(name)")
            }
            while let chunk = try part.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try part.close()
        }
        try out.close()
        guard rename(temporary, path) == 0 else { throw ConfigError("cannot rename \(temporary) to \(path)") }
    }
}
