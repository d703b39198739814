// Text → the input rows a fastText model averages, exactly as `Dictionary::getLine` builds them
// (facebookresearch/fastText src/dictionary.cc @1142dc4): tokens are split on the bytes
// space, \n, \r, \t, \v, \f and \0 only; each word adds its own row (when in the vocabulary) and
// its character n-gram rows; tokens starting with `__label__` are labels, not input; the line
// ends with the token `</s>`, and a literal `</s>` in the text ends it early; finally the hashes
// of consecutive words (up to `wordNgrams`) add word n-gram rows. A document is one line: its
// newlines separate words like spaces, which is what tools that feed fastText a document do
// (datatrove and FineWeb-Edu replace "\n" with " " first). Training reads lines the same way.

/// Reusable buffers for one line's input rows and labels (one per thread).
public struct FastTextLine: Sendable {
    /// Input rows in fastText's order: words and their n-grams in token order, then word n-grams.
    public var rows: [Int32] = []
    /// Label ids (0..<nlabels) of the vocabulary labels found in the text.
    public var labels: [Int32] = []
    /// Word tokens read (including the final `</s>`).
    public var wordCount = 0
    var wordHashes: [Int32] = []
    var wrapped: [UInt8] = []

    public init() {}
}

extension FastTextDictionary {
    /// Whether `byte` ends a token (`Dictionary::readWord`): a label or word cannot contain one.
    @inline(__always)
    public static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0
    }

    /// Fills `line` with the input rows and labels of `text`, read as one line.
    public func read(_ text: UnsafeBufferPointer<UInt8>, into line: inout FastTextLine) {
        line.rows.removeAll(keepingCapacity: true)
        line.labels.removeAll(keepingCapacity: true)
        line.wordHashes.removeAll(keepingCapacity: true)
        line.wordCount = 0
        var i = 0
        let count = text.count
        var reachedEnd = false
        while i < count {
            if Self.isSeparator(text[i]) { i += 1; continue }
            let start = i
            while i < count && !Self.isSeparator(text[i]) { i += 1 }
            let token = UnsafeBufferPointer(rebasing: text[start..<i])
            if addToken(token, to: &line) { reachedEnd = true; break }
        }
        if !reachedEnd {
            Self.endOfLine.withUnsafeBufferPointer { _ = addToken($0, to: &line) }
        }
        addWordNgrams(to: &line)
    }

    /// Convenience for a `String`.
    public func read(_ text: String, into line: inout FastTextLine) {
        var text = text
        text.withUTF8 { read($0, into: &line) }
    }

    /// Adds one token; returns true when it was `</s>` (the line ends there).
    @inline(__always)
    private func addToken(_ token: UnsafeBufferPointer<UInt8>, to line: inout FastTextLine) -> Bool {
        let h = FastTextHash.hash(token)
        let wid = id(of: token, hash: h)
        let isEnd = token.count == 4 && token.elementsEqual(Self.endOfLine)
        let isLabel = wid >= 0 ? entries[Int(wid)].isLabel : token.starts(with: Self.labelPrefix)
        if !isLabel {
            line.wordCount += 1
            if wid >= 0 {
                appendRows(ofWord: wid, to: &line.rows)
            } else if !isEnd {
                line.wrapped.removeAll(keepingCapacity: true)
                line.wrapped.append(UInt8(ascii: "<"))
                line.wrapped.append(contentsOf: token)
                line.wrapped.append(UInt8(ascii: ">"))
                line.wrapped.withUnsafeBufferPointer { characterNgrams($0, into: &line.rows) }
            }
            line.wordHashes.append(Int32(bitPattern: h))
        } else if wid >= 0 {
            line.labels.append(wid - Int32(nwords))
        }
        return isEnd
    }

    /// `Dictionary::addWordNgrams`: hashes of up to `wordNgrams` consecutive words, each int32
    /// hash sign-extended to 64 bits, combined as h·116049371 + next, modulo `bucket`.
    private func addWordNgrams(to line: inout FastTextLine) {
        let n = Int(wordNgrams)
        guard n > 1, bucket > 0 else { return }
        let hashes = line.wordHashes
        let modulus = UInt64(bucket)
        for i in 0..<hashes.count {
            var h = UInt64(bitPattern: Int64(hashes[i]))
            var j = i + 1
            while j < hashes.count && j < i + n {
                h = h &* 116_049_371 &+ UInt64(bitPattern: Int64(hashes[j]))
                let row = bucketRow(Int32(h % modulus))
                if row >= 0 { line.rows.append(row) }
                j += 1
            }
        }
    }
}
