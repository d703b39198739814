// The slow twin of PieceScanner, for tests: a literal port of the issue-8 prep's regex-free
// Python reference (regex/scanner_ref.py, 0 differences against HF tokenizers 0.23.3 and the
// `regex` module on 4,814 web documents), over an array of decoded characters whose classes
// come from a binary search in the generated run list instead of the two-stage table. It
// decodes UTF-8 with its own plain loop (Unicode Table 3-7; any other byte is a one-byte
// "other" character), so it shares no code with the fast scanner but the run list.

enum ReferencePieceScanner {
    struct Char {
        var scalar: UInt32          // 0xFFFF_FFFF for a byte that is not UTF-8
        var flags: UInt8
        var offset: Int             // first byte
    }

    /// The pieces of `bytes` for `split`, as byte ranges.
    static func pieces(_ split: PreTokenizerSplit, _ bytes: [UInt8]) -> [Range<Int>] {
        let t = decode(bytes)
        let ends: [Int]
        switch split {
        case .gpt2: ends = gpt2(t)
        case .llama3: ends = cl100k(t, maxDigits: 3)
        case .qwen2: ends = cl100k(t, maxDigits: 1)
        case .cl100k: ends = cl100kTiktoken(t)
        case .o200k: ends = o200k(t)
        }
        var out: [Range<Int>] = [], start = 0
        for end in ends {           // character index → byte offset
            let a = t[start].offset, b = end < t.count ? t[end].offset : bytes.count
            out.append(a..<b)
            start = end
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [Char] {
        var out: [Char] = [], i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            var need = 0, scalar = b0, low: UInt32 = 0x80, high: UInt32 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1; scalar = b0 & 0x1F
            case 0xE0: need = 2; scalar = 0; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2; scalar = b0 & 0x0F
            case 0xED: need = 2; scalar = 0x0D; high = 0x9F
            case 0xF0: need = 3; scalar = 0; low = 0x90
            case 0xF1...0xF3: need = 3; scalar = b0 & 0x07
            case 0xF4: need = 3; scalar = 4; high = 0x8F
            default: need = b0 < 0x80 ? 0 : -1
            }
            var ok = need >= 0
            if need > 0 {
                ok = i + need < bytes.count
                for k in 1...need where ok {
                    let c = UInt32(bytes[i + k])
                    let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
                    if c < lo || c > hi { ok = false } else { scalar = scalar << 6 | (c & 0x3F) }
                }
            }
            if need >= 0 && ok {
                out.append(Char(scalar: scalar, flags: UnicodeClass.classBySearch(scalar), offset: i))
                i += need + 1
            } else {
                out.append(Char(scalar: 0xFFFF_FFFF, flags: CharacterClass.other.rawValue, offset: i))
                i += 1
            }
        }
        return out
    }

    static func isL(_ c: Char) -> Bool { c.flags & 1 != 0 }
    static func isN(_ c: Char) -> Bool { c.flags & 2 != 0 }
    static func isS(_ c: Char) -> Bool { c.flags & 4 != 0 }
    static func isOther(_ c: Char) -> Bool { !(isS(c) || isL(c) || isN(c)) }
    static func isU(_ c: Char) -> Bool { c.flags & 8 != 0 }
    static func isW(_ c: Char) -> Bool { c.flags & 16 != 0 }
    static func isCRLF(_ c: Char) -> Bool { c.scalar == 0x0D || c.scalar == 0x0A }

    /// Characters in `'s|'t|'re|'ve|'m|'ll|'d` at i (folding ASCII case and ſ → s if ci), or 0.
    static func contraction(_ t: [Char], _ i: Int, ci: Bool) -> Int {
        guard i + 1 < t.count, t[i].scalar == 0x27 else { return 0 }
        func fold(_ s: UInt32) -> UInt32 {
            guard ci else { return s }
            if s == 0x17F { return 0x73 }
            return (0x41...0x5A).contains(s) ? s + 0x20 : s
        }
        let a = fold(t[i + 1].scalar)
        if [0x73, 0x64, 0x6D, 0x74].contains(a) { return 2 }     // s d m t
        if i + 2 < t.count {
            let b = fold(t[i + 2].scalar)
            if (a, b) == (0x6C, 0x6C) || (a, b) == (0x76, 0x65) || (a, b) == (0x72, 0x65) { return 3 }
        }
        return 0
    }

