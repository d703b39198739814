// The directory name of a route: metadata values become directory names under the run's
// output directory (OUT/<name>/<input stem>.jsonl.zst), so a value must never reach outside
// it, hide, or be a name the file system refuses. The spelling is percent-encoding as URLs
// use it (RFC 3986 §2.1), over a small set of bytes kept as they are:
//   - kept: ASCII letters and digits, `-`, `_`, `.`, and every byte of a non-ASCII character
//     (UTF-8 is valid in a Swift String), so `en`, `zh-Hans`, `finance`, `金融` stay readable;
//   - every other byte, `%` included, becomes `%XX` (uppercase hex): `a/b` → `a%2Fb`,
//     `x y` → `x%20y`, a tab → `%09`;
//   - a leading `.` becomes `%2E`, so `.` and `..` (and hidden names) cannot occur;
//   - a name longer than 200 bytes keeps its first bytes (cut at a character boundary) and
//     ends in `~` and the xxh64 (seed 0) of the whole value in 16 hex digits, within Linux's
//     255-byte limit on a name.
// The spelling is injective on values of up to 200 bytes after encoding (percent-encoding is,
// since `%` itself is encoded); longer values are told apart by the hash.
import QuarryText

enum RouteNames {
    /// Longest directory name in bytes before the cut-and-hash form is used.
    static let maxBytes = 200

    /// The directory name for a route value (non-empty: an empty value has no route).
    static func directoryName(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for (i, byte) in value.utf8.enumerated() {
            if isKept(byte), !(i == 0 && byte == 0x2E) {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
        }
        guard out.count > maxBytes else { return String(decoding: out, as: UTF8.self) }
        var cut = maxBytes - 17
        while cut > 0, out[cut] & 0xC0 == 0x80 { cut -= 1 }  // not inside a UTF-8 character
        if cut >= 2, out[cut - 1] == 0x25 { cut -= 1 }  // not inside a %XX escape
        if cut >= 3, out[cut - 2] == 0x25 { cut -= 2 }
        let hash = StableHash.hex(StableHash.xxh64(value, seed: 0))
        return String(decoding: out[..<cut], as: UTF8.self) + "~" + hash
    }

    /// Whether a name is already spelled safely (what bucket names given in options must be).
    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && directoryName(name) == name
    }

    /// Whether a byte is kept as it is (the others are escaped).
    static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: return true
        case 0x80...: return true
        default: return false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }
}
