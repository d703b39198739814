// The last step of the wikitext converter, on the text of one line:
//   - bold and italic marks removed: runs of '' ''' ''''' (a run of 4 is an apostrophe and
//     bold, longer runs keep the extra apostrophes), with MediaWiki's rule for a line whose
//     bold and italic counts are both odd (doQuotes: one ''' is an apostrophe + italic, the
//     first after a one-letter word, else after a longer word, else after a space);
//   - behaviour switches __TOC__, __NOTOC__ ... removed (two underscores, capital letters,
//     digits, single underscores or non-ASCII, two underscores);
//   - HTML character references decoded (WikitextEntities);
//   - spaces and tabs collapsed to one space, none at the ends of the line;
//   - gaps left by removed markup closed: no space before , ; ) or a sentence-ending .,
//     none after (, and "()" "(, )" "( ; )" after a space or at the line's start removed
//     with the space before them ("f()" stays);
//   - line breaks from <br> and poems written between text only;
//   - verbatim bytes (0xFF-escaped by pass 1) restored, exactly as written.
import QuarryCore

/// Formats the text of one line.
struct WikitextInline {
    private struct QuoteRun {
        var start: Int
        var length: Int
        /// Apostrophes it shows.
        var literal: Int
        /// 2 italic, 3 bold, 5 both.
        var marks: Int
    }

    private var runs: [QuoteRun] = []

    /// Appends the text of base[s..<e] to `out`.
    mutating func format(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, into out: ByteBuffer) {
        findQuoteRuns(base, s, e)
        let lineStart = out.count
        var pendingSpace = false
        var paren = -1          // output position of a `(` nothing has followed yet
        var spaceBeforeParen = false
        // The open parenthesis follows a space or starts the line: only then can "()" be what
        // is left of a removed parenthetical ("Lovelace ({{lang|…}})"); "printf()" is text.
        var parenAfterGap = false
        var runIndex = 0
        var i = s
        /// Line breaks (<br>) waiting for text to follow them.
        var pendingBreaks = 0
        func flushBreaks() {
            guard pendingBreaks > 0 else { return }
            for _ in 0..<pendingBreaks { out.append(0x0A) }
            pendingBreaks = 0
            pendingSpace = false
        }
        out.reserve(e - s)
        while i < e {
            let c = base[i]
            switch c {
            case 0x20, 0x09:
                pendingSpace = true
                i += 1
                continue
            case escapeByte:
                // Verbatim text, restored as written.
                if i + 1 < e && base[i + 1] == blockMark {
                    i += 2
                    continue
                }
                if i + 1 < e && base[i + 1] == lineBreakMark {
                    if out.count > lineStart { pendingBreaks = min(pendingBreaks + 1, 2) }
                    pendingSpace = false
                    i += 2
                    continue
                }
                flushBreaks()
                if pendingSpace && out.count > lineStart { out.append(0x20) }
                pendingSpace = false
                if i + 1 < e { out.append(base[i + 1] ^ 0x80) }
                paren = -1
                i += 2
                continue
            case 0x27 where runIndex < runs.count && runs[runIndex].start == i:
                let run = runs[runIndex]
                runIndex += 1
                i += run.length
                if run.literal == 0 { continue }
                flushBreaks()
                if pendingSpace && out.count > lineStart { out.append(0x20) }
                pendingSpace = false
                for _ in 0..<run.literal { out.append(0x27) }
                paren = -1
                continue
            case 0x5F where i + 1 < e && base[i + 1] == 0x5F:
                if let end = behaviourSwitchEnd(base, i, e) {
                    i = end
                    continue
                }
            case 0x26:
                flushBreaks()
                if pendingSpace && out.count > lineStart { out.append(0x20) }
                pendingSpace = false
                paren = -1
                if let next = WikitextEntities.decode(base, at: i, end: e, into: out) {
                    i = next
                } else {
                    out.append(0x26)
                    i += 1
                }
                continue
            case 0x2C, 0x3B:
                if paren >= 0 && out.count == paren + 1 && parenAfterGap {
                    // "(, " or "(; ": the text before the separator was removed.
                    pendingSpace = false
                    i += 1
                    continue
                }
                pendingSpace = false
            case 0x29:
                if pendingBreaks == 0 && out.count > lineStart && (out.base[out.count - 1] == 0x3B || out.base[out.count - 1] == 0x2C) {
                    // "(y; )": what followed the separator was removed.
                    out.truncate(to: out.count - 1)
                }
                if paren >= 0 && out.count == paren + 1 && parenAfterGap {
                    out.truncate(to: paren - (spaceBeforeParen ? 1 : 0))
                    paren = -1
                    pendingSpace = spaceBeforeParen
                    i += 1
                    continue
                }
                pendingSpace = false
            case 0x2E:
                // No space before a full stop that ends a word (".NET" keeps its space).
                if i + 1 == e || base[i + 1] == 0x20 || base[i + 1] == 0x09 || base[i + 1] == 0x27 || base[i + 1] == 0x22 {
                    pendingSpace = false
                }
            default:
                break
            }
            flushBreaks()
            if pendingSpace {
                if out.count > lineStart && !(paren >= 0 && out.count == paren + 1) { out.append(0x20) }
                pendingSpace = false
            }
            if c == 0x28 {
                spaceBeforeParen = out.count > lineStart && out.base[out.count - 1] == 0x20
                parenAfterGap = spaceBeforeParen || out.count == lineStart
                paren = out.count
            } else {
                paren = -1
            }
            out.append(c)
            i += 1
        }
        // Nothing but removed markup: no line.
        var end = out.count
        while end > lineStart && out.base[end - 1] == 0x20 { end -= 1 }
        out.truncate(to: end)
    }

