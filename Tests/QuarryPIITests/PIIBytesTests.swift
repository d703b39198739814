// Tests for the shared byte helpers of the PII detectors: cue words match whole ASCII words
// case-insensitively, non-ASCII cues match anywhere, and windows are clamped to the text.
import Testing
@testable import QuarryPII

@Suite struct PIIBytesTests {
    func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(s.utf8).withUnsafeBufferPointer(body)
    }

    @Test func asciiCuesMatchWholeWordsOnly() {
        let cues = CueWords(["tel", "phone"])
        withBytes("Tel.: 030 1234567") { #expect(cues.occurs(in: $0, before: 6, window: 20)) }
        withBytes("hotel 030 1234567") { #expect(!cues.occurs(in: $0, before: 6, window: 20)) }
        withBytes("PHONE 555") { #expect(cues.occurs(in: $0, from: 0, to: 5)) }
        withBytes("PHONE 555") { #expect(!cues.occurs(in: $0, from: 0, to: 4)) }
    }

    @Test func nonASCIICuesMatchInsideText() {
        let cues = CueWords(["电话", "straße"])
        withBytes("我的电话13812345678") { #expect(cues.occurs(in: $0, before: 12, window: 12)) }
        withBytes("Hauptstraße 5") { #expect(cues.occurs(in: $0, from: 0, to: 13)) }
        withBytes("没有 13812345678") { #expect(!cues.occurs(in: $0, before: 7, window: 100)) }
    }

    @Test func longestCueWinsAndWindowsClamp() {
        let cues = CueWords(["mr", "mrs"])
        withBytes("Mrs Smith") { bytes in
            #expect(cues.match(in: bytes, at: 0)?.end == 3)
            #expect(cues.occurs(in: bytes, from: -50, to: 500))
        }
    }

    @Test func byteClasses() {
        #expect(PIIBytes.isDigit(UInt8(ascii: "7")) && !PIIBytes.isDigit(UInt8(ascii: "a")))
        #expect(PIIBytes.isHex(UInt8(ascii: "F")) && !PIIBytes.isHex(UInt8(ascii: "g")))
        #expect(PIIBytes.lower(UInt8(ascii: "Q")) == UInt8(ascii: "q") && PIIBytes.lower(0xC3) == 0xC3)
        withBytes("a中b") { bytes in
            #expect(PIIBytes.characterStart(bytes, 2) == 1)
            #expect(!PIIBytes.alnumBefore(bytes, 4) && PIIBytes.alnumBefore(bytes, 1))
        }
    }
}
