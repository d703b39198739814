// The parity fixtures of scripts/reference/tokenizer_golden.py (tokenizers 0.23.3): four
// tokenizer.json configurations around one trained 32k byte-level BPE and the ids tokenizers
// gives for every case. The files are zstd-compressed; the test target does not link QuarryIO,
// so they are decompressed with the `zstd` command (Debian package zstd).
import Foundation
import QuarryCore
@testable import QuarryTokenizer

enum GoldenTokenizerFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("golden")
    static let configs = ["gpt2", "llama3", "qwen2", "gpt2_nfkc"]

    struct Case: Sendable {
        var name: String
        /// The input bytes (invalid UTF-8 for the `invalid_*` cases).
        var bytes: [UInt8]
        /// Whether `bytes` were stored as base64 (tokenizers saw them with U+FFFD replacements).
        var invalid: Bool
        var ids: [String: [TokenID]]
        var withSpecial: [String: [TokenID]]
        var skipDecoded: [String: String]
    }

    static func decompress(_ name: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zstd", "-dc", directory.appendingPathComponent(name).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw InputError(file: name, "zstd -dc failed") }
        return [UInt8](data)
    }

    /// The tokenizer.json bytes of a configuration, exactly as tokenizers saved them.
    static func tokenizerJSON(_ config: String) throws -> [UInt8] { try decompress("tokenizer-\(config).json.zst") }

    /// The tokenizer of a configuration (read once per test process).
    static func tokenizer(_ config: String) throws -> Tokenizer { try loadedTokenizers[config]!.get() }

    private static let loadedTokenizers: [String: Result<Tokenizer, any Error>] = Dictionary(uniqueKeysWithValues: configs.map { config in
        (config, Result { try Tokenizer(TokenizerJSON.read(tokenizerJSON(config), path: "tokenizer-\(config).json")) })
    })

    /// Every case with its expected ids (read once per test process).
    static func cases() throws -> [Case] { try loadedCases.get() }

    private static let loadedCases = Result<[Case], any Error> { try loadCases() }

    private static func loadCases() throws -> [Case] {
        let bytes = try decompress("cases.jsonl.zst")
        var cases: [Case] = []
        for line in bytes.split(separator: 0x0A) {
            let value = try Array(line).withUnsafeBufferPointer { try TokenizerJSONParser.parse($0) }
            guard let object = value.objectValue, let name = object["name"]?.stringValue else { continue }
            var input: [UInt8]
            var invalid = false
            if let b64 = object["b64"]?.stringValue {
                input = Array(Data(base64Encoded: b64)!)
                invalid = true
            } else {
                input = Array((object["text"]?.stringValue ?? "").utf8)
            }
            func ids(_ key: String) -> [String: [TokenID]] {
                var out: [String: [TokenID]] = [:]
                for (config, list) in object[key]?.objectValue ?? [:] {
                    out[config] = (list.arrayValue ?? []).map { TokenID($0.intValue!) }
                }
                return out
            }
            var skip: [String: String] = [:]
            for (config, text) in object["skip"]?.objectValue ?? [:] { skip[config] = text.stringValue }
            cases.append(Case(name: name, bytes: input, invalid: invalid, ids: ids("ids"), withSpecial: ids("special"), skipDecoded: skip))
        }
        return cases
    }
}
