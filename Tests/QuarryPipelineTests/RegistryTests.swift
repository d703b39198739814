// The registry: ids unique and well formed, every component builds from an empty mapping
// (its defaults) and documents every option with a sentence.
import QuarryCore
import QuarryPipeline
import Testing

@Suite struct RegistryTests {
    @Test func everyComponentIsWellFormedAndDocumented() throws {
        let all = StageRegistry.builtin().all
        #expect(Set(all.map(\.id)).count == all.count)
        for component in all {
            #expect(component.id.isWellFormed, "\(component.id)")
            #expect(!component.summary.isEmpty)
            #expect(Set(component.options.map(\.name)).count == component.options.count)
            for option in component.options {
                #expect(option.doc.count > 20, "\(component.id).\(option.name) needs a real sentence")
                #expect(option.name.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber })
            }
        }
        #expect(all.contains { $0.id == "jsonl_v1" && $0.kind == .reader })
        #expect(all.contains { $0.id == "text_normalize_v1" && $0.kind == .stage })
        #expect(all.contains { $0.id == "length_filter_v1" && $0.kind == .stage })
        #expect(all.contains { $0.id == "jsonl_writer_v1" && $0.kind == .writer })
        #expect(all.contains { $0.id == "rejects_writer_v1" && $0.kind == .writer })
    }

    @Test func everyComponentBuildsWithItsDefaults() throws {
        // Stages with required options: metadata_filter_v1 needs a condition, classifier_v1 a model, tokenize_v1 a tokenizer.
        let needsOptions: Set<StageID> = ["metadata_filter_v1", "classifier_v1", "tokenize_v1"]
        for component in StageRegistry.builtin().all where component.kind == .stage {
            let yaml = """
                version: 1
                input: { reader: jsonl_v1, paths: [a.jsonl] }
                stages: [ \(component.id) ]
                output: { writer: jsonl_writer_v1, directory: out }
                """
            if needsOptions.contains(component.id) {
                #expect(throws: ConfigError.self) { _ = try ResolvedPipeline(try PipelineSpec.parse(yaml, file: "p.yaml")) }
            } else {
                _ = try ResolvedPipeline(try PipelineSpec.parse(yaml, file: "p.yaml"))
            }
        }
    }

    @Test func duplicateIdsAreRejected() {
        #expect(throws: ConfigError.self) {
            _ = try StageRegistry(stages: [], readers: [], writers: [DuplicateA.self, DuplicateB.self])
        }
    }
}

struct DuplicateA: DocumentWriter {
    struct Options: StageOptions {
        static var fields: [OptionField<Options>] { [] }
    }
    static let id: StageID = "same_v1"
    static let summary = "test"
    init(options: Options) {}
    func encode(_ documents: [Document]) throws -> EncodedChunk { EncodedChunk(bytes: ByteBuffer(), documents: 0) }
    func openOutput(_ target: OutputTarget) throws -> any WriterOutput { fatalError("unused") }
    func outputPaths(_ target: OutputTarget) -> [String] { [] }
}

struct DuplicateB: DocumentWriter {
    typealias Options = DuplicateA.Options
    static let id: StageID = "same_v1"
    static let summary = "test"
    init(options: Options) {}
    func encode(_ documents: [Document]) throws -> EncodedChunk { EncodedChunk(bytes: ByteBuffer(), documents: 0) }
    func openOutput(_ target: OutputTarget) throws -> any WriterOutput { fatalError("unused") }
    func outputPaths(_ target: OutputTarget) -> [String] { [] }
}
