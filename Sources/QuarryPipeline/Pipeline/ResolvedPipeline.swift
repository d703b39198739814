// A pipeline with its components built from the registry and every option resolved (defaults
// filled in). Building it checks the whole file before any input is read or output written:
// unknown stage ids and options are errors naming the file, the line and the stage.
import QuarryCore
import QuarryIO

/// The writer whose compression a single output file's name sets.
let JSONLWriterID = JSONLWriter.id

/// A stage of a resolved pipeline.
struct PipelineStage: Sendable {
    var id: StageID
    var stage: any DocumentStage
}

/// A pipeline ready to run.
public struct ResolvedPipeline: Sendable {
    public let spec: PipelineSpec
    let reader: any DocumentReader
    let readerDescription: ComponentDescription
    /// Counting stages are replaced by their prepared twins before tasks run (CountingPass.swift).
    var stages: [PipelineStage]
    let writer: any DocumentWriter
    let rejectsWriter: any DocumentWriter
    /// The pipeline with every option resolved, as stored in the run store.
    let resolvedConfig: ConfigValue

    /// Builds every component of `spec`.
    /// - Parameter output: the `--output` of the run, when given. A single output file's name
    ///   (this or the pipeline's `output.directory`) sets the JSONL writer's compression.
    public init(_ spec: PipelineSpec, registry: StageRegistry = .builtin(), output: String? = nil) throws {
        self.spec = spec
        let target = output ?? spec.outputDirectory
        let writerOverrides = spec.writer.id == JSONLWriterID ? RunLayout.writerOverrides(for: target) : []
        func context<T>(_ what: String, line: Int?, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as ConfigError {
                throw ConfigError("\(what): \(error.message)", file: spec.file, line: error.line ?? line)
            }
        }
        let readerFactory = try context("input", line: spec.reader.line) { try registry.reader(spec.reader.id) }
        let reader = try context("input reader \(spec.reader.id)", line: spec.reader.line) {
            try readerFactory.make(spec.reader.options)
        }
        self.reader = reader.component
        readerDescription = readerFactory.description

        var stages: [PipelineStage] = []
        var stageConfigs: [ConfigValue] = []
        for (i, entry) in spec.stages.enumerated() {
            let built = try context("stages[\(i)] \(entry.id)", line: entry.line) {
                try registry.stage(entry.id).make(entry.options)
            }
            stages.append(PipelineStage(id: entry.id, stage: built.component))
            stageConfigs.append(.mapping([(entry.id.rawValue, built.resolvedOptions)]))
        }
        self.stages = stages

        var writerOptions = spec.writer.options?.entries ?? []
        for (key, value) in writerOverrides {
            writerOptions.removeAll { $0.key == key }
            writerOptions.append((key, value))
        }
        let writer = try context("output writer \(spec.writer.id)", line: spec.writer.line) {
            try registry.writer(spec.writer.id).make(writerOptions.isEmpty ? nil : .mapping(writerOptions))
        }
        self.writer = writer.component
        let rejects = try context("rejects writer \(spec.rejectsWriter.id)", line: spec.rejectsWriter.line) {
            try registry.writer(spec.rejectsWriter.id).make(spec.rejectsWriter.options)
        }
        rejectsWriter = rejects.component

        resolvedConfig = .mapping([
            ("version", .scalar("1")),
            ("name", .scalar(spec.name)),
            ("input", .mapping([("reader", .scalar(spec.reader.id.rawValue)), ("options", reader.resolvedOptions)])),
            ("stages", .sequence(stageConfigs)),
            ("output", .mapping([("writer", .scalar(spec.writer.id.rawValue)), ("options", writer.resolvedOptions)])),
            ("rejects", .mapping([("writer", .scalar(spec.rejectsWriter.id.rawValue)),
                                  ("directory", .scalar(spec.rejectsDirectory)),
                                  ("filtered", spec.writeFilteredDocuments.configValue),
                                  ("options", rejects.resolvedOptions)])),
        ])
    }

    /// The resolved pipeline as canonical JSON (what the run store records).
    public var resolvedConfigJSON: String { resolvedConfig.canonicalJSON }

    /// Stage ids by funnel position: the reader, the stages, the writer.
    var funnelIDs: [StageID] {
        [spec.reader.id] + stages.map(\.id) + [spec.writer.id]
    }
}
