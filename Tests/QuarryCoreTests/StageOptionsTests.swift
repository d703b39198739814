// Options tables: defaults from init(), typed decoding of configuration scalars, unknown keys
// and bad values as errors naming the option and the choices, required options, validate(),
// and the resolved configuration with every default filled in.
import QuarryCore
import Testing

struct SampleOptions: StageOptions, Equatable {
    enum Mode: String, OptionEnum { case fast, careful }
    var count = 3
    var ratio = 0.5
    var enabled = true
    var name: String?
    var mode = Mode.fast
    var tags: [String] = []
    var path = ""

    static var fields: [OptionField<SampleOptions>] {
        [
            .init("count", \.count, doc: "How many things, a count."),
            .init("ratio", \.ratio, doc: "A fraction between 0 and 1."),
            .init("enabled", \.enabled, doc: "Whether it is on."),
            .init("name", \.name, doc: "An optional name."),
            .init("mode", \.mode, doc: "How to go."),
            .init("tags", \.tags, doc: "Labels."),
            .init("path", \.path, doc: "A required path.", required: true),
        ]
    }

    func validate() throws {
        if ratio < 0 || ratio > 1 { throw ConfigError("ratio must be within 0...1") }
    }
}

@Suite struct StageOptionsTests {
    func mapping(_ pairs: [(String, ConfigValue)], line: Int? = nil) -> ConfigValue {
        ConfigValue(.mapping(pairs.map { (key: $0.0, value: $0.1) }), line: line)
    }

    func message(_ config: ConfigValue) -> String? {
        do {
            _ = try SampleOptions(config: config)
            return nil
        } catch let error as ConfigError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func decodesEveryTypeAndKeepsDefaults() throws {
        let options = try SampleOptions(config: mapping([
            ("count", .scalar("1_000")), ("enabled", .scalar("false")), ("name", .scalar("no")),
            ("mode", .scalar("careful")), ("tags", .sequence([.scalar("a"), .scalar("1.10")])), ("path", .scalar("x")),
        ]))
        #expect(options.count == 1000)
        #expect(options.ratio == 0.5)
        #expect(options.enabled == false)
        #expect(options.name == "no")
        #expect(options.mode == .careful)
        #expect(options.tags == ["a", "1.10"])
        #expect(options.path == "x")
    }

    @Test func errorsNameTheOptionAndTheChoices() {
        let path = ("path", ConfigValue.scalar("x"))
        #expect(message(mapping([path, ("cuont", .scalar("2"))]))?.contains("unknown option 'cuont' (did you mean 'count'?)") == true)
        #expect(message(mapping([path, ("count", .scalar("two"))])) == "option 'count': expected an integer, found 'two'")
        #expect(message(mapping([path, ("enabled", .scalar("yes"))])) == "option 'enabled': expected true or false, found 'yes'")
        #expect(message(mapping([path, ("mode", .scalar("slow"))])) == "option 'mode': expected one of fast, careful, found 'slow'")
        #expect(message(mapping([path, ("tags", .scalar("a"))]))?.contains("expected a list of strings") == true)
        #expect(message(mapping([("count", .scalar("2"))]))?.contains("missing required option 'path'") == true)
        #expect(message(mapping([path, ("ratio", .scalar("2"))])) == "ratio must be within 0...1")
        #expect(message(.scalar("oops"))?.contains("options must be a mapping") == true)
    }

    @Test func errorsKeepTheLineOfTheValue() throws {
        let config = ConfigValue(.mapping([(key: "path", value: .scalar("x")),
                                            (key: "count", value: ConfigValue(.scalar("x", quoted: false), line: 7))]), line: 5)
        do {
            _ = try SampleOptions(config: config)
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.line == 7)
        }
        let invalid = ConfigValue(.mapping([(key: "path", value: .scalar("x")), (key: "ratio", value: .scalar("3"))]), line: 5)
        do {
            _ = try SampleOptions(config: invalid)
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.line == 5)
        }
    }

    @Test func resolvedConfigHoldsEveryOptionAndDecodesBackToTheSameValue() throws {
        let options = try SampleOptions(config: mapping([("path", .scalar("p")), ("name", .scalar("n"))]))
        let resolved = options.resolvedConfig
        #expect(resolved.entries?.map(\.key) == SampleOptions.fields.map(\.name))
        #expect(try SampleOptions(config: resolved) == options)
        #expect(SampleOptions.fields.first { $0.name == "mode" }?.typeDescription == "fast | careful")
        #expect(SampleOptions.fields.first { $0.name == "name" }?.valueText(in: SampleOptions()) == "none")
    }

    @Test func closestMatchSuggestsOnlyNearNames() {
        #expect(closestMatch(to: "min_word", in: ["min_words", "max_words"]) == "min_words")
        #expect(closestMatch(to: "zzzzzz", in: ["min_words", "max_words"]) == nil)
    }
}
