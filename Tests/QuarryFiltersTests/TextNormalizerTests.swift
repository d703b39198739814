// text_normalize_v1 against a slow twin written over `unicodeScalars` straight from the option
// descriptions (map characters, split into lines, lay out each line, limit blank lines, trim),
// on fixed cases and on seeded random strings made of tricky pieces, for several option
// combinations; then the stage through `run(on:stats:)`: counters, drop reasons, untouched text.
import Foundation
import QuarryCore
import QuarryFilters
import QuarryTestSupport
import Testing


/// Foundation's normalization, composed as UAX #15 defines it (see QuarryTextTests for why
/// the decomposition is reordered explicitly).
func twinUnicodeNormalized(_ text: String, _ form: TextNormalizer.Form) -> String {
    func ordered(_ s: String) -> String {
        var out = String.UnicodeScalarView(), run: [Unicode.Scalar] = []
        func ccc(_ c: Unicode.Scalar) -> UInt8 { c.properties.canonicalCombiningClass.rawValue }
        func flush() {
            out.append(contentsOf: run.enumerated().sorted { (ccc($0.1), $0.0) < (ccc($1.1), $1.0) }.map(\.1))
            run.removeAll()
        }
        for c in s.unicodeScalars { if ccc(c) == 0 { flush(); out.append(c) } else { run.append(c) } }
        flush()
        return String(out)
    }
    switch form {
    case .none: return text
    case .nfc: return ordered(text.decomposedStringWithCanonicalMapping).precomposedStringWithCanonicalMapping
    case .nfkc: return ordered(text.decomposedStringWithCompatibilityMapping).precomposedStringWithCanonicalMapping
    case .nfd: return ordered(text.decomposedStringWithCanonicalMapping)
    case .nfkd: return ordered(text.decomposedStringWithCompatibilityMapping)
    }
}

