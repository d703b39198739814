// Deterministic per-document random draws for filters that keep a share of what they would
// drop (c4_badwords_v1 `keep_fraction`): the draw depends only on the document id and a seed,
// never on document order, batch or worker, so a run split any way keeps the same documents.
// The hash is named and fixed (never Swift's per-process Hasher): FNV-1a 64 of the id's UTF-8
// bytes, xor the seed, then the SplitMix64 finaliser (Steele et al. 2014) to spread the bits.

enum StableDraw {
    /// A number in [0, 1) with 53 random bits, a function of `id` and `seed` alone.
    static func unitInterval(id: String, seed: Int) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64 offset basis
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3  // FNV-1a 64 prime
        }
        var z = hash ^ UInt64(bitPattern: Int64(seed))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}
