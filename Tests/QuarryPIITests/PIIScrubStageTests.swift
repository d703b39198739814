// pii_scrub_v1 as a stage: pii_counts in metadata and per-type counters, one span line per
// document in the side output when asked (ids JSON-escaped, offsets only), per-type actions
// and types, and configuration errors raised before any document is seen.
import Testing
import QuarryCore
@testable import QuarryPII

@Suite struct PIIScrubStageTests {
    func stage(_ entries: [(key: String, value: ConfigValue)]) throws -> PIIScrubStage {
        try PIIScrubStage(options: PIIScrubStage.Options(config: .mapping(entries)))
    }

    @Test func countsSpansAndSideLines() throws {
        let scrub = try stage([("spans", .scalar("true")), ("actions", .mapping([("IBAN", .scalar("mask"))]))])
        #expect(scrub.sideOutputs == ["pii_spans"])
        var batch = DocumentBatch(documents: [
            Document(id: "a\"1", text: "Mail jane@mail-example.com or joe@mail-example.com, IBAN DE89370400440532013000."),
            Document(id: "b", text: "Nothing to see."),
        ])
        var stats = StageStats()
        try scrub.run(on: &batch, stats: &stats)
        #expect(batch.documents[0].text == "Mail <EMAIL> or <EMAIL>, IBAN **********************.")
        #expect(batch.documents[0].metadata["pii_counts"] == .object(["EMAIL": .int(2), "IBAN": .int(1)]))
        #expect(batch.documents[1].metadata["pii_counts"] == nil)
        #expect(stats.counters["pii.EMAIL"] == 2 && stats.counters["pii.IBAN"] == 1 && stats.counters["documents_with_pii"] == 1)
        let lines = String(decoding: batch.sideLines["pii_spans"] ?? [], as: UTF8.self)
        #expect(lines == """
            {"id":"a\\"1","spans":[{"type":"EMAIL","start":5,"end":26},{"type":"EMAIL","start":30,"end":50},{"type":"IBAN","start":57,"end":79}]}
            {"id":"b","spans":[]}

            """)
    }

    @Test func disabledTypesAndKeepActionLeaveTextAlone() throws {
        let scrub = try stage([("types", .sequence([.scalar("IBAN")])), ("replace", .scalar("keep"))])
        var batch = DocumentBatch(documents: [Document(id: "a", text: "jane@mail-example.com DE89370400440532013000")])
        var stats = StageStats()
        try scrub.run(on: &batch, stats: &stats)
        #expect(batch.documents[0].text == "jane@mail-example.com DE89370400440532013000")
        #expect(batch.documents[0].metadata["pii_counts"] == .object(["IBAN": .int(1)]))
        #expect(batch.sideLines.isEmpty)
    }

    @Test func configurationErrors() {
        #expect(throws: ConfigError.self) { try stage([("types", .sequence([.scalar("EMAILS")]))]) }
        #expect(throws: ConfigError.self) { try stage([("mask_char", .scalar("**"))]) }
        #expect(throws: ConfigError.self) { try stage([("keep_ip_ranges", .sequence([.scalar("intranet")]))]) }
        #expect(throws: ConfigError.self) { try stage([("allowlist", .mapping([("IP_ADDRESS", .sequence([.scalar("10.0.0.0/99")]))]))]) }
        #expect(throws: ConfigError.self) {
            try stage([("types", .sequence([.scalar("EMAIL")])), ("actions", .mapping([("PHONE", .scalar("mask"))]))])
        }
        #expect(throws: ConfigError.self) {
            try stage([("replace", .scalar("pseudonym")), ("key_env", .scalar("QUARRY_TEST_UNSET_VARIABLE_0"))])
        }
    }

    @Test func keysComeFromAFileOrTheEnvironmentAndMustBeLongEnough() throws {
        #expect(try PIIKey.load(file: nil, environment: "K", processEnvironment: ["K": "0123456789abcdef"]).count == 16)
        #expect(throws: ConfigError.self) { try PIIKey.load(file: nil, environment: "K", processEnvironment: ["K": "short"]) }
        #expect(throws: ConfigError.self) { try PIIKey.load(file: "/nonexistent/pii.key", environment: "K", processEnvironment: [:]) }
    }
}
