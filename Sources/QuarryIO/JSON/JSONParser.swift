// A JSON parser over UTF-8 bytes (RFC 8259), for JSONL corpus files: strings are scanned
// eight bytes at a time and decoded straight into String storage, numbers keep their literal,
// objects keep key order. Invalid UTF-8 inside strings becomes U+FFFD (counted in
// `replacements`), never an error; lone UTF-16 surrogates in \u escapes too. Nesting is
// limited so that hostile input cannot exhaust the stack. Tested against Foundation's
// JSONSerialization (Tests/QuarryIOTests/JSONParserTests.swift).
import Glibc
import QuarryCore

/// A syntax error at a byte offset of the parsed text.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the error from the start of the text.
    public var offset: Int
    public var message: String
    public var description: String { "invalid JSON at byte \(offset): \(message)" }

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// Parses JSON values from a byte buffer.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    let start: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var p: UnsafePointer<UInt8>
    let scratch: ByteBuffer
    var depth = 0
    /// Number of U+FFFD characters put in place of invalid UTF-8 or lone surrogates.
    public private(set) var replacements = 0

    /// - Parameter scratch: a buffer reused across parses for strings with escapes.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, scratch: ByteBuffer) {
        let base = bytes.baseAddress ?? UnsafePointer(scratch.base)
        start = base
        end = base + bytes.count
        p = base
        self.scratch = scratch
    }

    /// Byte offset of the parser's position.
    public var offset: Int { p - start }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: p - start, message: message)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while p < end {
            let c = p.pointee
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            p += 1
        }
    }

    /// Whether only whitespace is left.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return p == end
    }

    /// Parses one value (leading whitespace allowed).
    public mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard p < end else { throw error("expected a value, found the end of the line") }
        switch p.pointee {
        case 0x22:
            p += 1
            return .string(try parseStringBody())
        case 0x7B: return .object(try parseObject())
        case 0x5B: return .array(try parseArray())
        case 0x74: try expectWord("true"); return .bool(true)
        case 0x66: try expectWord("false"); return .bool(false)
        case 0x6E: try expectWord("null"); return .null
        case 0x2D, 0x30...0x39: return .number(try parseNumber())
        default: throw error("unexpected character '\(printable(p.pointee))'")
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(p, word.utf8Start, n) == 0 else { throw error("invalid literal") }
        p += n
    }

    /// Parses an object; `p` is at its `{`.
    public mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        p += 1
        var object = JSONObject()
        skipWhitespace()
        if p < end, p.pointee == 0x7D { p += 1; return object }
        while true {
            let key = try parseKey()
            object[key] = try parseValue()
            skipWhitespace()
            guard p < end else { throw error("unterminated object") }
            let c = p.pointee
            p += 1
            if c == 0x2C { continue }
            if c == 0x7D { return object }
            p -= 1
            throw error("expected ',' or '}' in object, found '\(printable(c))'")
        }
    }

    /// Parses `"key" :` (leading whitespace allowed) and returns the key.
    public mutating func parseKey() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard p < end, p.pointee == 0x22 else { throw error("expected a string key") }
        p += 1
        let key = try parseStringBody()
        skipWhitespace()
        guard p < end, p.pointee == 0x3A else { throw error("expected ':' after an object key") }
        p += 1
        return key
    }

    mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        p += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if p < end, p.pointee == 0x5D { p += 1; return items }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard p < end else { throw error("unterminated array") }
            let c = p.pointee
            p += 1
            if c == 0x2C { continue }
            if c == 0x5D { return items }
            p -= 1
            throw error("expected ',' or ']' in array, found '\(printable(c))'")
        }
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    /// Parses a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let first = p
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if p.pointee == 0x2D { p += 1 }
        guard p < end, isDigit(p.pointee) else { throw error("invalid number") }
        if p.pointee == 0x30 { p += 1 } else { while p < end, isDigit(p.pointee) { p += 1 } }
        if p < end, p.pointee == 0x2E {
            p += 1
            guard p < end, isDigit(p.pointee) else { throw error("invalid number: digits must follow '.'") }
            while p < end, isDigit(p.pointee) { p += 1 }
        }
        if p < end, p.pointee | 0x20 == 0x65 {
            p += 1
            if p < end, p.pointee == 0x2B || p.pointee == 0x2D { p += 1 }
            guard p < end, isDigit(p.pointee) else { throw error("invalid number: digits must follow the exponent") }
            while p < end, isDigit(p.pointee) { p += 1 }
        }
        let literal = String(decoding: UnsafeBufferPointer(start: first, count: p - first), as: UTF8.self)
        return JSONNumber(validatedLiteral: literal)
    }

    /// Parses a string's contents; `p` is just past the opening quote. Strings without
    /// escapes or invalid bytes become Strings straight from the input; the others are
    /// decoded into the scratch buffer, copying eight bytes at a time while scanning.
    public mutating func parseStringBody() throws(JSONSyntaxError) -> String {
        let first = p
        var ascii = true
        while true {
            while end - p >= 8 {
                let stops = stringReaderStops(SWAR.load(p))
                if stops != 0 {
                    p += SWAR.firstIndex(stops)
                    break
                }
                p += 8
            }
            guard p < end else { throw error("unterminated string") }
            let c = p.pointee
            if c == 0x22 {
                let s = String(validatedUTF8: UnsafeBufferPointer(start: first, count: p - first), isASCII: ascii)
                p += 1
                return s
            } else if c >= 0x80 {
                let n = validSequenceLength(p, end)
                if n == 0 { break }
                ascii = false
                p += n
            } else if c == 0x5C {
                break
            } else if c < 0x20 {
                throw controlCharacterError(c)
            } else {
                p += 1
            }
        }
        scratch.removeAll()
        scratch.append(first, count: p - first)
        return try parseStringBodyWithEscapes(ascii: ascii)
    }

    /// The rest of a string that needs decoding; what came before is in `scratch`.
    mutating func parseStringBodyWithEscapes(ascii: Bool) throws(JSONSyntaxError) -> String {
        var ascii = ascii
        // Invariant: the scratch buffer has room for the rest of the input plus 8 bytes of
        // slack, so whole words can be stored while scanning.
        scratch.reserve((end - p) + 16)
        var w = scratch.base + scratch.count
        while true {
            while end - p >= 8 {
                let word = SWAR.load(p)
                SWAR.store(word, at: w)
                let stops = stringReaderStops(word)
                if stops != 0 {
                    let k = SWAR.firstIndex(stops)
                    p += k
                    w += k
                    break
                }
                p += 8
                w += 8
            }
            guard p < end else { throw error("unterminated string") }
            let c = p.pointee
            if c == 0x22 {
                scratch.commit(w - (scratch.base + scratch.count))
                p += 1
                return scratch.withUnsafeBytes {
                    String(validatedUTF8: $0.assumingMemoryBound(to: UInt8.self), isASCII: ascii)
                }
            } else if c == 0x5C {
                // Escapes never write more bytes than they read, so the invariant holds.
                w += try decodeEscape(into: w, ascii: &ascii)
            } else if c >= 0x80 {
                let n = validSequenceLength(p, end)
                ascii = false
                if n > 0 {
                    w.update(from: p, count: n)
                    w += n
                    p += n
                } else {
                    scratch.commit(w - (scratch.base + scratch.count))
                    appendReplacement()
                    p += maximalSubpartLength(p, end)
                    scratch.reserve((end - p) + 16)
                    w = scratch.base + scratch.count
                }
            } else if c < 0x20 {
                throw controlCharacterError(c)
            } else {
                w.pointee = c
                w += 1
                p += 1
            }
        }
    }

    func controlCharacterError(_ c: UInt8) -> JSONSyntaxError {
        error("control character 0x\(String(c, radix: 16)) must be escaped in a string")
    }

    mutating func appendReplacement() {
        scratch.append(0xEF)
        scratch.append(0xBF)
        scratch.append(0xBD)
        replacements += 1
    }

    /// Decodes one escape at `p` (a backslash) into `w`; returns the bytes written, never
    /// more than the escape's own length.
    @inline(__always)
    mutating func decodeEscape(into w: UnsafeMutablePointer<UInt8>, ascii: inout Bool) throws(JSONSyntaxError) -> Int {
        guard end - p >= 2 else { p += 1; throw error("unterminated string") }
        let c = p[1]
        p += 2
        switch c {
        case 0x22, 0x5C, 0x2F: w.pointee = c
        case 0x6E: w.pointee = 0x0A
        case 0x74: w.pointee = 0x09
        case 0x72: w.pointee = 0x0D
        case 0x62: w.pointee = 0x08
        case 0x66: w.pointee = 0x0C
        case 0x75: return try decodeUnicodeEscape(into: w, ascii: &ascii)
        default:
            p -= 1
            throw error("invalid escape '\\\(printable(c))'")
        }
        return 1
    }

    /// Decodes the four hex digits after `\u`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    mutating func decodeUnicodeEscape(into w: UnsafeMutablePointer<UInt8>, ascii: inout Bool) throws(JSONSyntaxError) -> Int {
        var value = try parseHex4()
        if value >= 0xD800 && value <= 0xDFFF {
            var paired = false
            if value <= 0xDBFF, end - p >= 6, p[0] == 0x5C, p[1] == 0x75 {
                let mark = p
                p += 2
                let low = try parseHex4()
                if low >= 0xDC00 && low <= 0xDFFF {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    paired = true
                } else {
                    p = mark
                }
            }
            if !paired {
                value = 0xFFFD
                replacements += 1
            }
        }
        if value >= 0x80 { ascii = false }
        return appendUTF8(value, to: w)
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard end - p >= 4 else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = p.pointee
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            p += 1
        }
        return value
    }
}

/// A byte as text for error messages.
func printable(_ c: UInt8) -> String {
    c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + String(c, radix: 16)
}
