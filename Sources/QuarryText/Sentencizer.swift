// spaCy's rule-based sentencizer (spacy/pipeline/sentencizer.pyx, spaCy 3.8.18, default
// punct_chars) over RuleTokenizer's tokens, as datatrove 0.10.1's `split_into_sentences` uses it:
// sentences' text, stripped of whitespace, empty ones left out.
//
// The rule: the first token starts a sentence; after a token that is one of the sentence
// punctuation characters ("." "!" "?" "。" and the other default_punct_chars), the next token
// that is neither such a character nor punctuation (spaCy's is_punct: every character in
// Unicode category P*) starts the next sentence. Whitespace tokens count: they are not
// punctuation, so "Hi.\n!" is two sentences while "Hi. !" is one.

enum Sentencizer {
    /// Appends the sentences of `text` given its words (all non-whitespace tokens, in order).
    static func appendSentences(words: UnsafeBufferPointer<Range<Int>>, text: UTF8Text, to sentences: inout [Range<Int>]) {
        guard let first = words.first else { return }
        var seenEnd = false
        var sentenceStart = first.lowerBound  // the current sentence's first word, or -1
        var previousEnd = 0
        for index in 0..<words.count {
            let word = words[index]
            // A whitespace token precedes this word unless the gap is empty or a single " "
            // after a word (at the very start any whitespace is a token).
            let gap = word.lowerBound - previousEnd
            if seenEnd && gap > 0 && (index == 0 || gap > 1 || text[previousEnd] != 0x20) {
                close(&sentenceStart, previousEnd, &sentences)
                seenEnd = false
            }
            let ends = isSentenceEnd(word, text)
            if seenEnd && !ends && !isPunctuation(word, text) {
                close(&sentenceStart, previousEnd, &sentences)
                seenEnd = false
            } else if ends {
                seenEnd = true
            }
            if sentenceStart < 0 { sentenceStart = word.lowerBound }
            previousEnd = word.upperBound
        }
        close(&sentenceStart, previousEnd, &sentences)
    }

    @inline(__always)
    private static func close(_ start: inout Int, _ end: Int, _ sentences: inout [Range<Int>]) {
        if start >= 0 { sentences.append(start..<end) }
        start = -1
    }

    /// Whether the token is a single character of the sentencizer's punct_chars (at most 4 bytes).
    @inline(__always)
    static func isSentenceEnd(_ word: Range<Int>, _ text: UTF8Text) -> Bool {
        if word.count == 1 { return RuleCharFlags(rawValue: text.classes[Int(text[word.lowerBound])]).contains(.sentenceEnd) }
        guard word.count <= 4, text[word.lowerBound] >= 0xC0 else { return false }
        let (scalar, length) = text.scalar(at: word.lowerBound, end: word.upperBound)
        return length == word.count && text.flags(of: scalar).contains(.sentenceEnd)
    }

    /// spaCy's is_punct: every character of the token is in Unicode category P*.
    static func isPunctuation(_ word: Range<Int>, _ text: UTF8Text) -> Bool {
        var i = word.lowerBound
        while i < word.upperBound {
            let (f, length) = text.flags(at: i, end: word.upperBound)
            guard f.contains(.punctuation) else { return false }
            i += length
        }
        return true
    }
}
