// WARCScanner: cuts a WARC file (ISO 28500, WARC/1.0 and 1.1), plain or gzip-compressed with
// one member per record (Common Crawl) or as one stream, into raw records for warc_v1 and
// wet_v1. It parses each header for its type and Content-Length only; decoding the header's
// other fields and the block happens in the readers' parallel `decode`.
//
// Each raw record is a 16-byte prefix (see `WARCRawRecord`), the WARC header, and the block
// when the record's type is one the reader wants (a header alone is enough to count a
// skipped warcinfo or request). Blocks longer than `maxBlockBytes` are never buffered: their
// first `headBytes` are kept (for the HTTP head and a sample) and the rest is read past.
//
// Damage never stops the scan, and the next intact record is always read:
// - a Content-Length that does not end the block where a record ends (two CRLFs, then the
//   next "WARC/" or the end) is `warc_length_mismatch`; the scan resumes at the first record
//   start after the header of the bad record, so the record that a too-long length
//   swallowed is found again. In a .warc.gz, a member that starts inside a block and
//   decompresses to "WARC/1." also proves the block shorter than declared; in a plain file,
//   so does a "WARC/1." line after a blank line inside a block that runs past the end of
//   the file or past the size limit. (In a single-stream .warc.gz a block claimed longer
//   than the limit is read past unchecked: the records it swallows are lost with it.)
// - bytes between records that are not a record are `invalid_warc_record`, reported once per
//   stretch; a header that does not parse is the same.
// - a damaged or truncated gzip member is the FrameReader's issue (at the member's
//   compressed offset), and the record it held is dropped with it.
// Record starts are found at a line start (or the start of a gzip member) reading "WARC/".
//
// Splits: a record belongs to the range in which it starts — for a compressed file, the range
// holding the start of the gzip member its first byte is in (one member per record: the
// record's member). A task starting inside a .warc.gz begins at the first member at or after
// its start that decompresses to "WARC/"; inside a plain .warc, at the first line reading
// "WARC/" whose header parses and whose block ends where a record ends.
import Glibc
import QuarryCore

/// Cuts WARC records from a file, or a byte range of one. (Its state is internal rather than
/// private so that WARCScanner+RecordEnds.swift can extend it; nothing else touches it.)
final class WARCScanner: RecordScanner {
    struct Configuration {
        /// Record types whose blocks are kept, lower-case ("response", "resource").
        var blockTypes: [String]
        /// Longest block kept whole, in bytes.
        var maxBlockBytes: Int
        /// Bytes of a longer block that are kept (its HTTP head and a sample).
        var headBytes = 64 << 10
        /// A batch is cut once it holds this many bytes ...
        var batchBytes = 4 << 20
        /// ... or this many records.
        var batchRecords = 1024
    }

    /// Bytes of a bad record kept as its sample.
    static let sampleBytes = 4096
    /// Bytes after a block that the end-of-record check looks at: up to 8 CR/LF, then "WARC/1.".
    static let lookahead = 15

    enum Phase {
        /// Looking for the next record start; skipped bytes are reported unless `quiet`.
        case seek(quiet: Bool)
        /// At a record start (`lo`); `verify`: the first record of a range inside a plain
        /// file, which is taken only if its header parses and its block ends where a record ends.
        case record(verify: Bool)
        /// Reading past the rest of a block longer than the limit.
        case skip(Skipping)
    }

    struct Skipping {
        /// Bytes of the block still to skip.
        var remaining: Int64
        /// The record's kept part (prefix, header, head of the block), added once its end checks out.
        var kept: [UInt8]
        var offset: Int64
        var compressed: Bool
        /// Stream offsets of the record's first byte and of its block's first byte.
        var start: Int64
        var blockStart: Int64
    }

