// bzip2 streams through libbz2, for Wikipedia dumps and .bz2 inputs. Reading handles
// concatenated streams (the "multistream" dumps) and after damage resumes at the next stream
// header ("BZh" + level + block or end magic). Reading only. The only file that imports libbz2.
internal import CBzip2
import QuarryCore

/// Reads a bzip2 file, stream after stream.
final class Bzip2Source: ByteSource {
    private let input: CompressedInput
    private var stream = bz_stream()
    private var open = false
    private var inStream = false
    private var streamStart: Int64 = 0
    private var pending: ReadEvent?
    private var recovering = false

    init(file: FileReader) throws {
        input = CompressedInput(file: file)
    }

    deinit { if open { BZ2_bzDecompressEnd(&stream) } }

    var fileOffset: Int64 { input.offset }

    /// "BZh1".."BZh9" followed by a block header (pi) or an end-of-stream marker (sqrt pi).
    private static func isStreamStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 10, p[0] == 0x42, p[1] == 0x5A, p[2] == 0x68, p[3] >= 0x31, p[3] <= 0x39 else { return false }
        let block: [UInt8] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
        let end: [UInt8] = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]
        var isBlock = true, isEnd = true
        for i in 0..<6 {
            if p[4 + i] != block[i] { isBlock = false }
            if p[4 + i] != end[i] { isEnd = false }
        }
        return isBlock || isEnd
    }

    private func reset() {
        if open { BZ2_bzDecompressEnd(&stream) }
        stream = bz_stream()
        open = BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK
        inStream = false
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        if let event = pending {
            pending = nil
            return event
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .end }
        let capacity = UInt32(min(buffer.count, Int(UInt32.max)))
        var produced = 0
        while true {
            if !inStream {
                let found = try startStream()
                if let event = pending {
                    if produced > 0 { return .bytes(produced) }
                    pending = nil
                    return event
                }
                if !found { return produced > 0 ? .bytes(produced) : .end }
            }
            if input.available == 0, try !input.refill() {
                reset()
                let event = ReadEvent.damaged(input.issue("truncated_input",
                    "the file ends inside a bzip2 stream that starts at compressed byte \(streamStart)", at: streamStart))
                if produced > 0 { pending = event; return .bytes(produced) }
                return event
            }
            let offered = UInt32(min(input.available, Int(UInt32.max)))
            stream.next_in = UnsafeMutableRawPointer(input.pointer).assumingMemoryBound(to: CChar.self)
            stream.avail_in = offered
            let room = capacity - UInt32(produced)
            stream.next_out = (base + produced).assumingMemoryBound(to: CChar.self)
            stream.avail_out = room
            let status = BZ2_bzDecompress(&stream)
            input.consume(Int(offered - stream.avail_in))
            produced += Int(room - stream.avail_out)
            switch status {
            case BZ_STREAM_END:
                reset()
                recovering = false
                if produced == buffer.count { return .bytes(produced) }
            case BZ_OK:
                if room - stream.avail_out > 0 { recovering = false }
                if produced == buffer.count { return .bytes(produced) }
            default:
                reset()
                if input.offset == streamStart { input.consume(min(1, input.available)) }
                if recovering { continue }
                recovering = true
                let damage = input.issue("corrupt_bzip2",
                    "damaged bzip2 stream at compressed byte \(streamStart) (libbz2 error \(status)); resuming at the next stream", at: streamStart)
                if produced > 0 { pending = .damaged(damage); return .bytes(produced) }
                return .damaged(damage)
            }
        }
    }

    /// Positions the input at the next stream; false at the end of the file.
    private func startStream() throws -> Bool {
        if !open { reset() }
        let (start, damage) = try input.nextFrame(window: 10, isStart: Self.isStreamStart, kind: "corrupt_bzip2",
                                                  what: "a bzip2 stream", quiet: recovering)
        if let damage {
            recovering = true
            pending = .damaged(damage)
        }
        guard let start else { return false }
        inStream = true
        streamStart = start
        return true
    }
}
