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
//    (RuleTokenizerAffixes.swift), and the suffixes follow in reverse order of removal
//    (RuleTokenizerRuns.swift; exceptions: RuleTokenizerSpecials.swift).
// 4. Runs of tokens that spell an exception containing affixes are merged into it
//    (RuleTokenizerMerges.swift, RuleTokenizerPatterns.swift).
//
// Speed: runs of ASCII letters are scanned eight bytes at a time; runs made only of ASCII
// letters (or only of ASCII digits) can have no affix, infix or URL, so they cost one exception
// lookup, and runs of letters with one ASCII mark first or last ("word," "(word") a few more.
// Everything else takes the general path, which is the slow twin the tests compare the fast
// paths with. No allocation per token.

/// spaCy-compatible rule-based word tokenizer and sentencizer (see the file header).
public struct RuleTokenizer: WordTokenizer {
    let exceptions: RuleExceptions
    let patterns: RulePatterns
    /// English infixes split a hyphen after a digit too ("5-star" -> "5", "-", "star").
    let digitHyphens: Bool
    /// false: every run takes the general path (the slow twin, for tests).
    let fastPaths: Bool

    /// `spacy.blank("en")`: base prefixes and suffixes, English infixes, English exceptions.
    public static let english = RuleTokenizer(rules: RuleTokenizerTables.englishRules,
                                              patterns: RuleTokenizerTables.englishPatterns, digitHyphens: true)

    /// spaCy's base language (`Language.Defaults`, as `spacy.blank("xx")` and languages without
    /// rules of their own use it): base prefixes, suffixes and infixes, base exceptions only.
    public static let generic = RuleTokenizer(rules: RuleTokenizerTables.baseRules,
                                              patterns: RuleTokenizerTables.basePatterns, digitHyphens: false)

    init(rules: [String], patterns: [UInt16], digitHyphens: Bool) {
        exceptions = RuleExceptions(rules: rules)
        self.patterns = RulePatterns(patterns, exceptions: exceptions)
        self.digitHyphens = digitHyphens
        fastPaths = true
    }

    private init(_ other: RuleTokenizer, fastPaths: Bool) {
        exceptions = other.exceptions
        patterns = other.patterns
        digitHyphens = other.digitHyphens
        self.fastPaths = fastPaths
    }

    /// The same tokenizer without its fast paths (for tests).
    var withoutFastPaths: RuleTokenizer { RuleTokenizer(self, fastPaths: false) }

    public func appendWords(of text: UnsafeBufferPointer<UInt8>, to words: inout [Range<Int>]) {
        tokenize(text) { tokens, _ in words.append(contentsOf: tokens) }
    }

    public func appendSentences(of text: UnsafeBufferPointer<UInt8>, to sentences: inout [Range<Int>]) {
        tokenize(text) { tokens, utf8 in Sentencizer.appendSentences(words: tokens, text: utf8, to: &sentences) }
    }

    /// Appends both the words and the sentences of `text`, tokenizing it once.
    public func appendWordsAndSentences(of text: UnsafeBufferPointer<UInt8>, words: inout [Range<Int>],
                                        sentences: inout [Range<Int>]) {
        tokenize(text) { tokens, utf8 in
            words.append(contentsOf: tokens)
            Sentencizer.appendSentences(words: tokens, text: utf8, to: &sentences)
        }
    }

    /// Calls `body` with the words of `text` (valid while it runs).
    private func tokenize(_ text: UnsafeBufferPointer<UInt8>,
                          _ body: (UnsafeBufferPointer<Range<Int>>, UTF8Text) -> Void) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        let utf8 = UTF8Text(base: base, count: text.count)
        var pass = RuleTokenizerPass(text: utf8, tokenizer: self)
        pass.run()
        body(pass.tokens.buffer, utf8)
        pass.tokens.deallocate()
        pass.suffixes.deallocate()
    }
}

/// The state of one tokenization: the tokens so far (words only: whitespace tokens are the gaps
/// between them), a scratch stack of suffixes, and where step 4 has work.
struct RuleTokenizerPass {
    let text: UTF8Text
    let exceptions: RuleExceptions
    let patterns: RulePatterns
    let digitHyphens: Bool
    let fastPaths: Bool
    var tokens: TokenBuffer
    var suffixes = TokenBuffer(capacity: 16)
    var memo: (lo: Int, hi: Int, rule: Int?) = (-1, -1, nil)
    /// Tokens where a cross-token pattern that changes tokens matches (step 4), in order.
    var mergeCandidates: [Int] = []

    init(text: UTF8Text, tokenizer: RuleTokenizer) {
        self.text = text
        exceptions = tokenizer.exceptions
        patterns = tokenizer.patterns
        digitHyphens = tokenizer.digitHyphens
        fastPaths = tokenizer.fastPaths
        tokens = TokenBuffer(capacity: min(text.count / 5, 1 << 16) + 16)
    }

