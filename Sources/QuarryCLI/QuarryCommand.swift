// The `quarry` command tree (DESIGN.md §4.4), one file per subcommand. Exit codes: 0 success,
// 1 run failed, 2 usage or configuration error (argument-parser's own usage errors included).
import ArgumentParser
import Foundation
import QuarryCore

public struct Quarry: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "quarry",
        abstract: "Prepare LLM training data: collect, clean, filter, deduplicate, scrub, classify, tokenize.",
        version: quarryVersion,
        subcommands: [RunCommand.self, ExtractCommand.self, FilterCommand.self, DedupCommand.self, PIICommand.self, ClassifyCommand.self, ValidateCommand.self, StagesCommand.self, StatsCommand.self,
                      TokenizerCommand.self, TokenizeCommand.self, ShardsCommand.self]
    )

    public init() {}

    /// Runs the command line and exits with Quarry's exit codes.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as ConfigError {
            printError(error.description)
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            printError(fullMessage(for: error))
            Foundation.exit(code == .validationFailure ? 2 : (code.rawValue == 64 ? 2 : 1))
        }
    }
}

/// The version `quarry --version` prints.
public let quarryVersion = "0.1.0"

/// Writes "quarry: error: message" to stderr.
func printError(_ message: String) {
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    if !text.hasPrefix("quarry:") { text = "quarry: error: " + text }
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
