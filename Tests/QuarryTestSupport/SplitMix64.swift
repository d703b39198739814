// A seeded random number generator for tests (SplitMix64, Steele, Lea & Flood 2014), so every
// property test is reproducible from its seed.

public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A number in 0..<n, independent of the standard library's sampling algorithm.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    public mutating func bool() -> Bool { next() & 1 == 1 }

    /// A string made of `count` pieces drawn from `alphabet`.
    public mutating func string(from alphabet: [String], count: Int) -> String {
        var out = ""
        for _ in 0..<count { out += alphabet[Int.random(in: 0..<alphabet.count, using: &self)] }
        return out
    }
}
