// Consistent pseudonyms (issue 6): a fake value of the same kind for each detected value,
// drawn from a generator seeded by HMAC-SHA-256(key, type ‖ 0 ‖ value). The same value always
// gets the same fake under the same key (across documents, workers and runs); without the key
// nobody can map a fake back or confirm a guess. Fakes keep the form of the original (separators,
// length, character classes) and stay valid where the kind has a check: Luhn for cards, mod-97
// for IBANs, ISO 7064 for Chinese resident IDs, the SSA's ranges for SSNs.

import QuarryCore

/// Makes fake values under one secret key.
public struct PIIPseudonymizer: Sendable {
    private let hmac: HMACSHA256

    public init(key: [UInt8]) { hmac = HMACSHA256(key: key) }

    /// The fake for `value`, a detected value of `type`, as UTF-8 bytes.
    public func fake(for value: UnsafeBufferPointer<UInt8>, type: PIIType) -> [UInt8] {
        var message = Array(type.rawValue.utf8)
        message.append(0)
        message.append(contentsOf: value)
        var random = KeyedRandom(seed: hmac.authenticate(message))
        let original = Array(value)
        switch type {
        case .email: return Self.email(&random)
        case .phone: return Self.phone(original, &random)
        case .ipAddress: return Self.ipAddress(value, &random)
        case .creditCard: return Self.creditCard(original, &random)
        case .iban: return Self.iban(original, &random)
        case .usSSN: return Self.ssn(original, &random)
        case .cnResidentID: return Self.cnResidentID(original, &random)
        case .person: return Self.person(original, &random)
        case .streetAddress: return Self.streetAddress(original, &random)
        case .urlWithCredentials: return Self.credentials(&random)
        case .secret: return Self.secret(original, &random)
        }
    }

    static func email(_ random: inout KeyedRandom) -> [UInt8] {
        let given = random.pick(PIIFakeNames.given).lowercased(), family = random.pick(PIIFakeNames.family).lowercased()
        let domain = random.pick(["example.com", "example.org", "example.net"])
        return Array("\(given).\(family)\(random.below(90) + 10)@\(domain)".utf8)
    }

    /// Digits replaced, separators and the leading country code or trunk digit kept.
    static func phone(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        var keep = 1
        if value.first == UInt8(ascii: "+") {
            let digitsBeforeSeparator = value.dropFirst().prefix(while: PIIBytes.isDigit).count
            keep = digitsBeforeSeparator <= 3 && digitsBeforeSeparator < value.filter(PIIBytes.isDigit).count ? digitsBeforeSeparator : 2
        }
        return replacingDigits(value, keeping: keep, &random)
    }

    static func ipAddress(_ value: UnsafeBufferPointer<UInt8>, _ random: inout KeyedRandom) -> [UInt8] {
        let parsed = IPAddress.parse(value)
        let ranges = parsed?.ranges ?? []
        if parsed?.isIPv4 ?? !value.contains(UInt8(ascii: ":")) {
            let publicFirst: [UInt32] = [23, 31, 45, 52, 62, 77, 81, 91, 104, 141, 151, 176, 185, 188, 193, 212, 217]
            let first: UInt32 = ranges.contains(.loopback) ? 127 : ranges.contains(.private) ? 10 : random.pick(publicFirst)
            let rest = UInt32(truncatingIfNeeded: random.next()) & 0x00FF_FFFF
            let address = first << 24 | rest | (rest & 0xFF == 0 ? 1 : 0)
            return Array(IPAddress(ipv4: address).description.utf8)
        }
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        if ranges.contains(.loopback) { return Array("::1".utf8) }
        if ranges.contains(.private) { bytes[0] = 0xFD } else { bytes[0] = 0x2A; bytes[1] = 0x02 }
        return Array((IPAddress(ipv6Bytes: bytes)?.description ?? "2a02::1").utf8)
    }

    /// The issuer prefix (4 digits) kept, the rest random, a valid Luhn check digit.
    static func creditCard(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        var out = replacingDigits(value, keeping: 4, &random)
        let positions = out.indices.filter { PIIBytes.isDigit(out[$0]) }
        guard let last = positions.last else { return out }
        let payload = positions.dropLast().map { out[$0] - 0x30 }
        out[last] = Luhn.checkDigit(forPayload: payload) + 0x30
        return out
    }

    /// The country kept, the BBAN's letters and digits random, check digits recomputed.
    static func iban(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        var out = value
        let positions = out.indices.filter { PIIBytes.isAlnum(out[$0]) }
        guard positions.count > 4 else { return replacingDigits(value, keeping: 0, &random) }
        for p in positions.dropFirst(4) { out[p] = random.sameClass(as: out[p]) }
        let country = positions.prefix(2).map { out[$0] }
        let bban = positions.dropFirst(4).map { out[$0] }
        let check = IBANChecksum.checkDigits(country: country, bban: bban)
        out[positions[2]] = check[0]
        out[positions[3]] = check[1]
        return out
    }

    /// A valid area (not 000, 666 or 900–999), group and serial in the original's form.
    static func ssn(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        while true {
            var area = random.below(898) + 1
            if area >= 666 { area += 1 }
            let (group, serial) = (random.below(99) + 1, random.below(9999) + 1)
            // Skips the few advertising numbers the rules reject.
            guard USSSNRules.isValid(area: area, group: group, serial: serial) else { continue }
            return fillDigits(value, with: Array((pad(area, 3) + pad(group, 2) + pad(serial, 4)).utf8))
        }
    }

