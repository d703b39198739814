// gzip streams through zlib (RFC 1952). Reading handles any number of members (Common Crawl
// writes one per WARC record; our writers end one every few MiB), skips zero padding, and
// after damage resumes at the next member header it can find. The only file that imports zlib.
internal import CZlib
import QuarryCore

/// Reads a gzip file, member after member.
final class GzipSource: ByteSource {
    private let input: CompressedInput
    private var stream = z_stream()
    private var inMember = false
    private var memberStart: Int64 = 0
    private var pending: ReadEvent?
    /// Set after damage until a member decodes again, so one damaged stretch is one issue.
    private var recovering = false

    init(file: FileReader) throws {
        input = CompressedInput(file: file)
        guard czlib_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw InputError(file: file.path, "zlib could not start a gzip decoder")
        }
    }

    deinit { inflateEnd(&stream) }

    var fileOffset: Int64 { input.offset }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        if let event = pending {
            pending = nil
            return event
        }
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count > 0 else { return .end }
        stream.next_out = out
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        var produced: Int { buffer.count - Int(stream.avail_out) }

        while true {
            if !inMember {
                let found = try startMember()
                if let event = pending {
                    if produced > 0 { return .bytes(produced) }
                    pending = nil
                    return event
                }
                if !found { return produced > 0 ? .bytes(produced) : .end }
            }
            if input.available == 0, try !input.refill() {
                inMember = false
                inflateReset(&stream)
                let event = ReadEvent.damaged(input.issue("truncated_input",
                    "the file ends inside a gzip member that starts at compressed byte \(memberStart)", at: memberStart))
                if produced > 0 { pending = event; return .bytes(produced) }
                return event
            }
            stream.next_in = input.pointer
            let offered = UInt32(min(input.available, Int(UInt32.max)))
            stream.avail_in = offered
            let status = inflate(&stream, Z_NO_FLUSH)
            input.consume(Int(offered - stream.avail_in))
            switch status {
            case Z_STREAM_END:
                inflateReset(&stream)
                inMember = false
                recovering = false
                if stream.avail_out == 0 { return .bytes(produced) }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { recovering = false }
                if stream.avail_out == 0 { return .bytes(produced) }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                inflateReset(&stream)
                inMember = false
                let damage = input.issue("corrupt_gzip",
                    "damaged gzip member at compressed byte \(memberStart): \(message); resuming at the next member", at: memberStart)
                if input.offset == memberStart { input.consume(min(1, input.available)) }
                if recovering { continue }
                recovering = true
                if produced > 0 { pending = .damaged(damage); return .bytes(produced) }
                return .damaged(damage)
            }
        }
    }

    /// Positions the input at the next member header; false at the end of the file.
    private func startMember() throws -> Bool {
        let (start, damage) = try input.nextFrame(window: 3, isStart: { p, n in n >= 3 && p[0] == 0x1F && p[1] == 0x8B && p[2] == 0x08 },
                                                  kind: "corrupt_gzip", what: "a gzip member", quiet: recovering)
        if let damage {
            recovering = true
            pending = .damaged(damage)
        }
        guard let start else { return false }
        inMember = true
        memberStart = start
        return true
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
        self.file = file
        out = .allocate(capacity: outCapacity)
        guard (0...9).contains(level) else {
            out.deallocate()
            throw ConfigError("gzip level must be 0...9, found \(level)")
        }
        guard czlib_deflate_init2(&stream, Int32(level), 15 + 16) == Z_OK else {
            out.deallocate()
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
