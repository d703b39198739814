// The per-line rules of C4 (see C4QualityFilter.swift), applied to one line at a time in
// datatrove 0.10.1's order. The line, stripped and with its citations deleted, is kept in a
// reusable buffer so that a document's lines cost no allocation each.
import QuarryText

/// Judges lines by C4's rules; holds the last judged line's cleaned bytes.
struct C4Line {
    /// What to do with a line.
    enum Verdict: Equatable {
        case keep
        /// Remove the line; the rule's name as datatrove counts it (`too_long_word` …).
        case remove(String)
        /// Drop the whole document, with this reason.
        case dropDocument(String)
    }

    /// The cleaned line after `judge` returned `.keep` (and scratch space otherwise).
    private(set) var bytes: [UInt8] = []
    private var lowered: [UInt8] = []
    private var words: [Range<Int>] = []

    mutating func judge(_ p: UnsafePointer<UInt8>, _ piece: Range<Int>, _ o: C4QualityFilter.Options) -> Verdict {
        let line = PythonText.strip(p, piece)
        words.removeAll(keepingCapacity: true)
        PythonText.appendWhitespaceWords(p, line, to: &words)
        if let longest = o.maxWordLength,
           words.contains(where: { $0.count > longest && PythonText.length(p, $0) > longest }) {
            return .remove("too_long_word")
        }
        bytes.removeAll(keepingCapacity: true)
        if o.removeCitations {
            Self.appendWithoutCitations(p, line, to: &bytes)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: p + line.lowerBound, count: line.count))
        }
        if o.filterNoTerminalPunct {
            guard let last = bytes.last, last == 0x2E || last == 0x3F || last == 0x21 || last == 0x22 || last == 0x27,
                  !bytes.suffix(3).elementsEqual([0x2E, 0x2E, 0x2E]) else {
                return .remove("no_terminal_punc")
            }
        }
        if let least = o.minWordsPerLine, words.count < least { return .remove("too_few_words") }
        let (loremIpsum, javascript, policy) = bytes.withUnsafeBufferPointer { buffer -> (Bool, Bool, Bool) in
            PythonText.lowerForASCIIMatch(buffer.baseAddress!, 0..<buffer.count, into: &lowered)
            return lowered.withUnsafeBufferPointer { l in
                (o.filterLoremIpsum && PythonText.contains(l, "lorem ipsum"),
                 o.filterJavascript && PythonText.contains(l, "javascript"),
                 o.filterPolicy && C4QualityFilter.policyPhrases.contains { PythonText.contains(l, $0) })
            }
        }
        if loremIpsum { return .dropDocument("lorem_ipsum") }
        if javascript { return .remove("javascript") }
        if o.filterCurlyBracket, bytes.contains(0x7B) { return .dropDocument("curly_bracket") }
        if policy { return .remove("policy") }
        return .keep
    }

    /// Copies `range` without the citations `[digits]`, `[edit]` and `[citation needed]` (the
    /// regex `\[\d*]|\[edit]|\[citation needed]`, with `\d` any decimal digit, scanned left to
    /// right without overlaps).
    static func appendWithoutCitations(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if p[i] == 0x5B, let after = citationEnd(p, i, end) {
                i = after
                continue
            }
            out.append(p[i])
            i += 1
        }
    }

    /// The end of a citation starting with the "[" at `i`, or nil.
    private static func citationEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i + 1
        while j < end {
            let (s, n) = PythonText.scalar(p, j, end)
            guard PythonText.isDecimalDigit(s) else { break }
            j += n
        }
        if j < end, p[j] == 0x5D { return j + 1 }
        for word in ["edit]", "citation needed]"] as [StaticString] {
            let n = word.utf8CodeUnitCount
            if end - (i + 1) >= n, PythonText.memcmpEqual(p + i + 1, word.utf8Start, n) { return i + 1 + n }
        }
        return nil
    }
}
