// Finding and reading run stores for `quarry stats`: a run directory holds `run.sqlite` (a
// local run), or one `run.rank-R-of-W.sqlite` per rank of a cluster run, merged here.
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

    /// The run stores in a directory (none when there are none).
    static func storePaths(in directory: String) -> [String] {
        let directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return (FileInfo.exists(directory + "/run.sqlite") ? [directory + "/run.sqlite"] : [])
            + InputFiles.glob(directory + "/run.rank-*.sqlite")
    }

    static func stores(at path: String) throws -> [String] {
        if path.hasSuffix(".sqlite") {
            guard FileInfo.exists(path) else { throw ConfigError("'\(path)' does not exist") }
            return [path]
        }
        guard FileInfo.isDirectory(path) else {
            throw ConfigError("'\(path)' is not a run directory (for a single-file output, give its '.run' directory)")
        }
        let names = storePaths(in: path)
        guard !names.isEmpty else { throw ConfigError("'\(path)' holds no run store (run.sqlite)") }
        let worldSizes = Set(names.map { name in name.hasSuffix("/run.sqlite") ? "1" : String(name.split(separator: "-").last ?? "") })
        guard worldSizes.count == 1 else {
            throw ConfigError("'\(path)' holds run stores of different world sizes: \(names.joined(separator: ", "))")
        }
        return names
    }
}
