// Traditional <-> Simplified Chinese conversion through OpenCC (Open Chinese Convert, Debian's
// libopencc-dev 1.1.6; configs and dictionaries from libopencc-data in /usr/share/opencc). The
// only file that imports COpenCC (DESIGN.md §2); OpenCC's failures become ChineseConversionError.
//
// Facts this file relies on, read in OpenCC's source at tag ver.1.1.6 (github.com/BYVoid/OpenCC):
// - src/SimpleConverter.cpp: `opencc_open` returns (opencc_t)-1 on failure and leaves the message
//   in one process-wide std::string (`cError`) that `opencc_error` returns; only that string is
//   shared, so opening and reading errors happen under one lock here.
// - Conversion is read-only on a shared handle: `SimpleConverter::Convert` and everything below
//   it are `const` (src/Converter.cpp, ConversionChain.cpp, Conversion.cpp, MaxMatchSegmentation.cpp,
//   DictGroup.cpp), every call builds its own Segments and its own `marisa::Agent`
//   (src/MarisaDict.cpp), and a marisa trie is only read after loading. One handle therefore
//   serves every worker thread, and is opened once per stage (loading costs milliseconds).
// - `Config::FindConfigFile` (src/Config.cpp) tries a bare config name in the working directory
//   before the package data directory, so names are resolved to absolute paths here first.
// - MaxMatchSegmentation and Conversion stop at a NUL byte, and `opencc_convert_utf8` copies its
//   result with strncpy: text is handed over in pieces that never contain NUL.
// - Dictionary keys and values (data/dictionary/*.txt) are CJK text plus the ASCII letters of
//   four IT terms ("SQL注入", "PN結", "U盤"); no key holds an ASCII byte that is not a letter.
//   A maximal-match over the text thus never spans such a byte, and cutting the text just after
//   one gives exactly the result of converting it whole. Pieces of at most `pieceBytes` end
//   there, and pieces without any byte of a three- or four-byte UTF-8 sequence (no CJK
//   character can be in them) are copied without calling OpenCC.
internal import COpenCC
import QuarryCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why OpenCC could not be opened or could not convert.
public enum ChineseConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No config file of that name in any data directory, or no file at that path.
    case configNotFound(config: String, searched: [String])
    /// OpenCC refused the config (bad JSON, a dictionary file missing or damaged).
    case openFailed(path: String, message: String)
    /// OpenCC failed on a text (it should not on valid UTF-8).
    case conversionFailed(message: String)

    public var description: String {
        switch self {
        case let .configNotFound(config, searched):
            let names = ChineseScriptConverter.configNames.joined(separator: ", ")
            return "OpenCC config '\(config)' not found (looked at \(searched.joined(separator: ", "))); "
                + "install Debian's libopencc-data (apt-get install libopencc-dev), or give one of \(names), "
                + "or a path to a .json config"
        case let .openFailed(path, message):
            return "OpenCC could not open \(path): \(message)"
        case let .conversionFailed(message):
            return "OpenCC conversion failed: \(message)"
        }
    }
}

/// One opened OpenCC converter (a config such as `t2s`), safe to share between threads.
public final class ChineseScriptConverter: @unchecked Sendable {  // the handle is only read after init (see header)
    /// The configs libopencc-data installs, by name (`t2s` is the file `t2s.json`).
    public static let configNames = ["hk2s", "hk2t", "jp2t", "s2hk", "s2t", "s2tw", "s2twp",
                                     "t2hk", "t2jp", "t2s", "t2tw", "tw2s", "tw2sp", "tw2t"]
    /// Where config names are looked up, in order: Debian's and Ubuntu's package, then a local
    /// build's and Homebrew's default prefixes.
    public static let dataDirectories = ["/usr/share/opencc", "/usr/local/share/opencc", "/opt/homebrew/share/opencc"]
    /// Largest piece handed to OpenCC in one call, in bytes, when the text has a place to cut
    /// (any ASCII byte but a letter); it bounds OpenCC's per-call segment list (tens of bytes
    /// per character) to a few MiB whatever the document's size.
    public static let pieceBytes = 1 << 16

    /// The absolute (or as given) path of the config file that was opened.
    public let configPath: String
    private let handle: UnsafeMutableRawPointer
    /// OpenCC keeps its last error message in one global string.
    private static let errorLock = Mutex(())

    /// Opens the config `config`: a name from `configNames` (with or without `.json`), looked
    /// up in `dataDirectories`, or a path to a config file (anything containing a `/`).
    public init(config: String) throws(ChineseConversionError) {
        let path = try Self.resolve(config)
        let opened: Result<UnsafeMutableRawPointer, ChineseConversionError> = Self.errorLock.withLock { _ in
            guard let h = opencc_open(path), Int(bitPattern: h) != -1 else {
                return .failure(.openFailed(path: path, message: String(cString: opencc_error())))
            }
            return .success(h)
        }
        handle = try opened.get()
        configPath = path
    }

