// The tasks of a run: every input file, or byte range of a large one, is one task, numbered
// in path order. Tasks never depend on the number of workers, so 1 or N workers write the same
// outputs; `--rank R --world-size W` runs the tasks whose index % W == R.
import QuarryCore

/// One unit of work and the name its outputs get.
struct PlannedTask: Equatable {
    var index: Int
    var split: InputSplit
    /// The output file name stem: the input's relative name without its extension, plus a
    /// part number when the file is split.
    var stem: String
}

enum TaskPlanner {
    static func plan(_ files: [InputFile], reader: any DocumentReader, extensions: [String]) throws -> [PlannedTask] {
        var tasks: [PlannedTask] = []
        var stems: [String: String] = [:]
        for file in files {
            let base = stem(of: file.name, extensions: extensions)
            if let other = stems[base] {
                throw ConfigError("inputs '\(other)' and '\(file.path)' would write outputs of the same name '\(base)'")
            }
            stems[base] = file.path
            let ranges = reader.splits(path: file.path, size: file.size) ?? [0..<file.size]
            for (part, range) in ranges.enumerated() {
                let split = InputSplit(path: file.path, name: file.name, start: range.lowerBound,
                                       end: ranges.count > 1 ? range.upperBound : nil, part: part, parts: ranges.count)
                let suffix = ranges.count > 1 ? ".part-" + pad(part, 5) : ""
                tasks.append(PlannedTask(index: tasks.count, split: split, stem: base + suffix))
            }
        }
        return tasks
    }

    /// A relative name without the longest known extension.
    static func stem(of name: String, extensions: [String]) -> String {
        let match = extensions.filter { name.hasSuffix($0) && name.count > $0.count }.max { $0.count < $1.count }
        return match.map { String(name.dropLast($0.count)) } ?? name
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
