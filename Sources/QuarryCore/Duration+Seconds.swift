// Durations as seconds, for counters and reports.

extension Duration {
    /// The duration in seconds.
    @inlinable public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