    /// Byte kinds: ASCII letter, ASCII digit, other ASCII, other non-ASCII byte; ASCII whitespace
    /// ends a run, and a lead byte of a non-ASCII whitespace character (U+0085, U+00A0, U+1680,
    /// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) makes the scanner look closer.
    private static let letter: UInt8 = 1, digit: UInt8 = 2, otherASCII: UInt8 = 4, nonASCII: UInt8 = 8
    private static let space: UInt8 = 16, maybeSpace: UInt8 = 32
    private static let byteKinds: [UInt8] = {
        // Lead bytes of the non-ASCII whitespace scalars, from the character table.
        var spaceLeads = Set<UInt8>()
        let starts = RuleTokenizerTables.flagStarts, values = RuleTokenizerTables.flagValues
        for run in starts.indices where RuleCharFlags(rawValue: values[run]).contains(.space) {
            let end = run + 1 < starts.count ? starts[run + 1] : 0x110000
            for scalar in max(starts[run], 0x80)..<max(end, 0x80) {
                if let lead = Unicode.Scalar(scalar).flatMap({ UTF8.encode($0)?.first }) { spaceLeads.insert(lead) }
            }
        }
        return (0..<256).map { kind(UInt8($0), spaceLeads) }
    }()

    private static func kind(_ b: UInt8, _ spaceLeads: Set<UInt8>) -> UInt8 {
        if b >= 0x80 { return spaceLeads.contains(b) ? maybeSpace : nonASCII }
        if RuleCharFlags(rawValue: RuleAffixData.shared.classes[Int(b)]).contains(.space) { return space }
        if (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) { return letter }
        return (0x30...0x39).contains(b) ? digit : otherASCII
    }

    /// Bit 7 of each byte of `word` that is an ASCII letter (SWAR; no carry crosses a byte:
    /// after clearing bit 7 and setting bit 5, every byte is at most 0x7F and the additions stay
    /// below 0x100).
    @inline(__always)
    static func asciiLetters(_ word: UInt64) -> UInt64 {
        let folded = (word & 0x7F7F_7F7F_7F7F_7F7F) | 0x2020_2020_2020_2020
        let atLeastA = folded &+ 0x1F1F_1F1F_1F1F_1F1F  // bit 7 set iff folded >= 0x61 ("a")
        let pastZ = folded &+ 0x0505_0505_0505_0505  // bit 7 set iff folded >= 0x7B (past "z")
        return atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
    }

    /// Steps 1 to 4 over the whole text.
    mutating func run() {
        let n = text.count, bytes = text.base
        var i = 0
        Self.byteKinds.withUnsafeBufferPointer { kinds in
            while i < n {
                while i < n {  // whitespace
                    let kind = kinds[Int(bytes[i])]
                    if kind == Self.space { i += 1; continue }
                    guard kind == Self.maybeSpace else { break }
                    let (s, length) = text.scalar(at: i, end: n)
                    guard text.flags(of: s).contains(.space) else { break }
                    i += length
                }
                guard i < n else { break }
                let start = i
                var seen: UInt8 = 0, others = 0  // kinds seen; bytes that are not ASCII letters
                while i < n {  // a run of non-whitespace
                    if n - i >= 8 {  // ASCII letters eight at a time
                        let letters = Self.asciiLetters(UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)))
                        let leading = (~letters & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
                        if leading > 0 {
                            seen |= Self.letter
                            i += leading
                            if leading == 8 { continue }
                        }
                    }
                    let kind = kinds[Int(bytes[i])]
                    if kind & (Self.space | Self.maybeSpace) == 0 {
                        seen |= kind
                        if kind != Self.letter { others += 1 }
                        i += 1
                        continue
                    }
                    if kind == Self.space { break }
                    let (s, length) = text.scalar(at: i, end: n)
                    if text.flags(of: s).contains(.space) { break }
                    seen |= Self.nonASCII
                    i += length
                }
                if fastPaths && (seen == Self.letter || seen == Self.digit) {
                    if let rule = exceptions.rule(text, start, i) { emitRule(rule, at: start) }
                    else { tokens.append(start..<i) }
                } else if fastPaths && seen == Self.letter | Self.otherASCII && others == 1 && i - start >= 2
                            && lettersWithOneMark(start, i) {
                    // done: "word," "(word" and the like
                } else {
                    tokenizeRun(start, i, digits: seen & Self.digit != 0)
                }
            }
        }
        if !mergeCandidates.isEmpty { mergeSpecialCases() }
    }
}

/// A growable array of token ranges in raw memory: appending a token is a store and a count,
/// without the uniqueness and capacity checks of Array.append.
struct TokenBuffer {
    private(set) var base: UnsafeMutablePointer<Range<Int>>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    var buffer: UnsafeBufferPointer<Range<Int>> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    subscript(_ index: Int) -> Range<Int> {
        get { base[index] }
        set { base[index] = newValue }
    }

    @inline(__always)
    mutating func append(_ token: Range<Int>) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count += 1
    }

    private mutating func grow() {
        capacity *= 2
        let bigger = UnsafeMutablePointer<Range<Int>>.allocate(capacity: capacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
    }

    /// Replaces the tokens from `start` on with `replacement`.
    mutating func replaceTail(from start: Int, with replacement: [Range<Int>]) {
        count = start
        for token in replacement { append(token) }
    }

    mutating func removeAll() { count = 0 }

    mutating func truncate(to newCount: Int) { count = min(count, newCount) }

    func deallocate() { base.deallocate() }
}
