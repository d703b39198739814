// The HTML standard's "prescan a byte stream to determine its encoding"
// (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding)
// over the first 1024 bytes: skips comments and other tags, reads the attributes of each <meta>
// ("get an attribute"), and returns the encoding of the first one that declares one, through
// `charset="..."` or `http-equiv="content-type" content="...; charset=..."` ("algorithm for
// extracting a character encoding from a meta element"). A declared UTF-16 counts as UTF-8 and
// x-user-defined as windows-1252, as the standard says (a document that a byte-oriented prescan
// could read cannot be UTF-16). Where the standard leaves the end of the 1024 bytes open, an
// attribute cut off by it is dropped and the tag is judged on the attributes before it.

enum MetaPrescan {
    /// How many bytes the prescan reads.
    static let limit = 1024

    /// The canonical name of the encoding the first <meta> declaration names, or nil.
    static func charset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        let buffer = UnsafeBufferPointer(start: base, count: min(bytes.count, limit))
        var scanner = Scanner(bytes: buffer)
        return scanner.run()
    }

    /// "Get an encoding" (trim, lower-case, look up) on bytes of an attribute value.
    static func encoding(_ label: ArraySlice<UInt8>) -> String? {
        label.withUnsafeBytes { CharsetLabels.canonicalName($0) }
    }

    /// The standard's "algorithm for extracting a character encoding from a meta element" on a
    /// `content` value (already lower-cased by the prescan): the label after `charset=`, or nil.
    static func encodingFromContent(_ s: [UInt8]) -> String? {
        let n = s.count
        let key = Array("charset".utf8)
        var position = 0
        while true {
            // Loop: find "charset" at or after position.
            guard let found = (position..<max(position, n - key.count + 1)).first(where: {
                s[$0..<$0 + key.count].elementsEqual(key)
            }) else { return nil }
            var i = found + key.count
            while i < n, isSpace(s[i]) { i += 1 }
            guard i < n, s[i] == UInt8(ascii: "=") else {
                position = i  // just before the character that is not "="
                continue
            }
            i += 1
            while i < n, isSpace(s[i]) { i += 1 }
            guard i < n else { return nil }
            let c = s[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let close = s[(i + 1)...].firstIndex(of: c) else { return nil }
                return encoding(s[(i + 1)..<close])
            }
            var end = i
            while end < n, !isSpace(s[end]), s[end] != UInt8(ascii: ";") { end += 1 }
            return encoding(s[i..<end])
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20 }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var n: Int { bytes.count }

        /// Whether the bytes at `i` are `ascii`, ASCII case-insensitively.
        func matches(_ i: Int, _ ascii: String) -> Bool {
            var k = i
            for c in ascii.utf8 {
                guard k < n else { return false }
                let b = bytes[k]
                guard b == c || (isLetter(c) && b | 0x20 == c) else { return false }
                k += 1
            }
            return true
        }

        mutating func run() -> String? {
            while position < n {
                if bytes[position] == UInt8(ascii: "<") {
                    if matches(position, "<!--") {
                        // To the first ">" preceded by "--", the dashes possibly those of "<!--".
                        var i = position + 2
                        while i + 2 < n, !(bytes[i] == 0x2D && bytes[i + 1] == 0x2D && bytes[i + 2] == 0x3E) { i += 1 }
                        guard i + 2 < n else { return nil }
                        position = i + 2
                    } else if matches(position, "<meta"), position + 5 < n,
                              isSpace(bytes[position + 5]) || bytes[position + 5] == UInt8(ascii: "/") {
                        position += 6
                        if let charset = meta() { return charset }
                    } else if position + 1 < n, isLetter(bytes[position + 1])
                                || (bytes[position + 1] == UInt8(ascii: "/") && position + 2 < n && isLetter(bytes[position + 2])) {
                        while position < n, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                        while attribute() != nil {}
                    } else if position + 1 < n, bytes[position + 1] == UInt8(ascii: "!")
                                || bytes[position + 1] == UInt8(ascii: "/") || bytes[position + 1] == UInt8(ascii: "?") {
                        while position < n, bytes[position] != UInt8(ascii: ">") { position += 1 }
                    }
                }
                position += 1  // "next byte"
            }
            return nil
        }

        /// The attributes of a <meta> tag, then the standard's "processing" step.
        mutating func meta() -> String? {
            var seen: [[UInt8]] = []
            var gotPragma = false
            var needPragma: Bool?
            var charset: String??  // nil: null; .some(nil): failure
            while let (name, value) = attribute() {
                if seen.contains(name) { continue }
                seen.append(name)
                if name.elementsEqual("http-equiv".utf8) {
                    if value.elementsEqual("content-type".utf8) { gotPragma = true }
                } else if name.elementsEqual("content".utf8) {
                    if charset == nil, let found = encodingFromContent(value) {
                        charset = .some(found)
                        needPragma = true
                    }
                } else if name.elementsEqual("charset".utf8) {
                    charset = .some(encoding(value[...]))
                    needPragma = false
                }
            }
            guard let needPragma, !needPragma || gotPragma, let declared = charset ?? nil else { return nil }
            switch declared {
            case "utf-16be", "utf-16le": return "utf-8"
            case "x-user-defined": return "windows-1252"
            default: return declared
            }
        }

        /// The standard's "get an attribute": name and value (ASCII letters lower-cased), or nil
        /// at ">" or at the end of the bytes.
        mutating func attribute() -> (name: [UInt8], value: [UInt8])? {
            func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
            while position < n, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1 }
            guard position < n, bytes[position] != UInt8(ascii: ">") else { return nil }
            var name: [UInt8] = []
            var value: [UInt8] = []
            // Name.
            while true {
                guard position < n else { return nil }
                let b = bytes[position]
                if b == UInt8(ascii: "="), !name.isEmpty {
                    position += 1
                    break
                }
                if isSpace(b) {
                    // Spaces: then "=" or the end of a valueless attribute.
                    while position < n, isSpace(bytes[position]) { position += 1 }
                    guard position < n else { return nil }
                    guard bytes[position] == UInt8(ascii: "=") else { return (name, []) }
                    position += 1
                    break
                }
                if b == UInt8(ascii: "/") || b == UInt8(ascii: ">") { return (name, []) }
                name.append(lower(b))
                position += 1
            }
            // Value.
            while position < n, isSpace(bytes[position]) { position += 1 }
            guard position < n else { return nil }
            let first = bytes[position]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                while true {
                    position += 1
                    guard position < n else { return nil }
                    if bytes[position] == first {
                        position += 1
                        return (name, value)
                    }
                    value.append(lower(bytes[position]))
                }
            }
            if first == UInt8(ascii: ">") { return (name, []) }
            while position < n {
                let b = bytes[position]
                if isSpace(b) || b == UInt8(ascii: ">") { return (name, value) }
                value.append(lower(b))
                position += 1
            }
            return nil
        }
    }
}
