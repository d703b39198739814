// metadata_filter_v1: every comparison and its drop reason, numbers against numeric strings,
// missing keys and nulls under drop and keep, several conditions, and configuration errors
// raised before any document is seen.
import QuarryCore
@testable import QuarryFilters
import QuarryTestSupport
import Testing

/// A configuration mapping from pairs; values are scalars, lists of scalars or mappings.
private func config(_ entries: [(String, Any)]) -> ConfigValue {
    func value(_ any: Any) -> ConfigValue {
        switch any {
        case let pairs as [(String, Any)] where !pairs.isEmpty: return config(pairs)
        case let list as [Any]: return .sequence(list.map(value))
        case let text as String: return .scalar(text)
        default: return .scalar("\(any)")
        }
    }
    return .mapping(entries.map { (key: $0.0, value: value($0.1)) })
}

private func filter(_ entries: [(String, Any)]) throws -> MetadataFilter {
    try MetadataFilter(options: MetadataFilter.Options(config: config(entries)))
}

private func document(_ metadata: JSONObject) -> Document {
    Document(id: "d", text: "text", metadata: metadata)
}

private func decide(_ f: MetadataFilter, _ metadata: JSONObject) -> FilterDecision {
    f.decide(document(metadata))
}

@Suite struct MetadataFilterTests {
    @Test func inKeepsListedValuesAndNamesTheReason() throws {
        let f = try filter([("key", "language"), ("in", ["en", "de"])])
        #expect(decide(f, ["language": "en"]) == .keep)
        #expect(decide(f, ["language": "de"]) == .keep)
        #expect(decide(f, ["language": "fr"]) == .drop(reason: "metadata.language.not_in"))
        #expect(decide(f, ["language": "EN"]) == .drop(reason: "metadata.language.not_in"), "text compares exactly")
        #expect(decide(f, [:]) == .drop(reason: "metadata.language.missing"))
    }

    @Test func notInDropsListedValues() throws {
        let f = try filter([("key", "domain_label"), ("not_in", ["spam", "adult"])])
        #expect(decide(f, ["domain_label": "finance"]) == .keep)
        #expect(decide(f, ["domain_label": "spam"]) == .drop(reason: "metadata.domain_label.excluded"))
    }

    @Test func equalsComparesTextAndNumbersByValue() throws {
        let f = try filter([("key", "label"), ("equals", "3")])
        #expect(decide(f, ["label": "3"]) == .keep)
        #expect(decide(f, ["label": .number(JSONNumber(validatedLiteral: "3.0"))]) == .keep)
        #expect(decide(f, ["label": 3]) == .keep)
        #expect(decide(f, ["label": "3.0"]) == .drop(reason: "metadata.label.not_equal"), "a string compares as text")
        #expect(decide(f, ["label": 4]) == .drop(reason: "metadata.label.not_equal"))
        let flag = try filter([("key", "ok"), ("equals", "true")])
        #expect(decide(flag, ["ok": true]) == .keep)
        #expect(decide(flag, ["ok": false]) == .drop(reason: "metadata.ok.not_equal"))
    }

    @Test func inMatchesNumbersByValue() throws {
        let f = try filter([("key", "stars"), ("in", ["4", "5"])])
        #expect(decide(f, ["stars": 5]) == .keep)
        #expect(decide(f, ["stars": .number(JSONNumber(validatedLiteral: "4.0"))]) == .keep)
        #expect(decide(f, ["stars": .number(JSONNumber(validatedLiteral: "5e0"))]) == .keep)
        #expect(decide(f, ["stars": 3]) == .drop(reason: "metadata.stars.not_in"))
        let out = try filter([("key", "stars"), ("not_in", ["1"])])
        #expect(decide(out, ["stars": .number(JSONNumber(validatedLiteral: "1.0"))]) == .drop(reason: "metadata.stars.excluded"))
    }

