// The scrubbing pass with a stand-in detector (literal values): every action (tag, mask,
// remove, keep, pseudonym), exact byte offsets with multi-byte text around the spans,
// allowlists, overlapping detections resolved the same way whatever the detector order, and
// names found once by their context replaced wherever the document repeats them.
import Testing
@testable import QuarryPII

/// Finds fixed literals, for tests of what happens after detection.
struct LiteralDetector: PIIDetector {
    let literals: [(PIIType, String)]
    var types: [PIIType] { literals.map(\.0) }

    func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        for (type, literal) in literals {
            let needle = Array(literal.utf8)
            guard needle.count <= text.count else { continue }
            for start in 0...(text.count - needle.count) where Array(text[start..<start + needle.count]) == needle {
                spans.append(PIISpan(type, start: start, end: start + needle.count))
            }
        }
    }
}

@Suite struct PIIScrubberTests {
    static let key = Array("0123456789abcdef-test-key".utf8)

    func scrub(_ text: String, _ literals: [(PIIType, String)], action: PIIAction,
               allow: [PIIType: [String]] = [:], key: [UInt8] = key) throws -> (text: String, spans: [PIISpan]) {
        var settings: [PIIType: PIITypeSettings] = [:]
        for (type, _) in literals {
            let allowlist = try allow[type].map { try PIIAllowlist(patterns: $0, type: type) }
            settings[type] = PIITypeSettings(action: action, allowlist: allowlist)
        }
        let scrubber = PIIScrubber(types: settings, detectors: [LiteralDetector(literals: literals)],
                                   pseudonymizer: PIIPseudonymizer(key: key))
        let result = Array(text.utf8).withUnsafeBufferPointer { scrubber.scrub($0) }
        return (result.text.map { String(decoding: $0, as: UTF8.self) } ?? text, result.spans)
    }

    @Test func tagsByDefaultWithExactByteOffsetsAroundMultibyteText() throws {
        let text = "价格 ¥12，电话：13812345678，邮箱 müller@bücher.de。"
        let (out, spans) = try scrub(text, [(.phone, "13812345678"), (.email, "müller@bücher.de")], action: .tag)
        #expect(out == "价格 ¥12，电话：<PHONE>，邮箱 <EMAIL>。")
        let bytes = Array(text.utf8)
        #expect(spans.map(\.type) == [.phone, .email])
        #expect(String(decoding: bytes[spans[0].start..<spans[0].end], as: UTF8.self) == "13812345678")
        #expect(String(decoding: bytes[spans[1].start..<spans[1].end], as: UTF8.self) == "müller@bücher.de")
        #expect(spans[0].start == "价格 ¥12，电话：".utf8.count)
    }

    @Test func maskKeepsSeparatorsAndLength() throws {
        #expect(try scrub("Tel +49 30 1234567.", [(.phone, "+49 30 1234567")], action: .mask).text == "Tel +** ** *******.")
        #expect(try scrub("写信给 用户@例子.中国 吧", [(.email, "用户@例子.中国")], action: .mask).text == "写信给 **@**.** 吧")
    }

    @Test func removeAndKeep() throws {
        #expect(try scrub("a jane@x.org b", [(.email, "jane@x.org")], action: .remove).text == "a  b")
        let kept = try scrub("a jane@x.org b", [(.email, "jane@x.org")], action: .keep)
        #expect(kept.text == "a jane@x.org b")
        #expect(kept.spans == [PIISpan(.email, start: 2, end: 12)])
    }

    @Test func pseudonymsAreConsistentAndKeyed() throws {
        let text = "jane@x.org wrote to bob@y.org, then jane@x.org again"
        let (out, _) = try scrub(text, [(.email, "jane@x.org"), (.email, "bob@y.org")], action: .pseudonym)
        #expect(!out.contains("jane@x.org") && !out.contains("bob@y.org"))
        let fakes = out.split(separator: " ").filter { $0.contains("@") }.map { $0.trimmingSuffix(",") }
        #expect(fakes.count == 3 && fakes[0] == fakes[2] && fakes[0] != fakes[1])
        let other = try scrub(text, [(.email, "jane@x.org"), (.email, "bob@y.org")], action: .pseudonym,
                              key: Array("another-key-of-16-bytes-or-more".utf8))
        #expect(other.text != out)
        #expect(try scrub(text, [(.email, "jane@x.org"), (.email, "bob@y.org")], action: .pseudonym).text == out)
    }

    @Test func allowlistedValuesStayAndAreNotReported() throws {
        let (out, spans) = try scrub("support@shop.de or jane@shop.de", [(.email, "support@shop.de"), (.email, "jane@shop.de")],
                                     action: .tag, allow: [.email: ["support@*"]])
        #expect(out == "support@shop.de or <EMAIL>")
        #expect(spans.count == 1)
    }

    @Test func overlapsResolveTheSameWhateverTheDetectorOrder() throws {
        let text = "card 4111 1111 1111 1111 end"
        let a = try scrub(text, [(.phone, "1111 1111 1111"), (.creditCard, "4111 1111 1111 1111")], action: .tag)
        let b = try scrub(text, [(.creditCard, "4111 1111 1111 1111"), (.phone, "1111 1111 1111")], action: .tag)
        #expect(a.text == "card <CREDIT_CARD> end" && b.text == a.text && a.spans == b.spans)
    }
}

/// Reports only the first occurrence of a literal, as a context-cued detector would.
struct FirstOccurrenceDetector: PIIDetector {
    let type: PIIType
    let literal: String
    var types: [PIIType] { [type] }

    func detect(in text: UnsafeBufferPointer<UInt8>, into spans: inout [PIISpan]) {
        let needle = Array(literal.utf8)
        guard needle.count <= text.count else { return }
        for start in 0...(text.count - needle.count) where Array(text[start..<start + needle.count]) == needle {
            spans.append(PIISpan(type, start: start, end: start + needle.count))
            return
        }
    }
}

@Suite struct PIIPropagationTests {
    @Test func namesFoundByContextAreReplacedWhereverTheDocumentRepeatsThem() {
        let scrubber = PIIScrubber(types: [.person: PIITypeSettings(action: .tag), .email: PIITypeSettings(action: .tag)],
                                   detectors: [FirstOccurrenceDetector(type: .person, literal: "Jane Doe"),
                                               FirstOccurrenceDetector(type: .email, literal: "x@y.org")])
        let text = "Dear Jane Doe, Jane Doesburg says hi. x@y.org x@y.org\n-- Jane Doe\n王伟 Jane Doe."
        let result = Array(text.utf8).withUnsafeBufferPointer { scrubber.scrub($0) }
        #expect(String(decoding: result.text ?? [], as: UTF8.self)
                == "Dear <PERSON>, Jane Doesburg says hi. <EMAIL> x@y.org\n-- <PERSON>\n王伟 <PERSON>.")
        #expect(result.spans.map(\.type) == [.person, .email, .person, .person])
    }
}

extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring { hasSuffix(suffix) ? dropLast(suffix.count) : self }
}
