// Allowlists: * patterns (prefix, suffix, infix), exact values case-insensitively, CIDR networks
// and IP classes for IP_ADDRESS; bad patterns are configuration errors.
import Testing
import QuarryCore
@testable import QuarryPII

@Suite struct PIIAllowlistTests {
    func allows(_ list: PIIAllowlist, _ value: String, _ type: PIIType) -> Bool {
        Array(value.utf8).withUnsafeBufferPointer { list.allows($0, type: type) }
    }

    @Test func globPatterns() throws {
        let list = try PIIAllowlist(patterns: ["support@*", "*@example.com", "*noreply*", "info@shop.de"], type: .email)
        #expect(allows(list, "Support@quarry.dev", .email))
        #expect(allows(list, "jane@EXAMPLE.com", .email))
        #expect(allows(list, "a.noreply.b@x.org", .email))
        #expect(allows(list, "info@shop.de", .email))
        #expect(!allows(list, "info@shop.de.evil.com", .email))
        #expect(!allows(list, "jane@example.co", .email))
        #expect(!allows(list, "supporter@x.org", .email))
    }

    @Test func globEdgeCases() {
        func glob(_ p: String, _ v: String) -> Bool {
            Array(v.utf8).withUnsafeBufferPointer { PIIAllowlist.glob(Array(p.utf8), matches: $0) }
        }
        #expect(glob("*", ""))
        #expect(glob("*", "anything"))
        #expect(glob("a*b*c", "aXXbYYc"))
        #expect(!glob("a*b*c", "aXXbYY"))
        #expect(glob("**x", "x"))
        #expect(!glob("abc", "ab"))
    }

    @Test func networksAndRangesForIPAddresses() throws {
        let list = try PIIAllowlist(patterns: ["192.0.2.0/24", "2001:db8::/32", "8.8.8.8"], type: .ipAddress, keepRanges: [.private])
        #expect(allows(list, "192.0.2.55", .ipAddress))
        #expect(allows(list, "2001:db8::1", .ipAddress))
        #expect(allows(list, "8.8.8.8", .ipAddress))
        #expect(allows(list, "10.1.2.3", .ipAddress))
        #expect(!allows(list, "8.8.4.4", .ipAddress))
        #expect(!allows(list, "203.0.113.9", .ipAddress))
        #expect(throws: ConfigError.self) { try PIIAllowlist(patterns: ["not-an-ip"], type: .ipAddress) }
        #expect(throws: ConfigError.self) { try PIIAllowlist(patterns: [""], type: .email) }
    }
}
