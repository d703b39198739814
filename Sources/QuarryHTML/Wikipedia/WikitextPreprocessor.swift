// Pass 1 of the wikitext converter, after MediaWiki's preprocessor: removes comments, handles
// tags (WikitextTags.swift) and removes templates `{{…}}`, parser functions `{{#if:…}}`,
// magic words `{{PAGENAME}}` and parameters `{{{1}}}`, nested to any depth, with everything
// inside them (links, tables, refs); a few templates that stand for text are replaced by it
// (WikitextTemplates.swift). Brace runs match as MediaWiki matches them: a closing run takes
// three braces from an opening run of three or more, otherwise two.
//
// Linear time and no recursion: templates are an explicit stack of output positions. Text
// inside a template is written out as usual and cut back when the template closes; a
// template never closed keeps its text (its braces dropped), so unbalanced braces cost
// nothing. Searches for close tags and `>` remember their results, so no stretch of input
// is searched twice.
//
// Verbatim text (nowiki, pre, code, math) is written escaped: each ASCII punctuation, space
// and line-break byte b as the two bytes 0xFF, b ^ 0x80. 0xFF never occurs in UTF-8, so
// the later passes see no markup in it; the last pass (WikitextInline) restores the bytes.
// A verbatim block (pre, code) starts a line of its own with 0xFF 0x80, which shows nothing;
// <br> and the line ends of a poem are 0xFF 0x81, a line break within the line.
import Glibc
import QuarryCore

/// Pass 1: comments, tags, templates.
struct WikitextPreprocessor {
    private struct OpenBraces {
        var start: Int
        var count: Int
    }

    /// Templates nested deeper than this are removed even when they stand for text (keeps
    /// the rendering work linear).
    static let renderDepth = 8
    /// Longest tag, attributes included, in bytes.
    static let maxTagBytes = 4096

    private var stack: [OpenBraces] = []
    /// Per extension tag: the last search for its close tag (from, found at or -1).
    private var closeSearch: [(from: Int, at: Int)] = []
    /// The first `>` at or after the last position asked about (n: none).
    private var nextGreater = -1
    private var nextGreaterFrom = 0
    /// Inside <poem>, line breaks before this position are kept as breaks.
    private var poemEnd = -1
    private let scratch = ByteBuffer(capacity: 256)
    private var arguments = TemplateArguments()

    mutating func run(_ input: UnsafeBufferPointer<UInt8>, keepTables: Bool, into out: ByteBuffer) {
        guard let base = input.baseAddress else { return }
        let n = input.count
        stack.removeAll(keepingCapacity: true)
        closeSearch = Array(repeating: (Int.max, -1), count: WikitextTag.extensionCount)
        nextGreater = -1
        nextGreaterFrom = 0
        poemEnd = -1
        var i = 0
        var literal = 0
        while i < n {
            let c = base[i]
            guard c == 0x3C || c == 0x7B || c == 0x7D || c == 0x0D || (c == 0x0A && i < poemEnd) else {
                i += 1
                continue
            }
            if i > literal { out.append(base + literal, count: i - literal) }
            switch c {
            case 0x0D:
                i += 1
            case 0x0A:
                out.append(escapeByte)
                out.append(lineBreakMark)
                i += 1
            case 0x3C:
                i = lessThan(base, n, at: i, keepTables: keepTables, out)
            case 0x7B:
                let r = run(of: 0x7B, base, n, at: i)
                if r >= 2 {
                    stack.append(OpenBraces(start: out.count, count: r))
                } else {
                    out.append(0x7B)
                }
                i += r
            default:
                let r = run(of: 0x7D, base, n, at: i)
                close(r, out)
                i += r
            }
            literal = i
        }
        if n > literal { out.append(base + literal, count: n - literal) }
    }

