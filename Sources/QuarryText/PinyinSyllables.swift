// The syllables of Hanyu Pinyin and the rule for where a tone mark goes, for telling a pinyin
// gloss such as `(xùn)` or `(Běijīng)` from English in parentheses. The inventory is the
// standard initial-final table of Mandarin as taught in the PRC's Hanyu Pinyin scheme (1958)
// and GB/T 16159-2012, about 410 toneless syllables, with `v` written for ü (`lv` = lü) and the
// rare interjections without a vowel (m, n, ng, hm, hng) left out. Tone placement follows the
// same scheme's rule: on `a` or `e` when present, on the `o` of `ou`, otherwise on the last vowel.

/// Hanyu Pinyin syllables (toneless, lowercase, `v` for ü) and tone-mark placement.
public enum PinyinSyllables {
    /// Every toneless syllable, grouped by initial.
    public static let all: [String] = [
        // no initial (y- and w- spellings included)
        "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er",
        "yi", "ya", "yo", "ye", "yao", "you", "yan", "yin", "yang", "ying", "yong",
        "wu", "wa", "wo", "wai", "wei", "wan", "wen", "wang", "weng", "yu", "yue", "yuan", "yun",
        "ba", "bo", "bai", "bei", "bao", "ban", "ben", "bang", "beng",
        "bi", "bie", "biao", "bian", "bin", "bing", "bu",
        "pa", "po", "pai", "pei", "pao", "pou", "pan", "pen", "pang", "peng",
        "pi", "pie", "piao", "pian", "pin", "ping", "pu",
        "ma", "mo", "me", "mai", "mei", "mao", "mou", "man", "men", "mang", "meng",
        "mi", "mie", "miao", "miu", "mian", "min", "ming", "mu",
        "fa", "fo", "fei", "fou", "fan", "fen", "fang", "feng", "fu",
        "da", "de", "dai", "dei", "dao", "dou", "dan", "den", "dang", "deng", "dong",
        "di", "dia", "die", "diao", "diu", "dian", "ding", "du", "duo", "dui", "duan", "dun",
        "ta", "te", "tai", "tei", "tao", "tou", "tan", "tang", "teng", "tong",
        "ti", "tie", "tiao", "tian", "ting", "tu", "tuo", "tui", "tuan", "tun",
        "na", "ne", "nai", "nei", "nao", "nou", "nan", "nen", "nang", "neng", "nong",
        "ni", "nie", "niao", "niu", "nian", "nin", "niang", "ning", "nu", "nuo", "nuan", "nun", "nv", "nve",
        "la", "lo", "le", "lai", "lei", "lao", "lou", "lan", "lang", "leng", "long",
        "li", "lia", "lie", "liao", "liu", "lian", "lin", "liang", "ling", "lu", "luo", "luan", "lun", "lv", "lve",
        "ga", "ge", "gai", "gei", "gao", "gou", "gan", "gen", "gang", "geng", "gong",
        "gu", "gua", "guo", "guai", "gui", "guan", "gun", "guang",
        "ka", "ke", "kai", "kei", "kao", "kou", "kan", "ken", "kang", "keng", "kong",
        "ku", "kua", "kuo", "kuai", "kui", "kuan", "kun", "kuang",
        "ha", "he", "hai", "hei", "hao", "hou", "han", "hen", "hang", "heng", "hong",
        "hu", "hua", "huo", "huai", "hui", "huan", "hun", "huang",
        "ji", "jia", "jie", "jiao", "jiu", "jian", "jin", "jiang", "jing", "jiong", "ju", "jue", "juan", "jun",
        "qi", "qia", "qie", "qiao", "qiu", "qian", "qin", "qiang", "qing", "qiong", "qu", "que", "quan", "qun",
        "xi", "xia", "xie", "xiao", "xiu", "xian", "xin", "xiang", "xing", "xiong", "xu", "xue", "xuan", "xun",
        "zha", "zhe", "zhi", "zhai", "zhei", "zhao", "zhou", "zhan", "zhen", "zhang", "zheng", "zhong",
        "zhu", "zhua", "zhuo", "zhuai", "zhui", "zhuan", "zhun", "zhuang",
        "cha", "che", "chi", "chai", "chao", "chou", "chan", "chen", "chang", "cheng", "chong",
        "chu", "chua", "chuo", "chuai", "chui", "chuan", "chun", "chuang",
        "sha", "she", "shi", "shai", "shei", "shao", "shou", "shan", "shen", "shang", "sheng",
        "shu", "shua", "shuo", "shuai", "shui", "shuan", "shun", "shuang",
        "re", "ri", "rao", "rou", "ran", "ren", "rang", "reng", "rong", "ru", "rua", "ruo", "rui", "ruan", "run",
        "za", "ze", "zi", "zai", "zei", "zao", "zou", "zan", "zen", "zang", "zeng", "zong",
        "zu", "zuo", "zui", "zuan", "zun",
        "ca", "ce", "ci", "cai", "cao", "cou", "can", "cen", "cang", "ceng", "cong",
        "cu", "cuo", "cui", "cuan", "cun",
        "sa", "se", "si", "sai", "sao", "sou", "san", "sen", "sang", "seng", "song",
        "su", "suo", "sui", "suan", "sun",
    ]

    /// The longest syllable, in letters (zhuang, chuang, shuang).
    public static let maxLetters = 6

    private static let codes: Set<UInt32> = Set(all.map { code(Array($0.utf8)[...]) })

    /// Five bits per lowercase letter: six letters fit in 30 bits.
    static func code(_ letters: ArraySlice<UInt8>) -> UInt32 {
        letters.reduce(0) { $0 << 5 | UInt32($1 &- 0x60) }
    }

    /// Whether lowercase ASCII `letters` (`v` for ü) spell a syllable.
    public static func isSyllable(_ letters: ArraySlice<UInt8>) -> Bool {
        letters.count <= maxLetters && !letters.isEmpty && codes.contains(code(letters))
    }

    /// The index (into `letters`) of the vowel that carries the tone mark, or nil without vowels.
    public static func toneVowelIndex(_ letters: ArraySlice<UInt8>) -> Int? {
        if let a = letters.firstIndex(of: UInt8(ascii: "a")) { return a }
        if let e = letters.firstIndex(of: UInt8(ascii: "e")) { return e }
        if let o = letters.firstIndex(of: UInt8(ascii: "o")), o + 1 < letters.endIndex,
           letters[o + 1] == UInt8(ascii: "u") { return o }
        return letters.lastIndex { isVowel($0) }
    }

    static func isVowel(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
             UInt8(ascii: "v"): true
        default: false
        }
    }
}
