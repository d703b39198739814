// `quarry shards export DIR|PREFIX --format llmc|nanogpt --output DIR`: writes llm.c token
// shards (256-int header, EOT before each document) or nanoGPT's flat uint16 train.bin /
// val.bin (EOT after each document) from Quarry shards (QuarryShards ShardExport.swift).
// Vocabularies of 65,536 ids and more do not fit either format and are refused; SFT shards
// are refused unless --drop-mask says to write the tokens without their loss mask.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryShards

struct ShardsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export shards to llm.c (.bin with a 256-int header) or nanoGPT (flat uint16) files.")

    @Argument(help: "A shard directory (with dataset.json) or a data set prefix.")
    var source: String

    @Option(name: .long, help: "llmc or nanogpt.")
    var format: String

    @Option(name: .shortAndLong, help: "The output directory.")
    var output: String

    @Option(name: .long, help: "llm.c: most tokens per shard (K, M, G suffixes); llm.c's default is 100M.")
    var shardSize: String = "100M"

    @Option(name: .long, help: "llm.c: the file name stem, <name>_<train|val>_000000.bin.")
    var name: String = "quarry"

    @Option(name: .long, help: "The end-of-text id, when dataset.json does not give one.")
    var eot: UInt32?

    @Flag(name: .long, help: "Export SFT shards without their loss mask (neither format can hold it).")
    var dropMask = false

    func run() throws {
        guard let format = ShardExport.Format(rawValue: format) else { throw ConfigError("--format must be llmc or nanogpt") }
        let set = try ShardSet.open(source)
        if let vocab = set.manifest?.tokenizer?.vocabSize, vocab > 65_536 {
            throw ConfigError("the vocabulary has \(vocab) ids; \(format.rawValue) files hold uint16 tokens (at most 65,536 ids)")
        }
        if set.manifest?.sft != nil || set.shards.contains(where: { $0.maskPrefix != nil }) {
            guard dropMask else {
                throw ConfigError("these are SFT shards with a loss mask, which \(format.rawValue) files cannot hold; "
                                  + "pass --drop-mask to export the tokens alone")
            }
            FileHandle.standardError.write(Data("quarry: warning: the loss mask is not exported (\(format.rawValue) has no place for it)\n".utf8))
        }
        guard let endOfText = eot ?? set.manifest?.specialTokens["eos"]?.id else {
            throw ConfigError("dataset.json names no eos token; give --eot ID")
        }
        let endsWithEOT = set.manifest?.eosPerDocument ?? (eot == nil)
        let shardTokens = try TokenizeCommand.parseSize(shardSize)
        for (part, split) in [(DatasetPart.validation, "val"), (.train, "train")] {
            let datasets = try set.open(part: part).map(\.tokens)
            guard !datasets.isEmpty else { continue }
            let files = try ShardExport.export(.init(datasets: datasets, endOfText: endOfText, documentsEndWithEOT: endsWithEOT),
                                               format: format, directory: output, split: split, name: name,
                                               shardTokens: shardTokens)
            for file in files { print(file) }
        }
    }
}
