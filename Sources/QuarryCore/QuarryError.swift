// Typed errors shared by every module. Configuration errors stop a run before any output is
// written (exit code 2); input errors name the file and byte offset.

/// A mistake in a pipeline file, an option or a command line.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The file the mistake is in, when there is one.
    public var file: String?
    /// 1-based line in `file`.
    public var line: Int?

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }

    /// The same error, placed in a file (keeps a more precise place already set).
    public func located(file: String?, line: Int? = nil) -> ConfigError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        return copy
    }
}

/// An input that cannot be read at all (missing, unreadable): an error before or during a
/// task. Damaged records inside a readable input are `InputIssue`s instead and do not stop a run.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var offset: Int64?
    public var message: String

    public init(file: String, offset: Int64? = nil, _ message: String) {
        self.file = file
        self.offset = offset
        self.message = message
    }

    public var description: String {
        if let offset { return "\(file): byte \(offset): \(message)" }
        return "\(file): \(message)"
    }
}

/// Damage found in an input: a record that could not be read, with where it is. The record is
/// counted under its `kind` and set aside in `rejects/`; the rest of the input is processed.
public struct InputIssue: Sendable, Hashable, CustomStringConvertible {
    /// The input file, as named on the command line or in the pipeline.
    public var file: String
    /// Byte offset of the damage: in the decompressed stream for records, in the file itself
    /// for compression damage (see `offsetIsCompressed`).
    public var offset: Int64
    public var offsetIsCompressed: Bool
    /// 1-based line number, when the reader knows it.
    public var line: Int64?
    /// snake_case kind, used as the drop reason: `invalid_json`, `record_too_large`,
    /// `corrupt_gzip`, `truncated_input` ...
    public var kind: String
    public var message: String
    /// The first bytes of the bad record (at most a few KiB), to set aside for inspection.
    public var sample: [UInt8]
    /// Size of the bad record in bytes, when known.
    public var length: Int64?

    public init(file: String, offset: Int64, offsetIsCompressed: Bool = false, line: Int64? = nil,
                kind: String, message: String, sample: [UInt8] = [], length: Int64? = nil) {
        self.file = file
        self.offset = offset
        self.offsetIsCompressed = offsetIsCompressed
        self.line = line
        self.kind = kind
        self.message = message
        self.sample = sample
        self.length = length
    }

    public var description: String {
        var place = offsetIsCompressed ? "compressed byte \(offset)" : "byte \(offset)"
        if let line { place = "line \(line), " + place }
        return "\(file): \(place): \(message)"
    }
}
