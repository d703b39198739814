// FramedSource: reading a compressed file made of independent frames (gzip members, zstd
// frames, bzip2 streams), whatever the codec. Damage never ends the stream: a frame that fails
// to decode, or that the file ends inside, is reported once, and reading resumes at the next
// frame start found after the damaged frame's own start (the decoder may have read past good
// frames while misreading a damaged header). Consecutive failures before any output are one
// issue. A file that ends inside the last frame is `truncated_input`.
import QuarryCore

/// One step of a frame decoder.
struct FrameStep {
    enum Outcome {
        /// Needs more input or more output space.
        case more
        /// The frame is complete.
        case frameEnd
        /// The frame is damaged (the codec's message).
        case failed(String)
    }
    var consumed: Int
    var produced: Int
    var outcome: Outcome
}

/// A codec that decodes one frame at a time.
protocol FrameCodec: AnyObject {
    /// What the format calls a frame, for messages ("gzip member").
    var frameName: String { get }
    /// The issue kind for damage ("corrupt_gzip").
    var corruptKind: String { get }
    /// Bytes needed to recognise the start of a frame.
    var magicLength: Int { get }
    /// Whether a frame starts at `p` (`n` bytes available, at least `magicLength` unless at the end).
    func isFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool
    /// Whether `n` (< magicLength) bytes could be the beginning of a frame start.
    func couldBeFrameStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool
    /// Forgets the current frame, ready for the next.
    func reset()
    /// Decodes from `input` (nil when the file has ended) into `output`.
    func decode(_ input: UnsafePointer<UInt8>?, _ inputCount: Int, into output: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> FrameStep
}

extension FrameCodec {
    /// Compares the first `n` bytes at `p` with a pattern.
    func hasPrefix(_ p: UnsafePointer<UInt8>, _ n: Int, of pattern: [UInt8]) -> Bool {
        n <= pattern.count && (0..<n).allSatisfy { p[$0] == pattern[$0] }
    }
}

/// A compressed file read frame after frame.
final class FramedSource: ByteSource {
    private let input: CompressedInput
    private let codec: any FrameCodec
    private var inFrame = false
    private var frameStart: Int64 = 0
    private var pending: ReadEvent?
    /// Set after damage until a frame decodes again, so one damaged stretch is one issue.
    private var recovering = false

    init(file: FileReader, codec: any FrameCodec, bufferSize: Int = 1 << 18) {
        input = CompressedInput(file: file, capacity: bufferSize)
        self.codec = codec
    }

    var fileOffset: Int64 { input.offset }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadEvent {
        if let event = pending {
            pending = nil
            return event
        }
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count > 0 else { return .end }
        var produced = 0
        /// Damage is reported after the bytes decoded before it.
        func report(_ event: ReadEvent) -> ReadEvent {
            guard produced > 0 else { return event }
            pending = event
            return .bytes(produced)
        }
        while produced < buffer.count {
            if !inFrame {
                let (start, damage) = try input.nextFrame(codec, quiet: recovering)
                if let start {
                    inFrame = true
                    frameStart = start
                }
                if let damage {
                    recovering = true
                    return report(.damaged(damage))
                }
                if start == nil { return produced > 0 ? .bytes(produced) : .end }
            }
            let atEnd = try input.available == 0 && !input.refill()
            let step = codec.decode(atEnd ? nil : UnsafePointer(input.pointer), atEnd ? 0 : input.available,
                                    into: out + produced, buffer.count - produced)
            input.consume(step.consumed)
            produced += step.produced
            if step.produced > 0 { recovering = false }
            switch step.outcome {
            case .frameEnd:
                codec.reset()
                inFrame = false
                recovering = false
            case .more:
                if atEnd && step.produced == 0, let event = try damage(endOfFile: true, message: "") {
                    return report(event)
                }
            case .failed(let message):
                if let event = try damage(endOfFile: false, message: message) { return report(event) }
            }
        }
        return .bytes(produced)
    }

    /// Abandons the frame that starts at `frameStart` and moves to the next frame start after
    /// it. Returns the event to report, or nil when this continues a stretch already reported.
    private func damage(endOfFile: Bool, message: String) throws -> ReadEvent? {
        codec.reset()
        let (next, issue) = try input.skipDamagedFrame(at: frameStart, codec, endOfFile: endOfFile, message: message,
                                                       alreadyReported: recovering)
        inFrame = next != nil
        if let next { frameStart = next }
        recovering = true
        return issue.map { .damaged($0) }
    }
}
