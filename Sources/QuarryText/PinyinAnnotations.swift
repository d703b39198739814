// Removal of inline pinyin annotations: some Chinese sites (through their Simplified-to-Traditional
// converters) put the reading after a character, `系統(tǒng)`, `訓(xùn)練`, `評論與回復(fù)`. A byte
// scanner finds an opening parenthesis, ASCII `(` or full-width `（` (U+FF08), right after a CJK
// ideograph and removes the group up to its closing `)` or `）` when what it holds is pinyin:
//
// - only Latin letters, the tone-marked vowels ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ǖ ǘ ǚ ǜ and
//   ü (precomposed, or a base letter followed by the combining macron, acute, caron, grave or
//   diaeresis of NFD text), and syllable separators: space, apostrophe `'` and U+2019 `’`;
// - at least one tone mark: without one, `(a)`, `(de)` or `(Li)` may be list labels or Latin
//   text, and annotations written by converters always carry the tone;
// - every space-separated word splits into Hanyu Pinyin syllables (PinyinSyllables), each with
//   at most one tone mark, on the vowel the pinyin rule puts it on; a syllable starting with a,
//   o or e never follows another inside a word (pinyin writes `xī'ān`, so `née` is not `ne'e`);
// - a reading covers characters before it, one syllable each: the group has no more syllables
//   (in its shortest split) than there are ideographs in a row before the parenthesis;
// - only a word's first letter may be upper case (`Běijīng`), and the group holds at most
//   `maxGroupBytes` bytes.
//
// English in parentheses has no tone marks (`(CNN)`, `(Large Model)`, `(2024)`), and accented
// words of other languages rarely split into pinyin with the tone where pinyin puts it
// (`(café)`: `fe` is no syllable) and as few syllables as the characters before them
// (`簡歷(résumé)`: ré-su-mé is three syllables after two characters). What is left is a known
// gap: a one-syllable word of another language that is also pinyin with a well-placed mark
// (Spanish `(sí)`, Vietnamese `(Hà)`) is removed when it directly follows a Chinese character.
import QuarryCore

/// Finds and removes inline pinyin annotations such as the `(tǒng)` of `系統(tǒng)`.
public enum PinyinAnnotations {
    /// Longest group content considered, in UTF-8 bytes between the parentheses: 96 bytes hold a
    /// reading of about 15 syllables, more than any word a site annotates.
    public static let maxGroupBytes = 96

