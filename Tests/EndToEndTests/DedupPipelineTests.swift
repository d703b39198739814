// `quarry dedup` and dedup stages in `quarry run`, through the binary, on a small generated
// corpus of three input files with planted duplicates: exact copies across files, copies with
// one or two words changed, a Chinese pair, and unique documents. Checked: drop mode keeps one
// document per cluster (the first in input order) and `quarry stats` counts the drop reasons;
// annotate mode marks cluster members; 1 and 2 workers write the same bytes; a cluster run of
// the four phases over two ranks writes what a local run writes; `--against` removes what an
// earlier run already holds and leaves that run's files untouched; exact and MinHash stages in
// one pipeline file; usage errors.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

/// A small corpus with known duplicate clusters.
struct DedupCorpus {
    /// The clusters of near duplicates, in input order: the first id is the one kept.
    var nearClusters: [[String]] = []
    /// The clusters of exact duplicates (the same text), in input order.
    var exactClusters: [[String]] = []
    /// Every id, in input order.
    var ids: [String] = []
    /// Texts by id.
    var texts: [String: String] = [:]

    /// Ids kept when each near (or exact) cluster keeps its first document.
    func kept(exact: Bool = false) -> [String] {
        let dropped = Set((exact ? exactClusters : nearClusters).flatMap { $0.dropFirst() })
        return ids.filter { !dropped.contains($0) }
    }

