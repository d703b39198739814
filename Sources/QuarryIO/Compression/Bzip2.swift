// bzip2 streams through libbz2, for Wikipedia dumps and .bz2 inputs: one stream decoded at a
// time for FramedSource, which handles concatenated streams (the "multistream" dumps) and
// damage; a stream starts with "BZh" + level + a block or end-of-stream magic. Reading only.
// The only file that imports libbz2.
internal import CBzip2
import QuarryCore

/// Decodes bzip2 streams for FramedSource.
final class Bzip2Codec: FrameCodec {
    private var stream = bz_stream()
    private var open = false
    private let path: String

    init(path: String) throws {
        self.path = path
        try start()
    }

    deinit { if open { BZ2_bzDecompressEnd(&stream) } }

    private func start() throws {
        stream = bz_stream()
        open = BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK
        if !open { throw InputError(file: path, "libbz2 could not start a decoder") }
    }

    let frameName = "bzip2 stream"
    let corruptKind = "corrupt_bzip2"
    let magicLength = 10
    private static let blockMagic: [UInt8] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
    private static let endMagic: [UInt8] = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]

    /// "BZh1".."BZh9" followed by a block header (pi) or an end-of-stream marker (sqrt pi).
    func isFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        n >= 10 && couldBeFrameStart(p, 10)
    }

    func couldBeFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard hasPrefix(p, min(n, 3), of: [0x42, 0x5A, 0x68]) else { return false }
        guard n > 3 else { return true }
        guard p[3] >= 0x31, p[3] <= 0x39 else { return false }
        return hasPrefix(p + 4, n - 4, of: Self.blockMagic) || hasPrefix(p + 4, n - 4, of: Self.endMagic)
    }

    func reset() {
        if open { BZ2_bzDecompressEnd(&stream) }
        try? start()
    }

    func decode(_ input: UnsafePointer<UInt8>?, _ inputCount: Int, into output: UnsafeMutablePointer<UInt8>,
                _ capacity: Int) -> FrameStep {
        guard open else { return FrameStep(consumed: 0, produced: 0, outcome: .failed("libbz2 could not start a decoder")) }
        let offered = UInt32(min(inputCount, Int(UInt32.max)))
        let room = UInt32(min(capacity, Int(UInt32.max)))
        stream.next_in = UnsafeMutableRawPointer(mutating: input).map { $0.assumingMemoryBound(to: CChar.self) }
        stream.avail_in = offered
        stream.next_out = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
        stream.avail_out = room
        let status = BZ2_bzDecompress(&stream)
        let step = (consumed: Int(offered - stream.avail_in), produced: Int(room - stream.avail_out))
        switch status {
        case BZ_STREAM_END: return FrameStep(consumed: step.consumed, produced: step.produced, outcome: .frameEnd)
        case BZ_OK: return FrameStep(consumed: step.consumed, produced: step.produced, outcome: .more)
        default: return FrameStep(consumed: step.consumed, produced: step.produced, outcome: .failed("libbz2 error \(status)"))
        }
    }
}
