// `--fresh`: forget an earlier run in the same place, removing the files it recorded (for
// every task, the files it wrote or was about to write, with their temporary names, and the
// directories they leave empty, such as a route's; the joined single file; the parts
// directory), its run store, its corpus counts and, on world size 1, the work directories
// of its index stages (OUT/dedup; the ranks of a cluster run share them, so there they
// stay), and nothing else.
import Foundation
import Glibc
import QuarryCore
import QuarryIO

enum RunCleanup {
    static func removePreviousRun(_ layout: RunLayout) {
        let path = layout.storePath
        // A store this version cannot read (damaged, or older) still goes; its files stay.
        if FileInfo.exists(path), let store = try? RunStore(readingFrom: path), let tasks = try? store.tasks() {
            var directories = Set<String>()
            for task in tasks {
                for output in task.outputs + task.mainOutputs {
                    remove(output)
                    directories.insert((output as NSString).deletingLastPathComponent)
                }
            }
            // Directories the run made for its files (a route's OUT/<route>/, say) go when empty.
            for directory in directories.sorted(by: >) { removeEmpty(directory, below: layout.runDirectory) }
        }
        // The write-ahead log first: a store file without its log is an empty store, never an old one.
        for suffix in ["-wal", "-shm", ""] { unlink(path + suffix) }
        if let single = layout.singleFile { remove(single) }
        CountsFile.remove(layout)
        if layout.worldSize == 1 { try? FileManager.default.removeItem(atPath: IndexDirectory.root(layout)) }
    }

    /// Removes `directory` and its parents while they are empty, up to `root` (kept).
    static func removeEmpty(_ directory: String, below root: String) {
        let root = InputFiles.absolute(root)
        var current = InputFiles.absolute(directory)
        while current.hasPrefix(root + "/"), rmdir(current) == 0 {
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// Removes a file and its temporary twin.
    static func remove(_ path: String) {
        unlink(path)
        unlink(AtomicFile.temporaryPath(for: path))
    }
}
