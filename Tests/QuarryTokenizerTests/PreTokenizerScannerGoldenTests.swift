// PieceScanner against what the reference engines produce (Fixtures/pretokenize/, written by
// scripts/reference/pretokenize_golden.py with tokenizers 0.23.3 and regex 2026.11.19):
// adversarial strings and web documents in several scripts, the class of every code point as
// Oniguruma sees it, and — with QUARRY_PRETOKENIZE_CORPUS=extract.jsonl — a digest of the
// pieces of the whole 4,814-document web sample.
import Foundation
import Testing
import QuarryCore
@testable import QuarryTokenizer

enum PretokenizeFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pretokenize")

    static func text(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    struct Case {
        var name: String
        var bytes: [UInt8]
        var starts: [PreTokenizerSplit: [Int]]
    }

    static let cases: [Case] = text("pieces.jsonl").split(separator: "\n").map { line in
        let bytes = Array(line.utf8)
        var text = jsonString(bytes, key: "text") ?? ""
        if text.isEmpty, let unit = jsonString(bytes, key: "unit"), let count = jsonInt(bytes, key: "count") {
            text = jsonString(bytes, key: "head")! + String(repeating: unit, count: count) + jsonString(bytes, key: "tail")!
        }
        let textBytes = Array(text.utf8)
        let startsAt = find(Array("\"starts\"".utf8), in: bytes, from: 0) ?? bytes.count
        var starts: [PreTokenizerSplit: [Int]] = [:]
        for split in PreTokenizerSplit.allCases {
            guard let encoded = jsonString(bytes, key: split.rawValue, from: startsAt) else { continue }
            let bitmap = [UInt8](Data(base64Encoded: encoded)!)
            starts[split] = (0..<textBytes.count).filter { bitmap[$0 >> 3] >> ($0 & 7) & 1 == 1 }
        }
        return Case(name: jsonString(bytes, key: "name") ?? "?", bytes: textBytes, starts: starts)
    }

    // A minimal JSON string reader for the fixtures and the corpus: Foundation's JSON parsers
    // drop U+FEFF from strings, which changes the text being split.

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// The value of the first `"key": <int>` at or after `from`.
    static func jsonInt(_ bytes: [UInt8], key: String) -> Int? {
        guard var i = find(Array("\"\(key)\":".utf8), in: bytes, from: 0) else { return nil }
        i += key.utf8.count + 3
        while i < bytes.count && bytes[i] == 0x20 { i += 1 }
        var value = 0
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { value = value * 10 + Int(bytes[i] - 0x30); i += 1 }
        return value
    }

    /// The decoded value of the first `"key": "<string>"` at or after `from`.
    static func jsonString(_ bytes: [UInt8], key: String, from: Int = 0) -> String? {
        guard var i = find(Array("\"\(key)\":".utf8), in: bytes, from: from) else { return nil }
        i += key.utf8.count + 3
        while i < bytes.count && bytes[i] == 0x20 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x22 else { return nil }
        i += 1
        var out: [UInt8] = []
        var pendingHigh: UInt32? = nil
        func hex4(_ at: Int) -> UInt32 { UInt32(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16)! }
        func append(_ scalar: UInt32) { out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8) }
        while i < bytes.count && bytes[i] != 0x22 {
            guard bytes[i] == 0x5C else { out.append(bytes[i]); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75:
                let unit = hex4(i)
                i += 4
                if (0xD800..<0xDC00).contains(unit) { pendingHigh = unit; continue }
                if (0xDC00..<0xE000).contains(unit), let high = pendingHigh {
                    append(0x10000 + (high - 0xD800) << 10 + (unit - 0xDC00))
                } else {
                    append(unit)
                }
            default: out.append(e)          // \" \\ \/
            }
            pendingHigh = nil
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@Suite struct PreTokenizerScannerGoldenTests {
    @Test func fixtureIsPresent() {
        #expect(PretokenizeFixtures.cases.count >= 40)
        #expect(PretokenizeFixtures.cases.allSatisfy { $0.starts.count >= 4 })
    }

    @Test(arguments: PreTokenizerSplit.allCases)
    func piecesMatchReferenceEngines(split: PreTokenizerSplit) {
        var compared = 0
        for fixture in PretokenizeFixtures.cases {
            guard let expected = fixture.starts[split] else { continue }
            let pieces = split.pieces(of: fixture.bytes)
            let starts = pieces.map(\.lowerBound)
            if starts != expected {
                let k = (0..<min(starts.count, expected.count)).first { starts[$0] != expected[$0] } ?? min(starts.count, expected.count)
                let at = k < expected.count ? expected[k] : fixture.bytes.count
                let context = String(decoding: fixture.bytes[max(0, at - 20)..<min(fixture.bytes.count, at + 20)], as: UTF8.self)
                Issue.record("\(split) \(fixture.name): first difference at piece \(k), byte \(at): \(context.debugDescription)")
            }
            #expect(isPartition(pieces, count: fixture.bytes.count))
            #expect(ReferencePieceScanner.pieces(split, fixture.bytes) == pieces, "slow twin, \(fixture.name)")
            compared += 1
        }
        #expect(compared >= 40)
    }

    /// Every code point's classes against Oniguruma's (tokenizers 0.23.3), through both the
    /// two-stage table and the binary search of the slow twin.
    @Test func classesMatchOniguruma() {
        var expected = [UInt8](repeating: 0, count: 0x110000)
        var runs = 0
        for line in PretokenizeFixtures.text("classes.onig.txt").split(separator: "\n") {
            let parts = line.split(separator: " ")
            let bounds = parts[0].split(separator: ".", omittingEmptySubsequences: true)
            let first = Int(bounds[0], radix: 16)!, last = Int(bounds[1], radix: 16)!
            for cp in first...last { expected[cp] = UInt8(parts[1])! }
            runs += 1
        }
        #expect(runs == 2_363)
        var mismatches = 0
        for cp in 0..<0x110000 {
            let want = UnicodeClass.withOther(expected[cp])
            let fast = UnicodeClass.classify(scalar: UInt32(cp)).rawValue
            let slow = UnicodeClass.classBySearch(UInt32(cp))
            if (0xD800...0xDFFF).contains(cp) {
                if fast != CharacterClass.other.rawValue || slow != fast { mismatches += 1 }
            } else if fast != want || slow != want {
                if mismatches < 10 { Issue.record("U+\(String(cp, radix: 16)): \(fast) \(slow), Oniguruma \(want)") }
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(UnicodeClass.classify(scalar: 0xA7CE) == .other)        // Unicode 17.0 letter
        #expect(UnicodeClass.classify(scalar: 0x1C89) == [.letter, .upper]) // Unicode 16.0 letter
    }

    /// With QUARRY_PRETOKENIZE_CORPUS=/work/issue8-prep/data/extract.jsonl: every document's pieces
    /// (fast scanner and slow twin) against the digest of tokenizers' and regex's pieces.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_PRETOKENIZE_CORPUS"] != nil))
    func corpusDigestMatchesReferenceEngines() throws {
        let path = ProcessInfo.processInfo.environment["QUARRY_PRETOKENIZE_CORPUS"]!
        let documents = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))).split(separator: 0x0A).map {
            Array(PretokenizeFixtures.jsonString(Array($0), key: "text")!.utf8)
        }
        #expect(documents.count == 4_814)
        let digest = try JSONSerialization.jsonObject(with: Data(PretokenizeFixtures.text("corpus-digest.json").utf8))
            as! [String: Any]
        let splits = digest["splits"] as! [String: [String: Any]]
        for split in PreTokenizerSplit.allCases {
            var hash = SHA256(), pieces = 0, twinDifferences = 0
            for bytes in documents {
                let found = split.pieces(of: bytes)
                if ReferencePieceScanner.pieces(split, bytes) != found { twinDifferences += 1 }
                var ends = found.map { UInt32($0.upperBound) } + [0xFFFF_FFFF]
                ends.withUnsafeMutableBytes { hash.update($0) }
                pieces += found.count
            }
            let hex = hash.finalize().map { String(format: "%02x", $0) }.joined()
            let expected = splits[split.rawValue]!
            #expect(pieces == expected["pieces"] as! Int, "\(split)")
            #expect(hex == expected["sha256"] as! String, "\(split)")
            #expect(twinDifferences == 0, "\(split)")
        }
    }
}
