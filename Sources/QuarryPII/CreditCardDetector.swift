// CREDIT_CARD: payment card numbers (PANs) as people print them, validated by issuer prefix
// and length (CardIssuers) and by the Luhn check digit (ISO/IEC 7812-1). Follows the shapes
// Presidio's CreditCardRecognizer (presidio-analyzer 2.2.366, credit_card_recognizer.py) and
// the networks' own print layouts use:
// - 12 to 19 digits run together;
// - groups with ONE kind of separator (a single space or "-") throughout: fours (4-4-4-4,
//   4-4-4-1 for 13-digit Visa, 4-4-4-4-3 for 19 digits: every group 4 digits but the last,
//   at least 4 groups), or 4-6-5 (Amex) and 4-6-4 (Diners).
// A grouped number must not continue a longer chain of digit groups ("1234 5678 9012 3456
// 7890" is no card) nor end the print form of an IBAN ("GB94 FWGE 6674 4800 9654 30"); no
// candidate may touch an ASCII letter or digit, a decimal point followed by a digit, or a
// "-" or "_" joining it to a word (the numeric parts of tokens such as "xoxb-6590…-…").
// Digits run together right after a "+" are a phone number. Eighteen digits that form a
// valid Chinese resident ID (CNResidentIDRules) are left to that
// detector: a Diners, UnionPay or Maestro prefix and a Luhn pass happen to one ID in ten.
// The span runs from the first digit to the last, separators included.
//
// Speed: the scan jumps from one digit run to the next 8 bytes at a time (DigitRuns.next);
// a run is examined only when it is 12-19 digits long or a 4-digit group followed by a
// separator and a digit.

/// Finds Luhn-valid payment card numbers with a known issuer prefix and length.
public struct CreditCardDetector: PIIDetector {
    public init() {}

    public var types: [PIIType] { [.creditCard] }

