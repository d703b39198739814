// Text normalization before deduplication, on UTF-8 bytes, so that copies differing only in case,
// spacing, punctuation or numbers hash alike. It follows datatrove 0.10.1's `simplify_text`
// (src/datatrove/utils/text.py), whose steps run in this order:
//   lowercase    Python's `str.lower()`: the simple lower-case mapping of Unicode 14 (Python 3.11),
//                plus U+0130 İ → "i̇" and the capital sigma lowered to final ς at the end of a
//                word (Unicode's Final_Sigma context, which Python applies);
//   digits       every run of decimal digits (\p{Nd}, any script), with at most one decimal
//                separator (. , ، ٫ ⎖ ⎗ ⎘) between two digits, becomes one "0": "3.14" → "0";
//   punctuation  datatrove's PUNCTUATION_SET (QuarryText.PunctuationClasses) becomes a space;
//                `simplify_text` translates only PUNCTUATION, i.e. also removes the sentence
//                ends of other scripts here (the danda, the Arabic question mark ...);
//   whitespace   runs of Python whitespace (`str.isspace`) collapse to one space; ends trimmed.
// `simplify_text` also strips diacritics by default; Quarry does not (no such option here).
// scripts/reference/minhash_golden.py writes the tables (DedupNormalizationTables.swift) and the
// golden outputs the tests compare with. All four steps run in one pass over the bytes; ASCII
// goes through a 128-entry action table, other scalars through a 64 K class table of the Basic
// Multilingual Plane (built once) or binary search above it.
import QuarryText

/// Which of the four normalizations to apply before hashing text for deduplication.
public struct DedupNormalization: Sendable, Hashable {
    /// Lower-case as Python's `str.lower()`.
    public var lowercase: Bool
    /// Collapse runs of whitespace to one space and trim both ends.
    public var whitespace: Bool
    /// Turn punctuation (datatrove's PUNCTUATION_SET) into whitespace.
    public var punctuation: Bool
    /// Replace every number (a run of decimal digits of any script) by "0".
    public var digits: Bool

    public init(lowercase: Bool = true, whitespace: Bool = true, punctuation: Bool = true, digits: Bool = true) {
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.punctuation = punctuation
        self.digits = digits
    }

    /// All four normalizations (MinHash's default).
    public static let all = DedupNormalization()
    /// None: text is hashed as it is.
    public static let none = DedupNormalization(lowercase: false, whitespace: false, punctuation: false, digits: false)

    /// Whether the normalization leaves every text unchanged.
    public var isIdentity: Bool { !lowercase && !whitespace && !punctuation && !digits }

