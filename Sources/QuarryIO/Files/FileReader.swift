// FileReader: sequential reads of a file with POSIX read() into the caller's buffer (no
// Foundation on the hot path; see research/swift-notes.md §2e: read() into a reused buffer
// runs at several GB/s). Errors name the file and the byte offset.
import Glibc
import QuarryCore

/// A file opened for sequential reading from some offset.
public final class FileReader {
    public let path: String
    private let fd: Int32
    /// Offset of the next byte `read` returns.
    public private(set) var offset: Int64

    public init(path: String, offset: Int64 = 0) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, "cannot open: \(systemErrorMessage())") }
        self.offset = offset
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 {
            let message = systemErrorMessage()
            close(fd)
            throw InputError(file: path, offset: offset, "cannot seek: \(message)")
        }
    }

    deinit { close(fd) }

    /// Moves to `offset` (the next read starts there).
    public func seek(to offset: Int64) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw InputError(file: path, offset: offset, "cannot seek: \(systemErrorMessage())")
        }
        self.offset = offset
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 {
                offset += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw InputError(file: path, offset: offset, "read failed: \(systemErrorMessage())")
        }
    }
}

/// The current errno as text.
func systemErrorMessage(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}

/// Facts about files the planner needs.
public enum FileInfo {
    /// The size in bytes, or nil when the path is not a readable regular file.
    public static func size(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Size and modification time, to tell whether an input changed between runs.
    public static func fingerprint(of path: String) -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
