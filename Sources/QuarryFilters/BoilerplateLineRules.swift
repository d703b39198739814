// The rules of boilerplate_lines_v1 that judge one line on its own: domain repetition (given
// by the stage), image file names, keyword lists, the phrase rules (BoilerplatePhrases.swift),
// link arrows, lines without letters, and C4's two line rules. A line gets the first rule that
// matches, in `BoilerplateRule` order, so each removed line is counted once. The rules that
// need the lines around (a "related" heading cutting what follows, runs of menu items) are in
// BoilerplateLinesStage.swift.
import QuarryCore

/// The single-line rules, set up once per stage.
struct BoilerplateLineRules: Sendable {
    let options: BoilerplateLinesStage.Options
    let enabled: Set<BoilerplateRule>
    /// The phrases of the enabled rules, indexed as the matcher reports them.
    let phrases: [BoilerplatePhrase]
    /// The phrases, lower-cased, matched with ASCII case folded.
    let matcher: ByteAhoCorasick
    /// Rank of each rule in `BoilerplateRule` order (lower wins).
    let rank: [BoilerplateRule: Int]

    init(options: BoilerplateLinesStage.Options) {
        self.options = options
        enabled = Set(options.rules)
        phrases = BoilerplatePhrase.all.filter { Set(options.rules).contains($0.rule) }
        matcher = ByteAhoCorasick(patterns: phrases.map { $0.text.utf8.map(Self.fold) }, foldASCIICase: true)
        rank = Dictionary(uniqueKeysWithValues: BoilerplateRule.allCases.enumerated().map { ($0.element, $0.offset) })
    }

    /// What the rules found in one line.
    struct Verdict {
        var rule: BoilerplateRule?
        /// The line is a "related articles" heading (a whole-line `related` phrase).
        var relatedHeading = false
        /// Words of the line, when they were counted.
        var words: Int?
        /// The line looks like program text (LineScan.looksLikeCode).
        var code = false
    }

    /// Judges the non-blank line `line` (trimmed, a range of `b`).
    func judge(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, repeated: Bool, words: inout LineWords) -> Verdict {
        var verdict = Verdict()
        var counted: Int?
        func wordCount() -> Int {
            if let counted { return counted }
            let n = words.count(b, line)
            counted = n
            return n
        }
        defer { verdict.words = counted }
        if repeated {
            verdict.rule = .domainRepeated
            return verdict
        }
        if enabled.contains(.imageFile), LineScan.isImageFileName(b, line) {
            verdict.rule = .imageFile
            return verdict
        }
        let code = LineScan.looksLikeCode(b, line)
        verdict.code = code
        if enabled.contains(.keywordList), !code, isKeywordList(b, line, words: &words) {
            verdict.rule = .keywordList
            return verdict
        }
        if let (rule, heading) = phraseRule(b, line, code: code, wordCount: wordCount) {
            verdict.rule = rule
            verdict.relatedHeading = heading
            return verdict
        }
        if enabled.contains(.callToAction), !code, LineScan.endsWithArrow(b, line), wordCount() <= options.maxPhraseLineWords {
            verdict.rule = .callToAction
        } else if enabled.contains(.noLetters), !code, !LineScan.hasLetter(b, line), !LineScan.hasDigit(b, line) {
            verdict.rule = .noLetters
        } else if enabled.contains(.tooFewWords), wordCount() < options.minWords {
            verdict.rule = .tooFewWords
        } else if enabled.contains(.noTerminalPunctuation), !LineScan.endsWithTerminalPunctuation(b, line) {
            verdict.rule = .noTerminalPunctuation
        }
        return verdict
    }

    /// The best phrase rule matching the line, and whether it is a whole-line `related` heading.
    /// On a line that looks like code, only phrases found anywhere in the line count, and not
    /// the counts of `digitBefore` ("class View(Mixin2, View):" is no view count).
    func phraseRule(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, code: Bool, wordCount: () -> Int) -> (BoilerplateRule, Bool)? {
        guard !phrases.isEmpty else { return nil }
        let core = LineScan.core(b, line)
        var candidates: [(rank: Int, phrase: Int)] = []
        matcher.forEachMatch(in: UnsafeBufferPointer(rebasing: b[line])) { index, matchEnd in
            let phrase = phrases[index]
            let end = line.lowerBound + matchEnd, start = end - matcher.patternLengths[index]
            switch phrase.place {
            case .line: guard !code, start == core.lowerBound && end == core.upperBound else { return true }
            case .start: guard !code, start == core.lowerBound else { return true }
            case .anywhere: guard !code || !phrase.digitBefore else { return true }
            }
            if !phrase.substring {
                // An ASCII phrase stands as whole words.
                if LineScan.isASCIIAlnum(b[start]), start > line.lowerBound, LineScan.isASCIIAlnum(b[start - 1]) { return true }
                if LineScan.isASCIIAlnum(b[end - 1]), end < line.upperBound, LineScan.isASCIIAlnum(b[end]) { return true }
            }
            if phrase.digitBefore, !Self.digitBefore(b, start, lineStart: line.lowerBound) { return true }
            candidates.append((rank[phrase.rule]!, index))
            return true
        }
        for candidate in candidates.sorted(by: { $0.rank < $1.rank || ($0.rank == $1.rank && $0.phrase < $1.phrase) }) {
            let phrase = phrases[candidate.phrase]
            let limit = phrase.maxWords ?? options.maxPhraseLineWords
            if limit == BoilerplatePhrase.anyLength || wordCount() <= limit {
                return (phrase.rule, phrase.rule == .related && phrase.place == .line)
            }
        }
        return nil
    }

    /// Whether an ASCII digit comes just before `start`, past spaces and the marks of
    /// abbreviated counts ("1,024 views", "1.2k views", "5 min read").
    static func digitBefore(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, lineStart: Int) -> Bool {
        var i = start - 1
        var skipped = 0
        while i >= lineStart, skipped < 4 {
            let byte = b[i]
            if byte >= 0x30 && byte <= 0x39 { return true }
            guard byte == 0x20 || byte == 0x2C || byte == 0x2E || byte == 0x2B || byte | 0x20 == 0x6B || byte | 0x20 == 0x6D else { return false }
            i -= 1
            skipped += 1
        }
        return false
    }

    /// A run of keywords: no sentence end, and either at least `keyword_list_min_items` items
    /// (LineScan.listItems) of which at most one in five is longer than
    /// `keyword_list_max_item_chars`, or at least 8 words of which at most half are distinct.
    func isKeywordList(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, words: inout LineWords) -> Bool {
        guard !LineScan.hasSentenceEnd(b, line) else { return false }
        let (items, long) = LineScan.listItems(b, line, maxItemScalars: options.keywordListMaxItemChars)
        if items >= options.keywordListMinItems && long * 5 <= items { return true }
        guard LineWords.bounds(b, line).high >= Self.repetitionMinWords else { return false }
        let ranges = words.ranges(b, line)
        guard ranges.count >= Self.repetitionMinWords else { return false }
        let distinct = Set(ranges.map { b[$0].map(Self.fold) })
        return distinct.count * 2 <= ranges.count
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Fewest words of a line judged by its repeated words ("cheap pills cheap pills buy cheap
    /// pills online"): shorter lines repeat words by chance.
    static let repetitionMinWords = 8
}
