// PinyinAnnotations (the byte scanner) against a slow twin written over Unicode scalars from the
// rules in the source's header, with Foundation's canonical decomposition (NFD) to read tone
// marks instead of a byte table; on fixed cases that must go and must stay, and on seeded random
// strings made of tricky pieces. Also the page of ../shared/corpora/zh-dirty-page when present.
import Foundation
import QuarryTestSupport
import QuarryText
import Testing

/// The slow twin: the text without its pinyin annotations, and how many there were.
func twinRemovePinyin(_ text: String) -> (text: String, removed: Int) {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var removed = 0
    var k = 0
    while k < scalars.count {
        let c = scalars[k]
        if c == "(" || c == "\u{FF08}",
           let close = scalars[(k + 1)...].firstIndex(where: { $0 == ")" || $0 == "\u{FF09}" }) {
            let inner = String(String.UnicodeScalarView(scalars[(k + 1)..<close]))
            let characters = scalars[..<k].reversed().prefix(while: twinIsIdeograph).count
            if inner.utf8.count <= 96, let syllables = twinPinyinSyllables(inner), syllables <= characters {
                removed += 1
                k = close + 1
                continue
            }
        }
        out.append(c)
        k += 1
    }
    return (String(out), removed)
}

func twinIsIdeograph(_ c: Unicode.Scalar) -> Bool {
    let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF]
    return ranges.contains { $0.contains(c.value) }
}

/// When the text between the parentheses is a pinyin reading, its fewest syllables.
func twinPinyinSyllables(_ inner: String) -> Int? {
    struct L { var base: Character; var tone = 0; var upper = false }
    var words: [[L]] = [[]]
    for c in inner.decomposedStringWithCanonicalMapping.unicodeScalars {
        switch c {
        case " ", "'", "\u{2019}":
            words.append([])
        case "a"..."z", "A"..."Z":
            let lower = Character(String(c).lowercased())
            words[words.count - 1].append(L(base: lower, upper: lower != Character(String(c))))
        case "\u{304}", "\u{301}", "\u{30C}", "\u{300}":
            guard var last = words[words.count - 1].last, last.tone == 0, "aeiouv".contains(last.base) else { return nil }
            last.tone = ["\u{304}": 1, "\u{301}": 2, "\u{30C}": 3, "\u{300}": 4][c]!
            words[words.count - 1][words[words.count - 1].count - 1] = last
        case "\u{308}":
            guard var last = words[words.count - 1].last, last.base == "u", last.tone == 0 else { return nil }
            last.base = "v"
            words[words.count - 1][words[words.count - 1].count - 1] = last
        default:
            return nil
        }
    }
    words.removeAll { $0.isEmpty }
    guard !words.isEmpty, words.joined().contains(where: { $0.tone != 0 }) else { return nil }
    let inventory = Set(PinyinSyllables.all)
    /// The fewest syllables over every way of cutting `word` into syllables that follow the rules.
    func splits(_ word: ArraySlice<L>, first: Bool) -> Int? {
        if word.isEmpty { return 0 }
        if !first && "aoe".contains(word.first!.base) { return nil }
        var best: Int? = nil
        for length in 1...word.count {
            let syllable = word.prefix(length)
            let spelled = String(syllable.map(\.base))
            guard inventory.contains(spelled) else { continue }
            let marked = syllable.indices.filter { word[$0].tone != 0 }
            if marked.count > 1 { continue }
            if let mark = marked.first {
                // a or e take the mark, then the o of ou, else the last vowel.
                let expected: Int
                if let a = syllable.firstIndex(where: { $0.base == "a" }) { expected = a }
                else if let e = syllable.firstIndex(where: { $0.base == "e" }) { expected = e }
                else if spelled.contains("ou") { expected = syllable.firstIndex { $0.base == "o" }! }
                else { expected = syllable.lastIndex { "iouv".contains($0.base) }! }
                if mark != expected { continue }
            }
            if let rest = splits(word.dropFirst(length), first: false) { best = min(best ?? .max, rest + 1) }
        }
        return best
    }
    var total = 0
    for word in words {
        guard !word.dropFirst().contains(where: \.upper), let count = splits(word[...], first: true) else { return nil }
        total += count
    }
    return total
}

/// The scanner's result in the twin's shape.
func fastRemovePinyin(_ text: String) -> (text: String, removed: Int) {
    PinyinAnnotations.remove(from: text) ?? (text, 0)
}

