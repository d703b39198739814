// gzip streams through zlib (RFC 1952): members decoded one at a time for FramedSource (which
// handles any number of them, zero padding and damage; Common Crawl writes one member per
// WARC record), and written with a new member at each `endFrame`. The only file that imports zlib.
internal import CZlib
import QuarryCore

/// Decodes gzip members for FramedSource.
final class GzipCodec: FrameCodec {
    private var stream = z_stream()
    private static let magic: [UInt8] = [0x1F, 0x8B, 0x08]

    init(path: String) throws {
        guard czlib_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw InputError(file: path, "zlib could not start a gzip decoder")
        }
    }

    deinit { inflateEnd(&stream) }

    let frameName = "gzip member"
    let corruptKind = "corrupt_gzip"
    let magicLength = 3

    func isFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        n >= 3 && hasPrefix(p, 3, of: Self.magic)
    }

    func couldBeFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool { hasPrefix(p, n, of: Self.magic) }

    func reset() { inflateReset(&stream) }

    func decode(_ input: UnsafePointer<UInt8>?, _ inputCount: Int, into output: UnsafeMutablePointer<UInt8>,
                _ capacity: Int) -> FrameStep {
        let offered = UInt32(min(inputCount, Int(UInt32.max)))
        let room = UInt32(min(capacity, Int(UInt32.max)))
        stream.next_in = UnsafeMutablePointer(mutating: input)
        stream.avail_in = offered
        stream.next_out = output
        stream.avail_out = room
        let status = inflate(&stream, Z_NO_FLUSH)
        let consumed = Int(offered - stream.avail_in), produced = Int(room - stream.avail_out)
        switch status {
        case Z_STREAM_END: return FrameStep(consumed: consumed, produced: produced, outcome: .frameEnd)
        case Z_OK, Z_BUF_ERROR: return FrameStep(consumed: consumed, produced: produced, outcome: .more)
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            return FrameStep(consumed: consumed, produced: produced, outcome: .failed(message))
        }
    }
}

/// Writes a gzip file; `endFrame` closes the current member and starts a new one.
final class GzipSink: ByteSink {
    private let file: AtomicFile
    private var stream = z_stream()
    private let out: UnsafeMutablePointer<UInt8>
    private let outCapacity = 1 << 17
    private var memberHasData = false

    init(file: AtomicFile, level: Int) throws {
        // Checked before any property is set: a throw after that would run deinit.
        guard (0...9).contains(level) else { throw ConfigError("gzip level must be 0...9, found \(level)") }
        self.file = file
        out = .allocate(capacity: outCapacity)
        guard czlib_deflate_init2(&stream, Int32(level), 15 + 16) == Z_OK else {
            throw InputError(file: file.temporaryPath, "zlib could not start a gzip encoder")
        }
    }

    deinit {
        deflateEnd(&stream)
        out.deallocate()
    }

    var fileBytes: Int64 { file.bytesWritten }

    private func run(_ flush: Int32) throws -> Int32 {
        while true {
            stream.next_out = out
            stream.avail_out = UInt32(outCapacity)
            let status = deflate(&stream, flush)
            let n = outCapacity - Int(stream.avail_out)
            if n > 0 { try file.write(UnsafeRawBufferPointer(start: out, count: n)) }
            if status == Z_STREAM_END { return status }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw InputError(file: file.temporaryPath, "gzip compression failed (\(status))")
            }
            if stream.avail_out != 0 && (flush == Z_NO_FLUSH ? stream.avail_in == 0 : false) { return status }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var done = 0
        while done < bytes.count {
            let n = min(bytes.count - done, Int(UInt32.max))
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + done)
            stream.avail_in = UInt32(n)
            _ = try run(Z_NO_FLUSH)
            done += n
        }
        memberHasData = true
    }

    func endFrame() throws {
        guard memberHasData else { return }
        stream.next_in = nil
        stream.avail_in = 0
        _ = try run(Z_FINISH)
        deflateReset(&stream)
        memberHasData = false
    }

    func commit() throws {
        try endFrame()
        try file.commit()
    }

    func abort() { file.abort() }
}
