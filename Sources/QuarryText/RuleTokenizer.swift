// spaCy's rule-based tokenizer and sentencizer on UTF-8 bytes: the words and sentences of
// datatrove 0.10.1's `split_into_words` / `split_into_sentences` for space-delimited languages
// (datatrove/utils/word_tokenizers.py SpaCyTokenizer: `spacy.blank(lang)` plus the
// `sentencizer` pipe, tokens' text with whitespace-only tokens removed), following the
// algorithm of spacy/tokenizer.pyx in spaCy 3.8.18:
//
// 1. The text is cut into runs of whitespace (Python's str.isspace) and of other characters. A
//    single " " after a run is that run's trailing space; any other whitespace run (minus such a
//    space) is a token of its own: not a word, but it separates sentences (Sentencizer.swift).
// 2. A run that is a tokenizer exception ("don't", ":)") becomes the exception's pieces.
// 3. Otherwise prefixes and suffixes are split off repeatedly, stopping as soon as the rest, or
//    the rest without the prefix or suffix just found, is an exception; the rest is then an
//    exception, a URL (RuleTokenizerURL.swift), or split at its infixes
//    (RuleTokenizerAffixes.swift), and the suffixes follow in reverse order of removal.
// 4. Runs of tokens that spell an exception that contains affixes are merged into it
//    (RuleTokenizerSpecials.swift).
//
// Speed: runs made only of ASCII letters (or only of ASCII digits) can have no affix, infix or
// URL, so they cost one exception lookup; everything else takes the general path, which is the
// slow twin the tests compare the fast path with. No allocation per token.

/// spaCy-compatible rule-based word tokenizer and sentencizer (see the file header).
public struct RuleTokenizer: WordTokenizer {
    let exceptions: RuleExceptions
    /// English infixes split a hyphen after a digit too ("5-star" -> "5", "-", "star").
    let digitHyphens: Bool
    /// false: every run takes the general path (the slow twin, for tests).
    let fastPaths: Bool

    /// `spacy.blank("en")`: base prefixes and suffixes, English infixes, English exceptions.
    public static let english = RuleTokenizer(
        exceptions: RuleExceptions(rules: RuleTokenizerTables.englishRules, patterns: RuleTokenizerTables.englishPatterns),
        digitHyphens: true, fastPaths: true)

    /// spaCy's base language (`Language.Defaults`, as `spacy.blank("xx")` and languages without
    /// rules of their own use it): base prefixes, suffixes and infixes, base exceptions only.
    public static let generic = RuleTokenizer(
        exceptions: RuleExceptions(rules: RuleTokenizerTables.baseRules, patterns: RuleTokenizerTables.basePatterns),
        digitHyphens: false, fastPaths: true)

    init(exceptions: RuleExceptions, digitHyphens: Bool, fastPaths: Bool) {
        self.exceptions = exceptions
        self.digitHyphens = digitHyphens
        self.fastPaths = fastPaths
    }

    /// The same tokenizer without its fast paths (for tests).
    var withoutFastPaths: RuleTokenizer {
        RuleTokenizer(exceptions: exceptions, digitHyphens: digitHyphens, fastPaths: false)
    }

    public func appendWords(of text: UnsafeBufferPointer<UInt8>, to words: inout [Range<Int>]) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        var pass = RuleTokenizerPass(text: UTF8Text(base: base, count: text.count), tokenizer: self)
        swap(&pass.words, &words)
        pass.run()
        swap(&pass.words, &words)
    }

    public func appendSentences(of text: UnsafeBufferPointer<UInt8>, to sentences: inout [Range<Int>]) {
        var words: [Range<Int>] = []
        appendWordsAndSentences(of: text, words: &words, sentences: &sentences)
    }

    /// Appends both the words and the sentences of `text`, tokenizing it once.
    public func appendWordsAndSentences(of text: UnsafeBufferPointer<UInt8>, words: inout [Range<Int>],
                                        sentences: inout [Range<Int>]) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        let first = words.count
        appendWords(of: text, to: &words)
        words.withUnsafeBufferPointer { all in
            Sentencizer.appendSentences(words: UnsafeBufferPointer(rebasing: all[first...]),
                                        text: UTF8Text(base: base, count: text.count), to: &sentences)
        }
    }
}

/// The state of one tokenization: the words so far and a scratch stack of suffixes.
struct RuleTokenizerPass {
    let text: UTF8Text
    let exceptions: RuleExceptions
    let digitHyphens: Bool
    let fastPaths: Bool
    var words: [Range<Int>] = []
    var firstWord = 0
    private var suffixes: [Range<Int>] = []
    /// Set when a run of tokens spells an exception that changes them (step 4 is needed).
    var needsRetokenizing = false

