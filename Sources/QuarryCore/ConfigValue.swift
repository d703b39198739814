// ConfigValue: a configuration tree as written in a pipeline file or built from command-line
// flags. Scalars keep their text and get a type only when an option asks for one, so YAML 1.1
// surprises (`no` read as false, `1.10` read as 1.1) never reach a stage, and every value
// remembers the line it came from for error messages.

/// A node of a configuration tree.
public struct ConfigValue: Sendable {
    public enum Kind: Sendable {
        case null
        /// A scalar's text, and whether it was quoted in the source.
        case scalar(String, quoted: Bool)
        case sequence([ConfigValue])
        case mapping([(key: String, value: ConfigValue)])
    }

    public var kind: Kind
    /// 1-based line in the source file, when the value came from one.
    public var line: Int?

    public init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }

    public static func scalar(_ text: String, quoted: Bool = false) -> ConfigValue {
        ConfigValue(.scalar(text, quoted: quoted))
    }

    public static func mapping(_ entries: [(key: String, value: ConfigValue)]) -> ConfigValue {
        ConfigValue(.mapping(entries))
    }

    public static func sequence(_ items: [ConfigValue]) -> ConfigValue {
        ConfigValue(.sequence(items))
    }

    public static let null = ConfigValue(.null)

    /// The entries of a mapping, or nil.
    public var entries: [(key: String, value: ConfigValue)]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> ConfigValue? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// A scalar's text, or nil.
    public var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// What kind of node this is, for error messages.
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Canonical JSON text of the tree: scalars as strings, keys in their written order.
    /// Used to store the resolved pipeline and to tell whether a run's pipeline changed.
    public var canonicalJSON: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    private func appendJSON(to out: inout String) {
        switch kind {
        case .null: out += "null"
        case .scalar(let text, _): out += JSONText.quoted(text)
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.appendJSON(to: &out)
            }
            out += "]"
        case .mapping(let entries):
            out += "{"
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quoted(entry.key) + ":"
                entry.value.appendJSON(to: &out)
            }
            out += "}"
        }
    }
}

/// Minimal JSON string quoting for small texts (configuration, reports), escaping as Python's
/// json.dumps(ensure_ascii=False) does. Corpus text goes through QuarryIO's byte-level writer.
public enum JSONText {
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
