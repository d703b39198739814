// CN_RESIDENT_ID: the 18-character citizen identity number of mainland China (GB 11643-1999,
// 公民身份号码), also used by the residence permits of Hong Kong, Macao and Taiwan residents
// (address codes 810000, 820000, 830000). Layout: a 6-digit address code (GB/T 2260), the
// birth date YYYYMMDD, a 3-digit sequence number and the ISO 7064 MOD 11-2 check character
// (a digit or X; lower-case x is accepted as people type it). Checked here:
// - the first two digits are a province-level code of GB/T 2260 (11-15, 21-23, 31-37,
//   41-46, 50-54, 61-65) or 71 (Taiwan), 81 (Hong Kong), 82 (Macao), 83 (Taiwan residents'
//   permits); for the mainland codes the next four digits are not all zero (000000-style
//   codes name a province, never a person's county);
// - the birth date is a real day of a year 1900-2099 (leap years counted);
// - the check character matches.
// The 18 characters must not touch an ASCII letter or digit; any non-ASCII byte is a
// boundary, so "身份证号：11010519491231002X" matches.
//
// Speed: the scan jumps between digit runs (DigitRuns.next); only runs of 18 digits, or of
// 17 followed by X or x, are examined.

/// Finds Chinese resident identity numbers with a valid region, birth date and check character.
public struct CNResidentIDDetector: PIIDetector {
    public init() {}

    public var types: [PIIType] { [.cnResidentID] }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let n = text.count
        var i = DigitRuns.next(text, from: 0)
        while i < n {
            let runEnd = DigitRuns.end(text, from: i)
            let length = runEnd - i
            if length == 18 || (length == 17 && runEnd < n && text[runEnd] | 0x20 == UInt8(ascii: "x")) {
                let end = i + 18
                if !DigitRuns.gluedBefore(text, i), !DigitRuns.gluedAfter(text, end), CNResidentIDRules.isValid(text, from: i) {
                    spans.append(PIISpan(.cnResidentID, start: i, end: end))
                }
                i = DigitRuns.next(text, from: end)
            } else {
                i = DigitRuns.next(text, from: runEnd)
            }
        }
    }
}

/// The validity rules of GB 11643-1999 identity numbers.
public enum CNResidentIDRules {
    /// Whether `ascii18` (18 ASCII characters: 17 digits and a digit, X or x) is a valid
    /// identity number: region, birth date and check character.
    public static func isValid<C: Collection>(_ ascii18: C) -> Bool where C.Element == UInt8 {
        let bytes = Array(ascii18)
        guard bytes.count == 18, bytes[0..<17].allSatisfy(PIIBytes.isDigit),
              PIIBytes.isDigit(bytes[17]) || bytes[17] | 0x20 == UInt8(ascii: "x") else { return false }
        return bytes.withUnsafeBufferPointer { isValid($0, from: 0) }
    }

    /// Whether the 17 digits at `text[from...]` and the character after them form a valid
    /// number (the caller has checked the characters' classes).
    @inline(__always) static func isValid(_ text: UnsafeBufferPointer<UInt8>, from s: Int) -> Bool {
        @inline(__always) func digit(_ k: Int) -> Int { Int(text[s + k] &- 0x30) }
        let province = digit(0) * 10 + digit(1)
        guard isProvince(province) else { return false }
        if province < 70, digit(2) | digit(3) | digit(4) | digit(5) == 0 { return false }
        let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
        let month = digit(10) * 10 + digit(11)
        let day = digit(12) * 10 + digit(13)
        guard isDate(year: year, month: month, day: day) else { return false }
        let check = text[s + 17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : text[s + 17]
        return ISO7064.checkCharacter(text, from: s) == check
    }

    /// Whether year (1900-2099), month and day name a real day of the Gregorian calendar.
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1900, year <= 2099, month >= 1, month <= 12, day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31)
        return day <= days
    }

    /// Whether `code` is a province-level code of GB/T 2260 or a permit code (81-83).
    static func isProvince(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82, 83: return true
        default: return false
        }
    }
}
