// StableHash against the reference xxHash library (Python's `xxhash` 3.8.2, xxHash 0.8.2): golden
// vectors for every length 0...300 and long inputs up to 1 MiB, three seeds
// (Fixtures/xxhash-vectors.json, made by scripts/reference/xxhash_vectors.py), and against a
// plain twin written line by line from xxhash_spec.md (XXHashTwin.swift) on random lengths and seeds.
import Foundation
import QuarryTestSupport
import QuarryText
import Testing

private struct HashFixture: Decodable {
    struct Vectors: Decodable {
        var seed: String
        var xxh64: [String]
        var xxh3_64: [String]
        var xxh3_128: [String]
    }

    struct StringCase: Decodable {
        var text: String
        var xxh64: String
        var xxh3_64: String
        var xxh3_128: String
    }

    var xxhash_c: String
    var lengths: [Int]
    var vectors: [Vectors]
    var strings: [StringCase]

    static let loaded: HashFixture? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/xxhash-vectors.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(HashFixture.self, from: data)
    }()
}

/// The input generator of the fixture script (xxHash's sanity-test generator).
func generatedBytes(_ n: Int) -> [UInt8] {
    var gen: UInt64 = 2_654_435_761
    return (0..<n).map { _ in
        defer { gen &*= 11_400_714_785_074_694_797 }
        return UInt8(gen >> 56)
    }
}

@Suite struct StableHashTests {
    @Test func goldenVectorsFromTheReferenceLibrary() throws {
        let fixture = try #require(HashFixture.loaded)
        #expect(fixture.lengths.count == 311 && fixture.vectors.count == 3)
        let data = generatedBytes(fixture.lengths.max()!)
        data.withUnsafeBufferPointer { all in
            for v in fixture.vectors {
                let seed = UInt64(v.seed)!
                for (i, n) in fixture.lengths.enumerated() {
                    let bytes = UnsafeBufferPointer(rebasing: all[0..<n])
                    #expect(StableHash.hex(StableHash.xxh64(bytes, seed: seed)) == v.xxh64[i], "xxh64 length \(n) seed \(seed)")
                    #expect(StableHash.hex(StableHash.xxh3_64(bytes, seed: seed)) == v.xxh3_64[i], "xxh3_64 length \(n) seed \(seed)")
                    #expect(StableHash.xxh3_128(bytes, seed: seed).hex == v.xxh3_128[i], "xxh3_128 length \(n) seed \(seed)")
                }
            }
        }
    }

    @Test func stringsHashTheirUTF8() throws {
        let fixture = try #require(HashFixture.loaded)
        #expect(fixture.strings.count == 6)
        for c in fixture.strings {
            #expect(StableHash.hex(StableHash.xxh64(c.text)) == c.xxh64)
            #expect(StableHash.hex(StableHash.xxh3_64(c.text)) == c.xxh3_64)
            #expect(StableHash.xxh3_128(c.text).hex == c.xxh3_128)
            #expect(StableHash.xxh64(Array(c.text.utf8)) == StableHash.xxh64(c.text))
            // A bridged or substring-backed String hashes the same bytes.
            let copy = String(Substring(c.text + "x").dropLast())
            #expect(StableHash.xxh3_64(copy, seed: 7) == StableHash.xxh3_64(Array(c.text.utf8), seed: 7))
        }
        // Known answers of the xxHash documentation: XXH64("") and XXH3_64("") with seed 0.
        #expect(StableHash.xxh64("") == 0xEF46_DB37_51D8_E999)
        #expect(StableHash.xxh3_64("") == 0x2D06_8005_38D3_94C2)
    }

    @Test func matchesTheSpecTwinOnRandomInputs() {
        var rng = SplitMix64(seed: 64)
        let data = generatedBytes(5000).map { $0 ^ 0x5A }
        data.withUnsafeBufferPointer { all in
            for round in 0..<400 {
                let n = round < 200 ? rng.below(260) : rng.below(5000)
                let start = rng.below(data.count - n + 1)  // unaligned starts too
                let seed = round % 4 == 0 ? 0 : rng.next()
                let bytes = UnsafeBufferPointer(rebasing: all[start..<(start + n)])
                let plain = Array(bytes)
                #expect(StableHash.xxh64(bytes, seed: seed) == XXHashTwin.xxh64(plain, seed: seed), "length \(n)")
                #expect(StableHash.xxh3_64(bytes, seed: seed) == XXHashTwin.xxh3(plain, seed: seed).low, "length \(n)")
                let h = XXHashTwin.xxh3(plain, seed: seed, wide: true)
                #expect(StableHash.xxh3_128(bytes, seed: seed) == Hash128(low: h.low, high: h.high), "length \(n)")
            }
        }
    }

    @Test func xxh3_64IsTheLowHalfOf128ExceptWhereTheSpecSaysOtherwise() {
        // The spec: XXH3-64 equals the low half of XXH3-128 for 1-3 bytes and for large inputs.
        let data = generatedBytes(2000)
        for n in [1, 2, 3, 241, 1000, 2000] {
            #expect(StableHash.xxh3_64(Array(data[0..<n]), seed: 9) == StableHash.xxh3_128(Array(data[0..<n]), seed: 9).low)
        }
    }

    @Test func streamingXXH64EqualsOneShot() {
        var rng = SplitMix64(seed: 5)
        let data = generatedBytes(3000)
        for _ in 0..<200 {
            let n = rng.below(data.count)
            let seed = rng.bool() ? 0 : rng.next()
            var hasher = XXH64Hasher(seed: seed)
            var at = 0
            data.withUnsafeBufferPointer { all in
                while at < n {
                    let step = min(n - at, 1 + rng.below(rng.bool() ? 40 : 400))
                    hasher.update(UnsafeBufferPointer(rebasing: all[at..<(at + step)]))
                    at += step
                }
            }
            #expect(hasher.finalize() == StableHash.xxh64(Array(data[0..<n]), seed: seed), "length \(n)")
        }
        var text = XXH64Hasher()
        text.update("hello ")
        text.update("world")
        #expect(text.finalize() == StableHash.xxh64("hello world"))
    }

    @Test func canonicalHex() {
        #expect(StableHash.hex(0xAB) == "00000000000000ab")
        #expect(Hash128(low: 1, high: 0xFF).hex == "00000000000000ff0000000000000001")
    }
}
