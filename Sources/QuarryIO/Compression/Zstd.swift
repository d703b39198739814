// zstd streams (RFC 8878) through libzstd's streaming API. Reading handles any number of
// frames (and skippable frames), and after a damaged frame resumes at the next frame magic it
// can find. Writing uses the given level with content checksums on, and `endFrame` closes a
// frame so later damage stays local. The only file that imports libzstd.
internal import CZstd
import QuarryCore

/// Reads a zstd file, frame after frame.
final class ZstdSource: ByteSource {
    private let input: CompressedInput
    private let context: OpaquePointer
    private var inFrame = false
    private var frameStart: Int64 = 0
    private var pending: ReadEvent?
    private var recovering = false

    init(file: FileReader) throws {
        input = CompressedInput(file: file, capacity: max(1 << 18, ZSTD_DStreamInSize()))
        guard let context = ZSTD_createDCtx() else {
            throw InputError(file: file.path, "zstd could not start a decoder")
        }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    var fileOffset: Int64 { input.offset }

    /// A zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18) starts here.
    private static func isFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 4 else { return false }
        if p[0] == 0x28, p[1] == 0xB5, p[2] == 0x2F, p[3] == 0xFD { return true }
        return p[0] & 0xF0 == 0x50 && p[1] == 0x2A && p[2] == 0x4D && p[3] == 0x18
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        if let event = pending {
            pending = nil
            return event
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .end }
        var output = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        while true {
            if !inFrame {
                let found = try startFrame()
                if let event = pending {
                    if output.pos > 0 { return .bytes(output.pos) }
                    pending = nil
                    return event
                }
                if !found { return output.pos > 0 ? .bytes(output.pos) : .end }
            }
            let atEnd = try input.available == 0 && !input.refill()
            var chunk = ZSTD_inBuffer(src: atEnd ? nil : UnsafeRawPointer(input.pointer),
                                      size: atEnd ? 0 : input.available, pos: 0)
            let before = output.pos
            let hint = ZSTD_decompressStream(context, &output, &chunk)
            input.consume(chunk.pos)
            if ZSTD_isError(hint) != 0 {
                let message = String(cString: ZSTD_getErrorName(hint))
                ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
                inFrame = false
                if input.offset == frameStart { input.consume(min(1, input.available)) }
                if recovering { continue }
                recovering = true
                let damage = input.issue("corrupt_zstd",
                    "damaged zstd frame at compressed byte \(frameStart): \(message); resuming at the next frame", at: frameStart)
                if output.pos > 0 { pending = .damaged(damage); return .bytes(output.pos) }
                return .damaged(damage)
            }
            if output.pos > before { recovering = false }
            if hint == 0 {
                inFrame = false
                recovering = false
            }
            if output.pos == output.size { return .bytes(output.pos) }
            if atEnd && inFrame && output.pos == before {
                ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
                inFrame = false
                let event = ReadEvent.damaged(input.issue("truncated_input",
                    "the file ends inside a zstd frame that starts at compressed byte \(frameStart)", at: frameStart))
                if output.pos > 0 { pending = event; return .bytes(output.pos) }
                return event
            }
        }
    }

    /// Positions the input at the next frame; false at the end of the file.
    private func startFrame() throws -> Bool {
        let (start, damage) = try input.nextFrame(window: 4, isStart: Self.isFrameStart, kind: "corrupt_zstd",
                                                  what: "a zstd frame", quiet: recovering)
        if let damage {
            recovering = true
            pending = .damaged(damage)
        }
        guard let start else { return false }
        inFrame = true
        frameStart = start
        return true
    }
}

/// Writes a zstd file; `endFrame` closes the current frame and starts a new one.
final class ZstdSink: ByteSink {
    private let file: AtomicFile
    private let context: OpaquePointer
    private let out: UnsafeMutableRawPointer
    private let outCapacity = ZSTD_CStreamOutSize()
    private var frameHasData = false

    init(file: AtomicFile, level: Int) throws {
        self.file = file
        guard (Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel())).contains(level) else {
            throw ConfigError("zstd level must be \(ZSTD_minCLevel())...\(ZSTD_maxCLevel()), found \(level)")
        }
        guard let context = ZSTD_createCCtx() else {
            throw InputError(file: file.temporaryPath, "zstd could not start an encoder")
        }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level))
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        out = .allocate(byteCount: outCapacity, alignment: 16)
    }

    deinit {
        ZSTD_freeCCtx(context)
        out.deallocate()
    }

    var fileBytes: Int64 { file.bytesWritten }

    private func compress(_ chunk: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws {
        while true {
            var output = ZSTD_outBuffer(dst: out, size: outCapacity, pos: 0)
            let remaining = ZSTD_compressStream2(context, &output, &chunk, directive)
            if ZSTD_isError(remaining) != 0 {
                throw InputError(file: file.temporaryPath, "zstd compression failed: \(String(cString: ZSTD_getErrorName(remaining)))")
            }
            if output.pos > 0 { try file.write(UnsafeRawBufferPointer(start: out, count: output.pos)) }
            let finished = directive == ZSTD_e_continue ? chunk.pos == chunk.size : remaining == 0
            if finished { return }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var chunk = ZSTD_inBuffer(src: base, size: bytes.count, pos: 0)
        try compress(&chunk, ZSTD_e_continue)
        frameHasData = true
    }

    func endFrame() throws {
        guard frameHasData else { return }
        var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        try compress(&empty, ZSTD_e_end)
        frameHasData = false
    }

    func commit() throws {
        try endFrame()
        try file.commit()
    }

    func abort() { file.abort() }
}
