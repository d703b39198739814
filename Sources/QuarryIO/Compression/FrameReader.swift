// FrameReader: a compressed file read frame by frame (gzip members, zstd frames) for readers
// that need to know where each frame starts in the file. A WARC.gz file has one gzip member
// per record, so the member's compressed offset is the record's address: it names the record
// in issues, and lets a task that starts inside a file begin at the first member that really
// starts a record (`seekToFrame(beginningWith:)`). Damage is handled as FramedSource does (one
// issue per damaged stretch, resuming at the next frame start after the damaged frame's own
// start); the only difference is that the start of every frame is reported before its bytes
// and that one read never returns bytes of two frames. No C here: decoding is the codecs'.
import QuarryCore

/// What one read from a FrameReading produced.
enum FrameEvent: Equatable {
    /// A frame starts here, at this offset of the file; its bytes follow.
    case frame(start: Int64)
    /// `n` bytes of the current frame were written into the buffer.
    case bytes(Int)
    /// The stream is damaged; the bytes before and after are not contiguous.
    case damaged(InputIssue)
    /// No more bytes.
    case end
}

/// A byte stream that tells where its frames start.
protocol FrameReading: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> FrameEvent
    /// Bytes of the file consumed so far.
    var fileOffset: Int64 { get }
    /// Whether frame offsets are offsets in a compressed file (false for a plain file, which
    /// has no frames).
    var isCompressed: Bool { get }
}

/// A plain file as a FrameReading without frames.
final class PlainFrameReader: FrameReading {
    private let file: FileReader
    init(file: FileReader) { self.file = file }
    var fileOffset: Int64 { file.offset }
    var isCompressed: Bool { false }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> FrameEvent {
        let n = try file.read(into: buffer)
        return n == 0 ? .end : .bytes(n)
    }
}

/// A compressed file read one frame at a time.
final class FrameReader: FrameReading {
    private let input: CompressedInput
    private let codec: any FrameCodec
    private var inFrame = false
    private var frameStart: Int64 = 0
    /// The current frame's start is still to be reported.
    private var startPending = false
    /// Set after damage until a frame decodes again, so one damaged stretch is one issue.
    private var recovering = false

    init(file: FileReader, codec: any FrameCodec, bufferSize: Int = 1 << 18) {
        input = CompressedInput(file: file, capacity: bufferSize)
        self.codec = codec
    }

    /// Opens `path` at `offset` as frames of its compression (from the extension), or as a plain file.
    static func open(path: String, offset: Int64 = 0) throws -> any FrameReading {
        let file = try FileReader(path: path, offset: offset)
        switch Compression.of(path: path) {
        case .gzip: return FrameReader(file: file, codec: try GzipCodec(path: path))
        case .zstd: return FrameReader(file: file, codec: try ZstdCodec(path: path))
        case .bzip2: return FrameReader(file: file, codec: try Bzip2Codec(path: path))
        case .none, .auto: return PlainFrameReader(file: file)
        }
    }

    var fileOffset: Int64 { input.offset }
    var isCompressed: Bool { true }

    /// Moves to the first frame start at or after the current offset whose first decoded bytes
    /// are `prefix` (a candidate magic number inside compressed data fails this), without
    /// reporting what it skips: those bytes belong to a frame that started earlier. Returns
    /// false when there is none before `limit` (a frame starting there belongs to whoever reads
    /// from `limit`: a range of a split file stops looking at its end).
    func seekToFrame(beginningWith prefix: [UInt8], before limit: Int64 = .max) throws -> Bool {
        let probeCapacity = max(prefix.count, 16)
        let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: probeCapacity)
        defer { probe.deallocate() }
        while true {
            let found = try input.skip(toNext: codec.magicLength) { codec.isFrameStart($0, $1) }
            guard found, input.offset < limit else { return false }
            let candidate = input.offset
            codec.reset()
            var produced = 0
            var consumed = 0
            probing: while produced < prefix.count && consumed < (1 << 20) {
                let atEnd = try input.available == 0 && !input.refill()
                let step = codec.decode(atEnd ? nil : UnsafePointer(input.pointer), atEnd ? 0 : input.available,
                                        into: probe + produced, probeCapacity - produced)
                input.consume(step.consumed)
                consumed += step.consumed
                produced += step.produced
                switch step.outcome {
                case .more: if atEnd && step.produced == 0 { break probing }
                case .frameEnd, .failed: break probing
                }
            }
            codec.reset()
            let matches = produced >= prefix.count && (0..<prefix.count).allSatisfy { probe[$0] == prefix[$0] }
            try input.reposition(to: matches ? candidate : candidate + 1)
            if matches {
                inFrame = false
                startPending = false
                recovering = false
                return true
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> FrameEvent {
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count > 0 else { return .end }
        while true {
            if !inFrame {
                let (start, damage) = try input.nextFrame(codec, quiet: recovering)
                if let start {
                    inFrame = true
                    frameStart = start
                    startPending = true
                }
                if let damage {
                    recovering = true
                    return .damaged(damage)
                }
                if start == nil { return .end }
            }
            if startPending {
                startPending = false
                return .frame(start: frameStart)
            }
            let atEnd = try input.available == 0 && !input.refill()
            let step = codec.decode(atEnd ? nil : UnsafePointer(input.pointer), atEnd ? 0 : input.available,
                                    into: out, buffer.count)
            input.consume(step.consumed)
            if step.produced > 0 { recovering = false }
            switch step.outcome {
            case .frameEnd:
                codec.reset()
                inFrame = false
                recovering = false
                if step.produced > 0 { return .bytes(step.produced) }
            case .more:
                if step.produced > 0 { return .bytes(step.produced) }
                if atEnd, let event = try damage(endOfFile: true, message: "") { return event }
            case .failed(let message):
                // Bytes decoded before the failure are dropped with the frame: the reader
                // abandons the record the frame held.
                if let event = try damage(endOfFile: false, message: message) { return event }
            }
        }
    }

    /// Abandons the frame that starts at `frameStart` and moves to the next frame start after
    /// it. Returns the event to report, or nil when this continues a stretch already reported.
    private func damage(endOfFile: Bool, message: String) throws -> FrameEvent? {
        codec.reset()
        let (next, issue) = try input.skipDamagedFrame(at: frameStart, codec, endOfFile: endOfFile, message: message,
                                                       alreadyReported: recovering)
        inFrame = next != nil
        if let next {
            frameStart = next
            startPending = true
        }
        recovering = true
        return issue.map { .damaged($0) }
    }
}
