// Filter presets: every preset parses and resolves (each stage exists and its options are valid,
// so a typo in a preset fails here, not in a user's run), and the copy embedded in the binary is
// the file in pipelines/presets/ (run scripts/embed-presets.py after editing one).
import Foundation
import QuarryCore
@testable import QuarryPipeline
import Testing

@Test(arguments: FilterPreset.allCases)
func presetResolves(_ preset: FilterPreset) throws {
    let stages = try preset.stages()
    #expect(!stages.isEmpty)
    let spec = PipelineSpec(file: "test", name: "preset", reader: .init(id: "jsonl_v1"), paths: ["x.jsonl"],
                            stages: stages, writer: .init(id: "jsonl_writer_v1"), outputDirectory: nil)
    _ = try ResolvedPipeline(spec, output: "/tmp/quarry-preset-test")
}

@Test(arguments: FilterPreset.allCases)
func embeddedPresetMatchesItsFile(_ preset: FilterPreset) throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = try String(contentsOf: repository.appendingPathComponent("pipelines/presets/\(preset.rawValue).yaml"), encoding: .utf8)
    #expect(preset.text + "\n" == file)
}

@Test func fineweb2CarriesPerLanguageThresholds() throws {
    let stages = try FilterPreset.fineweb2.stages()
    #expect(stages.map(\.id.rawValue) == ["gopher_repetition_v1", "fineweb_quality_v1", "gopher_quality_v1"])
    let quality = try #require(stages.last?.options?["languages"]?.entries)
    #expect(quality.count == 43)
    #expect(quality.contains { $0.key == "zh" } && quality.contains { $0.key == "de" })
}

@Test func unknownPresetsListTheChoices() {
    #expect(throws: ConfigError.self) { try FilterPreset.named("gopherr") }
}
