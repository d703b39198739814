// route_v1: sends each document to one of several outputs by a metadata value, so one run
// builds per-language or per-domain datasets (issue 7 item 4). With `route_v1: { key: language }`
// (`language` is the default key) a document whose metadata says `language: de` is written to
// OUT/de/<input stem>.jsonl.zst instead of OUT/<input stem>.jsonl.zst. The stage only decides:
// it sets each kept document's route in `DocumentBatch.routes` (a directory name spelled by
// RouteNames) and drops the documents that have none; the engine (Execution/RoutedOutputs.swift)
// opens one writer output per route and task, under temporary names committed with the task,
// like any output.
//
// Options: `values` lists the values that get their own route (all values do when it is
// absent); a document with another value goes to the `other` bucket (default `other`), one
// without the key (absent, null, an empty string, a list or an object) to the `missing`
// bucket (default `unknown`); either bucket can be `drop`, which drops those documents with
// the reason `route.<key>.not_listed` or `route.<key>.missing`. Values compare as text: a
// string as it is, a number by its JSON literal (`3` and `3.0` are two routes), a boolean as
// `true` / `false`. The stage counts its documents per route in `routed.<route>`. It must be
// the last stage of its pipeline (RunPlan.swift checks), so every stage sees every document
// before it is routed and the routes stay parallel to the documents.
import QuarryCore

/// Routes documents to outputs by a metadata value.
public struct RouteStage: DocumentStage {
    public struct Options: StageOptions, Equatable {
        public var key = MetadataKey.language
        public var values: [String]?
        public var other = "other"
        public var missing = "unknown"

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("key", \.key, doc: "The top-level metadata key whose value names the route, e.g. language (written by language ID) or domain_label."),
                .init("values", \.values,
                      doc: "The values that get their own route; null: every value does. Compared as text (numbers by their JSON literal)."),
                .init("other", \.other,
                      doc: "Route of documents whose value is not among values, or drop to drop them (route.<key>.not_listed)."),
                .init("missing", \.missing,
                      doc: "Route of documents without the key (or null, empty, a list or object), or drop (route.<key>.missing)."),
            ]
        }

        public func validate() throws {
            guard !key.isEmpty else { throw ConfigError("key must name a metadata key, e.g. language") }
            for (name, bucket) in [("other", other), ("missing", missing)] where bucket != RouteStage.dropWord {
                guard RouteNames.isSafe(bucket) else {
                    throw ConfigError("\(name) must be drop or a plain directory name (letters, digits, - _ . and no leading .), "
                        + "found '\(bucket)'; it would be spelled '\(RouteNames.directoryName(bucket))'")
                }
            }
            guard let values else { return }
            guard !values.isEmpty else { throw ConfigError("values lists nothing; leave it out to route every value") }
            var seen = Set<String>()
            for value in values {
                guard !value.isEmpty else { throw ConfigError("values holds an empty value; documents with an empty value go to missing") }
                guard seen.insert(value).inserted else { throw ConfigError("values names '\(value)' twice") }
            }
            if other != RouteStage.dropWord, let clash = values.first(where: { RouteNames.directoryName($0) == other }) {
                throw ConfigError("the other route '\(other)' is also the route of the listed value '\(clash)'; choose another name for other")
            }
        }
    }

    /// Where a document goes.
    public enum Route: Sendable, Equatable {
        /// The route's directory name.
        case output(String)
        case drop(reason: String)
    }

    public static let id: StageID = "route_v1"
    public static let summary = "Writes documents to one output per metadata value (OUT/<value>/…), e.g. per language or domain label."
    /// The word that makes `other` or `missing` drop documents.
    static let dropWord = "drop"
    /// Prefix of the per-route document counters.
    public static let counterPrefix = "routed."

    public let options: Options
    /// Listed values and their routes, when `values` is given.
    private let listed: [String: String]?
    private let otherRoute: Route
    private let missingRoute: Route

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        listed = options.values.map { Dictionary(uniqueKeysWithValues: $0.map { ($0, RouteNames.directoryName($0)) }) }
        otherRoute = options.other == Self.dropWord ? .drop(reason: "route.\(options.key).not_listed") : .output(options.other)
        missingRoute = options.missing == Self.dropWord ? .drop(reason: "route.\(options.key).missing") : .output(options.missing)
    }

    /// Every route known before the run (listed values, other, missing); nil when every value
    /// gets its own route, so routes are found as documents arrive.
    public var knownRoutes: [String]? {
        guard let listed else { return nil }
        var routes = Set(listed.values)
        for case .output(let name) in [otherRoute, missingRoute] { routes.insert(name) }
        return routes.sorted()
    }

    /// The routes a run may write whatever the data (the missing and, with values, other routes).
    var fixedRoutes: [String] {
        knownRoutes ?? { if case .output(let name) = missingRoute { return [name] }; return [] }()
    }

    /// Where `document` goes. `names` caches the spelling of values met before.
    public func route(of document: Document, names: inout [String: String]) -> Route {
        let text: String
        switch document.metadata[options.key] {
        case .string(let s)? where !s.isEmpty: text = s
        case .number(let n)?: text = n.literal
        case .bool(let b)?: text = b ? "true" : "false"
        default: return missingRoute
        }
        if let listed { return listed[text].map(Route.output) ?? otherRoute }
        if let name = names[text] { return .output(name) }
        let name = RouteNames.directoryName(text)
        names[text] = name
        return .output(name)
    }

    /// Where `document` goes.
    public func route(of document: Document) -> Route {
        var names: [String: String] = [:]
        return route(of: document, names: &names)
    }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        var names: [String: String] = [:]
        var counts: [String: Int64] = [:]
        var routes: [String] = []
        routes.reserveCapacity(batch.documents.count)
        batch.drop { document in
            switch route(of: document, names: &names) {
            case .output(let name):
                routes.append(name)
                counts[name, default: 0] += 1
                return nil
            case .drop(let reason):
                return reason
            }
        }
        batch.routes = routes
        for (name, n) in counts { stats.count(Self.counterPrefix + name, by: n) }
    }
}
