// The text work of line_dedup_v1 on UTF-8 bytes: cutting a document into its "\n"-separated
// lines, putting it back together without the removed ones, and counting the words left (to
// drop a document left too short).
//
// Rebuilding: removed lines go with their line feed. Blank lines (only whitespace) are kept,
// except that blank lines a removal brings together collapse into one, and blank lines left at
// the start or the end by a removal go. A text that ended with a line feed still does.
import QuarryText

enum LineDedupText {
    /// The ranges of the "\n"-separated lines of `b`, without their line feeds (a text ending in
    /// "\n" has a last, empty line).
    static func lines(_ b: UnsafeBufferPointer<UInt8>, into lines: inout [Range<Int>]) {
        lines.removeAll(keepingCapacity: true)
        var start = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0A {
                lines.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        lines.append(start..<b.count)
    }

    /// Whether `b[range]` holds only whitespace (Python's str.isspace).
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let p = b.baseAddress else { return true }
        return PythonText.strip(p, range).isEmpty
    }

    /// The text of `b` without the lines whose `removed` flag is set (see the header).
    static func rebuild(_ b: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], removed: [Bool]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var emittedAny = false
        var pending: [Range<Int>] = []
        var removedSince = false
        func emit(_ range: Range<Int>) {
            if emittedAny { out.append(0x0A) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
            emittedAny = true
        }
        for (index, line) in lines.enumerated() {
            if removed[index] {
                removedSince = true
                continue
            }
            if isBlank(b, line) {
                pending.append(line)
                continue
            }
            if !removedSince {
                pending.forEach(emit)
            } else if emittedAny, let first = pending.first {
                emit(first)
            }
            emit(line)
            pending.removeAll(keepingCapacity: true)
            removedSince = false
        }
        if !removedSince {
            pending.forEach(emit)
        } else if emittedAny, b.last == 0x0A {
            out.append(0x0A)
        }
        return out
    }

    /// Words of `b`: runs between whitespace, except that each Han, Hiragana or Katakana
    /// character counts as one word (those scripts are written without spaces).
    static func wordCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = b.baseAddress else { return 0 }
        var words = 0
        var inWord = false
        var i = 0
        while i < b.count {
            let (s, length) = PythonText.scalar(p, i, b.count)
            i += length
            if PythonText.isSpace(s) {
                inWord = false
            } else if isSpacelessScript(s) {
                words += 1
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
            }
        }
        return words
    }

    /// Han (CJK unified ideographs and their extensions, compatibility ideographs), Hiragana, Katakana.
    static func isSpacelessScript(_ s: UInt32) -> Bool {
        switch s {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