    /// The normalized form of `text`.
    public func normalize(_ text: String) -> String {
        var out: [UInt8] = []
        withUTF8Bytes(of: text) { normalize($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces the contents of `out` with the normalized form of the UTF-8 bytes `text`.
    /// Ill-formed bytes are copied unchanged.
    public func normalize(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        guard let p = text.baseAddress, !text.isEmpty else { return }
        let needed = Self.maxOutput(text.count)
        if out.capacity < needed { out.reserveCapacity(needed) }
        var pending = false
        out.append(contentsOf: repeatElement(0, count: needed))
        let written = withActions(collapse: whitespace) { actions in
            out.withUnsafeMutableBufferPointer { buffer in
                normalize(p, 0..<text.count, context: 0..<text.count, actions: actions, collapse: whitespace,
                          into: buffer.baseAddress!, pending: &pending)
            }
        }
        out.removeLast(needed - written)
    }

    /// The most bytes normalizing `count` bytes can give: lowering turns a 2-byte scalar into
    /// at most 3 bytes (U+0130 into "i̇", U+023A into U+2C65), nothing else grows.
    static func maxOutput(_ count: Int) -> Int { count + count / 2 + 2 }

    // MARK: - The kernel

    /// What to do with an ASCII byte.
    enum Action: UInt8 {
        case copy = 0, separator, space, digit, lower
    }

    /// Calls `body` with the 128 actions of the ASCII bytes under this normalization.
    /// `collapse`: whitespace and punctuation become a pending separator (one space written
    /// before the next kept byte, none at the ends).
    @inline(__always)
    func withActions<R>(collapse: Bool, _ body: (UnsafePointer<Action>) -> R) -> R {
        var key = (lowercase ? 1 : 0) | (punctuation ? 2 : 0) | (digits ? 4 : 0)
        key |= collapse ? 8 : 0
        return Self.actionTables.withUnsafeBufferPointer { body($0.baseAddress! + key * 128) }
    }

    /// The action tables of the 16 combinations of lowercase, punctuation, digits and collapse.
    static let actionTables: [Action] = (0..<16).flatMap { key in
        actions(DedupNormalization(lowercase: key & 1 != 0, whitespace: false, punctuation: key & 2 != 0, digits: key & 4 != 0),
                collapse: key & 8 != 0)
    }

    /// The action of each ASCII byte under `n`.
    static func actions(_ n: DedupNormalization, collapse: Bool) -> [Action] {
        (0..<128).map { b in
            let s = UInt32(b)
            if n.punctuation && PunctuationClasses.isPunctuation(s) { return collapse ? .separator : .space }
            if PythonText.isSpace(s) { return collapse ? .separator : .copy }
            if n.digits && s &- 0x30 < 10 { return .digit }
            if n.lowercase && s &- 0x41 < 26 { return .lower }
            return .copy
        }
    }

    /// Normalizes `p[range]` into `out` (room for `maxOutput(range.count)` bytes) and returns
    /// the bytes written. `context` is the whole text, for the final-sigma rule. `pending`
    /// carries a separator not yet written from one call to the next (collapse mode).
    func normalize(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, context: Range<Int>, actions: UnsafePointer<Action>,
                   collapse: Bool, into out: UnsafeMutablePointer<UInt8>, pending: inout Bool) -> Int {
        var o = 0
        var i = range.lowerBound
        let end = range.upperBound
        var separator = pending
        @inline(__always) func flush() {
            if separator { out[o] = 0x20; o += 1; separator = false }
        }
        while i < end {
            let b = p[i]
            if b < 0x80 {
                switch actions[Int(b)] {
                case .copy: flush(); out[o] = b; o += 1; i += 1
                case .lower: flush(); out[o] = b | 0x20; o += 1; i += 1
                case .separator: separator = o > 0 || pending; i += 1
                case .space: out[o] = 0x20; o += 1; i += 1
                case .digit: flush(); out[o] = 0x30; o += 1; i = Self.skipNumber(p, i, end)
                }
                continue
            }
            let (s, n) = PythonText.scalar(p, i, end)
            if n == 1 {  // not valid UTF-8: the byte as it is
                flush(); out[o] = b; o += 1; i += 1
                continue
            }
            let c = Self.scalarClass(s)
            if c == 0 {
                flush()
                for k in 0..<n { out[o + k] = p[i + k] }
                o += n; i += n
            } else if digits && c & Self.digitClass != 0 {
                // Before punctuation: datatrove replaces numbers first, and PUNCTUATION holds "１".
                flush(); out[o] = 0x30; o += 1
                i = Self.skipNumber(p, i, end)
            } else if punctuation && c & Self.punctuationClass != 0 {
                if collapse { separator = o > 0 || pending } else { out[o] = 0x20; o += 1 }
                i += n
            } else if c & Self.spaceClass != 0 {
                if collapse { separator = o > 0 || pending } else { flush(); for k in 0..<n { out[o + k] = p[i + k] }; o += n }
                i += n
            } else if lowercase && c & Self.lowerClass != 0 {
                flush()
                o += Self.writeLower(s, p, i, context, out + o)
                i += n
            } else {
                flush()
                for k in 0..<n { out[o + k] = p[i + k] }
                o += n; i += n
            }
        }
        pending = separator
        return o
    }

    /// The end of the number starting at `i` (a digit): datatrove's NUMBERS_PATTERN,
    /// `\p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)?`.
    @inline(__always)
    static func skipNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = skipDigits(p, start, end)
        if i < end {
            let (s, n) = PythonText.scalar(p, i, end)
            let isSeparator = s == 0x2E || s == 0x2C || s == 0x060C || s == 0x066B || (s &- 0x2396) < 3
            if isSeparator && n == UTF8Length.of(s), i + n < end {
                let after = skipDigits(p, i + n, end)
                if after > i + n { i = after }
            }
        }
        return i
    }

    @inline(__always)
    static func skipDigits(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end {
            let b = p[i]
            if b < 0x80 {
                if b &- 0x30 < 10 { i += 1; continue }
                return i
            }
            let (s, n) = PythonText.scalar(p, i, end)
            guard n > 1, scalarClass(s) & digitClass != 0 else { return i }
            i += n
        }
        return i
    }

    /// Writes the lower case of `s` (a scalar with a lower-case mapping, at `p[i]`) and returns
    /// its length in bytes.
    static func writeLower(_ s: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ context: Range<Int>,
                           _ out: UnsafeMutablePointer<UInt8>) -> Int {
        if s == 0x130 {  // İ → i + COMBINING DOT ABOVE
            out[0] = 0x69; out[1] = 0xCC; out[2] = 0x87
            return 3
        }
        var target = lowerScalar(s)
        if s == 0x3A3 && isFinalSigma(p, i, context) { target = 0x3C2 }
        return UTF8Length.write(target, out)
    }

    /// Unicode's Final_Sigma condition (as Python's `str.lower()` tests it): a cased letter
    /// before the sigma, and none after it, skipping case-ignorable characters both ways.
    static func isFinalSigma(_ p: UnsafePointer<UInt8>, _ i: Int, _ context: Range<Int>) -> Bool {
        var j = i
        var before: Unicode.Scalar?
        while j > context.lowerBound {
            j = PythonText.scalarStart(p, before: j, from: context.lowerBound)
            let s = Unicode.Scalar(PythonText.scalar(p, j, context.upperBound).value) ?? "\u{FFFD}"
            if !s.properties.isCaseIgnorable { before = s; break }
        }
        guard let before, before.properties.isCased else { return false }
        var k = i + 2  // Σ is two bytes
        while k < context.upperBound {
            let (v, n) = PythonText.scalar(p, k, context.upperBound)
            let s = Unicode.Scalar(v) ?? "\u{FFFD}"
            if !s.properties.isCaseIgnorable { return !s.properties.isCased }
            k += n
        }
        return true
    }
}

/// UTF-8 lengths and encoding of scalars.
enum UTF8Length {
    @inline(__always) static func of(_ s: UInt32) -> Int { s < 0x80 ? 1 : s < 0x800 ? 2 : s < 0x10000 ? 3 : 4 }

    @inline(__always) static func write(_ s: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        if s < 0x80 { out[0] = UInt8(s); return 1 }
        if s < 0x800 {
            out[0] = UInt8(0xC0 | (s >> 6)); out[1] = UInt8(0x80 | (s & 0x3F))
            return 2
        }
        if s < 0x10000 {
            out[0] = UInt8(0xE0 | (s >> 12)); out[1] = UInt8(0x80 | ((s >> 6) & 0x3F)); out[2] = UInt8(0x80 | (s & 0x3F))
            return 3
        }
        out[0] = UInt8(0xF0 | (s >> 18)); out[1] = UInt8(0x80 | ((s >> 12) & 0x3F))
        out[2] = UInt8(0x80 | ((s >> 6) & 0x3F)); out[3] = UInt8(0x80 | (s & 0x3F))
        return 4
    }
}
