// One process at a time per run store: two `quarry run`s in the same output directory (and
// rank) would redo each other's tasks. An exclusive flock(2) on `<store>.lock`, released when
// the run ends or the process dies.
import Glibc
import QuarryCore

final class RunLock {
    private var fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ConfigError("cannot create \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ConfigError("another quarry run is using this output (\(path) is locked)")
        }
    }

    func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
