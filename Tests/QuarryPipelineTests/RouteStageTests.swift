// route_v1 alone: which route each document gets (listed values, other, missing, drop), the
// counts and drop reasons it records, option errors, and the spelling of values as directory
// names (RouteNames) against a plain byte-by-byte reading of the rule.
import QuarryCore
@testable import QuarryPipeline
import QuarryTestSupport
import Testing

private func stage(_ entries: [(String, ConfigValue)]) throws -> RouteStage {
    try RouteStage(options: RouteStage.Options(config: .mapping(entries.map { (key: $0.0, value: $0.1) })))
}

private func list(_ items: [String]) -> ConfigValue { .sequence(items.map { .scalar($0) }) }

private func doc(_ id: String, _ metadata: JSONObject) -> Document { Document(id: id, text: "t", metadata: metadata) }

@Suite struct RouteStageTests {
    @Test func everyValueGetsItsRouteWhenNoneAreListed() throws {
        let s = try stage([("key", .scalar("language"))])
        #expect(s.route(of: doc("a", ["language": "en"])) == .output("en"))
        #expect(s.route(of: doc("a", ["language": "zh-Hans"])) == .output("zh-Hans"))
        #expect(s.route(of: doc("a", ["language": 3])) == .output("3"))
        #expect(s.route(of: doc("a", ["language": true])) == .output("true"))
        #expect(s.route(of: doc("a", ["language": "../etc"])) == .output("%2E.%2Fetc"))
        for missing: JSONObject in [[:], ["language": nil], ["language": ""], ["language": ["en"]], ["language": ["a": 1]]] {
            #expect(s.route(of: doc("a", missing)) == .output("unknown"), "\(missing)")
        }
        #expect(s.knownRoutes == nil)
        #expect(s.fixedRoutes == ["unknown"])
    }

    @Test func listedValuesOtherAndMissing() throws {
        let s = try stage([("key", .scalar("language")), ("values", list(["en", "de"])), ("missing", .scalar("none"))])
        #expect(s.route(of: doc("a", ["language": "de"])) == .output("de"))
        #expect(s.route(of: doc("a", ["language": "fr"])) == .output("other"))
        #expect(s.route(of: doc("a", [:])) == .output("none"))
        #expect(s.knownRoutes == ["de", "en", "none", "other"])
        let dropping = try stage([("key", .scalar("language")), ("values", list(["en"])), ("other", .scalar("drop")),
                                  ("missing", .scalar("drop"))])
        #expect(dropping.route(of: doc("a", ["language": "fr"])) == .drop(reason: "route.language.not_listed"))
        #expect(dropping.route(of: doc("a", [:])) == .drop(reason: "route.language.missing"))
        #expect(dropping.knownRoutes == ["en"])
    }

    @Test func processSetsRoutesParallelToTheKeptDocumentsAndCountsThem() throws {
        let s = try stage([("key", .scalar("lang")), ("values", list(["en", "de"])), ("other", .scalar("drop"))])
        var batch = DocumentBatch(documents: [doc("1", ["lang": "en"]), doc("2", ["lang": "fr"]), doc("3", ["lang": "de"]),
                                              doc("4", [:]), doc("5", ["lang": "en"])])
        var stats = StageStats()
        try s.run(on: &batch, stats: &stats)
        #expect(batch.documents.map(\.id) == ["1", "3", "4", "5"])
        #expect(batch.routes == ["en", "de", "unknown", "en"])
        #expect(stats.counters == ["routed.en": 2, "routed.de": 1, "routed.unknown": 1])
        #expect(stats.dropped == ["route.lang.not_listed": 1])
        #expect(batch.rejected.map(\.document.id) == ["2"])
    }

