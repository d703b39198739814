// Pre-tokenization without a regex engine: `PieceScanner` walks UTF-8 bytes and returns, one at
// a time, the pieces the split's regular expression would find (leftmost-first alternation, as
// Oniguruma in HF tokenizers 0.23.3 and fancy-regex in tiktoken 0.14.0 match it). The per-split
// rules are in PreTokenizerScannerRules.swift, written from the specs in the issue-8 prep notes
// (regex/PATTERNS.md §3, verified there against both engines on 4,814 web documents); this file
// holds the API and the shared primitives: character classes, runs, whitespace, contractions.
//
// Characters are UTF-8 scalars; a byte that is not part of a well-formed scalar is a one-byte
// character of class "other" (so any bytes scan, and the pieces still partition them). ASCII
// goes through a 128-entry class table, other scalars through UnicodeClass's two-stage table.
// The scanner allocates nothing; a piece is a byte range into the caller's buffer.

/// Iterates the pieces of `text` for a split; pieces are non-empty, in order, and partition the
/// text exactly.
public struct PieceScanner {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let count: Int
    let split: PreTokenizerSplit
    let tables: ClassTables
    let ascii: UnsafePointer<UInt8>
    @usableFromInline var position = 0

    public init(split: PreTokenizerSplit, text: UnsafeBufferPointer<UInt8>) {
        self.split = split
        tables = UnicodeClass.tables
        ascii = UnsafePointer(tables.ascii)
        if let start = text.baseAddress {
            base = start
            count = text.count
        } else {
            base = UnsafePointer(tables.ascii)   // never read: count is 0
            count = 0
        }
    }

    /// The next piece as byte offsets into the text, or nil after the last one.
    public mutating func next() -> Range<Int>? {
        let start = position
        guard start < count else { return nil }
        let end: Int
        switch split {
        case .gpt2: end = gpt2Piece(at: start)
        case .llama3: end = cl100kPiece(at: start, maxDigits: 3, wholeFinalSpace: false)
        case .cl100k: end = cl100kPiece(at: start, maxDigits: 3, wholeFinalSpace: true)
        case .qwen2: end = cl100kPiece(at: start, maxDigits: 1, wholeFinalSpace: false)
        case .o200k: end = o200kPiece(at: start)
        }
        position = end
        return start..<end
    }

    // MARK: Class bits (CharacterClass raw values)

    static let letter: UInt8 = 1, number: UInt8 = 2, space: UInt8 = 4
    static let upper: UInt8 = 8, lower: UInt8 = 16, other: UInt8 = 64

    /// Class bits and byte length of the character starting at byte `i` (< count).
    @inline(__always) func char(_ i: Int) -> (UInt8, Int) {
        let b = base[i]
        if b < 0x80 { return (ascii[Int(b)], 1) }
        return tables.decodeMultiByte(base + i, available: count - i)
    }

    /// The end of the run of characters from byte `i` that have a bit of `mask`.
    @inline(__always) func runEnd(_ i: Int, _ mask: UInt8) -> Int {
        var j = i
        while j < count {
            let b = base[j]
            if b < 0x80 {
                if ascii[Int(b)] & mask == 0 { break }
                j += 1
            } else {
                let (flags, length) = tables.decodeMultiByte(base + j, available: count - j)
                if flags & mask == 0 { break }
                j += length
            }
        }
        return j
    }

    /// `[\r\n]*` (plus `/` for o200k): the end of the run of those bytes from `i`.
    @inline(__always) func lineBreaksEnd(_ i: Int, slash: Bool) -> Int {
        var j = i
        while j < count, base[j] == 0x0A || base[j] == 0x0D || (slash && base[j] == 0x2F) { j += 1 }
        return j
    }

    /// The whitespace alternatives at a whitespace character `i`:
    /// - with `newlines`, `\s*[\r\n]+` first: if the run holds CR or LF, the piece ends after
    ///   the last of them (greedy `\s*` backs off to it);
    /// - with `wholeFinalSpace` (tiktoken's `\s++$`, tried before that), a run reaching the end
    ///   of the text is one piece;
    /// - `\s+(?!\S)`: a run reaching the end is one piece; a run of two or more characters
    ///   before a non-space leaves its last character for the next piece;
    /// - `\s+`: a single whitespace character before a non-space.
    @inline(__always) func whitespaceEnd(_ i: Int, newlines: Bool, wholeFinalSpace: Bool) -> Int {
        var j = i, lastStart = i, afterLastNewline = -1
        while j < count {
            let b = base[j]
            if b < 0x80 {
                if ascii[Int(b)] & Self.space == 0 { break }
                if b == 0x0A || b == 0x0D { afterLastNewline = j + 1 }
                lastStart = j
                j += 1
            } else {
                let (flags, length) = tables.decodeMultiByte(base + j, available: count - j)
                if flags & Self.space == 0 { break }
                lastStart = j
                j += length
            }
        }
        if wholeFinalSpace && j == count { return j }
        if newlines && afterLastNewline >= 0 { return afterLastNewline }
        if j == count || lastStart == i { return j }
        return lastStart
    }

    /// The byte length of a contraction `'s|'t|'re|'ve|'m|'ll|'d` at `i`, or 0. Case-insensitive
    /// matching folds ASCII letters and U+017F LATIN SMALL LETTER LONG S (simple case folding to
    /// "s", as all three engines do); GPT-2's contractions are case-sensitive.
    @inline(__always) func contraction(_ i: Int, caseInsensitive: Bool) -> Int {
        guard count - i >= 2, base[i] == 0x27 else { return 0 }
        var a = base[i + 1]
        if caseInsensitive {
            if a == 0xC5, count - i >= 3, base[i + 2] == 0xBF { return 3 }   // 'ſ
            if a >= 0x41 && a <= 0x5A { a |= 0x20 }
        }
        switch a {
        case 0x73, 0x74, 0x6D, 0x64: return 2                               // s t m d
        case 0x72, 0x76, 0x6C:                                              // r v l
            guard count - i >= 3 else { return 0 }
            var b = base[i + 2]
            if caseInsensitive && b >= 0x41 && b <= 0x5A { b |= 0x20 }
            return (a == 0x6C ? b == 0x6C : b == 0x65) ? 3 : 0                // ll, re, ve
        default: return 0
        }
    }
}

extension PreTokenizerSplit {
    /// The pieces of `bytes` as byte ranges (convenience for tests and slow paths; the encoder
    /// iterates a `PieceScanner` instead).
    public func pieces(of bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = PieceScanner(split: self, text: buffer)
            var out: [Range<Int>] = []
            while let piece = scanner.next() { out.append(piece) }
            return out
        }
    }
}
