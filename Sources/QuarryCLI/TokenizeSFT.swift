// `quarry tokenize --sft [--template FILE]` (issue 8 item 7): chat JSONL → token shards plus
// the parallel loss mask P.mask.bin/.idx (uint8, same lengths; issue8-prep shards/SFT.md).
// TokenizeCommand (helper "shards") fills `SFTTokenizeOptions` and calls
// `SFTTokenizeRun.run`. Lines are read with QuarryIO (any compression), parsed with its JSON
// parser, rendered and encoded by QuarryTokenizer's SFTEncoder, and written by QuarryShards'
// ShardSetWriter in input order; workers encode slices of each batch, so the output is the
// same for any worker count. Bad lines and conversations with nothing to train are counted by
// kind and listed (file and line) in the summary, never fatal.

import Foundation
import QuarryCore
import QuarryIO
import QuarryShards
import QuarryTokenizer

/// What `quarry tokenize --sft` needs (kept stable for TokenizeCommand).
public struct SFTTokenizeOptions: Sendable {
    /// tokenizer.json or *.tiktoken.
    public var tokenizer: String
    /// JSONL inputs (plain or compressed), one conversation per line.
    public var inputs: [String]
    /// The shard directory.
    public var output: String
    /// A declarative template file (JSON, see ChatTemplate.swift); nil for ChatML.
    public var template: String?
    /// Most tokens per shard.
    public var shardTokens: Int
    /// Append an EOS token (mask 0) after each conversation.
    public var eos: Bool
    /// The EOS id; nil finds `<|endoftext|>`, `<|end_of_text|>`, `</s>` or `<eos>` among added tokens.
    public var eosID: UInt32?
    public var validationFraction: Double
    public var splitSeed: UInt64
    public var workers: Int

    public init(tokenizer: String, inputs: [String], output: String, template: String? = nil,
                shardTokens: Int = 100_000_000, eos: Bool = true, eosID: UInt32? = nil,
                validationFraction: Double = 0, splitSeed: UInt64 = 0, workers: Int = 1) {
        self.tokenizer = tokenizer
        self.inputs = inputs
        self.output = output
        self.template = template
        self.shardTokens = shardTokens
        self.eos = eos
        self.eosID = eosID
        self.validationFraction = validationFraction
        self.splitSeed = splitSeed
        self.workers = workers
    }
}

/// What a run did.
public struct SFTTokenizeSummary: Sendable {
    public var conversations = 0
    /// Lines not written, by kind (invalid_json, bad_content, no_trained_tokens, …).
    public var skipped: [String: Int] = [:]
    /// The first bad lines, "file:line: kind: message" (at most `SFTTokenizeRun.reportedProblems`).
    public var problems: [String] = []
    public var manifest: DatasetManifest?

