// TiktokenRanks: base64 rank lines, errors with offsets, and tiktoken's merge rule — a rank
// file made from the golden 32k vocabulary (rank = id, as regex/tiktoken_from_hf.py builds
// tiktoken encodings) with the Llama-3 split encodes like tokenizers' Llama-3 configuration
// (ignore_merges) wherever no added token is involved.
import Foundation
import Testing
import QuarryCore
@testable import QuarryTokenizer

@Suite struct TiktokenRanksTests {
    @Test func base64() {
        #expect(TiktokenRanks.decodeBase64(ArraySlice("IQ==".utf8)) == [0x21])
        #expect(TiktokenRanks.decodeBase64(ArraySlice("aGVsbG8gd29ybGQ=".utf8)) == Array("hello world".utf8))
        #expect(TiktokenRanks.decodeBase64(ArraySlice("/+8A".utf8)) == [0xFF, 0xEF, 0x00])
        #expect(TiktokenRanks.decodeBase64(ArraySlice("a*b".utf8)) == nil)
    }

    @Test func badLinesReportOffsets() {
        let text = "YQ== 0\nYg== 1\nYWI= x\n"
        do {
            _ = try TiktokenRanks.read(Array(text.utf8), path: "r.tiktoken", split: .cl100k)
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.file == "r.tiktoken" && error.offset == 14)
        } catch { Issue.record("\(error)") }
        #expect(throws: InputError.self) { try TiktokenRanks.read(Array("YQ== 0\nYQ== 0\n".utf8), path: "r", split: .cl100k) }
    }

    @Test func smallFileMergesByRankOfResult() throws {
        // a b c, ab (3), bc (4), abc (5): "abc" as a whole is a token (ignore_merges);
        // "abcab" → (a,b) rank 3 wins over (b,c) rank 4, twice → ab c ab → (ab,c) makes abc → [5, 3].
        let lines = [("a", 0), ("b", 1), ("c", 2), ("ab", 3), ("bc", 4), ("abc", 5)]
        let text = lines.map { "\(Data($0.0.utf8).base64EncodedString()) \($0.1)" }.joined(separator: "\n")
        let definition = try TiktokenRanks.read(Array(text.utf8), path: "r.tiktoken", split: .gpt2)
        let tokenizer = try Tokenizer(definition, rankByMergedID: true)
        #expect(tokenizer.encode("abc") == [5])
        #expect(tokenizer.encode("abcab") == [5, 3])
        #expect(tokenizer.encode("bcab") == [4, 3])
    }

    @Test func goldenVocabularyAsRankFileMatchesLlama3Config() throws {
        let llama = try GoldenTokenizerFixtures.tokenizer("llama3")
        let vocabulary = llama.definition.vocabulary
        var lines: [String] = []
        let specials = Set(llama.definition.addedTokens.map(\.id))
        for id in 0..<vocabulary.count where vocabulary.present[id] && !specials.contains(TokenID(id)) {
            lines.append("\(Data(vocabulary.bytes(of: TokenID(id))).base64EncodedString()) \(id)")
        }
        let definition = try TiktokenRanks.read(Array(lines.joined(separator: "\n").utf8), path: "golden.tiktoken", split: .llama3)
        let tiktoken = try Tokenizer(definition, rankByMergedID: true)
        var encoder = tiktoken.makeEncoder()
        var compared = 0
        for testCase in try GoldenTokenizerFixtures.cases() where !testCase.invalid {
            // Byte search: a combining mark after "<mask>" would hide it from String.contains.
            let markers = ["foo", "<mask>", "[[sep]]", "<|"].map { Array($0.utf8) }
            if markers.contains(where: { marker in testCase.bytes.indices.contains { testCase.bytes[$0...].starts(with: marker) } }) { continue }
            var ids: [TokenID] = []
            testCase.bytes.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
            #expect(ids == testCase.ids["llama3"], "\(testCase.name)")
            compared += 1
        }
        #expect(compared > 200)
    }
}
