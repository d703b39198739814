// ByteLevelAlphabet against the facts of GPT-2's bytes_to_unicode: a bijection of 256 bytes
// onto printable characters, 'Ġ' for space, 'Ċ' for line feed, U+0143 for 0xAD.
import Testing
@testable import QuarryTokenizer

@Suite struct ByteLevelAlphabetTests {
    @Test func knownCharacters() {
        #expect(ByteLevelAlphabet.scalarForByte[0x20] == 0x120)
        #expect(ByteLevelAlphabet.scalarForByte[0x0A] == 0x10A)
        #expect(ByteLevelAlphabet.scalarForByte[0xAD] == 0x143)
        #expect(ByteLevelAlphabet.scalarForByte[0x41] == 0x41)
        #expect(ByteLevelAlphabet.encode(Array("hello world\n".utf8)) == "helloĠworldĊ")
    }

    @Test func bijection() {
        #expect(Set(ByteLevelAlphabet.scalarForByte).count == 256)
        let all = (0...255).map { UInt8($0) }
        #expect(ByteLevelAlphabet.decode(ByteLevelAlphabet.encode(all)) == all)
        #expect(ByteLevelAlphabet.decode("a\u{144}") == nil)
        #expect(ByteLevelAlphabet.decode("<|endoftext|>") == Array("<|endoftext|>".utf8))
    }
}
