// The tokenizer's normalizer (tokenizers' `NFC` / `NFKC` / `NFD` / `NFKD` normalizers) over raw
// bytes that may hold invalid UTF-8: each maximal run of well-formed UTF-8 is normalized with
// QuarryText's `UnicodeNormalization` (ICU; ASCII runs never reach it) and invalid bytes are
// copied through unchanged, so they keep their byte-level tokens (tokenizer contracts: the
// default encoder never loses bytes). An invalid byte separates two runs, as it would if it
// were a character that does not compose with its neighbours.

import QuarryCore
import QuarryText

enum TokenizerNormalization {
    /// Appends the normalized bytes of `text` to `out`.
    static func normalize(_ text: UnsafeBufferPointer<UInt8>, form: NormalizationForm, into out: inout [UInt8]) {
        guard !text.isEmpty else { return }
        if SWAR.isASCII(text) {
            out.append(contentsOf: text)
            return
        }
        var runStart = 0
        var i = 0
        let n = text.count
        while i < n {
            if text[i] < 0x80 { i += 1; continue }
            let (length, valid) = UTF8Validity.scan(text, at: i)
            if valid { i += length; continue }
            appendRun(UnsafeBufferPointer(rebasing: text[runStart..<i]), form: form, into: &out)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<(i + length)]))
            i += length
            runStart = i
        }
        appendRun(UnsafeBufferPointer(rebasing: text[runStart..<n]), form: form, into: &out)
    }

    private static func appendRun(_ run: UnsafeBufferPointer<UInt8>, form: NormalizationForm, into out: inout [UInt8]) {
        guard !run.isEmpty else { return }
        // ICU fails only on allocation failure or texts over 2 GiB; the text then stays as it is.
        if let normalized = try? UnicodeNormalization.normalize(run, to: form) {
            out.append(contentsOf: normalized.utf8)
        } else {
            out.append(contentsOf: run)
        }
    }

    /// The normalized bytes of a whole string (added-token contents).
    static func normalize(_ text: String, form: NormalizationForm?) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard let form else { return bytes }
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { normalize($0, form: form, into: &out) }
        return out
    }
}
