// Tests for IPAddressDetector: IPv4 and IPv6 in English, German, French, Spanish and Chinese
// text with exact UTF-8 byte offsets, the span conventions (no port, prefix length, brackets
// or zone) and the hard negatives (versions, user agents, OIDs and section numbers, dates,
// times, MAC addresses, hashes, C++ scopes).
import Testing
@testable import QuarryPII

@Suite struct IPAddressDetectorTests {
    func detect(_ s: String) -> [(Int, Int, String)] { detections(of: IPAddressDetector(), type: .ipAddress, in: s) }

    func found(_ s: String) -> [String] { detect(s).map(\.2) }

    @Test func exactOffsetsAfterMultiByteText() {
        // "我的服务器" is five 3-byte characters.
        let zh = detect("我的服务器192.168.1.20ping得通")
        #expect(zh.count == 1 && zh[0].0 == 15 && zh[0].1 == 27)
        let de = detect("Über die Adresse 203.0.113.77:8443 erreichbar")
        #expect(de.count == 1 && de[0].0 == 18 && de[0].1 == 30 && de[0].2 == "203.0.113.77")
        let fr = detect("Même problème en IPv6 ([2001:db8::8a2e:370:7334]).")
        #expect(fr.count == 1 && fr[0].0 == 26 && fr[0].1 == 49 && fr[0].2 == "2001:db8::8a2e:370:7334")
    }

    @Test func addressesInFiveLanguages() {
        #expect(found("My server at 84.17.52.9 answers ping but not HTTP.") == ["84.17.52.9"])
        #expect(found("Im Log steht: Verbindung abgelehnt von 91.198.174.192:443.") == ["91.198.174.192"])
        #expect(found("Mon serveur 176.31.84.249 ne répond plus.") == ["176.31.84.249"])
        #expect(found("El log dice: conexión rechazada desde 2a00:1450:4001:81c::200e.") == ["2a00:1450:4001:81c::200e"])
        #expect(found("日志显示来自45.33.32.156的连接被拒绝。") == ["45.33.32.156"])
        #expect(found("IPv6地址fe80::1ff:fe23:4567:890a也一样。") == ["fe80::1ff:fe23:4567:890a"])
    }

    @Test func spanConventions() {
        #expect(found("listen 10.0.0.1:8080;") == ["10.0.0.1"])
        #expect(found("route 192.168.0.0/24 via gw") == ["192.168.0.0"])
        #expect(found("ping6 fe80::1%eth0 and [::1]:80 and 2001:db8::/32") == ["fe80::1", "::1", "2001:db8::"])
        #expect(found("http://198.51.100.4/index.html") == ["198.51.100.4"])
        #expect(found("The host is 93.184.216.34.") == ["93.184.216.34"])
        #expect(found("IP:8.8.4.4, DNS 1.1.1.1") == ["8.8.4.4", "1.1.1.1"])
        #expect(found("mapped ::ffff:192.0.2.128 here") == ["::ffff:192.0.2.128"])
        #expect(found("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 form") == ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"])
    }

    @Test func versionsAreNotAddresses() {
        for text in [
            "Upgrade to version 1.2.3.4 now", "v2.0.0.1 released", "Firefox/115.0.2.1 on Linux",
            "Mozilla/5.0 Chrome/120.0.6099.109 Safari/537.36", "Version: 10.0.19041.1", "ver. 4.12.3.100",
            "build 22.4.1.7", "Nach dem Update auf 3.14.2.41 startet nichts", "升级到10.2.40.155版本后服务无法启动",
            "Desde que actualicé a la versión 7.4.2.33 no arranca", "mise à jour en version 11.3.0.211",
            "see 1.2.3.4 and 8.8.8.8",  // single-digit octets without an IP context word
            "Kubernetes 1.28.3.10 on Debian",  // a small first octet without a context word
        ] {
            #expect(found(text).isEmpty, "\(text): \(found(text))")
        }
        // With a context word the same quads are addresses.
        #expect(found("Google DNS server 8.8.8.8") == ["8.8.8.8"])
        #expect(found("Gateway: 1.2.3.4") == ["1.2.3.4"])
    }

    @Test func otherNumbersAreNotAddresses() {
        for text in [
            "OID 1.3.6.1.4.1.311 and section 2.3.1.4.5", "10.0.0.256 or 300.1.1.1", "am 12.10.2023 um 12:30:45",
            "MAC 00:1a:2b:3c:4d:5e", "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709", "std::vector<int> a::b Foo::Bar",
            "ratio 3:2:1 at 10:30", "zero-padded 010.001.002.003", "prices 1.234.567,89 €",
            "\n12.1.2.3. LVM Over Time", "Section 10.4.2.1, “Proactive defense”", "v8::Isolate deadbeef::cafe",
            "::", "a::b", "12:34:56:78", "1:2:3:4:5:6:7:8:9", "EUI-64 08:00:2b:01:02:03:04:05",
        ] {
            #expect(found(text).isEmpty, "\(text): \(found(text))")
        }
    }

    @Test func swarTriggerMatchesPlainTest() {
        // The eight-at-a-time digit-or-colon mask against the per-byte definition, for every
        // byte value in every lane (neighbours vary so borrows between lanes would show).
        for b in 0..<256 {
            for lane in 0..<8 {
                for filler: UInt8 in [0x00, 0x2F, 0x30, 0x3A, 0x3B, 0x7F, 0x80, 0xFF] {
                    var word = UInt64(filler) &* 0x0101_0101_0101_0101
                    word &= ~(UInt64(0xFF) << UInt64(8 * lane))
                    word |= UInt64(b) << UInt64(8 * lane)
                    let mask = IPAddressDetector.digitOrColon(word)
                    for k in 0..<8 {
                        let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                        let expected = byte >= 0x30 && byte <= 0x3A
                        #expect((mask >> UInt64(8 * k + 7)) & 1 == (expected ? 1 : 0))
                    }
                }
            }
        }
    }

    @Test func alignmentDoesNotChangeFindings() {
        expectAlignmentIndependence(of: IPAddressDetector(), type: .ipAddress, in: "gw 10.0.0.1, ip 2001:db8::7 und 服务器45.33.32.156", count: 3)
    }

    @Test func scanHandlesEdges() {
        #expect(found("") == [])
        #expect(found("1.1.1.1") == [])
        #expect(found("ip 1.1.1.1") == ["1.1.1.1"])
        #expect(found("::1") == ["::1"])
        #expect(found(String(repeating: "1.", count: 200)) == [])
        #expect(found(String(repeating: "ab:", count: 100)) == [])
    }
}