    /// `\s+(?!\S)|\s+` at whitespace i.
    static func ws(_ t: [Char], _ i: Int) -> Int {
        var j = i
        while j < t.count && isS(t[j]) { j += 1 }
        return j == t.count || j - 1 == i ? j : j - 1
    }

    static func run(_ t: [Char], _ from: Int, _ p: (Char) -> Bool) -> Int {
        var j = from
        while j < t.count && p(t[j]) { j += 1 }
        return j
    }

    static func gpt2(_ t: [Char]) -> [Int] {
        var out: [Int] = [], i = 0
        while i < t.count {
            var j = i + contraction(t, i, ci: false)
            if j == i {
                var s = t[i].scalar == 0x20 && i + 1 < t.count ? i + 1 : i
                if s > i && isS(t[s]) { s = i }
                let d = t[s]
                if isL(d) { j = run(t, s + 1, isL) }
                else if isN(d) { j = run(t, s + 1, isN) }
                else if isOther(d) { j = run(t, s + 1, isOther) }
                else { j = ws(t, i) }
            }
            out.append(j); i = j
        }
        return out
    }

    /// Llama-3 (maxDigits 3) and Qwen2 (maxDigits 1).
    static func cl100k(_ t: [Char], maxDigits: Int, slash: Bool = false, o200kWords: Bool = false) -> [Int] {
        var out: [Int] = [], i = 0
        let n = t.count
        while i < n {
            let c = t[i]
            var j: Int? = nil
            if o200kWords {
                j = o200kWord(t, i)
            } else {
                let k = contraction(t, i, ci: true)
                if k > 0 { j = i + k }
                else if isL(c) { j = run(t, i + 1, isL) }
                else if !isCRLF(c) && !isN(c) && i + 1 < n && isL(t[i + 1]) { j = run(t, i + 2, isL) }
            }
            if j == nil && isN(c) {
                var e = i + 1
                while e < n && e - i < maxDigits && isN(t[e]) { e += 1 }
                j = e
            }
            if j == nil {
                let s = c.scalar == 0x20 && i + 1 < n ? i + 1 : i
                if isOther(t[s]) {
                    var e = run(t, s + 1, isOther)
                    while e < n && (isCRLF(t[e]) || (slash && t[e].scalar == 0x2F)) { e += 1 }
                    j = e
                }
            }
            if j == nil {
                var e = i, last = -1
                while e < n && isS(t[e]) {
                    if isCRLF(t[e]) { last = e }
                    e += 1
                }
                j = last >= 0 ? last + 1 : ws(t, i)
            }
            out.append(j!); i = j!
        }
        return out
    }

    /// tiktoken's cl100k: as Llama-3, then the trailing all-whitespace pieces become one.
    static func cl100kTiktoken(_ t: [Char]) -> [Int] {
        var ends = cl100k(t, maxDigits: 3)
        func allSpace(_ k: Int) -> Bool {
            let a = k == 0 ? 0 : ends[k - 1]
            return (a..<ends[k]).allSatisfy { isS(t[$0]) }
        }
        var k = ends.count
        while k > 0 && allSpace(k - 1) { k -= 1 }
        if k < ends.count - 1 { ends.removeSubrange(k..<(ends.count - 1)) }
        return ends
    }

    static func o200k(_ t: [Char]) -> [Int] { cl100k(t, maxDigits: 3, slash: true, o200kWords: true) }

    /// o200k's two word alternatives, each with and without the one-character prefix.
    static func o200kWord(_ t: [Char], _ i: Int) -> Int? {
        let n = t.count
        func suffix(_ j: Int) -> Int { j + contraction(t, j, ci: true) }
        func alt1(_ k: Int) -> Int? {
            let e = run(t, k, isU)
            var p: Int? = e < n && isW(t[e]) ? e : nil
            if p == nil { p = (k..<e).reversed().first { isW(t[$0]) } }
            guard let start = p else { return nil }
            return suffix(run(t, start + 1, isW))
        }
        func alt2(_ k: Int) -> Int? {
            guard k < n && isU(t[k]) else { return nil }
            return suffix(run(t, run(t, k + 1, isU), isW))
        }
        let c = t[i]
        let pre = !isCRLF(c) && !isL(c) && !isN(c) && i + 1 < n
        for alt in [alt1, alt2] {
            if pre, let j = alt(i + 1) { return j }
            if let j = alt(i) { return j }
        }
        return nil
    }
}
