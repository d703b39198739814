// Phases 2 and 3 at scale within a memory budget: synthetic sketches (random band hashes, one
// document in ten sharing three bands with an earlier one) for QUARRY_DEDUP_SCALE documents
// (default 200,000), index built with a budget of QUARRY_DEDUP_MEMORY bytes (default 8 MiB,
// so every band spills sorted runs). Prints the process's peak resident memory over the build
// (VmHWM, reset first through /proc/self/clear_refs) and the summary.
import QuarryCore
import QuarryDedup
import QuarryIO
import QuarryTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DedupScaleTests {
    static func environment(_ name: String, _ fallback: Int) -> Int {
        getenv(name).flatMap { Int(String(cString: $0)) } ?? fallback
    }

    /// Peak resident set of this process in kB (VmHWM).
    static func peakResidentKB() -> Int {
        guard let f = fopen("/proc/self/status", "r") else { return -1 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") { return Int(text.split(separator: " ")[1]) ?? -1 }
        }
        return -1
    }

    @Test func manyDocumentsWithinASmallBudget() throws {
        let count = Self.environment("QUARRY_DEDUP_SCALE", 200_000)
        let memory = Self.environment("QUARRY_DEDUP_MEMORY", 8 << 20)
        let tasks = 8
        let stage = try MinHashDedupStage(options: .init())
        let bands = stage.options.bands
        let directory = TemporaryDirectory("quarry-scale")
        var random = SplitMix64(seed: 99)
        var earlier: [[UInt64]] = []   // band hashes of recent documents, to copy
        var planted = 0
        var global = 0
        for task in 0..<tasks {
            let writer = try stage.openSketchWriter(directory: directory.path, task: task)
            var index = 0
            let inTask = count / tasks + (task < count % tasks ? 1 : 0)
            while index < inTask {
                let size = min(1000, inTask - index)
                var sketches = DedupSketches(width: bands, capacity: size)
                for i in 0..<size {
                    var hashes = (0..<bands).map { _ in random.next() }
                    if global % 10 == 9, let source = earlier.last {
                        for b in 0..<3 { hashes[b] = source[b] }
                        planted += 1
                    } else if global % 10 == 4 {
                        earlier = [hashes]
                    }
                    sketches.keys.append(CorpusKey(task: task, batch: index / 1000, index: i))
                    sketches.prefer.append(.nan)
                    sketches.ids.append("doc\(global)")
                    sketches.hasSketch.append(true)
                    sketches.words.append(contentsOf: hashes)
                    global += 1
                }
                try writer.append(sketches)
                index += size
            }
            try writer.commit()
        }
        earlier = []
        // Reset the peak resident set so it covers the build only.
        if let f = fopen("/proc/self/clear_refs", "w") { fputs("5", f); fclose(f) }
        let before = Self.peakResidentKB()
        let clock = ContinuousClock()
        let started = clock.now
        try stage.buildIndex(CorpusIndexContext(directory: directory.path, tasks: Array(0..<tasks), memoryBytes: memory, workers: 2))
        let seconds = (clock.now - started).seconds
        let peak = Self.peakResidentKB()
        let summary = String(decoding: try readBytes(directory.file("summary.json")), as: UTF8.self)
        print("dedup scale: \(count) documents, budget \(memory) bytes, 2 workers: phases 2+3 in \(seconds) s, "
              + "peak RSS \(peak) kB (\(before) kB before)\n\(summary)")
        #expect(summary.contains("\"duplicates\": \(planted),"))
        #expect(summary.contains("\"clusters\": \(planted),"))
    }
}
