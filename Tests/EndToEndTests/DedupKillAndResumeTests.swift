// A `quarry dedup` killed in the middle of each phase resumes to the same bytes (issue 5,
// "a killed run resumed in the middle of each phase"). Failpoints (QuarryCore/Failpoint.swift)
// end the process as kill -9 would at a chosen place: after the 2nd task's signatures commit
// (index.sketches), after the 3rd bucket unit (dedup.buckets), after the 2nd decisions file
// (dedup.clusters), after the 2nd filtered task is recorded done (run.task). Each killed run
// exits with 137; the same command run again completes, and its output and its counts equal
// those of an uninterrupted run.
import Foundation
import QuarryTestSupport
import Testing

@Suite(.serialized) struct DedupKillAndResumeTests {
    /// Runs quarry with extra environment variables.
    func quarry(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QuarryBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The counts of a run's stats: funnel rows without seconds and histograms' timing-free parts.
    func counts(_ run: String, in dir: TemporaryDirectory) throws -> String {
        let stats = try DedupOutputs.stats(run, in: dir)
        let rows = (stats["funnel"] as! [[String: Any]]).map { row -> [String: Any] in
            var row = row
            row["seconds"] = nil
            return row
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: ["funnel": rows, "output": stats["output"]!],
                                                           options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(arguments: ["index.sketches:2", "dedup.buckets:3", "dedup.clusters:2", "run.task:2"])
    func aRunKilledInAPhaseResumesToTheSameBytes(failpoint: String) throws {
        let dir = TemporaryDirectory("quarry-dedup-kill")
        let corpus = try DedupCorpus.make(in: dir)
        let command = ["dedup", "--input", "corpus", "--workers", "2"]
        let clean = try quarry(command + ["--output", "clean.jsonl"], in: dir.path)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try DedupOutputs.ids(dir.file("clean.jsonl")) == corpus.kept())

        let killed = try quarry(command + ["--output", "killed.jsonl"], in: dir.path, environment: ["QUARRY_FAILPOINT": failpoint])
        #expect(killed.status == 137, "\(failpoint) was not reached: \(killed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("killed.jsonl")))
        let resumed = try quarry(command + ["--output", "killed.jsonl"], in: dir.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try readBytes(dir.file("killed.jsonl")) == readBytes(dir.file("clean.jsonl")), "\(failpoint)")
        #expect(try counts(dir.file("killed.jsonl.run"), in: dir) == counts(dir.file("clean.jsonl.run"), in: dir), "\(failpoint)")
    }
}
