// IP addresses as values: parsing the text forms, canonical printing, the special-purpose ranges
// the PII stage may keep (private, loopback, documentation …) and CIDR networks for allowlists.
//
// IPv4 is the dotted quad of four decimal octets, each 0-255 without a leading zero ("010" is
// rejected: inet_aton would read it as octal, so the text is ambiguous). IPv6 follows RFC 4291
// §2.2: eight groups of one to four hex digits, at most one "::" for a run of zero groups, and
// an optional trailing dotted quad for the last 32 bits; a zone id ("%eth0") is not part of an
// address. Printing follows RFC 5952 §4: lowercase, no leading zeros, the longest run of two or
// more zero groups (the first of equal runs) as "::", and IPv4-mapped addresses (::ffff:0:0/96)
// in mixed notation (§5). Ranges are those of the IANA special-purpose registries (RFC 6890,
// RFC 1918, RFC 5737, RFC 3849, RFC 6598, RFC 4193, RFC 4291).

/// An IPv4 or IPv6 address.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address bits: IPv4 in the low 32 bits, IPv6 in all 128.
    public let value: UInt128
    public let isIPv4: Bool

    public init(ipv4: UInt32) {
        value = UInt128(ipv4)
        isIPv4 = true
    }

    public init(ipv6: UInt128) {
        value = ipv6
        isIPv4 = false
    }

    /// An IPv6 address from its 16 bytes in network order; nil for any other count.
    public init?(ipv6Bytes: [UInt8]) {
        guard ipv6Bytes.count == 16 else { return nil }
        var v: UInt128 = 0
        for b in ipv6Bytes { v = v << 8 | UInt128(b) }
        self.init(ipv6: v)
    }

    /// The address in network order: 4 bytes for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        let n = isIPv4 ? 4 : 16
        return (0..<n).map { UInt8(truncatingIfNeeded: value >> UInt128(8 * (n - 1 - $0))) }
    }

    /// The IPv4 address embedded in an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if any.
    public var mappedIPv4: IPAddress? {
        guard !isIPv4, value >> 32 == 0xFFFF else { return nil }
        return IPAddress(ipv4: UInt32(truncatingIfNeeded: value))
    }

    // MARK: Parsing

    /// Parses a whole string as one address; nil unless all of it is one.
    public static func parse(_ s: String) -> IPAddress? {
        var s = s
        return s.withUTF8 { parse($0) }
    }

    /// Parses a whole buffer as one address (IPv4 dotted quad or any RFC 4291 IPv6 text form).
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var hasColon = false
        for b in text where b == UInt8(ascii: ":") { hasColon = true; break }
        if hasColon {
            guard let v = parseIPv6(text, 0, text.count) else { return nil }
            return IPAddress(ipv6: v)
        }
        guard let v = parseIPv4(text, 0, text.count) else { return nil }
        return IPAddress(ipv4: v)
    }

    /// `text[from..<to]` as a dotted quad, or nil.
    static func parseIPv4(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var i = from
        while true {
            var octet: UInt32 = 0
            var digits = 0
            let octetStart = i
            while i < to, PIIBytes.isDigit(text[i]) {
                octet = octet * 10 + UInt32(text[i] &- 0x30)
                digits += 1
                i += 1
                if digits > 3 { return nil }
            }
            if digits == 0 || octet > 255 { return nil }
            if digits > 1, text[octetStart] == UInt8(ascii: "0") { return nil }
            value = value << 8 | octet
            octets += 1
            if octets == 4 { return i == to ? value : nil }
            guard i < to, text[i] == UInt8(ascii: ".") else { return nil }
            i += 1
        }
    }

    /// `text[from..<to]` as an RFC 4291 IPv6 text form, or nil.
    static func parseIPv6(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt128? {
        let colon = UInt8(ascii: ":")
        var head: UInt128 = 0, tail: UInt128 = 0
        var headGroups = 0, tailGroups = 0
        var sawDoubleColon = false
        var i = from
        if to - from >= 2, text[from] == colon, text[from + 1] == colon {
            sawDoubleColon = true
            i += 2
            if i == to { return 0 }
        }
        while i < to {
            // One group, or a trailing dotted quad.
            let groupStart = i
            var group: UInt128 = 0
            var digits = 0
            while i < to, PIIBytes.isHex(text[i]), digits < 5 {
                group = group << 4 | UInt128(hexValue(text[i]))
                digits += 1
                i += 1
            }
            if i < to, text[i] == UInt8(ascii: ".") {
                guard let v4 = parseIPv4(text, groupStart, to) else { return nil }
                if sawDoubleColon { tail = tail << 32 | UInt128(v4); tailGroups += 2 }
                else { head = head << 32 | UInt128(v4); headGroups += 2 }
                i = to
                break
            }
            if digits == 0 || digits > 4 { return nil }
            if sawDoubleColon { tail = tail << 16 | group; tailGroups += 1 }
            else { head = head << 16 | group; headGroups += 1 }
            if headGroups + tailGroups > 8 { return nil }
            if i == to { break }
            guard text[i] == colon else { return nil }
            i += 1
            if i < to, text[i] == colon {
                if sawDoubleColon { return nil }
                sawDoubleColon = true
                i += 1
                if i == to { break }
            } else if i == to {
                return nil  // a single trailing colon
            }
        }
        let groups = headGroups + tailGroups
        if sawDoubleColon {
            // "::" stands for at least one zero group.
            guard groups <= 7 else { return nil }
            return head << UInt128(16 * (8 - headGroups)) | tail
        }
        guard groups == 8 else { return nil }
        return head
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8 {
        PIIBytes.isDigit(b) ? b &- 0x30 : (b | 0x20) &- 0x61 &+ 10
    }

    // MARK: Printing

    public var description: String {
        if isIPv4 { return Self.dottedQuad(UInt32(truncatingIfNeeded: value)) }
        if let v4 = mappedIPv4 { return "::ffff:" + v4.description }
        var groups = [UInt16](repeating: 0, count: 8)
        for k in 0..<8 { groups[k] = UInt16(truncatingIfNeeded: value >> UInt128(16 * (7 - k))) }
        // The longest run of at least two zero groups; the first one on a tie (RFC 5952 §4.2.3).
        var bestStart = -1, bestLength = 1
        var k = 0
        while k < 8 {
            if groups[k] == 0 {
                var e = k
                while e < 8, groups[e] == 0 { e += 1 }
                if e - k > bestLength { bestStart = k; bestLength = e - k }
                k = e
            } else {
                k += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    static func dottedQuad(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    }

    // MARK: Ranges

    /// The special-purpose ranges this address lies in (IPv4-mapped IPv6 addresses are judged
    /// by their IPv4 address).
    public var ranges: IPAddressRanges {
        if let v4 = mappedIPv4 { return v4.ranges }
        var r: IPAddressRanges = []
        for (network, range) in (isIPv4 ? IPAddressRanges.ipv4Table : IPAddressRanges.ipv6Table)
        where network.contains(self) {
            r.insert(range)
        }
        return r
    }
}

/// Special-purpose address ranges, for the PII stage's keep options.
public struct IPAddressRanges: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 10/8, 172.16/12, 192.168/16 (RFC 1918) and fc00::/7 (unique local, RFC 4193).
    public static let `private` = IPAddressRanges(rawValue: 1 << 0)
    /// 127/8 and ::1.
    public static let loopback = IPAddressRanges(rawValue: 1 << 1)
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737) and 2001:db8::/32 (RFC 3849).
    public static let documentation = IPAddressRanges(rawValue: 1 << 2)
    /// 169.254/16 and fe80::/10.
    public static let linkLocal = IPAddressRanges(rawValue: 1 << 3)
    /// 0.0.0.0 and ::.
    public static let unspecified = IPAddressRanges(rawValue: 1 << 4)
    /// 224/4 and ff00::/8.
    public static let multicast = IPAddressRanges(rawValue: 1 << 5)
    /// 100.64/10, carrier-grade NAT shared space (RFC 6598).
    public static let sharedCGNAT = IPAddressRanges(rawValue: 1 << 6)

    static let ipv4Table: [(IPNetwork, IPAddressRanges)] = table([
        ("10.0.0.0/8", .private), ("172.16.0.0/12", .private), ("192.168.0.0/16", .private),
        ("127.0.0.0/8", .loopback),
        ("192.0.2.0/24", .documentation), ("198.51.100.0/24", .documentation), ("203.0.113.0/24", .documentation),
        ("169.254.0.0/16", .linkLocal), ("0.0.0.0/32", .unspecified), ("224.0.0.0/4", .multicast),
        ("100.64.0.0/10", .sharedCGNAT),
    ])

    static let ipv6Table: [(IPNetwork, IPAddressRanges)] = table([
        ("fc00::/7", .private), ("::1/128", .loopback), ("2001:db8::/32", .documentation),
        ("fe80::/10", .linkLocal), ("::/128", .unspecified), ("ff00::/8", .multicast),
    ])

    private static func table(_ rows: [(String, IPAddressRanges)]) -> [(IPNetwork, IPAddressRanges)] {
        rows.map { (IPNetwork(cidr: $0.0)!, $0.1) }
    }
}

/// A CIDR network ("10.0.0.0/8", "2001:db8::/32"); a bare address is a /32 or /128.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public let address: IPAddress
    public let prefixLength: Int

    /// Parses "address/prefix" or a bare address; host bits set in the address are cleared
    /// ("10.1.2.3/8" is 10.0.0.0/8). Nil for a bad address or a prefix beyond 32 or 128.
    public init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let a = IPAddress.parse(String(parts[0])) else { return nil }
        let bits = a.isIPv4 ? 32 : 128
        var prefix = bits
        if parts.count == 2 {
            let p = parts[1]
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = Int(p), n <= bits else { return nil }
            prefix = n
        }
        let mask = Self.mask(prefix, bits: bits)
        address = a.isIPv4 ? IPAddress(ipv4: UInt32(a.value & mask)) : IPAddress(ipv6: a.value & mask)
        prefixLength = prefix
    }

    static func mask(_ prefix: Int, bits: Int) -> UInt128 {
        if prefix == 0 { return 0 }
        let all: UInt128 = bits == 32 ? 0xFFFF_FFFF : ~0
        return all & ~((UInt128(1) << UInt128(bits - prefix)) &- 1)
    }

    /// Whether `address` is in this network. An IPv4 network also contains the IPv4-mapped
    /// IPv6 form of its addresses.
    public func contains(_ other: IPAddress) -> Bool {
        var other = other
        if address.isIPv4, let v4 = other.mappedIPv4 { other = v4 }
        guard other.isIPv4 == address.isIPv4 else { return false }
        return other.value & Self.mask(prefixLength, bits: address.isIPv4 ? 32 : 128) == address.value
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
