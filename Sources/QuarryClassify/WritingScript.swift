// Writing systems (ISO 15924 codes) of letters, from their Unicode blocks (Unicode 15
// Blocks.txt and Scripts.txt; digits and punctuation inside a block are left out), and the
// letter counts per script of a text, read straight from its UTF-8 bytes. `language_id_v1`
// writes the dominant script of each document: Hans/Hant for Chinese (from the language model's
// label), Jpan for Japanese (kana with or without Han), Kore for Korean (Hangul with or without
// Han), and the script itself otherwise.

/// A writing system, by its ISO 15924 code.
public enum WritingScript: UInt8, Sendable, CaseIterable {
    case latin, cyrillic, greek, armenian, hebrew, arabic, syriac, thaana, devanagari, bengali
    case gurmukhi, gujarati, oriya, tamil, telugu, kannada, malayalam, sinhala, thai, lao
    case tibetan, myanmar, georgian, hangul, ethiopic, cherokee, khmer, mongolian, hiragana
    case katakana, bopomofo, han

    /// The ISO 15924 code.
    public var code: String {
        switch self {
        case .latin: return "Latn"
        case .cyrillic: return "Cyrl"
        case .greek: return "Grek"
        case .armenian: return "Armn"
        case .hebrew: return "Hebr"
        case .arabic: return "Arab"
        case .syriac: return "Syrc"
        case .thaana: return "Thaa"
        case .devanagari: return "Deva"
        case .bengali: return "Beng"
        case .gurmukhi: return "Guru"
        case .gujarati: return "Gujr"
        case .oriya: return "Orya"
        case .tamil: return "Taml"
        case .telugu: return "Telu"
        case .kannada: return "Knda"
        case .malayalam: return "Mlym"
        case .sinhala: return "Sinh"
        case .thai: return "Thai"
        case .lao: return "Laoo"
        case .tibetan: return "Tibt"
        case .myanmar: return "Mymr"
        case .georgian: return "Geor"
        case .hangul: return "Hang"
        case .ethiopic: return "Ethi"
        case .cherokee: return "Cher"
        case .khmer: return "Khmr"
        case .mongolian: return "Mong"
        case .hiragana: return "Hira"
        case .katakana: return "Kana"
        case .bopomofo: return "Bopo"
        case .han: return "Hani"
        }
    }

    /// Whether one character of this script carries about a word's worth of text (Han, kana,
    /// Hangul syllables), which the too-short rule counts double.
    var isSyllabicOrLogographic: Bool {
        switch self {
        case .han, .hiragana, .katakana, .hangul, .bopomofo: return true
        default: return false
        }
    }

