// Templates that stand for a few words of running text. Removing every template (pass 1)
// would cut sentences: "a distance of {{convert|5|km}} from" would read "a distance of  from".
// These few, among the most used inline templates on English Wikipedia, are replaced by the
// text they show instead (simplified: `convert` gives the value and unit as written, not the
// converted value). Every other template is removed.
//
//   text            ndash –, mdash —, snd " – ", nbsp, ', okina ʻ, middot ·, bull •, ! |, = ...
//                   (| and = as text, so that they do not split the arguments around them)
//   first argument  nowrap, small, big, em, strong, var, code, mono, math, mvar, abbr, proper name,
//                   visible anchor, small caps, ill (interlanguage link), nihongo, flag, 1x,
//                   lang-xx (any `lang-` name), keypress, tooltip, dfn, text
//   second argument lang, langx, script
//   all arguments   sic, not a typo, linktext (joined); transl (the last one)
//   special         convert/cvt (5 km; 5–10 km), frac/sfrac (1/2, 1 1/2), c./circa (c. 1900),
//                   as of (As of 2020 / As of May 2020), val (1.2 kg), quote/blockquote (the quote
//                   as a paragraph of its own)
//
// The template's text reaches this point with nested templates already resolved; links and
// quotes in arguments are kept for the later passes.
import QuarryCore

/// Argument ranges of one template (reused between templates).
struct TemplateArguments {
    var positional: [Range<Int>] = []
    var named: [(name: [UInt8], value: Range<Int>)] = []
}

/// Renders the templates that stand for text.
enum TextTemplates {
    enum Rule {
        case text(String)
        /// Text that is not markup: `{{!}}` and `{{=}}` stand for a `|` or `=` that must not
        /// split the arguments of the template around them (written escaped, as verbatim text).
        case escaped(String)
        case argument(Int)
        case joined
        case last
        case convert
        case fraction
        case circa
        case asOf
        case value
        case quote
    }

    static let rules: [String: Rule] = {
        var rules: [String: Rule] = [
            "ndash": .text("–"), "mdash": .text("—"), "snd": .text(" – "), "spnd": .text(" – "), "spaced ndash": .text(" – "),
            "sndash": .text(" – "), "nbsp": .text("\u{A0}"), "'": .text("'"), "\"": .text("\""), "'s": .text("'s"),
            "okina": .text("ʻ"), "·": .text("·"), "dot": .text("·"), "middot": .text("·"), "bull": .text("•"),
            "bullet": .text("•"), "!": .escaped("|"), "=": .escaped("="), "pipe": .escaped("|"), "-": .text(""), "shy": .text(""),
            "zwsp": .text(""), "sp": .text(" "), "space": .text(" "), "thinsp": .text("\u{2009}"), "en dash": .text("–"),
            "em dash": .text("—"), "tilde": .text("~"), "!!": .escaped("||"), "times": .text("×"), "spaces": .text(" "),
            "lang": .argument(2), "langx": .argument(2), "script": .argument(2),
            "sic": .joined, "not a typo": .joined, "linktext": .joined, "transl": .last,
            "convert": .convert, "cvt": .convert, "frac": .fraction, "sfrac": .fraction, "fraction": .fraction,
            "c.": .circa, "circa": .circa, "ca.": .circa, "as of": .asOf, "val": .value,
            "quote": .quote, "blockquote": .quote, "quotation": .quote, "cquote": .quote,
        ]
        for name in ["nowrap", "nobr", "nobreak", "small", "smaller", "big", "larger", "large", "em", "strong", "var",
                     "mono", "code", "tt", "samp", "abbr", "proper name", "visible anchor", "vanchor", "small caps",
                     "smallcaps", "sc", "ill", "interlanguage link", "interlanguage link multi", "nihongo", "nihongo2",
                     "flag", "flagcountry", "flagu", "1x", "keypress", "tooltip", "dfn", "text", "highlight", "math", "mvar"] {
            rules[name] = .argument(1)
        }
        return rules
    }()

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// Writes the text `body` (a template's name and arguments, braces removed) stands for and
    /// returns true, or returns false for a template that is removed.
    static func render(_ body: UnsafeBufferPointer<UInt8>, arguments: inout TemplateArguments, into out: ByteBuffer) -> Bool {
        guard let base = body.baseAddress else { return false }
        let n = body.count
        var nameEnd = 0
        while nameEnd < n && base[nameEnd] != 0x7C { nameEnd += 1 }
        guard let name = normalizedName(UnsafeBufferPointer(start: base, count: nameEnd)) else { return false }
        let rule: Rule
        if let known = rules[name] {
            rule = known
        } else if name.hasPrefix("lang-") {
            rule = .argument(1)
        } else {
            return false
        }
        split(base, n, from: nameEnd, into: &arguments)
        let p = arguments.positional
        func arg(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
            k >= 1 && k <= p.count ? UnsafeBufferPointer(rebasing: body[p[k - 1]]) : nil
        }
        func named(_ key: String) -> UnsafeBufferPointer<UInt8>? {
            let key = Array(key.utf8)
            guard let hit = arguments.named.first(where: { $0.name == key }) else { return nil }
            return UnsafeBufferPointer(rebasing: body[hit.value])
        }
        func write(_ bytes: UnsafeBufferPointer<UInt8>?) {
            if let bytes, let b = bytes.baseAddress { out.append(UnsafeRawPointer(b), count: bytes.count) }
        }
        switch rule {
        case .text(let text):
            out.append(text)
        case .escaped(let text):
            for byte in text.utf8 {
                out.append(escapeByte)
                out.append(byte ^ 0x80)
            }
        case .argument(let k):
            write(arg(k))
        case .joined:
            for k in 1...max(1, p.count) { write(arg(k)) }
        case .last:
            write(arg(p.count))
        case .convert:
            write(arg(1))
            if p.count >= 4, let joiner = arg(2), let word = rangeWord(joiner) {
                out.append(word)
                write(arg(3))
                out.append(" ")
                write(arg(4))
            } else if p.count >= 2 {
                out.append(" ")
                write(arg(2))
            }
        case .fraction:
            switch p.count {
            case 0: break
            case 1:
                out.append("1/")
                write(arg(1))
            case 2:
                write(arg(1))
                out.append("/")
                write(arg(2))
            default:
                write(arg(1))
                out.append(" ")
                write(arg(2))
                out.append("/")
                write(arg(3))
            }
        case .circa:
            out.append("c. ")
            write(arg(1))
        case .asOf:
            let lower = named("lc").map { $0.count > 0 } ?? false
            out.append(lower ? "as of " : "As of ")
            if let month = arg(2).flatMap({ Int(decimal: Array($0)) }), (1...12).contains(month) {
                if let day = arg(3).flatMap({ Int(decimal: Array($0)) }), (1...31).contains(day) {
                    out.append("\(day) ")
                }
                out.append(months[month - 1] + " ")
            }
            write(arg(1))
        case .value:
            write(arg(1))
            if let exponent = named("e"), exponent.count > 0 {
                out.append("×10^")
                write(exponent)
            }
            if let unit = named("u") ?? named("ul"), unit.count > 0 {
                out.append(" ")
                write(unit)
            }
        case .quote:
            guard let text = named("text") ?? named("quote") ?? arg(1) else { return true }
            out.append("\n")
            write(text)
            out.append("\n")
        }
        return true
    }

