// How classifier probabilities enter metadata: clamped to 0…1 (fastText reports p + 1e-5,
// which can exceed 1) and rounded to 4 decimals, so outputs stay short and stable.
import QuarryCore

enum ClassifierScore {
    static func rounded(_ probability: Float) -> Double {
        let clamped = min(max(Double(probability), 0), 1)
        return (clamped * 10_000).rounded() / 10_000
    }

    static func json(_ probability: Float) -> JSONValue { .double(rounded(probability)) }
}
