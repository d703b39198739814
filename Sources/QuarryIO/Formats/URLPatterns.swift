// URL include / exclude patterns for the WARC and WET readers. A pattern with `*` or `?` is a
// glob over the whole URL (`*` any run of characters, `/` included; `?` one character);
// any other pattern matches as a substring ("wikipedia.org", "/tag/"). Matching ignores ASCII
// letter case, since scheme and host are case-insensitive and crawls spell both ways.

/// A list of URL patterns.
struct URLPatterns: Sendable {
    private let globs: [[UInt8]]
    private let substrings: [[UInt8]]

    var isEmpty: Bool { globs.isEmpty && substrings.isEmpty }

    init(_ patterns: [String]) {
        var globs: [[UInt8]] = [], substrings: [[UInt8]] = []
        for pattern in patterns where !pattern.isEmpty {
            let bytes = Array(pattern.utf8).map(Self.lower)
            if bytes.contains(0x2A) || bytes.contains(0x3F) { globs.append(bytes) } else { substrings.append(bytes) }
        }
        self.globs = globs
        self.substrings = substrings
    }

    /// Whether any pattern matches `url`.
    func matches(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { u in
            substrings.contains { Self.contains(u, $0) } || globs.contains { Self.glob($0, u) }
        }
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= text.count else { return false }
        let first = needle[0]
        var i = 0
        while i + needle.count <= text.count {
            if lower(text[i]) == first {
                var k = 1
                while k < needle.count, lower(text[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Glob match of the whole text: the usual linear-time algorithm that backtracks only to
    /// the last `*`.
    static func glob(_ pattern: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, t = 0
        var star = -1, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == 0x3F || (pattern[p] != 0x2A && pattern[p] == lower(text[t])) {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == 0x2A {
                star = p
                resume = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == 0x2A { p += 1 }
        return p == pattern.count
    }
}

/// The URL filter of a reader: include patterns (when given, a URL must match one) and
/// exclude patterns (a URL matching one is dropped).
struct URLFilter: Sendable {
    let include: URLPatterns
    let exclude: URLPatterns

    init(include: [String], exclude: [String]) {
        self.include = URLPatterns(include)
        self.exclude = URLPatterns(exclude)
    }

    var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// Whether `url` is kept.
    func admits(_ url: String?) -> Bool {
        if isEmpty { return true }
        let url = url ?? ""
        if !include.isEmpty && !include.matches(url) { return false }
        return exclude.isEmpty || !exclude.matches(url)
    }
}