    static let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "pe", "du", "ga", "ho", "ze", "fi", "mo", "la",
                            "bre", "sku", "tor", "wen"]
    static let chineseWords = ["我们", "今天", "天气", "非常", "学习", "中文", "城市", "发展", "经济", "社会", "文化", "历史",
                               "人民", "政府", "科学", "技术", "大学", "学生", "老师", "公司", "市场", "国家", "世界", "问题",
                               "时间", "工作", "生活", "朋友", "家庭", "音乐", "电影", "图书馆", "医院", "铁路", "河流", "山区"]

    static func words(_ count: Int, _ rng: inout SplitMix64) -> [String] {
        (0..<count).map { _ in (0..<(2 + rng.below(2))).map { _ in syllables[rng.below(syllables.count)] }.joined() }
    }

    static func chinese(_ count: Int, _ rng: inout SplitMix64) -> [String] {
        (0..<count).map { _ in chineseWords[rng.below(chineseWords.count)] }
    }

    /// Writes `prefix`-0.jsonl … into `directory` of `dir`: `files` files of `perFile` unique
    /// documents each, plus the planted clusters (when `planted`).
    static func make(in dir: TemporaryDirectory, directory: String = "corpus", prefix: String = "part", files: Int = 3,
                     perFile: Int = 30, seed: UInt64 = 5, planted: Bool = true) throws -> DedupCorpus {
        var rng = SplitMix64(seed: seed)
        var corpus = DedupCorpus()
        // Per file, the documents in order: (id, text, metadata).
        var lines: [[(id: String, text: String, extra: String)]] = Array(repeating: [], count: files)
        func add(_ file: Int, _ id: String, _ text: String, extra: String = "") { lines[file].append((id, text, extra)) }
        for file in 0..<files {
            for i in 0..<perFile {
                add(file, "\(prefix)\(file)-u\(i)", words(60 + rng.below(60), &rng).joined(separator: " "))
            }
        }
        var exact: [[String]] = [], near: [[String]] = []
        if planted && files >= 3 {
            // An exact copy in every file.
            let copied = words(90, &rng).joined(separator: " ")
            for file in 0..<3 { add(file, "\(prefix)\(file)-copy", copied) }
            exact.append((0..<3).map { "\(prefix)\($0)-copy" })
            near.append(exact.last!)
            // A pair inside one file, far apart.
            let pair = words(70, &rng).joined(separator: " ")
            lines[1].insert(("\(prefix)1-pair-a", pair, ""), at: min(5, lines[1].count))
            add(1, "\(prefix)1-pair-b", pair)
            exact.append(["\(prefix)1-pair-a", "\(prefix)1-pair-b"])
            near.append(exact.last!)
            // Near duplicates: one and two words changed out of 150, with a quality score that
            // prefers the last one.
            var base = words(150, &rng)
            add(0, "\(prefix)0-near", base.joined(separator: " "), extra: ",\"metadata\":{\"quality\":0.2}")
            base[70] = "changedword"
            add(1, "\(prefix)1-near", base.joined(separator: " "), extra: ",\"metadata\":{\"quality\":0.5}")
            base[20] = "otherword"
            add(2, "\(prefix)2-near", base.joined(separator: " "), extra: ",\"metadata\":{\"quality\":0.9}")
            near.append(["\(prefix)0-near", "\(prefix)1-near", "\(prefix)2-near"])
            exact += [["\(prefix)0-near"], ["\(prefix)1-near"], ["\(prefix)2-near"]]
            // A Chinese pair, one word changed out of 160.
            var zh = chinese(160, &rng)
            add(0, "\(prefix)0-zh", zh.joined(), extra: ",\"metadata\":{\"language\":\"zh\"}")
            zh[90] = "飞机场"
            add(2, "\(prefix)2-zh", zh.joined(), extra: ",\"metadata\":{\"language\":\"zh\"}")
            near.append(["\(prefix)0-zh", "\(prefix)2-zh"])
            exact += [["\(prefix)0-zh"], ["\(prefix)2-zh"]]
            // A unique Chinese document.
            add(1, "\(prefix)1-zh-unique", chinese(120, &rng).joined(), extra: ",\"metadata\":{\"language\":\"zh\"}")
        }
        for file in 0..<files {
            var text = ""
            for line in lines[file] {
                text += "{\"id\":\(JSONText.quoted(line.id)),\"text\":\(JSONText.quoted(line.text))\(line.extra)}\n"
                corpus.ids.append(line.id)
                corpus.texts[line.id] = line.text
            }
            try dir.write("\(directory)/\(prefix)-\(file).jsonl", text)
        }
        // Clusters in input order; every other document is its own cluster.
        let order = Dictionary(uniqueKeysWithValues: corpus.ids.enumerated().map { ($0.element, $0.offset) })
        corpus.nearClusters = near.map { $0.sorted { order[$0]! < order[$1]! } }
        corpus.exactClusters = exact.filter { $0.count > 1 }.map { $0.sorted { order[$0]! < order[$1]! } }
        return corpus
    }
}

/// Reading outputs and stats of runs.
enum DedupOutputs {
    /// The documents of a JSONL output file or directory (its files in name order), in order.
    static func documents(_ path: String) throws -> [[String: Any]] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let files = isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.contains(".jsonl") && !$0.hasSuffix(".tmp") }
                .sorted().map { path + "/" + $0 }
            : [path]
        var out: [[String: Any]] = []
        for file in files {
            let source = try Compression.of(path: file).openSource(path: file)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) { bytes += buffer[0..<n] }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                out.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])
            }
        }
        return out
    }

    static func ids(_ path: String) throws -> [String] { try documents(path).map { $0["id"] as! String } }

    /// `quarry stats RUN --json` as an object.
    static func stats(_ run: String, in dir: TemporaryDirectory) throws -> [String: Any] {
        let json = dir.file("stats-\(UUID().uuidString).json")
        let result = try QuarryBinary.run(["stats", run, "--json", json])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    }

    /// The drop reasons counted by the stage `stage` in a stats object.
    static func drops(_ stats: [String: Any], stage: String) -> [String: Int] {
        let rows = (stats["funnel"] as! [[String: Any]]).filter { $0["stage"] as? String == stage }
        var out: [String: Int] = [:]
        for row in rows { for (reason, n) in row["dropped"] as? [String: Int] ?? [:] { out[reason, default: 0] += n } }
        return out
    }

    /// Every file under a directory (relative path → bytes), optionally without run stores.
    static func tree(_ root: String, stores: Bool = false) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
            let path = root + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && (stores || !name.contains(".sqlite")) { out[name] = try readBytes(path) }
        }
        return out
    }
}