@Test(arguments: [
    ("系統(tǒng)", "系統"),
    ("訓(xùn)練", "訓練"),
    ("評論與回復(fù)", "評論與回復"),
    ("學(xué)習(xí)在線課程", "學習在線課程"),
    ("系（tǒng）統", "系統"),                          // full-width parentheses
    ("北京(Běijīng)是首都", "北京是首都"),              // a word: capital, concatenated syllables
    ("西安(Xī'ān)", "西安"), ("西安(xī’ān)", "西安"),    // apostrophes between syllables
    ("朋友(péng you)", "朋友"),                         // a neutral-tone syllable beside a toned one
    ("綠(lǜ)", "綠"), ("綠(lv\u{300})", "綠"),            // ü as ǜ, and as v with a combining grave
    ("女(nu\u{308}\u{30C})", "女"),                       // NFD ǚ
    ("略(lüè)", "略"),
    ("閱(yuè)讀(dú)", "閱讀"),
    ("系(tōng)", "系"), ("系統(xùné)", "系統"),  ("一簡歷(résumé)", "一簡歷"),  // as many syllables as characters
    ("𠀀(xǐ)", "𠀀"),                                     // an extension B ideograph
    ("(tǒng)(tǒng)統(tǒng)", "(tǒng)(tǒng)統"),          // only after an ideograph
])
func annotationsAreRemoved(input: String, expected: String) {
    let result = fastRemovePinyin(input)
    #expect(result.text == expected)
    #expect(result.removed >= 1)
    #expect(result.removed == twinRemovePinyin(input).removed)
    #expect(twinRemovePinyin(input).text == expected)
}

@Test(arguments: [
    "卷積神經網絡(CNN)", "大模型(Large Model)", "發布(2024)", "模型(Pre-trained)", "參數(weights)",
    "模型(Prompt)",
    "條款(a)", "第(de)", "名字(Li)", "他(ma)",             // no tone mark: could be labels or Latin
    "咖啡(café)", "簡歷(résumé)", "聯繫(née Wang)", "河內(Hà Nội)", "作者(José)",
    "系 (tǒng)", "系(tǒng) 統",                          // a space before the parenthesis, or after
    "系(xúe)", "系(gǔi)", "系(lìu)", "系(hoú)",            // marks where pinyin does not put them
    "系(tōng)", "系(xùné)", "系(xǔn)", "系(xiān)", "好(hǎo)", "系統(xùné)", // ... or does
    "簡歷(résumé)", "一簡歷(résumé)", "北京(Běi jīng)", "京(Běijīng)",  // syllables against characters
    "系(tǒng", "系(tǒng）x", "系(", "(", "）", "",
    "系(tǒng2)", "系(tǒng-tǒng)", "系(Tǒng Tǒng)", "系(tǑng)", "系(xīān)",
    "十(十)", "學習(十)將", "系(tǒnǵ)", "系(ǹ)", "系(ḿ)", "系(ü)",
])
func twinAndScannerAgree(input: String) {
    #expect(fastRemovePinyin(input) == twinRemovePinyin(input))
}

@Test(arguments: [
    "卷積神經網絡(CNN)", "大模型(Large Model)", "發布(2024)", "條款(a)", "第(de)", "名字(Li)",
    "咖啡(café)", "簡歷(résumé)", "聯繫(née Wang)", "河內(Hà Nội)", "作者(José)",
    "系 (tǒng)", "系(xúe)", "系(gǔi)", "系(lìu)", "系(hoú)", "系(xùné)", "京(Běijīng)", "系(tǒng", "系(tǒng2)", "系(tǒng-tǒng)",
    "系(tǑng)", "系(xīān)", "學習(十)將", "系(ǹ)", "系(ü)", "x(tǒng)", "。(tǒng)", "が(tǒng)",
])
func realParenthesesStay(input: String) {
    #expect(PinyinAnnotations.remove(from: input) == nil, "\(input)")
    #expect(PinyinAnnotations.count(in: input) == 0)
}

@Test func longGroupsAreLeftAlone() {
    let reading = Array(repeating: "tǒng", count: 19).joined(separator: " ")  // 19*5 + 18 = 113 bytes
    #expect(PinyinAnnotations.remove(from: "系(\(reading))") == nil)
    let exactly96 = Array(repeating: "xī", count: 32).joined()  // 3 bytes each: 96 bytes
    #expect(exactly96.utf8.count == 96)
    let characters = String(repeating: "系", count: 32)
    #expect(fastRemovePinyin(characters + "(\(exactly96))").text == characters)
    #expect(fastRemovePinyin(characters + "(\(exactly96)a)").removed == 0)
    #expect(twinRemovePinyin(characters + "(\(exactly96))").text == characters)
    #expect(fastRemovePinyin("系系(\(exactly96))").removed == 0)  // 32 syllables after 2 characters
}

