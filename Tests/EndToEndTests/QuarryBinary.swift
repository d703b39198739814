// Runs the built `quarry` executable (it sits next to the test bundle) and captures its exit
// code and output.
import Foundation

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum QuarryBinary {
    /// The `quarry` executable built with the tests.
    static var path: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("quarry").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/quarry").path
        return fallback
    }

    /// Runs quarry to completion.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        let process = try start(arguments, in: directory)
        let out = process.standardOutputPipe.fileHandleForReading.readDataToEndOfFile()
        let err = process.standardErrorPipe.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        return CommandResult(status: process.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self))
    }

    struct Running {
        var process: Process
        var standardOutputPipe: Pipe
        var standardErrorPipe: Pipe
    }

    /// Starts quarry; the caller waits for or kills it.
    static func start(_ arguments: [String], in directory: String? = nil, discardOutput: Bool = false) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        if discardOutput {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardOutput = out
            process.standardError = err
        }
        try process.run()
        return Running(process: process, standardOutputPipe: out, standardErrorPipe: err)
    }
}