    /// The text without its pinyin annotations and how many were removed; nil when none was found.
    public static func remove(from text: String) -> (text: String, removed: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            let removed = remove(bytes, into: &out)
            guard removed > 0 else { return nil }
            return (out.withUnsafeBufferPointer { String(validatedUTF8: $0, isASCII: false) }, removed)
        }
    }

    /// How many annotations valid UTF-8 `bytes` hold.
    public static func count(in text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0, i = 0
            while let found = nextAnnotation(bytes, from: i) {
                count += 1
                i = found.close
            }
            return count
        }
    }

    /// Writes `bytes` without their annotations to `out` (replacing its contents) when there is
    /// at least one, and returns how many were removed (0: `out` is left empty).
    public static func remove(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Int {
        out.removeAll(keepingCapacity: true)
        var removed = 0, copied = 0, i = 0
        while let (open, close) = nextAnnotation(bytes, from: i) {
            if removed == 0 { out.reserveCapacity(bytes.count) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<open]))
            copied = close
            i = close
            removed += 1
        }
        if removed > 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...])) }
        return removed
    }

    /// The byte range (`open` at the opening parenthesis, `close` just after the closing one)
    /// of the first annotation at or after `from`.
    static func nextAnnotation(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (open: Int, close: Int)? {
        guard let s = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = from
        while i < n {
            // Skip eight bytes at a time that hold neither `(` nor 0xEF (the lead byte of `（`).
            if n - i >= 8 {
                let word = SWAR.load(s + i)
                let marks = SWAR.bytes(word, equalTo: 0x28) | SWAR.bytes(word, equalTo: 0xEF)
                if marks == 0 { i += 8; continue }
                i += SWAR.firstIndex(marks)
            }
            let openLength: Int
            if s[i] == 0x28 {
                openLength = 1
            } else if s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBC && s[i + 2] == 0x88 {
                openLength = 3
            } else {
                i += 1
                continue
            }
            // A group of `maxGroupBytes` holds at most 48 syllables (`a a a …`).
            let characters = ideographsBefore(s, at: i, atMost: maxGroupBytes / 2)
            if characters > 0, let close = groupEnd(s, from: i + openLength, count: n, maxSyllables: characters) {
                return (i, close)
            }
            i += openLength
        }
        return nil
    }

    /// How many CJK ideographs (up to `atMost`) end just before byte `i`, one after another.
    static func ideographsBefore(_ s: UnsafePointer<UInt8>, at i: Int, atMost: Int) -> Int {
        var count = 0, end = i
        while count < atMost, let length = ideographLength(s, endingAt: end) {
            count += 1
            end -= length
        }
        return count
    }

    /// The byte length of the character ending just before byte `i` when it is a CJK
    /// ideograph: the URO and extension A (U+3400–U+4DBF, U+4E00–U+9FFF), compatibility
    /// ideographs (U+F900–U+FAFF) and the supplementary extensions B–H (U+20000–U+323AF).
    static func ideographLength(_ s: UnsafePointer<UInt8>, endingAt i: Int) -> Int? {
        if i >= 3 && s[i - 3] & 0xF0 == 0xE0 {
            let c = UInt32(s[i - 3] & 0x0F) << 12 | UInt32(s[i - 2] & 0x3F) << 6 | UInt32(s[i - 1] & 0x3F)
            let isIdeograph = (0x3400...0x4DBF).contains(c) || (0x4E00...0x9FFF).contains(c) || (0xF900...0xFAFF).contains(c)
            return isIdeograph ? 3 : nil
        }
        if i >= 4 && s[i - 4] & 0xF8 == 0xF0 {
            let c = UInt32(s[i - 4] & 0x07) << 18 | UInt32(s[i - 3] & 0x3F) << 12
                | UInt32(s[i - 2] & 0x3F) << 6 | UInt32(s[i - 1] & 0x3F)
            return (0x20000...0x323AF).contains(c) ? 4 : nil
        }
        return nil
    }

    /// One letter of a group: lowercase ASCII (`v` for ü), its tone (0 for none), and case.
    struct Letter {
        var letter: UInt8
        var tone: UInt8
        var upper: Bool
    }

    /// When the group starting at byte `start` (just after the opening parenthesis) is pinyin
    /// of at most `maxSyllables` syllables, the index just after its closing parenthesis.
    static func groupEnd(_ s: UnsafePointer<UInt8>, from start: Int, count n: Int, maxSyllables: Int) -> Int? {
        let limit = min(n, start + maxGroupBytes + 1)  // the closing parenthesis may start at +96
        var letters: [Letter] = []
        var words: [Range<Int>] = []  // in `letters`
        var wordStart = 0
        var i = start
        var toned = false
        func endWord() {
            if letters.count > wordStart { words.append(wordStart..<letters.count) }
            wordStart = letters.count
        }
        while i < limit {
            let b = s[i]
            if b == 0x29 || (b == 0xEF && i + 2 < n && s[i + 1] == 0xBC && s[i + 2] == 0x89) {
                endWord()
                guard toned, !words.isEmpty else { return nil }
                var syllables = 0
                for word in words {
                    guard let count = syllableCount(letters[word]) else { return nil }
                    syllables += count
                }
                return syllables <= maxSyllables ? i + (b == 0x29 ? 1 : 3) : nil
            }
            if b < 0x80 {
                let lower = b | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    letters.append(Letter(letter: lower, tone: 0, upper: b < 0x60))
                } else if b == 0x20 || b == 0x27 {
                    endWord()
                } else {
                    return nil
                }
                i += 1
                continue
            }
            guard i + 1 < n else { return nil }
            if b == 0xCC {  // combining marks U+0300...U+033F after a base letter (NFD text)
                guard var last = letters.last, letters.count > wordStart, last.tone == 0 else { return nil }
                switch s[i + 1] {
                case 0x84: last.tone = 1
                case 0x81: last.tone = 2
                case 0x8C: last.tone = 3
                case 0x80: last.tone = 4
                case 0x88 where last.letter == UInt8(ascii: "u"): last.letter = UInt8(ascii: "v")
                default: return nil
                }
                guard PinyinSyllables.isVowel(last.letter) else { return nil }
                toned = toned || last.tone != 0
                letters[letters.count - 1] = last
                i += 2
                continue
            }
            if b == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x99 {  // ’
                endWord()
                i += 3
                continue
            }
            guard let letter = toneVowel(b, s[i + 1]) else { return nil }
            toned = toned || letter.tone != 0
            letters.append(letter)
            i += 2
        }
        return nil
    }

    /// The tone-marked vowel or ü encoded by the two-byte sequence `b0 b1`, or nil.
    static func toneVowel(_ b0: UInt8, _ b1: UInt8) -> Letter? {
        guard b0 & 0xE0 == 0xC0 else { return nil }  // two-byte sequences only
        let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o")
        let u = UInt8(ascii: "u"), v = UInt8(ascii: "v")
        let entry: (UInt8, UInt8)?  // letter, tone
        switch (b0, b1 | 0x20) {  // U+00C0...U+00DF and U+00E0...U+00FF differ in bit 0x20
        case (0xC3, 0xA0): entry = (a, 4)
        case (0xC3, 0xA1): entry = (a, 2)
        case (0xC3, 0xA8): entry = (e, 4)
        case (0xC3, 0xA9): entry = (e, 2)
        case (0xC3, 0xAC): entry = (i, 4)
        case (0xC3, 0xAD): entry = (i, 2)
        case (0xC3, 0xB2): entry = (o, 4)
        case (0xC3, 0xB3): entry = (o, 2)
        case (0xC3, 0xB9): entry = (u, 4)
        case (0xC3, 0xBA): entry = (u, 2)
        case (0xC3, 0xBC): entry = (v, 0)
        default: entry = nil
        }
        if let (letter, tone) = entry { return Letter(letter: letter, tone: tone, upper: b1 & 0x20 == 0) }
        // Latin Extended-A and -B: capital at the even code point, small at the odd one.
        let c = (UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F))
        let small = c | 1
        let found: (UInt8, UInt8)?
        switch small {
        case 0x101: found = (a, 1)
        case 0x113: found = (e, 1)
        case 0x11B: found = (e, 3)
        case 0x12B: found = (i, 1)
        case 0x14D: found = (o, 1)
        case 0x16B: found = (u, 1)
        default:
            // U+01CD...U+01DC: Ǎǎ Ǐǐ Ǒǒ Ǔǔ Ǖǖ Ǘǘ Ǚǚ Ǜǜ, capital at the odd code point here.
            switch c | 1 == c ? c + 1 : c {
            case 0x1CE: found = (a, 3)
            case 0x1D0: found = (i, 3)
            case 0x1D2: found = (o, 3)
            case 0x1D4: found = (u, 3)
            case 0x1D6: found = (v, 1)
            case 0x1D8: found = (v, 2)
            case 0x1DA: found = (v, 3)
            case 0x1DC: found = (v, 4)
            default: found = nil
            }
            guard let (letter, tone) = found else { return nil }
            return Letter(letter: letter, tone: tone, upper: c & 1 == 1)
        }
        guard let (letter, tone) = found else { return nil }
        return Letter(letter: letter, tone: tone, upper: c & 1 == 0)
    }

    /// The fewest syllables `word` splits into (see the header), or nil when it does not split;
    /// by dynamic programming over the letters: `fewest[k]` for the first `k` letters.
    static func syllableCount(_ word: ArraySlice<Letter>) -> Int? {
        let letters = word.map(\.letter), tones = word.map(\.tone)
        if word.dropFirst().contains(where: \.upper) { return nil }
        var fewest = [Int](repeating: Int.max, count: letters.count + 1)
        fewest[0] = 0
        for start in 0..<letters.count where fewest[start] != Int.max {
            let first = letters[start]
            if start > 0 && (first == UInt8(ascii: "a") || first == UInt8(ascii: "o") || first == UInt8(ascii: "e")) { continue }
            for length in 1...min(PinyinSyllables.maxLetters, letters.count - start) {
                let syllable = letters[start..<start + length]
                guard PinyinSyllables.isSyllable(syllable) else { continue }
                let marked = (start..<start + length).filter { tones[$0] != 0 }
                if marked.count > 1 { continue }
                if let mark = marked.first, PinyinSyllables.toneVowelIndex(syllable) != mark { continue }
                fewest[start + length] = min(fewest[start + length], fewest[start] + 1)
            }
        }
        return fewest[letters.count] == Int.max ? nil : fewest[letters.count]
    }
}
