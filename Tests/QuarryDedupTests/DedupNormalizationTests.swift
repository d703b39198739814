// DedupNormalization against datatrove 0.10.1's `simplify_text` (golden outputs written by
// scripts/reference/minhash_golden.py, Fixtures/README.md) and against a plain twin built on
// Swift's String and Unicode properties, on random strings.
import Foundation
import QuarryTestSupport
import QuarryText
import Testing
@testable import QuarryDedup

struct DedupNormalizationTests {
    struct Golden: Decodable {
        var text: String
        var expected: String
    }

    static func golden() throws -> [Golden] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/simplify_text_golden.jsonl")
        let data = try Data(contentsOf: url)
        return try data.split(separator: 0x0A).map { try JSONDecoder().decode(Golden.self, from: Data($0)) }
    }

    @Test func matchesSimplifyText() throws {
        let cases = try Self.golden()
        #expect(cases.count >= 50)
        for item in cases {
            #expect(DedupNormalization.all.normalize(item.text) == item.expected, "\(item.text.debugDescription)")
        }
    }

    @Test func examples() {
        let all = DedupNormalization.all
        #expect(all.normalize("  Hello,   WORLD!! 2024 ") == "hello world 0")
        #expect(all.normalize("İ") == "i\u{307}")
        #expect(all.normalize("ΟΔΟΣ") == "οδος")
        #expect(all.normalize("Σ") == "σ")
        #expect(all.normalize("3.14 1,000,000 ٣٫١٤ १२") == "0 0 0 0 0")
        #expect(all.normalize("") == "")
        #expect(all.normalize(" \t\n") == "")
    }

    @Test func eachOptionAlone() {
        let text = " A,  B1.5\u{3000}Ç! "
        #expect(DedupNormalization.none.normalize(text) == text)
        #expect(DedupNormalization(lowercase: true, whitespace: false, punctuation: false, digits: false).normalize(text) == " a,  b1.5\u{3000}ç! ")
        #expect(DedupNormalization(lowercase: false, whitespace: true, punctuation: false, digits: false).normalize(text) == "A, B1.5 Ç!")
        #expect(DedupNormalization(lowercase: false, whitespace: false, punctuation: true, digits: false).normalize(text) == " A   B1 5\u{3000}Ç  ")
        #expect(DedupNormalization(lowercase: false, whitespace: false, punctuation: false, digits: true).normalize(text) == " A,  B0\u{3000}Ç! ")
    }

    @Test func illFormedBytesNeverCrash() {
        var random = SplitMix64(seed: 7)
        var out: [UInt8] = []
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.withUnsafeBufferPointer { DedupNormalization.all.normalize($0, into: &out) }
            #expect(out.count <= DedupNormalization.maxOutput(length))
        }
        // Truncated sequences at the end.
        for tail: [UInt8] in [[0xC3], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0xCE, 0xA3, 0xCE]] {
            let bytes = Array("ΑΣ 1.".utf8) + tail
            bytes.withUnsafeBufferPointer { DedupNormalization.all.normalize($0, into: &out) }
            #expect(!out.isEmpty)
        }
    }

    /// A plain twin: String, Character-free scalar loops, Swift's own Unicode properties.
    static func plain(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        // lowercase (no final sigma: the random alphabet has no sigma)
        scalars = scalars.flatMap { Array($0.properties.lowercaseMapping.unicodeScalars) }
        // numbers
        var out: [Unicode.Scalar] = []
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .decimalNumber }
        while i < scalars.count {
            if isDigit(scalars[i]) {
                while i < scalars.count && isDigit(scalars[i]) { i += 1 }
                if i + 1 < scalars.count, ".,،٫⎖⎗⎘".unicodeScalars.contains(scalars[i]), isDigit(scalars[i + 1]) {
                    i += 1
                    while i < scalars.count && isDigit(scalars[i]) { i += 1 }
                }
                out.append("0")
            } else {
                out.append(scalars[i]); i += 1
            }
        }
        // punctuation → space, whitespace collapsed
        let spaced = out.map { PunctuationClasses.isPunctuation($0.value) ? " " : $0 }
        var result = "", pending = false
        for s in spaced {
            if PythonText.isSpace(s.value) { pending = !result.isEmpty; continue }
            if pending { result.unicodeScalars.append(" "); pending = false }
            result.unicodeScalars.append(s)
        }
        return result
    }

    @Test func agreesWithPlainTwin() {
        let alphabet = ["a", "B", "Ç", "é", "Ж", "ж", "ẞ", "Ω", " ", "\u{3000}", "\n", ",", ".", "!", "—", "「", "1", "٣", "٫",
                        "१", "中", "文", "ﬓ", "𐐀", "Ⅻ", "ǅ", "Ａ", "１", "⎖", "😀", "\u{85}", "\u{1C}", "'"]
        var random = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let text = random.string(from: alphabet, count: random.below(24))
            #expect(DedupNormalization.all.normalize(text) == Self.plain(text), "\(text.debugDescription)")
        }
    }
}
