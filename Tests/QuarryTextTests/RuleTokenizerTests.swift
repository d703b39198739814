// RuleTokenizer against spaCy 3.8.18 as datatrove 0.10.1 uses it (golden words and sentences in
// Fixtures/spacy-*-tokens.jsonl, made by scripts/reference/spacy_tokens.py; see
// Fixtures/README-spacy.md), its fast paths against its general path, and its character table
// against the binary search it is built from.
//
// Two tools run only when asked, for scripts/reference/spacy_agreement.py and speed checks:
//   QUARRY_TOKENS_DUMP_INPUT=docs.jsonl QUARRY_TOKENS_DUMP_OUTPUT=out.jsonl  writes each
//     document's words and sentences ({"w": [...], "s": [...]}, one line per input line), with
//     RuleTokenizer.english, or .generic when QUARRY_TOKENS_DUMP_LANGUAGE=xx;
//   QUARRY_TOKENS_BENCH_INPUT=docs.jsonl  prints words and sentences throughput in MB/s.
import Foundation
@testable import QuarryText
import QuarryTestSupport
import Testing

struct SpacyCase: Decodable {
    let t: String
    let w: [String]
    let s: [String]
}

/// A document line of the tools' input. (JSONDecoder, not JSONSerialization: the latter drops a
/// U+FEFF that begins a string value.)
struct TextRecord: Decodable {
    let text: String?
}

enum SpacyFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ name: String) -> [SpacyCase] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(SpacyCase.self, from: Data($0)) }
    }

    static let english = load("spacy-en-tokens.jsonl")
    static let generic = load("spacy-generic-tokens.jsonl")
}

/// Words and sentences of `text` from one tokenization (appendWordsAndSentences).
func wordsAndSentences(_ tokenizer: RuleTokenizer, _ text: String) -> (words: [String], sentences: [String]) {
    var words: [Range<Int>] = [], sentences: [Range<Int>] = []
    withUTF8Bytes(of: text) { tokenizer.appendWordsAndSentences(of: $0, words: &words, sentences: &sentences) }
    let bytes = Array(text.utf8)
    let strings = { (ranges: [Range<Int>]) in ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }
    return (strings(words), strings(sentences))
}

@Suite struct RuleTokenizerTests {
    @Test func fixturesArePresent() {
        #expect(SpacyFixtures.english.count >= 3000)
        #expect(SpacyFixtures.generic.count >= 1000)
    }

    @Test(arguments: [("en", RuleTokenizer.english), ("xx", RuleTokenizer.generic)])
    func matchesSpacy(language: String, tokenizer: RuleTokenizer) {
        let cases = language == "en" ? SpacyFixtures.english : SpacyFixtures.generic
        var wrongWords = 0, wrongSentences = 0
        for c in cases {
            let words = tokenizer.words(of: c.t)
            let sentences = tokenizer.sentences(of: c.t)
            if words != c.w {
                wrongWords += 1
                if wrongWords <= 20 { Issue.record("\(language) words of \(c.t.debugDescription): \(words) != spaCy \(c.w)") }
            }
            if sentences != c.s {
                wrongSentences += 1
                if wrongSentences <= 20 {
                    Issue.record("\(language) sentences of \(c.t.debugDescription): \(sentences) != spaCy \(c.s)")
                }
            }
        }
        #expect(wrongWords == 0 && wrongSentences == 0, "\(language): \(wrongWords) word and \(wrongSentences) sentence lists differ")
    }

    @Test func fastPathsMatchGeneralPath() {
        let slow = RuleTokenizer.english.withoutFastPaths
        for c in SpacyFixtures.english {
            #expect(RuleTokenizer.english.words(of: c.t) == slow.words(of: c.t), "\(c.t.debugDescription)")
        }
    }

    @Test func oneTokenizationGivesBothLists() {
        for c in SpacyFixtures.english.prefix(500) {
            let both = wordsAndSentences(.english, c.t)
            #expect(both.words == c.w && both.sentences == c.s, "\(c.t.debugDescription)")
        }
    }

    @Test func characterTableMatchesRuns() {
        for scalar in UInt32(0)..<0x10000 {
            #expect(RuleCharacters.flags(scalar) == RuleCharacters.searchFlags(scalar), "U+\(String(scalar, radix: 16))")
        }
    }

    @Test func knownCases() {
        let t = RuleTokenizer.english
        #expect(t.words(of: "don't stop") == ["do", "n't", "stop"])
        #expect(t.words(of: "x:)") == ["x", ":)"])
        #expect(t.words(of: "Visit https://example.com/a.") == ["Visit", "https://example.com/a", "."])
        #expect(t.words(of: "5-star") == ["5", "-", "star"])
        #expect(RuleTokenizer.generic.words(of: "5-star") == ["5-star"])
        #expect(RuleTokenizer.generic.words(of: "don't") == ["don't"])
        #expect(t.sentences(of: "Hi.\n!") == ["Hi.", "!"])
        #expect(t.sentences(of: "Hi. !") == ["Hi. !"])
        #expect(t.sentences(of: "  \n ").isEmpty && t.words(of: "").isEmpty)
    }

