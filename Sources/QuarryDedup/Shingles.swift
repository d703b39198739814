// Shingles: the overlapping pieces of a document that MinHash compares (Broder 1997, "On the
// resemblance and containment of documents"). Two units:
//   .words       n consecutive words (n = 5 by default, as FineWeb's and datatrove 0.10.1's
//                minhash.py use). Words come from QuarryText's segmentation for the document's
//                language (`WordTokenizers.forLanguage`: spaCy-compatible rules, ICU dictionaries
//                for Chinese, Japanese, Thai, Lao, Khmer, Burmese); without a language, the
//                generic rules unless a quick byte scan finds one of those scripts, then ICU.
//                Each word is normalized (DedupNormalization); a word that normalizes to nothing
//                (punctuation) is skipped, one that punctuation splits ("u.s.a" → "u s a")
//                counts as several, as when datatrove tokenizes `simplify_text`'s output.
//   .characters  n consecutive Unicode scalars of the normalized text with whitespace removed,
//                for users who prefer character n-grams for Chinese or Japanese.
// A shingle's hash is XXH3-64 (seed 0) of its UTF-8 bytes, words joined by one space: the
// normalized words are written into one buffer separated by single spaces, so each shingle is a
// contiguous slice of it. Texts with fewer than n words (or scalars), but at least one, give one
// shingle of all of them, so short identical texts still match; texts without any give none.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuarryText

/// The unit shingles are made of.
public enum ShingleUnit: String, Sendable, CaseIterable {
    case words
    case characters
}

/// Cuts texts into shingles and hashes them.
public struct Shingler: Sendable {
    /// Units per shingle (at least 1).
    public let ngram: Int
    public let unit: ShingleUnit
    public let normalization: DedupNormalization

    public init(ngram: Int, unit: ShingleUnit, normalization: DedupNormalization) {
        precondition(ngram >= 1, "shingles need at least one unit")
        self.ngram = ngram
        self.unit = unit
        self.normalization = normalization
    }

