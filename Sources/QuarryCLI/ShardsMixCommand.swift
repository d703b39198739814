// `quarry shards mix`: several tokenized datasets → one shuffled dataset in given proportions
// (issue 8 item 6). Each `--source NAME=DIR:weight=W` takes a share W of the output tokens,
// each `--source NAME=DIR:epochs=E` repeats its tokens E times (fractions allowed); the output
// size follows (QuarryShards/MixturePlan.swift). Whole documents, a global shuffle through
// bucket files on disk within --memory, the same output bytes for any --workers.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryShards

struct ShardsMix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Mix tokenized datasets by weights and/or epochs into one shuffled set of shards.",
        discussion: """
            Example: --source web=out/web:weight=0.6 --source wiki=out/wiki:epochs=3 --source books=out/books:weight=0.2
            makes wiki's 3 epochs the remaining 0.2 of the output. With weights only, the output is the largest
            that repeats no source, or --total-tokens (sources are then repeated by whole passes plus a seeded
            subset). Requested and achieved weights and epochs go to DIR/mixture.json and dataset.json.
            """)

    @Option(name: .long, help: ArgumentHelp("A source: NAME=DIR:weight=W or NAME=DIR:epochs=E (DIR written by quarry tokenize).", valueName: "spec"))
    var source: [String]

    @Option(name: .long, help: "Output directory.")
    var output: String

    @Option(name: .long, help: "Seed of the subset draws and the shuffle.")
    var seed: UInt64 = 0

    @Option(name: .long, help: ArgumentHelp("Output tokens of the train part (weights only), e.g. 2B.", valueName: "n"))
    var totalTokens: String?

    @Option(name: .long, help: ArgumentHelp("Most tokens per output shard (K/M/G/B suffixes: powers of 1000).", valueName: "n"))
    var shardSize: String = "100M"

    @Option(name: .long, help: ArgumentHelp("Memory for the shuffle (K/M/G suffixes: powers of 1024).", valueName: "bytes"))
    var memory: String = "1G"

    @Option(name: .long, help: "Threads writing the shuffle buckets (the output does not depend on it).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        do {
            let sources = try source.map(Self.parseSource)
            var options = ShardMixOptions(output: output, seed: seed)
            options.totalTokens = try totalTokens.map { try Self.parseCount($0, what: "--total-tokens", unit: 1000) }
            options.shardTokens = try Self.parseCount(shardSize, what: "--shard-size", unit: 1000)
            options.memoryBytes = try Self.parseCount(memory, what: "--memory", unit: 1024)
            options.workers = max(1, workers)
            let manifest = try ShardMixer.mix(sources, options: options)
            let report = try JSONDecoder().decode(ShardMixReport.self, from: Data(contentsOf: URL(fileURLWithPath: output + "/" + ShardMixer.reportName)))
            for (part, outcomes) in report.parts.sorted(by: { $0.key > $1.key }) {
                let total = outcomes.reduce(0) { $0 + $1.tokens }
                print("\(part): \(total) tokens in \(manifest.totals[part]?.shards ?? 0) shards (planned \(report.plannedTokens[part] ?? 0))")
                for o in outcomes {
                    print("  \(o.name): \(o.tokens) tokens, \(o.documents) documents, weight \(Self.format(o.achievedWeight)) (asked \(Self.format(o.requestedWeight))), epochs \(Self.format(o.achievedEpochs)) (asked \(Self.format(o.requestedEpochs)))")
                }
            }
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `NAME=DIR:weight=W` or `NAME=DIR:epochs=E` (DIR may contain ':'; the last one separates).
    static func parseSource(_ text: String) throws -> ShardMixSource {
        guard let equals = text.firstIndex(of: "="), let colon = text.lastIndex(of: ":"), equals < colon else {
            throw ConfigError("--source \(text): expected NAME=DIR:weight=W or NAME=DIR:epochs=E")
        }
        let name = String(text[..<equals])
        let directory = String(text[text.index(after: equals)..<colon])
        guard !name.isEmpty, !directory.isEmpty else { throw ConfigError("--source \(text): expected NAME=DIR:weight=W or NAME=DIR:epochs=E") }
        do {
            return ShardMixSource(name: name, directory: directory, share: try MixtureShare(parsing: String(text[text.index(after: colon)...])))
        } catch {
            throw ConfigError("--source \(text): \(error.message)")
        }
    }

    /// A positive count with an optional K/M/G/T (B = G for tokens) suffix in powers of `unit`.
    static func parseCount(_ text: String, what: String, unit: Int) throws -> Int {
        var digits = text.uppercased()
        var scale = 1
        if let last = digits.last, let power = ["K": 1, "M": 2, "G": 3, "B": 3, "T": 4][String(last)] {
            digits.removeLast()
            for _ in 0..<power { scale *= unit }
        }
        guard let value = Double(digits), value.isFinite, value > 0, value * Double(scale) < 0x1p62 else {
            throw ConfigError("\(what) \(text): expected a positive number with an optional K/M/G suffix")
        }
        return Int((value * Double(scale)).rounded())
    }
}
