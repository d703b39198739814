// Unicode normalization (UAX #15: NFC, NFKC, NFD, NFKD) of UTF-8 text through the system ICU.
// This file owns CICU's normalization calls (cicu.c; CharsetICU.swift owns the charset calls and
// ICUWordTokenizer.swift the break iterators), the C wrapper whose neutral header keeps ICU's
// headers away from Foundation's bundled ICU (DESIGN.md §2: one owning Swift file per C
// library part, C status codes become typed errors here). Text that is already normalized costs
// a scan and no new String: ASCII text never reaches ICU (ASCII is invariant under all four
// forms), and other text goes through ICU's quick check first (research/swift-notes.md §4).
internal import CICU
import QuarryCore

/// A Unicode normalization form (UAX #15).
public enum NormalizationForm: String, Sendable, Hashable, CaseIterable {
    /// Canonical decomposition, then canonical composition: `e` + U+0301 becomes `é`.
    case nfc
    /// Compatibility decomposition, then canonical composition: `ﬁ` becomes `fi`, `Ａ` becomes `A`.
    case nfkc
    /// Canonical decomposition: `é` becomes `e` + U+0301.
    case nfd
    /// Compatibility decomposition: `ﬁ` becomes `fi`, `é` becomes `e` + U+0301.
    case nfkd

    var icuForm: Int32 {
        switch self {
        case .nfc: Int32(CICU_NFC)
        case .nfkc: Int32(CICU_NFKC)
        case .nfd: Int32(CICU_NFD)
        case .nfkd: Int32(CICU_NFKD)
        }
    }
}

/// A form can be a stage option: `form: nfkc`.
extension NormalizationForm: OptionEnum {}

/// ICU could not normalize a text: out of memory, or a text longer than 2^31-1 bytes.
public struct NormalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The wrapper's result: a negated ICU `UErrorCode`, or the wrapper's "too long" code.
    public var code: Int32
    /// ICU's name for the error, e.g. `U_MEMORY_ALLOCATION_ERROR`.
    public var name: String
    /// The form that was asked for.
    public var form: NormalizationForm

    public var description: String { "Unicode \(form.rawValue.uppercased()) normalization failed: \(name)" }
}

/// Unicode normalization of UTF-8 text.
public enum UnicodeNormalization {
    /// The text in normalization form `form`, or nil when it is already in that form.
    ///
    /// ASCII text returns nil without calling ICU. Compare the result's bytes (`utf8`), not the
    /// Strings: Swift's `==` on String already treats canonically equivalent texts as equal.
    public static func normalize(_ text: String, to form: NormalizationForm) throws(NormalizationError) -> String? {
        var text = text  // a native String hands out its bytes without copying
        let result = text.withUTF8 { bytes in
            Result { () throws(NormalizationError) in try normalize(bytes, to: form) }
        }
        return try result.get()
    }

    /// The normalized text of valid UTF-8 `bytes`, or nil when they are already in form `form`
    /// (ASCII bytes always are, and never reach ICU).
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>,
                                 to form: NormalizationForm) throws(NormalizationError) -> String? {
        guard let base = bytes.baseAddress, !SWAR.isASCII(bytes) else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        var outCount: Int64 = 0
        let status = cicu_normalize_utf8(form.icuForm, base, Int64(bytes.count), &out, &outCount)
        guard status >= 0 else {
            throw NormalizationError(code: status, name: String(cString: cicu_error_name(status)), form: form)
        }
        guard status == 1, let out else { return nil }
        defer { cicu_free(out) }
        let result = UnsafeBufferPointer(start: out, count: Int(outCount))
        // ICU's quick check answers "maybe" for some normalized text (a combining mark with
        // nothing to compose with), and the full pass then returns the input unchanged.
        if result.elementsEqual(bytes) { return nil }
        return String(validatedUTF8: result, isASCII: SWAR.isASCII(result))
    }

    /// Whether `text` is already in form `form` (a full check through ICU for non-ASCII text).
    public static func isNormalized(_ text: String, form: NormalizationForm) throws(NormalizationError) -> Bool {
        try normalize(text, to: form) == nil
    }

    /// The Unicode version of the ICU data normalization uses, e.g. "15.0".
    public static var unicodeVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        buffer.withUnsafeMutableBufferPointer { cicu_unicode_version($0.baseAddress, Int32($0.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
