// Failpoints: named places where a test can make the process die as `kill -9` would, to
// prove that a run killed there resumes to the same bytes. `QUARRY_FAILPOINT=name:N` makes
// the N-th hit of `Failpoint.hit("name")` (counting from 1, across threads) end the process
// at once with exit status 137, without flushing or cleaning anything. Unset, a hit costs one
// load of a constant.
#if canImport(Glibc)
import Glibc
#endif

public enum Failpoint {
    private static let armed: (name: String, count: Int)? = {
        guard let raw = getenv("QUARRY_FAILPOINT") else { return nil }
        let value = String(cString: raw)
        guard let colon = value.lastIndex(of: ":"), let count = Int(value[value.index(after: colon)...]), count > 0 else {
            return (value, 1)
        }
        return (String(value[..<colon]), count)
    }()
    private static let hits = AtomicCounter()

    /// Ends the process here when the armed failpoint is `name` and this is its N-th hit.
    public static func hit(_ name: String) {
        guard let armed, armed.name == name else { return }
        if hits.increment() == armed.count { _exit(137) }
    }
}

/// A counter shared by threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    func increment() -> Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        value += 1
        return value
    }
}
