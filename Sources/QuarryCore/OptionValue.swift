// OptionValue: the types an option can have, and how each reads a configuration scalar.
// Booleans are only `true` / `false` and strings take any scalar as written, so YAML's
// implicit typing never changes what a user meant.

/// A type an option can have.
public protocol OptionValue {
    init(config: ConfigValue) throws
    var configValue: ConfigValue { get }
    /// How `quarry stages` names the type: `integer`, `list of strings`, `nfc | nfkc | none`.
    static var typeDescription: String { get }
}

extension ConfigValue {
    /// The scalar text, or a ConfigError naming what was expected.
    public func scalar(expecting what: String) throws -> String {
        guard case .scalar(let text, _) = kind else {
            throw ConfigError("expected \(what), found \(kindName)", line: line)
        }
        return text
    }
}

extension String: OptionValue {
    public init(config: ConfigValue) throws { self = try config.scalar(expecting: "a string") }
    public var configValue: ConfigValue { .scalar(self, quoted: true) }
    public static var typeDescription: String { "string" }
}

extension Int: OptionValue {
    public init(config: ConfigValue) throws {
        let text = try config.scalar(expecting: "an integer")
        guard let value = Int(text.filter { $0 != "_" }) else {
            throw ConfigError("expected an integer, found '\(text)'", line: config.line)
        }
        self = value
    }
    public var configValue: ConfigValue { .scalar(String(self)) }
    public static var typeDescription: String { "integer" }
}

extension Double: OptionValue {
    public init(config: ConfigValue) throws {
        let text = try config.scalar(expecting: "a number")
        guard let value = Double(text.filter { $0 != "_" }), value.isFinite else {
            throw ConfigError("expected a number, found '\(text)'", line: config.line)
        }
        self = value
    }
    public var configValue: ConfigValue { .scalar(description) }
    public static var typeDescription: String { "number" }
}

extension Bool: OptionValue {
    public init(config: ConfigValue) throws {
        let text = try config.scalar(expecting: "true or false")
        switch text {
        case "true": self = true
        case "false": self = false
        default: throw ConfigError("expected true or false, found '\(text)'", line: config.line)
        }
    }
    public var configValue: ConfigValue { .scalar(self ? "true" : "false") }
    public static var typeDescription: String { "boolean" }
}

extension Optional: OptionValue where Wrapped: OptionValue {
    public init(config: ConfigValue) throws {
        if case .null = config.kind { self = nil } else { self = try Wrapped(config: config) }
    }
    public var configValue: ConfigValue { self?.configValue ?? .null }
    public static var typeDescription: String { Wrapped.typeDescription + " or null" }
}

extension Array: OptionValue where Element: OptionValue {
    public init(config: ConfigValue) throws {
        guard case .sequence(let items) = config.kind else {
            throw ConfigError("expected a list of \(Element.typeDescription)s, found \(config.kindName)", line: config.line)
        }
        self = try items.map { try Element(config: $0) }
    }
    public var configValue: ConfigValue { .sequence(map(\.configValue)) }
    public static var typeDescription: String { "list of \(Element.typeDescription)s" }
}

/// An option with a fixed set of spellings: conform a `String` enum with `CaseIterable`.
public protocol OptionEnum: OptionValue, RawRepresentable<String>, CaseIterable {}

extension OptionEnum {
    public init(config: ConfigValue) throws {
        let text = try config.scalar(expecting: "one of " + Self.choices)
        guard let value = Self(rawValue: text) else {
            throw ConfigError("expected one of \(Self.choices), found '\(text)'", line: config.line)
        }
        self = value
    }
    public var configValue: ConfigValue { .scalar(rawValue) }
    public static var typeDescription: String { Self.allCases.map(\.rawValue).joined(separator: " | ") }
    static var choices: String { Self.allCases.map(\.rawValue).joined(separator: ", ") }
}
