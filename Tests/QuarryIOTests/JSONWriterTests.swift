// The fast JSON writer against the slow, character-by-character twin, and round trips through
// the fast parser and through Foundation.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct JSONWriterTests {
    func fastText(_ value: JSONValue) -> String { JSONWriter.text(of: value) }

    @Test func stringsMatchTheSlowTwinByteForByte() {
        var rng = SplitMix64(seed: 11)
        for length in 0..<400 {
            let s = rng.string(from: stringAlphabet, count: length % 40)
            #expect(fastText(.string(s)) == JSONText.quoted(s), "\(s.debugDescription)")
        }
    }

    @Test func everyControlCharacterIsEscaped() {
        for byte in UInt8(0)..<0x20 {
            let s = String(UnicodeScalar(byte))
            let text = fastText(.string("x" + s + "yyyyyyyyyy"))
            #expect(!text.utf8.contains(byte))
            #expect(text == JSONText.quoted("x" + s + "yyyyyyyyyy"))
        }
    }

    @Test func randomValuesRoundTripAndMatchTheTwin() throws {
        var generator = RandomJSON(rng: SplitMix64(seed: 5))
        for _ in 0..<2000 {
            let (_, value) = generator.value()
            let text = fastText(value)
            #expect(text == slowJSON(value))
            #expect(try parseJSON(text) == value)
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(sameAsFoundation(value, foundation))
        }
    }

    @Test func longStringsCrossTheBufferGrowthPath() throws {
        let s = String(repeating: "ab\"c\\d\n字😀", count: 20_000)
        let out = ByteBuffer(capacity: 16)
        JSONWriter.writeString(s, to: out)
        let text = out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(text == JSONText.quoted(s))
        #expect(try parseJSON(text) == .string(s))
    }

    @Test func prettyTextParsesBack() throws {
        let value: JSONValue = ["a": [1, 2, ["b": nil]], "c": "d", "e": [:], "f": []]
        #expect(try parseJSON(JSONWriter.prettyText(of: value)) == value)
    }
}
