// `--fresh`: forget an earlier run in the same place, removing the files it recorded (task
// outputs, rejects, the joined single file) and its run store, and nothing else.
import Glibc
import QuarryCore
import QuarryIO

enum RunCleanup {
    static func removePreviousRun(_ layout: RunLayout) throws {
        let path = layout.storePath
        if FileInfo.exists(path) {
            let store = try RunStore(readingFrom: path)
            for task in try store.tasks() {
                for output in task.outputs { unlink(output) }
            }
        }
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        if let single = layout.singleFile { unlink(single) }
    }
}