    @Test func boundsAreInclusiveAndTakeNumericStrings() throws {
        let f = try filter([("key", "edu_score"), ("min", "3.0"), ("max", "4.5")])
        #expect(decide(f, ["edu_score": 3]) == .keep)
        #expect(decide(f, ["edu_score": 4.5]) == .keep)
        #expect(decide(f, ["edu_score": "3.25"]) == .keep)
        #expect(decide(f, ["edu_score": " 4 "]) == .keep, "spaces around a numeric string are allowed")
        #expect(decide(f, ["edu_score": 2.999]) == .drop(reason: "metadata.edu_score.below_min"))
        #expect(decide(f, ["edu_score": "-1e3"]) == .drop(reason: "metadata.edu_score.below_min"))
        #expect(decide(f, ["edu_score": 4.51]) == .drop(reason: "metadata.edu_score.above_max"))
        for bad: JSONValue in ["high", "0x4", "inf", "nan", "", "3.5.1", true, ["x"], ["a": 1]] {
            #expect(decide(f, ["edu_score": bad]) == .drop(reason: "metadata.edu_score.not_numeric"), "\(bad)")
        }
        #expect(decide(f, ["edu_score": .number(JSONNumber(validatedLiteral: "1e999"))])
            == .drop(reason: "metadata.edu_score.not_numeric"), "an overflowing literal is no number")
    }

    @Test func onlyOneBoundIsEnough() throws {
        #expect(decide(try filter([("key", "s"), ("min", 0.5)]), ["s": 100]) == .keep)
        #expect(decide(try filter([("key", "s"), ("max", 0.5)]), ["s": -100]) == .keep)
        #expect(decide(try filter([("key", "s"), ("max", 0.5)]), ["s": 0.6]) == .drop(reason: "metadata.s.above_max"))
    }

    @Test func missingKeysAndNullsFollowMissing() throws {
        let drop = try filter([("key", "language"), ("in", ["en"])])
        #expect(decide(drop, ["language": nil]) == .drop(reason: "metadata.language.missing"))
        let keep = try filter([("key", "language"), ("in", ["en"]), ("missing", "keep")])
        #expect(decide(keep, [:]) == .keep)
        #expect(decide(keep, ["language": nil]) == .keep)
        #expect(decide(keep, ["language": "fr"]) == .drop(reason: "metadata.language.not_in"))
        #expect(throws: ConfigError.self) { _ = try filter([("key", "x"), ("in", ["a"]), ("missing", "maybe")]) }
    }

    @Test func everyConditionMustHoldAndTheFirstFailureIsTheReason() throws {
        let f = try filter([
            ("key", "language"), ("in", ["en"]),
            ("conditions", [
                [("key", "language_score"), ("min", 0.65)] as [(String, Any)],
                [("key", "quality_label"), ("not_in", ["low"]), ("missing", "keep")] as [(String, Any)],
            ] as [Any]),
        ])
        #expect(decide(f, ["language": "en", "language_score": 0.9]) == .keep)
        #expect(decide(f, ["language": "en", "language_score": 0.9, "quality_label": "high"]) == .keep)
        #expect(decide(f, ["language": "en", "language_score": 0.9, "quality_label": "low"])
            == .drop(reason: "metadata.quality_label.excluded"))
        #expect(decide(f, ["language": "en", "language_score": 0.5]) == .drop(reason: "metadata.language_score.below_min"))
        #expect(decide(f, ["language": "de", "language_score": 0.5]) == .drop(reason: "metadata.language.not_in"))
        #expect(decide(f, ["language": "en"]) == .drop(reason: "metadata.language_score.missing"))
        // Conditions alone, without the single form.
        let only = try filter([("conditions", [[("key", "a"), ("equals", "x")] as [(String, Any)]] as [Any])])
        #expect(decide(only, ["a": "x"]) == .keep)
        #expect(decide(only, ["a": "y"]) == .drop(reason: "metadata.a.not_equal"))
    }

    @Test func theFirstFailingCheckOfAConditionIsItsReason() throws {
        // Bounds are checked before lists.
        let f = try filter([("key", "n"), ("min", 1), ("in", ["5"])])
        #expect(decide(f, ["n": 0]) == .drop(reason: "metadata.n.below_min"))
        #expect(decide(f, ["n": 2]) == .drop(reason: "metadata.n.not_in"))
        #expect(decide(f, ["n": 5]) == .keep)
    }

    @Test func configurationErrorsComeBeforeAnyDocument() throws {
        let bad: [[(String, Any)]] = [
            [],                                                     // no condition
            [("key", "x")],                                         // a key that compares nothing
            [("in", ["en"])],                                       // a comparison without a key
            [("key", "x"), ("min", 5), ("max", 1)],                 // min above max
            [("key", "x"), ("min", "high")],                        // not a number
            [("key", "x"), ("in", "en")],                           // not a list
            [("key", "x"), ("in", [] as [Any])],                    // nothing would pass
            [("key", "x"), ("not_in", [] as [Any])],
            [("key", "x"), ("equals", "a"), ("bogus", 1)],          // unknown option
            [("conditions", "language")],                           // not a list of mappings
            [("conditions", ["language"])],
            [("conditions", [[("key", "x")] as [(String, Any)]] as [Any])],
            [("conditions", [[("key", "x"), ("in", ["a"]), ("typo", 1)] as [(String, Any)]] as [Any])],
            [("conditions", [[("key", "x"), ("min", 2), ("max", 1)] as [(String, Any)]] as [Any])],
            [("conditions", [] as [Any])],                          // an empty list is no condition
        ]
        for entries in bad {
            #expect(throws: ConfigError.self, "\(entries)") { _ = try filter(entries) }
        }
        do {
            _ = try filter([("conditions", [[("key", "x"), ("typo", 1)] as [(String, Any)]] as [Any])])
            Issue.record("an unknown option inside a condition was accepted")
        } catch let error as ConfigError {
            #expect(error.message.contains("conditions[0]") && error.message.contains("typo"), "\(error.message)")
        }
    }

    @Test func resolvedOptionsListEveryCondition() throws {
        let options = try MetadataFilter.Options(config: config([
            ("key", "language"), ("in", ["en"]),
            ("conditions", [[("key", "s"), ("min", 1)] as [(String, Any)]] as [Any]),
        ]))
        let json = options.resolvedConfig.canonicalJSON
        #expect(json.contains("\"conditions\":[{\"key\":\"s\""), "\(json)")
        // The resolved form reads back to the same options (the run store compares it on resume).
        #expect(try MetadataFilter.Options(config: options.resolvedConfig) == options)
    }

    @Test func runCountsDropsByReason() throws {
        let f = try filter([("key", "language"), ("in", ["en"])])
        var batch = DocumentBatch(documents: [document(["language": "en"]), document(["language": "de"]), document([:]),
                                              document(["language": "en"])])
        var stats = StageStats()
        try f.run(on: &batch, stats: &stats)
        #expect(batch.documents.count == 2)
        #expect(stats.dropped == ["metadata.language.not_in": 1, "metadata.language.missing": 1])
        #expect(stats.kept == 2 && stats.documentsIn == 4)
    }

    @Test func numericTextMatchesAPlainReading() {
        // MetadataNumbers.parse against a plain reading: Double() on the text, for texts made
        // only of decimal-number characters (Double() alone also takes hex, inf and nan).
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("0123456789+-.eE ")
        for _ in 0..<5000 {
            let text = String((0..<rng.below(8)).map { _ in alphabet[rng.below(alphabet.count)] })
            let trimmed = text.trimmingSpaces
            let plain = trimmed.isEmpty || trimmed.contains(" ") ? nil : Double(trimmed)
            #expect(MetadataNumbers.parse(text) == plain, "'\(text)'")
        }
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