    /// A few lines for the terminal.
    public var text: String {
        var lines = ["\(conversations) conversations written"]
        if let sft = manifest?.sft {
            lines.append("\(sft.trainedTokens) trained tokens, \(sft.maskedTokens) masked tokens (template \(sft.template))")
        }
        for (kind, count) in skipped.sorted(by: { $0.key < $1.key }) { lines.append("skipped \(count) lines: \(kind)") }
        lines += problems
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum SFTTokenizeRun {
    /// Bad lines listed individually in the summary; the rest are only counted.
    public static let reportedProblems = 20
    /// EOS candidates tried in this order when no id is given.
    static let eosNames = ["<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>"]

    /// Reads a template file: declarative JSON; anything else (a Jinja text) is refused.
    public static func loadTemplate(path: String) throws -> (template: ChatTemplate, sha256: String, text: String) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read the template", file: path) }
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: UTF8.self)
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(buffer, scratch: ByteBuffer())
                return try parser.parseValue()
            }
        } catch {
            let jinja = text.contains("{%") || text.contains("{{")
            throw ConfigError(jinja ? "Jinja chat templates are not supported: write the declarative JSON form (per-role prefix/suffix, see ChatTemplate.swift)"
                                    : "not a JSON template: \(error)", file: path)
        }
        let template = try ChatTemplate(json: value, path: path)
        let digest = SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined()
        return (template, digest, text)
    }

    /// Tokenizes the conversations of `options.inputs` into SFT shards; writes dataset.json.
    public static func run(_ options: SFTTokenizeOptions) throws -> SFTTokenizeSummary {
        let tokenizerBytes = try readBytes(options.tokenizer)
        let tokenizer = try Tokenizer.load(path: options.tokenizer)
        var templateName = "chatml"
        var templateText: String? = "<|im_start|>{role}\\n{content}<|im_end|>\\n per message; loss on assistant content + <|im_end|>"
        var template = ChatTemplate.chatML
        if let path = options.template {
            let loaded = try loadTemplate(path: path)
            template = loaded.template
            templateName = loaded.sha256
            templateText = loaded.text
        }
        let prototype = try SFTEncoder(tokenizer: tokenizer, template: template)
        var eosID: UInt32? = nil
        if options.eos {
            eosID = options.eosID ?? eosNames.lazy.compactMap { name in
                tokenizer.definition.addedTokens.first { $0.content == name }?.id
            }.first
            guard eosID != nil else {
                throw ConfigError("no EOS token found among the tokenizer's added tokens (\(eosNames.joined(separator: ", "))): give its id or use --no-eos", file: options.tokenizer)
            }
        }
        let dtype = TokenDType.forVocabulary(size: tokenizer.idCount)
        try FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
        let split = options.validationFraction > 0 ? DatasetSplit(validationFraction: options.validationFraction, seed: options.splitSeed) : nil
        var writer = try ShardSetWriter(options: .init(directory: options.output, dtype: dtype, shardTokens: options.shardTokens,
                                                       eos: eosID, split: split, withMask: true))
        let workers = max(1, options.workers)
        // One encoder per worker: each holds its own word cache and scratch memory.
        var encoders = [prototype]
        for _ in 1..<workers { encoders.append(try SFTEncoder(tokenizer: tokenizer, template: template)) }
        var summary = SFTTokenizeSummary()

        for input in options.inputs {
            let source = try Compression.of(path: input).openSource(path: input)
            let name = (input as NSString).lastPathComponent
            let scanner = LineScanner(source: source, file: input, name: name)
            while let batch = try scanner.next() {
                for issue in batch.issues { note(&summary, kind: issue.kind, place: "\(input):\(issue.line.map(String.init) ?? "?")", issue.message) }
                let results = encode(batch, encoders: &encoders)
                for (record, result) in zip(batch.records, results) {
                    let place = "\(input):\(record.line.map(String.init) ?? "offset \(record.offset)")"
                    switch result {
                    case .failure(let problem):
                        note(&summary, kind: problem.kind, place: place, problem.message)
                    case .success(let encoded):
                        guard encoded.trained > 0 else {
                            note(&summary, kind: "no_trained_tokens", place: place, "no assistant token to train on")
                            continue
                        }
                        try writer.append(documentID: encoded.id ?? "\(name):\(record.line ?? record.offset)", tokens: encoded.ids, mask: encoded.mask)
                        summary.conversations += 1
                    }
                }
            }
        }
        let shards = try writer.finish()
        var manifest = DatasetManifest(dtype: dtype, shards: shards)
        manifest.tokenizer = .init(name: (options.tokenizer as NSString).lastPathComponent, file: options.tokenizer,
                                   vocabSize: tokenizer.idCount,
                                   sha256: SHA256.hash(tokenizerBytes).map { String(format: "%02x", $0) }.joined())
        if let eosID { manifest.specialTokens["eos"] = .init(id: eosID, content: tokenizer.definition.addedTokens.first { $0.id == eosID }?.content) }
        manifest.bosPerDocument = false
        manifest.eosPerDocument = eosID != nil
        manifest.shardTokens = options.shardTokens
        if let split { manifest.split = .init(validationFraction: split.validationFraction, seed: split.seed) }
        manifest.createdBy = "quarry tokenize --sft"
        manifest.sft = .init(template: templateName, templateText: templateText, maskedTokens: writer.maskedTokens,
                             trainedTokens: writer.trainedTokens, skippedConversations: summary.skipped.values.reduce(0, +))
        try manifest.write(directory: options.output)
        summary.manifest = manifest
        return summary
    }

    static func note(_ summary: inout SFTTokenizeSummary, kind: String, place: String, _ message: String) {
        summary.skipped[kind, default: 0] += 1
        if summary.problems.count < reportedProblems { summary.problems.append("\(place): \(kind): \(message)") }
    }

    struct Encoded: Sendable {
        var id: String?
        var ids: [UInt32]
        var mask: [UInt8]
        var trained: Int
    }

    /// Encodes the records of a batch; worker w takes the w-th contiguous slice.
    static func encode(_ batch: RawRecordBatch, encoders: inout [SFTEncoder]) -> [Result<Encoded, ChatExampleError>] {
        let count = batch.records.count
        let workers = min(encoders.count, max(1, count / 64))
        let box = ResultsBox(count: count)
        let slice = (count + workers - 1) / max(workers, 1)
        let pool = EncoderPool(encoders)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var encoder = pool.take(w)
            let scratch = ByteBuffer()
            for i in (w * slice)..<min(count, (w + 1) * slice) {
                box.set(i, encodeLine(batch, batch.records[i], encoder: &encoder, scratch: scratch))
            }
            pool.put(w, encoder)
        }
        encoders = pool.encoders
        return box.results.map { $0! }
    }

    static func encodeLine(_ batch: RawRecordBatch, _ record: RawRecord, encoder: inout SFTEncoder, scratch: ByteBuffer) -> Result<Encoded, ChatExampleError> {
        let value: JSONValue
        do {
            value = try batch.bytes.withUnsafeBufferPointer { all in
                var parser = JSONParser(UnsafeBufferPointer(rebasing: all[record.range]), scratch: scratch)
                let v = try parser.parseValue()
                guard parser.atEnd() else { throw JSONSyntaxError(offset: parser.offset, message: "text after the JSON value") }
                return v
            }
        } catch {
            return .failure(ChatExampleError(kind: "invalid_json", "\(error)"))
        }
        do {
            let example = try ChatExample(json: value)
            var ids: [TokenID] = []
            var mask: [UInt8] = []
            let trained = try encoder.encode(example, ids: &ids, mask: &mask)
            return .success(Encoded(id: value.objectValue?["id"]?.stringValue, ids: ids, mask: mask, trained: trained))
        } catch {
            return .failure(error)
        }
    }

    final class ResultsBox: @unchecked Sendable {
        var results: [Result<Encoded, ChatExampleError>?]
        let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<Encoded, ChatExampleError>) { lock.lock(); results[i] = r; lock.unlock() }
    }

    final class EncoderPool: @unchecked Sendable {
        var encoders: [SFTEncoder]
        let lock = NSLock()
        init(_ encoders: [SFTEncoder]) { self.encoders = encoders }
        func take(_ i: Int) -> SFTEncoder { lock.lock(); defer { lock.unlock() }; return encoders[i] }
        func put(_ i: Int, _ e: SFTEncoder) { lock.lock(); encoders[i] = e; lock.unlock() }
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
        return [UInt8](data)
    }
}
