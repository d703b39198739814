// Check-digit algorithms of the checksum-validated identifiers, and the digit-run skipping
// their detectors share:
// - Luhn (ISO/IEC 7812-1 annex B), the payment card check digit;
// - IBAN mod-97 (ISO 7064 MOD 97-10 as ISO 13616-1 applies it: the BBAN, then the country
//   code and check digits, letters as 10...35, must leave 1 modulo 97);
// - ISO 7064 MOD 11-2, the check character of China's resident identity number (GB 11643-1999:
//   weights 2^(17-i) mod 11 on the 17 digits, check = (12 - sum mod 11) mod 11, 10 written X).
// The generic entry points take any collection (the replacement step builds fake values with
// them); the detectors call the pointer versions below, which read the document in place.

/// The Luhn check digit of payment card numbers (ISO/IEC 7812-1).
public enum Luhn {
    /// Whether `digits` (values 0...9; ASCII '0'...'9' are read as their values too), check
    /// digit last, pass the Luhn check. Empty input and other values are invalid.
    public static func isValid<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        guard !digits.isEmpty else { return false }
        var sum = 0
        var double = false
        for raw in digits.reversed() {
            guard let d = digitValue(raw) else { return false }
            sum += double ? doubled[Int(d)] : Int(d)
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// The check digit (0...9) that makes `payload + [check]` Luhn-valid. Values outside
    /// 0...9 (and not ASCII digits) count as 0.
    public static func checkDigit<C: Collection>(forPayload digits: C) -> UInt8 where C.Element == UInt8 {
        var sum = 0
        var double = true  // the payload's last digit sits next to the check digit: doubled
        for raw in digits.reversed() {
            let d = Int(digitValue(raw) ?? 0)
            sum += double ? doubled[d] : d
            double.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// Luhn over the ASCII digits of `text[from..<to]`, skipping every other byte (separators).
    @inline(__always) static func isValid(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var sum = 0
        var double = false
        var i = to
        while i > from {
            i -= 1
            let d = text[i] &- 0x30
            guard d < 10 else { continue }
            if double {
                let t = Int(d) &* 2
                sum &+= t > 9 ? t &- 9 : t
            } else {
                sum &+= Int(d)
            }
            double.toggle()
        }
        return sum % 10 == 0
    }

    static let doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]

    @inline(__always) static func digitValue(_ b: UInt8) -> UInt8? {
        if b < 10 { return b }
        let d = b &- 0x30
        return d < 10 ? d : nil
    }
}

/// The IBAN check digits (ISO 13616-1, ISO 7064 MOD 97-10).
public enum IBANChecksum {
    /// Whether `compact` (ASCII, no spaces: country code, two check digits, BBAN) leaves 1
    /// modulo 97. Letters of either case count as 10...35; the case rule and the country's
    /// length are the detector's business (`IBANCountries`). Anything else is invalid.
    public static func isValid(_ compact: [UInt8]) -> Bool {
        guard compact.count >= 5,
              PIIBytes.isLetter(compact[0]), PIIBytes.isLetter(compact[1]),
              PIIBytes.isDigit(compact[2]), PIIBytes.isDigit(compact[3]) else { return false }
        guard let bban = remainder(0, compact[4...]),
              let all = remainder(bban, compact[0..<4]) else { return false }
        return all == 1
    }

    /// The two check digits (ASCII) of the IBAN made of `country` (two letters) and `bban`:
    /// 98 minus the remainder of BBAN + country + "00". Invalid characters count as 0.
    public static func checkDigits(country: [UInt8], bban: [UInt8]) -> [UInt8] {
        let tail: [UInt8] = country + [0x30, 0x30]
        let r = remainder(remainder(0, bban, lenient: true) ?? 0, tail, lenient: true) ?? 0
        let check = 98 - r
        return [UInt8(0x30 + check / 10), UInt8(0x30 + check % 10)]
    }

    /// Folds `chars` into a running remainder modulo 97; nil at a byte that is neither an
    /// ASCII digit nor a letter (unless `lenient`, which skips it).
    static func remainder<C: Collection>(_ start: Int, _ chars: C, lenient: Bool = false) -> Int? where C.Element == UInt8 {
        var r = start
        for b in chars {
            guard let next = step(r, b) else {
                if lenient { continue }
                return nil
            }
            r = next
        }
        return r
    }

    /// One character into the remainder: a digit as one decimal digit, a letter (A = 10 ...
    /// Z = 35, either case) as two; nil for any other byte.
    @inline(__always) static func step(_ r: Int, _ b: UInt8) -> Int? {
        let d = b &- 0x30
        if d < 10 { return (r &* 10 &+ Int(d)) % 97 }
        let l = (b | 0x20) &- 0x61
        if l < 26 { return (r &* 100 &+ Int(l) &+ 10) % 97 }
        return nil
    }
}

/// ISO 7064 MOD 11-2, as GB 11643-1999 uses it for China's resident identity number.
public enum ISO7064 {
    /// The check character (ASCII '0'...'9' or 'X') of 17 digits (values 0...9; ASCII
    /// '0'...'9' are read as their values too). Other lengths use the same weights from the
    /// right; other bytes count as 0.
    public static func mod11_2CheckCharacter<C: Collection>(_ digits17: C) -> UInt8 where C.Element == UInt8 {
        // Weight of the digit k places left of the check character: 2^k mod 11.
        var sum = 0
        var weight = 2
        for raw in digits17.reversed() {
            sum += Int(Luhn.digitValue(raw) ?? 0) * weight
            weight = weight * 2 % 11
        }
        return character(sum)
    }

    /// The check character of the 17 ASCII digits at `text[from..<from + 17]` (assumed digits).
    @inline(__always) static func checkCharacter(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> UInt8 {
        var sum = 0
        for k in 0..<17 { sum &+= Int(text[from + k] &- 0x30) &* weights[k] }
        return character(sum)
    }

    /// GB 11643-1999 weights of the 17 digits, left to right (2^(17-i) mod 11).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    @inline(__always) static func character(_ sum: Int) -> UInt8 {
        let check = (12 - sum % 11) % 11
        return check == 10 ? UInt8(ascii: "X") : UInt8(0x30 + check)
    }
}

/// Skipping between digit runs, and the word-boundary rule of the identifier detectors.
enum DigitRuns {
    /// The first ASCII digit in `text[from..<text.count]`, or `text.count`. Looks at 8 bytes
    /// at a time: a byte is a digit when `byte ^ 0x30 < 10`, found with the SWAR "has a byte
    /// less than n" test, whose lowest flagged byte is exact (a borrow only runs upwards).
    @inline(__always) static func next(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = text.count
        var i = from
        guard let base = text.baseAddress else { return n }
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self).littleEndian
            let x = w ^ 0x3030_3030_3030_3030
            let t = (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x & 0x8080_8080_8080_8080
            if t != 0 { return i &+ t.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < n, !PIIBytes.isDigit(text[i]) { i &+= 1 }
        return i
    }

    /// The plain twin of `next`, for tests.
    static func nextPlain(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < text.count, !PIIBytes.isDigit(text[i]) { i += 1 }
        return i
    }

    /// The end of the digit run starting at `from`.
    @inline(__always) static func end(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < text.count, PIIBytes.isDigit(text[i]) { i &+= 1 }
        return i
    }

    /// Whether a candidate starting at `start` continues something on its left: an ASCII
    /// letter or digit touches it, or a decimal point does with a digit before it
    /// ("3.4111…"). Non-ASCII bytes are boundaries; a comma is one (lists "a,b").
    @inline(__always) static func gluedBefore(_ text: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        guard start > 0 else { return false }
        let b = text[start - 1]
        if PIIBytes.isAlnum(b) { return true }
        return b == UInt8(ascii: ".") && start >= 2 && PIIBytes.isDigit(text[start - 2])
    }

    /// Whether a candidate ending at `end` continues on its right: an ASCII letter or digit,
    /// or a decimal point followed by a digit ("…1111.50").
    @inline(__always) static func gluedAfter(_ text: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        guard end < text.count else { return false }
        let b = text[end]
        if PIIBytes.isAlnum(b) { return true }
        return b == UInt8(ascii: ".") && end + 1 < text.count && PIIBytes.isDigit(text[end + 1])
    }
}
