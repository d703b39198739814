// AtomicFile: an output written under a temporary name and renamed to its final name only
// when complete (DESIGN.md §5: writes are atomic), so a killed run never leaves a partial file
// under a final name. Writes are buffered and go out with POSIX write().
import Glibc
import QuarryCore

/// A file being written under `<final>.tmp`, renamed on commit.
public final class AtomicFile {
    public let finalPath: String
    public let temporaryPath: String
    private var fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let bufferCapacity = 1 << 20
    private var buffered = 0
    /// Bytes handed to `write` so far.
    public private(set) var bytesWritten: Int64 = 0

    /// The temporary name used for `path`.
    public static func temporaryPath(for path: String) -> String { path + ".tmp" }

    public init(path: String) throws {
        finalPath = path
        temporaryPath = AtomicFile.temporaryPath(for: path)
        try Directories.create(parentOf: path)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw InputError(file: temporaryPath, "cannot create: \(systemErrorMessage())")
        }
        buffer = .allocate(capacity: bufferCapacity)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bytesWritten += Int64(bytes.count)
        if buffered + bytes.count <= bufferCapacity {
            (buffer + buffered).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            buffered += bytes.count
            return
        }
        try flush()
        if bytes.count >= bufferCapacity {
            try writeAll(base, bytes.count)
        } else {
            buffer.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            buffered = bytes.count
        }
    }

    private func flush() throws {
        if buffered > 0 {
            try writeAll(UnsafeRawPointer(buffer), buffered)
            buffered = 0
        }
    }

    private func writeAll(_ base: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = Glibc.write(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: temporaryPath, "write failed: \(systemErrorMessage())")
            }
            done += n
        }
    }

    /// Flushes, syncs and renames the file to its final name.
    public func commit() throws {
        try flush()
        guard fsync(fd) == 0 || errno == EINVAL else {
            throw InputError(file: temporaryPath, "fsync failed: \(systemErrorMessage())")
        }
        close(fd)
        fd = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            let message = systemErrorMessage()
            unlink(temporaryPath)
            throw InputError(file: finalPath, "cannot rename \(temporaryPath): \(message)")
        }
    }

    /// Closes and removes the temporary file.
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
            unlink(temporaryPath)
        }
    }
}

/// Directory helpers.
public enum Directories {
    /// Creates `path` and its parents (like `mkdir -p`).
    public static func create(_ path: String) throws {
        if path.isEmpty || FileInfo.isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if !FileInfo.isDirectory(prefix), mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw InputError(file: prefix, "cannot create directory: \(systemErrorMessage())")
            }
            prefix += "/"
        }
    }

    /// Creates the directory that will hold `path`.
    public static func create(parentOf path: String) throws {
        if let slash = path.lastIndex(of: "/") { try create(String(path[..<slash])) }
    }
}
