// The per-split rules of PieceScanner: at a start position, the end of the piece the split's
// regular expression matches, trying its alternatives in order (leftmost-first). Written from
// the scanner specs of the issue-8 prep notes (regex/PATTERNS.md §3), which were checked
// against HF tokenizers 0.23.3, tiktoken 0.14.0 and the `regex` module with zero differences.
// L = letter, N = number, S = whitespace, O = other ([^\s\p{L}\p{N}]).

extension PieceScanner {
    /// GPT-2 (`ByteLevel` regex; tiktoken r50k/p50k split the same):
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    @inline(__always) func gpt2Piece(at i: Int) -> Int {
        let b = base[i]
        if b == 0x27 {
            let k = contraction(i, caseInsensitive: false)
            if k > 0 { return i + k }
        }
        var (flags, length) = char(i)
        var start = i
        if b == 0x20 && i + 1 < count {            // " ?" takes the space if a non-space follows
            let (nextFlags, nextLength) = char(i + 1)
            if nextFlags & Self.space == 0 {
                flags = nextFlags
                length = nextLength
                start = i + 1
            }
        }
        if flags & Self.letter != 0 { return runEnd(start + length, Self.letter) }
        if flags & Self.number != 0 { return runEnd(start + length, Self.number) }
        if flags & Self.other != 0 { return runEnd(start + length, Self.other) }
        return whitespaceEnd(i, newlines: false, wholeFinalSpace: false)
    }

    /// Llama-3 = the original cl100k (maxDigits 3), Qwen2 (maxDigits 1), and tiktoken 0.14.0's
    /// possessive cl100k (wholeFinalSpace: its `\s++$` takes a final whitespace run whole):
    /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    ///  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    @inline(__always) func cl100kPiece(at i: Int, maxDigits: Int, wholeFinalSpace: Bool) -> Int {
        let b = base[i]
        if b == 0x27 {
            let k = contraction(i, caseInsensitive: true)
            if k > 0 { return i + k }
        }
        let (flags, length) = char(i)
        if flags & Self.letter != 0 { return runEnd(i + length, Self.letter) }
        let next = i + length
        // Any one character but CR, LF, letters and numbers may lead a letter run.
        if next < count && b != 0x0A && b != 0x0D && flags & Self.number == 0 {
            let (nextFlags, nextLength) = char(next)
            if nextFlags & Self.letter != 0 { return runEnd(next + nextLength, Self.letter) }
        }
        if flags & Self.number != 0 {
            var j = next, digits = 1
            while digits < maxDigits && j < count {
                let (f, l) = char(j)
                if f & Self.number == 0 { break }
                j += l
                digits += 1
            }
            return j
        }
        if flags & Self.other != 0 { return lineBreaksEnd(runEnd(next, Self.other), slash: false) }
        if b == 0x20 && next < count {             // " ?[^\s\p{L}\p{N}]+[\r\n]*"
            let (nextFlags, nextLength) = char(next)
            if nextFlags & Self.other != 0 {
                return lineBreaksEnd(runEnd(next + nextLength, Self.other), slash: false)
            }
        }
        return whitespaceEnd(i, newlines: true, wholeFinalSpace: wholeFinalSpace)
    }

    /// o200k_base, with U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], W = [\p{Ll}\p{Lm}\p{Lo}\p{M}],
    /// C = (?i:'s|'t|'re|'ve|'m|'ll|'d) and P = [^\r\n\p{L}\p{N}]:
    /// `P?U*W+C?|P?U+W*C?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    @inline(__always) func o200kPiece(at i: Int) -> Int {
        let b = base[i]
        let (flags, length) = char(i)
        let next = i + length
        // P may be a mark, which is also U and W, so each word form is tried with and without it.
        let prefix = next < count && b != 0x0A && b != 0x0D && flags & (Self.letter | Self.number) == 0
        if prefix, let end = lowerWordEnd(next) { return end }
        if let end = lowerWordEnd(i) { return end }
        if prefix, let end = upperWordEnd(next) { return end }
        if let end = upperWordEnd(i) { return end }
        if flags & Self.number != 0 {
            var j = next, digits = 1
            while digits < 3 && j < count {
                let (f, l) = char(j)
                if f & Self.number == 0 { break }
                j += l
                digits += 1
            }
            return j
        }
        if flags & Self.other != 0 { return lineBreaksEnd(runEnd(next, Self.other), slash: true) }
        if b == 0x20 && next < count {
            let (nextFlags, nextLength) = char(next)
            if nextFlags & Self.other != 0 {
                return lineBreaksEnd(runEnd(next + nextLength, Self.other), slash: true)
            }
        }
        return whitespaceEnd(i, newlines: true, wholeFinalSpace: false)
    }

    /// `U*W+C?` from `k`: greedy U*, backing off to the last W inside it when no W follows.
    @inline(__always) func lowerWordEnd(_ k: Int) -> Int? {
        var e = k, lastLower = -1
        var stop: UInt8 = 0
        while e < count {
            let (f, l) = char(e)
            if f & Self.upper == 0 { stop = f; break }
            if f & Self.lower != 0 { lastLower = e }
            e += l
        }
        let wordStart: Int
        if e < count && stop & Self.lower != 0 {
            wordStart = e
        } else if lastLower >= 0 {
            wordStart = lastLower
        } else {
            return nil
        }
        let end = runEnd(wordStart, Self.lower)
        return end + contraction(end, caseInsensitive: true)
    }

    /// `U+W*C?` from `k`.
    @inline(__always) func upperWordEnd(_ k: Int) -> Int? {
        guard k < count, char(k).0 & Self.upper != 0 else { return nil }
        let end = runEnd(runEnd(k, Self.upper), Self.lower)
        return end + contraction(end, caseInsensitive: true)
    }
}