    public func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let n = text.count
        var i = DigitRuns.next(text, from: 0)
        while i < n {
            i = DigitRuns.next(text, from: examine(text, at: i, into: &spans))
        }
    }

    /// Words naming other long numbers (orders, invoices, parcels); a bare digit run within
    /// `cueWindow` bytes after one is not taken for a card, even when it passes Luhn by chance
    /// (one in ten do).
    static let otherNumberCues = CueWords([
        "order", "order no", "order number", "invoice", "tracking", "tracking number", "parcel", "shipment", "isbn",
        "bestellnummer", "bestellung", "sendungsnummer", "rechnungsnummer", "auftragsnummer", "kundennummer",
        "commande", "facture", "suivi", "colis", "pedido", "factura", "seguimiento", "envío",
        "订单", "订单号", "单号", "快递单号", "运单号", "发票", "物流",
    ])
    /// Bytes before a bare digit run searched for those words: about three short words.
    static let cueWindow = 24

    /// Fewest and most digits of a card number (ISO/IEC 7812-1: the PAN has up to 19 digits;
    /// no network issues fewer than 12).
    static let minDigits = 12
    static let maxDigits = 19

    /// Looks at the digit run starting at `start` (its previous byte is no digit) and the
    /// groups chained to it; appends a span if they form a card number. Returns where the
    /// run or chain ends.
    @inline(__always) func examine(_ text: UnsafeBufferPointer<UInt8>, at start: Int, into spans: inout [PIISpan]) -> Int {
        let n = text.count
        let firstEnd = DigitRuns.end(text, from: start)
        let first = firstEnd - start
        var end = firstEnd
        var digits = first
        if first == 4, firstEnd + 1 < n, text[firstEnd] == 0x20 || text[firstEnd] == 0x2D, PIIBytes.isDigit(text[firstEnd + 1]) {
            // A chain of groups joined by one separator: read it whole, then judge its shape.
            let sep = text[firstEnd]
            var groups = 1
            var foursBeforeLast = true  // every group before the last has 4 digits
            var second = 0, last = 4
            while end + 1 < n, text[end] == sep, PIIBytes.isDigit(text[end + 1]) {
                let groupEnd = DigitRuns.end(text, from: end + 1)
                let length = groupEnd - end - 1
                if last != 4 { foursBeforeLast = false }
                groups += 1
                if groups == 2 { second = length }
                last = length
                digits += length
                end = groupEnd
            }
            let fours = foursBeforeLast && groups >= 4 && last >= 1 && last <= 4
            let amexOrDiners = groups == 3 && second == 6 && (last == 5 || last == 4)
            guard fours || amexOrDiners, digits <= Self.maxDigits else { return end }
            // A group chain must not continue a number on its left ("12 4111 1111 …").
            if start >= 2, text[start - 1] == 0x20 || text[start - 1] == 0x2D, PIIBytes.isDigit(text[start - 2]) { return end }
            // …nor on its right with the other separator ("4111 1111 1111 1111-22").
            if end + 1 < n, text[end] == 0x20 || text[end] == 0x2D, PIIBytes.isDigit(text[end + 1]) { return end }
            if sep == 0x20, endsIBANPrintForm(text, groupStart: start) { return end }
        } else {
            guard first >= Self.minDigits, first <= Self.maxDigits else { return end }
            // "+4915112345678" is an E.164 phone number, whatever its digits look like.
            if start > 0, text[start - 1] == UInt8(ascii: "+") { return end }
            if first == 18, CNResidentIDRules.isValid(text, from: start) { return end }
            // A bare run right after "tracking number", "Bestellnummer", "快递单号" … is that number.
            if Self.otherNumberCues.occurs(in: text, before: start, window: Self.cueWindow) { return end }
        }
        guard !DigitRuns.gluedBefore(text, start), !DigitRuns.gluedAfter(text, end) else { return end }
        // Joined to a word by "-" or "_" on either side: part of a token or identifier.
        if start >= 2, text[start - 1] == 0x2D || text[start - 1] == 0x5F, PIIBytes.isAlnum(text[start - 2]) { return end }
        if end + 1 < n, text[end] == 0x2D || text[end] == 0x5F, PIIBytes.isAlnum(text[end + 1]) { return end }
        if isCardNumber(text, from: start, to: end, digits: digits) {
            spans.append(PIISpan(.creditCard, start: start, end: end))
        }
        return end
    }

    /// Whether the space-separated group at `groupStart` continues, leftwards through
    /// 4-character groups of capitals and digits, the country code and check digits of an
    /// IBAN in print form ("GB94 FWGE 6674 …": the groups before it reach "GB94").
    @inline(__always) func endsIBANPrintForm(_ text: UnsafeBufferPointer<UInt8>, groupStart: Int) -> Bool {
        var p = groupStart
        for _ in 0..<8 {
            // The group before: 4 capitals or digits, then a single space.
            guard p >= 5, text[p - 1] == 0x20 else { return false }
            let g = p - 5
            for k in g..<(g + 4) where !(PIIBytes.isDigit(text[k]) || PIIBytes.isUpper(text[k])) { return false }
            if g > 0, PIIBytes.isAlnum(text[g - 1]) { return false }
            if PIIBytes.isUpper(text[g]), PIIBytes.isUpper(text[g + 1]), PIIBytes.isDigit(text[g + 2]), PIIBytes.isDigit(text[g + 3]) {
                return true
            }
            p = g
        }
        return false
    }

    /// Whether the digits of `text[from..<to]` (separators skipped) have a known issuer at
    /// this length and a valid Luhn check digit.
    @inline(__always) func isCardNumber(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int, digits: Int) -> Bool {
        var prefix = 0, taken = 0, i = from
        while taken < 6, i < to {
            let d = text[i] &- 0x30
            if d < 10 { prefix = prefix &* 10 &+ Int(d); taken += 1 }
            i += 1
        }
        guard CardIssuers.issuer(prefix6: prefix, length: digits) != nil else { return false }
        return Luhn.isValid(text, from: from, to: to)
    }
}
