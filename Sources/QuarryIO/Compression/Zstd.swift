// zstd streams (RFC 8878) through libzstd's streaming API: frames decoded one at a time for
// FramedSource (any number of frames, skippable frames, damage), and written at the given
// level with content checksums on, `endFrame` closing a frame so later damage stays local.
// The only file that imports libzstd.
internal import CZstd
import QuarryCore

/// Decodes zstd frames (and skips skippable frames) for FramedSource.
final class ZstdCodec: FrameCodec {
    private let context: OpaquePointer
    private static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    init(path: String) throws {
        guard let context = ZSTD_createDCtx() else { throw InputError(file: path, "zstd could not start a decoder") }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    let frameName = "zstd frame"
    let corruptKind = "corrupt_zstd"
    let magicLength = 4

    /// A zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18).
    func isFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 4 else { return false }
        return hasPrefix(p, 4, of: Self.magic) || (p[0] & 0xF0 == 0x50 && p[1] == 0x2A && p[2] == 0x4D && p[3] == 0x18)
    }

    func couldBeFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        hasPrefix(p, n, of: Self.magic) || (n > 0 && p[0] & 0xF0 == 0x50 && hasPrefix(p + 1, n - 1, of: [0x2A, 0x4D, 0x18]))
    }

    func reset() { ZSTD_DCtx_reset(context, ZSTD_reset_session_only) }

    func decode(_ input: UnsafePointer<UInt8>?, _ inputCount: Int, into output: UnsafeMutablePointer<UInt8>,
                _ capacity: Int) -> FrameStep {
        var source = ZSTD_inBuffer(src: input.map(UnsafeRawPointer.init), size: inputCount, pos: 0)
        var target = ZSTD_outBuffer(dst: output, size: capacity, pos: 0)
        let hint = ZSTD_decompressStream(context, &target, &source)
        if ZSTD_isError(hint) != 0 {
            return FrameStep(consumed: source.pos, produced: target.pos, outcome: .failed(String(cString: ZSTD_getErrorName(hint))))
        }
        return FrameStep(consumed: source.pos, produced: target.pos, outcome: hint == 0 ? .frameEnd : .more)
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
