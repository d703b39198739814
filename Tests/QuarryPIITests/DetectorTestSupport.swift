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
