// A whole regular file mapped read-only into memory: the dedup work files and the token
// shards (Megatron .bin/.idx) are read this way. Pages are read on first touch and are the
// kernel's to drop again, so a mapped file does not count against a memory budget. An empty
// file maps to an empty buffer.
#if canImport(Glibc)
import Glibc
#endif
import QuarryCore

/// A file mapped read-only for the lifetime of the object.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    /// A valid pointer even for an empty file (never dereferenced then: readers check a
    /// file's size before indexing into it).
    public var base: UnsafeRawPointer { bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 8)! }

    /// Maps `path`; `randomAccess` tells the kernel not to read ahead (sparse reads of a
    /// record here and there).
    public init(path: String, randomAccess: Bool = false) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError(file: path, "cannot stat: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: path, "not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw InputError(file: path, "cannot map: \(String(cString: strerror(errno)))")
        }
        if randomAccess { madvise(p, size, MADV_RANDOM) }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit {
        if let p = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: p), bytes.count) }
    }
}