@Suite struct DedupPipelineTests {
    func dedup(_ arguments: [String], in dir: TemporaryDirectory) throws -> CommandResult {
        let result = try QuarryBinary.run(["dedup", "--input", "corpus"] + arguments + ["-q"], in: dir.path)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    @Test func dropModeKeepsOneDocumentPerClusterWithAnyWorkerCount() throws {
        let dir = TemporaryDirectory("quarry-dedup")
        let corpus = try DedupCorpus.make(in: dir)
        _ = try dedup(["--output", "two.jsonl", "--workers", "2"], in: dir)
        _ = try dedup(["--output", "one.jsonl", "--workers", "1"], in: dir)
        #expect(try DedupOutputs.ids(dir.file("two.jsonl")) == corpus.kept())
        #expect(try readBytes(dir.file("one.jsonl")) == readBytes(dir.file("two.jsonl")))
        let dropped = corpus.ids.count - corpus.kept().count
        #expect(dropped == 2 + 1 + 2 + 1)
        let stats = try DedupOutputs.stats(dir.file("two.jsonl.run"), in: dir)
        #expect(DedupOutputs.drops(stats, stage: "minhash_dedup_v1") == ["minhash_duplicate": dropped])
        #expect(FileManager.default.fileExists(atPath: dir.file("two.jsonl.run/dedup/1-minhash_dedup_v1/summary.json")))

        // exact: only the copies go.
        _ = try dedup(["--method", "exact", "--output", "exact.jsonl"], in: dir)
        #expect(try DedupOutputs.ids(dir.file("exact.jsonl")) == corpus.kept(exact: true))
        let exactStats = try DedupOutputs.stats(dir.file("exact.jsonl.run"), in: dir)
        #expect(DedupOutputs.drops(exactStats, stage: "exact_dedup_v1") == ["exact_duplicate": 3])
    }

    @Test func annotateModeMarksClusterMembers() throws {
        let dir = TemporaryDirectory("quarry-dedup-annotate")
        let corpus = try DedupCorpus.make(in: dir)
        _ = try dedup(["--output", "out.jsonl", "--mode", "annotate"], in: dir)
        let documents = try DedupOutputs.documents(dir.file("out.jsonl"))
        #expect(documents.map { $0["id"] as! String } == corpus.ids)
        let cluster = Dictionary(uniqueKeysWithValues: corpus.nearClusters.flatMap { members in members.map { ($0, members) } })
        for document in documents {
            let id = document["id"] as! String
            let metadata = document["metadata"] as? [String: Any] ?? [:]
            if let members = cluster[id] {
                #expect(metadata["dup_cluster_size"] as? Int == members.count, "\(id)")
                #expect(metadata["duplicate_of"] as? String == (id == members[0] ? nil : members[0]), "\(id)")
            } else {
                #expect(metadata["dup_cluster_size"] == nil && metadata["duplicate_of"] == nil, "\(id)")
            }
        }

        // --prefer: the document with the largest quality is kept.
        _ = try dedup(["--output", "prefer.jsonl", "--prefer", "quality"], in: dir)
        let kept = try DedupOutputs.ids(dir.file("prefer.jsonl"))
        #expect(kept.contains("part2-near") && !kept.contains("part0-near") && !kept.contains("part1-near"))
    }

    @Test func twoRanksRunningThePhasesWriteWhatALocalRunWrites() throws {
        let dir = TemporaryDirectory("quarry-dedup-ranks")
        let corpus = try DedupCorpus.make(in: dir)
        _ = try dedup(["--output", "local"], in: dir)
        func phase(_ phase: String, _ rank: Int) throws {
            _ = try dedup(["--output", "ranked", "--phase", phase, "--rank", "\(rank)", "--world-size", "2", "--workers", "1"], in: dir)
        }
        // One command cannot run the global phases over ranks; it says which to run, before any output.
        let all = try QuarryBinary.run(["dedup", "--input", "corpus", "--output", "ranked", "--rank", "0", "--world-size", "2"],
                                       in: dir.path)
        #expect(all.status == 2 && all.stderr.contains("--phase signatures"), "\(all.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ranked")))
        for rank in 0..<2 { try phase("signatures", rank) }
        for rank in 0..<2 { try phase("buckets", rank) }
        try phase("clusters", 0)
        for rank in 0..<2 { try phase("filter", rank) }
        #expect(try DedupOutputs.ids(dir.file("ranked")).sorted() == corpus.kept().sorted())
        let outputs = { (root: String) in try DedupOutputs.tree(dir.file(root)).filter { $0.key.hasSuffix(".jsonl.zst") } }
        #expect(try outputs("ranked").count == 3)
        #expect(try outputs("ranked") == outputs("local"))

        // Phase jobs of another pipeline in the same directory are refused.
        let other = try QuarryBinary.run(["dedup", "--input", "corpus", "--output", "ranked", "--phase", "signatures", "--rank", "1",
                                          "--world-size", "2", "--ngram", "3"], in: dir.path)
        #expect(other.status == 2 && other.stderr.contains("holds another run"), "\(other.stderr)")
    }

    @Test func againstAnEarlierRunRemovesWhatItHoldsAndLeavesItUntouched() throws {
        let dir = TemporaryDirectory("quarry-dedup-against")
        let old = try DedupCorpus.make(in: dir)
        _ = try dedup(["--output", "old"], in: dir)
        let before = try DedupOutputs.tree(dir.file("old"), stores: true)

        // New documents: copies and near copies of old ones, a pair of their own, and new ones.
        var rng = SplitMix64(seed: 77)
        var nearCopy = old.texts["part1-u3"]!.split(separator: " ").map(String.init)
        nearCopy[nearCopy.count - 1] = "novelword"
        let fresh = DedupCorpus.words(80, &rng).joined(separator: " ")
        let rows: [(String, String)] = [
            ("new-1", DedupCorpus.words(70, &rng).joined(separator: " ")),
            ("new-copy", old.texts["part0-u5"]!),
            ("new-pair-a", fresh),
            ("new-near", nearCopy.joined(separator: " ")),
            ("new-pair-b", fresh),
            ("new-copy-of-dropped", old.texts["part2-near"]!),
            ("new-2", DedupCorpus.words(90, &rng).joined(separator: " ")),
        ]
        try dir.write("new/new.jsonl", rows.map { "{\"id\":\(JSONText.quoted($0.0)),\"text\":\(JSONText.quoted($0.1))}\n" }.joined())
        let result = try QuarryBinary.run(["dedup", "--input", "new", "--output", "new.jsonl", "--against", "old", "-q"], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try DedupOutputs.ids(dir.file("new.jsonl")) == ["new-1", "new-pair-a", "new-2"])
        #expect(try DedupOutputs.tree(dir.file("old"), stores: true) == before, "the earlier run must not be touched")
    }

    @Test func exactAndMinHashInOnePipelineFile() throws {
        let dir = TemporaryDirectory("quarry-dedup-pipeline")
        let corpus = try DedupCorpus.make(in: dir)
        try dir.write("dedup.yaml", """
            version: 1
            name: two-dedups
            input: { reader: jsonl_v1, paths: [corpus] }
            stages:
              - exact_dedup_v1: {}
              - minhash_dedup_v1: { ngram: 5, bands: 14, rows: 8 }
            output: { writer: jsonl_writer_v1, directory: out }
            """)
        let run = try QuarryBinary.run(["run", "dedup.yaml", "--output", "out.jsonl", "--memory", "64M", "-q"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try DedupOutputs.ids(dir.file("out.jsonl")) == corpus.kept())
        let stats = try DedupOutputs.stats(dir.file("out.jsonl.run"), in: dir)
        #expect(DedupOutputs.drops(stats, stage: "exact_dedup_v1") == ["exact_duplicate": 3])
        #expect(DedupOutputs.drops(stats, stage: "minhash_dedup_v1") == ["minhash_duplicate": 3])
        for work in ["1-exact_dedup_v1", "2-minhash_dedup_v1"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("out.jsonl.run/dedup/\(work)/summary.json")), "\(work)")
        }
    }

