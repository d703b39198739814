// The scrubbing pass over one text (issue 6): run every enabled detector over the UTF-8
// bytes, resolve overlaps (PIISpanResolver), leave allowlisted values in place, and rebuild the
// text with each remaining span replaced as its type's action says. Names and street lines
// found by their context are also replaced where the same document repeats them without it.
// The detected values themselves go nowhere else: callers get the new text and the offsets.
import Glibc

/// What to do with one entity type.
public struct PIITypeSettings: Sendable {
    public var action: PIIAction
    public var allowlist: PIIAllowlist?

    public init(action: PIIAction, allowlist: PIIAllowlist? = nil) {
        self.action = action
        self.allowlist = allowlist
    }
}

/// Finds and replaces personal data in texts.
public struct PIIScrubber: Sendable {
    private let detectors: [any PIIDetector]
    /// Settings by `PIIType.allCases` position; nil for a disabled type.
    private let settings: [PIITypeSettings?]
    private let pseudonymizer: PIIPseudonymizer?
    private let mask: [UInt8]

    /// - Parameters:
    ///   - types: the enabled types and what to do with each.
    ///   - detectors: detectors for (at least) the enabled types; spans of other types are ignored.
    ///   - pseudonymizer: needed when some action is `pseudonym`.
    ///   - maskCharacter: what `mask` writes for each letter or digit.
    public init(types: [PIIType: PIITypeSettings], detectors: [any PIIDetector],
                pseudonymizer: PIIPseudonymizer? = nil, maskCharacter: String = "*") {
        precondition(pseudonymizer != nil || !types.values.contains { $0.action == .pseudonym },
                     "the pseudonym action needs a pseudonymizer")
        self.settings = PIIType.allCases.map { types[$0] }  // by Self.ordinal
        self.detectors = detectors.filter { $0.types.contains { types[$0] != nil } }
        self.pseudonymizer = pseudonymizer
        self.mask = Array(maskCharacter.utf8)
    }

    private func setting(_ type: PIIType) -> PIITypeSettings? {
        settings[Self.ordinal[type]!]
    }

    private static let ordinal = Dictionary(uniqueKeysWithValues: PIIType.allCases.enumerated().map { ($0.element, $0.offset) })

    /// The spans to act on in `text`: detected, enabled, resolved, not allowlisted; in text order.
    public func find(in text: UnsafeBufferPointer<UInt8>) -> [PIISpan] {
        var found: [PIISpan] = []
        for detector in detectors { detector.detect(in: text, into: &found) }
        found.removeAll { setting($0.type) == nil }
        if found.isEmpty { return found }
        var spans = PIISpanResolver.resolve(found, textLength: text.count)
        if spans.contains(where: { Self.propagated.contains($0.type) }) { spans = propagate(spans, in: text) }
        spans.removeAll { span in
            guard let allowlist = setting(span.type)?.allowlist else { return false }
            return allowlist.allows(UnsafeBufferPointer(rebasing: text[span.start..<span.end]), type: span.type)
        }
        return spans
    }

    /// Types whose values, once found by their context, are also found wherever else they are
    /// written in the same document: a name read after "Dear" is the same name in the signature
    /// below, where no cue announces it.
    static let propagated: Set<PIIType> = [.person, .streetAddress]

    /// `spans` plus every other whole-word occurrence in `text` of a propagated span's value
    /// that overlaps no span, in text order.
    func propagate(_ spans: [PIISpan], in text: UnsafeBufferPointer<UInt8>) -> [PIISpan] {
        // Distinct values, at most `maxPropagatedValues` per document: each costs one scan.
        var values: [(type: PIIType, bytes: [UInt8])] = []
        var seen = Set<[UInt8]>()
        for span in spans where Self.propagated.contains(span.type) && span.length >= 4 && values.count < Self.maxPropagatedValues {
            let bytes = Array(text[span.start..<span.end])
            if seen.insert(bytes).inserted { values.append((span.type, bytes)) }
        }
        var candidates: [PIISpan] = []
        guard let base = text.baseAddress else { return spans }
        for value in values {
            value.bytes.withUnsafeBufferPointer { needle in
                var i = 0
                // memchr to each occurrence of the first byte, memcmp for the rest.
                while i + needle.count <= text.count, let hit = memchr(base + i, Int32(needle[0]), text.count - needle.count + 1 - i) {
                    let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    let end = start + needle.count
                    if memcmp(base + start, needle.baseAddress!, needle.count) == 0,
                       !PIIBytes.alnumBefore(text, start), !PIIBytes.alnumAt(text, end) {
                        candidates.append(PIISpan(value.type, start: start, end: end))
                        i = end
                    } else {
                        i = start + 1
                    }
                }
            }
        }
        guard !candidates.isEmpty else { return spans }
        // Keep, in text order, the candidates that overlap neither a span nor a kept candidate
        // (`spans` is sorted and free of overlaps): one merge walk.
        candidates.sort()
        var added: [PIISpan] = []
        var next = 0  // the first span that may still overlap
        var lastEnd = 0
        for candidate in candidates where candidate.start >= lastEnd {
            while next < spans.count, spans[next].end <= candidate.start { next += 1 }
            if next < spans.count, spans[next].start < candidate.end { continue }
            added.append(candidate)
            lastEnd = candidate.end
        }
        return added.isEmpty ? spans : (spans + added).sorted()
    }

    /// Most distinct names and street lines looked for again in one document: a long list of
    /// names (a directory page) is scanned for its first 64, keeping the pass linear.
    static let maxPropagatedValues = 64

    /// A scrubbed text: the new bytes (nil when nothing changed) and the spans acted on, in
    /// offsets of the original text.
    public struct Result: Sendable {
        public var text: [UInt8]?
        public var spans: [PIISpan]
    }

    public func scrub(_ text: UnsafeBufferPointer<UInt8>) -> Result {
        let spans = find(in: text)
        guard spans.contains(where: { setting($0.type)!.action != .keep }) else { return Result(text: nil, spans: spans) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var copied = 0
        for span in spans {
            let action = setting(span.type)!.action
            if action == .keep { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<span.start]))
            let value = UnsafeBufferPointer(rebasing: text[span.start..<span.end])
            switch action {
            case .tag:
                out.append(UInt8(ascii: "<"))
                out.append(contentsOf: span.type.rawValue.utf8)
                out.append(UInt8(ascii: ">"))
            case .mask: appendMasked(value, to: &out)
            case .pseudonym: out.append(contentsOf: pseudonymizer!.fake(for: value, type: span.type))
            case .remove, .keep: break
            }
            copied = span.end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
        return Result(text: out, spans: spans)
    }

    /// One mask character per letter or digit (any script: every non-ASCII character counts
    /// as one), ASCII punctuation, spaces and line breaks kept.
    private func appendMasked(_ value: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in value {
            if byte < 0x80 {
                if PIIBytes.isAlnum(byte) { out.append(contentsOf: mask) } else { out.append(byte) }
            } else if !PIIBytes.isContinuation(byte) {
                out.append(contentsOf: mask)
            }
        }
    }
}
