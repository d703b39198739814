// Streams the documents of JSONL inputs (files, directories, globs; compressed by extension)
// outside a pipeline, for commands that need a whole labeled set at once (`quarry classify
// train|test`). Damaged records are not fatal: they come back as issues naming the file and
// offset, for the command to count and report.
import QuarryCore
import QuarryIO

public enum DocumentLoader {
    /// Calls `body` with every document of `inputs`, in file order then line order, and
    /// returns the records that could not be read.
    public static func forEach(inputs: [String], textKey: String = "text",
                               _ body: (Document) throws -> Void) throws -> [InputIssue] {
        try forEachWhile(inputs: inputs, textKey: textKey) { try body($0); return true }
    }

    /// Like `forEach`, but stops reading as soon as `body` returns false (a sample of the
    /// first documents reads no further than it needs).
    public static func forEachWhile(inputs: [String], textKey: String = "text",
                                    _ body: (Document) throws -> Bool) throws -> [InputIssue] {
        guard !inputs.isEmpty else { throw ConfigError("give --input (JSONL files, directories or globs)") }
        var readerOptions = JSONLReader.Options()
        readerOptions.textKey = textKey
        let reader = try JSONLReader(options: readerOptions)
        let files = try InputFiles.expand(inputs, extensions: JSONLReader.fileExtensions)
        var issues: [InputIssue] = []
        for file in files {
            let scanner = try reader.openScanner(InputSplit(path: file.path, name: file.name))
            while let raw = try scanner.next() {
                var stats = StageStats()
                for document in reader.decode(raw, stats: &stats, issues: &issues) {
                    if try !body(document) { return issues }
                }
            }
        }
        return issues
    }
}