    @inline(__always)
    private func run(of byte: UInt8, _ base: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Int {
        var j = i
        while j < n && base[j] == byte { j += 1 }
        return j - i
    }

    // MARK: Templates

    /// A run of `r` closing braces.
    private mutating func close(_ r: Int, _ out: ByteBuffer) {
        var r = r
        while r >= 2, !stack.isEmpty {
            let top = stack.count - 1
            let matched = stack[top].count >= 3 && r >= 3 ? 3 : 2
            r -= matched
            stack[top].count -= matched
            if stack[top].count < 2 {
                let open = stack.removeLast()
                finish(open, parameter: matched == 3, out)
            }
        }
        for _ in 0..<r { out.append(0x7D) }
    }

    /// Removes a closed template's text, or replaces it with the text it stands for.
    private mutating func finish(_ open: OpenBraces, parameter: Bool, _ out: ByteBuffer) {
        if !parameter && stack.count < Self.renderDepth {
            scratch.removeAll()
            let body = UnsafeBufferPointer(start: UnsafePointer(out.base + open.start), count: out.count - open.start)
            if TextTemplates.render(body, arguments: &arguments, into: scratch) {
                out.truncate(to: open.start)
                out.append(UnsafeRawPointer(scratch.base), count: scratch.count)
                return
            }
        }
        out.truncate(to: open.start)
    }

    // MARK: Comments and tags

    /// Handles the `<` at `i`; returns where to continue.
    private mutating func lessThan(_ base: UnsafePointer<UInt8>, _ n: Int, at i: Int, keepTables: Bool, _ out: ByteBuffer) -> Int {
        if i + 3 < n && base[i + 1] == 0x21 && base[i + 2] == 0x2D && base[i + 3] == 0x2D {
            // A comment runs to `-->`, or to the end when it is never closed. One that fills its
            // line goes with its line end, as in MediaWiki, so it does not split a paragraph.
            let end = find(base, n, "-->", from: i + 4).map { $0 + 3 } ?? n
            let atLineStart = out.count == 0 || out.base[out.count - 1] == 0x0A
            return atLineStart && end < n && base[end] == 0x0A ? end + 1 : end
        }
        var j = i + 1
        let closing = j < n && base[j] == 0x2F
        if closing { j += 1 }
        let nameStart = j
        while j < n, j - nameStart <= 15, isASCIIAlphanumeric(base[j]) { j += 1 }
        guard j > nameStart, j < n, base[nameStart] | 0x20 &- 0x61 < 26 else { return literalLessThan(out, i) }
        let after = base[j]
        guard after == 0x3E || after == 0x2F || after == 0x20 || after == 0x09 || after == 0x0A else { return literalLessThan(out, i) }
        guard let tag = WikitextTag.lookup(base + nameStart, j - nameStart),
              let gt = greater(base, n, from: j), gt - i <= Self.maxTagBytes else { return literalLessThan(out, i) }
        let end = gt + 1
        let selfClosing = base[gt - 1] == 0x2F
        switch tag {
        case .html(let role):
            switch role {
            case .inline: break
            case .block: out.append(0x0A)
            case .lineBreak:
                out.append(escapeByte)
                out.append(lineBreakMark)
            }
            return end
        case .ext(let index, let content):
            if content == .table && keepTables {
                out.append(0x0A)
                return end
            }
            if closing || selfClosing { return end }
            switch content {
            case .transparent:
                return end
            case .poem:
                if let close = findClose(index, base, n, from: end) { poemEnd = close.start }
                return end
            default:
                break
            }
            // An extension tag never closed is not one: MediaWiki shows it as text. Its
            // content is then read as wikitext.
            guard let close = findClose(index, base, n, from: end) else { return end }
            let attributes = UnsafeBufferPointer(start: base + j, count: gt - j)
            switch content {
            case .verbatimInline:
                // nowiki and pre still decode character references (`&lt;` shows `<`).
                appendEscaped(base, end, close.start, out, entities: true)
            case .verbatimBlock:
                appendEscapedBlock(base, end, close.start, out, entities: true)
            case .code:
                if contains(attributes, "inline") {
                    appendEscaped(base, end, close.start, out)
                } else {
                    appendEscapedBlock(base, end, close.start, out)
                }
            case .math:
                if contains(attributes, "block") {
                    appendEscapedBlock(base, end, close.start, out)
                } else {
                    appendEscaped(base, end, close.start, out)
                }
            default:
                break
            }
            return close.end
        }
    }

    @inline(__always)
    private func literalLessThan(_ out: ByteBuffer, _ i: Int) -> Int {
        out.append(0x3C)
        return i + 1
    }

    /// Writes verbatim text on lines of its own.
    private func appendEscapedBlock(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ out: ByteBuffer,
                                    entities: Bool = false) {
        var s = start
        var e = end
        while s < e && (base[s] == 0x0A || base[s] == 0x0D) { s += 1 }
        while e > s && (base[e - 1] == 0x0A || base[e - 1] == 0x0D || base[e - 1] == 0x20) { e -= 1 }
        out.append(0x0A)
        out.append(escapeByte)
        out.append(blockMark)
        appendEscaped(base, s, e, out, entities: entities)
        out.append(0x0A)
    }

    /// Writes verbatim text escaped (see the file's comment); with `entities`, character
    /// references are decoded first (their results escaped like the rest).
    private func appendEscaped(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ out: ByteBuffer,
                               entities: Bool = false) {
        out.reserve(2 * (end - start))
        var k = start
        while k < end {
            let b = base[k]
            if entities && b == 0x26 {
                scratch.removeAll()
                if let next = WikitextEntities.decode(base, at: k, end: end, into: scratch) {
                    appendEscaped(UnsafePointer(scratch.base), 0, scratch.count, out)
                    k = next
                    continue
                }
            }
            k += 1
            if b == 0x0D { continue }
            if isVerbatimEscaped(b) {
                out.append(escapeByte)
                out.append(b ^ 0x80)
            } else {
                out.append(b)
            }
        }
    }

    /// The first `>` at or after `from`, remembered for later questions. The answer holds for
    /// any `from` in [nextGreaterFrom, nextGreater]: no `>` lies between. (A question from
    /// before that range, as after a jump ahead to a close tag and back, searches again.)
    private mutating func greater(_ base: UnsafePointer<UInt8>, _ n: Int, from: Int) -> Int? {
        if from < nextGreaterFrom || nextGreater < from {
            nextGreater = find(base, n, byte: 0x3E, from: from) ?? n
            nextGreaterFrom = from
        }
        return nextGreater < n ? nextGreater : nil
    }

    /// The close tag of extension tag `index` at or after `from`: where it starts and ends.
    private mutating func findClose(_ index: Int, _ base: UnsafePointer<UInt8>, _ n: Int, from: Int) -> (start: Int, end: Int)? {
        let last = closeSearch[index]
        var at: Int
        if from >= last.from && (last.at < 0 || from <= last.at) {
            at = last.at      // same answer as the last search, which covered [last.from, at)
        } else {
            at = -1
            let name = WikitextTag.extensionNameBytes[index]
            var k = from
            search: while let lt = find(base, n, byte: 0x3C, from: k) {
                k = lt + 1
                guard lt + 2 + name.count < n, base[lt + 1] == 0x2F else { continue }
                for (offset, letter) in name.enumerated() where base[lt + 2 + offset] | 0x20 != letter { continue search }
                let after = base[lt + 2 + name.count]
                if after == 0x3E || after == 0x20 || after == 0x09 || after == 0x0A {
                    at = lt
                    break
                }
            }
            closeSearch[index] = (from, at)
        }
        guard at >= 0 else { return nil }
        let end = (greater(base, n, from: at + 2) ?? (n - 1)) + 1
        return (at, end)
    }
}

/// Marks an escaped byte in verbatim text (never a UTF-8 byte).
let escapeByte: UInt8 = 0xFF
/// After `escapeByte`: the start of a verbatim block (a line of its own, never joined); no text.
let blockMark: UInt8 = 0x80
/// After `escapeByte`: a line break inside a line (<br>, a line of a poem), shown only
/// between text (none at the start or end of a line, at most one blank line in a row).
let lineBreakMark: UInt8 = 0x81

/// Whether verbatim text escapes this byte: ASCII punctuation, space, tab and line break.
@inline(__always)
func isVerbatimEscaped(_ b: UInt8) -> Bool {
    b == 0x09 || b == 0x0A || (b >= 0x20 && b < 0x7F && !isASCIIAlphanumeric(b))
}

@inline(__always)
func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
    b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
}

/// The first `byte` at or after `from`.
@inline(__always)
func find(_ base: UnsafePointer<UInt8>, _ n: Int, byte: UInt8, from: Int) -> Int? {
    guard from < n, let hit = memchr(base + from, Int32(byte), n - from) else { return nil }
    return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
}

/// The first occurrence of an ASCII pattern at or after `from`.
func find(_ base: UnsafePointer<UInt8>, _ n: Int, _ pattern: StaticString, from: Int) -> Int? {
    let p = pattern.utf8Start
    let m = pattern.utf8CodeUnitCount
    var k = from
    while k + m <= n, let first = find(base, n - m + 1, byte: p[0], from: k) {
        var j = 1
        while j < m && base[first + j] == p[j] { j += 1 }
        if j == m { return first }
        k = first + 1
    }
    return nil
}

/// Whether an ASCII word occurs in `bytes` (any case).
func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    let m = word.utf8CodeUnitCount
    guard bytes.count >= m else { return false }
    outer: for k in 0...(bytes.count - m) {
        for j in 0..<m where bytes[k + j] | 0x20 != w[j] { continue outer }
        return true
    }
    return false
}
