// exact_dedup_v1 through its four phases: identical and empty documents, normalization,
// first occurrence kept across tasks, prefer, annotate mode, against an earlier run, options.
import QuarryCore
@testable import QuarryDedup
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct ExactDedupStageTests {
    func stage(_ configure: (inout ExactDedupStage.Options) -> Void = { _ in }) throws -> ExactDedupStage {
        var options = ExactDedupStage.Options()
        configure(&options)
        return try ExactDedupStage(options: options)
    }

    @Test func identicalDocumentsKeepTheFirstAcrossTasksAndBatches() throws {
        let directory = TemporaryDirectory("quarry-exact")
        let tasks: [[[Document]]] = [
            [[Document(id: "a", text: "Hello world."), Document(id: "b", text: "Something else.")],
             [Document(id: "c", text: "Hello world.")]],
            [[Document(id: "d", text: "Hello   world. "), Document(id: "e", text: "hello world.")]],
        ]
        let result = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.path)
        // Whitespace is normalized by default, case is not.
        #expect(result.keptIDs == ["a", "b", "e"])
        #expect(result.dropped == ["c": "exact_duplicate", "d": "exact_duplicate"])
        #expect(result.stats.dropped["exact_duplicate"] == 2)
    }

    @Test func emptyDocumentsAreExactDuplicatesOfEachOther() throws {
        let directory = TemporaryDirectory("quarry-exact")
        let tasks = [[DedupHarness.documents(["", "x", "", " \n "])]]
        let result = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.path)
        #expect(result.keptIDs == ["d0", "d1"])
        #expect(result.dropped == ["d2": "exact_duplicate", "d3": "exact_duplicate"])
    }

    @Test func normalizationOptionsWiden() throws {
        let directory = TemporaryDirectory("quarry-exact")
        let tasks = [[DedupHarness.documents(["Price: 10 EUR!", "price 99 eur", "Price: 10 EUR!"])]]
        let strict = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.file("strict"))
        #expect(strict.keptIDs == ["d0", "d1"])
        let loose = try DedupHarness.run(try stage { $0.lowercase = true; $0.punctuation = true; $0.digits = true },
                                         tasks: tasks, directory: directory.file("loose"))
        #expect(loose.keptIDs == ["d0"])
    }

    @Test func preferKeepsTheLargestValueAndTiesGoToTheEarliest() throws {
        let directory = TemporaryDirectory("quarry-exact")
        func doc(_ id: String, _ score: JSONValue?) -> Document {
            var d = Document(id: id, text: "same text")
            if let score { d.metadata["quality"] = score }
            return d
        }
        let tasks = [[[doc("a", 0.2), doc("b", nil), doc("c", 0.9), doc("d", 0.9), doc("e", "high")]]]
        let result = try DedupHarness.run(try stage { $0.prefer = "quality" }, tasks: tasks, directory: directory.path)
        #expect(result.keptIDs == ["c"])
        // Without prefer, the earliest.
        let plain = try DedupHarness.run(try stage(), tasks: tasks, directory: directory.file("plain"))
        #expect(plain.keptIDs == ["a"])
    }

    @Test func annotateModeKeepsEveryDocumentAndSaysWhichItDuplicates() throws {
        let directory = TemporaryDirectory("quarry-exact")
        let tasks = [[DedupHarness.documents(["one", "two", "one", "one"], prefix: "x")]]
        let result = try DedupHarness.run(try stage { $0.mode = "annotate" }, tasks: tasks, directory: directory.path)
        let docs = result.documents
        #expect(result.keptIDs == ["x0", "x1", "x2", "x3"])
        #expect(docs["x0"]?.metadata["dup_cluster_size"] == .int(3))
        #expect(docs["x0"]?.metadata["duplicate_of"] == nil)
        #expect(docs["x2"]?.metadata["duplicate_of"] == .string("x0"))
        #expect(docs["x3"]?.metadata["dup_cluster_size"] == .int(3))
        #expect(docs["x1"]?.metadata.isEmpty == true)
        #expect(result.stats.counters["duplicates_annotated"] == 2)
        #expect(result.stats.histograms["dup_cluster_size"]?.count == 3)
    }

    @Test func againstAnEarlierRunDropsOnlyTheNewCopiesAndLeavesTheOldRunAlone() throws {
        let root = TemporaryDirectory("quarry-exact")
        let oldWork = root.file("old/dedup/2-exact_dedup_v1")
        let oldTasks = [[DedupHarness.documents(["alpha", "beta", "alpha"], prefix: "old")]]
        _ = try DedupHarness.run(try stage(), tasks: oldTasks, directory: oldWork)
        let before = try snapshot(oldWork)

        let newTasks = [[DedupHarness.documents(["gamma", "beta", "delta", "gamma", "alpha"], prefix: "new")]]
        let s = try stage { $0.against = [root.file("old")]; $0.mode = "annotate" }
        let result = try DedupHarness.run(s, tasks: newTasks, directory: root.file("new/dedup/1-exact_dedup_v1"))
        let docs = result.documents
        #expect(docs["new1"]?.metadata["duplicate_of"] == .string("old1"))
        #expect(docs["new4"]?.metadata["duplicate_of"] == .string("old0"))
        #expect(docs["new3"]?.metadata["duplicate_of"] == .string("new0"))
        #expect(docs["new0"]?.metadata["duplicate_of"] == nil)
        #expect(docs["new2"]?.metadata.isEmpty == true)
        #expect(try snapshot(oldWork) == before)

        let dropping = try stage { $0.against = [root.file("old")] }
        let dropped = try DedupHarness.run(dropping, tasks: newTasks, directory: root.file("new2/dedup/1-exact_dedup_v1"))
        #expect(dropped.keptIDs == ["new0", "new2"])
    }

    @Test func againstAMissingOrIncompleteIndexIsAConfigError() throws {
        let root = TemporaryDirectory("quarry-exact")
        #expect(throws: ConfigError.self) { try stage { $0.against = [root.file("nowhere")] } }
        try Directories.create(root.file("empty-run/dedup"))
        let s = try stage { $0.against = [root.file("empty-run")] }
        #expect(throws: ConfigError.self) {
            try DedupHarness.run(s, tasks: [[DedupHarness.documents(["a"])]], directory: root.file("work"))
        }
    }

    @Test func processingWithoutAnIndexIsAClearError() throws {
        var batch = DocumentBatch(documents: DedupHarness.documents(["a"]))
        var stats = StageStats()
        #expect(throws: ConfigError.self) { try stage().process(&batch, stats: &stats) }
        let directory = TemporaryDirectory("quarry-exact")
        #expect(throws: InputError.self) { try stage().prepared(directory: directory.path) }
    }

    @Test func anotherNormalizationCannotReuseTheSketches() throws {
        let directory = TemporaryDirectory("quarry-exact")
        let tasks = [[DedupHarness.documents(["a", "a"])]]
        try DedupHarness.sketch(try stage(), tasks: tasks, directory: directory.path)
        let other = try stage { $0.lowercase = true }
        #expect(!other.hasSketches(directory: directory.path, task: 0))
        #expect(try stage().hasSketches(directory: directory.path, task: 0))
        do {
            try other.buildIndex(CorpusIndexContext(directory: directory.path, tasks: [0], memoryBytes: 1 << 20, workers: 1))
            Issue.record("expected a parameter mismatch")
        } catch let error as ConfigError {
            #expect(error.message.contains("sketches/task-000000.sk"))
            #expect(error.message.contains("other dedup parameters"))
        }
    }

    @Test func badOptionsAreRejected() {
        #expect(throws: ConfigError.self) { try ExactDedupStage.Options(config: .mapping([(key: "mode", value: .scalar("remove"))])) }
        #expect(throws: ConfigError.self) { try ExactDedupStage.Options(config: .mapping([(key: "ngram", value: .scalar("5"))])) }
    }
}

/// Every file under `directory` with its bytes.
func snapshot(_ directory: String) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    func walk(_ path: String, _ name: String) throws {
        if FileInfo.isDirectory(path) {
            for child in DedupWorkDirectory.list(path) { try walk(path + "/" + child, name.isEmpty ? child : name + "/" + child) }
        } else {
            out[name] = try readBytes(path)
        }
    }
    try walk(directory, "")
    return out
}
