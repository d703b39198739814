// TokenVocabulary: id ↔ bytes lookups against a plain dictionary twin, holes, duplicates.
import Testing
@testable import QuarryTokenizer

@Suite struct TokenVocabularyTests {
    @Test func lookupsMatchDictionaryTwin() {
        var generator = SplitMix(seed: 7)
        var tokens: [[UInt8]?] = []
        var twin: [[UInt8]: TokenID] = [:]
        for id in 0..<5000 {
            if id % 97 == 13 { tokens.append(nil); continue }
            let length = Int(generator.next() % 6)
            let token = (0..<length).map { _ in UInt8(generator.next() % 4) + 0x61 }
            tokens.append(token)
            if twin[token] == nil { twin[token] = TokenID(id) }
        }
        let vocabulary = TokenVocabulary(tokens: tokens)
        #expect(vocabulary.count == 5000)
        for (token, id) in twin { #expect(vocabulary.id(of: token) == id) }
        #expect(vocabulary.id(of: Array("zzzz".utf8)) == nil)
        for (id, token) in tokens.enumerated() { #expect(Array(vocabulary.bytes(of: TokenID(id))) == (token ?? [])) }
        #expect(vocabulary.bytes(of: 99_999).isEmpty)
    }
}

/// A deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
