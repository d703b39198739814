// `quarry tokenizer encode|decode`: look at what a tokenizer does to a text or a corpus, and
// measure encoding speed (the tokenize benchmark calls `encode --input … --stats-only`).
// Listed under `quarry tokenizer` by TokenizerCommand.swift. Encoding reads all documents
// first, so the reported MB/s is the encoder's alone (UTF-8 bytes of the texts per second of
// wall time), on `--workers` threads with one TokenEncoder each.
import ArgumentParser
import Dispatch
import Foundation
import QuarryCore
import QuarryIO
import QuarryPipeline
import QuarryTokenizer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TokenizerEncode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode a text or JSONL documents with a tokenizer.json or .tiktoken file.",
        discussion: """
            With --text, prints the ids (space-separated, or a JSON array with --json). With --input, writes one \
            {"id", "ids"} line per document to --output (default stdout) and a summary with MB/s to stderr.
            """)

    @Option(name: .long, help: "A Hugging Face tokenizer.json, or a tiktoken rank file (*.tiktoken).")
    var tokenizer: String
    @Option(name: .long, help: "The text to encode.")
    var text: String?
    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "JSONL input files, directories or globs.")
    var input: [String] = []
    @Option(name: .long, help: "The text field of the JSONL records.")
    var field = "text"
    @Option(name: .shortAndLong, help: "Where the {\"id\", \"ids\"} lines go (default: stdout).")
    var output: String?
    @Flag(name: .long, help: "Add the post-processor's BOS/EOS tokens.")
    var addSpecialTokens = false
    @Option(name: .long, help: "The split of a .tiktoken file (gpt2, llama3, cl100k, qwen2, o200k; default cl100k).")
    var split: String?
    @Flag(name: .long, help: "Print ids as a JSON array (--text).")
    var json = false
    @Flag(name: .long, help: "Encode and report the speed only; write no ids.")
    var statsOnly = false
    @Option(name: .long, help: "Encoding threads for --input (default 1).")
    var workers = 1

    func run() throws {
        let tokenizer = try loadTokenizer(path: self.tokenizer, split: split)
        if let text {
            let ids = tokenizer.encode(text, addSpecialTokens: addSpecialTokens)
            let list = ids.map(String.init)
            print(json ? "[" + list.joined(separator: ", ") + "]" : list.joined(separator: " "))
            return
        }
        guard !input.isEmpty else { throw ValidationError("give --text or --input") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        var ids: [String] = []
        var texts: [String] = []
        let issues = try DocumentLoader.forEach(inputs: input, textKey: field) { document in
            ids.append(document.id)
            texts.append(document.text)
        }
        if let first = issues.first { printError("warning: \(issues.count) damaged records skipped; first: \(first)") }

        let results = UnsafeMutableBufferPointer<[TokenID]>.allocate(capacity: texts.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let documents = texts
        let threads = min(workers, max(texts.count, 1))
        let keep = !statsOnly
        let clock = ContinuousClock()
        let start = clock.now
        let tokenCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        tokenCounts.initialize(repeating: 0)
        defer { tokenCounts.deallocate() }
        nonisolated(unsafe) let counts = tokenCounts
        let special = addSpecialTokens
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var encoder = tokenizer.makeEncoder()
            var scratch: [TokenID] = []
            var total = 0
            var index = worker * documents.count / threads
            let end = (worker + 1) * documents.count / threads
            while index < end {
                scratch.removeAll(keepingCapacity: true)
                var text = documents[index]
                text.withUTF8 { encoder.encode($0, addSpecialTokens: special, into: &scratch) }
                total += scratch.count
                if keep { shared[index] = scratch }
                index += 1
            }
            counts[worker] = total
        }
        let seconds = (clock.now - start).seconds
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let tokens = counts.reduce(0, +)
        if keep {
            let out = ByteBuffer()
            for (index, id) in ids.enumerated() {
                out.append("{\"id\":")
                JSONWriter.writeString(id, to: out)
                out.append(",\"ids\":[")
                out.append(results[index].map(String.init).joined(separator: ","))
                out.append("]}\n")
            }
            if let output {
                let file = try AtomicFile(path: output)
                try out.bytes.withUnsafeBytes { try file.write($0) }
                try file.commit()
            } else {
                writeStandardOutput(out.bytes)
            }
        }
        let megabytes = Double(bytes) / 1e6
        writeStandardError(String(format: "encoded %d documents, %.2f MB, %d tokens (%.2f bytes/token) in %.3f s on %d thread(s): %.2f MB/s",
                          texts.count, megabytes, tokens, tokens > 0 ? Double(bytes) / Double(tokens) : 0, seconds, threads,
                          seconds > 0 ? megabytes / seconds : 0))
    }
}

struct TokenizerDecode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode token ids back to text (raw bytes on stdout).")

    @Option(name: .long, help: "A Hugging Face tokenizer.json, or a tiktoken rank file (*.tiktoken).")
    var tokenizer: String
    @Option(name: .long, help: "The split of a .tiktoken file (default cl100k).")
    var split: String?
    @Flag(name: .long, help: "Leave out special tokens.")
    var skipSpecialTokens = false
    @Argument(help: "Token ids, separated by spaces or commas (brackets allowed).")
    var ids: [String] = []

    func run() throws {
        let tokenizer = try loadTokenizer(path: self.tokenizer, split: split)
        var list: [TokenID] = []
        for word in ids.joined(separator: " ").split(whereSeparator: { " ,[]\n\t".contains($0) }) {
            guard let id = TokenID(word), Int(id) < tokenizer.idCount else {
                throw ValidationError("'\(word)' is not a token id of this tokenizer (0..<\(tokenizer.idCount))")
            }
            list.append(id)
        }
        let bytes = tokenizer.decode(list, skipSpecialTokens: skipSpecialTokens) + [0x0A]
        writeStandardOutput(bytes)
    }
}

private func loadTokenizer(path: String, split: String?) throws -> Tokenizer {
    guard let split else { return try Tokenizer.load(path: path) }
    guard let known = PreTokenizerSplit(rawValue: split) else {
        throw ValidationError("--split must be one of \(PreTokenizerSplit.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return try Tokenizer.load(path: path, tiktokenSplit: known)
}

/// A summary line on stderr (not an error: printError would prefix "error:").
private func writeStandardError(_ line: String) { writeAll(Array((line + "\n").utf8), to: 2) }

private func writeStandardOutput(_ bytes: [UInt8]) { writeAll(bytes, to: 1) }

/// Writes all of `bytes` to a file descriptor (retrying short writes).
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