    init(text: UTF8Text, tokenizer: RuleTokenizer) {
        self.text = text
        exceptions = tokenizer.exceptions
        digitHyphens = tokenizer.digitHyphens
        fastPaths = tokenizer.fastPaths
    }

    /// Byte kinds of a run: ASCII letter, ASCII digit, other ASCII, non-ASCII; whitespace ends a run.
    private static let letter: UInt8 = 1, digit: UInt8 = 2, otherASCII: UInt8 = 4, nonASCII: UInt8 = 8, space: UInt8 = 16
    private static let asciiKinds: [UInt8] = (0..<128).map { b in
        if RuleCharFlags(rawValue: RuleCharacters.bmp[b]).contains(.space) { return space }
        if (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) { return letter }
        return (0x30...0x39).contains(b) ? digit : otherASCII
    }

    mutating func run() {
        firstWord = words.count
        let n = text.count
        var i = 0
        Self.asciiKinds.withUnsafeBufferPointer { kinds in
            while i < n {
                while i < n {  // whitespace
                    let b = text[i]
                    if b < 0x80 {
                        if kinds[Int(b)] != Self.space { break }
                        i += 1
                    } else {
                        let (s, length) = text.scalar(at: i, end: n)
                        if !RuleCharacters.flags(s).contains(.space) { break }
                        i += length
                    }
                }
                guard i < n else { break }
                let start = i
                var seen: UInt8 = 0
                while i < n {  // a run of non-whitespace
                    let b = text[i]
                    if b < 0x80 {
                        let kind = kinds[Int(b)]
                        if kind == Self.space { break }
                        seen |= kind
                        i += 1
                    } else {
                        let (s, length) = text.scalar(at: i, end: n)
                        if RuleCharacters.flags(s).contains(.space) { break }
                        seen |= Self.nonASCII
                        i += length
                    }
                }
                if fastPaths && (seen == Self.letter || seen == Self.digit) {
                    if let rule = exceptions.rule(text, start, i) { emitRule(rule, at: start) }
                    else { words.append(start..<i) }
                } else {
                    tokenizeRun(start, i)
                }
            }
        }
        if needsRetokenizing { retokenize() }
    }

    /// Steps 2 and 3 for the run lo..<hi (spacy/tokenizer.pyx _tokenize, _split_affixes,
    /// _attach_tokens).
    private mutating func tokenizeRun(_ runStart: Int, _ runEnd: Int) {
        let first = words.count
        if let rule = exceptions.rule(text, runStart, runEnd) {
            emitRule(rule, at: runStart)
            checkForRetokenizing(first)
            return
        }
        suffixes.removeAll(keepingCapacity: true)
        var lo = runStart, hi = runEnd
        var lastSize = 0
        var restIsRule: Int? = nil
        var firstRound = true
        while lo < hi && hi - lo != lastSize {
            if !firstRound, let rule = exceptions.rule(text, lo, hi) { restIsRule = rule; break }
            firstRound = false
            lastSize = hi - lo
            let pre = text.prefixLength(lo, hi)
            if pre > 0 && lo + pre < hi, let rule = exceptions.rule(text, lo + pre, hi) {
                words.append(lo..<(lo + pre))
                lo += pre
                restIsRule = rule
                break
            }
            let suf = lo + pre < hi ? text.suffixLength(lo + pre, hi) : 0
            if suf > 0 && hi - suf > lo, let rule = exceptions.rule(text, lo, hi - suf) {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
                restIsRule = rule
                break
            }
            if pre > 0 {
                words.append(lo..<(lo + pre))
                lo += pre
            }
            if suf > 0 {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
            }
        }
        if lo < hi {
            if let rule = restIsRule ?? exceptions.rule(text, lo, hi) {
                emitRule(rule, at: lo)
            } else if text.isURL(lo, hi) {
                words.append(lo..<hi)
            } else {
                splitInfixes(lo, hi)
            }
        }
        for suffix in suffixes.reversed() { words.append(suffix) }
        checkForRetokenizing(first)
    }

    /// The rest lo..<hi split at its infixes; an infix at the very start is not split off.
    private mutating func splitInfixes(_ lo: Int, _ hi: Int) {
        var start = lo, from = lo
        while let infix = text.nextInfix(from: from, lo, hi, digitHyphens: digitHyphens) {
            from = infix.upperBound
            if infix.lowerBound == lo { continue }
            if infix.lowerBound != start { words.append(start..<infix.lowerBound) }
            words.append(infix)
            start = infix.upperBound
        }
        if start < hi { words.append(start..<hi) }
    }

    private mutating func emitRule(_ rule: Int, at start: Int) {
        var position = start
        for k in exceptions.pieceStarts[rule]..<exceptions.pieceStarts[rule + 1] {
            let length = exceptions.pieceLengths[k]
            words.append(position..<(position + length))
            position += length
        }
    }
}
