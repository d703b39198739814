// quarry-bench: throughput benchmarks, kept apart from the tests (`make bench`, never
// `swift test`). Figures are MB of uncompressed JSONL per CPU-second of one thread, so they
// stay meaningful on a shared machine; compare them with the peer's figures from the same run.
//
//   quarry-bench prepare OUT_DIR FILE.jsonl.gz...   recompress inputs as .jsonl.zst (level 3)
//   quarry-bench jsonl [--text-key K] FILE.jsonl.zst... read + parse + write, by part
//   quarry-bench json-parsers [--text-key K] FILE...      Quarry's parser vs Foundation's
//   quarry-bench extract [--text-key K] [--show N] FILE... HTML main-text extraction alone
//   quarry-bench explain [--recall] FILE.html             how the extractor saw one page
//   quarry-bench text-primitives zh=FILE en=FILE ...       segmentation and hashing speed
//   quarry-bench dedup-signatures FILE.jsonl...           MinHash signature and exact-hash speed
//   quarry-bench pii FILE.jsonl...                        each PII detector and the whole scrub
//   quarry-bench classify MODEL|builtin FILE.jsonl...     fastText prediction and language ID speed
//   quarry-bench pretokenize FILE.jsonl...               pre-tokenizer scanner speed per split
//   quarry-bench tokenize TOKENIZER FILE.jsonl... [--threads N]  BPE encoding speed and id digest
import Glibc
import QuarryCore
import QuarryHTML
import QuarryIO

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print("usage: quarry-bench prepare OUT_DIR FILE... | jsonl|json-parsers [--text-key KEY] FILE...")
    exit(2)
}
arguments.removeFirst()

switch command {
case "prepare":
    try prepare(outputDirectory: arguments[0], inputs: Array(arguments.dropFirst()))
case "explain":
    // quarry-bench explain [--recall] FILE.html: how the extractor saw one page.
    let recall = arguments.contains("--recall")
    arguments.removeAll { $0 == "--recall" }
    let html = String(decoding: try readFile(arguments[0]), as: UTF8.self)
    print(HTMLExtractor(favor: recall ? .recall : .precision).explain(html))
case "extract":
    var textKey = "html", show = 0
    if let i = arguments.firstIndex(of: "--text-key") { textKey = arguments[i + 1]; arguments.removeSubrange(i...(i + 1)) }
    if let i = arguments.firstIndex(of: "--show") { show = Int(arguments[i + 1]) ?? 0; arguments.removeSubrange(i...(i + 1)) }
    try benchmarkExtraction(files: arguments, textKey: textKey, show: show)
case "dedup-signatures":
    try benchmarkDedupSignatures(files: arguments)
case "pii":
    try benchmarkPII(files: arguments)
case "classify":
    try benchmarkClassify(arguments: arguments)
case "pretokenize":
    try benchmarkPreTokenize(arguments: arguments)
case "tokenize":
    try benchmarkTokenize(arguments: arguments)
case "text-primitives":
    try benchmarkTextPrimitives(arguments: arguments)
case "jsonl", "json-parsers":
    var textKey = "text"
    if let i = arguments.firstIndex(of: "--text-key") {
        textKey = arguments[i + 1]
        arguments.removeSubrange(i...(i + 1))
    }
    if command == "jsonl" {
        try JSONLBenchmark(files: arguments, textKey: textKey).run()
    } else {
        try benchmarkJSONParsers(files: arguments, textKey: textKey)
    }
default:
    print("unknown benchmark '\(command)'")
    exit(2)
}
