// The fast JSON parser against its twins: values generated together with their JSON text,
// Foundation's JSONSerialization on the same text, and Swift's own UTF-8 repair for invalid
// bytes. Malformed and hostile input must give a syntax error, never a crash.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct JSONParserTests {
    @Test func randomValuesParseToTheValueTheirTextSpells() throws {
        var generator = RandomJSON(rng: SplitMix64(seed: 42))
        for _ in 0..<3000 {
            let (text, expected) = generator.value()
            let parsed = try parseJSON(text)
            #expect(parsed == expected, "\(text)")
        }
    }

    @Test func agreesWithFoundationJSONSerialization() throws {
        var generator = RandomJSON(rng: SplitMix64(seed: 7))
        for _ in 0..<2000 {
            let (text, _) = generator.value()
            let ours = try parseJSON(text)
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(sameAsFoundation(ours, theirs), "\(text)")
        }
    }

    @Test func numbersKeepTheirLiteral() throws {
        for literal in ["0", "-0", "1.0", "1.50", "1e5", "-2.5E-10", "12345678901234567890123"] {
            #expect(try parseJSON(literal) == .number(JSONNumber(validatedLiteral: literal)))
        }
    }

    @Test func duplicateKeysKeepTheLastValueAtTheFirstPosition() throws {
        let value = try parseJSON(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value == .object(["a": 3, "b": 2]))
        #expect(Array(value.objectValue!.keys) == ["a", "b"])
    }

    @Test func surrogatePairsAndLoneSurrogates() throws {
        #expect(try parseJSON(#""\ud83d\ude00""#) == .string("😀"))
        let lone = try parseJSON(Array(#""a\ud83db\ude00c\udbff""#.utf8))
        #expect(lone.value == .string("a\u{FFFD}b\u{FFFD}c\u{FFFD}"))
        #expect(lone.replacements == 3)
        // A high surrogate followed by an escape that is not a low surrogate.
        #expect(try parseJSON(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
    }

    @Test func invalidUTF8BecomesReplacementCharactersLikeSwiftsRepair() throws {
        var rng = SplitMix64(seed: 3)
        let bad: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                              [0xF0, 0x9F, 0x98], [0xE2, 0x82], [0xFF], [0xC3], [0xF8, 0x88, 0x80, 0x80, 0x80]]
        let good: [[UInt8]] = [Array("abc".utf8), Array("é".utf8), Array("字".utf8), Array("😀".utf8), Array("abcdefghij".utf8)]
        for _ in 0..<2000 {
            var content: [UInt8] = []
            for _ in 0..<Int.random(in: 1..<8, using: &rng) {
                content += Bool.random(using: &rng) ? bad.randomElement(using: &rng)! : good.randomElement(using: &rng)!
            }
            let expected = String(decoding: content, as: UTF8.self)
            let parsed = try parseJSON([0x22] + content + [0x22])
            #expect(parsed.value == .string(expected))
            #expect(parsed.replacements == expected.unicodeScalars.filter { $0 == "\u{FFFD}" }.count)
        }
    }

    @Test(arguments: [
        "", "{", "[", "[1,", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
        "01", "1.", ".5", "-", "1e", "1e+", "+1", "tru", "nul", "falsey", "[1 2]", "{\"a\":1 \"b\":2}", "\"a\u{1}b\"",
        "\"tab\there\"", "]", "}", ",", "nan", "Infinity",
    ])
    func malformedInputIsASyntaxError(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { _ = try parseJSON(text) }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(throws: JSONSyntaxError.self) { _ = try parseJSON(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { _ = try parseJSON(fine) }
    }

    @Test func errorsPointAtTheOffendingByte() {
        do {
            _ = try parseJSON(#"{"a": [1, 2, x]}"#)
            Issue.record("expected an error")
        } catch let error as JSONSyntaxError {
            #expect(error.offset == 13)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func randomlyDamagedDocumentsNeverCrash() throws {
        var generator = RandomJSON(rng: SplitMix64(seed: 99))
        var rng = SplitMix64(seed: 100)
        for _ in 0..<3000 {
            var bytes = Array(generator.value().text.utf8)
            guard !bytes.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                }
                if bytes.isEmpty { break }
            }
            _ = try? parseJSON(bytes)
        }
    }
}
