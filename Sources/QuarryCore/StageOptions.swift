// Stage options: each stage, reader and writer declares its options once, as a table of
// fields with a name, a doc sentence and a default (the value in `init()`). The same table
// decodes a pipeline file's mapping (unknown keys are errors that list the valid ones),
// describes the options for `quarry stages`, and writes the resolved configuration, defaults
// included, into the run store.

/// Options of a stage, reader or writer.
public protocol StageOptions: Sendable {
    /// All defaults.
    init()
    /// The options, in the order `quarry stages` shows them.
    static var fields: [OptionField<Self>] { get }
    /// Checks relations between options (min below max ...). Throws a ConfigError.
    func validate() throws
}

extension StageOptions {
    public func validate() throws {}

    /// Decodes options from a mapping (or null for all defaults). Unknown keys, values of the
    /// wrong type and missing required options are errors naming the option and the choices.
    public init(config: ConfigValue?) throws {
        self.init()
        try apply(config, checkingRequired: true)
    }

    /// Sets the options a mapping names, on top of the current values (used for per-language
    /// overrides of a filter's thresholds), then validates the result. Required options are
    /// checked only when `checkingRequired`.
    public mutating func apply(_ config: ConfigValue?, checkingRequired: Bool = false) throws {
        let fields = Self.fields
        let entries: [(key: String, value: ConfigValue)]
        switch config?.kind {
        case nil, .null?: entries = []
        case .mapping(let e)?: entries = e
        default: throw ConfigError("options must be a mapping, found \(config!.kindName)", line: config?.line)
        }
        var seen = Set<String>()
        for (key, value) in entries {
            guard let field = fields.first(where: { $0.name == key }) else {
                let valid = fields.map(\.name).sorted()
                let hint = valid.isEmpty ? "this takes no options" : "valid options: " + valid.joined(separator: ", ")
                var message = "unknown option '\(key)'"
                if let near = closestMatch(to: key, in: valid) { message += " (did you mean '\(near)'?)" }
                throw ConfigError(message + "; " + hint, line: value.line)
            }
            guard seen.insert(key).inserted else {
                throw ConfigError("option '\(key)' is given twice", line: value.line)
            }
            do {
                try field.read(&self, value)
            } catch let error as ConfigError {
                throw ConfigError("option '\(key)': \(error.message)", line: error.line ?? value.line)
            }
        }
        for field in fields where checkingRequired && field.isRequired && !seen.contains(field.name) {
            throw ConfigError("missing required option '\(field.name)': \(field.doc)", line: config?.line)
        }
        do {
            try validate()
        } catch let error as ConfigError {
            throw error.located(file: nil, line: config?.line)
        }
    }

    /// Every option with its value, defaults included, as a mapping.
    public var resolvedConfig: ConfigValue {
        .mapping(Self.fields.map { (key: $0.name, value: $0.write(self)) })
    }
}

/// One option of a `StageOptions` type.
public struct OptionField<Root> {
    public let name: String
    public let doc: String
    public let typeDescription: String
    public let isRequired: Bool
    let read: (inout Root, ConfigValue) throws -> Void
    let write: (Root) -> ConfigValue

    /// - Parameters:
    ///   - name: the key in pipeline files, snake_case.
    ///   - keyPath: the property it sets.
    ///   - doc: a sentence saying what it does, with its unit.
    ///   - required: whether a pipeline must set it (otherwise the `init()` value is the default).
    public init<V: OptionValue>(_ name: String, _ keyPath: WritableKeyPath<Root, V>, doc: String,
                                required: Bool = false) {
        self.name = name
        self.doc = doc
        self.isRequired = required
        self.typeDescription = V.typeDescription
        self.read = { root, config in root[keyPath: keyPath] = try V(config: config) }
        self.write = { root in root[keyPath: keyPath].configValue }
    }

    /// The option's value in `options`, as text (`quarry stages` shows the default this way):
    /// lists of scalars in YAML flow style, as a pipeline file would write them (`[0]`,
    /// `[text/html, text/plain]`: scalars carry no type, so JSON would quote the numbers).
    public func valueText(in options: Root) -> String {
        let value = write(options)
        switch value.kind {
        case .null: return "none"
        case .scalar(let s, _): return s
        case .sequence(let items):
            let scalars = items.compactMap { item -> String? in
                if case .scalar(let s, _) = item.kind, !s.isEmpty, !s.contains(where: { ",[]{}:#\"'".contains($0) }) { return s }
                return nil
            }
            return scalars.count == items.count ? "[" + scalars.joined(separator: ", ") + "]" : value.canonicalJSON
        default: return value.canonicalJSON
        }
    }
}

/// Suggests the valid name closest to a misspelled one (edit distance at most 3).
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
    let w = Array(word.utf8)
    let best = candidates.map { (name: $0, d: distance(w, Array($0.utf8))) }.min { $0.d < $1.d }
    guard let best, best.d <= min(3, max(1, w.count / 2)) else { return nil }
    return best.name
}
