// Tests for IP address values: parsing the RFC 4291 §2.2 text forms and dotted quads, printing
// per RFC 5952 (the examples of its sections 4 and 5), the special-purpose ranges and CIDR
// networks.
import Testing
@testable import QuarryPII

@Suite struct IPAddressTests {
    @Test func rfc4291TextFormsParse() {
        let cases: [(String, String)] = [
            ("FEDC:BA98:7654:3210:FEDC:BA98:7654:3210", "fedc:ba98:7654:3210:fedc:ba98:7654:3210"),
            ("1080:0:0:0:8:800:200C:417A", "1080::8:800:200c:417a"),
            ("1080::8:800:200C:417A", "1080::8:800:200c:417a"),
            ("FF01:0:0:0:0:0:0:101", "ff01::101"),
            ("FF01::101", "ff01::101"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("::1", "::1"),
            ("0:0:0:0:0:0:0:0", "::"),
            ("::", "::"),
            ("0:0:0:0:0:0:13.1.68.3", "::d01:4403"),
            ("::13.1.68.3", "::d01:4403"),
            ("0:0:0:0:0:FFFF:129.144.52.38", "::ffff:129.144.52.38"),
            ("::FFFF:129.144.52.38", "::ffff:129.144.52.38"),
            ("2001:db8::", "2001:db8::"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ]
        for (input, canonical) in cases {
            let a = IPAddress.parse(input)
            #expect(a?.description == canonical, "\(input)")
            #expect(a?.isIPv4 == false)
        }
    }

    @Test func rfc5952CanonicalText() {
        // §4.1 leading zeros, §4.2.1 longest run, §4.2.2 no single-group "::", §4.2.3 first of
        // equal runs, §4.3 lowercase.
        let cases: [(String, String)] = [
            ("2001:0db8::0001", "2001:db8::1"),
            ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:DB8::AAAA", "2001:db8::aaaa"),
            ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ]
        for (input, canonical) in cases {
            #expect(IPAddress.parse(input)?.description == canonical, "\(input)")
        }
    }

    @Test func invalidFormsAreRejected() {
        for bad in ["", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", ":1:2:3:4:5:6:7",
                    "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8::", "fe80::1%eth0", "::ffff:1.2.3", "::ffff:1.2.3.4:5",
                    "1:2:3:4:5:6:7:1.2.3.4", "g::1", "[::1]", "::1/128"] {
            #expect(IPAddress.parse(bad) == nil, "\(bad)")
        }
        for bad in ["1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "01.2.3.4", "1..2.3", "1.2.3.4.", " 1.2.3.4",
                    "1.2.3.-4", "1234.1.1.1", "a.b.c.d"] {
            #expect(IPAddress.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv4ParsesAndPrints() {
        let a = IPAddress.parse("192.168.0.10")
        #expect(a?.isIPv4 == true)
        #expect(a?.bytes == [192, 168, 0, 10])
        #expect(a?.description == "192.168.0.10")
        #expect(IPAddress.parse("0.0.0.0")?.bytes == [0, 0, 0, 0])
        #expect(IPAddress.parse("255.255.255.255") == IPAddress(ipv4: 0xFFFF_FFFF))
        #expect(IPAddress(ipv4: 0x0A00_0001).description == "10.0.0.1")
    }

    @Test func bytesRoundTrip() {
        let a = IPAddress.parse("2001:db8::ff00:42:8329")!
        #expect(a.bytes == [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29])
        #expect(IPAddress(ipv6Bytes: a.bytes) == a)
        #expect(IPAddress(ipv6Bytes: [1, 2, 3]) == nil)
        // The same bits as IPv4 and IPv6 are different addresses.
        #expect(IPAddress.parse("::1.2.3.4") != IPAddress.parse("1.2.3.4"))
    }

    @Test func specialRanges() {
        let cases: [(String, IPAddressRanges)] = [
            ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
            ("fd12:3456::1", .private), ("127.0.0.1", .loopback), ("::1", .loopback),
            ("192.0.2.1", .documentation), ("198.51.100.7", .documentation), ("203.0.113.255", .documentation),
            ("2001:db8::1", .documentation), ("169.254.1.1", .linkLocal), ("fe80::1", .linkLocal),
            ("0.0.0.0", .unspecified), ("::", .unspecified), ("224.0.0.1", .multicast), ("ff02::1", .multicast),
            ("100.64.0.1", .sharedCGNAT), ("100.127.255.255", .sharedCGNAT), ("::ffff:10.0.0.1", .private),
        ]
        for (text, range) in cases {
            #expect(IPAddress.parse(text)?.ranges == range, "\(text)")
        }
        for publicAddress in ["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.0.3.1", "2606:4700::1111",
                              "fec0::1", "11.0.0.1"] {
            #expect(IPAddress.parse(publicAddress)?.ranges == [], "\(publicAddress)")
        }
    }

    @Test func networksContainTheirAddresses() {
        let net = IPNetwork(cidr: "10.0.0.0/8")!
        #expect(net.contains(IPAddress.parse("10.255.1.2")!))
        #expect(!net.contains(IPAddress.parse("11.0.0.1")!))
        #expect(net.contains(IPAddress.parse("::ffff:10.9.9.9")!))
        #expect(!net.contains(IPAddress.parse("::a09:909")!))
        let v6 = IPNetwork(cidr: "2001:db8::/32")!
        #expect(v6.contains(IPAddress.parse("2001:db8:ffff::1")!))
        #expect(!v6.contains(IPAddress.parse("2001:db9::1")!))
        #expect(!v6.contains(IPAddress.parse("10.0.0.1")!))
        // Host bits are cleared; a bare address is a /32 or /128.
        #expect(IPNetwork(cidr: "192.168.1.77/24")?.description == "192.168.1.0/24")
        let host = IPNetwork(cidr: "203.0.113.9")!
        #expect(host.prefixLength == 32 && host.contains(IPAddress.parse("203.0.113.9")!))
        #expect(!host.contains(IPAddress.parse("203.0.113.8")!))
        #expect(IPNetwork(cidr: "::1")?.prefixLength == 128)
        #expect(IPNetwork(cidr: "0.0.0.0/0")!.contains(IPAddress.parse("8.8.8.8")!))
        #expect(IPNetwork(cidr: "::/0")!.contains(IPAddress.parse("2606:4700::1111")!))
        #expect(IPNetwork(cidr: "172.16.0.0/12")!.contains(IPAddress.parse("172.31.0.1")!))
        #expect(!IPNetwork(cidr: "172.16.0.0/12")!.contains(IPAddress.parse("172.32.0.1")!))
        for bad in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0/8", "x/8", "10.0.0.0/-1", "10.0.0.0/ 8"] {
            #expect(IPNetwork(cidr: bad) == nil, "\(bad)")
        }
    }
}
