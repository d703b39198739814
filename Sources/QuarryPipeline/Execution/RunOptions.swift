// How a run is executed (workers, output location, rank, resume, memory budget, phase) and
// where its files go. Single-file output (`--output X.jsonl[.gz|.zst]`) writes per-task parts
// into the run directory `X.run/` and joins them in task order at the end.
import Foundation
import QuarryCore

/// Options of one `quarry run` (or single-stage command).
public struct RunOptions: Sendable {
    /// Worker threads; default: all cores.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Output directory or single output file, overriding the pipeline's `output.directory`.
    public var output: String?
    public var rank = 0
    public var worldSize = 1
    /// Start over instead of resuming.
    public var fresh = false
    /// Stop the run (exit code 1) once more than this many input records were bad.
    public var maxErrors: Int?
    /// Show progress on stderr.
    public var progress = false
    /// The memory budget of the corpus-wide phases of index stages (`--memory`), in bytes: their
    /// sorts spill to disk beyond it. 4 GiB by default.
    public var memoryBytes = 4 << 30
    /// Which phase of the index stages this command runs (`--phase`; RunPhases.swift).
    public var phase = RunPhase.all

    public init() {}
}

/// Sizes as a user writes them (`--memory 4G`): a number, possibly with a fraction, and an
/// optional unit K, M, G or T (powers of 1024; a trailing B or iB is allowed), in any case.
public enum ByteSize {
    /// The number of bytes `text` names, or nil when it is not a size or not above zero.
    public static func parse(_ text: String) -> Int? {
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where body.hasSuffix(suffix) && body.count > suffix.count {
            body.removeLast(suffix.count)
            break
        }
        var multiplier = 1.0
        if let unit = body.last, let power = ["K": 1.0, "M": 2.0, "G": 3.0, "T": 4.0][String(unit)] {
            multiplier = pow(1024, power)
            body.removeLast()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              body.filter({ $0 == "." }).count <= 1, let number = Double(body) else { return nil }
        let bytes = (number * multiplier).rounded(.down)
        guard bytes >= 1, bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }

    /// A byte count as the largest whole unit that divides it, or with one decimal (4G, 1.5G, 300M).
    public static func text(_ bytes: Int) -> String {
        for (unit, power) in [("T", 4.0), ("G", 3.0), ("M", 2.0), ("K", 1.0)] {
            let size = pow(1024, power)
            guard Double(bytes) >= size else { continue }
            let value = Double(bytes) / size
            return value == value.rounded() ? "\(Int(value))\(unit)" : String(format: "%.1f", value) + unit
        }
        return "\(bytes)"
    }
}

/// File extensions that make `--output` a single file.
let singleFileExtensions: [(suffix: String, compression: String)] = [
    (".jsonl.zst", "zstd"), (".jsonl.zstd", "zstd"), (".jsonl.gz", "gzip"), (".jsonl", "none"),
]

/// Where a run's files go.
struct RunLayout {
    /// Holds run.sqlite and rejects/.
    var runDirectory: String
    /// Where task outputs are written.
    var outputDirectory: String
    /// The file all outputs are joined into, in single-file mode.
    var singleFile: String?
    var rejectsDirectory: String
    var rank: Int
    var worldSize: Int

    var storePath: String {
        worldSize == 1 ? runDirectory + "/run.sqlite" : runDirectory + "/run.rank-\(rank)-of-\(worldSize).sqlite"
    }

    static func make(spec: PipelineSpec, options: RunOptions) throws -> RunLayout {
        guard options.worldSize >= 1, options.rank >= 0, options.rank < options.worldSize else {
            throw ConfigError("--rank must be in 0..<--world-size (got rank \(options.rank), world size \(options.worldSize))")
        }
        guard let given = options.output ?? spec.outputDirectory else {
            throw ConfigError("output: missing 'directory' (or pass --output)", file: spec.file)
        }
        let target = trimmed(given)
        if singleFileExtensions.contains(where: { target.hasSuffix($0.suffix) }) {
            guard options.worldSize == 1 else {
                throw ConfigError("a single output file needs --world-size 1; give a directory for a cluster run")
            }
            let run = target + ".run"
            return RunLayout(runDirectory: run, outputDirectory: run + "/parts", singleFile: target,
                             rejectsDirectory: resolve(spec.rejectsDirectory, in: run), rank: 0, worldSize: 1)
        }
        return RunLayout(runDirectory: target, outputDirectory: target, singleFile: nil,
                         rejectsDirectory: resolve(spec.rejectsDirectory, in: target),
                         rank: options.rank, worldSize: options.worldSize)
    }

    /// Writer options implied by a single output file's name (its compression).
    static func writerOverrides(for output: String?) -> [(key: String, value: ConfigValue)] {
        guard let output, let match = singleFileExtensions.first(where: { trimmed(output).hasSuffix($0.suffix) }) else { return [] }
        return [("compression", .scalar(match.compression))]
    }

    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
