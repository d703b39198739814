// The bytes the JSON string scanners stop at, eight at a time (see QuarryCore's SWAR).
import QuarryCore

/// Bytes a JSON string reader must stop at: quote, backslash, control, or non-ASCII.
@inline(__always)
func stringReaderStops(_ word: UInt64) -> UInt64 {
    SWAR.bytes(word, equalTo: 0x22) | SWAR.bytes(word, equalTo: 0x5C) | SWAR.bytes(word, below: 0x20) | SWAR.nonASCII(word)
}

/// Bytes a JSON string writer must escape: quote, backslash, control.
@inline(__always)
func stringWriterStops(_ word: UInt64) -> UInt64 {
    SWAR.bytes(word, equalTo: 0x22) | SWAR.bytes(word, equalTo: 0x5C) | SWAR.bytes(word, below: 0x20)
}
