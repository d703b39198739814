// `quarry pii --input … --output … [--spans FILE] [--replace tag|mask|pseudonym|remove|keep] …`:
// documents through pii_scrub_v1 (DESIGN.md §4.4; issue 6). Like every command, a one-stage
// pipeline built in memory with the run directory, resume and stats of `quarry run`. Only the
// flags given override the stage's defaults (`quarry stages` lists them). `--spans FILE` joins
// the per-task span files (RUN/pii_spans/) into one JSONL file in input order.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryPipeline

struct PIICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii",
        abstract: "Find personal data and replace it with tags, masks or consistent pseudonyms.",
        discussion: """
            Types: EMAIL, PHONE, IP_ADDRESS, CREDIT_CARD, IBAN, US_SSN, CN_RESIDENT_ID, URL_WITH_CREDENTIALS, SECRET \
            (scanners with checksums and context rules), PERSON and STREET_ADDRESS (best effort, from context cues: \
            see the README for their measured precision and recall).

            Actions (--replace for all types, --action TYPE=ACTION per type): tag (<EMAIL>, default), mask (same \
            length, separators kept), pseudonym (a consistent fake of the same kind from HMAC-SHA-256 under a secret \
            key read from --key-file or $QUARRY_PII_KEY, never from a pipeline file), remove, keep (detect and count only).

            Documents where something was found get pii_counts in their metadata; `quarry stats OUT` shows the counts \
            per type. --spans FILE writes one line per document, {"id", "spans": [{"type", "start", "end"}]}, offsets \
            in UTF-8 bytes of the text before scrubbing. No detected value is written to logs, stats or span files.
            """)

    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Input files, directories or globs.")
    var input: [String] = []

    @Option(name: .long, help: "The reader (jsonl_v1, text_v1 ...); default: from the file extensions.")
    var reader: String?

    @Option(name: .long, help: "What replaces a value: tag, mask, pseudonym, remove or keep.")
    var replace: String?

    @Option(name: .long, help: "The entity types to detect, comma-separated (default: all).")
    var types: String?

    @Option(name: .long, help: ArgumentHelp("A per-type action, e.g. PHONE=mask (repeatable).", valueName: "TYPE=ACTION"))
    var action: [String] = []

    @Option(name: .long, help: ArgumentHelp("A value left in place, e.g. EMAIL=support@* or IP_ADDRESS=192.0.2.0/24 (repeatable).",
                                            valueName: "TYPE=PATTERN"))
    var allow: [String] = []

    @Option(name: .long, help: "IP address classes left in place, comma-separated: private, loopback, documentation, link_local, unspecified, multicast, shared.")
    var keepIPRanges: String?

    @Option(name: .long, help: "The character mask writes for each letter or digit.")
    var maskChar: String?

    @Option(name: .long, help: "A file holding the pseudonym key (at least 16 bytes).")
    var keyFile: String?

    @Option(name: .long, help: "The environment variable holding the pseudonym key (default QUARRY_PII_KEY).")
    var keyEnv: String?

    @Option(name: .long, help: "Also write each document's spans to this .jsonl file, in input order.")
    var spans: String?

    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var logging: LoggingOptions

    static func list(_ text: String) -> ConfigValue {
        .sequence(text.split(separator: ",").map { .scalar($0.trimmingCharacters(in: .whitespaces)) })
    }

    /// `TYPE=VALUE` pairs grouped by type, in the order given.
    static func perType(_ pairs: [String], flag: String, multiple: Bool) throws -> ConfigValue? {
        guard !pairs.isEmpty else { return nil }
        var entries: [(key: String, values: [ConfigValue])] = []
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex else {
                throw ValidationError("\(flag) takes TYPE=VALUE, found '\(pair)'")
            }
            let type = String(pair[..<equals]), value = ConfigValue.scalar(String(pair[pair.index(after: equals)...]))
            if let i = entries.firstIndex(where: { $0.key == type }) {
                guard multiple else { throw ValidationError("\(flag) gives \(type) twice") }
                entries[i].values.append(value)
            } else {
                entries.append((type, [value]))
            }
        }
        return .mapping(entries.map { (key: $0.key, value: multiple ? .sequence($0.values) : $0.values[0]) })
    }

    func stageOptions() throws -> [(key: String, value: ConfigValue)] {
        var options: [(key: String, value: ConfigValue)] = []
        if let replace { options.append(("replace", .scalar(replace))) }
        if let types { options.append(("types", Self.list(types))) }
        if let actions = try Self.perType(action, flag: "--action", multiple: false) { options.append(("actions", actions)) }
        if let allowlist = try Self.perType(allow, flag: "--allow", multiple: true) { options.append(("allowlist", allowlist)) }
        if let keepIPRanges { options.append(("keep_ip_ranges", Self.list(keepIPRanges))) }
        if let maskChar { options.append(("mask_char", .scalar(maskChar, quoted: true))) }
        if let keyFile { options.append(("key_file", .scalar(keyFile, quoted: true))) }
        if let keyEnv { options.append(("key_env", .scalar(keyEnv, quoted: true))) }
        if spans != nil { options.append(("spans", .scalar("true"))) }
        return options
    }

    func run() throws {
        logging.bootstrap()
        guard execution.output != nil else { throw ConfigError("give --output (a .jsonl[.gz|.zst] file or a directory)") }
        if let spans, !spans.hasSuffix(".jsonl") { throw ConfigError("--spans must name a .jsonl file, found \(spans)") }
        let spec = try PipelineSpec.command("pii", inputs: input, reader: reader, stages: [("pii_scrub_v1", try stageOptions())])
        let outcome = try execution.runAndReport(spec, logging: logging)
        if let spans {
            try TaskFiles.join(runDirectory: outcome.runDirectory, directory: "pii_spans", into: spans)
        }
    }
}
