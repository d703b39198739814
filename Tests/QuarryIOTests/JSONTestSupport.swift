// Helpers for the JSON tests: a generator of random JSON text together with the value it
// spells (strings with every escape style, astral characters as surrogate pairs, numbers of
// every shape, nesting), a slow and obviously correct writer, and a comparison with Foundation.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport

/// Pieces random strings are made of: ASCII, quotes, backslashes, controls, and 2-, 3- and
/// 4-byte characters.
let stringAlphabet: [String] = [
    "a", "b", "Z", "0", " ", "hello", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}", "\u{1F}",
    "\u{7F}", "é", "ß", "Ω", "字", "中文", "€", "\u{2028}", "😀", "𝔘", "\u{FEFF}", "\u{0}", "abcdefgh", "<p class=\"x\">",
]

/// Random JSON text and the value it spells.
struct RandomJSON {
    var rng: SplitMix64

    mutating func string() -> (text: String, value: String) {
        let value = rng.string(from: stringAlphabet, count: Int.random(in: 0..<24, using: &rng))
        var text = "\""
        for scalar in value.unicodeScalars {
            switch (scalar, Int.random(in: 0..<4, using: &rng)) {
            case ("\"", _): text += "\\\""
            case ("\\", _): text += "\\\\"
            case ("\n", let k): text += k == 0 ? "\\u000a" : "\\n"
            case ("\r", _): text += "\\r"
            case ("\t", _): text += "\\t"
            case ("\u{8}", _): text += "\\b"
            case ("\u{C}", _): text += "\\f"
            case ("/", 0): text += "\\/"
            case (_, let k) where k < 2 && scalar.value < 0x20:
                text += unicodeEscape(scalar)
            case (_, 0) where scalar.value >= 0x80:
                text += unicodeEscape(scalar)
            default:
                if scalar.value < 0x20 { text += unicodeEscape(scalar) } else { text.unicodeScalars.append(scalar) }
            }
        }
        return (text + "\"", value)
    }

    func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        func hex(_ v: UInt32) -> String {
            let s = String(v, radix: 16, uppercase: v % 2 == 0)
            return "\\u" + String(repeating: "0", count: 4 - s.count) + s
        }
        if scalar.value < 0x10000 { return hex(scalar.value) }
        let v = scalar.value - 0x10000
        return hex(0xD800 + (v >> 10)) + hex(0xDC00 + (v & 0x3FF))
    }

    mutating func number() -> String {
        let forms = ["0", "-0", "7", "-12", "1234567890123456789012", "0.5", "-3.25", "1e10", "1E-7", "2.5e+3", "-0.0e0", "10.125"]
        return forms[Int.random(in: 0..<forms.count, using: &rng)]
    }

    mutating func value(depth: Int = 0) -> (text: String, value: JSONValue) {
        let choice = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng)
        let space = [" ", "", "\n", "\t", "  "][Int.random(in: 0..<5, using: &rng)]
        switch choice {
        case 0: return ("null", .null)
        case 1: let b = Bool.random(using: &rng); return (b ? "true" : "false", .bool(b))
        case 2: let n = number(); return (n, .number(JSONNumber(validatedLiteral: n)))
        case 3, 4: let s = string(); return (s.text, .string(s.value))
        case 5:
            var items: [JSONValue] = []
            var parts: [String] = []
            for _ in 0..<Int.random(in: 0..<4, using: &rng) {
                let v = value(depth: depth + 1)
                items.append(v.value)
                parts.append(space + v.text + space)
            }
            return ("[" + parts.joined(separator: ",") + "]", .array(items))
        default:
            var object = JSONObject()
            var parts: [String] = []
            for _ in 0..<Int.random(in: 0..<4, using: &rng) {
                let k = string()
                let v = value(depth: depth + 1)
                object[k.value] = v.value
                parts.append(space + k.text + space + ":" + space + v.text)
            }
            return ("{" + parts.joined(separator: ",") + "}", .object(object))
        }
    }
}

/// A JSON writer that escapes character by character: slow and obviously correct.
func slowJSON(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n.literal
    case .string(let s): return JSONText.quoted(s)
    case .array(let items): return "[" + items.map(slowJSON).joined(separator: ",") + "]"
    case .object(let o): return "{" + o.map { JSONText.quoted($0.key) + ":" + slowJSON($0.value) }.joined(separator: ",") + "}"
    }
}

/// Whether a Foundation JSONSerialization result means the same as a JSONValue (numbers
/// compared as doubles; Foundation does not keep key order, so objects compare by key).
func sameAsFoundation(_ value: JSONValue, _ object: Any) -> Bool {
    switch value {
    case .null: return object is NSNull
    case .bool(let b): return (object as? NSNumber)?.boolValue == b || (object as? Bool) == b
    case .number(let n):
        guard let number = object as? NSNumber else { return false }
        let d = n.doubleValue
        return number.doubleValue == d || abs(number.doubleValue - d) <= abs(d) * 1e-12
    case .string(let s): return (object as? String).map(withoutBOM) == withoutBOM(s)
    case .array(let items):
        guard let array = object as? [Any], array.count == items.count else { return false }
        return zip(items, array).allSatisfy { sameAsFoundation($0, $1) }
    case .object(let o):
        guard let dict = object as? [String: Any], dict.count == o.count else { return false }
        let theirs = Dictionary(dict.map { (withoutBOM($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        return o.allSatisfy { key, v in theirs[withoutBOM(key)].map { sameAsFoundation(v, $0) } ?? false }
    }
}

/// swift-corelibs-foundation's JSONSerialization drops U+FEFF from strings; the comparison
/// with it ignores that character (our own tests check it is kept).
func withoutBOM(_ s: String) -> String { String(s.unicodeScalars.filter { $0 != "\u{FEFF}" }) }

/// Parses one JSON value with the fast parser.
func parseJSON(_ bytes: [UInt8]) throws -> (value: JSONValue, replacements: Int) {
    let scratch = ByteBuffer()
    return try bytes.withUnsafeBufferPointer { buffer in
        var parser = JSONParser(buffer, scratch: scratch)
        let value = try parser.parseValue()
        guard parser.atEnd() else { throw JSONSyntaxError(offset: parser.offset, message: "trailing characters") }
        return (value, parser.replacements)
    }
}

func parseJSON(_ text: String) throws -> JSONValue { try parseJSON(Array(text.utf8)).value }
