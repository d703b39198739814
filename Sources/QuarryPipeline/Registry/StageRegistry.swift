// StageRegistry: the stages, readers and writers a pipeline file can name, built once from
// the lists in BuiltinStages.swift. Ids must be unique and well formed; an unknown id is an
// error that lists the valid ones (with a spelling suggestion). Each entry knows how to
// describe its options (`quarry stages`) and how to build itself from a configuration.
import QuarryCore

/// How `quarry stages` shows one option.
public struct OptionDescription: Sendable, Equatable {
    public var name: String
    public var type: String
    /// The default, as text ("none" when unset).
    public var defaultValue: String
    public var doc: String
    public var isRequired: Bool
}

/// What a registry entry is.
public enum ComponentKind: String, Sendable {
    case reader, stage, writer
}

/// A stage, reader or writer as the registry lists it.
public struct ComponentDescription: Sendable {
    public var kind: ComponentKind
    public var id: StageID
    public var summary: String
    public var options: [OptionDescription]
    /// For readers: the file endings they take.
    public var fileExtensions: [String]
}

/// A built component with its resolved options (defaults filled in).
struct Built<T> {
    var component: T
    var resolvedOptions: ConfigValue
}

/// Builds one kind of component from a configuration.
struct Factory<T>: Sendable {
    let description: ComponentDescription
    let make: @Sendable (ConfigValue?) throws -> Built<T>
}

extension OptionDescription {
    static func describe<O: StageOptions>(_ type: O.Type) -> [OptionDescription] {
        let defaults = O()
        return O.fields.map {
            OptionDescription(name: $0.name, type: $0.typeDescription, defaultValue: $0.valueText(in: defaults),
                              doc: $0.doc, isRequired: $0.isRequired)
        }
    }
}

/// The registry of everything a pipeline can name.
public struct StageRegistry: Sendable {
    let stages: [StageID: Factory<any DocumentStage>]
    let readers: [StageID: Factory<any DocumentReader>]
    let writers: [StageID: Factory<any DocumentWriter>]

    public init(stages: [any DocumentStage.Type], readers: [any DocumentReader.Type], writers: [any DocumentWriter.Type]) throws {
        var seen = Set<StageID>()
        func register<T>(_ factory: Factory<T>, into table: inout [StageID: Factory<T>]) throws {
            let id = factory.description.id
            guard id.isWellFormed else { throw ConfigError("'\(id)' is not a well-formed id (lower_snake_case_vN)") }
            guard seen.insert(id).inserted else { throw ConfigError("two components have the id '\(id)'") }
            table[id] = factory
        }
        var stageTable: [StageID: Factory<any DocumentStage>] = [:]
        var readerTable: [StageID: Factory<any DocumentReader>] = [:]
        var writerTable: [StageID: Factory<any DocumentWriter>] = [:]
        for type in stages { try register(Self.stageFactory(type), into: &stageTable) }
        for type in readers { try register(Self.readerFactory(type), into: &readerTable) }
        for type in writers { try register(Self.writerFactory(type), into: &writerTable) }
        self.stages = stageTable
        self.readers = readerTable
        self.writers = writerTable
    }

    static func stageFactory<S: DocumentStage>(_ type: S.Type) -> Factory<any DocumentStage> {
        Factory(description: ComponentDescription(kind: .stage, id: S.id, summary: S.summary,
                                                  options: OptionDescription.describe(S.Options.self), fileExtensions: [])) {
            let options = try S.Options(config: $0)
            return Built(component: try S(options: options), resolvedOptions: options.resolvedConfig)
        }
    }

    static func readerFactory<R: DocumentReader>(_ type: R.Type) -> Factory<any DocumentReader> {
        Factory(description: ComponentDescription(kind: .reader, id: R.id, summary: R.summary,
                                                  options: OptionDescription.describe(R.Options.self),
                                                  fileExtensions: R.fileExtensions)) {
            let options = try R.Options(config: $0)
            return Built(component: try R(options: options), resolvedOptions: options.resolvedConfig)
        }
    }

    static func writerFactory<W: DocumentWriter>(_ type: W.Type) -> Factory<any DocumentWriter> {
        Factory(description: ComponentDescription(kind: .writer, id: W.id, summary: W.summary,
                                                  options: OptionDescription.describe(W.Options.self), fileExtensions: [])) {
            let options = try W.Options(config: $0)
            return Built(component: try W(options: options), resolvedOptions: options.resolvedConfig)
        }
    }

    /// Every component, readers first, then stages, then writers, each sorted by id.
    public var all: [ComponentDescription] {
        readers.values.map(\.description).sorted { $0.id < $1.id }
            + stages.values.map(\.description).sorted { $0.id < $1.id }
            + writers.values.map(\.description).sorted { $0.id < $1.id }
    }

    func stage(_ id: StageID) throws -> Factory<any DocumentStage> {
        try lookup(id, in: stages, kind: "stage")
    }

    func reader(_ id: StageID) throws -> Factory<any DocumentReader> {
        try lookup(id, in: readers, kind: "reader")
    }

    func writer(_ id: StageID) throws -> Factory<any DocumentWriter> {
        try lookup(id, in: writers, kind: "writer")
    }

    private func lookup<T>(_ id: StageID, in table: [StageID: Factory<T>], kind: String) throws -> Factory<T> {
        if let factory = table[id] { return factory }
        let valid = table.keys.map(\.rawValue).sorted()
        var message = "unknown \(kind) '\(id)'"
        if let near = closestMatch(to: id.rawValue, in: valid) { message += " (did you mean '\(near)'?)" }
        if all.contains(where: { $0.id == id }) { message += "; '\(id)' is not a \(kind)" }
        throw ConfigError(message + "; valid \(kind)s: " + valid.joined(separator: ", "))
    }
}
