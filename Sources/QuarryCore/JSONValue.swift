// JSONValue: the value type of document metadata (DESIGN.md §3, §4.1). Objects keep their key
// order, and numbers keep the literal they were read with, so metadata read from a JSONL file
// is written back byte for byte (RFC 8259 values; duplicate keys keep the last value).
@_exported import OrderedCollections

/// An ordered JSON object: keys keep the order they were first inserted in.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON value as it appears in document metadata.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number, stored as its literal text so that it round-trips exactly
/// (`1.0` stays `1.0`, a 20-digit id stays 20 digits).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as JSON text, e.g. `-12`, `0.5`, `1e-7`.
    public let literal: String

    /// Wraps a literal that the caller has already checked against the JSON number grammar.
    public init(validatedLiteral literal: String) { self.literal = literal }

    public init(_ value: Int) { literal = String(value) }

    /// A finite double, written in Swift's shortest round-tripping form; nil for NaN and
    /// infinities, which JSON cannot spell.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        literal = value.description
    }

    /// The value as a double (JSON numbers are doubles in most consumers).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// The value as an integer when the literal is one (no fraction, no exponent) and fits.
    public var intValue: Int? { Int(literal) }

    public var description: String { literal }
}

extension JSONValue {
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var doubleValue: Double? { if case .number(let n) = self { return n.doubleValue }; return nil }
    public var intValue: Int? { if case .number(let n) = self { return n.intValue }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// A finite double as a JSON number; NaN and infinities become `null`.
    public static func double(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