    /// How a range joiner of `convert` reads ("5 to 10 km", "5–10 km"), nil if it is a unit.
    private static func rangeWord(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch String(decoding: bytes, as: UTF8.self) {
        case "-", "–", "to(-)", "-to-": return "–"
        case "to", "and", "or", "by", "and(-)", "or(-)", "x", "×", "+", "+/-", "±": return " \(String(decoding: bytes, as: UTF8.self)) "
        default: return nil
        }
    }

    /// A template name as the rules spell it: trimmed, ASCII lower case, `_` as space, runs
    /// of spaces as one, without a `Template:` prefix. Nil for parser functions, magic words
    /// with arguments (`DEFAULTSORT:`) and names that cannot be in the table.
    static func normalizedName(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.count <= 64 else { return nil }
        var name: [UInt8] = []
        name.reserveCapacity(raw.count)
        var space = false
        var k = 0
        while k < raw.count {
            let b = raw[k]
            k += 1
            if b == 0x20 || b == 0x5F || b == 0x09 || b == 0x0A {
                space = !name.isEmpty
                continue
            }
            if b == escapeByte {    // verbatim text in a name: not a name of the table
                return nil
            }
            if space { name.append(0x20); space = false }
            name.append(b &- 0x41 < 26 ? b | 0x20 : b)
        }
        if name.first == 0x23 { return nil }
        let text = String(decoding: name, as: UTF8.self)
        if text.hasPrefix("template:") { return String(text.dropFirst(9)).trimmingSpaces }
        if text.contains(":") && text != "c." { return nil }
        return text
    }

    /// Splits the arguments after the name (at `|` outside links) into positional and named ones.
    private static func split(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int, into arguments: inout TemplateArguments) {
        arguments.positional.removeAll(keepingCapacity: true)
        arguments.named.removeAll(keepingCapacity: true)
        guard start < n else { return }
        var k = start + 1
        var argStart = k
        var depth = 0
        var equals = -1
        func add(_ end: Int) {
            if equals >= 0 && depth == 0 {
                let key = trimmed(base, argStart, equals)
                let keyBytes = Array(UnsafeBufferPointer(start: base + key.lowerBound, count: key.count)).map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
                let value = trimmed(base, equals + 1, end)
                if let index = Int(decimal: keyBytes), index >= 1, index <= 50 {
                    while arguments.positional.count < index { arguments.positional.append(value.lowerBound..<value.lowerBound) }
                    arguments.positional[index - 1] = value
                } else {
                    arguments.named.append((keyBytes, value))
                }
            } else {
                arguments.positional.append(trimmed(base, argStart, end))
            }
        }
        while k < n {
            let c = base[k]
            if c == 0x5B && k + 1 < n && base[k + 1] == 0x5B {
                depth += 1
                k += 2
                continue
            }
            if c == 0x5D && k + 1 < n && base[k + 1] == 0x5D && depth > 0 {
                depth -= 1
                k += 2
                continue
            }
            if depth == 0 {
                if c == 0x7C {
                    add(k)
                    argStart = k + 1
                    equals = -1
                } else if c == 0x3D && equals < 0 {
                    equals = k
                }
            }
            k += 1
        }
        add(n)
    }

    private static func trimmed(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var s = start
        var e = end
        while s < e && (base[s] == 0x20 || base[s] == 0x0A || base[s] == 0x09) { s += 1 }
        while e > s && (base[e - 1] == 0x20 || base[e - 1] == 0x0A || base[e - 1] == 0x09) { e -= 1 }
        return s..<e
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
