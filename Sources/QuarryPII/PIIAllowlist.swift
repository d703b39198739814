// Values pii_scrub_v1 leaves in place although a detector found them (issue 6): the site's own
// `support@` address, documentation IP ranges, a company's switchboard number. Per entity type,
// a list of patterns: `*` matches any run of characters (`support@*`, `*@example.com`), other
// text matches itself, ASCII letters case-insensitively; for IP_ADDRESS an entry can also be a
// network in CIDR notation (`192.0.2.0/24`, `2001:db8::/32`) or an address. IP ranges by class
// (private, loopback, documentation …) are kept with `keep_ip_ranges`.
import QuarryCore

/// Patterns of one entity type.
public struct PIIAllowlist: Sendable {
    private var globs: [[UInt8]] = []
    private var networks: [IPNetwork] = []
    private var ranges: IPAddressRanges = []

    public init(patterns: [String], type: PIIType, keepRanges: IPAddressRanges = []) throws {
        for pattern in patterns {
            guard !pattern.isEmpty else { throw ConfigError("allowlist \(type): an empty pattern") }
            if type == .ipAddress, !pattern.contains("*") {
                guard let network = IPNetwork(cidr: pattern) else {
                    throw ConfigError("allowlist IP_ADDRESS: '\(pattern)' is neither an address, a CIDR network nor a * pattern")
                }
                networks.append(network)
            } else {
                globs.append(pattern.utf8.map(PIIBytes.lower))
            }
        }
        ranges = keepRanges
    }

    public var isEmpty: Bool { globs.isEmpty && networks.isEmpty && ranges.isEmpty }

    /// Whether the value `text[span]` is allowed to stay.
    public func allows(_ value: UnsafeBufferPointer<UInt8>, type: PIIType) -> Bool {
        if type == .ipAddress, !networks.isEmpty || !ranges.isEmpty, let address = IPAddress.parse(value) {
            if !address.ranges.intersection(ranges).isEmpty { return true }
            if networks.contains(where: { $0.contains(address) }) { return true }
        }
        return globs.contains { Self.glob($0, matches: value) }
    }

    /// `*`-glob match over bytes, ASCII case-insensitive; the pattern is already lowercased.
    static func glob(_ pattern: [UInt8], matches value: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, v = 0
        var starP = -1, starV = 0
        while v < value.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                starP = p; starV = v; p += 1
            } else if p < pattern.count, pattern[p] == PIIBytes.lower(value[v]) {
                p += 1; v += 1
            } else if starP >= 0 {
                p = starP + 1; starV += 1; v = starV
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