    /// Appends the hash of every shingle of `text` (valid UTF-8), in text order, repeats
    /// included, to `hashes`.
    public func appendHashes(of text: UnsafeBufferPointer<UInt8>, language: String?, to hashes: inout [UInt64]) {
        let scratch = ShingleScratch.current
        units(of: text, language: language, into: scratch)
        let count = scratch.units.count
        guard count > 0 else { return }
        let n = min(ngram, count)
        scratch.units.withUnsafeBufferPointer { units in
            scratch.bytes.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                for k in 0...(count - n) {
                    let start = units[k].lowerBound, end = units[k + n - 1].upperBound
                    hashes.append(StableHash.xxh3_64(UnsafeBufferPointer(start: base + start, count: end - start)))
                }
            }
        }
        scratch.trimText()
    }

    /// The normalized units (words or characters) of `text`, as strings (for tests and tools).
    public func units(of text: String, language: String?) -> [String] {
        let scratch = ShingleScratch()
        withUTF8Bytes(of: text) { units(of: $0, language: language, into: scratch) }
        return scratch.units.map { String(decoding: scratch.bytes[$0], as: UTF8.self) }
    }

    /// The shingles of `text` as the strings that are hashed (for tests and tools).
    public func shingles(of text: String, language: String?) -> [String] {
        let scratch = ShingleScratch()
        withUTF8Bytes(of: text) { units(of: $0, language: language, into: scratch) }
        let count = scratch.units.count
        guard count > 0 else { return [] }
        let n = min(ngram, count)
        return (0...(count - n)).map {
            String(decoding: scratch.bytes[scratch.units[$0].lowerBound..<scratch.units[$0 + n - 1].upperBound], as: UTF8.self)
        }
    }

    /// Fills `scratch.bytes` with the normalized units, one space between words (none between
    /// characters), and `scratch.units` with their ranges.
    func units(of text: UnsafeBufferPointer<UInt8>, language: String?, into scratch: ShingleScratch) {
        scratch.units.removeAll(keepingCapacity: true)
        guard let p = text.baseAddress, !text.isEmpty else { return }
        switch unit {
        case .words:
            let words = Self.words(of: text, language: language)
            scratch.reserve(DedupNormalization.maxOutput(text.count) + words.count)
            let used = normalization.withActions(collapse: true) { actions in
                scratch.bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                    let out = buffer.baseAddress!
                    var o = 0
                    let lower: UInt8 = normalization.lowercase ? 0x20 : 0
                    next: for word in words where !word.isEmpty && word.upperBound <= text.count {
                        // Most words are ASCII letters: copied (lowered) without the general kernel.
                        var k = o > 0 ? o + 1 : 0
                        for i in word {
                            let b = p[i]
                            guard (b | 0x20) &- 0x61 < 26 else { break }
                            out[k] = b | lower
                            k += 1
                        }
                        if k - (o > 0 ? o + 1 : 0) == word.count {
                            if o > 0 { out[o] = 0x20 }
                            o = k
                            continue next
                        }
                        var pending = o > 0
                        o += normalization.normalize(p, word, context: 0..<text.count, actions: actions,
                                                     collapse: true, into: out + o, pending: &pending)
                    }
                    return o
                }
            }
            // Words are the runs between single spaces.
            scratch.bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                for i in 0..<used where buffer[i] == 0x20 {
                    scratch.units.append(start..<i)
                    start = i + 1
                }
                if used > 0 { scratch.units.append(start..<used) }
            }
        case .characters:
            scratch.reserve(DedupNormalization.maxOutput(text.count))
            scratch.bytes.withUnsafeMutableBufferPointer { buffer in
                let out = buffer.baseAddress!
                var pending = false
                let used = normalization.withActions(collapse: normalization.whitespace) { actions in
                    normalization.normalize(p, 0..<text.count, context: 0..<text.count, actions: actions,
                                            collapse: normalization.whitespace, into: out, pending: &pending)
                }
                // Squeeze out whitespace in place; each remaining scalar is a unit.
                var i = 0, o = 0
                while i < used {
                    let (s, n) = PythonText.scalar(UnsafePointer(out), i, used)
                    if (n > 1 || s < 0x80) && PythonText.isSpace(s) { i += n; continue }
                    for k in 0..<n { out[o + k] = out[i + k] }
                    scratch.units.append(o..<(o + n))
                    o += n; i += n
                }
            }
        }
    }

    /// The words of `text` by the segmentation of `language`, or when it is nil, of the script
    /// the text is in (through QuarryText's per-thread word cache, so a filter that tokenized
    /// the same text on this thread already saves the work).
    static func words(of text: UnsafeBufferPointer<UInt8>, language: String?) -> [Range<Int>] {
        let code: String
        if let language {
            code = Self.baseCode(language)
        } else {
            code = containsDictionaryScript(text) ? "zh" : "und"
        }
        return WordCache.words(of: text, language: code)
    }

    /// `language` lower-cased without a region or script ("zh-Hant" → "zh").
    static func baseCode(_ language: String) -> String {
        if language.utf8.allSatisfy({ $0 &- 0x61 < 26 }) { return language }
        let head = language.utf8.prefix { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
        return String(decoding: head.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `text` holds a scalar of a script ICU segments by dictionary: Thai and Lao
    /// (U+0E00–U+0EFF), Myanmar (U+1000–U+109F), Khmer (U+1780–U+17FF), CJK symbols, kana and
    /// Han (U+3000–U+9FFF, U+F900–U+FAFF, U+20000–U+2FFFF). Hangul is written with spaces and is
    /// not among them. Reads lead bytes only.
    static func containsDictionaryScript(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            if b < 0xE0 { i += 1; continue }
            if i + 1 < n {
                let c = text[i + 1]
                switch b {
                case 0xE0 where c >= 0xB8 && c <= 0xBB: return true       // U+0E00–U+0EFF
                case 0xE1 where c >= 0x80 && c <= 0x82: return true       // U+1000–U+10BF
                case 0xE1 where c == 0x9E || c == 0x9F: return true       // U+1780–U+17FF
                case 0xE3...0xE9: return true                             // U+3000–U+9FFF
                case 0xEF where c >= 0xA4 && c <= 0xAB: return true       // U+F900–U+FAFF
                case 0xF0 where c >= 0xA0 && c <= 0xAF: return true       // U+20000–U+2FFFF
                default: break
                }
            }
            i += 1
        }
        return false
    }
}

/// Per-thread buffers of the shingle and signature code, reused from document to document.
final class ShingleScratch {
    /// Normalized text.
    var bytes: [UInt8] = []
    /// Ranges of units in `bytes`.
    var units: [Range<Int>] = []
    /// Shingle hashes of the current document.
    var hashes: [UInt64] = []
    /// The open-addressing set that finds repeated shingle hashes.
    var seen: [UInt64] = []

    /// Frees buffers one huge document grew past 64 MiB, so threads do not keep them.
    func trimText() {
        if bytes.count > 1 << 26 { bytes = [] }
        if units.capacity > 1 << 22 { units = [] }
    }

    /// As `trimText`, for the shingle hashes (not while they are being appended to).
    func trimHashes() {
        if hashes.capacity > 1 << 23 { hashes = [] }
        if seen.count > 1 << 24 { seen = [] }
    }

    /// Makes `bytes` hold at least `count` bytes.
    func reserve(_ count: Int) {
        if bytes.count < count { bytes.append(contentsOf: repeatElement(0, count: count - bytes.count)) }
    }

    /// This thread's scratch, created on first use and freed with the thread.
    static var current: ShingleScratch {
        if let raw = pthread_getspecific(threadKey) {
            return Unmanaged<ShingleScratch>.fromOpaque(raw).takeUnretainedValue()
        }
        let scratch = ShingleScratch()
        pthread_setspecific(threadKey, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }

    static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw = raw as UnsafeMutableRawPointer? else { return }
            Unmanaged<ShingleScratch>.fromOpaque(raw).release()
        }
        return key
    }()
}