    let input: any FrameReading
    let file: String
    let name: String
    let config: Configuration
    let blockTypes: [[UInt8]]
    let rangeEnd: Int64?
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var lo = 0
    var hi = 0
    /// Stream (decompressed) offset of buffer[0].
    var bufferOffset: Int64
    /// Frame starts at or after the current position, and the last one before it.
    var marks: [(stream: Int64, file: Int64)] = []
    /// Whether buffer[lo] starts a line (the start of the data, or just after damage).
    var loIsLineStart: Bool
    var phase: Phase
    /// While seeking: where the skipped stretch began and whether it holds more than blank bytes.
    var skippedFrom: Int64?
    var skippedText = false
    var skippedSample: [UInt8] = []
    var verifyFirst: Bool
    var finished = false
    /// A frame of the next range was reached: the range ends after the current record.
    var reachedRangeEnd = false

    /// Opens a scan of `split` (the file at `path` compressed as its extension says).
    static func open(_ split: InputSplit, config: Configuration) throws -> WARCScanner {
        let compressed = Compression.of(path: split.path) != .none
        if split.start > 0 && compressed {
            // Start at the first member that decompresses to a record; the bytes before it
            // belong to a member of the range before.
            let reader = try FrameReader.open(path: split.path, offset: split.start)
            let found = try (reader as? FrameReader)?.seekToFrame(beginningWith: Array("WARC/".utf8), before: split.end ?? .max) ?? false
            return WARCScanner(input: reader, file: split.path, name: split.name, start: 0, end: split.end,
                               config: config, midFile: true, empty: !found)
        }
        let offset = compressed ? 0 : max(0, split.start - 1)
        let reader = try FrameReader.open(path: split.path, offset: offset)
        return WARCScanner(input: reader, file: split.path, name: split.name, start: compressed ? 0 : offset,
                           end: split.end, config: config, midFile: split.start > 0, empty: false)
    }

    /// - Parameters:
    ///   - start: stream offset of the input's first byte (for a plain range inside a file,
    ///     one before the range, so that the scan can tell whether the range starts a line).
    ///   - midFile: the range starts inside the file: bytes before the first record belong to
    ///     the range before, so they are skipped without an issue.
    init(input: any FrameReading, file: String, name: String, start: Int64 = 0, end: Int64? = nil,
         config: Configuration, midFile: Bool = false, empty: Bool = false) {
        self.input = input
        self.file = file
        self.name = name
        self.config = config
        blockTypes = config.blockTypes.map { Array($0.lowercased().utf8) }
        rangeEnd = end
        capacity = 1 << 20
        buffer = .allocate(capacity: capacity)
        bufferOffset = start
        loIsLineStart = !midFile || input.isCompressed
        phase = .seek(quiet: midFile)
        verifyFirst = midFile && !input.isCompressed
        finished = empty
    }

    deinit { buffer.deallocate() }

    func next() throws -> RawRecordBatch? {
        if finished { return nil }
        var batch = RawRecordBatch(file: file, name: name)
        batch.bytes.reserveCapacity(config.batchBytes + config.batchBytes / 8)
        while !finished, batch.bytes.count < config.batchBytes, batch.records.count < config.batchRecords {
            switch phase {
            case .seek(let quiet): try seek(quiet: quiet, &batch)
            case .record(let verify): try record(verify: verify, &batch)
            case .skip(let skipping): try skip(skipping, &batch)
            }
        }
        batch.fileBytesConsumed = input.fileOffset
        if batch.records.isEmpty && batch.issues.isEmpty && finished { return nil }
        return batch
    }

    // MARK: - Positions

    @inline(__always) func stream(_ index: Int) -> Int64 { bufferOffset + Int64(index) }
    @inline(__always) func index(_ stream: Int64) -> Int { Int(stream - bufferOffset) }

    /// The file offset of the frame holding stream offset `s`, if the input is compressed.
    func frame(containing s: Int64) -> (stream: Int64, file: Int64)? {
        marks.last { $0.stream <= s }
    }

