// Byte scanners over one line of UTF-8 text for boilerplate_lines_v1: white space and symbol
// trimming, letters, sentence-ending punctuation (C4's, with the CJK marks), image file names,
// and the items of a keyword list. Each works on a byte range of a buffer and decodes scalars
// only where a non-ASCII byte appears. The plain twins the tests compare them with work on
// Swift's Unicode scalars.
import QuarryText

enum LineScan {
    // MARK: - Scalars

    /// The scalar starting at `i` and its length in bytes (U+FFFD and 1 for a bad sequence).
    @inline(__always)
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>, end: Int) -> (value: UInt32, length: Int) {
        let lead = b[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, i + length <= end else { return (0xFFFD, 1) }
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for k in 1..<length {
            let byte = b[i + k]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }

    /// The scalar ending just before `end` (not before `start`) and its length in bytes.
    @inline(__always)
    static func scalar(before end: Int, from start: Int, in b: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        var i = end - 1
        while i > start, end - i < 4, b[i] & 0xC0 == 0x80 { i -= 1 }
        let decoded = scalar(at: i, in: b, end: end)
        return i + decoded.length == end ? decoded : (0xFFFD, 1)
    }

    /// White space: ASCII blanks, NBSP, U+2000…U+200B, U+2028/2029, U+202F, U+205F, U+3000, U+FEFF.
    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        if s < 0x80 { return s == 0x20 || (s >= 0x09 && s <= 0x0D) }
        return s == 0xA0 || (s >= 0x2000 && s <= 0x200B) || s == 0x2028 || s == 0x2029 || s == 0x202F
            || s == 0x205F || s == 0x3000 || s == 0xFEFF || s == 0x85
    }

    @inline(__always)
    static func isASCIIAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Digits: ASCII and full-width.
    @inline(__always)
    static func isDigit(_ s: UInt32) -> Bool { (s >= 0x30 && s <= 0x39) || (s >= 0xFF10 && s <= 0xFF19) }

    /// Punctuation, symbols, bullets, arrows, box drawing, emoji and private-use characters:
    /// neither letters nor digits nor white space.
    static func isSymbol(_ s: UInt32) -> Bool {
        if s < 0x80 { return s > 0x20 && s < 0x7F && !isASCIIAlnum(UInt8(s)) }
        if isSpace(s) { return false }
        if PunctuationClasses.isPunctuation(s) { return true }
        return (s >= 0xA1 && s <= 0xBF && s != 0xAA && s != 0xB5 && s != 0xBA) || s == 0xD7 || s == 0xF7
            || (s >= 0x2010 && s <= 0x2BFF && !(s >= 0x2100 && s <= 0x214F)) || (s >= 0x3000 && s <= 0x3004)
            || (s >= 0x3008 && s <= 0x3020) || s == 0x3030 || (s >= 0xFE30 && s <= 0xFE4F) || (s >= 0xFF01 && s <= 0xFF0F)
            || (s >= 0xFF1A && s <= 0xFF20) || (s >= 0xFF3B && s <= 0xFF40) || (s >= 0xFF5B && s <= 0xFF65)
            || (s >= 0xE000 && s <= 0xF8FF) || s == 0xFFFD || (s >= 0x1F000 && s <= 0x1FAFF)
    }

    /// Letters of any script (and other word characters): not white space, symbol or digit.
    @inline(__always)
    static func isLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
        return !isSpace(s) && !isSymbol(s) && !isDigit(s) && !(s >= 0x300 && s <= 0x36F)
    }

    // MARK: - Trimming

    /// `range` without white space at either end.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let (s, n) = scalar(at: start, in: b, end: end)
            guard isSpace(s) else { break }
            start += n
        }
        while end > start {
            let (s, n) = scalar(before: end, from: start, in: b)
            guard isSpace(s) else { break }
            end -= n
        }
        return start..<end
    }

    /// `range` without white space and symbols at either end: the words of "• Share »".
    static func core(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let (s, n) = scalar(at: start, in: b, end: end)
            guard isSpace(s) || isSymbol(s) else { break }
            start += n
        }
        while end > start {
            let (s, n) = scalar(before: end, from: start, in: b)
            guard isSpace(s) || isSymbol(s) else { break }
            end -= n
        }
        return start..<end
    }

    // MARK: - Line classes

    /// Whether the range holds a letter of any script.
    static func hasLetter(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = b[i]
            if byte < 0x80 {
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { return true }
                i += 1
            } else {
                let (s, n) = scalar(at: i, in: b, end: range.upperBound)
                if isLetter(s) { return true }
                i += n
            }
        }
        return false
    }

    /// Whether the range holds a digit (ASCII or full-width).
    static func hasDigit(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            if b[i] < 0x80 {
                if b[i] >= 0x30 && b[i] <= 0x39 { return true }
                i += 1
            } else {
                let (s, n) = scalar(at: i, in: b, end: range.upperBound)
                if isDigit(s) { return true }
                i += n
            }
        }
        return false
    }

    /// C4's terminal punctuation (datatrove 0.10.1 END_PUNCTUATION: `.` `?` `!` `"` `'`, and
    /// not an ellipsis "..."), plus the CJK full stop, marks and closing quotes: 。！？”’」』.
    static func endsWithTerminalPunctuation(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let (last, _) = scalar(before: line.upperBound, from: line.lowerBound, in: b)
        switch last {
        case 0x2E:  // "."
            let n = line.count
            return !(n >= 3 && b[line.upperBound - 2] == 0x2E && b[line.upperBound - 3] == 0x2E)
        case 0x3F, 0x21, 0x22, 0x27, 0x3002, 0xFF01, 0xFF1F, 0x201D, 0x2019, 0x300D, 0x300F: return true
        default: return false
        }
    }

    /// Whether the line holds a sentence end: `!` `?`, `.` before white space or at the end
    /// ("3.5" and "example.com" do not count), or a sentence-ending mark of another script
    /// (datatrove's TERMINAL_PUNCTUATION: `。` `！` `？` `।` `؟` …).
    static func hasSentenceEnd(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var i = line.lowerBound
        while i < line.upperBound {
            let byte = b[i]
            if byte < 0x80 {
                if byte == 0x21 || byte == 0x3F { return true }
                if byte == 0x2E, i + 1 == line.upperBound || b[i + 1] == 0x20 || b[i + 1] == 0x09 { return true }
                i += 1
            } else {
                let (s, n) = scalar(at: i, in: b, end: line.upperBound)
                if PunctuationClasses.isTerminal(s) { return true }
                i += n
            }
        }
        return false
    }

    /// Whether the line ends in a link arrow: `>` (not ending a tag, `->`, `=>` or `>>>`), `»`,
    /// `›`, `→` or `▶`.
    static func endsWithArrow(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let (last, _) = scalar(before: line.upperBound, from: line.lowerBound, in: b)
        switch last {
        case 0x3E:
            // Not a tag's end, nor `->`, `=>`, `>>`.
            guard line.count >= 2 else { return false }
            let before = b[line.upperBound - 2]
            return !b[line].contains(0x3C) && before != 0x3E && before != 0x3D && before != 0x2D
        case 0xBB, 0x203A, 0x2192, 0x25B6: return true
        default: return false
        }
    }

    /// Image file endings, lower case, with their dot.
    static let imageExtensions: [[UInt8]] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff",
                                             ".avif", ".ico", ".heic"].map { Array($0.utf8) }

    /// A line that is only an image's file name or URL: one word (no white space) ending in an
    /// image extension, possibly followed by a query ("x.jpg?w=300").
    static func isImageFileName(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var end = line.upperBound
        for i in line where b[i] == 0x20 || b[i] == 0x09 { return false }
        if let query = b[line].firstIndex(of: 0x3F) { end = query }
        for ext in imageExtensions where end - line.lowerBound > ext.count {
            var matches = true
            for (k, byte) in ext.enumerated() where (b[end - ext.count + k] | (byte >= 0x61 ? 0x20 : 0)) != byte {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    /// Whether a line looks like program text, a shell session or data rather than prose or
    /// page furniture: it holds `{` `}` `=` `;` `_` `\` or a backtick, a call `name(`, an empty,
    /// quoted or numeric list or tuple (`[]`, `['`, `["`, `[1`, `('`, `("`), or starts with
    /// `>>>`, `...`, `$ `, a command-line option (`--tags`, `-v`) or a tag (`<VirtualHost`), or
    /// is only ASCII punctuation with a bracket or quote among it (`))`, `],`, `"""`). Menus, keyword lists, arrows and numbers on
    /// such lines are code, not page furniture.
    static func looksLikeCode(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let first = b[line.lowerBound]
        let second: UInt8 = line.count > 1 ? b[line.lowerBound + 1] : 0
        let third: UInt8 = line.count > 2 ? b[line.lowerBound + 2] : 0
        if (first == 0x3E && second == 0x3E && third == 0x3E) || (first == 0x2E && second == 0x2E && third == 0x2E)
            || (first == 0x24 && second == 0x20) || (first == 0x2D && isASCIILetter(second == 0x2D ? third : second))
            || (first == 0x3C && (isASCIILetter(second) || second == 0x21 || second == 0x2F)) {
            return true
        }
        var previous: UInt8 = 0x20
        var wordy = false, bracket = false
        for i in line {
            let byte = b[i]
            if byte >= 0x80 || isASCIIAlnum(byte) { wordy = true }
            if byte == 0x28 || byte == 0x29 || byte == 0x5B || byte == 0x5D || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
                bracket = true
            }
            switch byte {
            case 0x7B, 0x7D, 0x3D, 0x3B, 0x5F, 0x5C, 0x60: return true
            case 0x28: if isASCIIAlnum(previous) { return true }
            case 0x5D: if previous == 0x5B { return true }
            case 0x27, 0x22: if previous == 0x5B || previous == 0x28 { return true }
            case 0x30...0x39: if previous == 0x5B { return true }
            default: break
            }
            previous = byte
        }
        return bracket && !wordy
    }

    /// CJK ideographs, kana and Hangul syllables: scripts written without spaces between words.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        (s >= 0x2E80 && s <= 0x2FDF) || (s >= 0x3040 && s <= 0x30FF) || (s >= 0x3400 && s <= 0x9FFF)
            || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x20000 && s <= 0x3FFFF)
    }

    // MARK: - Keyword lists

    /// The items of a line read as a list: separated by `|` `,` `;` `:` `>` `•` `·` (and the
    /// full-width or CJK forms `，` `、` `；` `：` `｜` `»` `›`),
    /// by a dash with a space or a CJK character on either side ("在线-欧美"; not
    /// "state-of-the-art", "COVID-19" or "Санкт-Петербург"), and by white space between two CJK
    /// characters ("大模型 人工智能"; words of other scripts are separated so). Counts the items holding a letter or digit, and those of
    /// them longer than `maxItemScalars` scalars.
    static func listItems(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, maxItemScalars: Int) -> (items: Int, long: Int) {
        var items = 0, long = 0
        var itemScalars = 0, itemHasContent = false
        var previous: UInt32 = 0x20
        func close() {
            if itemHasContent {
                items += 1
                if itemScalars > maxItemScalars { long += 1 }
            }
            itemScalars = 0
            itemHasContent = false
        }
        var i = line.lowerBound
        while i < line.upperBound {
            let (s, n) = scalar(at: i, in: b, end: line.upperBound)
            let nextIndex = i + n
            let next: UInt32 = nextIndex < line.upperBound ? scalar(at: nextIndex, in: b, end: line.upperBound).value : 0x20
            var separator = false
            switch s {
            case 0x7C, 0x2C, 0x3B, 0x3A, 0x3E, 0x2022, 0xB7, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF5C, 0xBB, 0x203A:
                separator = true
            case 0x2D, 0x2013, 0x2014:
                separator = isSpace(previous) || isSpace(next) || isCJK(previous) || isCJK(next)
            default:
                if isSpace(s) { separator = isCJK(previous) && isCJK(next) }
            }
            if separator {
                close()
            } else if !isSpace(s) {
                itemScalars += 1
                if isLetter(s) || isDigit(s) { itemHasContent = true }
            }
            previous = s
            i = nextIndex
        }
        close()
        return (items, long)
    }
}
