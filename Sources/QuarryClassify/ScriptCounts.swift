// Letters per writing script in a text, counted from UTF-8 bytes without building Characters:
// ASCII letters take a fast path, other scalars are decoded and looked up in WritingScript's
// ranges. Invalid UTF-8 bytes are skipped. The dominant script is the one with most letters,
// with Japanese (kana present) and Korean (Hangul present) absorbing the Han letters they are
// written with.

public struct ScriptCounts: Sendable, Equatable {
    /// Letters per script, indexed by `WritingScript.rawValue`.
    public private(set) var letters = [Int](repeating: 0, count: WritingScript.allCases.count)
    /// All letters, and letters weighted for the too-short rule (Han, kana and Hangul count 2).
    public private(set) var total = 0
    public private(set) var weighted = 0

    public init() {}

    public init(_ text: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let count = text.count
        var latin = 0
        while i < count {
            let b = text[i]
            if b < 0x80 {
                if (b | 0x20) &- 0x61 < 26 { latin += 1 }
                i += 1
                continue
            }
            var scalar: UInt32
            var length: Int
            if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); length = 2 }
            else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); length = 3 }
            else if b & 0xF8 == 0xF0 { scalar = UInt32(b & 0x07); length = 4 }
            else { i += 1; continue }
            guard i + length <= count else { break }
            var valid = true
            for k in 1..<length {
                let c = text[i + k]
                if c & 0xC0 != 0x80 { valid = false; break }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if !valid { i += 1; continue }
            i += length
            if let script = WritingScript.of(scalar) { add(script) }
        }
        letters[Int(WritingScript.latin.rawValue)] += latin
        total += latin
        weighted += latin
    }

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { ScriptCounts($0) }
    }

    private mutating func add(_ script: WritingScript) {
        letters[Int(script.rawValue)] += 1
        total += 1
        weighted += script.isSyllabicOrLogographic ? 2 : 1
    }

    public subscript(_ script: WritingScript) -> Int { letters[Int(script.rawValue)] }

    /// The ISO 15924 code of the dominant writing system: `Jpan` when kana are present and
    /// kana + Han outnumber every other script, `Kore` likewise for Hangul, the most frequent
    /// script otherwise (`Hani` for Han alone; `language_id_v1` refines it to Hans or Hant),
    /// and `Zyyy` (undetermined) for a text without letters.
    public var dominantCode: String {
        guard total > 0 else { return "Zyyy" }
        let kana = self[.hiragana] + self[.katakana]
        let han = self[.han]
        var best: WritingScript = .latin
        var bestCount = -1
        for script in WritingScript.allCases {
            let n = letters[Int(script.rawValue)]
            if n > bestCount { best = script; bestCount = n }
        }
        if kana > 0 && kana + han >= bestCount { return "Jpan" }
        if self[.hangul] > 0 && self[.hangul] + han >= bestCount { return "Kore" }
        return best.code
    }
}
