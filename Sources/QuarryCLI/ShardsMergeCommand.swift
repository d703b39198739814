// `quarry shards merge INPUT… --output DIR [--shard-size 100M]`: concatenates shard sets
// (directories with dataset.json, or data set prefixes) into one, documents unchanged and in
// input order, train and validation kept apart, SFT masks in lockstep (ShardSet.merge).
import ArgumentParser
import QuarryCore
import QuarryShards

struct ShardsMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Concatenate shard directories or data sets into one shard directory.")

    @Argument(help: "Shard directories (with dataset.json) or data set prefixes, in order.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output shard directory.")
    var output: String

    @Option(name: .long, help: "Most tokens per output shard (K, M, G suffixes).")
    var shardSize: String = "100M"

    @Option(name: .long, help: "File stem of the output shards.")
    var name: String = "shard"

    func run() throws {
        guard !inputs.isEmpty else { throw ConfigError("give the shard sets to merge") }
        let sets = try inputs.map { try ShardSet.open($0) }
        let manifest = try ShardSet.merge(sets, output: output, shardTokens: try TokenizeCommand.parseSize(shardSize), name: name,
                                          createdBy: TokenizeCommand.commandLine())
        for (part, totals) in manifest.totals.sorted(by: { $0.key > $1.key }) {
            print("\(part): \(totals.documents) documents, \(totals.tokens) tokens in \(totals.shards) shards")
        }
    }
}
