// JSON text out of strings and JSONValues, into a ByteBuffer (RFC 8259). Strings are scanned
// eight bytes at a time for the characters that need escaping (quote, backslash, controls);
// everything else, non-ASCII included, is copied as UTF-8. The output is the compact form
// Python's json.dumps(ensure_ascii=False, separators=(",", ":")) gives for the same values.
import QuarryCore

/// Writes JSON text.
public enum JSONWriter {
    /// Appends `string` as a quoted JSON string.
    @inline(__always)
    public static func writeString(_ string: String, to out: ByteBuffer) {
        if let done: Void = string.utf8.withContiguousStorageIfAvailable({ writeString(bytes: $0, to: out) }) {
            return done
        }
        var copy = string
        copy.withUTF8 { writeString(bytes: $0, to: out) }
    }

    /// Appends UTF-8 bytes (assumed valid) as a quoted JSON string. Bytes are copied eight
    /// at a time while scanning for the ones to escape.
    public static func writeString(bytes: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        guard var p = bytes.baseAddress, !bytes.isEmpty else {
            out.append(0x22)
            out.append(0x22)
            return
        }
        let end = p + bytes.count
        // Invariant: room for the rest of the input, the closing quote, one escape (6 bytes)
        // and 8 bytes of slack for whole-word stores.
        var w = out.unsafeTail(reserving: bytes.count + 16)
        var limit = out.base + out.capacity
        w.pointee = 0x22
        w += 1
        while true {
            while end - p >= 8 {
                let word = SWAR.load(p)
                SWAR.store(word, at: w)
                let stops = stringWriterStops(word)
                if stops != 0 {
                    let k = SWAR.firstIndex(stops)
                    p += k
                    w += k
                    break
                }
                p += 8
                w += 8
            }
            guard p < end else { break }
            let c = p.pointee
            p += 1
            if c == 0x22 || c == 0x5C || c < 0x20 {
                if limit - w < (end - p) + 16 {
                    out.commit(w - (out.base + out.count))
                    w = out.unsafeTail(reserving: (end - p) + 16)
                    limit = out.base + out.capacity
                }
                w += writeEscape(c, at: w)
            } else {
                w.pointee = c
                w += 1
            }
        }
        w.pointee = 0x22
        w += 1
        out.commit(w - (out.base + out.count))
    }

    /// Writes the escape for `c` at `w`; returns its length.
    @inline(__always)
    static func writeEscape(_ c: UInt8, at w: UnsafeMutablePointer<UInt8>) -> Int {
        w[0] = 0x5C
        switch c {
        case 0x22: w[1] = 0x22
        case 0x5C: w[1] = 0x5C
        case 0x0A: w[1] = 0x6E
        case 0x0D: w[1] = 0x72
        case 0x09: w[1] = 0x74
        case 0x08: w[1] = 0x62
        case 0x0C: w[1] = 0x66
        default:
            let hex: StaticString = "0123456789abcdef"
            w[1] = 0x75
            w[2] = 0x30
            w[3] = 0x30
            w[4] = hex.utf8Start[Int(c >> 4)]
            w[5] = hex.utf8Start[Int(c & 0xF)]
            return 6
        }
        return 2
    }

    /// Appends a value in compact form.
    public static func writeValue(_ value: JSONValue, to out: ByteBuffer) {
        switch value {
        case .null: out.append("null" as StaticString)
        case .bool(let b): out.append(b ? "true" as StaticString : "false")
        case .number(let n): out.append(n.literal)
        case .string(let s): writeString(s, to: out)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                writeValue(item, to: out)
            }
            out.append(0x5D)
        case .object(let object): writeObject(object, to: out)
        }
    }

    /// Appends an object in compact form, keys in their order.
    public static func writeObject(_ object: JSONObject, to out: ByteBuffer) {
        out.append(0x7B)
        var first = true
        for (key, value) in object {
            if !first { out.append(0x2C) }
            first = false
            writeString(key, to: out)
            out.append(0x3A)
            writeValue(value, to: out)
        }
        out.append(0x7D)
    }

    /// The compact JSON text of a value.
    public static func text(of value: JSONValue) -> String {
        let out = ByteBuffer(capacity: 256)
        writeValue(value, to: out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}

extension JSONWriter {
    /// A value as indented JSON text (two spaces), for reports people read.
    public static func prettyText(of value: JSONValue) -> String {
        let out = ByteBuffer(capacity: 4096)
        writePretty(value, indent: 0, to: out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    static func writePretty(_ value: JSONValue, indent: Int, to out: ByteBuffer) {
        func newline(_ level: Int) {
            out.append(0x0A)
            for _ in 0..<(level * 2) { out.append(0x20) }
        }
        switch value {
        case .array(let items) where !items.isEmpty:
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(indent + 1)
                writePretty(item, indent: indent + 1, to: out)
            }
            newline(indent)
            out.append(0x5D)
        case .object(let object) where !object.isEmpty:
            out.append(0x7B)
            for (i, (key, item)) in object.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(indent + 1)
                writeString(key, to: out)
                out.append(": " as StaticString)
                writePretty(item, indent: indent + 1, to: out)
            }
            newline(indent)
            out.append(0x7D)
        default:
            writeValue(value, to: out)
        }
    }
}