    /// URL_MATCH cases (spaCy 3.8.18's answers): a URL stays one token instead of splitting at
    /// its infixes; private addresses and upper-case top-level domains are not URLs.
    @Test func urls() {
        let t = RuleTokenizer.english
        #expect(t.words(of: "see:http://x.com") == ["see", ":", "http://x.com"])
        #expect(t.words(of: "github.com/user/repo") == ["github.com/user/repo"])
        #expect(t.words(of: "8.8.8.8:53/dns") == ["8.8.8.8:53/dns"])
        #expect(t.words(of: "10.0.0.1/x") == ["10.0.0.1", "/", "x"])  // a private address
        #expect(t.words(of: "a.b/c") == ["a.b", "/", "c"])  // one-letter "tld": not a URL
        #expect(t.words(of: "ab.cd/ef") == ["ab.cd/ef"])
        #expect(t.words(of: "ab.CD/ef") == ["ab", ".", "CD", "/", "ef"])
        #expect(t.words(of: "user@mail.example.org.") == ["user@mail.example.org", "."])
    }

    /// Long runs without whitespace cost time in proportion to their length and give the same
    /// tokens as their pieces would in spaCy (each "x," splits at the comma infix).
    @Test func longRunsWithoutWhitespace() {
        let pieces = 100_000
        let words = RuleTokenizer.english.words(of: String(repeating: "x,", count: pieces) + "x")
        #expect(words.count == 2 * pieces + 1)
        #expect(words.prefix(4) == ["x", ",", "x", ","])
        let dots = RuleTokenizer.english.words(of: "a" + String(repeating: ".", count: 50_000))
        #expect(dots == ["a", String(repeating: ".", count: 50_000)])
    }

    @Test func malformedUTF8DoesNotCrash() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int(rng.next() % 40)).map { _ in
                [0x2E, 0x20, 0x27, 0x3A, 0x29, 0x80, 0xC3, 0xE2, 0xF0, 0x9F, 0x61, 0x2D, 0x40][Int(rng.next() % 13)] as UInt8
            }
            var words: [Range<Int>] = [], sentences: [Range<Int>] = []
            bytes.withUnsafeBufferPointer { RuleTokenizer.english.appendWordsAndSentences(of: $0, words: &words, sentences: &sentences) }
            #expect(words.allSatisfy { !$0.isEmpty && $0.upperBound <= bytes.count })
            #expect(sentences.allSatisfy { !$0.isEmpty && $0.upperBound <= bytes.count })
        }
    }

    // MARK: Tools (run only when their environment variables are set)

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_TOKENS_DUMP_INPUT"] != nil))
    func dumpTokens() throws {
        let environment = ProcessInfo.processInfo.environment
        let input = try Data(contentsOf: URL(fileURLWithPath: environment["QUARRY_TOKENS_DUMP_INPUT"]!))
        var output = Data()
        let tokenizer = environment["QUARRY_TOKENS_DUMP_LANGUAGE"] == "xx" ? RuleTokenizer.generic : .english
        for line in input.split(separator: UInt8(ascii: "\n")) {
            let text = try JSONDecoder().decode(TextRecord.self, from: Data(line)).text ?? ""
            let result = wordsAndSentences(tokenizer, text)
            output += try JSONSerialization.data(withJSONObject: ["w": result.words, "s": result.sentences])
            output.append(UInt8(ascii: "\n"))
        }
        try output.write(to: URL(fileURLWithPath: environment["QUARRY_TOKENS_DUMP_OUTPUT"] ?? "/dev/stdout"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_TOKENS_BENCH_INPUT"] != nil))
    func benchmark() throws {
        let path = ProcessInfo.processInfo.environment["QUARRY_TOKENS_BENCH_INPUT"]!
        let texts = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(TextRecord.self, from: Data($0)).text ?? ""
        }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        for (name, sentencesToo) in [("words", false), ("words+sentences", true)] {
            var best = Double.infinity, bestCPU = Double.infinity, count = 0
            for _ in 0..<10 {
                let start = DispatchTime.now().uptimeNanoseconds, startCPU = threadCPUSeconds()
                var words: [Range<Int>] = [], sentences: [Range<Int>] = []
                for text in texts {
                    words.removeAll(keepingCapacity: true)
                    sentences.removeAll(keepingCapacity: true)
                    withUTF8Bytes(of: text) {
                        if sentencesToo { RuleTokenizer.english.appendWordsAndSentences(of: $0, words: &words, sentences: &sentences) }
                        else { RuleTokenizer.english.appendWords(of: $0, to: &words) }
                    }
                    count &+= words.count &+ sentences.count
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
            }
            print("RuleTokenizer.english \(name): \(bytes) bytes, best of 10: wall \(String(format: "%.3f", best)) s = "
                  + "\(String(format: "%.1f", Double(bytes) / best / 1e6)) MB/s, thread CPU \(String(format: "%.3f", bestCPU)) s = "
                  + "\(String(format: "%.1f", Double(bytes) / bestCPU / 1e6)) MB/s per core (\(count) tokens)")
        }
    }
}

/// CPU time of the calling thread, in seconds (the benchmark tool's per-core figure: other
/// processes on a shared machine do not count).
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
