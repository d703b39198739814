// Decision files and the cache phase 4's threads share; the inspect view of each file kind.
import QuarryCore
@testable import QuarryDedup
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct DedupDecisionsTests {
    let params = DedupParameters(method: .exact, ngram: 0, bands: 1, rows: 0, seed: 0, characterShingles: false,
                                 normalization: 2, storesSignatures: false)

    func write(_ directory: String, task: Int, _ entries: [(Int, Int, String?)]) throws {
        let writer = try DecisionFileWriter(path: DedupWorkDirectory.decisionsPath(directory, task: task), parameters: params, task: task)
        for (index, size, representative) in entries {
            try writer.append(key: CorpusKey(task: task, batch: 0, index: index).rawValue, clusterSize: size, representative: representative)
        }
        try writer.commit()
    }

    @Test func decisionsRoundTripAndAreLookedUpByKey() throws {
        let directory = TemporaryDirectory("quarry-decisions")
        try write(directory.path, task: 2, [(1, 2, nil), (5, 3, "doc-α"), (9, 2, "")])
        let table = try TaskDecisions.read(path: DedupWorkDirectory.decisionsPath(directory.path, task: 2), parameters: params, task: 2)
        #expect(table.decision(for: CorpusKey(task: 2, batch: 0, index: 1)) == DedupDecision(clusterSize: 2, representative: nil))
        #expect(table.decision(for: CorpusKey(task: 2, batch: 0, index: 5)) == DedupDecision(clusterSize: 3, representative: "doc-α"))
        #expect(table.decision(for: CorpusKey(task: 2, batch: 0, index: 9))?.representative == "")
        #expect(table.decision(for: CorpusKey(task: 2, batch: 0, index: 4)) == nil)
        #expect(table.decision(for: CorpusKey(task: 2, batch: 1, index: 1)) == nil)
        // Read as another task's file, or with other parameters: refused.
        #expect(throws: InputError.self) {
            try TaskDecisions.read(path: DedupWorkDirectory.decisionsPath(directory.path, task: 2), parameters: params, task: 3)
        }
        var other = params
        other.normalization = 1
        #expect(throws: ConfigError.self) {
            try TaskDecisions.read(path: DedupWorkDirectory.decisionsPath(directory.path, task: 2), parameters: other, task: 2)
        }
    }

    @Test func theCacheKeepsTheMostRecentlyUsedTasks() throws {
        let directory = TemporaryDirectory("quarry-decisions")
        for task in 0..<5 { try write(directory.path, task: task, [(task, 2, nil)]) }
        let cache = DecisionCache(directory: directory.path, parameters: params, capacity: 3)
        for task in [0, 1, 2, 0, 3] { _ = try cache.decisions(task: task) }
        #expect(cache.cachedTasks == [2, 0, 3])
        #expect(try cache.decisions(task: 4).keys == [CorpusKey(task: 4, batch: 0, index: 4).rawValue])
        #expect(throws: InputError.self) { try cache.decisions(task: 7) }
    }

    @Test func everyFileOfAWorkDirectoryHasAnInspectView() throws {
        let directory = TemporaryDirectory("quarry-decisions")
        let stage = try ExactDedupStage(options: .init())
        _ = try DedupHarness.run(stage, tasks: [[DedupHarness.documents(["a", "b", "a"])]], directory: directory.path)
        let sketch = try DedupInspect.describe(path: DedupWorkDirectory.sketchPath(directory.path, task: 0))
        #expect(sketch.contains("sketches of task 0: 3 documents") && sketch.contains("id d2"))
        let band = try DedupInspect.describe(path: DedupWorkDirectory.bandPath(directory.path, band: 0))
        #expect(band.contains("band 0: 3 entries over 3 documents"))
        let pairs = try DedupInspect.describe(path: DedupWorkDirectory.pairsPath(directory.path, band: 0))
        #expect(pairs.contains("1 candidate pairs") && pairs.contains("0 ~ 2"))
        let decisions = try DedupInspect.describe(path: DedupWorkDirectory.decisionsPath(directory.path, task: 0))
        #expect(decisions.contains("cluster of 2: duplicate of d0") && decisions.contains("cluster of 2: kept"))
        let complete = try DedupInspect.describe(path: DedupWorkDirectory.completePath(directory.path))
        #expect(complete.contains("complete index over 3 documents of 1 tasks"))
        #expect(throws: InputError.self) { try DedupInspect.describe(path: DedupWorkDirectory.summaryPath(directory.path)) }
    }
}
