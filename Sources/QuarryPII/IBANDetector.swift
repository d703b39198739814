// IBAN: international bank account numbers (ISO 13616-1) in the electronic form
// ("DE89370400440532013000") or the print form grouped by four with single spaces
// ("DE89 3704 0044 0532 0130 00", EPC/ECBS guidance), upper case only. A candidate is a
// registry country code (IBANCountries), two check digits and a BBAN of exactly the
// registry's length whose characters have the registry's classes (digits where it says
// "n", letters where "a"); the whole must leave 1 modulo 97 (IBANChecksum). It must not
// touch an ASCII letter or digit on either side. The span runs from the country code to the
// last character, the spaces of the print form included.
//
// Speed: every IBAN has its two check digits right after two upper-case letters, so the
// scan jumps between digit runs (DigitRuns.next) and looks back two bytes at each.

/// Finds IBANs of the registry's countries with valid check digits.
public struct IBANDetector: PIIDetector {
    let table: IBANCountryTable

    public init() { table = IBANCountries.table }

    public var types: [PIIType] { [.iban] }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let n = text.count
        table.lengths.withUnsafeBufferPointer { lengths in
            table.offsets.withUnsafeBufferPointer { offsets in
                table.classes.withUnsafeBufferPointer { classes in
                    var i = DigitRuns.next(text, from: 0)
                    while i < n {
                        if i >= 2, PIIBytes.isUpper(text[i - 2]), PIIBytes.isUpper(text[i - 1]),
                           let end = Self.match(text, at: i - 2, lengths, offsets, classes) {
                            spans.append(PIISpan(.iban, start: i - 2, end: end))
                            i = DigitRuns.next(text, from: end)
                        } else {
                            i = DigitRuns.next(text, from: DigitRuns.end(text, from: i))
                        }
                    }
                }
            }
        }
    }

    /// The end of the IBAN whose country code starts at `start`, or nil.
    @inline(__always) static func match(_ text: UnsafeBufferPointer<UInt8>, at start: Int,
                                         _ lengths: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<UInt16>,
                                         _ classes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = text.count
        guard start + 4 < n, PIIBytes.isDigit(text[start + 3]), !PIIBytes.alnumBefore(text, start),
              let slot = IBANCountryTable.slot(text[start], text[start + 1]) else { return nil }
        let length = Int(lengths[slot])
        guard length != 0 else { return nil }
        let grouped = text[start + 4] == 0x20
        let offset = Int(offsets[slot]) - 4
        var r = 0
        var pos = start + 4
        for k in 4..<length {
            if grouped, k & 3 == 0 {
                guard pos < n, text[pos] == 0x20 else { return nil }
                pos += 1
            }
            guard pos < n else { return nil }
            let b = text[pos]
            guard IBANCountryTable.matches(b, classes[offset + k]), let next = IBANChecksum.step(r, b) else { return nil }
            r = next
            pos += 1
        }
        guard !PIIBytes.alnumAt(text, pos) else { return nil }
        for k in 0..<4 {
            guard let next = IBANChecksum.step(r, text[start + k]) else { return nil }
            r = next
        }
        return r == 1 ? pos : nil
    }
}
