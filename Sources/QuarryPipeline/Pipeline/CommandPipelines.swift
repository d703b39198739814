// The pipelines behind single-stage commands (`quarry extract`, and later filter, dedup, pii
// ...): DESIGN.md §4.4, "each single-stage command is a one-stage pipeline built in memory".
// The reader comes from the inputs' file extensions unless given.
import Foundation
import QuarryCore
import QuarryIO

extension PipelineSpec {
    /// A pipeline reading `inputs` with `reader` (or the reader their extensions call for),
    /// running `stages` in order and writing JSONL.
    public static func command(_ name: String, inputs: [String], reader: String?, readerOptions: [(key: String, value: ConfigValue)] = [],
                               stages: [(id: StageID, options: [(key: String, value: ConfigValue)])],
                               registry: StageRegistry = .builtin()) throws -> PipelineSpec {
        guard !inputs.isEmpty else { throw ConfigError("give at least one --input") }
        let readerID = try reader.map { StageID($0) } ?? inferReader(for: inputs, registry: registry)
        return PipelineSpec(
            file: "quarry \(name)", name: name,
            reader: Component(id: readerID, options: readerOptions.isEmpty ? nil : .mapping(readerOptions)),
            paths: inputs,
            stages: stages.map { Component(id: $0.id, options: $0.options.isEmpty ? nil : .mapping($0.options)) },
            writer: Component(id: "jsonl_writer_v1"), outputDirectory: nil)
    }

    /// The reader whose file extensions match the inputs (directories: the files inside).
    static func inferReader(for inputs: [String], registry: StageRegistry) throws -> StageID {
        let readers = registry.all.filter { $0.kind == .reader }
        func reader(for file: String) -> StageID? {
            var best: (id: StageID, length: Int)?
            for r in readers {
                for ext in r.fileExtensions where file.hasSuffix(ext) && ext.count > (best?.length ?? 0) {
                    best = (r.id, ext.count)
                }
            }
            return best?.id
        }
        var votes: [StageID: Int] = [:]
        for input in inputs {
            let files: [String]
            if input.contains(where: { "*?[".contains($0) }) {
                files = InputFiles.glob(input)
            } else if FileInfo.isDirectory(input) {
                files = InputFiles.walk(input)
            } else {
                files = [input]
            }
            for file in files { if let id = reader(for: file) { votes[id, default: 0] += 1 } }
        }
        guard let winner = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            let known = readers.flatMap(\.fileExtensions).joined(separator: " ")
            throw ConfigError("no input file has a known extension (\(known)); name the reader with --reader")
        }
        if votes.count > 1 {
            throw ConfigError("the inputs need different readers (\(votes.keys.map(\.rawValue).sorted().joined(separator: ", "))); "
                + "run them separately or name one with --reader")
        }
        return winner.key
    }
}
