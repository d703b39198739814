// How a language-ID model's labels become `language` and `script` values (DESIGN.md §4.1:
// ISO 639-1 where one exists, else ISO 639-3). Quarry's own model uses `zh-Hans`-style labels;
// fastText's lid.176 uses bare codes (`en`, `zh`, `ceb`); GlotLID uses `eng_Latn`-style
// ISO 639-3 codes with a script. All three read the same way: a language code, optionally
// followed by `-` or `_` and a four-letter ISO 15924 script.

public struct LanguageLabel: Sendable, Equatable {
    /// ISO 639-1 where one exists, else the code as the model spells it.
    public var language: String
    /// The script the label names (`Hans`, `Latn` …), if it names one.
    public var script: String?

    /// Individual languages that GlotLID-style models name, mapped to the macrolanguage's
    /// two-letter code (ISO 639-3 macrolanguage tables: Mandarin → zh, Standard Arabic → ar …).
    static let individualToMacro: [String: String] = [
        "cmn": "zh", "arb": "ar", "pes": "fa", "prs": "fa", "zsm": "ms", "ekk": "et", "lvs": "lv",
        "swh": "sw", "uzn": "uz", "khk": "mn", "azj": "az", "npi": "ne", "ory": "or", "plt": "mg",
        "gaz": "om", "quy": "qu", "ydd": "yi", "nob": "nb", "nno": "nn", "pbt": "ps", "kmr": "ku",
        "hbs": "sh",
    ]

    public init(language: String, script: String?) {
        self.language = language
        self.script = script
    }

    /// Reads a bare label (no `__label__` prefix).
    public init(parsing label: String) {
        var code = Substring(label)
        var script: String?
        if let cut = label.firstIndex(where: { $0 == "-" || $0 == "_" }) {
            code = label[..<cut]
            let rest = label[label.index(after: cut)...]
            if rest.count == 4, rest.first!.isUppercase, rest.allSatisfy({ $0.isASCII && $0.isLetter }) {
                script = String(rest)
            }
        }
        let lower = code.lowercased()
        if lower.count == 3, let two = ISO639Codes.twoLetter[lower] ?? Self.individualToMacro[lower] {
            self.init(language: two, script: script)
        } else {
            self.init(language: lower, script: script)
        }
    }
}
