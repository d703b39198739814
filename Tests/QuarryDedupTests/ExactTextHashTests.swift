// ExactTextHash: XXH3-128 of the text as it is without normalization, of the normalized text
// otherwise; texts equal after normalization hash alike, others apart.
import QuarryText
import Testing
@testable import QuarryDedup

struct ExactTextHashTests {
    @Test func withoutNormalizationItIsXXH3OfTheText() {
        let hash = ExactTextHash(normalization: .none)
        for text in ["", "Hello, World!", "  spaced\n", "中文"] {
            #expect(hash.hash(text) == StableHash.xxh3_128(text))
        }
        #expect(hash.hash("a b") != hash.hash("a  b"))
    }

    @Test func normalizedTextIsHashed() {
        let all = ExactTextHash(normalization: .all)
        #expect(all.hash("Hello, World! 2024") == StableHash.xxh3_128("hello world 0"))
        #expect(all.hash("HELLO   world 1999!!") == all.hash("hello, world 2024"))
        #expect(all.hash("hello world") != all.hash("hello word"))
        // exact_dedup_v1's default: whitespace only.
        let spaces = ExactTextHash(normalization: DedupNormalization(lowercase: false, whitespace: true, punctuation: false, digits: false))
        #expect(spaces.hash(" a \n\t b ") == spaces.hash("a b"))
        #expect(spaces.hash("A b") != spaces.hash("a b"))
        #expect(spaces.hash("a, b") != spaces.hash("a b"))
        #expect(spaces.hash("   ") == StableHash.xxh3_128(""))
    }

    @Test func stableValue() {
        // XXH3-128 of "hello world" as xxHash 0.8 gives it (Python: xxhash.xxh3_128_hexdigest(b"hello world")).
        #expect(ExactTextHash(normalization: .all).hash("Hello,  WORLD.").hex == StableHash.xxh3_128("hello world").hex)
        #expect(StableHash.xxh3_128("hello world").hex == "df8d09e93f874900a99b8775cc15b6c7")
    }
}
