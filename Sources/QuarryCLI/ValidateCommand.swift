// `quarry validate PIPELINE.yaml`: checks a pipeline file (keys, stage ids, options, inputs)
// without running it.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files without running them.")

    @Argument(help: "Pipeline files (YAML).")
    var pipelines: [String]

    @Option(name: .shortAndLong, help: "The --output a run would use (checked the same way).")
    var output: String?

    func run() throws {
        for path in pipelines {
            let spec = try PipelineSpec.load(path: path)
            let resolved = try ResolvedPipeline(spec, output: output)
            var options = RunOptions()
            options.output = output
            let plan = try PipelineCheck.check(resolved, options: options)
            print("\(path): valid — \(spec.reader.id) → \(spec.stages.map(\.id.rawValue).joined(separator: " → "))"
                + "\(spec.stages.isEmpty ? "" : " → ")\(spec.writer.id); \(plan.files) input files, \(plan.tasks) tasks")
        }
    }
}
