// LineHashNormalizer against a plain twin written with String, Unicode.Scalar properties and
// Foundation's NFD, on hand-picked lines and on random lines of many scripts.
import Foundation
import QuarryDedup
import QuarryTestSupport
import Testing

@Suite struct LineHashNormalizerTests {
    func fast(_ line: String) -> (text: String, scalars: Int) {
        var out: [UInt8] = []
        let bytes = Array(line.utf8)
        let n = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { LineHashNormalizer.normalize($0, 0..<b.count, into: &out) } ?? 0
        }
        return (String(decoding: out, as: UTF8.self), n)
    }

    /// Python's str.isspace characters.
    static let spaces: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                                      0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
                                      0x2028, 0x2029, 0x202F, 0x205F, 0x3000]

    /// The slow twin: one scalar at a time, through Strings.
    func slow(_ line: String) -> String {
        var words: [String] = []
        var current = ""
        func add(_ piece: String) { current += piece }
        for scalar in line.unicodeScalars {
            if Self.spaces.contains(scalar.value) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if scalar.properties.numericType == .decimal {
                add("0")
            } else if LineHashNormalizer.isRemoved(scalar.value) {
                continue
            } else {
                for lower in String(scalar).lowercased().unicodeScalars where !LineHashNormalizer.isRemoved(lower.value) {
                    let parts = Array(String(lower).decomposedStringWithCanonicalMapping.unicodeScalars)
                    if parts.count >= 2, parts[0].isASCII, parts[0].properties.isAlphabetic,
                       parts.dropFirst().allSatisfy({ (0x300..<0x370).contains($0.value) }) {
                        add(String(parts[0]).lowercased())
                    } else {
                        add(String(lower))
                    }
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    @Test func handPickedLines() {
        let cases: [(String, String)] = [
            ("  Copyright © 2023 Example Inc. All Rights Reserved.  ", "copyright © 0000 example inc all rights reserved"),
            ("Café\tdéjà   vu — Ünïcödé", "cafe deja vu unicode"),
            ("版权所有，２０２３ 新华网。保留所有权利！", "版权所有0000 新华网保留所有权利"),
            ("Follow us on 微博 and WeChat: @Example_2024", "follow us on 微博 and wechat example0000"),
            ("ПОДПИСЫВАЙТЕСЬ на наш канал!", "подписывайтесь на наш канал"),
            ("İstanbul ÅNGSTRÖM \u{212B}", "istanbul angstrom a"),
            ("zero\u{200B}width\u{FEFF} soft\u{00AD}hyphen", "zerowidth softhyphen"),
            ("...!!!", ""),
            ("", ""),
            ("   \t ", ""),
        ]
        for (line, expected) in cases {
            #expect(fast(line).text == expected, "\(line)")
            #expect(slow(line) == expected, "twin: \(line)")
        }
        #expect(fast("版权所有，２０２３").scalars == 8)
    }

    @Test func fastEqualsTwinOnRandomLines() {
        let alphabet = ["a", "Z", "q", "7", " ", "  ", "\t", ".", ",", "!", "'", "\"", "-", "_", "(", ")", "é", "À", "ñ", "Ø", "ß",
                        "Ł", "ǅ", "Ạ", "ệ", "Ω", "ά", "Σ", "Ж", "й", "Ё", "中", "文", "한", "㐀", "，", "。", "！", "「", "」", "２", "٣", "८",
                        "\u{301}", "\u{200B}", "\u{00A0}", "\u{3000}", "😀", "€", "©", "İ", "\u{212B}", "Ａ", "ｂ", "»", "…", "—"]
        var random = SplitMix64(seed: 5)
        for _ in 0..<3000 {
            let line = random.string(from: alphabet, count: random.below(24))
            #expect(fast(line).text == slow(line), "\(line.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(fast(line).scalars == slow(line).unicodeScalars.count)
        }
    }

    @Test func lineHashIsXXH3OfTheNormalizedBytesAndHonoursTheMinimum() {
        let bytes = Array("Hello, World 42".utf8)
        var scratch: [UInt8] = []
        let hash = bytes.withUnsafeBufferPointer { LineHashNormalizer.lineHash($0.baseAddress!, 0..<$0.count, minScalars: 0, scratch: &scratch) }
        // XXH3-64, seed 0, of "hello world 00" (xxhash 3.8.2: xxh3_64_intdigest(b"hello world 00")).
        #expect(hash == 0x3315_5667_937D_316F)
        let short = bytes.withUnsafeBufferPointer { LineHashNormalizer.lineHash($0.baseAddress!, 0..<$0.count, minScalars: 15, scratch: &scratch) }
        #expect(short == nil, "14 scalars after normalization")
        let exact = bytes.withUnsafeBufferPointer { LineHashNormalizer.lineHash($0.baseAddress!, 0..<$0.count, minScalars: 14, scratch: &scratch) }
        #expect(exact == hash)
    }
}
