// The pipeline file model (DESIGN.md §4.5):
//
//   version: 1
//   name: web-en
//   input:   { reader: jsonl_v1, paths: ["samples/jsonl/*.jsonl"], <reader options> }
//   stages:  [ { text_normalize_v1: { form: nfc } }, length_filter_v1, ... ]
//   output:  { writer: jsonl_writer_v1, directory: out/web-en, <writer options> }
//   rejects: { writer: rejects_writer_v1, directory: rejects, filtered: true, <writer options> }
//
// Unknown keys are errors that name the file, the line and the valid keys; stage and option
// checks against the registry happen when the pipeline is resolved. Relative paths are taken
// from the current directory.
import Foundation
import QuarryCore

/// A pipeline as written in a file, before its components are looked up.
public struct PipelineSpec: Sendable {
    public struct Component: Sendable {
        public var id: StageID
        public var options: ConfigValue?
        public var line: Int?

        public init(id: StageID, options: ConfigValue? = nil, line: Int? = nil) {
            self.id = id
            self.options = options
            self.line = line
        }
    }

    /// The file the pipeline came from, for messages.
    public var file: String
    public var name: String
    public var description: String?
    public var reader: Component
    public var paths: [String]
    public var stages: [Component]
    public var writer: Component
    /// Where outputs go; `--output` overrides it.
    public var outputDirectory: String?
    public var rejectsWriter: Component
    /// Directory of set-aside documents, relative to the run directory unless absolute.
    public var rejectsDirectory: String
    /// Whether documents dropped by stages are written too (bad input records always are).
    public var writeFilteredDocuments: Bool

    static let topLevelKeys = ["version", "name", "description", "input", "stages", "output", "rejects"]

    public init(file: String, name: String, reader: Component, paths: [String], stages: [Component],
                writer: Component, outputDirectory: String?, rejectsWriter: Component? = nil,
                rejectsDirectory: String = "rejects", writeFilteredDocuments: Bool = false) {
        self.file = file
        self.name = name
        self.reader = reader
        self.paths = paths
        self.stages = stages
        self.writer = writer
        self.outputDirectory = outputDirectory
        self.rejectsWriter = rejectsWriter ?? Component(id: "rejects_writer_v1")
        self.rejectsDirectory = rejectsDirectory
        self.writeFilteredDocuments = writeFilteredDocuments
    }