    /// How issues and records name stream offset `s`: the compressed offset of the gzip member
    /// that starts there, else the offset in the (decompressed) stream.
    func address(_ s: Int64) -> (offset: Int64, compressed: Bool) {
        if input.isCompressed, let m = frame(containing: s), m.stream == s { return (m.file, true) }
        return (s, false)
    }

    /// The offset that decides which range a record starting at `s` belongs to.
    func owner(_ s: Int64) -> Int64 {
        input.isCompressed ? (frame(containing: s)?.file ?? 0) : s
    }

    /// Whether buffer[i] starts a line (or a frame).
    @inline(__always) func isLineStart(_ i: Int) -> Bool {
        if i > 0, buffer[i - 1] == 0x0A { return true }
        if i == lo, loIsLineStart { return true }
        return isMark(i)
    }

    func isMark(_ i: Int) -> Bool {
        let s = stream(i)
        return marks.contains { $0.stream == s }
    }

    // MARK: - Reading

    enum Fill {
        case data
        case damage(InputIssue)
        case end
        /// A frame at or after the range's end starts, and no record is in progress: the range is done.
        case rangeDone
    }

    /// Reads more input after the bytes from `lo` on (which it keeps). `needed`: the bytes
    /// are part of a record already begun; otherwise a frame starting at or after the range's
    /// end ends the range (`.rangeDone`), because the record there is the next range's.
    func fill(needed: Bool = false) throws -> Fill {
        if lo > 0 {
            let pending = hi - lo
            if pending > 0 { buffer.update(from: buffer + lo, count: pending) }
            bufferOffset += Int64(lo)
            hi = pending
            lo = 0
            if marks.count > 1, let keep = marks.lastIndex(where: { $0.stream <= bufferOffset }), keep > 0 {
                marks.removeFirst(keep)
            }
        }
        if hi == capacity { grow() }
        while true {
            switch try input.read(into: UnsafeMutableRawBufferPointer(start: buffer + hi, count: capacity - hi)) {
            case .frame(let start):
                if let rangeEnd, start >= rangeEnd, !needed {
                    reachedRangeEnd = true
                    return .rangeDone
                }
                let s = stream(hi)
                if let last = marks.last, last.stream == s { marks.removeLast() }
                marks.append((s, start))
            case .bytes(let n):
                hi += n
                return .data
            case .damaged(let issue):
                return .damage(issue)
            case .end:
                return .end
            }
        }
    }

