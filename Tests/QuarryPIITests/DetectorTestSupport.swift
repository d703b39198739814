// What the detector tests share: run one detector over a string and get its spans back as
// byte offsets and the text they cover, each checked to be of the detector's type.
import Testing
@testable import QuarryPII

/// The spans `detector` finds in `text`, in the order it reports them, as (start, end, value).
func detections(of detector: some PIIDetector, type: PIIType, in text: String) -> [(Int, Int, String)] {
    let bytes = Array(text.utf8)
    var spans: [PIISpan] = []
    bytes.withUnsafeBufferPointer { detector.detect(in: $0, into: &spans) }
    return spans.map { span in
        #expect(span.type == type)
        return (span.start, span.end, String(decoding: bytes[span.start..<span.end], as: UTF8.self))
    }
}

/// The spans of `detector` in `text` do not depend on where the text falls against the
/// eight-byte blocks detectors skip through: 1 to 9 leading spaces shift them and nothing else.
func expectAlignmentIndependence(of detector: some PIIDetector, type: PIIType, in text: String, count: Int) {
    let base = detections(of: detector, type: type, in: text).map { ($0.0, $0.1) }
    #expect(base.count == count)
    for pad in 1...9 {
        let shifted = detections(of: detector, type: type, in: String(repeating: " ", count: pad) + text).map { ($0.0 - pad, $0.1 - pad) }
        #expect(shifted.elementsEqual(base, by: { $0 == $1 }), "pad \(pad)")
    }
}
