// AddedTokenMatcher: leftmost-longest matching, single_word, lstrip/rstrip over Unicode
// whitespace; UTF8Validity's maximal subparts against Swift's own U+FFFD replacement.
import Testing
import QuarryTestSupport
@testable import QuarryTokenizer

@Suite struct AddedTokenMatcherTests {
    static func matcher(_ tokens: [AddedToken]) -> AddedTokenMatcher {
        AddedTokenMatcher(tokens.map { ($0, Array($0.content.utf8)) })
    }

    static func matches(_ matcher: AddedTokenMatcher, _ text: String) -> [(String, TokenID)] {
        let bytes = Array(text.utf8)
        var out: [AddedTokenMatcher.Match] = []
        bytes.withUnsafeBufferPointer { matcher.matches(in: $0, into: &out) }
        return out.map { (String(decoding: bytes[$0.range], as: UTF8.self), $0.id) }
    }

    @Test func leftmostLongest() {
        let m = Self.matcher([AddedToken(id: 1, content: "<a>", special: true), AddedToken(id: 2, content: "<a><b>", special: true),
                              AddedToken(id: 3, content: "b>c", special: true)])
        let found = Self.matches(m, "x<a><b>c <a>b>c")
        #expect(found.map(\.0) == ["<a><b>", "<a>", "b>c"])
        #expect(found.map(\.1) == [2, 1, 3])
        #expect(Self.matches(m, "").isEmpty)
        #expect(Self.matches(m, "<a").isEmpty)
    }

    @Test func singleWordNeedsNonWordNeighbours() {
        let m = Self.matcher([AddedToken(id: 5, content: "foo", special: false, singleWord: true)])
        #expect(Self.matches(m, "foo bar (foo) foo.").count == 3)
        for text in ["xfoo", "foox", "foo_", "éfoo", "foo1", "foo\u{301}"] { #expect(Self.matches(m, text).isEmpty, "\(text)") }
        // A discarded match is not searched again inside: "ffoo" has no match at 1 after "f".
        #expect(Self.matches(m, "foofoo").isEmpty)
    }

    @Test func stripAbsorbsUnicodeWhitespace() {
        let m = Self.matcher([AddedToken(id: 7, content: "<m>", special: true, lstrip: true),
                              AddedToken(id: 8, content: "<r>", special: true, rstrip: true)])
        #expect(Self.matches(m, "a \u{3000}\t<m>b").map(\.0) == [" \u{3000}\t<m>"])
        #expect(Self.matches(m, "a<r> \u{A0}\nb").map(\.0) == ["<r> \u{A0}\n"])
        // lstrip stops at the previous match's end.
        #expect(Self.matches(m, "<r>  <m>").map(\.0) == ["<r>  ", "<m>"])
        #expect(Self.matches(m, "x\u{200B}<m>").map(\.0) == ["<m>"])  // ZWSP is not whitespace
    }

    @Test func maximalSubpartsMatchSwiftReplacement() {
        var generator = SplitMix64(seed: 3)
        let pool: [UInt8] = [0x41, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xA0, 0xED, 0x9F, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF, 0xE2, 0x82, 0xAC]
        for _ in 0..<3000 {
            let bytes = (0..<generator.below(12)).map { _ in pool[generator.below(pool.count)] }
            var replaced: [UInt8] = []
            var i = 0
            bytes.withUnsafeBufferPointer { buffer in
                while i < buffer.count {
                    let (length, valid) = UTF8Validity.scan(buffer, at: i)
                    replaced += valid ? Array(buffer[i..<(i + length)]) : Array("\u{FFFD}".utf8)
                    i += length
                }
                #expect(UTF8Validity.isValid(buffer) == (String(validating: buffer, as: UTF8.self) != nil))
            }
            #expect(replaced == Array(String(decoding: bytes, as: UTF8.self).utf8), "\(bytes)")
        }
    }
}
