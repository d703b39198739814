// Single-file output: the per-task parts (JSONL, plain or compressed, whose concatenation is a
// valid file) are joined in task order into the requested file, written under a temporary
// name and renamed, then the parts are removed. The run store remembers the join, so running
// the same command again finds the run complete (and removes parts a killed join left).
import Glibc
import QuarryCore
import QuarryIO

enum SingleFileOutput {
    static func join(store: RunStore, into path: String) throws {
        let tasks = try store.tasks().sorted { $0.index < $1.index }
        let file = try AtomicFile(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        do {
            for task in tasks {
                guard task.state == .done else {
                    throw InputError(file: path, "cannot join: task \(task.index) (\(task.split.path)) is not done")
                }
                for part in task.mainOutputs {
                    let reader = try FileReader(path: part)
                    while true {
                        let n = try reader.read(into: buffer)
                        if n == 0 { break }
                        try file.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    }
                }
            }
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
        try store.setMeta("joined", "1")
        removeParts(store: store)
    }

    /// Removes the joined parts.
    static func removeParts(store: RunStore) {
        for task in (try? store.tasks()) ?? [] {
            for part in task.mainOutputs { unlink(part) }
        }
    }
}
