// Word, domain and URL lists for the list filters (c4_badwords_v1, url_filter_v1,
// keyword_filter_v1): the built-in lists (BuiltinWordlists.swift) and users' list files, both
// parsed the same way: one entry a line, white space around it removed, empty lines and lines
// starting with "#" skipped (datatrove 0.10.1 reads its lists line by line and strips them;
// its URL lists also skip "#" lines). Files are read once, when a stage is built; a file that
// cannot be read is a configuration error naming it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import QuarryCore

enum WordListFiles {
    /// The entries of a list's text: stripped lines, without empty lines and "#" comments.
    static func entries(of text: String) -> [String] {
        var result: [String] = []
        forEachEntry(of: Array(text.utf8)) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// `line` without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF).
    static func strip(_ line: Substring) -> String {
        let isSpace = { (b: UInt8) in b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        let bytes = Array(line.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The entries of every file in `paths`, in order.
    static func entries(ofFiles paths: [String], option: String) throws -> [String] {
        var result: [String] = []
        for path in paths {
            result += entries(of: try readText(path, option: option))
        }
        return result
    }

    /// The text of a plain file (invalid UTF-8 repaired with U+FFFD).
    static func readText(_ path: String, option: String) throws -> String {
        String(decoding: try readBytes(path, option: option), as: UTF8.self)
    }

    /// Calls `body` with the bytes of each entry of a list (stripped lines, without empty
    /// lines and "#" comments), without making a String of each: for lists of millions of
    /// domains.
    static func forEachEntry(of bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let isSpace = { (b: UInt8) in b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        bytes.withUnsafeBufferPointer { all in
            var lineStart = 0
            while lineStart < all.count {
                var lineEnd = lineStart
                while lineEnd < all.count, all[lineEnd] != 0x0A { lineEnd += 1 }
                var start = lineStart, end = lineEnd
                while start < end, isSpace(all[start]) { start += 1 }
                while end > start, isSpace(all[end - 1]) { end -= 1 }
                if start < end && all[start] != 0x23 {
                    body(UnsafeBufferPointer(rebasing: all[start..<end]))
                }
                lineStart = lineEnd + 1
            }
        }
    }

    /// The bytes of a plain file. Compressed files are not read yet: a path ending in .gz,
    /// .zst or .bz2 is an error that says so.
    static func readBytes(_ path: String, option: String) throws -> [UInt8] {
        for suffix in [".gz", ".zst", ".zstd", ".bz2"] where path.hasSuffix(suffix) {
            throw ConfigError("option '\(option)': compressed list files are not supported yet; decompress it first",
                              file: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ConfigError("option '\(option)': cannot open the list file: \(String(cString: strerror(errno)))",
                              file: path)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ConfigError("option '\(option)': cannot read the list file: \(String(cString: strerror(errno)))",
                                  file: path)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