/// The slow twin of text_normalize_v1, one rule at a time.
func twinNormalized(_ text: String, _ o: TextNormalizer.Options) -> String {
    let spaces: Set<UInt32> = [0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
                               0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000]
    let invisible: Set<UInt32> = [0x200B, 0x2060, 0xFEFF, 0xAD]
    let input = Array(twinUnicodeNormalized(text, o.form).unicodeScalars)
    // 1. Characters.
    var mapped: [Unicode.Scalar] = []
    var k = 0
    while k < input.count {
        let scalar = input[k], c = scalar.value
        k += 1
        if o.newlines && c == 0x0D {
            if k < input.count && input[k] == "\n" { k += 1 }
            mapped.append("\n")
        } else if o.newlines && (c == 0x85 || c == 0x2028 || c == 0x2029) {
            mapped.append("\n")
        } else if o.controlChars && ((c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F
                                        || (c >= 0x80 && c <= 0x9F && c != 0x85)) {
            continue
        } else if o.invisible && invisible.contains(c) {
            continue
        } else if o.unicodeSpaces && spaces.contains(c) {
            mapped.append(" ")
        } else {
            mapped.append(scalar)
        }
    }
    // 2. Lines: every "\n" ends one; the part after the last "\n" is unterminated.
    let isBlank = { (c: Unicode.Scalar) in c == " " || c == "\t" }
    var lines = mapped.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    for index in lines.indices {
        if o.collapseSpaces {
            var collapsed: [Unicode.Scalar] = []
            var previousBlank = false
            for c in lines[index] {
                if !isBlank(c) { collapsed.append(c) } else if !previousBlank { collapsed.append(" ") }
                previousBlank = isBlank(c)
            }
            lines[index] = collapsed
        }
        if o.trailingWhitespace { while let last = lines[index].last, isBlank(last) { lines[index].removeLast() } }
    }
    // 3. Blank lines.
    var out: [Unicode.Scalar] = []
    var blankRun = 0
    for (index, line) in lines.enumerated() {
        guard index < lines.count - 1 else { out += line; break }
        if line.isEmpty {
            blankRun += 1
            if o.maxBlankLines >= 0 && blankRun > o.maxBlankLines { continue }
        } else {
            blankRun = 0
        }
        out += line + ["\n"]
    }
    // 4. Trim: ASCII whitespace at both ends.
    if o.trim {
        let ws: Set<Unicode.Scalar> = [" ", "\t", "\n", "\u{B}", "\u{C}", "\r"]
        while let first = out.first, ws.contains(first) { out.removeFirst() }
        while let last = out.last, ws.contains(last) { out.removeLast() }
    }
    // Characters removed next to combining marks can leave the text unnormalized.
    return twinUnicodeNormalized(String(String.UnicodeScalarView(out)), o.form)
}

func options(_ configure: (inout TextNormalizer.Options) -> Void) -> TextNormalizer.Options {
    var o = TextNormalizer.Options()
    configure(&o)
    return o
}

/// What the stage makes of `text` (its public entry point, the one `process` uses).
func normalized(_ text: String, _ o: TextNormalizer.Options) throws -> String {
    try TextNormalizer(options: o).normalize(text) ?? text
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

let trickyPieces = ["\r\n", "\r", " ", "\t", "\u{A0}", "\u{3000}", "\u{200B}", "\u{85}", "\u{2028}", "\u{1}", "é",
                    "e\u{301}", "字", "😀", "\n", "\n\n\n", "a", "word",
                    // beyond the brief's alphabet: the other mapped characters, kept look-alikes,
                    // marks that compose across removed characters, long ASCII runs.
                    "\u{2029}", "\u{2003}", "\u{202F}", "\u{1680}", "\u{FEFF}", "\u{AD}", "\u{2060}", "\u{200D}",
                    "\u{200C}", "\u{7F}", "\u{9F}", "\u{B}", "\u{C}", "\u{0}", "\u{301}", "\u{316}", "ﬁ", "Ａ",
                    "\u{FF9E}", "か", "plain ascii run ", "  \t "]

let optionCombinations: [(name: String, options: TextNormalizer.Options)] = [
    ("defaults", TextNormalizer.Options()),
    ("defaults without form", options { $0.form = .none }),
    ("everything off", options {
        $0.form = .none; $0.newlines = false; $0.controlChars = false; $0.invisible = false
        $0.unicodeSpaces = false; $0.trailingWhitespace = false; $0.maxBlankLines = -1; $0.trim = false
    }),
    ("collapse, no blank lines", options { $0.form = .none; $0.collapseSpaces = true; $0.maxBlankLines = 0 }),
    ("layout only, keep characters", options {
        $0.form = .none; $0.newlines = false; $0.controlChars = true; $0.invisible = false; $0.unicodeSpaces = false
        $0.collapseSpaces = true; $0.maxBlankLines = 1
    }),
    ("mapping only, no layout", options {
        $0.form = .none; $0.trailingWhitespace = false; $0.maxBlankLines = -1; $0.trim = false
    }),
    ("no trim, one blank line", options { $0.form = .none; $0.trim = false; $0.maxBlankLines = 1 }),
    ("nfkc collapse", options { $0.form = .nfkc; $0.collapseSpaces = true }),
    ("nfd, trim only", options { $0.form = .nfd; $0.trailingWhitespace = false; $0.maxBlankLines = -1 }),
    ("nfkd everything", options { $0.form = .nfkd; $0.collapseSpaces = true; $0.maxBlankLines = 0 }),
]

func randomText(_ rng: inout SplitMix64) -> String {
    var text = ""
    for _ in 0..<rng.below(30) { text += trickyPieces[rng.below(trickyPieces.count)] }
    return text
}

@Test func fixedCasesMatchHandWrittenResults() throws {
    let defaults = TextNormalizer.Options()
    let cases: [(String, TextNormalizer.Options, String)] = [
        ("  Hello\r\nworld \t\r\n\r\n\r\n\r\n\rend  \n\n", defaults, "Hello\nworld\n\n\nend"),
        ("a\u{85}b\u{2028}c\u{2029}d", defaults, "a\nb\nc\nd"),
        ("ctl\u{1}\u{7F}\u{9F}\u{80}s\tkept", defaults, "ctls\tkept"),
        ("zero\u{200B}width\u{2060}\u{FEFF}soft\u{AD}hy", defaults, "zerowidthsofthy"),
        ("joiners\u{200D}\u{200C}stay", defaults, "joiners\u{200D}\u{200C}stay"),
        ("nb\u{A0}sp\u{3000}ideo\u{2003}em\u{202F}narrow", defaults, "nb sp ideo em narrow"),
        ("cafe\u{301}", defaults, "caf\u{E9}"),
        ("ﬁ Ａ", options { $0.form = .nfkc }, "fi A"),
        ("a  \t b", options { $0.collapseSpaces = true }, "a b"),
        ("a\tb", options { $0.collapseSpaces = true }, "a b"),
        ("x\n\n\n\n\ny", options { $0.maxBlankLines = 0 }, "x\ny"),
        ("x\n  \n\t\n\ny", options { $0.maxBlankLines = 1 }, "x\n\ny"),
        ("x\n\n\n\n\ny", options { $0.maxBlankLines = -1 }, "x\n\n\n\n\ny"),
        ("\n\n  x  \n\n", options { $0.trim = false }, "\n\n  x\n\n"),
        ("a\r\nb\rc", options { $0.newlines = false }, "a\r\nb\rc"),
        ("a\u{85}b", options { $0.newlines = false }, "a\u{85}b"),
        ("e\u{200B}\u{301}", defaults, "\u{E9}"),
        ("a\u{301}\u{200B}\u{316}", options { $0.form = .nfd }, "a\u{316}\u{301}"),
        ("\u{200B}\u{A0}\n\t", defaults, ""),
    ]
    for (text, o, expected) in cases {
        let actual = try normalized(text, o)
        #expect(bytes(actual) == bytes(expected), "\(text.debugDescription) -> \(actual.debugDescription)")
        #expect(bytes(twinNormalized(text, o)) == bytes(expected), "twin of \(text.debugDescription)")
    }
}

@Test(arguments: optionCombinations.indices)
func randomTextsMatchTheTwin(_ combination: Int) throws {
    let (name, o) = optionCombinations[combination]
    let stage = try TextNormalizer(options: o)
    var rng = SplitMix64(seed: 0xC0FFEE + UInt64(combination))
    for _ in 0..<600 {
        let text = randomText(&rng)
        let result = try stage.normalize(text)
        let expected = twinNormalized(text, o)
        #expect(bytes(result ?? text) == bytes(expected), "\(name): \(text.debugDescription)")
        // nil exactly when nothing changed.
        #expect((result == nil) == (bytes(expected) == bytes(text)), "\(name): \(text.debugDescription)")
    }
}

@Test func randomOptionsMatchTheTwin() throws {
    var rng = SplitMix64(seed: 2024)
    for _ in 0..<1500 {
        let o = options {
            $0.form = rng.below(4) == 0 ? .nfc : .none
            $0.newlines = rng.bool(); $0.controlChars = rng.bool(); $0.invisible = rng.bool()
            $0.unicodeSpaces = rng.bool(); $0.trailingWhitespace = rng.bool(); $0.collapseSpaces = rng.bool()
            $0.maxBlankLines = rng.below(5) - 1; $0.trim = rng.bool()
        }
        let text = randomText(&rng)
        #expect(bytes(try normalized(text, o)) == bytes(twinNormalized(text, o)), "\(o): \(text.debugDescription)")
    }
}

@Test func runCountsChangesAndDropsEmptyDocuments() throws {
    let stage = try TextNormalizer(options: TextNormalizer.Options())
    let untouched = ["plain text", "déjà vu, already NFC", "line one\nline two", "字😀 x\u{301}"]
    var batch = DocumentBatch(documents: [
        Document(id: "0", text: untouched[0]),
        Document(id: "1", text: "  padded  \r\n"),
        Document(id: "2", text: " \u{200B}\n\u{A0}\t"),
        Document(id: "3", text: untouched[1]),
        Document(id: "4", text: "cafe\u{301}"),
        Document(id: "5", text: ""),
        Document(id: "6", text: untouched[2]),
        Document(id: "7", text: untouched[3], metadata: ["k": .string("v")]),
    ])
    var stats = StageStats()
    try stage.run(on: &batch, stats: &stats)

    #expect(batch.documents.map(\.id) == ["0", "1", "3", "4", "6", "7"])
    #expect(bytes(batch.documents[1].text) == bytes("padded"))
    #expect(bytes(batch.documents[3].text) == bytes("caf\u{E9}"))
    for (document, original) in zip([0, 2, 4, 5].map { batch.documents[$0] }, untouched) {
        #expect(bytes(document.text) == bytes(original), "document \(document.id) must keep its exact bytes")
    }
    #expect(batch.documents[5].metadata["k"] == .string("v"))
    #expect(stats.counters["changed_documents"] == 2)
    #expect(stats.dropped == [TextNormalizer.emptyReason: 2])
    #expect(stats.documentsIn == 8 && stats.kept == 6)
    #expect(batch.rejected.map(\.document.id) == ["2", "5"])
    #expect(batch.rejected.allSatisfy { $0.reason == "empty_after_normalize" && $0.stage == "text_normalize_v1" })
    // Rejects keep the text as it came in, for inspection.
    #expect(bytes(batch.rejected[0].document.text) == bytes(" \u{200B}\n\u{A0}\t"))
}

@Test func unchangedBatchCountsZeroChanges() throws {
    let stage = try TextNormalizer(options: TextNormalizer.Options())
    var batch = DocumentBatch(documents: [Document(id: "a", text: "fine"), Document(id: "b", text: "also fine")])
    var stats = StageStats()
    try stage.run(on: &batch, stats: &stats)
    #expect(stats.counters["changed_documents"] == 0)
    #expect(stats.dropped.isEmpty && batch.documents.count == 2)
}

@Test func optionsDecodeAndValidate() throws {
    let config = ConfigValue.mapping([
        (key: "form", value: .scalar("nfkc")), (key: "collapse_spaces", value: .scalar("true")),
        (key: "max_blank_lines", value: .scalar("-1")),
    ])
    let o = try TextNormalizer.Options(config: config)
    #expect(o.form == .nfkc && o.collapseSpaces && o.maxBlankLines == -1 && o.trim)
    #expect(try TextNormalizer.Options(config: nil) == TextNormalizer.Options())
    #expect(throws: ConfigError.self) { try TextNormalizer.Options(config: .mapping([(key: "form", value: .scalar("nfx"))])) }
    #expect(throws: ConfigError.self) { try TextNormalizer.Options(config: .mapping([(key: "max_blank_lines", value: .scalar("-2"))])) }
    #expect(throws: ConfigError.self) { try TextNormalizer.Options(config: .mapping([(key: "trim_text", value: .scalar("true"))])) }
    #expect(TextNormalizer.Options.fields.map(\.name) == ["form", "newlines", "control_chars", "invisible", "unicode_spaces",
                                                          "trailing_whitespace", "collapse_spaces", "max_blank_lines", "trim"])
    #expect(TextNormalizer.id.isWellFormed)
}
