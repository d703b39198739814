// Payment card issuer prefixes (IIN ranges) and the card-number lengths each network issues,
// from the networks' published ranges as Wikipedia's "Payment card number" table (2025)
// summarises them. A number is a card number only when its leading digits fall in a range
// AND its length is one the network uses; ranges are tried in table order, so the narrow
// Discover range inside UnionPay's 62 comes before it, and Maestro's wide 56-69 comes last.
// JCB is taken as the whole 35 block (JCB's registered range is 3528-3589; no other network
// issues 35, and generators such as faker draw from all of it), plus two historical JCB
// ranges (2131 and 1800, 15 digits) that faker still produces.

/// Which card network a number belongs to, by prefix and length.
public enum CardIssuers {
    /// The network of the card number `digits` (values 0...9 or ASCII digits, 12-19 of them),
    /// or nil when no network issues that prefix at that length: "visa", "mastercard", "amex",
    /// "discover", "jcb", "diners", "unionpay" or "maestro".
    public static func issuer<C: Collection>(of digits: C) -> String? where C.Element == UInt8 {
        var prefix = 0
        var count = 0
        for raw in digits {
            guard let d = Luhn.digitValue(raw) else { return nil }
            if count < 6 { prefix = prefix * 10 + Int(d) }
            count += 1
        }
        guard count >= 6 else { return nil }
        return issuer(prefix6: prefix, length: count).map { names[Int($0)] }
    }

    /// The index into `names` of the network issuing numbers of `length` digits whose first
    /// six digits are `prefix6`, or nil.
    @inline(__always) static func issuer(prefix6: Int, length: Int) -> UInt8? {
        guard length >= 12, length <= 19 else { return nil }
        let bit = UInt32(1) << UInt32(length)
        for r in ranges where prefix6 >= r.low && prefix6 <= r.high && r.lengths & bit != 0 {
            return r.issuer
        }
        return nil
    }

    /// The networks' names, indexed by `Range.issuer`.
    static let names = ["visa", "mastercard", "amex", "discover", "jcb", "diners", "unionpay", "maestro"]

    /// One IIN range: six-digit prefixes `low...high`, a bit set of lengths (bit n = n digits).
    struct Range: Sendable {
        var low: Int
        var high: Int
        var lengths: UInt32
        var issuer: UInt8
    }

    static func lengths(_ l: ClosedRange<Int>) -> UInt32 { l.reduce(0) { $0 | UInt32(1) << UInt32($1) } }

    /// The IIN table, most specific first.
    static let ranges: [Range] = {
        let visa: UInt8 = 0, mastercard: UInt8 = 1, amex: UInt8 = 2, discover: UInt8 = 3
        let jcb: UInt8 = 4, diners: UInt8 = 5, unionpay: UInt8 = 6, maestro: UInt8 = 7
        let sixteenUp = lengths(16...19)
        return [
            Range(low: 340_000, high: 349_999, lengths: lengths(15...15), issuer: amex),
            Range(low: 370_000, high: 379_999, lengths: lengths(15...15), issuer: amex),
            Range(low: 400_000, high: 499_999, lengths: lengths(13...13) | lengths(16...16) | lengths(19...19), issuer: visa),
            Range(low: 510_000, high: 559_999, lengths: lengths(16...16), issuer: mastercard),
            Range(low: 222_100, high: 272_099, lengths: lengths(16...16), issuer: mastercard),
            Range(low: 601_100, high: 601_199, lengths: sixteenUp, issuer: discover),
            Range(low: 644_000, high: 659_999, lengths: sixteenUp, issuer: discover),
            Range(low: 622_126, high: 622_925, lengths: sixteenUp, issuer: discover),
            Range(low: 350_000, high: 359_999, lengths: sixteenUp, issuer: jcb),
            Range(low: 213_100, high: 213_199, lengths: lengths(15...15), issuer: jcb),
            Range(low: 180_000, high: 180_099, lengths: lengths(15...15), issuer: jcb),
            Range(low: 300_000, high: 305_999, lengths: lengths(14...19), issuer: diners),
            Range(low: 360_000, high: 369_999, lengths: lengths(14...19), issuer: diners),
            Range(low: 380_000, high: 399_999, lengths: lengths(14...19), issuer: diners),
            Range(low: 620_000, high: 629_999, lengths: sixteenUp, issuer: unionpay),
            Range(low: 500_000, high: 509_999, lengths: lengths(12...19), issuer: maestro),
            Range(low: 560_000, high: 699_999, lengths: lengths(12...19), issuer: maestro),
        ]
    }()
}
