// Pipeline files: what parses, and the errors for what does not, each naming the file, the
// line and the valid choices (DESIGN.md §3: unknown keys and ids are errors that list the
// valid ones; a bad pipeline file fails before any output is written).
import QuarryCore
import QuarryPipeline
import Testing

@Suite struct PipelineSpecTests {
    let good = """
        version: 1
        name: demo
        input: { reader: jsonl_v1, paths: ["a.jsonl"], text_key: body }
        stages:
          - text_normalize_v1: { form: nfkc }
          - length_filter_v1: { min_words: 3 }
          - length_filter_v1
        output: { writer: jsonl_writer_v1, directory: out/demo, compression: gzip }
        rejects: { filtered: true }
        """

    func error(_ yaml: String, file: String = "p.yaml") -> ConfigError? {
        do {
            let spec = try PipelineSpec.parse(yaml, file: file)
            _ = try ResolvedPipeline(spec)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func parsesAWellFormedPipeline() throws {
        let spec = try PipelineSpec.parse(good, file: "p.yaml")
        #expect(spec.name == "demo")
        #expect(spec.reader.id == "jsonl_v1")
        #expect(spec.paths == ["a.jsonl"])
        #expect(spec.stages.map(\.id) == ["text_normalize_v1", "length_filter_v1", "length_filter_v1"])
        #expect(spec.writer.id == "jsonl_writer_v1")
        #expect(spec.outputDirectory == "out/demo")
        #expect(spec.writeFilteredDocuments)
        #expect(spec.rejectsWriter.id == "rejects_writer_v1")
        _ = try ResolvedPipeline(spec)
    }

    @Test func unknownTopLevelKeyNamesTheLineAndTheValidKeys() throws {
        let e = try #require(error(good.replacingOccurrences(of: "name: demo", with: "nmae: demo")))
        #expect(e.file == "p.yaml")
        #expect(e.line == 2)
        #expect(e.message.contains("unknown key 'nmae'"))
        #expect(e.message.contains("did you mean 'name'"))
        #expect(e.message.contains("valid keys: version, name"))
    }

    @Test func unknownStageIsAnErrorWithSuggestionsAndTheValidStages() throws {
        let e = try #require(error(good.replacingOccurrences(of: "- length_filter_v1: { min_words: 3 }",
                                                              with: "- lenght_filter_v1: { min_words: 3 }")))
        #expect(e.line == 6)
        #expect(e.message.contains("unknown stage 'lenght_filter_v1'"))
        #expect(e.message.contains("did you mean 'length_filter_v1'"))
        let stageIDs = StageRegistry.builtin().all.filter { $0.kind == .stage }.map(\.id.rawValue)
        #expect(stageIDs.contains("length_filter_v1"))
        #expect(e.message.contains("valid stages: " + stageIDs.joined(separator: ", ")))
    }

    @Test func unknownOptionNamesTheStageAndTheValidOptions() throws {
        let e = try #require(error(good.replacingOccurrences(of: "min_words: 3", with: "min_word: 3")))
        #expect(e.line == 6)
        #expect(e.message.contains("stages[1] length_filter_v1"))
        #expect(e.message.contains("unknown option 'min_word'"))
        #expect(e.message.contains("did you mean 'min_words'"))
        #expect(e.message.contains("max_bytes"))
    }

    @Test func wrongTypesAndBadChoicesAreExplained() throws {
        let number = try #require(error(good.replacingOccurrences(of: "min_words: 3", with: "min_words: many")))
        #expect(number.message.contains("expected an integer, found 'many'"))
        let choice = try #require(error(good.replacingOccurrences(of: "form: nfkc", with: "form: nfx")))
        #expect(choice.message.contains("expected one of nfc, nfkc"))
        let readerOption = try #require(error(good.replacingOccurrences(of: "text_key: body", with: "text_keys: body")))
        #expect(readerOption.message.contains("input reader jsonl_v1"))
        #expect(readerOption.message.contains("unknown option 'text_keys'"))
        let writerOption = try #require(error(good.replacingOccurrences(of: "compression: gzip", with: "compression: lz4")))
        #expect(writerOption.message.contains("expected one of auto, none, gzip, zstd, bzip2"))
    }

    @Test func structuralMistakes() throws {
        #expect(error("version: 2\ninput: {reader: jsonl_v1, paths: [a]}\noutput: {writer: jsonl_writer_v1}")?
            .message.contains("unsupported pipeline version '2'") == true)
        #expect(error("name: x\ninput: {reader: jsonl_v1, paths: [a]}\noutput: {writer: jsonl_writer_v1}")?
            .message.contains("missing 'version: 1'") == true)
        #expect(error("version: 1\ninput: {reader: jsonl_v1}\noutput: {writer: jsonl_writer_v1}")?
            .message.contains("missing 'paths'") == true)
        #expect(error("version: 1\ninput: {reader: jsonl_v1, paths: [a]}\nstages: [ {a_v1: {}, b_v1: {}} ]\noutput: {writer: jsonl_writer_v1}")?
            .message.contains("mapping from one stage id") == true)
        #expect(error("version: 1\ninput: {reader: jsonl_writer_v1, paths: [a]}\noutput: {writer: jsonl_writer_v1}")?
            .message.contains("is not a reader") == true)
        #expect(error("version: 1\ninput: [oops\n")?.message.contains("not valid YAML") == true)
        #expect(error("")?.message.contains("empty") == true)
    }

    @Test func yamlImplicitTypesDoNotLeakIntoStrings() throws {
        // `no` is Norwegian, not false; `1.10` is a version string, not 1.1.
        let spec = try PipelineSpec.parse("""
            version: 1
            input: { reader: jsonl_v1, paths: [no, 1.10] }
            output: { writer: jsonl_writer_v1 }
            """, file: "p.yaml")
        #expect(spec.paths == ["no", "1.10"])
        #expect(spec.name == "p")
    }

    @Test func stageOptionsAreResolvedWithDefaults() throws {
        let spec = try PipelineSpec.parse(good, file: "p.yaml")
        let resolved = try ResolvedPipeline(spec)
        let json = resolved.resolvedConfigJSON
        #expect(json.contains(#""form":"nfkc""#))
        #expect(json.contains(#""min_words":"3""#))
        #expect(json.contains(#""max_blank_lines""#))
    }
}
