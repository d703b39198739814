// Text → input rows (FastTextInput.swift) against a plain twin written from FORMAT.md §6
// (`Dictionary::getLine`): split on the six separator bytes, stop at the first `</s>`, labels
// apart, subwords of "<word>" by UTF-8 character, word n-grams over sign-extended hashes. Edge
// cases: a literal `</s>`, label tokens, NBSP (not a separator), empty text, control bytes,
// invalid UTF-8 (must not crash), on the plain and the pruned fixture dictionaries.
import Foundation
import Testing
import QuarryTestSupport
@testable import QuarryClassify

@Suite struct FastTextInputTests {
    /// The twin: rows and labels of `text` the slow way.
    static func naiveRows(_ text: [UInt8], _ d: FastTextDictionary) -> (rows: [Int32], labels: [Int32]) {
        var tokens = [[UInt8]]()
        var current = [UInt8]()
        for b in text {
            if [0x20, 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x00].contains(b) {
                if !current.isEmpty { tokens.append(current); current = [] }
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        tokens.append(Array("</s>".utf8))
        tokens = Array(tokens.prefix(through: tokens.firstIndex(of: Array("</s>".utf8))!))

        func bucketRow(_ h: UInt64) -> Int32? {
            let index = Int32(h % UInt64(d.bucket))
            guard let pruned = d.pruneIndex else { return Int32(d.nwords) + index }
            return pruned[index].map { Int32(d.nwords) + $0 }
        }
        func subwords(_ word: [UInt8]) -> [Int32] {
            let w = [UInt8(ascii: "<")] + word + [UInt8(ascii: ">")]
            var out = [Int32]()
            for i in 0..<w.count where w[i] & 0xC0 != 0x80 {
                var j = i, n: Int32 = 1
                var gram = [UInt8]()
                while j < w.count && n <= d.maxn {
                    gram.append(w[j]); j += 1
                    while j < w.count && w[j] & 0xC0 == 0x80 { gram.append(w[j]); j += 1 }
                    if n >= d.minn && !(n == 1 && (i == 0 || j == w.count)),
                       let row = bucketRow(UInt64(FastTextHash.naiveHash(gram))) {
                        out.append(row)
                    }
                    n += 1
                }
            }
            return out
        }
        var rows = [Int32](), labels = [Int32](), hashes = [Int32]()
        for token in tokens {
            let id = d.entries.firstIndex { $0.word == token }.map(Int32.init) ?? -1
            let isLabel = id >= 0 ? d.entries[Int(id)].isLabel : token.starts(with: Array("__label__".utf8))
            if isLabel {
                if id >= 0 { labels.append(id - Int32(d.nwords)) }
                continue
            }
            if id >= 0 { rows.append(id) }
            if token != Array("</s>".utf8) && d.maxn > 0 { rows += subwords(token) }
            hashes.append(Int32(bitPattern: FastTextHash.naiveHash(token)))
        }
        if d.wordNgrams > 1 {
            for i in 0..<hashes.count {
                var h = UInt64(bitPattern: Int64(hashes[i]))
                for j in (i + 1)..<min(hashes.count, i + Int(d.wordNgrams)) where j < hashes.count {
                    h = h &* 116_049_371 &+ UInt64(bitPattern: Int64(hashes[j]))
                    if let row = bucketRow(h) { rows.append(row) }
                }
            }
        }
        return (rows, labels)
    }

    static func rows(_ text: [UInt8], _ d: FastTextDictionary) -> FastTextLine {
        var line = FastTextLine()
        text.withUnsafeBufferPointer { d.read($0, into: &line) }
        return line
    }

    static let edgeCases: [[UInt8]] = [
        [], Array("   ".utf8), Array("</s> kernel".utf8), Array("kernel </s> oven stock".utf8), Array("kernel</s> oven".utf8),
        Array("__label__finance stock market".utf8), Array("__label__nope stock".utf8),
        Array("\u{00A0}non-breaking\u{00A0}space oven".utf8), Array("bake\tthe\tcode\rnow\u{0B}x\u{0C}y\0z\n\nw".utf8),
        Array("\u{01}\u{1F}\u{7F} oven".utf8), [0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x20, 0xE2, 0x82, 0x20, 0x80, 0x80, 0x80, 0xF0, 0x9F],
        Array("東京 数据 Привет مرحبا 😀".utf8), Array("a".utf8), Array(String(repeating: "kernel ", count: 500).utf8),
    ]

    @Test(arguments: ["softmax.bin", "softmax_q.ftz"])
    func edgeCasesMatchTheTwin(_ name: String) throws {
        let d = try FastTextFixtures.model(name).dictionary
        var rng = SplitMix64(seed: 5)
        var texts = Self.edgeCases
        for text in try FastTextFixtures.texts() { texts.append(Array(text.utf8)) }
        for _ in 0..<300 {  // random bytes, biased to separators, ASCII letters and UTF-8 pieces
            texts.append((0..<rng.below(40)).map { _ in
                let pick = rng.below(5)
                return pick == 0 ? 0x20 : pick == 1 ? UInt8(0x61 + rng.below(26)) : UInt8(truncatingIfNeeded: rng.next())
            })
        }
        for text in texts {
            let line = Self.rows(text, d)
            let twin = Self.naiveRows(text, d)
            #expect(line.rows == twin.rows, "\(name): \(text.prefix(40))")
            #expect(line.labels == twin.labels, "\(name): \(text.prefix(40))")
        }
    }

    @Test func endOfLineAndLabels() throws {
        let d = try FastTextFixtures.model("softmax.bin").dictionary
        let eos = Int32(0)
        #expect(d.entries[0].word == Array("</s>".utf8))
        // Empty text: </s> alone.
        #expect(Self.rows([], d).rows == [eos])
        // A literal </s> ends the line: nothing after it counts.
        #expect(Self.rows(Array("</s> kernel".utf8), d).rows == [eos])
        #expect(Self.rows(Array("oven </s> kernel".utf8), d).rows == Self.rows(Array("oven".utf8), d).rows)
        // A label token is not input: same rows as without it, and its id is returned apart.
        let labelled = Self.rows(Array("__label__finance stock market".utf8), d)
        #expect(labelled.rows == Self.rows(Array("stock market".utf8), d).rows)
        #expect(labelled.labels.map { d.labelName(Int($0)) } == ["finance"])
        // Unknown __label__ tokens are dropped too, but give no label id.
        let unknown = Self.rows(Array("__label__nope stock".utf8), d)
        #expect(unknown.rows == Self.rows(Array("stock".utf8), d).rows && unknown.labels.isEmpty)
    }

    @Test func separators() throws {
        let d = try FastTextFixtures.model("softmax.bin").dictionary
        let spaced = Self.rows(Array("bake the code now".utf8), d).rows
        #expect(Self.rows(Array("bake\tthe\rcode\u{0B}now".utf8), d).rows == spaced)
        #expect(Self.rows(Array("bake\u{0C}the\0code\nnow\n".utf8), d).rows == spaced)
        #expect(Self.rows(Array("  bake   the code now  ".utf8), d).rows == spaced)
        // NBSP is part of the word: "oven\u{A0}pan" is one (unknown) token, not "oven" + "pan".
        #expect(Self.rows(Array("oven\u{00A0}pan".utf8), d).rows != Self.rows(Array("oven pan".utf8), d).rows)
        #expect(Self.rows(Array("oven\u{00A0}pan".utf8), d).wordCount == 2)  // the token and </s>
        // Other control bytes are ordinary word bytes.
        #expect(Self.rows(Array("oven\u{01}".utf8), d).rows != Self.rows(Array("oven".utf8), d).rows)
    }

    @Test func invalidUTF8DoesNotCrash() throws {
        let d = try FastTextFixtures.model("softmax_q.ftz").dictionary
        var rng = SplitMix64(seed: 9)
        for _ in 0..<500 {
            let text = (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) | 0x80 }
            let line = Self.rows(text, d)
            #expect(!line.rows.isEmpty)
            #expect(line.rows.allSatisfy { $0 >= 0 && Int($0) < d.nwords + 894 })
        }
    }
}
