// What pii_scrub_v1 does with a detected value (issue 6), and the per-type option maps of its
// pipeline entry (`actions: { PHONE: mask }`, `allowlist: { EMAIL: ["support@*"] }`).
// Actions follow the operators users know from Presidio's anonymizer (replace → `tag`, mask,
// redact → `remove`, keep) plus `pseudonym`, a consistent keyed fake (PIIPseudonyms.swift).
import QuarryCore

/// How a detected value is replaced.
public enum PIIAction: String, OptionEnum, Sendable {
    /// `<EMAIL>`: the type's tag.
    case tag
    /// The same number of characters, letters and digits replaced by the mask character,
    /// separators kept (`+49 30 1234567` → `+** ** *******`).
    case mask
    /// A consistent fake value of the same kind, derived with HMAC-SHA-256 under a secret key.
    case pseudonym
    /// Nothing: the value is deleted.
    case remove
    /// Left in place: detected, counted and reported in span files only.
    case keep
}

extension PIIType: OptionEnum {}

/// An option that maps entity type names to values, e.g. `{ PHONE: mask, EMAIL: tag }`.
public struct PerType<Value: OptionValue & Sendable>: OptionValue, Sendable {
    public var values: [(type: PIIType, value: Value)]

    public init(_ values: [(type: PIIType, value: Value)] = []) { self.values = values }

    public subscript(type: PIIType) -> Value? { values.last(where: { $0.type == type })?.value }

    public init(config: ConfigValue) throws {
        switch config.kind {
        case .null: values = []
        case .mapping(let entries):
            values = try entries.map { entry in
                guard let type = PIIType(rawValue: entry.key) else {
                    throw ConfigError("unknown entity type '\(entry.key)'; valid types: "
                                      + PIIType.allCases.map(\.rawValue).joined(separator: ", "), line: entry.value.line)
                }
                do {
                    return (type, try Value(config: entry.value))
                } catch let error as ConfigError {
                    throw ConfigError("\(entry.key): \(error.message)", line: error.line ?? entry.value.line)
                }
            }
        default: throw ConfigError("expected a mapping from entity types to values, found \(config.kindName)", line: config.line)
        }
    }

    public var configValue: ConfigValue { .mapping(values.map { (key: $0.type.rawValue, value: $0.value.configValue) }) }
    public static var typeDescription: String { "mapping of entity type to \(Value.typeDescription)" }
}
