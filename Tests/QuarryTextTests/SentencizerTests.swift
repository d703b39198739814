// The sentencizer rule (Sources/QuarryText/Sentencizer.swift) on hand-made cases whose spaCy
// 3.8.18 answers are in the comments (checked with `spacy.blank("en")` + "sentencizer"); the
// golden fixtures in RuleTokenizerTests cover it on thousands more.
import QuarryText
import Testing

@Suite struct SentencizerTests {
    let t = RuleTokenizer.english

    @Test func splitsAfterSentencePunctuation() {
        #expect(t.sentences(of: "One. Two! Three? Four") == ["One.", "Two!", "Three?", "Four"])
        #expect(t.sentences(of: "中文。 第二句！") == ["中文。", "第二句！"])
        // "。" inside a run of characters is no token of its own, so it ends nothing.
        #expect(t.sentences(of: "中文句子。第二句！") == ["中文句子。第二句！"])
        // "A." is one token (a single capital keeps its "."), so it ends nothing either.
        #expect(t.sentences(of: "A. B. C.") == ["A. B. C."])
        #expect(t.sentences(of: "Wait... what?") == ["Wait... what?"])  // "..." is not a sentence end
    }

    @Test func punctuationAfterTheEndStaysInTheSentence() {
        #expect(t.sentences(of: "He said \"Stop.\" Then left.") == ["He said \"Stop.\"", "Then left."])
        #expect(t.sentences(of: "Really?! Yes.") == ["Really?!", "Yes."])
        #expect(t.sentences(of: "Hi. !") == ["Hi. !"])
    }

    @Test func whitespaceTokensStartSentences() {
        // A newline is a token of its own and not punctuation; a single space is not a token.
        #expect(t.sentences(of: "Hi.\n!") == ["Hi.", "!"])
        #expect(t.sentences(of: "Hi.  !") == ["Hi.", "!"])  // the second space is a token
        #expect(t.sentences(of: "Hi. \t!") == ["Hi.", "!"])
    }

    @Test func sentencesAreStrippedAndNeverEmpty() {
        #expect(t.sentences(of: "").isEmpty)
        #expect(t.sentences(of: " \n\t ").isEmpty)
        #expect(t.sentences(of: "  lead and trail.  \n") == ["lead and trail."])
        #expect(t.sentences(of: "a\n\nb") == ["a\n\nb"])  // no sentence end: one sentence
    }

    @Test func countMatchesTheList() {
        let text = "One. Two. Three."
        let count = withUTF8Bytes(of: text) { t.sentenceCount(of: $0) }
        #expect(count == 3)
    }
}