    /// Letter ranges (first, last code point, script), sorted, not overlapping.
    static let ranges: [(UInt32, UInt32, WritingScript)] = [
        (0x41, 0x5A, .latin), (0x61, 0x7A, .latin), (0xAA, 0xAA, .latin), (0xBA, 0xBA, .latin),
        (0xC0, 0xD6, .latin), (0xD8, 0xF6, .latin), (0xF8, 0x2AF, .latin),
        (0x370, 0x373, .greek), (0x376, 0x377, .greek), (0x37B, 0x37D, .greek), (0x386, 0x386, .greek),
        (0x388, 0x3FF, .greek), (0x400, 0x481, .cyrillic), (0x48A, 0x52F, .cyrillic),
        (0x531, 0x556, .armenian), (0x561, 0x587, .armenian), (0x591, 0x5C7, .hebrew), (0x5D0, 0x5F2, .hebrew),
        (0x610, 0x61A, .arabic), (0x620, 0x65F, .arabic), (0x66E, 0x6D3, .arabic), (0x6D5, 0x6EF, .arabic),
        (0x6FA, 0x6FF, .arabic), (0x710, 0x74F, .syriac), (0x750, 0x77F, .arabic), (0x780, 0x7B1, .thaana),
        (0x8A0, 0x8FF, .arabic), (0x900, 0x963, .devanagari), (0x971, 0x97F, .devanagari),
        (0x980, 0x9E5, .bengali), (0x9F0, 0x9FF, .bengali), (0xA00, 0xA65, .gurmukhi), (0xA70, 0xA7F, .gurmukhi),
        (0xA80, 0xAE5, .gujarati), (0xAF0, 0xAFF, .gujarati), (0xB00, 0xB65, .oriya), (0xB70, 0xB7F, .oriya),
        (0xB80, 0xBE5, .tamil), (0xBF0, 0xBFF, .tamil), (0xC00, 0xC65, .telugu), (0xC70, 0xC7F, .telugu),
        (0xC80, 0xCE5, .kannada), (0xCF0, 0xCFF, .kannada), (0xD00, 0xD65, .malayalam), (0xD70, 0xD7F, .malayalam),
        (0xD80, 0xDE5, .sinhala), (0xDF0, 0xDFF, .sinhala), (0xE01, 0xE4E, .thai), (0xE81, 0xECF, .lao),
        (0xEDC, 0xEFF, .lao), (0xF00, 0xF1F, .tibetan), (0xF2A, 0xFFF, .tibetan), (0x1000, 0x103F, .myanmar),
        (0x104A, 0x109F, .myanmar), (0x10A0, 0x10FF, .georgian), (0x1100, 0x11FF, .hangul),
        (0x1200, 0x139F, .ethiopic), (0x13A0, 0x13FF, .cherokee), (0x1780, 0x17DF, .khmer),
        (0x1800, 0x180F, .mongolian), (0x1820, 0x18AF, .mongolian), (0x1C80, 0x1C8F, .cyrillic),
        (0x1C90, 0x1CBF, .georgian), (0x1D00, 0x1D2B, .latin), (0x1E00, 0x1EFF, .latin), (0x1F00, 0x1FFF, .greek),
        (0x2C60, 0x2C7F, .latin), (0x2D00, 0x2D2F, .georgian), (0x2DE0, 0x2DFF, .cyrillic),
        (0x2E80, 0x2FDF, .han), (0x3005, 0x3005, .han), (0x3007, 0x3007, .han), (0x3021, 0x3029, .han),
        (0x3038, 0x303B, .han), (0x3041, 0x309F, .hiragana), (0x30A1, 0x30FA, .katakana), (0x30FC, 0x30FF, .katakana),
        (0x3105, 0x312F, .bopomofo), (0x3131, 0x318E, .hangul), (0x31A0, 0x31BF, .bopomofo), (0x31F0, 0x31FF, .katakana),
        (0x3400, 0x4DBF, .han), (0x4E00, 0x9FFF, .han), (0xA640, 0xA69F, .cyrillic), (0xA720, 0xA7FF, .latin),
        (0xA8E0, 0xA8FF, .devanagari), (0xA960, 0xA97F, .hangul), (0xAB30, 0xAB6F, .latin), (0xAC00, 0xD7FF, .hangul),
        (0xF900, 0xFAFF, .han), (0xFB00, 0xFB06, .latin), (0xFB13, 0xFB17, .armenian), (0xFB1D, 0xFB4F, .hebrew),
        (0xFB50, 0xFDFF, .arabic), (0xFE70, 0xFEFF, .arabic), (0xFF21, 0xFF3A, .latin), (0xFF41, 0xFF5A, .latin),
        (0xFF66, 0xFF9F, .katakana), (0xFFA0, 0xFFDC, .hangul), (0x20000, 0x3134F, .han),
    ]

    /// The script of letter `scalar`, or nil for digits, punctuation, symbols and spaces.
    static func of(_ scalar: UInt32) -> WritingScript? {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let range = ranges[mid]
            if scalar < range.0 { high = mid - 1 } else if scalar > range.1 { low = mid + 1 } else { return range.2 }
        }
        return nil
    }
}
