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
        var seenEnd = false
        var sentenceStart = -1, sentenceEnd = -1  // bytes of the current sentence's words
        var previousEnd = 0
        for (index, word) in words.enumerated() {
            // A whitespace token precedes this word unless the gap is empty or a single " "
            // after a word (at the very start any whitespace is a token).
            let gap = word.lowerBound - previousEnd
            let whitespaceToken = index == 0 ? gap > 0 : gap > 1 || (gap == 1 && text[previousEnd] != 0x20)
            if whitespaceToken && seenEnd {
                close(&sentenceStart, sentenceEnd, &sentences)
                seenEnd = false
            }
            let ends = isSentenceEnd(word, text)
            if seenEnd && !ends && !isPunctuation(word, text) {
                close(&sentenceStart, sentenceEnd, &sentences)
                seenEnd = false
            } else if ends {
                seenEnd = true
            }
            if sentenceStart < 0 { sentenceStart = word.lowerBound }
            sentenceEnd = word.upperBound
            previousEnd = word.upperBound
        }
        close(&sentenceStart, sentenceEnd, &sentences)
    }

    private static func close(_ start: inout Int, _ end: Int, _ sentences: inout [Range<Int>]) {
        if start >= 0 { sentences.append(start..<end) }
        start = -1
    }

    /// Whether the token is a single character of the sentencizer's punct_chars.
    @inline(__always)
    static func isSentenceEnd(_ word: Range<Int>, _ text: UTF8Text) -> Bool {
        let (scalar, length) = text.scalar(at: word.lowerBound, end: word.upperBound)
        return length == word.count && RuleCharacters.flags(scalar).contains(.sentenceEnd)
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
