// Strings from bytes a parser has already validated as UTF-8. `String(decoding:as:)`
// validates again, at about 0.6 GB/s on mostly-ASCII text; creating the String through an
// unchecked UTF8Span (SE-0464) copies at memory speed. Callers must have validated the bytes;
// debug builds check that they did.

extension String {
    /// A String holding `bytes`, which the caller has validated as UTF-8.
    /// - Parameter isASCII: true when every byte is below 0x80.
    @inlinable
    public init(validatedUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "bytes are not valid UTF-8")
        assert(!isASCII || bytes.allSatisfy { $0 < 0x80 }, "bytes are not ASCII")
        self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
    }
}
