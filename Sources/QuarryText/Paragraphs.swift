// Paragraph and line splitting as the field's filters do it: paragraphs are separated by runs of
// two or more newlines (datatrove's `re.split(r"\n{2,}", text.strip())`), non-empty lines by
// runs of newlines (`re.split("\n+", text)`, which keeps an empty first or last part when the
// text starts or ends with a newline). Python's `splitlines()` is PythonText.appendLines.

/// Paragraphs and newline-separated parts of UTF-8 text, as byte ranges.
public enum Paragraphs {
    /// Appends the parts of `range` between runs of two or more "\n".
    public static func appendParagraphs(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, to parts: inout [Range<Int>]) {
        split(p, range, minimumRun: 2, into: &parts)
    }

    /// Appends the parts of `range` between runs of one or more "\n" (empty parts only at the
    /// ends, as in Python).
    public static func appendNewlineSeparated(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, to parts: inout [Range<Int>]) {
        split(p, range, minimumRun: 1, into: &parts)
    }

    /// The paragraphs of `text` (for tests and tools; hot paths use the ranges).
    public static func paragraphs(of text: String) -> [String] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            appendParagraphs(p, PythonText.strip(p, 0..<buffer.count), to: &ranges)
        }
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    private static func split(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, minimumRun: Int, into parts: inout [Range<Int>]) {
        var start = range.lowerBound, i = range.lowerBound
        let end = range.upperBound
        while i < end {
            guard p[i] == 0x0A else { i += 1; continue }
            var j = i
            while j < end, p[j] == 0x0A { j += 1 }
            if j - i >= minimumRun {
                parts.append(start..<i)
                start = j
            }
            i = j
        }
        parts.append(start..<end)
    }
}
