// US_SSN: US Social Security numbers, "AAA-GG-SSSS" with hyphens or single spaces used
// consistently, or nine digits run together when a cue such as "SSN" or "social security"
// stands within a few words before or after. Validity follows the SSA's rules for numbers
// it issues (SSA POMS RM 10201.035; Presidio's UsSsnRecognizer applies the same): area not
// 000, 666 or 900-999, group not 00, serial not 0000; and three numbers known from
// advertising (078-05-1120 from the 1938 Woolworth wallet insert, 219-09-9999 from a Social
// Security Board pamphlet, 457-55-5462 from LifeLock's ads; python-stdnum 2.2's
// stdnum/us/ssn.py lists the same three) are rejected.
// A candidate must not continue a longer number: no ASCII letter or digit on either side,
// no digit across a "-", "/" or the separator in use ("555-123-45-6789", "123-45-67890"),
// no digit and space before it ("+81 158-23-2012"). Phone numbers ("555-123-4567"), dates and ZIP+4 codes never have
// the 3-2-4 shape.
//
// Speed: the scan jumps between digit runs (DigitRuns.next); only runs of 3 digits followed
// by a separator, or of exactly 9 digits, are examined.

/// Finds US Social Security numbers with valid area, group and serial.
public struct USSSNDetector: PIIDetector {
    let cues: CueWords

    public init() { cues = CueWords(Self.cueWords) }

    public var types: [PIIType] { [.usSSN] }

    /// Words that make nine digits run together an SSN, in the supported languages.
    static let cueWords = [
        "ssn", "ssns", "ssn#", "ss#", "ss #", "social security", "soc. sec.", "soc sec",
        "sozialversicherungsnummer", "sécurité sociale", "securite sociale", "seguro social",
        "seguridad social", "社会安全号", "社会保障号", "社安号",
    ]

    /// How far before a bare nine-digit number a cue may end, and how far after it one may
    /// start, in bytes ("Social Security Number (SSN): " is 31 bytes).
    static let cueWindowBefore = 48
    static let cueWindowAfter = 24

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let n = text.count
        var i = DigitRuns.next(text, from: 0)
        while i < n {
            let runEnd = DigitRuns.end(text, from: i)
            var next = runEnd
            if runEnd - i == 3 {
                if let end = delimited(text, at: i) {
                    spans.append(PIISpan(.usSSN, start: i, end: end))
                    next = end
                }
            } else if runEnd - i == 9, bare(text, at: i) {
                spans.append(PIISpan(.usSSN, start: i, end: runEnd))
            }
            i = DigitRuns.next(text, from: next)
        }
    }

    /// The end of an "AAA-GG-SSSS" or "AAA GG SSSS" number whose 3-digit area starts at `s`.
    @inline(__always) func delimited(_ text: UnsafeBufferPointer<UInt8>, at s: Int) -> Int? {
        let n = text.count
        guard s + 11 <= n else { return nil }
        let sep = text[s + 3]
        guard sep == 0x2D || sep == 0x20, text[s + 6] == sep,
              PIIBytes.isDigit(text[s + 4]), PIIBytes.isDigit(text[s + 5]),
              PIIBytes.isDigit(text[s + 7]), PIIBytes.isDigit(text[s + 8]),
              PIIBytes.isDigit(text[s + 9]), PIIBytes.isDigit(text[s + 10]) else { return nil }
        let end = s + 11
        guard !continuesNumber(text, start: s, end: end, sep: sep) else { return nil }
        let area = number(text, s, 3), group = number(text, s + 4, 2), serial = number(text, s + 7, 4)
        return USSSNRules.isValid(area: area, group: group, serial: serial) ? end : nil
    }

    /// Whether the nine digits at `s` are a valid SSN with a cue nearby.
    @inline(__always) func bare(_ text: UnsafeBufferPointer<UInt8>, at s: Int) -> Bool {
        guard !continuesNumber(text, start: s, end: s + 9, sep: 0x2D),
              USSSNRules.isValid(area: number(text, s, 3), group: number(text, s + 3, 2), serial: number(text, s + 5, 4))
        else { return false }
        return cues.occurs(in: text, before: s, window: Self.cueWindowBefore)
            || cues.occurs(in: text, after: s + 9, window: Self.cueWindowAfter)
    }

    /// Whether `text[start..<end]` is glued to more of a number: a letter or digit, a decimal
    /// point before a digit, "-", "/" or `sep` with a digit beyond it, or a digit and a space
    /// before it (a country code or area code: "+81 158-23-2012").
    @inline(__always) func continuesNumber(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, sep: UInt8) -> Bool {
        if DigitRuns.gluedBefore(text, start) || DigitRuns.gluedAfter(text, end) { return true }
        if start >= 2, PIIBytes.isDigit(text[start - 2]) {
            let b = text[start - 1]
            if b == 0x2D || b == 0x2F || b == 0x20 || b == sep { return true }
        }
        if end + 1 < text.count, PIIBytes.isDigit(text[end + 1]) {
            let b = text[end]
            if b == 0x2D || b == 0x2F || b == sep { return true }
        }
        return false
    }

    @inline(__always) func number(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int {
        var v = 0
        for k in 0..<count { v = v &* 10 &+ Int(text[from + k] &- 0x30) }
        return v
    }
}

/// The SSA's validity rules for Social Security numbers.
public enum USSSNRules {
    /// Whether area (3 digits), group (2) and serial (4) could form an issued SSN: area not
    /// 000, 666 or 900-999, group not 00, serial not 0000, and not a number known from
    /// advertising (078-05-1120, 219-09-9999, 457-55-5462).
    public static func isValid(area: Int, group: Int, serial: Int) -> Bool {
        guard area >= 1, area <= 899, area != 666, group >= 1, group <= 99, serial >= 1, serial <= 9999 else { return false }
        if area == 78, group == 5, serial == 1120 { return false }
        if area == 219, group == 9, serial == 9999 { return false }
        if area == 457, group == 55, serial == 5462 { return false }
        return true
    }
}
