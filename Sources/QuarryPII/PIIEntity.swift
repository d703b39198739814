// The vocabulary every PII detector shares (DESIGN.md §4.1, issue 6): the entity types, a
// detected span in UTF-8 byte offsets of the text as it was before scrubbing, and the detector
// protocol. Detectors scan bytes and append spans; they may overlap one another, and
// `PIISpanResolver` picks among overlapping ones deterministically. No detected value is ever
// stored anywhere but in the span's offsets.

/// An entity type, spelled as DESIGN.md §4.1 names it in span files, tags and `pii_counts`.
public enum PIIType: String, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case email = "EMAIL"
    case phone = "PHONE"
    case ipAddress = "IP_ADDRESS"
    case creditCard = "CREDIT_CARD"
    case iban = "IBAN"
    case usSSN = "US_SSN"
    case cnResidentID = "CN_RESIDENT_ID"
    case person = "PERSON"
    case streetAddress = "STREET_ADDRESS"
    case urlWithCredentials = "URL_WITH_CREDENTIALS"
    case secret = "SECRET"

    public var description: String { rawValue }

    /// Which of two overlapping spans wins: the smaller number. Checksum-validated and
    /// structurally unmistakable types come first, context-cued guesses last.
    public var priority: Int {
        switch self {
        case .secret: return 0
        case .urlWithCredentials: return 1
        case .email: return 2
        case .cnResidentID: return 3
        case .iban: return 4
        case .creditCard: return 5
        case .usSSN: return 6
        case .ipAddress: return 7
        case .phone: return 8
        case .streetAddress: return 9
        case .person: return 10
        }
    }

    public static func < (a: PIIType, b: PIIType) -> Bool { a.priority < b.priority }
}

/// One detection: `text[start..<end]` in UTF-8 bytes is a value of `type`.
public struct PIISpan: Sendable, Hashable, Comparable {
    public var type: PIIType
    public var start: Int
    public var end: Int

    public init(_ type: PIIType, start: Int, end: Int) {
        self.type = type
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public func overlaps(_ other: PIISpan) -> Bool { start < other.end && other.start < end }

    /// Text order: by start, then the longer first, then by type priority.
    public static func < (a: PIISpan, b: PIISpan) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end > b.end }
        return a.type < b.type
    }
}

/// A scanner for one or more entity types over a document's UTF-8 bytes.
///
/// `detect` must be pure (the same bytes give the same spans), must not allocate per byte,
/// and must cost little on text with nothing to find: skip ahead to trigger bytes (`@`,
/// digits, a cue word's first byte) instead of examining every position in depth.
/// Spans lie within `0...text.count`, start and end on UTF-8 character boundaries, and are
/// appended in any order.
public protocol PIIDetector: Sendable {
    /// The types this detector reports.
    var types: [PIIType] { get }
    func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan])
}
