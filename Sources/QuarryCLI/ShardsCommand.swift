// `quarry shards inspect|merge|export|mix` (DESIGN.md §4.4, issue 8 item 6): the views and
// operations on token shard directories. One file per subcommand.
import ArgumentParser

struct ShardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards",
        abstract: "Inspect, merge, export and mix token shards (Megatron-LM .bin/.idx with dataset.json).",
        subcommands: [ShardsInspect.self, ShardsMerge.self, ShardsExport.self, ShardsMix.self])
}
