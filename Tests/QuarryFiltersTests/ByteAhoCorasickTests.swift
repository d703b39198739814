// ByteAhoCorasick: the automaton finds exactly what comparing every pattern at every offset
// finds (random patterns and texts over a small alphabet, so matches overlap and nest), with
// ASCII case folding, empty and duplicate patterns, and early stop.
@testable import QuarryFilters
import QuarryTestSupport
import Testing

@Suite struct ByteAhoCorasickTests {
    func matches(_ automaton: ByteAhoCorasick, _ text: [UInt8]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { pattern, end in found.append([pattern, end]); return true }
        }
        return found
    }

    func sorted(_ pairs: [[Int]]) -> [[Int]] { pairs.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) } }

    @Test func agreesWithNaiveSearchOnRandomInput() {
        var rng = SplitMix64(seed: 7)
        let alphabet: [UInt8] = Array("abAB é".utf8)
        for round in 0..<300 {
            let fold = round % 2 == 0
            let patterns: [[UInt8]] = (0..<(1 + rng.below(8))).map { _ in
                (0..<rng.below(5)).map { _ in
                    let b = alphabet[rng.below(alphabet.count)]
                    return fold && b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                }
            }
            let text: [UInt8] = (0..<rng.below(40)).map { _ in alphabet[rng.below(alphabet.count)] }
            let automaton = ByteAhoCorasick(patterns: patterns, foldASCIICase: fold)
            let naive = ByteAhoCorasick.naiveMatches(patterns: patterns, in: text, foldASCIICase: fold).map { [$0.pattern, $0.end] }
            #expect(sorted(matches(automaton, text)) == sorted(naive), "patterns \(patterns) text \(text)")
        }
    }

    @Test func reportsNestedAndOverlappingMatchesLongestFirst() {
        let automaton = ByteAhoCorasick(patterns: [Array("he".utf8), Array("she".utf8), Array("hers".utf8), Array("e".utf8)])
        #expect(matches(automaton, Array("ushers".utf8)) == [[1, 4], [0, 4], [3, 4], [2, 6]])
    }

    @Test func foldsASCIICaseOnlyWhenAsked() {
        let folded = ByteAhoCorasick(patterns: [Array("sex".utf8)], foldASCIICase: true)
        let exact = ByteAhoCorasick(patterns: [Array("sex".utf8)])
        #expect(matches(folded, Array("SeX".utf8)) == [[0, 3]])
        #expect(matches(exact, Array("SeX".utf8)).isEmpty)
        #expect(matches(exact, Array("sex".utf8)) == [[0, 3]])
    }

    @Test func emptyAndDuplicatePatterns() {
        let automaton = ByteAhoCorasick(patterns: [[], Array("ab".utf8), Array("ab".utf8)])
        #expect(!ByteAhoCorasick(patterns: [[]]).containsMatch(in: UnsafeBufferPointer(start: nil, count: 0)))
        #expect(ByteAhoCorasick(patterns: []).isEmpty)
        #expect(sorted(matches(automaton, Array("xab".utf8))) == [[1, 3], [2, 3]])
        #expect(matches(automaton, []).isEmpty)
    }

    @Test func stopsWhenAsked() {
        let automaton = ByteAhoCorasick(patterns: [Array("a".utf8)])
        var seen = 0
        Array("aaaa".utf8).withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { _, _ in seen += 1; return seen < 2 }
        }
        #expect(seen == 2)
    }

    @Test func allByteValuesInPatterns() {
        let every = (0...255).map { [UInt8($0)] }
        let automaton = ByteAhoCorasick(patterns: every)
        #expect(matches(automaton, [0, 255, 128]) == [[0, 1], [255, 2], [128, 3]])
    }
}