    /// The end of a behaviour switch (`__NOTOC__`) starting at `i`, if one does.
    private func behaviourSwitchEnd(_ base: UnsafePointer<UInt8>, _ i: Int, _ e: Int) -> Int? {
        var k = i + 2
        var letters = 0
        while k < e && k - i < 64 {
            let b = base[k]
            if b &- 0x41 < 26 || b >= 0x80 {
                letters += 1
            } else if b == 0x5F {
                if k + 1 < e && base[k + 1] == 0x5F { break }
            } else if b &- 0x30 >= 10 {
                return nil
            }
            k += 1
        }
        guard letters >= 2, k + 1 < e, base[k] == 0x5F, base[k + 1] == 0x5F, base[k - 1] != 0x5F else { return nil }
        return k + 2
    }

    /// Finds the runs of two or more apostrophes and decides what each shows.
    private mutating func findQuoteRuns(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) {
        runs.removeAll(keepingCapacity: true)
        var i = s
        var italics = 0
        var bolds = 0
        while let q = find(base, e, byte: 0x27, from: i) {
            var k = q
            while k < e && base[k] == 0x27 { k += 1 }
            let length = k - q
            i = k
            guard length >= 2 else { continue }
            var run = QuoteRun(start: q, length: length, literal: 0, marks: length)
            if length == 4 {
                run.literal = 1
                run.marks = 3
            } else if length > 5 {
                run.literal = length - 5
                run.marks = 5
            }
            if run.marks != 3 { italics += 1 }
            if run.marks != 2 { bolds += 1 }
            runs.append(run)
        }
        guard italics % 2 == 1 && bolds % 2 == 1 else { return }
        // One bold is an apostrophe followed by italic.
        var singleLetter = -1
        var multiLetter = -1
        var afterSpace = -1
        for (index, run) in runs.enumerated() where run.marks == 3 {
            let before1: UInt8? = run.literal > 0 ? 0x27 : (run.start - 1 >= s ? base[run.start - 1] : nil)
            let before2: UInt8? = run.literal > 1 ? 0x27
                : (run.start - 2 + run.literal >= s ? base[run.start - 2 + run.literal] : nil)
            if before1 == 0x20 {
                if afterSpace < 0 { afterSpace = index }
            } else if before2 == 0x20 {
                singleLetter = index
                break
            } else if multiLetter < 0 {
                multiLetter = index
            }
        }
        let chosen = singleLetter >= 0 ? singleLetter : (multiLetter >= 0 ? multiLetter : afterSpace)
        if chosen >= 0 {
            runs[chosen].literal += 1
            runs[chosen].marks = 2
        }
    }
}
