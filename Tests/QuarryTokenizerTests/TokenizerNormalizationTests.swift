// TokenizerNormalization: NFC/NFKC over valid runs, invalid bytes kept in place.
import Testing
import QuarryText
@testable import QuarryTokenizer

@Suite struct TokenizerNormalizationTests {
    static func run(_ bytes: [UInt8], _ form: NormalizationForm) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { TokenizerNormalization.normalize($0, form: form, into: &out) }
        return out
    }

    @Test func composesAndKeepsInvalidBytes() {
        #expect(Self.run(Array("e\u{301}x".utf8), .nfc) == Array("éx".utf8))
        #expect(Self.run(Array("ﬁ①".utf8), .nfkc) == Array("fi1".utf8))
        #expect(Self.run(Array("ﬁ".utf8), .nfc) == Array("ﬁ".utf8))
        let mixed: [UInt8] = Array("A\u{30A}".utf8) + [0xFF] + Array("e\u{301}".utf8) + [0xE2, 0x82]
        #expect(Self.run(mixed, .nfc) == Array("Å".utf8) + [0xFF] + Array("é".utf8) + [0xE2, 0x82])
        #expect(Self.run(Array("plain ascii".utf8), .nfkc) == Array("plain ascii".utf8))
        #expect(Self.run([], .nfc).isEmpty)
    }
}