    func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: hi)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    /// Drops the buffered bytes after damage and looks for the next record (quietly: the
    /// damage is the issue).
    func afterDamage(_ issue: InputIssue, lost: Int64, into batch: inout RawRecordBatch) {
        var issue = issue
        if lost > 0 { issue.message += "; the incomplete record before the damage (\(lost) bytes) is dropped" }
        batch.issues.append(issue)
        bufferOffset += Int64(hi)
        lo = 0
        hi = 0
        marks.removeAll()
        loIsLineStart = true
        skippedFrom = nil
        phase = .seek(quiet: true)
    }

    func sample(from i: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer + i, count: max(0, min(Self.sampleBytes, hi - i))))
    }

    func issue(at s: Int64, kind: String, _ message: String, sample: [UInt8] = [], length: Int64? = nil) -> InputIssue {
        let (offset, compressed) = address(s)
        return InputIssue(file: file, offset: offset, offsetIsCompressed: compressed, kind: kind,
                          message: message, sample: sample, length: length)
    }

    /// "the record at byte N" or "the record in the gzip member at compressed byte N".
    func place(_ s: Int64) -> String {
        let (offset, compressed) = address(s)
        return compressed ? "the record in the gzip member at compressed byte \(offset)" : "the record at byte \(offset)"
    }

    // MARK: - Seeking a record start

    func seek(quiet: Bool, _ batch: inout RawRecordBatch) throws {
        var i = lo
        while i + 7 <= hi {
            if buffer[i] == 0x57, WARCHeader.startsRecord(buffer + i, hi - i), isLineStart(i) {
                reportSkipped(upTo: i, quiet: quiet, &batch)
                lo = i
                phase = .record(verify: verifyFirst)
                return
            }
            noteSkipped(i, quiet: quiet)
            i += 1
        }
        // Keep the last bytes, which may begin a record start.
        if i > lo {
            loIsLineStart = isLineStart(i)
            lo = i
        }
        switch try fill() {
        case .data: break
        case .damage(let issue):
            reportSkipped(upTo: hi, quiet: quiet, &batch)
            afterDamage(issue, lost: 0, into: &batch)
        case .rangeDone:
            reportSkipped(upTo: hi, quiet: quiet, &batch)
            finished = true
        case .end:
            for k in lo..<hi { noteSkipped(k, quiet: quiet) }
            reportSkipped(upTo: hi, quiet: quiet, &batch)
            lo = hi
            finished = true
        }
    }

    func noteSkipped(_ i: Int, quiet: Bool) {
        guard !quiet else { return }
        let c = buffer[i]
        if skippedFrom == nil { skippedFrom = stream(i) }
        if c != 0x0D && c != 0x0A && c != 0x00 && c != 0x20 && c != 0x09 { skippedText = true }
        if skippedText && skippedSample.count < Self.sampleBytes { skippedSample.append(c) }
    }

    func reportSkipped(upTo i: Int, quiet: Bool, _ batch: inout RawRecordBatch) {
        defer {
            skippedFrom = nil
            skippedText = false
            skippedSample = []
        }
        guard !quiet, let from = skippedFrom, skippedText else { return }
        let count = stream(i) - from
        batch.issues.append(issue(at: from, kind: "invalid_warc_record",
                                  "\(count) bytes at \(address(from).compressed ? "compressed " : "")byte \(address(from).offset) are not a WARC record; skipped",
                                  sample: skippedSample, length: count))
    }

    // MARK: - Reading a record

    func record(verify: Bool, _ batch: inout RawRecordBatch) throws {
        let start = stream(lo)
        if let rangeEnd, hi > lo, owner(start) >= rangeEnd {
            finished = true
            return
        }
        // The header.
        var parsed: WARCHeader?
        while parsed == nil {
            switch WARCHeader.parse(buffer + lo, count: hi - lo, atEnd: false) {
            case .header(let h):
                parsed = h
            case .needMore:
                switch try fill(needed: hi > lo) {
                case .data: continue
                case .damage(let damage):
                    afterDamage(damage, lost: Int64(hi - lo), into: &batch)
                    return
                case .end:
                    if !verify && hi > lo {
                        batch.issues.append(issue(at: start, kind: "truncated_input", "the input ends inside the header of \(place(start))",
                                                  sample: sample(from: lo), length: Int64(hi - lo)))
                    }
                    lo = hi
                    finished = true
                    return
                case .rangeDone:
                    finished = true
                    return
                }
            case .invalid(let why):
                if !verify {
                    batch.issues.append(issue(at: start, kind: "invalid_warc_record", "\(place(start)) is not valid: \(why)",
                                              sample: sample(from: lo)))
                }
                resync(from: lo + 1, quiet: true)
                return
            }
        }
        let header = parsed!
        if let rangeEnd, owner(start) >= rangeEnd {
            finished = true
            return
        }
        let wanted = header.type.map { r in
            blockTypes.contains { equalsIgnoringCase(buffer + lo + r.lowerBound, r.count, $0) }
        } ?? false
        let length = header.contentLength
        let (offset, compressed) = address(start)
        var flags: WARCRawRecord.Flags = compressed ? [.compressedOffset] : []

        if length > Int64(config.maxBlockBytes) {
            // Too long to buffer: keep the head, read past the rest.
            flags.insert(wanted ? .blockCut : .headerOnly)
            let keep = wanted ? min(Int(length), config.headBytes) : 0
            while hi - lo < header.length + keep {
                if let early = earlyRecordStart(from: lo + header.length, to: hi) {
                    mismatch(at: start, header: header, resumeAt: early, shorterThan: true, &batch)
                    return
                }
                switch try fill(needed: true) {
                case .data, .rangeDone: continue
                case .damage(let damage):
                    afterDamage(damage, lost: Int64(hi - lo), into: &batch)
                    return
                case .end:
                    truncated(at: start, header: header, &batch)
                    return
                }
            }
            var kept: [UInt8] = []
            kept.reserveCapacity(WARCRawRecord.prefixBytes + header.length + keep)
            WARCRawRecord.append(to: &kept, flags: flags, header: UnsafeBufferPointer(start: buffer + lo, count: header.length),
                                 block: UnsafeBufferPointer(start: buffer + lo + header.length, count: keep), declaredLength: length)
            let blockStart = stream(lo + header.length)
            lo += header.length
            phase = .skip(Skipping(remaining: length, kept: kept, offset: offset, compressed: compressed, start: start,
                                   blockStart: blockStart))
            return
        }

        // The whole record, and a look past its end.
        let recordLength = header.length + Int(length)
        var dataEnds = false
        var pendingDamage: InputIssue?
        while hi - lo < recordLength + Self.lookahead {
            if let early = earlyRecordStart(from: lo + header.length, to: min(hi, lo + recordLength)) {
                if verify {
                    resync(from: lo + 1, quiet: true)
                } else {
                    mismatch(at: start, header: header, resumeAt: early, shorterThan: true, &batch)
                }
                return
            }
            let event = try fill(needed: hi - lo < recordLength)
            if case .data = event { continue }
            // No more contiguous bytes: the block must be complete without them.
            if hi - lo < recordLength {
                if case .damage(let damage) = event {
                    afterDamage(damage, lost: Int64(hi - lo), into: &batch)
                } else if verify {
                    lo = hi
                    finished = true
                } else if embeddedRecordStart(from: lo + header.length, to: hi) != nil {
                    // The length runs past the end, but a record follows inside what it claims.
                    mismatch(at: start, header: header, resumeAt: lo + header.length, shorterThan: true, &batch)
                } else {
                    truncated(at: start, header: header, &batch)
                }
                return
            }
            if case .damage(let damage) = event {
                if damages(damage, frameOf: start) {
                    // The record's own member is bad (a checksum, say): its bytes cannot be trusted.
                    afterDamage(damage, lost: Int64(hi - lo), into: &batch)
                    return
                }
                pendingDamage = damage
            }
            dataEnds = true
            break
        }
        let check = trailer(at: lo + recordLength, dataEnds: dataEnds)
        switch check {
        case .record(let next), .garbage(let next):
            if !wanted { flags.insert(.headerOnly) }
            let at = batch.bytes.count
            WARCRawRecord.append(to: &batch.bytes, flags: flags, header: UnsafeBufferPointer(start: buffer + lo, count: header.length),
                                 block: UnsafeBufferPointer(start: buffer + lo + header.length, count: wanted ? Int(length) : 0),
                                 declaredLength: length)
            batch.records.append(RawRecord(range: at..<batch.bytes.count, offset: offset, line: nil))
            verifyFirst = false
            lo = next
            loIsLineStart = true
            if case .garbage = check { phase = .seek(quiet: false) } else { phase = .record(verify: false) }
        case .mismatch:
            if verify {
                resync(from: lo + 1, quiet: true)
            } else {
                mismatch(at: start, header: header, resumeAt: lo + header.length, shorterThan: false, &batch)
            }
        }
        if reachedRangeEnd {
            finished = true
        } else if let pendingDamage {
            afterDamage(pendingDamage, lost: Int64(hi - lo), into: &batch)
        } else if dataEnds, case .record = phase {
            // What is left (blank bytes, or the start of a record cut off) is for the seek to judge.
            phase = .seek(quiet: false)
        }
    }
}