@Test func randomTextMatchesTheTwin() {
    let pieces = ["系", "統", "𠀀", "が", "。", "a", "e", "o", "x", "i", "an", "n", "g", "ī", "ǒ", "ù", "é", "ü", "ǘ",
                  "\u{304}", "\u{308}", "\u{30C}", "U", "Ā", "Ǔ", "(", ")", "（", "）", " ", "'", "’", "-", "2",
                  "tǒng", "xùn", "CNN", "ng", "zh", "uang", "\n", "\u{0}", "ñ", "ỳ", "Large",
                  // whole groups, so that annotations are frequent
                  "(tǒng)", "(xùn)", "（xué）", "(Běijīng)", "(xī'ān)", "(péng you)", "(lv\u{300})", "(nu\u{308}\u{30C})",
                  "(ré", "sumé)", "(CNN)", "(a)", "(xúe)", "系統", "訓練"]
    var rng = SplitMix64(seed: 4)
    var withRemovals = 0
    for round in 0..<4000 {
        let text = rng.string(from: pieces, count: 1 + rng.below(24))
        let fast = fastRemovePinyin(text), twin = twinRemovePinyin(text)
        #expect(fast == twin, "round \(round): \(text.debugDescription)")
        if fast != twin { return }
        if fast.removed > 0 { withRemovals += 1 }
    }
    #expect(withRemovals > 200, "the pieces must make annotations often enough to test removal")
}

@Test func countMatchesRemove() {
    let text = "系統(tǒng)訓(xùn)練 (CNN) 評論與回復(fù)"
    #expect(PinyinAnnotations.count(in: text) == 3)
    #expect(PinyinAnnotations.remove(from: text)?.removed == 3)
    #expect(PinyinAnnotations.remove(from: text)?.text == "系統訓練 (CNN) 評論與回復")
}

@Test func emptyAndPlainTextAreUnchanged() {
    #expect(PinyinAnnotations.remove(from: "") == nil)
    #expect(PinyinAnnotations.remove(from: "plain ASCII text (with parentheses) and more") == nil)
    #expect(PinyinAnnotations.remove(from: "中文沒有注音的句子。（真的）") == nil)
}

/// The real page: every parenthesised pinyin syllable after an ideograph goes, nothing else does.
@Test(.enabled(if: FileManager.default.fileExists(atPath: zhDirtyPagePath)))
func dirtyPageLosesEveryAnnotationAndNothingElse() throws {
    let page = try String(contentsOfFile: zhDirtyPagePath, encoding: .utf8)
    let (cleaned, removed) = fastRemovePinyin(page)
    #expect(removed > 500)
    #expect(twinRemovePinyin(page) == (cleaned, removed))
    // What was removed: exactly the groups that hold a tone-marked Latin letter.
    let toneVowels = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars)
    /// Every parenthesised group, innermost first, nested ones included in the outer one's text.
    func groups(_ text: String) -> [String] {
        var out: [String] = [], open: [String.UnicodeScalarView] = []
        for c in text.unicodeScalars {
            if c == "(" || c == "（" {
                open.append(String.UnicodeScalarView())
            } else if c == ")" || c == "）", let group = open.popLast() {
                out.append(String(group))
                if !open.isEmpty { open[open.count - 1].append(contentsOf: ("(" + String(group) + ")").unicodeScalars) }
            } else if !open.isEmpty {
                open[open.count - 1].append(c)
            }
        }
        return out
    }
    let before = groups(page), after = groups(cleaned)
    // A group that is pinyin holds no parenthesis; the others holding tone marks enclose one.
    let toned = before.filter { $0.unicodeScalars.contains(where: toneVowels.contains) && !$0.contains("(") }
    #expect(toned.count == removed)
    #expect(after.allSatisfy { !$0.unicodeScalars.contains(where: toneVowels.contains) })
    #expect(before.count - after.count == removed)
    #expect(after.contains("CNN") && after.contains("LSTM") && after.contains("十") && after.contains("weights"))
}

/// ../shared/corpora/zh-dirty-page/page.txt beside the repository (never copied into it).
let zhDirtyPagePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpora/zh-dirty-page/page.txt").path
