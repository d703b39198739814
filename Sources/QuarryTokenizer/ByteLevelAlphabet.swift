// The byte-level alphabet of GPT-2 and Hugging Face `tokenizers` (`ByteLevel`): every byte
// value has one printable Unicode character, so a vocabulary of byte strings can be written as
// JSON text. Bytes 0x21–0x7E, 0xA1–0xAC and 0xAE–0xFF stand for themselves; the other 68
// bytes (0x00–0x20, 0x7F–0xA0, 0xAD), in increasing order, take U+0100, U+0101, … — so the
// space 0x20 is 'Ġ' (U+0120) and the line feed 0x0A is 'Ċ' (U+010A). Follows GPT-2's
// `encoder.py` bytes_to_unicode and tokenizers `pre_tokenizers/byte_level.rs`.
//
// Quarry keeps tokens as raw bytes everywhere; this mapping is used only to read and write
// tokenizer.json and to order the trainer's initial alphabet (by mapped code point, as
// `tokenizers`' BpeTrainer does).

/// The 256-character byte-level alphabet and its inverse.
public enum ByteLevelAlphabet {
    /// The code point standing for each byte value.
    public static let scalarForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte) {
                table[byte] = UInt32(byte)
            } else {
                table[byte] = next
                next += 1
            }
        }
        return table
    }()

    /// The byte a mapped code point stands for, or nil when the code point is not in the
    /// alphabet (the highest mapped code point is U+0143).
    public static func byte(forScalar scalar: UInt32) -> UInt8? {
        guard scalar < 0x144 else { return nil }
        return byteForScalar[Int(scalar)]
    }

    private static let byteForScalar: [UInt8?] = {
        var inverse = [UInt8?](repeating: nil, count: 0x144)
        for (byte, scalar) in scalarForByte.enumerated() { inverse[Int(scalar)] = UInt8(byte) }
        return inverse
    }()

    /// The mapped text of raw bytes ("hello world" → "helloĠworld").
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(scalarForByte[Int(byte)])!) }
        return String(scalars)
    }

    /// The raw bytes of mapped text, or nil when a character is outside the alphabet (such a
    /// string is not a byte-level token: special tokens are written as their own UTF-8).
    public static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = byte(forScalar: scalar.value) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
