// pii_scrub_v1 (issue 6, DESIGN.md §4.1): finds personal data with every enabled detector
// and replaces it as configured: `<TYPE>` tags by default, or masks, keyed pseudonyms, removal,
// or nothing (`keep`, to audit). Per type: enable (`types`), action (`actions`), allowlist.
// Writes `pii_counts` ({"EMAIL": 2, …}) to the metadata of documents where something was found,
// counts per type in the stage's counters (`pii.EMAIL` …), and with `spans: true` one line per
// document to the side output `pii_spans` ({"id", "spans": [{"type","start","end"}]}, UTF-8 byte
// offsets of the text before scrubbing). No detected value is written anywhere else: documents
// that earlier stages drop are scrubbed the same way before they reach rejects/ or the run
// store's samples (TextRedacting).
import QuarryCore

public struct PIIScrubStage: DocumentStage, TextRedacting {
    public struct Options: StageOptions {
        public var replace: PIIAction = .tag
        public var types: [PIIType] = PIIType.allCases
        public var actions = PerType<PIIAction>()
        public var allowlist = PerType<[String]>()
        public var keepIPRanges: [String] = []
        public var maskChar = "*"
        public var keyFile: String?
        public var keyEnv = "QUARRY_PII_KEY"
        public var spans = false

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("replace", \.replace, doc: "What replaces a detected value: tag (<EMAIL>), mask (same length, separators kept), pseudonym (a consistent keyed fake of the same kind), remove, or keep (detect and count only)."),
                .init("types", \.types, doc: "The entity types to detect; the others are left alone."),
                .init("actions", \.actions, doc: "Per-type actions overriding replace, e.g. {PHONE: mask, PERSON: keep}."),
                .init("allowlist", \.allowlist, doc: "Per-type values left in place: * patterns (support@*, *@example.com), exact values, and for IP_ADDRESS CIDR networks (192.0.2.0/24)."),
                .init("keep_ip_ranges", \.keepIPRanges, doc: "IP address classes left in place: " + IPRangeName.allNames + "."),
                .init("mask_char", \.maskChar, doc: "The character mask writes for each letter or digit."),
                .init("key_file", \.keyFile, doc: "A file holding the pseudonym key (at least 16 bytes); the key itself never goes in a pipeline file."),
                .init("key_env", \.keyEnv, doc: "The environment variable holding the pseudonym key when key_file is not given."),
                .init("spans", \.spans, doc: "Write each document's spans (type, UTF-8 byte offsets before scrubbing) to RUN/pii_spans/<input>.jsonl."),
            ]
        }

        public func validate() throws {
            guard maskChar.unicodeScalars.count == 1 else { throw ConfigError("mask_char must be one character, found '\(maskChar)'") }
            _ = try keepRanges()
            for entry in allowlist.values { _ = try PIIAllowlist(patterns: entry.value, type: entry.type) }
        }

        func keepRanges() throws -> IPAddressRanges {
            try keepIPRanges.reduce(into: IPAddressRanges()) { ranges, name in
                guard let range = IPRangeName.range(named: name) else {
                    throw ConfigError("keep_ip_ranges: unknown range '\(name)'; valid: \(IPRangeName.allNames)")
                }
                ranges.formUnion(range)
            }
        }

        /// The action of each enabled type.
        func action(for type: PIIType) -> PIIAction { actions[type] ?? replace }
    }

    public static let id: StageID = "pii_scrub_v1"
    public static let summary = "Finds personal data (e-mail, phone, IP, cards, IBAN, IDs, secrets, names, addresses) and replaces it with tags, masks or keyed pseudonyms."
    /// The side output holding spans, and the metadata key of the counts.
    public static let spansOutput = "pii_spans"
    public static let countsKey = "pii_counts"

    public let options: Options
    private let scrubber: PIIScrubber

    public init(options: Options) throws {
        try options.validate()
        self.options = options
        let enabled = Set(options.types)
        let keepRanges = try options.keepRanges()
        var settings: [PIIType: PIITypeSettings] = [:]
        for type in PIIType.allCases where enabled.contains(type) {
            let patterns = options.allowlist[type] ?? []
            let ranges: IPAddressRanges = type == .ipAddress ? keepRanges : []
            let allowlist = patterns.isEmpty && ranges.isEmpty ? nil : try PIIAllowlist(patterns: patterns, type: type, keepRanges: ranges)
            settings[type] = PIITypeSettings(action: options.action(for: type), allowlist: allowlist)
        }
        for entry in options.actions.values where !enabled.contains(entry.type) {
            throw ConfigError("actions: \(entry.type) is not among types")
        }
        var pseudonymizer: PIIPseudonymizer?
        if settings.values.contains(where: { $0.action == .pseudonym }) {
            pseudonymizer = PIIPseudonymizer(key: try PIIKey.load(file: options.keyFile, environment: options.keyEnv))
        }
        scrubber = PIIScrubber(types: settings, detectors: PIIDetectors.builtin(), pseudonymizer: pseudonymizer,
                               maskCharacter: options.maskChar)
    }

    public var sideOutputs: [String] { options.spans ? [Self.spansOutput] : [] }

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        for index in batch.documents.indices {
            var text = batch.documents[index].text
            let result = text.withUTF8 { scrubber.scrub($0) }
            if let scrubbed = result.text {
                batch.documents[index].text = String(decoding: scrubbed, as: UTF8.self)
                batch.documents[index].encodedText = nil
            }
            if !result.spans.isEmpty {
                var counts: [PIIType: Int] = [:]
                for span in result.spans { counts[span.type, default: 0] += 1 }
                let ordered = counts.sorted { $0.key.rawValue < $1.key.rawValue }
                var object = JSONObject()
                for (type, count) in ordered {
                    object[type.rawValue] = .int(count)
                    stats.count("pii.\(type.rawValue)", by: Int64(count))
                }
                batch.documents[index].metadata[Self.countsKey] = .object(object)
                stats.count("documents_with_pii")
            }
            if options.spans { batch.appendSideLine(Self.spansOutput, Self.spansLine(id: batch.documents[index].id, spans: result.spans)) }
        }
    }

    /// The text scrubbed as this stage would scrub it, for documents set aside before it.
    public func redact(_ text: String) -> String {
        var text = text
        guard let scrubbed = text.withUTF8({ scrubber.scrub($0).text }) else { return text }
        return String(decoding: scrubbed, as: UTF8.self)
    }

    /// One line of a span file (DESIGN.md §4.1): the id and the spans, never the values.
    public static func spansLine(id: String, spans: [PIISpan]) -> [UInt8] {
        var line = "{\"id\":" + JSONText.quoted(id) + ",\"spans\":["
        for (i, span) in spans.enumerated() {
            if i > 0 { line += "," }
            line += "{\"type\":\"\(span.type.rawValue)\",\"start\":\(span.start),\"end\":\(span.end)}"
        }
        line += "]}"
        return Array(line.utf8)
    }
}

/// The names of IP address classes in `keep_ip_ranges`.
enum IPRangeName {
    static let table: [(name: String, range: IPAddressRanges)] = [
        ("private", .private), ("loopback", .loopback), ("documentation", .documentation),
        ("link_local", .linkLocal), ("unspecified", .unspecified), ("multicast", .multicast), ("shared", .sharedCGNAT),
    ]
    static var allNames: String { table.map(\.name).joined(separator: ", ") }
    static func range(named name: String) -> IPAddressRanges? { table.first { $0.name == name }?.range }
}
