// CompressedInput: the input buffer shared by the decompressors. It tracks the file offset of
// every byte (so damage is reported at its compressed offset), can go back to an earlier
// offset, and can skip forward to the next occurrence of a frame's magic number to resume
// after damage.
import QuarryCore

/// A refillable window over a compressed file.
final class CompressedInput {
    let file: FileReader
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var start = 0
    private var end = 0
    private var bufferFileOffset: Int64
    private(set) var atEndOfFile = false

    init(file: FileReader, capacity: Int = 1 << 18) {
        self.file = file
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        bufferFileOffset = file.offset
    }

    deinit { buffer.deallocate() }

    /// Unconsumed bytes in the window.
    var available: Int { end - start }
    /// The first unconsumed byte.
    var pointer: UnsafeMutablePointer<UInt8> { buffer + start }
    /// File offset of the first unconsumed byte.
    var offset: Int64 { bufferFileOffset + Int64(start) }

    func consume(_ n: Int) { start += n }

    /// Continues reading at file offset `target` (inside the window when it still holds it,
    /// otherwise by seeking the file).
    func reposition(to target: Int64) throws {
        if target >= bufferFileOffset && target <= bufferFileOffset + Int64(end) {
            start = Int(target - bufferFileOffset)
            return
        }
        try file.seek(to: target)
        bufferFileOffset = target
        start = 0
        end = 0
        atEndOfFile = false
    }

    /// Reads more of the file after the unconsumed bytes; false at end of file.
    @discardableResult
    func refill() throws -> Bool {
        if atEndOfFile { return false }
        if start > 0 {
            if available > 0 { buffer.update(from: buffer + start, count: available) }
            bufferFileOffset += Int64(start)
            end -= start
            start = 0
        }
        let n = try file.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 {
            atEndOfFile = true
            return false
        }
        end += n
        return true
    }

    /// Makes at least `n` bytes available if the file has them; returns whether it does.
    func ensure(_ n: Int) throws -> Bool {
        while available < n {
            if try !refill() { return false }
        }
        return true
    }

    /// Skips forward to the next place where `isStart` holds for the bytes there (it sees at
    /// least `window` bytes, fewer only at the end of the file). Returns false, with all input
    /// consumed, when there is none.
    func skip(toNext window: Int, where isStart: (UnsafePointer<UInt8>, Int) -> Bool) throws -> Bool {
        while true {
            _ = try ensure(window)
            if available == 0 { return false }
            var i = 0
            let limit = atEndOfFile ? available : available - window + 1
            while i < limit {
                if isStart(pointer + i, available - i) {
                    consume(i)
                    return true
                }
                i += 1
            }
            consume(max(0, limit))
            if atEndOfFile {
                consume(available)
                return false
            }
        }
    }

    /// Whether the unconsumed bytes up to the end of the file are all zero (padding), consuming them.
    func skipZeroPadding() throws -> Bool {
        while true {
            if available == 0, try !refill() { return true }
            var i = 0
            while i < available, pointer[i] == 0 { i += 1 }
            consume(i)
            if available > 0 { return false }
        }
    }
}

extension CompressedInput {
    /// Damage at a compressed offset of this file.
    func issue(_ kind: String, _ message: String, at offset: Int64) -> InputIssue {
        InputIssue(file: file.path, offset: offset, offsetIsCompressed: true, kind: kind, message: message)
    }

    /// Moves to where the next frame (gzip member, zstd frame, bzip2 stream) starts. Zero
    /// padding up to the end of the file is ignored. Other bytes before the next frame are
    /// damage, returned as one issue unless `quiet` (the damage they belong to was already
    /// reported); a few bytes at the very end that begin like a frame are `truncated_input`.
    /// Returns the frame's offset, or nil at the end of the file.
    func nextFrame(_ codec: any FrameCodec, quiet: Bool) throws -> (start: Int64?, damage: InputIssue?) {
        let at = offset
        if try skipZeroPadding() { return (nil, nil) }
        let window = codec.magicLength
        _ = try ensure(window)
        if codec.isFrameStart(pointer, available) { return (offset, nil) }
        if atEndOfFile, available < window, codec.couldBeFrameStart(pointer, available) {
            let tail = offset
            consume(available)
            return (nil, quiet ? nil : issue("truncated_input", "the file ends \(offset - tail) bytes into a \(codec.frameName)", at: tail))
        }
        let found = try skip(toNext: window) { codec.isFrameStart($0, $1) }
        let damage = quiet ? nil : issue(codec.corruptKind,
                                         "\(offset - at) bytes at compressed byte \(at) are not a \(codec.frameName); skipped", at: at)
        return (found ? offset : nil, damage)
    }

    /// Abandons the damaged frame that starts at `damaged` (the codec already reset): moves to
    /// the next frame start after it. Returns that start (nil: none before the end) and the
    /// issue to report, nil when `alreadyReported` (this continues a damaged stretch).
    /// FramedSource and FrameReader recover this way.
    func skipDamagedFrame(at damaged: Int64, _ codec: any FrameCodec, endOfFile: Bool, message: String,
                          alreadyReported: Bool) throws -> (next: Int64?, issue: InputIssue?) {
        try reposition(to: damaged + 1)
        let (next, _) = try nextFrame(codec, quiet: true)
        guard !alreadyReported else { return (next, nil) }
        let name = codec.frameName
        if endOfFile && next == nil {
            return (next, issue("truncated_input", "the file ends inside a \(name) that starts at compressed byte \(damaged)",
                                at: damaged))
        }
        let why = endOfFile ? "it runs past the end of the file" : message
        return (next, issue(codec.corruptKind,
                            "damaged \(name) at compressed byte \(damaged): \(why); resuming at the next \(name)", at: damaged))
    }
}
