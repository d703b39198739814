// Expands a pipeline's input paths (files, directories, globs) into a sorted list of files,
// and names each by its path relative to the inputs' common directory; outputs are named
// after those names (DESIGN.md §4.6). A path that matches nothing is a configuration error
// before any work starts.
import Foundation
import Glibc
import QuarryCore
import QuarryIO

/// One input file.
struct InputFile: Equatable {
    /// The path as first written (for messages and opening).
    var path: String
    /// The resolved absolute path (symlinks followed): one file, one entry.
    var canonical: String
    /// Path relative to the common directory of all inputs (canonical paths).
    var name: String
    var size: Int64
    var modified: Int64
}

enum InputFiles {
    /// Expands `patterns` in order; directories contribute their files with one of
    /// `extensions` (recursively, not following directory symlinks). A file reached by several
    /// paths is kept once. Files under `excluded` directories (a run's own output) are left
    /// out of walks and globs, and named explicitly they are an error. Sorted by path.
    static func expand(_ patterns: [String], extensions: [String], excluded: [String] = []) throws -> [InputFile] {
        let excludedPrefixes = excluded.map { absolute($0) + "/" }
        func isExcluded(_ path: String) -> Bool {
            let resolved = canonical(path)
            return excludedPrefixes.contains { resolved.hasPrefix($0) }
        }
        var paths: [String] = []
        for pattern in patterns {
            if pattern.contains(where: { "*?[".contains($0) }) {
                let matches = glob(pattern).filter { !FileInfo.isDirectory($0) && !isExcluded($0) }
                guard !matches.isEmpty else { throw ConfigError("input: no file matches '\(pattern)'") }
                paths += matches
            } else if FileInfo.isDirectory(pattern) {
                let found = walk(pattern).filter { path in extensions.contains { path.hasSuffix($0) } && !isExcluded(path) }
                guard !found.isEmpty else {
                    throw ConfigError("input: directory '\(pattern)' holds no file ending in \(extensions.joined(separator: ", "))")
                }
                paths += found
            } else if FileInfo.exists(pattern) {
                if isExcluded(pattern) { throw ConfigError("input: '\(pattern)' is inside the run's own output directory") }
                paths.append(pattern)
            } else {
                throw ConfigError("input: '\(pattern)' does not exist")
            }
        }
        var files: [InputFile] = []
        var seen = Set<String>()
        for path in paths {
            let resolved = canonical(path)
            guard seen.insert(resolved).inserted else { continue }
            guard let fingerprint = FileInfo.fingerprint(of: path), access(path, R_OK) == 0 else {
                throw ConfigError("input: '\(path)' cannot be read")
            }
            files.append(InputFile(path: path, canonical: resolved, name: resolved, size: fingerprint.size,
                                   modified: fingerprint.modified))
        }
        files.sort { $0.canonical < $1.canonical }
        let common = commonDirectory(files.map(\.canonical))
        for i in files.indices {
            files[i].name = common.isEmpty ? files[i].canonical : String(files[i].canonical.dropFirst(common.count + 1))
        }
        return files
    }

    /// The absolute path with `.`/`..` removed (the file need not exist).
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The absolute path with symlinks resolved, or `absolute(path)` when it does not exist.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return absolute(path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The longest directory that contains every path ("" when none).
    static func commonDirectory(_ paths: [String]) -> String {
        guard let first = paths.first else { return "" }
        var parts = first.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for path in paths.dropFirst() {
            let other = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            var n = 0
            while n < parts.count, n < other.count, parts[parts.startIndex + n] == other[other.startIndex + n] { n += 1 }
            parts = parts.prefix(n)
        }
        return parts.joined(separator: "/")
    }

    /// Files under a directory, recursively, sorted; hidden entries and symlinked directories
    /// are skipped (a link back up the tree would otherwise repeat it forever).
    static func walk(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: out += walk(path)
            case S_IFLNK: if !FileInfo.isDirectory(path) { out.append(path) }  // file links yes, directory links no
            default: out.append(path)
            }
        }
        return out.sorted()
    }

    /// Paths matching a glob pattern (`*`, `?`, `[...]`, `{a,b}`; `**` matches across directories).
    static func glob(_ pattern: String) -> [String] {
        if pattern.contains("**") {
            let base = String(pattern[..<(pattern.range(of: "**")!.lowerBound)])
            let root = base.isEmpty ? "." : (base.hasSuffix("/") ? String(base.dropLast()) : base)
            return walk(root).filter { fnmatch(pattern, $0.hasPrefix("./") && !pattern.hasPrefix("./") ? String($0.dropFirst(2)) : $0, 0) == 0 }
        }
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, GLOB_BRACE | GLOB_TILDE, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
