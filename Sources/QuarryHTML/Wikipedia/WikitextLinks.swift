// Pass 2 of the wikitext converter: links, on text without templates.
//   [[Target]] → Target; [[Target|label]] → label; [[Target]]s → Targets (the trail just
//   follows); [[Target (disambiguation)|]] → Target (the pipe trick); [[:Category:X]] → Category:X.
//   [[File:…]], [[Image:…]], [[Media:…]], [[Category:…]] and their localized names
//   (WikiNamespaces) are removed with everything inside, links in captions included.
//   [[de:Artikel]] (an interlanguage link: a lower-case prefix and no label) is removed.
//   [http://example.com label] → label; [http://example.com] (shown as a number) is removed;
//   bare URLs stay as they are.
// Internal links nest (a file caption can hold links): open links are a stack of output
// positions, and a link's text is moved down over its target when it closes. Nesting deeper
// than 32 is read as text, so the work stays linear; a `[[` never closed stays as text.
import QuarryCore

/// Pass 2: internal and external links.
struct WikitextLinks {
    private struct OpenLink {
        /// Output position of the `[[`.
        var start: Int
        /// Output position of the first `|`, if any.
        var pipe: Int?
    }

    static let maxDepth = 32
    private var stack: [OpenLink] = []
    /// A search for an external link's `]` that failed went up to this line break.
    private var noBracketBefore = -1

    mutating func run(_ input: UnsafeBufferPointer<UInt8>, namespaces: WikiNamespaces, into out: ByteBuffer) {
        guard let base = input.baseAddress else { return }
        let n = input.count
        stack.removeAll(keepingCapacity: true)
        noBracketBefore = -1
        var i = 0
        var literal = 0
        while i < n {
            let c = base[i]
            guard c == 0x5B || c == 0x5D || (c == 0x7C && !stack.isEmpty) else {
                i += 1
                continue
            }
            if i > literal { out.append(base + literal, count: i - literal) }
            if c == 0x7C {
                if stack[stack.count - 1].pipe == nil { stack[stack.count - 1].pipe = out.count }
                out.append(c)
                i += 1
            } else if c == 0x5B {
                if i + 1 < n && base[i + 1] == 0x5B && stack.count < Self.maxDepth {
                    stack.append(OpenLink(start: out.count, pipe: nil))
                    out.append(0x5B)
                    out.append(0x5B)
                    i += 2
                } else if let end = externalLink(base, n, at: i, out) {
                    i = end
                } else {
                    out.append(c)
                    i += 1
                }
            } else {
                if i + 1 < n && base[i + 1] == 0x5D && !stack.isEmpty {
                    closeLink(namespaces, out)
                    i += 2
                } else {
                    out.append(c)
                    i += 1
                }
            }
            literal = i
        }
        if n > literal { out.append(base + literal, count: n - literal) }
    }

    /// The `]]` of the innermost open link.
    private mutating func closeLink(_ namespaces: WikiNamespaces, _ out: ByteBuffer) {
        let link = stack.removeLast()
        let base = out.base
        let targetStart = link.start + 2
        let targetEnd = link.pipe ?? out.count
        // A target spans one line and holds no brackets: otherwise this is text.
        var colon = -1
        var k = targetStart
        while k < targetEnd {
            let b = base[k]
            if b == 0x0A || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D { break }
            if b == 0x3A && colon < 0 { colon = k }
            k += 1
        }
        var first = targetStart
        while first < targetEnd && base[first] == 0x20 { first += 1 }
        guard k == targetEnd, first < targetEnd else {
            out.append(0x5D)
            out.append(0x5D)
            return
        }
        let visible = base[first] == 0x3A         // [[:Category:X]] shows the link
        if !visible && colon > first {
            let prefix = UnsafeBufferPointer(start: UnsafePointer(base + first), count: colon - first)
            if namespaces.drops(prefix) || (link.pipe == nil && isLanguagePrefix(prefix)) {
                out.truncate(to: link.start)
                return
            }
        }
        let textStart: Int
        let textEnd: Int
        if let pipe = link.pipe, pipe + 1 < out.count {
            textStart = pipe + 1
            textEnd = out.count
        } else if link.pipe != nil {
            // The pipe trick: the target without its namespace or interwiki prefix and
            // without a trailing "(…)" or ", …".
            var s = visible ? first + 1 : first
            if let c = find(base, targetEnd, byte: 0x3A, from: s) { s = c + 1 }
            var e = targetEnd
            if let open = find(base, targetEnd, byte: 0x28, from: s), open > s { e = open }
            else if let comma = find(base, targetEnd, byte: 0x2C, from: s), comma > s { e = comma }
            while e > s && base[e - 1] == 0x20 { e -= 1 }
            textStart = s
            textEnd = e
        } else {
            textStart = visible ? first + 1 : first
            textEnd = targetEnd
        }
        let count = textEnd - textStart
        if count > 0 { (base + link.start).update(from: base + textStart, count: count) }
        out.truncate(to: link.start + count)
    }

    /// An interlanguage prefix: `de`, `zh-yue`, `simple` (lower-case letters and hyphens).
    private func isLanguagePrefix(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard prefix.count >= 2, prefix.count <= 12, prefix[0] &- 0x61 < 26 else { return false }
        return prefix.allSatisfy { $0 &- 0x61 < 26 || $0 == 0x2D }
    }

    /// An external link `[url label]` at `i`: writes its label and returns where it ends, or
    /// nil when `[` does not start one.
    private mutating func externalLink(_ base: UnsafePointer<UInt8>, _ n: Int, at i: Int, _ out: ByteBuffer) -> Int? {
        guard urlSchemeLength(base, n, at: i + 1) > 0, i >= noBracketBefore else { return nil }
        var k = i + 1
        while k < n && base[k] != 0x5D && base[k] != 0x0A { k += 1 }
        guard k < n, base[k] == 0x5D else {
            noBracketBefore = k
            return nil
        }
        var labelStart = i + 1
        while labelStart < k && base[labelStart] != 0x20 && base[labelStart] != 0x09 { labelStart += 1 }
        while labelStart < k && (base[labelStart] == 0x20 || base[labelStart] == 0x09) { labelStart += 1 }
        if labelStart < k { out.append(base + labelStart, count: k - labelStart) }
        return k + 1
    }

    /// Length of a URL scheme MediaWiki links (`http://`, `mailto:`, `//` ...) at `i`, or 0.
    private func urlSchemeLength(_ base: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Int {
        if i + 1 < n && base[i] == 0x2F && base[i + 1] == 0x2F { return 2 }
        var k = i
        while k < n && k - i < 12 && base[k] | 0x20 &- 0x61 < 26 { k += 1 }
        guard k > i, k < n, base[k] == 0x3A else { return 0 }
        let scheme = String(decoding: UnsafeBufferPointer(start: base + i, count: k - i), as: UTF8.self).lowercased()
        let slashes = k + 2 < n && base[k + 1] == 0x2F && base[k + 2] == 0x2F
        switch scheme {
        case "http", "https", "ftp", "ftps", "sftp", "git", "svn", "irc", "ircs", "gopher", "telnet", "nntp", "mms",
             "redis", "ssh", "worldwind":
            return slashes ? k + 3 - i : 0
        case "mailto", "news", "tel", "sip", "sips", "sms", "urn", "xmpp", "geo", "magnet", "bitcoin", "matrix":
            return k + 1 - i
        default:
            return 0
        }
    }
}