    deinit { _ = opencc_close(handle) }

    /// The absolute path of config `config` (see `init(config:)`), checked to be readable.
    public static func resolve(_ config: String) throws(ChineseConversionError) -> String {
        if config.utf8.contains(UInt8(ascii: "/")) {
            guard access(config, R_OK) == 0 else { throw .configNotFound(config: config, searched: [config]) }
            return config
        }
        let file = config.hasSuffix(".json") ? config : config + ".json"
        let candidates = dataDirectories.map { $0 + "/" + file }
        if !config.isEmpty, let found = candidates.first(where: { access($0, R_OK) == 0 }) { return found }
        throw .configNotFound(config: config, searched: candidates)
    }

    /// The converted text, or nil when conversion leaves `text` exactly as it is.
    public func convert(_ text: String) throws(ChineseConversionError) -> String? {
        try convert(text, pieceBytes: Self.pieceBytes)
    }

    func convert(_ text: String, pieceBytes: Int) throws(ChineseConversionError) -> String? {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(ChineseConversionError) in try convert(bytes, pieceBytes: pieceBytes) }
        }
        return try result.get()
    }

    /// Converts valid UTF-8 `bytes`; nil when the result is the same bytes.
    func convert(_ bytes: UnsafeBufferPointer<UInt8>, pieceBytes: Int) throws(ChineseConversionError) -> String? {
        guard let s = bytes.baseAddress else { return nil }
        let n = bytes.count
        // Only a three- or four-byte sequence can be a CJK character (U+0800 and above).
        guard var firstWide = (0..<n).first(where: { s[$0] >= 0xE0 }) else { return nil }
        // Start at the piece holding the first wide character: everything before is copied.
        while firstWide > 0 && !Self.isCutByte(s[firstWide - 1]) { firstWide -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 16)
        out.append(contentsOf: UnsafeBufferPointer(start: s, count: firstWide))
        var start = firstWide
        while start < n {
            let end = Self.pieceEnd(s, from: start, count: n, limit: pieceBytes)
            try convertPiece(UnsafeBufferPointer(start: s + start, count: end - start), into: &out)
            start = end
        }
        if out.count == n && out.elementsEqual(bytes) { return nil }
        return out.withUnsafeBufferPointer { String(validatedUTF8: $0, isASCII: false) }
    }

    /// Converts one piece, passing NUL bytes and runs without wide characters through as they are.
    private func convertPiece(_ piece: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(ChineseConversionError) {
        guard let p = piece.baseAddress else { return }
        var runStart = 0
        var wide = false
        for i in 0...piece.count {
            let b: UInt8 = i < piece.count ? p[i] : 0
            if b >= 0xE0 { wide = true }
            guard b == 0 else { continue }
            let run = UnsafeBufferPointer(start: p + runStart, count: i - runStart)
            if wide { try convertRun(run, into: &out) } else { out.append(contentsOf: run) }
            if i < piece.count { out.append(0) }
            runStart = i + 1
            wide = false
        }
    }

    /// One OpenCC call on bytes without NUL.
    private func convertRun(_ run: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(ChineseConversionError) {
        guard let base = run.baseAddress, !run.isEmpty else { return }
        let converted = base.withMemoryRebound(to: CChar.self, capacity: run.count) {
            opencc_convert_utf8(handle, $0, run.count)
        }
        guard let converted else {
            let message = Self.errorLock.withLock { _ in String(cString: opencc_error()) }
            throw .conversionFailed(message: message)
        }
        defer { opencc_convert_utf8_free(converted) }
        let length = strlen(converted)
        converted.withMemoryRebound(to: UInt8.self, capacity: length) {
            out.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Whether a piece may end just after byte `b`: an ASCII byte that is not a letter (no
    /// OpenCC dictionary key contains one; see the header).
    static func isCutByte(_ b: UInt8) -> Bool {
        b < 0x80 && !((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    /// The end of the piece starting at `start`: just after the last cut byte within `limit`
    /// bytes, or, when there is none, just after the first one beyond (or the text's end).
    static func pieceEnd(_ s: UnsafePointer<UInt8>, from start: Int, count n: Int, limit: Int) -> Int {
        if limit >= n - start { return n }
        let end = start + max(limit, 1)
        var cut = end
        while cut > start && !isCutByte(s[cut - 1]) { cut -= 1 }
        if cut > start { return cut }
        cut = end
        while cut < n && !isCutByte(s[cut - 1]) { cut += 1 }
        return cut
    }
}
