// Finding and reading run stores for `quarry stats`: a run directory holds `run.sqlite`, or
// one `run.rank-R-of-W.sqlite` per rank of a cluster run; all of them are merged.
import QuarryCore
import QuarryIO
import QuarryStats

public enum RunStats {
    /// The merged report of the run stores at `paths` (run directories or .sqlite files).
    public static func load(_ paths: [String]) throws -> RunReport {
        var report = RunReport()
        var found = false
        for path in paths {
            for store in try stores(at: path) {
                report.merge(try RunStore(readingFrom: store).report())
                found = true
            }
        }
        guard found else { throw ConfigError("no run store found") }
        return report
    }

    static func stores(at path: String) throws -> [String] {
        if path.hasSuffix(".sqlite") {
            guard FileInfo.exists(path) else { throw ConfigError("'\(path)' does not exist") }
            return [path]
        }
        guard FileInfo.isDirectory(path) else {
            throw ConfigError("'\(path)' is not a run directory (for a single-file output, give its '.run' directory)")
        }
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        let names = (FileInfo.exists(directory + "/run.sqlite") ? [directory + "/run.sqlite"] : [])
            + InputFiles.glob(directory + "/run.rank-*.sqlite")
        guard !names.isEmpty else { throw ConfigError("'\(path)' holds no run store (run.sqlite)") }
        return names
    }
}
