// `quarry stats RUN_DIR...`: what a run did, read from its run store(s): totals, the
// per-stage funnel, drop reasons with their shares and bytes, histograms of what filters
// measured (quantiles and a sparkline), bad input records; `--json FILE` writes the versioned
// JSON report (schema quarry.run_stats, see QuarryStats/JSONReport.swift).
import ArgumentParser
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryStats

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what a run did: documents and bytes in and out, the per-stage funnel, drop reasons and measured distributions.")

    @Argument(help: "Run directories (holding run.sqlite) or run store files; ranks of one run are merged.")
    var paths: [String]

    @Option(name: .long, help: "Also write the report as JSON to this file.")
    var json: String?

    @Flag(name: .long, help: "Show sampled rejected documents for each drop reason.")
    var samples = false

    func run() throws {
        let report = try RunStats.load(paths)
        print(TerminalReport.render(report, samples: samples), terminator: "")
        if let json {
            do {
                try Directories.create(parentOf: json)
                try JSONReport.text(report).write(toFile: json, atomically: true, encoding: .utf8)
            } catch {
                throw ConfigError("cannot write \(json): \(error)")
            }
        }
    }
}
