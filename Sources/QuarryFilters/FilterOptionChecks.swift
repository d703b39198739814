// Validation shared by the quality filters' options: bounds that must be ordered, and ratios
// that must lie in 0…1. Errors are ConfigErrors naming the options, raised before any output.
import QuarryCore

/// Throws when both bounds are set and `low` exceeds `high`, or either is negative.
func checkBounds(_ lowName: String, _ low: Double?, _ highName: String, _ high: Double?) throws {
    if let low, low < 0 { throw ConfigError("\(lowName) must be 0 or more, found \(low)") }
    if let high, high < 0 { throw ConfigError("\(highName) must be 0 or more, found \(high)") }
    if let low, let high, low > high {
        throw ConfigError("\(lowName) (\(low)) is greater than \(highName) (\(high))")
    }
}

/// Throws when a ratio is set outside 0…1.
func checkRatio(_ name: String, _ value: Double?) throws {
    if let value, !(0...1).contains(value) { throw ConfigError("\(name) must lie between 0 and 1, found \(value)") }
}
