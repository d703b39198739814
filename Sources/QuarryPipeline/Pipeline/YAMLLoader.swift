// Pipeline files are YAML (DESIGN.md §4.5), read with Yams into a ConfigValue tree that keeps
// scalars as text and remembers line numbers. The only file that imports Yams.
import QuarryCore
internal import Yams

enum YAMLLoader {
    /// Parses YAML text into a configuration tree; syntax errors name the file and line.
    static func load(_ text: String, file: String) throws -> ConfigValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError("not valid YAML: \(error)", file: file)
        } catch {
            throw ConfigError("not valid YAML: \(error)", file: file)
        }
        guard let node else { throw ConfigError("the file is empty", file: file) }
        return try convert(node, file: file)
    }

    private static func convert(_ node: Node, file: String) throws -> ConfigValue {
        let line = node.mark.map { $0.line }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return ConfigValue(.null, line: line)
            }
            return ConfigValue(.scalar(scalar.string, quoted: scalar.style != .plain), line: line)
        case .sequence(let sequence):
            return ConfigValue(.sequence(try sequence.map { try convert($0, file: file) }), line: line)
        case .mapping(let mapping):
            var entries: [(key: String, value: ConfigValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    throw ConfigError("mapping keys must be plain text", file: file, line: key.mark?.line)
                }
                if entries.contains(where: { $0.key == k.string }) {
                    throw ConfigError("key '\(k.string)' appears twice", file: file, line: key.mark?.line)
                }
                entries.append((k.string, try convert(value, file: file)))
            }
            return ConfigValue(.mapping(entries), line: line)
        case .alias:
            throw ConfigError("YAML aliases are not supported in pipeline files", file: file, line: line)
        }
    }
}
