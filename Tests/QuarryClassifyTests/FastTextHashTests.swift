// The fastText hash: known FNV-1a values for ASCII, the sign-extension quirk for bytes ≥ 0x80,
// and the fast hash against its plain twin on random byte strings.
import Testing
@testable import QuarryClassify

@Suite struct FastTextHashTests {
    @Test func asciiMatchesStandardFNV1a() {
        #expect(FastTextHash.hash([UInt8]()) == 2_166_136_261)
        #expect(FastTextHash.hash(Array("a".utf8)) == 0xE40C_292C)
        #expect(FastTextHash.hash(Array("foobar".utf8)) == 0xBF9C_F968)
    }

    @Test func highBytesAreSignExtended() {
        // Standard FNV-1a XORs 0xC3 then 0xA9; fastText XORs 0xFFFFFFC3 and 0xFFFFFFA9.
        var standard: UInt32 = 2_166_136_261
        for b in Array("é".utf8) { standard = (standard ^ UInt32(b)) &* 16_777_619 }
        #expect(FastTextHash.hash(Array("é".utf8)) != standard)
        #expect(FastTextHash.hash(Array("é".utf8)) == FastTextHash.naiveHash(Array("é".utf8)))
    }

    @Test func fastHashMatchesTwin() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<200 {
            var bytes = [UInt8]()
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            #expect(FastTextHash.hash(bytes) == FastTextHash.naiveHash(bytes))
        }
    }
}
