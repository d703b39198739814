// Options every command that runs work shares: the log format, and the stderr log handler
// (swift-log) that writes "quarry: warning: ..." lines, or one JSON object per line with
// `--log-format json` for machines.
import ArgumentParser
import Foundation
import Logging

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log format on stderr: text or json.")
    var logFormat: LogFormat = .text

    @Flag(name: .shortAndLong, help: "Only errors on stderr.")
    var quiet = false

    /// Installs the log handler (once per process).
    func bootstrap() {
        let format = logFormat
        let level: Logger.Level = quiet ? .error : .info
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in
                var handler = StderrLogHandler(label: label, format: format)
                handler.logLevel = level
                return handler
            }
        }
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()
    static func once(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if !done {
            done = true
            body()
        }
    }
}

/// Writes log records to stderr as text or JSON lines.
struct StderrLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line: String
        switch format {
        case .text:
            line = "quarry: \(event.level == .warning ? "warning" : event.level.rawValue): \(event.message)"
        case .json:
            var object: [String: String] = ["level": event.level.rawValue, "message": "\(event.message)", "logger": label]
            for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
