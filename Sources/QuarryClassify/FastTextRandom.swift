// The random numbers fastText training and quantization draw, made reproducible: the C++
// standard's `minstd_rand` (Park & Miller 1993, x ← 48271·x mod (2³¹ − 1); the generator
// fastText's `Model::State` and `ProductQuantizer` use) and the two ways libstdc++ turns it into
// numbers: `uniform_int_distribution` (draw, reject the top remainder, divide) and
// `generate_canonical<double>` (two draws combined, for `uniform_real_distribution`). Quarry
// never uses Swift's `Hasher` or the system generator for anything a model stores.

/// `std::minstd_rand`.
struct MinstdRandom {
    static let modulus: UInt64 = 2_147_483_647
    static let multiplier: UInt64 = 48_271
    /// Smallest and largest value `next()` returns.
    static let min: UInt32 = 1
    static let max: UInt32 = 2_147_483_646

    private(set) var state: UInt32

    /// `minstd_rand(seed)`: the seed modulo 2³¹ − 1, and 1 if that is 0.
    init(seed: UInt64) {
        let s = UInt32(seed % Self.modulus)
        state = s == 0 ? 1 : s
    }

    @inline(__always)
    mutating func next() -> UInt32 {
        state = UInt32(UInt64(state) &* Self.multiplier % Self.modulus)
        return state
    }

    /// A uniform integer in `0...upper` (libstdc++'s `uniform_int_distribution<int>(0, upper)`
    /// for a generator whose range is larger than the request).
    @inline(__always)
    mutating func uniformInt(upTo upper: Int) -> Int {
        if upper <= 0 { return 0 }
        let generatorRange = UInt64(Self.max - Self.min)
        let wanted = UInt64(upper) + 1
        let scaling = generatorRange / wanted
        let past = wanted * scaling
        var value: UInt64
        repeat { value = UInt64(next() - Self.min) } while value >= past
        return Int(value / scaling)
    }

    /// A uniform double in [0, 1) (`generate_canonical<double, 53>`: two draws).
    @inline(__always)
    mutating func canonical() -> Double {
        let range = Double(Self.max - Self.min) + 1
        let low = Double(next() - Self.min)
        let high = Double(next() - Self.min)
        let value = (low + high * range) / (range * range)
        return value >= 1 ? 1.0.nextDown : value
    }

    /// A uniform double in [a, b) (`uniform_real_distribution<double>(a, b)`).
    @inline(__always)
    mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * canonical()
    }

    /// Fisher–Yates shuffle of `values` (the order differs from libstdc++'s `std::shuffle`).
    mutating func shuffle<T>(_ values: inout [T]) {
        if values.count < 2 { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = uniformInt(upTo: i)
            if i != j { values.swapAt(i, j) }
        }
    }
}
