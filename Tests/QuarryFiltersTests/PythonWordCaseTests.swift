// PythonWordCase: the fast lookups agree with a linear scan of the generated tables for every
// code point; lowering agrees with values printed by Python 3.11's str.lower(); word
// boundaries decode the scalar before and after an offset.
@testable import QuarryFilters
import QuarryText
import QuarryTestSupport
import Testing

@Suite struct PythonWordCaseTests {
    @Test func wordLookupMatchesLinearScanForEveryCodePoint() {
        let bounds = PythonWordCase.wordRangeBounds
        var ranges: [ClosedRange<UInt32>] = []
        for i in stride(from: 0, to: bounds.count, by: 2) { ranges.append(bounds[i]...bounds[i + 1]) }
        var mismatches = 0
        var r = 0
        for cp in UInt32(0)...0x10FFFF {
            while r < ranges.count && ranges[r].upperBound < cp { r += 1 }
            let expected = r < ranges.count && ranges[r].contains(cp)
            if PythonWordCase.isWordScalar(cp) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func lowerLookupMatchesTableForEveryCodePoint() {
        var expected: [UInt32: UInt32] = [:]
        for (s, t) in zip(PythonLowercaseTables.sources, PythonLowercaseTables.targets) { expected[s] = t }
        var mismatches = 0
        for cp in UInt32(0)...0x10FFFF where PythonWordCase.lowerScalar(cp) != expected[cp] { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(expected.count > 1400)
    }

    /// Expected values printed by Python 3.11: `"...".lower()`.
    @Test func lowersLikePython() {
        let cases: [(String, String)] = [
            ("Hello WORLD", "hello world"),
            ("\u{130}stanbul", "i\u{307}stanbul"),     // İ becomes two scalars
            ("\u{212A}elvin", "kelvin"),               // the Kelvin sign lowers to ASCII k
            ("\u{1E9E}", "\u{DF}"),                    // capital sharp s
            ("\u{23A}", "\u{2C65}"),                   // 2 UTF-8 bytes become 3
            ("ＡＢＣ", "ａｂｃ"),
            ("ПРИВЕТ Мир", "привет мир"),
            ("ÇINGENE", "çingene"),
            ("中文 ＳＥＸ 🙂", "中文 ｓｅｘ 🙂"),
            ("\u{10400}", "\u{10428}"),                // Deseret, 4 bytes
            ("", ""),
        ]
        for (text, lowered) in cases {
            #expect(PythonWordCase.lower(text) == lowered, "\(text)")
        }
    }

    @Test func lowerNonASCIICopiesOnlyWhenNeeded() {
        func run(_ s: String) -> [UInt8]? { Array(s.utf8).withUnsafeBufferPointer { PythonWordCase.lowerNonASCII($0) } }
        #expect(run("ASCII Only, “quotes” — 中文") == nil)
        #expect(run("Ünder ABC").map { String(decoding: $0, as: UTF8.self) } == "ünder ABC")
    }

    @Test func lowerAgreesWithScalarTwinOnRandomText() {
        var rng = SplitMix64(seed: 11)
        let pieces = ["A", "z", "É", "ß", "\u{130}", "\u{212A}", "Σ", "ж", "Ж", "中", "🙂", " ", "\u{23A}", "Ａ", "\u{10400}"]
        for _ in 0..<500 {
            let text = rng.string(from: pieces, count: rng.below(12))
            var twin = ""
            for scalar in text.unicodeScalars {
                if scalar.value == PythonWordCase.multiLowerSource {
                    twin += String(decoding: PythonWordCase.multiLowerTarget, as: UTF8.self)
                } else {
                    twin.unicodeScalars.append(Unicode.Scalar(PythonWordCase.lowerScalar(scalar.value) ?? scalar.value)!)
                }
            }
            #expect(PythonWordCase.lower(text) == twin)
        }
    }

    /// Python: `re.match(r"\w", c)`.
    @Test func wordCharactersLikePython() {
        let word: [Unicode.Scalar] = ["a", "Z", "0", "_", "é", "ж", "中", "\u{663}", "\u{BD}", "\u{2167}", "ｓ", "ー"]
        let nonWord: [Unicode.Scalar] = [" ", "-", "'", ".", "\u{301}", "\u{200B}", "\u{A0}", "🙂", "🖕", "\u{E35}", "。"]
        for s in word { #expect(PythonWordCase.isWordScalar(s.value), "\(s)") }
        for s in nonWord { #expect(!PythonWordCase.isWordScalar(s.value), "\(s)") }
    }

    @Test func boundaryChecksDecodeWholeScalars() {
        let bytes = Array("é x中🙂".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(!PythonWordCase.isWordBefore(b, 0))
            #expect(PythonWordCase.isWordBefore(b, 2))        // after é
            #expect(!PythonWordCase.isWordBefore(b, 3))       // after the space
            #expect(PythonWordCase.isWordAt(b, 4))            // 中
            #expect(PythonWordCase.isWordBefore(b, 7))        // after 中
            #expect(!PythonWordCase.isWordAt(b, 7))           // 🙂
            #expect(!PythonWordCase.isWordBefore(b, b.count)) // after 🙂
            #expect(!PythonWordCase.isWordAt(b, b.count))
        }
    }
}