    /// Reads and parses a pipeline file.
    public static func load(path: String) throws -> PipelineSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read the pipeline file", file: path)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError("the pipeline file is not UTF-8 text", file: path)
        }
        return try parse(text, file: path)
    }

    /// Parses a pipeline file's text.
    public static func parse(_ text: String, file: String) throws -> PipelineSpec {
        let root = try YAMLLoader.load(text, file: file)
        do {
            return try parse(root, file: file)
        } catch let error as ConfigError {
            throw error.located(file: file)
        }
    }

    static func parse(_ root: ConfigValue, file: String) throws -> PipelineSpec {
        let entries = try mapping(root, "the pipeline")
        try rejectUnknown(entries, valid: topLevelKeys, in: "the pipeline")
        guard let version = root["version"] else { throw ConfigError("missing 'version: 1'", line: root.line) }
        guard version.scalarText == "1" else {
            throw ConfigError("unsupported pipeline version '\(version.scalarText ?? version.kindName)'; this Quarry reads version 1",
                              line: version.line)
        }
        let name = try root["name"].map { try String(config: $0) } ?? defaultName(file)

        guard let input = root["input"] else { throw ConfigError("missing 'input'", line: root.line) }
        var (reader, readerRest) = try component(input, key: "reader", section: "input")
        let pathsValue = readerRest.first(where: { $0.key == "paths" })?.value
        readerRest.removeAll { $0.key == "paths" }
        guard let pathsValue else { throw ConfigError("input: missing 'paths' (files, directories or globs)", line: input.line) }
        let paths: [String]
        if case .scalar = pathsValue.kind { paths = [try String(config: pathsValue)] } else { paths = try [String](config: pathsValue) }
        guard !paths.isEmpty else { throw ConfigError("input: 'paths' is empty", line: pathsValue.line) }
        reader.options = readerRest.isEmpty ? nil : ConfigValue(.mapping(readerRest), line: input.line)

        var stages: [Component] = []
        if let list = root["stages"], case .sequence(let items) = list.kind {
            for item in items { stages.append(try stage(item)) }
        } else if let list = root["stages"], !list.isNullValue {
            throw ConfigError("'stages' must be a list", line: list.line)
        }

        guard let output = root["output"] else { throw ConfigError("missing 'output'", line: root.line) }
        var (writer, writerRest) = try component(output, key: "writer", section: "output")
        let directory = try take("directory", from: &writerRest).map { try String(config: $0) }
        writer.options = writerRest.isEmpty ? nil : ConfigValue(.mapping(writerRest), line: output.line)

        var spec = PipelineSpec(file: file, name: name, reader: reader, paths: paths, stages: stages, writer: writer,
                                outputDirectory: directory)
        spec.description = try root["description"].map { try String(config: $0) }
        if let rejects = root["rejects"] {
            var (rejectsWriter, rest) = try component(rejects, key: "writer", section: "rejects", default: "rejects_writer_v1")
            if let dir = try take("directory", from: &rest) { spec.rejectsDirectory = try String(config: dir) }
            if let filtered = try take("filtered", from: &rest) { spec.writeFilteredDocuments = try Bool(config: filtered) }
            rejectsWriter.options = rest.isEmpty ? nil : ConfigValue(.mapping(rest), line: rejects.line)
            spec.rejectsWriter = rejectsWriter
        }
        return spec
    }

    /// A stage entry: `id` or `{ id: { options } }`.
    static func stage(_ item: ConfigValue) throws -> Component {
        switch item.kind {
        case .scalar(let id, _):
            return Component(id: StageID(id), options: nil, line: item.line)
        case .mapping(let entries) where entries.count == 1:
            let options = entries[0].value
            if case .sequence = options.kind {
                throw ConfigError("stage \(entries[0].key): options must be a mapping, found a list", line: options.line)
            }
            if case .scalar = options.kind {
                throw ConfigError("stage \(entries[0].key): options must be a mapping, found '\(options.scalarText ?? "")'",
                                  line: options.line)
            }
            return Component(id: StageID(entries[0].key), options: options, line: item.line)
        default:
            throw ConfigError("each stage is a stage id, or a mapping from one stage id to its options", line: item.line)
        }
    }

    /// Splits `{ <key>: id, other: ... }` into the component id and the other entries.
    static func component(_ value: ConfigValue, key: String, section: String, default fallback: StageID? = nil) throws
        -> (Component, [(key: String, value: ConfigValue)])
    {
        var entries = try mapping(value, section)
        let idValue = try take(key, from: &entries)
        guard let id = try idValue.map({ StageID(try String(config: $0)) }) ?? fallback else {
            throw ConfigError("\(section): missing '\(key)'", line: value.line)
        }
        return (Component(id: id, options: nil, line: idValue?.line ?? value.line), entries)
    }

    static func take(_ key: String, from entries: inout [(key: String, value: ConfigValue)]) throws -> ConfigValue? {
        guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
        return entries.remove(at: i).value
    }

    static func mapping(_ value: ConfigValue, _ what: String) throws -> [(key: String, value: ConfigValue)] {
        guard let entries = value.entries else { throw ConfigError("\(what) must be a mapping, found \(value.kindName)", line: value.line) }
        return entries
    }

    static func rejectUnknown(_ entries: [(key: String, value: ConfigValue)], valid: [String], in what: String) throws {
        for (key, value) in entries where !valid.contains(key) {
            var message = "unknown key '\(key)' in \(what)"
            if let near = closestMatch(to: key, in: valid) { message += " (did you mean '\(near)'?)" }
            throw ConfigError(message + "; valid keys: " + valid.joined(separator: ", "), line: value.line)
        }
    }

    static func defaultName(_ file: String) -> String {
        var base = String(file.split(separator: "/").last ?? Substring(file))
        for ext in [".yaml", ".yml"] where base.hasSuffix(ext) { base.removeLast(ext.count) }
        return base
    }
}

extension ConfigValue {
    var isNullValue: Bool { if case .null = kind { return true }; return false }
}