    @Test func linesMethodRemovesRepeatedLinesAndDocumentsLeftTooShort() throws {
        let dir = TemporaryDirectory("quarry-dedup-lines")
        var rng = SplitMix64(seed: 9)
        let footer = "Subscribe to our newsletter for weekly news and updates"
        for file in 0..<2 {
            var text = ""
            for i in 0..<20 {
                let body = (0..<3).map { _ in DedupCorpus.words(8, &rng).joined(separator: " ") }.joined(separator: "\n")
                text += "{\"id\":\"l\(file)-\(i)\",\"text\":\(JSONText.quoted(body + "\n" + footer))}\n"
            }
            if file == 1 { text += "{\"id\":\"short\",\"text\":\(JSONText.quoted("Tiny doc here\n" + footer))}\n" }
            try dir.write("lines/part-\(file).jsonl", text)
        }
        let result = try QuarryBinary.run(["dedup", "--method", "lines", "--input", "lines", "--output", "out.jsonl",
                                           "--memory", "16M", "--rejects", "dropped.jsonl", "-q"], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        let documents = try DedupOutputs.documents(dir.file("out.jsonl"))
        #expect(documents.count == 40)
        let withFooter = documents.filter { ($0["text"] as! String).contains(footer) }.map { $0["id"] as! String }
        #expect(withFooter == ["l0-0"], "the first document keeps the line, the others lose it")
        let stats = try DedupOutputs.stats(dir.file("out.jsonl.run"), in: dir)
        #expect(DedupOutputs.drops(stats, stage: "line_dedup_v1") == ["line_dedup_too_short": 1])
        #expect(try DedupOutputs.ids(dir.file("dropped.jsonl")) == ["short"])
    }

    @Test func usageErrorsExitWithTwo() throws {
        let dir = TemporaryDirectory("quarry-dedup-usage")
        _ = try DedupCorpus.make(in: dir, files: 1, perFile: 3, planted: false)
        for (arguments, message) in [
            (["--method", "exact", "--ngram", "3"], "--ngram does not apply to --method exact"),
            (["--method", "lines", "--mode", "annotate"], "--mode does not apply to --method lines"),
            (["--method", "lines", "--memory", "512"], "max_memory"),  // --memory is line_dedup_v1's bound
            (["--memory", "lots"], "--memory"),
            (["--phase", "sideways"], "--phase"),
            (["--bands", "0"], "bands"),
            (["--option", "nonsense=1"], "nonsense"),
        ] {
            let result = try QuarryBinary.run(["dedup", "--input", "corpus", "--output", "out.jsonl"] + arguments, in: dir.path)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let filter = try QuarryBinary.run(["dedup", "--input", "corpus", "--output", "out.jsonl", "--phase", "filter"], in: dir.path)
        #expect(filter.status == 2 && filter.stderr.contains("--phase signatures"), "\(filter.stderr)")
        let help = try QuarryBinary.run(["dedup", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for topic in ["--phase signatures", "--phase buckets", "--phase clusters", "--phase filter", "--memory", "--against"] {
            #expect(text.contains(topic), "\(topic)")
        }
    }
}
