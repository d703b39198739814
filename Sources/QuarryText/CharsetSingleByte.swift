// Decoders for the WHATWG single-byte encodings (windows-125x, ISO-8859-x, KOI8-R/U, IBM866,
// macintosh, windows-874, x-mac-cyrillic: https://encoding.spec.whatwg.org/#single-byte-decoder)
// and x-user-defined, in Swift from the standard's own index tables (CharsetSingleByteTables.swift)
// rather than through ICU: ICU's tables differ from the standard on undefined bytes (its
// windows-1252 has no mapping for 0x81, 0x8D, 0x8F, 0x90, 0x9D, which browsers decode to C1
// controls), and a lookup per byte beats ICU's UTF-16 round trip. Two passes: one sizes the
// output, one writes it; both skip ASCII eight bytes at a time and look up the other words'
// bytes without branches.
import QuarryCore

enum SingleByteDecoding {
    /// For each encoding name, the UTF-8 of every byte, packed: the bytes in the low 24 bits
    /// (first byte lowest), the length in bits 24..<28, bit 31 set where the index has no entry
    /// (a U+FFFD the decoder counts). Bytes 0x00...0x7F are themselves.
    static let utf8Tables: [String: [UInt32]] = {
        let ascii = (0..<128).map { UInt32($0) | 1 << 24 }
        var tables: [String: [UInt32]] = [:]
        for (name, index) in indexes { tables[name] = ascii + index.map(pack) }
        tables["iso-8859-8-i"] = tables["iso-8859-8"]
        // x-user-defined: 0x80 + k is U+F780 + k (https://encoding.spec.whatwg.org/#x-user-defined-decoder).
        tables["x-user-defined"] = ascii + (0..<128).map { pack(UInt16(0xF780 + $0)) }
        return tables
    }()

    static func pack(_ codePoint: UInt16) -> UInt32 {
        let c = UInt32(codePoint)
        let flag: UInt32 = codePoint == 0xFFFD ? 1 << 31 : 0
        if c < 0x800 {
            return flag | 2 << 24 | (0x80 | c & 0x3F) << 8 | (0xC0 | c >> 6)
        }
        return flag | 3 << 24 | (0x80 | c & 0x3F) << 16 | (0x80 | c >> 6 & 0x3F) << 8 | (0xE0 | c >> 12)
    }

    /// Decodes `bytes` with a table from `utf8Tables`; returns the text and the U+FFFD count.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, table: [UInt32]) -> (String, Int) {
        guard let p = bytes.baseAddress else { return ("", 0) }
        let n = bytes.count
        return table.withUnsafeBufferPointer { t in
            // Pass 1: output length and replacements; a word with a non-ASCII byte is looked up
            // byte by byte, without branches.
            var length = 0
            var replacements = 0
            var i = 0
            while i < n {
                if n - i >= 8, SWAR.load(p + i) & SWAR.highBits == 0 {
                    i += 8
                    length += 8
                    continue
                }
                for k in i..<min(i + 8, n) {
                    let entry = t[Int(p[k])]
                    length += Int(entry >> 24 & 0xF)
                    replacements += Int(entry >> 31)
                }
                i = min(i + 8, n)
            }
            // Pass 2: the same walk, storing each byte's packed UTF-8 as four bytes and
            // advancing by its length (1 to 3: hence three spare output bytes).
            let text = UnicodeDecoding.withOutput(capacity: length + 3) { out in
                var i = 0
                var o = 0
                while i < n {
                    if n - i >= 8 {
                        let word = SWAR.load(p + i)
                        if word & SWAR.highBits == 0 {
                            SWAR.store(word, at: out + o)
                            i += 8
                            o += 8
                            continue
                        }
                    }
                    for k in i..<min(i + 8, n) {
                        let entry = t[Int(p[k])]
                        UnsafeMutableRawPointer(out + o).storeBytes(of: (entry & 0xFF_FFFF).littleEndian, as: UInt32.self)
                        o += Int(entry >> 24 & 0xF)
                    }
                    i = min(i + 8, n)
                }
                return o
            }
            return (text, replacements)
        }
    }
}
