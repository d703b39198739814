// The filter presets of `quarry filter --preset NAME`: the field's published filter stacks as
// pipeline snippets (pipelines/presets/*.yaml, embedded in the binary by
// scripts/embed-presets.py), so a preset and the file a user pastes into a pipeline are the
// same text. Each preset is a list of stages with their options.
import QuarryCore

/// A published stack of quality filters.
public enum FilterPreset: String, CaseIterable, Sendable {
    /// Gopher's repetition and quality rules (Rae et al. 2021).
    case gopher
    /// C4's line rules and bad-words list (Raffel et al. 2020).
    case c4
    /// FineWeb's stack: Gopher, C4 without the terminal-punctuation rule, FineWeb's rules.
    case fineweb
    /// FineWeb2's stack with per-language thresholds for 43 languages.
    case fineweb2

    /// The preset's YAML snippet, as in pipelines/presets/NAME.yaml.
    public var text: String { Self.texts[rawValue] ?? "" }

    /// The preset's stages, in order.
    public func stages() throws -> [PipelineSpec.Component] {
        let file = "pipelines/presets/\(rawValue).yaml"
        let root = try YAMLLoader.load(text, file: file)
        guard let list = root["stages"], case .sequence(let items) = list.kind else {
            throw ConfigError("the preset has no 'stages' list", file: file)
        }
        return try items.map { try PipelineSpec.stage($0) }
    }

    /// The preset named `name`, or a ConfigError listing the presets.
    public static func named(_ name: String) throws -> FilterPreset {
        guard let preset = FilterPreset(rawValue: name) else {
            throw ConfigError("unknown preset '\(name)'; presets: " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return preset
    }
}
