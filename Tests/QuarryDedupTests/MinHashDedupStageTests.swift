// minhash_dedup_v1 through its four phases: one-word edits found, Chinese near-duplicates found
// and unrelated Chinese texts kept, empty documents, a chain A~B~C with A !~ C merged into one
// cluster, threshold verification, prefer, options.
import QuarryCore
@testable import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct MinHashDedupStageTests {
    func stage(_ configure: (inout MinHashDedupStage.Options) -> Void = { _ in }) throws -> MinHashDedupStage {
        var options = MinHashDedupStage.Options()
        configure(&options)
        return try MinHashDedupStage(options: options)
    }

    func jaccard(_ s: MinHashDedupStage, _ a: String, _ b: String, language: String? = nil) -> Double {
        let x = Set(s.hasher.shingleHashes(of: a, language: language)), y = Set(s.hasher.shingleHashes(of: b, language: language))
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }

    @Test func documentsDifferingByOneWordAreFound() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        var prose = ProseGenerator(seed: 3)
        let base = prose.words(300)
        var edited = base
        edited[150] = "zebra"
        let other = prose.words(300)
        let tasks = [[DedupHarness.documents([base.joined(separator: " "), other.joined(separator: " "),
                                              edited.joined(separator: " ")])]]
        let result = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.path)
        #expect(result.keptIDs == ["d0", "d1"])
        #expect(result.dropped == ["d2": "minhash_duplicate"])
    }

    static let chineseA = """
    北京是中华人民共和国的首都，也是全国的政治中心和文化中心。这座城市有三千多年的建城史，留下了许多名胜古迹。\
    故宫是明清两代的皇家宫殿，现在是世界上规模最大的古代宫殿建筑群之一。每年都有数以百万计的游客来到这里参观。\
    长城从东到西绵延一万多里，是古代中国为了抵御外敌而修建的军事工程。八达岭长城是其中保存最完好的一段。\
    颐和园是一座大型的皇家园林，园内的昆明湖和万寿山景色非常美丽。春天的时候，湖边的柳树发芽，游人络绎不绝。\
    北京的胡同和四合院体现了传统的居住文化，老北京人在这里生活了一代又一代，留下了丰富的民间故事。
    """
    static let chineseB = """
    今天的天气非常好，我们一家人决定去郊外的农场摘草莓。早上八点我们就出发了，路上的车辆不多，一个小时就到了。\
    农场的主人热情地接待了我们，并给每个人发了一个小篮子。草莓田里的果实又大又红，孩子们高兴得跳了起来。\
    中午我们在农场的餐厅吃了新鲜的蔬菜和土鸡汤，味道非常可口。下午我们又去参观了果园和养殖场，看到了许多小动物。\
    傍晚回家的时候，每个人都带着满满一篮草莓，虽然有些累，但是大家都觉得这一天过得非常充实和快乐。
    """

    @Test func chineseNearDuplicatesAreFoundAndUnrelatedTextsAreNot() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        let near = Self.chineseA.replacingOccurrences("每年都有数以百万计的游客", with: "每年有上百万游客")
        var docs = DedupHarness.documents([Self.chineseA, Self.chineseB, near])
        for i in docs.indices { docs[i].metadata["language"] = "zh" }
        let s = try stage()
        let j = jaccard(s, Self.chineseA, near, language: "zh")
        #expect(j > 0.85, "the near copy should share most shingles (Jaccard \(j))")
        #expect(jaccard(s, Self.chineseA, Self.chineseB, language: "zh") < 0.1)
        let result = try DedupHarness.run(s, tasks: [[docs]], directory: directory.path)
        #expect(result.keptIDs == ["d0", "d1"])
        #expect(result.dropped == ["d2": "minhash_duplicate"])
    }

    @Test func emptyAndPunctuationOnlyDocumentsAreNeverNearDuplicates() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        let tasks = [[DedupHarness.documents(["", "", "... !!! ...", "... !!! ...", "short text", "short text"])]]
        let result = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.path)
        #expect(result.keptIDs == ["d0", "d1", "d2", "d3", "d4"])
        #expect(result.dropped == ["d5": "minhash_duplicate"])
        let summary = String(decoding: try readBytes(directory.file("summary.json")), as: UTF8.self)
        #expect(summary.contains("\"documents_without_sketch\": 4"))
    }

    @Test func aChainOfNearDuplicatesIsOneCluster() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        var prose = ProseGenerator(seed: 5)
        let a = prose.words(200)
        var b = a
        for i in 50..<62 { b[i] = "alpha\(i)" }
        var c = b
        for i in 130..<142 { c[i] = "omega\(i)" }
        let texts = [a, b, c].map { $0.joined(separator: " ") }
        // A steep S-curve and a threshold between J(A,C) and J(A,B), J(B,C) (the numbers in
        // the edits all normalize to "0", so each edit is one run of equal words).
        let s = try stage { $0.bands = 128; $0.rows = 8; $0.threshold = 0.82; $0.mode = "annotate" }
        let ab = jaccard(s, texts[0], texts[1]), bc = jaccard(s, texts[1], texts[2]), ac = jaccard(s, texts[0], texts[2])
        #expect(ab >= 0.86 && bc >= 0.86 && ac < 0.78, "J(A,B) \(ab), J(B,C) \(bc), J(A,C) \(ac)")
        // C is first, so it is the representative, and A joins only through B.
        let tasks = [[DedupHarness.documents([texts[2], prose.words(200).joined(separator: " "), texts[1], texts[0]])]]
        let result = try DedupHarness.run(s, tasks: tasks, directory: directory.path)
        let docs = result.documents
        #expect(docs["d0"]?.metadata["dup_cluster_size"] == .int(3))
        #expect(docs["d2"]?.metadata["duplicate_of"] == .string("d0"))
        #expect(docs["d3"]?.metadata["duplicate_of"] == .string("d0"))
        #expect(docs["d1"]?.metadata.isEmpty == true)
    }

    @Test func thresholdVerificationRejectsAWeakCandidate() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        var prose = ProseGenerator(seed: 9)
        let a = prose.words(300)
        var b = a
        for i in stride(from: 0, to: 300, by: 30) { b[i] = "changed" }  // ~ one shingle in six differs
        let texts = [a, b].map { $0.joined(separator: " ") }
        // Rows of 2 make weak pairs candidates almost surely (1 - (1 - 0.6²)^128 ≈ 1).
        let loose = try stage { $0.bands = 128; $0.rows = 2 }
        let j = jaccard(loose, texts[0], texts[1])
        #expect(j > 0.4 && j < 0.8, "Jaccard \(j)")
        let tasks = [[DedupHarness.documents(texts)]]
        let found = try DedupHarness.run(loose, tasks: tasks, directory: directory.file("loose"))
        #expect(found.keptIDs == ["d0"])
        let strict = try stage { $0.bands = 128; $0.rows = 2; $0.threshold = 0.9 }
        let kept = try DedupHarness.run(strict, tasks: tasks, directory: directory.file("strict"))
        #expect(kept.keptIDs == ["d0", "d1"])
        // The pair is a candidate in many bands and rejected in each.
        let summary = String(decoding: try readBytes(directory.file("strict/summary.json")), as: UTF8.self)
        #expect(summary.contains("\"clusters\": 0"))
        #expect(!summary.contains("\"pairs_rejected\": 0,"))
    }

    @Test func preferPicksTheRepresentative() throws {
        let directory = TemporaryDirectory("quarry-minhash")
        var prose = ProseGenerator(seed: 12)
        let text = prose.words(100).joined(separator: " ")
        var docs = DedupHarness.documents([text, text + " end", text])
        docs[0].metadata["score"] = 0.1
        docs[1].metadata["score"] = 0.7
        let result = try DedupHarness.run(try stage { $0.prefer = "score" }, tasks: [[docs]], directory: directory.path)
        #expect(result.keptIDs == ["d1"])
    }

    @Test func optionBoundsAreChecked() throws {
        for (key, value) in [("bands", "0"), ("rows", "0"), ("ngram", "0"), ("threshold", "0"), ("threshold", "1.5"),
                             ("seed", "-1"), ("shingles", "letters"), ("mode", "keep")] {
            #expect(throws: ConfigError.self, "\(key): \(value)") {
                try MinHashDedupStage.Options(config: .mapping([(key: key, value: .scalar(value))]))
            }
        }
        #expect(throws: ConfigError.self) {
            try MinHashDedupStage.Options(config: .mapping([(key: "bands", value: .scalar("100")), (key: "rows", value: .scalar("11"))]))
        }
        let ok = try MinHashDedupStage.Options(config: .mapping([(key: "threshold", value: .scalar("1")),
                                                                 (key: "shingles", value: .scalar("characters"))]))
        #expect(ok.threshold == 1 && ok.shingles == .characters)
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