    /// The province kept; a random prefecture, birth date and sequence; a valid check character.
    static func cnResidentID(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        guard value.count == 18 else { return replacingDigits(value, keeping: 2, &random) }
        var body = Array(value.prefix(2))
        body += Array(pad(random.below(9000) + 1000, 4).utf8)
        body += Array("\(1950 + random.below(56))\(pad(random.below(12) + 1, 2))\(pad(random.below(28) + 1, 2))".utf8)
        body += Array(pad(random.below(1000), 3).utf8)
        body.append(ISO7064.mod11_2CheckCharacter(body.map { $0 - 0x30 }))
        return body
    }

    static func person(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        if value.contains(where: { $0 >= 0xE0 }) {
            let characters = String(decoding: value, as: UTF8.self).unicodeScalars.count
            var name = random.pick(PIIFakeNames.chineseFamily)
            for _ in 0..<min(2, max(1, characters - 1)) { name += random.pick(PIIFakeNames.chineseGiven) }
            return Array(name.utf8)
        }
        let words = value.split(whereSeparator: PIIBytes.isSpace).count
        let family = random.pick(PIIFakeNames.family)
        return Array((words <= 1 ? family : random.pick(PIIFakeNames.given) + " " + family).utf8)
    }

    /// Numbers replaced by numbers of the same length, name words by fake street names;
    /// street-type words, particles and punctuation kept.
    static func streetAddress(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        if value.contains(where: { $0 >= 0xE0 }) {
            return Array("\(random.pick(PIIFakeNames.chineseStreet))路\(random.below(300) + 1)号".utf8)
        }
        var out: [UInt8] = []
        var i = 0
        while i < value.count {
            var j = i
            while j < value.count, !PIIBytes.isSpace(value[j]), value[j] != UInt8(ascii: ",") { j += 1 }
            if j == i {
                out.append(value[i]); i += 1; continue
            }
            let word = Array(value[i..<j])
            let bare = String(decoding: word.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self).lowercased()
            if word.contains(where: PIIBytes.isDigit) {
                out += replacingDigits(word, keeping: 0, &random)
            } else if PIIFakeNames.streetTypes.contains(bare) || !PIIBytes.isUpper(word[0]) {
                out += word
            } else {
                let suffix = PIIFakeNames.streetTypes.first { bare.count > $0.count + 2 && $0.count >= 3 && bare.hasSuffix($0) }
                out += Array((random.pick(PIIFakeNames.street) + (suffix ?? "")).utf8)
            }
            i = j
        }
        return out
    }

    static func credentials(_ random: inout KeyedRandom) -> [UInt8] {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".utf8)
        let user = random.pick(PIIFakeNames.given).lowercased() + pad(random.below(10000), 4)
        return Array(user.utf8) + [UInt8(ascii: ":")] + (0..<12).map { _ in random.pick(alphabet) }
    }

    /// Known token prefixes and key-block armour kept; other letters and digits random of the
    /// same class, so length and shape stay.
    static func secret(_ value: [UInt8], _ random: inout KeyedRandom) -> [UInt8] {
        let prefixes = ["github_pat_", "sk-proj-", "sk_live_", "sk_test_", "rk_live_", "xoxb-", "xoxp-", "xoxa-", "xoxr-",
                        "xoxs-", "xapp-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "AKIA", "ASIA", "AIza", "sk-", "eyJ"]
        var out = value
        var start = 0
        if let prefix = prefixes.first(where: { value.starts(with: Array($0.utf8)) }) { start = prefix.utf8.count }
        var i = start
        while i < out.count {
            if out[i] == UInt8(ascii: "-"), out[i...].starts(with: Array("-----".utf8)) {
                // An armour line (-----BEGIN … KEY----- / -----END … KEY-----) stays as it is.
                var j = i + 5
                while j < out.count, out[j] != UInt8(ascii: "-") { j += 1 }
                while j < out.count, out[j] == UInt8(ascii: "-") { j += 1 }
                i = j
                continue
            }
            out[i] = random.sameClass(as: out[i])
            i += 1
        }
        return out
    }

    // MARK: helpers

    static func replacingDigits(_ value: [UInt8], keeping kept: Int, _ random: inout KeyedRandom) -> [UInt8] {
        var out = value
        var seen = 0
        for i in out.indices where PIIBytes.isDigit(out[i]) {
            if seen >= kept { out[i] = UInt8(0x30 + random.below(10)) }
            seen += 1
        }
        return out
    }

    /// `value` with its digits, in order, replaced by `digits` (separators kept).
    static func fillDigits(_ value: [UInt8], with digits: [UInt8]) -> [UInt8] {
        var out = value
        var next = 0
        for i in out.indices where PIIBytes.isDigit(out[i]) && next < digits.count {
            out[i] = digits[next]
            next += 1
        }
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// A deterministic generator seeded by a keyed hash: SplitMix64 over the hash's first 8 bytes
/// mixed with the rest.
struct KeyedRandom {
    private var state: UInt64

    init(seed: [UInt8]) {
        var s: UInt64 = 0
        for (i, byte) in seed.enumerated() { s ^= UInt64(byte) << UInt64((i % 8) * 8) }
        state = s
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0; the modulo bias is below 2^-50 for the small n used here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A random ASCII byte of the class of `byte` (digit, upper, lower); other bytes unchanged.
    mutating func sameClass(as byte: UInt8) -> UInt8 {
        if PIIBytes.isDigit(byte) { return UInt8(0x30 + below(10)) }
        if PIIBytes.isUpper(byte) { return UInt8(0x41 + below(26)) }
        if PIIBytes.isLower(byte) { return UInt8(0x61 + below(26)) }
        return byte
    }
}
