// The charset layer's door to ICU (DESIGN.md §2: the Swift file that owns the C calls): the
// multi-byte legacy decoders (ucnv) and ICU's charset detector (ucsdet), both behind the
// neutral CICU header (cicu_charset.c holds the ICU code, its per-thread converter cache and
// the fix-ups that align ICU's tables with the WHATWG indexes). Unicode normalization has its
// own owner, UnicodeNormalization.swift.
internal import CICU
import QuarryCore

enum ICUCharsets {
    /// The ICU-converted encodings by canonical WHATWG name.
    static func converterID(_ name: String) -> Int32? {
        switch name {
        case "gbk", "gb18030": Int32(CICU_CHARSET_GB18030)
        case "big5": Int32(CICU_CHARSET_BIG5)
        case "shift_jis": Int32(CICU_CHARSET_SHIFT_JIS)
        case "euc-jp": Int32(CICU_CHARSET_EUC_JP)
        case "iso-2022-jp": Int32(CICU_CHARSET_ISO_2022_JP)
        case "euc-kr": Int32(CICU_CHARSET_EUC_KR)
        default: nil
        }
    }

    /// Decodes `bytes` with ICU converter `id`; returns the text and the U+FFFD count, or nil
    /// when ICU fails (out of memory, missing converter data).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, converter id: Int32) -> (String, Int)? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ("", 0) }
        var out: UnsafeMutablePointer<UInt8>?
        var outCount: Int64 = 0
        let replacements = cicu_convert_to_utf8(id, base, Int64(bytes.count), &out, &outCount)
        guard replacements >= 0 else { return nil }
        guard let out else { return ("", Int(replacements)) }
        defer { cicu_free(out) }
        let utf8 = UnsafeBufferPointer(start: out, count: Int(outCount))
        return (String(validatedUTF8: utf8, isASCII: SWAR.isASCII(utf8)), Int(replacements))
    }

    /// One candidate of ICU's detector: its ICU charset name ("Shift_JIS", "ISO-8859-1") and
    /// confidence (0...100).
    struct Match: Sendable, Equatable {
        var name: String
        var confidence: Int
    }

    /// ICU's detector on `bytes`, best candidate first; empty when ICU has none or fails.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, stripTags: Bool = false, maxMatches: Int = 8) -> [Match] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        let cap = Int(CICU_CHARSET_NAME_CAP)
        var names = [CChar](repeating: 0, count: cap * maxMatches)
        var confidences = [Int32](repeating: 0, count: maxMatches)
        let count = names.withUnsafeMutableBufferPointer { names in
            confidences.withUnsafeMutableBufferPointer { confidences in
                cicu_detect_charsets(base, Int64(bytes.count), stripTags ? 1 : 0, names.baseAddress,
                                     confidences.baseAddress, Int32(maxMatches))
            }
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { k in
            let slot = names[(k * cap)..<((k + 1) * cap)].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return Match(name: String(decoding: slot, as: UTF8.self), confidence: Int(confidences[k]))
        }
    }
}
