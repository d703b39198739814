// `quarry shards inspect DIR|PREFIX [--document N] [--histogram] [--sft] [--json]`: the inspect
// view every binary artefact has (DESIGN.md §5). Shows each data set's index header (magic,
// version, dtype code, counts, file sizes) and totals per part; `--histogram` the most frequent
// ids and the document length distribution; `--document N` the ids of document N (counted over
// the part's shards in order) and, with the tokenizer of dataset.json or --tokenizer, its
// text; `--sft` the chat template recorded in dataset.json and document N with the tokens that
// carry loss (mask 1) between [[ and ]]. Opening a data set checks every index field, so a
// damaged file is reported with its byte offset.
import ArgumentParser
import Foundation
import QuarryCore
import QuarryIO
import QuarryShards
import QuarryTokenizer

struct ShardsInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show shard headers, counts, a token histogram, or one decoded document.")

    @Argument(help: "A shard directory (with dataset.json) or a data set prefix (PREFIX, PREFIX.bin or PREFIX.idx).")
    var source: String

    @Option(name: .long, help: "Show document N (0-based, counted over the part's shards in order).")
    var document: Int?

    @Option(name: .long, help: "train or validation (default train).")
    var part: String = "train"

    @Flag(name: .long, help: "Show the most frequent token ids and the document length distribution.")
    var histogram = false

    @Option(name: .long, help: "Ids listed by --histogram.")
    var top: Int = 20

    @Flag(name: .long, help: "Show the chat template and the loss mask of --document (default 0) with trained spans in [[ ]].")
    var sft = false

    @Option(name: .long, help: "Tokenizer for decoding (default: the file dataset.json names, when it exists).")
    var tokenizer: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let set = try ShardSet.open(source)
        guard let part = DatasetPart(rawValue: part) else { throw ConfigError("--part must be train or validation") }
        var out: JSONObject = [:]
        var lines: [String] = []
        if let manifest = set.manifest {
            out["manifest"] = .object([
                "format_version": .int(manifest.formatVersion),
                "tokenizer": manifest.tokenizer.map { .string("\($0.name) (\($0.vocabSize) ids, sha256 \($0.sha256 ?? "?"))") } ?? .null,
                "dtype": .string(manifest.dtype.name),
                "bos_per_document": .bool(manifest.bosPerDocument), "eos_per_document": .bool(manifest.eosPerDocument),
                "created_by": manifest.createdBy.map(JSONValue.string) ?? .null,
            ])
            lines.append("dataset.json: format \(manifest.formatVersion), dtype \(manifest.dtype.name)"
                + (manifest.tokenizer.map { ", tokenizer \($0.name) (\($0.vocabSize) ids)" } ?? "")
                + ", BOS \(manifest.bosPerDocument ? "yes" : "no"), EOS \(manifest.eosPerDocument ? "yes" : "no")")
            if let by = manifest.createdBy { lines.append("made by: \(by)") }
        }
        var datasets: [JSONValue] = []
        lines.append("prefix  dtype(code)  sequences  documents  tokens  idx bytes  bin bytes")
        for shard in try set.open() {
            let t = shard.tokens
            let idxBytes = FileInfo.size(of: t.prefix + ".idx") ?? 0, binBytes = FileInfo.size(of: t.prefix + ".bin") ?? 0
            datasets.append(.object([
                "prefix": .string(shard.record.prefix), "part": .string(shard.record.part.rawValue), "magic": .string("MMIDIDX"),
                "version": .int(1), "dtype": .string(t.dtype.name), "dtype_code": .int(Int(t.dtype.rawValue)),
                "sequences": .int(t.sequenceCount), "documents": .int(t.count), "tokens": .int(t.elementCount),
                "idx_bytes": .int(Int(idxBytes)), "bin_bytes": .int(Int(binBytes)),
                "mask": shard.mask.map { .string(shard.record.maskPrefix! + " (\($0.dtype.name))") } ?? .null,
            ]))
            lines.append("\(shard.record.prefix)  \(t.dtype.name)(\(t.dtype.rawValue))  \(t.sequenceCount)  \(t.count)  "
                + "\(t.elementCount)  \(idxBytes)  \(binBytes)" + (shard.mask == nil ? "" : "  + mask"))
        }
        out["datasets"] = .array(datasets)
        var totals: JSONObject = [:]
        for p in DatasetPart.allCases {
            let shards = set.shards.filter { $0.part == p }
            guard !shards.isEmpty else { continue }
            let docs = shards.reduce(0) { $0 + $1.documents }, toks = shards.reduce(0) { $0 + $1.tokens }
            totals[p.rawValue] = .object(["shards": .int(shards.count), "documents": .int(docs), "tokens": .int(toks)])
            lines.append("\(p.rawValue): \(shards.count) shards, \(docs) documents, \(toks) tokens")
        }
        out["totals"] = .object(totals)

        let selected = try set.open(part: part)
        let decoder = try loadTokenizer(set)
        if histogram {
            var counts: [UInt32: Int] = [:]
            var lengths: [Int] = []
            for shard in selected {
                for d in 0..<shard.tokens.count {
                    let ids = shard.tokens.tokens(of: d)
                    lengths.append(ids.count)
                    for id in ids { counts[id, default: 0] += 1 }
                }
            }
            let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(max(0, top))
            let total = max(1, counts.values.reduce(0, +))
            lines.append("most frequent ids in \(part.rawValue) (\(counts.count) distinct):")
            var histogramJSON: [JSONValue] = []
            for (id, count) in ranked {
                let text = decoder.map { Self.show($0.decode([id])) }
                histogramJSON.append(.object(["id": .int(Int(id)), "count": .int(count), "text": text.map(JSONValue.string) ?? .null]))
                let share = String(format: "%.3f%%", 100 * Double(count) / Double(total))
                lines.append("  \(id)\t\(count)\t\(share)" + (text.map { "\t\($0)" } ?? ""))
            }
            lengths.sort()
            func quantile(_ q: Double) -> Int { lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, Int(q * Double(lengths.count)))] }
            let lengthJSON: JSONObject = ["min": .int(lengths.first ?? 0), "p50": .int(quantile(0.5)), "p90": .int(quantile(0.9)),
                                          "p99": .int(quantile(0.99)), "max": .int(lengths.last ?? 0)]
            lines.append("document length (tokens): min \(lengths.first ?? 0), median \(quantile(0.5)), p90 \(quantile(0.9)), "
                + "p99 \(quantile(0.99)), max \(lengths.last ?? 0)")
            out["histogram"] = .object(["top": .array(histogramJSON), "distinct_ids": .int(counts.count),
                                        "document_length": .object(lengthJSON)])
        }
        if sft {
            guard let info = set.manifest?.sft else { throw ConfigError("\(source) has no sft block in dataset.json: not SFT shards") }
            lines.append("chat template: \(info.template)")
            if let text = info.templateText { lines.append(text) }
            lines.append("tokens with loss: \(info.trainedTokens), without: \(info.maskedTokens), mask aligned to tokens (\(info.maskAlignment))")
            out["sft"] = .object(["template": .string(info.template), "template_text": info.templateText.map(JSONValue.string) ?? .null,
                                  "trained_tokens": .int(info.trainedTokens), "masked_tokens": .int(info.maskedTokens)])
        }
        if let n = document ?? (sft ? 0 : nil) {
            var remaining = n
            guard n >= 0, let shard = selected.first(where: { s in
                if remaining < s.tokens.count { return true }
                remaining -= s.tokens.count
                return false
            }) else {
                throw ConfigError("\(part.rawValue) has \(selected.reduce(0) { $0 + $1.tokens.count }) documents; no document \(n)")
            }
            let ids = shard.tokens.tokens(of: remaining)
            var doc: JSONObject = ["index": .int(n), "shard": .string(shard.record.prefix), "index_in_shard": .int(remaining),
                                   "ids": .array(ids.map { .int(Int($0)) })]
            lines.append("document \(n) (\(shard.record.prefix) #\(remaining)), \(ids.count) tokens:")
            lines.append(ids.map(String.init).joined(separator: " "))
            let mask = shard.mask?.tokens(of: remaining)
            if let mask { doc["mask"] = .array(mask.map { .int(Int($0)) }) }
            if let decoder {
                let text = String(decoding: decoder.decode(ids), as: UTF8.self)
                doc["text"] = .string(text)
                lines.append("text:")
                lines.append(sft && mask != nil ? Self.marked(ids, mask!, decoder) : text)
            } else if sft, let mask {
                lines.append("mask: " + mask.map(String.init).joined())
            }
            out["document"] = .object(doc)
        }
        if json {
            print(JSONWriter.prettyText(of: .object(out)))
        } else {
            print(lines.joined(separator: "\n"))
        }
    }

    /// The tokenizer named by --tokenizer, else by dataset.json when its file is there.
    private func loadTokenizer(_ set: ShardSet) throws -> Tokenizer? {
        if let tokenizer { return try Tokenizer.load(path: tokenizer) }
        guard let file = set.manifest?.tokenizer?.file, FileManager.default.fileExists(atPath: file) else { return nil }
        return try? Tokenizer.load(path: file)
    }

    /// The text of `ids` with each run of mask-1 tokens between [[ and ]].
    static func marked(_ ids: [UInt32], _ mask: [UInt32], _ tokenizer: Tokenizer) -> String {
        var out = ""
        var start = 0
        let n = min(ids.count, mask.count)
        while start < n {
            var end = start
            while end < n, (mask[end] != 0) == (mask[start] != 0) { end += 1 }
            let text = String(decoding: tokenizer.decode(Array(ids[start..<end])), as: UTF8.self)
            out += mask[start] != 0 ? "[[" + text + "]]" : text
            start = end
        }
        return out
    }

    /// A token's text with control characters made visible.
    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map { s in
            switch s {
            case "\n": return "\\n"
            case "\t": return "\\t"
            case "\r": return "\\r"
            case " ": return "␣"
            default: return s.value < 0x20 ? "\\x" + String(s.value, radix: 16) : String(s)
            }
        }.joined()
    }
}
