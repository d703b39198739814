// `--fresh`: forget an earlier run in the same place, removing the files it recorded (for
// every task, the files it wrote or was about to write, with their temporary names; the
// joined single file; the parts directory), its run store, its corpus counts and, on world size
// 1, the work directories of its index stages (OUT/dedup; the ranks of a cluster run share
// them, so there they stay), and nothing else.
import Foundation
import Glibc
import QuarryCore
import QuarryIO

enum RunCleanup {
    static func removePreviousRun(_ layout: RunLayout) {
        let path = layout.storePath
        // A store this version cannot read (damaged, or older) still goes; its files stay.
        if FileInfo.exists(path), let store = try? RunStore(readingFrom: path), let tasks = try? store.tasks() {
            for task in tasks {
                for output in task.outputs + task.mainOutputs { remove(output) }
            }
        }
        // The write-ahead log first: a store file without its log is an empty store, never an old one.
        for suffix in ["-wal", "-shm", ""] { unlink(path + suffix) }
        if let single = layout.singleFile { remove(single) }
        CountsFile.remove(layout)
        if layout.worldSize == 1 { try? FileManager.default.removeItem(atPath: IndexDirectory.root(layout)) }
    }

    /// Removes a file and its temporary twin.
    static func remove(_ path: String) {
        unlink(path)
        unlink(AtomicFile.temporaryPath(for: path))
    }
}
