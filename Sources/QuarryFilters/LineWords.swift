// Word counts of single lines for boilerplate_lines_v1, in every script: a word is a UAX #29
// word segment holding a letter or a digit (punctuation split off is not a word), through
// QuarryText's ICU tokenizer, which segments Chinese, Japanese and Thai by dictionary
// ("会员中心" is two words, "评论与回复" three). ICU is asked only when cheap bounds cannot
// decide: the white-space-separated chunks holding a letter or digit are a lower bound (no
// word spans white space), and ASCII letter-or-digit runs plus other letters one by one are an
// upper bound (each word holds at least one of them); for plain English the two agree.
import QuarryText

/// Counts the words of lines.
struct LineWords {
    let tokenizer: ICUWordTokenizer
    private var scratch: [Range<Int>] = []

    init(language: String?) {
        tokenizer = ICUWordTokenizer(locale: language ?? "")
    }

    /// The words of `line` (a range of `b`).
    mutating func count(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int {
        let (low, high) = Self.bounds(b, line)
        return low == high ? low : exact(b, line)
    }

    /// The word count through ICU, whatever the bounds.
    mutating func exact(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int {
        guard !line.isEmpty else { return 0 }
        scratch.removeAll(keepingCapacity: true)
        let piece = UnsafeBufferPointer(rebasing: b[line])
        tokenizer.appendWords(of: piece, to: &scratch)
        var words = 0
        for word in scratch where Self.holdsLetterOrDigit(piece, word) { words += 1 }
        return words
    }

    /// The words of `line` as ranges of `b` (for the repetition check of keyword lists).
    mutating func ranges(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [Range<Int>] {
        guard !line.isEmpty else { return [] }
        scratch.removeAll(keepingCapacity: true)
        let piece = UnsafeBufferPointer(rebasing: b[line])
        tokenizer.appendWords(of: piece, to: &scratch)
        return scratch.filter { Self.holdsLetterOrDigit(piece, $0) }.map { ($0.lowerBound + line.lowerBound)..<($0.upperBound + line.lowerBound) }
    }

    static func holdsLetterOrDigit(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            if b[i] < 0x80 {
                if LineScan.isASCIIAlnum(b[i]) { return true }
                i += 1
            } else {
                let (s, n) = LineScan.scalar(at: i, in: b, end: range.upperBound)
                if LineScan.isLetter(s) || LineScan.isDigit(s) { return true }
                i += n
            }
        }
        return false
    }

    /// Lower and upper bounds on the word count (see the file header).
    static func bounds(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (low: Int, high: Int) {
        var low = 0, high = 0
        var chunkCounted = false, inRun = false
        var i = line.lowerBound
        while i < line.upperBound {
            let byte = b[i]
            var s = UInt32(byte), n = 1
            if byte >= 0x80 { (s, n) = LineScan.scalar(at: i, in: b, end: line.upperBound) }
            i += n
            if LineScan.isSpace(s) {
                chunkCounted = false
                inRun = false
                continue
            }
            let asciiWord = s < 0x80 && LineScan.isASCIIAlnum(UInt8(s))
            let wordChar = asciiWord || (s >= 0x80 && (LineScan.isLetter(s) || LineScan.isDigit(s)))
            if wordChar && !chunkCounted {
                low += 1
                chunkCounted = true
            }
            if asciiWord {
                if !inRun { high += 1 }
                inRun = true
            } else {
                if wordChar { high += 1 }
                inRun = false
            }
        }
        return (low, high)
    }
}
