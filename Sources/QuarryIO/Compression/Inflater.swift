// Inflater: one-shot decompression of an HTTP payload with `Content-Encoding: gzip`, `x-gzip`
// or `deflate` (RFC 9110 §8.4.1), as WARC response records hold them, with a cap on the
// output so a compression bomb is never inflated past it. `deflate` is meant to be a zlib
// stream (RFC 1950) but many servers send raw deflate (RFC 1951), so both are accepted, as
// browsers do; gzip payloads may hold several members. Uses zlib like Gzip.swift (which owns
// the file streams); kept apart because it decodes in memory with a different window setting.
internal import CZlib

/// In-memory inflation of gzip, zlib and raw deflate data.
enum Inflater {
    enum Format {
        /// gzip (RFC 1952), any number of members.
        case gzip
        /// zlib (RFC 1950), or raw deflate (RFC 1951) when the zlib header is missing.
        case deflate
    }

    enum Outcome: Equatable {
        /// All of the input was inflated.
        case complete
        /// The output reached the cap; the rest was not inflated.
        case capped
        /// The data is damaged (zlib's message); the output holds what came before the damage.
        case damaged(String)
    }

    /// Inflates `input`, appending at most `limit` bytes to `output`.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, format: Format, limit: Int,
                        into output: inout [UInt8]) -> Outcome {
        switch format {
        case .gzip:
            return run(input, windowBits: 15 + 16, limit: limit, into: &output, members: true)
        case .deflate:
            let zlibHeader = input.count >= 2 && input[0] & 0x0F == 8 && (UInt16(input[0]) << 8 | UInt16(input[1])) % 31 == 0
            return run(input, windowBits: zlibHeader ? 15 : -15, limit: limit, into: &output, members: false)
        }
    }

    private static func run(_ input: UnsafeBufferPointer<UInt8>, windowBits: Int32, limit: Int,
                            into output: inout [UInt8], members: Bool) -> Outcome {
        guard let base = input.baseAddress, input.count > 0 else { return .complete }
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, windowBits) == Z_OK else { return .damaged("zlib could not start a decoder") }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 16
        var consumed = 0
        let startCount = output.count
        while true {
            let room = min(chunk, limit - (output.count - startCount))
            if room <= 0 { return .capped }
            let offered = min(input.count - consumed, Int(UInt32.max))
            stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
            stream.avail_in = UInt32(offered)
            let before = output.count
            var status: Int32 = Z_OK
            output.append(contentsOf: repeatElement(0, count: room))
            output.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress! + before
                stream.avail_out = UInt32(room)
                status = CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = room - Int(stream.avail_out)
            output.removeLast(room - produced)
            consumed += offered - Int(stream.avail_in)
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (zero padding does not count).
                var next = consumed
                while next < input.count, input[next] == 0 { next += 1 }
                guard members, next + 2 < input.count, input[next] == 0x1F, input[next + 1] == 0x8B else { return .complete }
                consumed = next
                inflateReset(&stream)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: the input ended inside the stream.
                if produced == 0 { return .damaged("the data ends inside the compressed stream") }
            default:
                return .damaged(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
            }
        }
    }
}