    @Test func optionErrors() throws {
        let bad: [[(String, ConfigValue)]] = [
            [("key", .scalar(""))],
            [("key", .scalar("k")), ("values", list([]))],
            [("key", .scalar("k")), ("values", list(["a", "a"]))],
            [("key", .scalar("k")), ("values", list(["a", ""]))],
            [("key", .scalar("k")), ("other", .scalar("../up"))],
            [("key", .scalar("k")), ("missing", .scalar("a/b"))],
            [("key", .scalar("k")), ("missing", .scalar(".hidden"))],
            [("key", .scalar("k")), ("values", list(["en", "other"]))],           // other's route is a listed value's
            [("key", .scalar("k")), ("route", .scalar("x"))],                     // unknown option
        ]
        for entries in bad {
            #expect(throws: ConfigError.self, "\(entries)") { _ = try stage(entries) }
        }
        // key defaults to language.
        #expect(try stage([]).route(of: doc("a", ["language": "ja"])) == .output("ja"))
        // other may be a listed value's name when other documents are dropped.
        _ = try stage([("key", .scalar("k")), ("values", list(["en", "other"])), ("other", .scalar("drop"))])
    }

    @Test func directoryNamesKeepSafeBytesAndEscapeTheRest() {
        #expect(RouteNames.directoryName("en") == "en")
        #expect(RouteNames.directoryName("zh-Hans") == "zh-Hans")
        #expect(RouteNames.directoryName("金融") == "金融")
        #expect(RouteNames.directoryName("a/b") == "a%2Fb")
        #expect(RouteNames.directoryName("a b") == "a%20b")
        #expect(RouteNames.directoryName("100%") == "100%25")
        #expect(RouteNames.directoryName(".") == "%2E")
        #expect(RouteNames.directoryName("..") == "%2E.")
        #expect(RouteNames.directoryName(".x.y") == "%2Ex.y")
        #expect(RouteNames.directoryName("a\\b\u{0}c\n") == "a%5Cb%00c%0A")
        #expect(RouteNames.isSafe("other") && !RouteNames.isSafe("a b") && !RouteNames.isSafe(""))
    }

    @Test func longNamesAreCutAndHashed() {
        let long = String(repeating: "é", count: 150)  // 300 bytes
        let name = RouteNames.directoryName(long)
        #expect(name.utf8.count <= RouteNames.maxBytes)
        let tail = name.split(separator: "~").last.map(String.init) ?? ""
        #expect(tail.count == 16 && tail.allSatisfy(\.isHexDigit), "ends in ~ and 16 hex digits of xxh64: \(name)")
        #expect(name.hasPrefix("éé"))
        #expect(RouteNames.directoryName(long + "x") != name)
        let slashes = String(repeating: "/", count: 100)  // 300 bytes once escaped
        let escaped = RouteNames.directoryName(slashes)
        #expect(escaped.utf8.count <= RouteNames.maxBytes)
        #expect(escaped.split(separator: "~")[0].utf8.count % 3 == 0, "no escape is cut in half")
    }

    @Test func namesAgreeWithAPlainReadingOfTheRule() {
        // The rule read plainly, one Unicode scalar at a time: ASCII letters, digits, - _ . kept
        // (but a leading .), non-ASCII kept, every other ASCII byte as %XX.
        func plain(_ value: String) -> String {
            var out = ""
            for (i, scalar) in value.unicodeScalars.enumerated() {
                let v = scalar.value
                let safe = (v >= 0x80) || ((v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                    || (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x5F || v == 0x2E)
                if safe && !(i == 0 && v == 0x2E) {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
            return out
        }
        var rng = SplitMix64(seed: 11)
        let pieces = ["a", "Z", "0", "-", "_", ".", "/", "%", " ", "\\", ":", "*", "\u{7F}", "\u{1}", "é", "字", "😀", "~"]
        for _ in 0..<3000 {
            let value = rng.string(from: pieces, count: 1 + rng.below(12))
            #expect(RouteNames.directoryName(value) == plain(value), "\(value.debugDescription)")
        }
    }
}
