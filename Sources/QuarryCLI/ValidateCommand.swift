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
        var invalid = 0
        for path in pipelines {
            do {
                let spec = try PipelineSpec.load(path: path)
                let resolved = try ResolvedPipeline(spec, output: output)
                var options = RunOptions()
                options.output = output
                let plan = try PipelineCheck.check(resolved, options: options)
                let chain = ([spec.reader.id] + spec.stages.map(\.id) + [spec.writer.id]).map(\.rawValue).joined(separator: " → ")
                print("\(path): valid — \(chain); \(plan.files) input files, \(plan.tasks) tasks")
            } catch let error as ConfigError {
                printError(error.located(file: path).description)
                invalid += 1
            }
        }
        if invalid > 0 { throw ExitCode(2) }
    }
}
