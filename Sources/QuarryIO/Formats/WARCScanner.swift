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

/// The layout of one raw record in a RawRecordBatch: a 16-byte prefix, the WARC header, and
/// the block (all of it, its first bytes, or none).
enum WARCRawRecord {
    static let prefixBytes = 16

    struct Flags: OptionSet {
        let rawValue: UInt8
        /// The record's offset is the compressed offset of its gzip member.
        static let compressedOffset = Flags(rawValue: 1)
        /// Only the first bytes of the block are here (it is longer than the limit).
        static let blockCut = Flags(rawValue: 2)
        /// No block: the scanner skipped it (a record type the reader does not read).
        static let headerOnly = Flags(rawValue: 4)
    }

    /// A raw record taken apart.
    struct View {
        var flags: Flags
        var header: UnsafeBufferPointer<UInt8>
        /// The block, or its first bytes when `flags` has `.blockCut`.
        var block: UnsafeBufferPointer<UInt8>
        /// The block's length as the header declares it.
        var declaredLength: Int64
    }

    static func append(to batch: inout [UInt8], flags: Flags, header: UnsafeBufferPointer<UInt8>,
                       block: UnsafeBufferPointer<UInt8>, declaredLength: Int64) {
        var prefix = [UInt8](repeating: 0, count: prefixBytes)
        prefix[0] = flags.rawValue
        let h = UInt32(header.count)
        for k in 0..<4 { prefix[4 + k] = UInt8(truncatingIfNeeded: h >> (8 * k)) }
        for k in 0..<8 { prefix[8 + k] = UInt8(truncatingIfNeeded: declaredLength >> (8 * k)) }
        batch.append(contentsOf: prefix)
        batch.append(contentsOf: header)
        batch.append(contentsOf: block)
    }

    static func view(_ record: UnsafeBufferPointer<UInt8>) -> View {
        var h = 0
        for k in 0..<4 { h |= Int(record[4 + k]) << (8 * k) }
        var declared: Int64 = 0
        for k in 0..<8 { declared |= Int64(record[8 + k]) << (8 * k) }
        let headerEnd = prefixBytes + h
        return View(flags: Flags(rawValue: record[0]),
                    header: UnsafeBufferPointer(rebasing: record[prefixBytes..<headerEnd]),
                    block: UnsafeBufferPointer(rebasing: record[headerEnd...]), declaredLength: declared)
    }
}

/// Cuts WARC records from a file, or a byte range of one.
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
    private static let lookahead = 15

    private enum Phase {
        /// Looking for the next record start; skipped bytes are reported unless `quiet`.
        case seek(quiet: Bool)
        /// At a record start (`lo`); `verify`: the first record of a range inside a plain
        /// file, which is taken only if its header parses and its block ends where a record ends.
        case record(verify: Bool)
        /// Reading past the rest of a block longer than the limit.
        case skip(Skipping)
    }

    private struct Skipping {
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

    private let input: any FrameReading
    private let file: String
    private let name: String
    private let config: Configuration
    private let blockTypes: [[UInt8]]
    private let rangeEnd: Int64?
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var lo = 0
    private var hi = 0
    /// Stream (decompressed) offset of buffer[0].
    private var bufferOffset: Int64
    /// Frame starts at or after the current position, and the last one before it.
    private var marks: [(stream: Int64, file: Int64)] = []
    /// Whether buffer[lo] starts a line (the start of the data, or just after damage).
    private var loIsLineStart: Bool
    private var phase: Phase
    /// While seeking: where the skipped stretch began and whether it holds more than blank bytes.
    private var skippedFrom: Int64?
    private var skippedText = false
    private var skippedSample: [UInt8] = []
    private var verifyFirst: Bool
    private var finished = false
    /// A frame of the next range was reached: the range ends after the current record.
    private var reachedRangeEnd = false

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

    @inline(__always) private func stream(_ index: Int) -> Int64 { bufferOffset + Int64(index) }
    @inline(__always) private func index(_ stream: Int64) -> Int { Int(stream - bufferOffset) }

    /// The file offset of the frame holding stream offset `s`, if the input is compressed.
    private func frame(containing s: Int64) -> (stream: Int64, file: Int64)? {
        marks.last { $0.stream <= s }
    }

    /// How issues and records name stream offset `s`: the compressed offset of the gzip member
    /// that starts there, else the offset in the (decompressed) stream.
    private func address(_ s: Int64) -> (offset: Int64, compressed: Bool) {
        if input.isCompressed, let m = frame(containing: s), m.stream == s { return (m.file, true) }
        return (s, false)
    }

    /// The offset that decides which range a record starting at `s` belongs to.
    private func owner(_ s: Int64) -> Int64 {
        input.isCompressed ? (frame(containing: s)?.file ?? 0) : s
    }

    /// Whether buffer[i] starts a line (or a frame).
    @inline(__always) private func isLineStart(_ i: Int) -> Bool {
        if i > 0, buffer[i - 1] == 0x0A { return true }
        if i == lo, loIsLineStart { return true }
        return isMark(i)
    }

    private func isMark(_ i: Int) -> Bool {
        let s = stream(i)
        return marks.contains { $0.stream == s }
    }

    // MARK: - Reading

    private enum Fill {
        case data
        case damage(InputIssue)
        case end
        /// A frame at or after the range's end starts, and no record is in progress: the range is done.
        case rangeDone
    }

    /// Reads more input after the bytes from `lo` on (which it keeps). `needed`: the bytes
    /// are part of a record already begun; otherwise a frame starting at or after the range's
    /// end ends the range (`.rangeDone`), because the record there is the next range's.
    private func fill(needed: Bool = false) throws -> Fill {
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

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: hi)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    /// Drops the buffered bytes after damage and looks for the next record (quietly: the
    /// damage is the issue).
    private func afterDamage(_ issue: InputIssue, lost: Int64, into batch: inout RawRecordBatch) {
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

    private func sample(from i: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer + i, count: max(0, min(Self.sampleBytes, hi - i))))
    }

    private func issue(at s: Int64, kind: String, _ message: String, sample: [UInt8] = [], length: Int64? = nil) -> InputIssue {
        let (offset, compressed) = address(s)
        return InputIssue(file: file, offset: offset, offsetIsCompressed: compressed, kind: kind,
                          message: message, sample: sample, length: length)
    }

    /// "the record at byte N" or "the record in the gzip member at compressed byte N".
    private func place(_ s: Int64) -> String {
        let (offset, compressed) = address(s)
        return compressed ? "the record in the gzip member at compressed byte \(offset)" : "the record at byte \(offset)"
    }

    // MARK: - Seeking a record start

    private func seek(quiet: Bool, _ batch: inout RawRecordBatch) throws {
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

    private func noteSkipped(_ i: Int, quiet: Bool) {
        guard !quiet else { return }
        let c = buffer[i]
        if skippedFrom == nil { skippedFrom = stream(i) }
        if c != 0x0D && c != 0x0A && c != 0x00 && c != 0x20 && c != 0x09 { skippedText = true }
        if skippedText && skippedSample.count < Self.sampleBytes { skippedSample.append(c) }
    }

    private func reportSkipped(upTo i: Int, quiet: Bool, _ batch: inout RawRecordBatch) {
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

    private func record(verify: Bool, _ batch: inout RawRecordBatch) throws {
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

    /// Reads past the rest of a long block, then checks that the record ends there.
    private func skip(_ skipping: Skipping, _ batch: inout RawRecordBatch) throws {
        var skipping = skipping
        let sample = Array(skipping.kept.dropFirst(WARCRawRecord.prefixBytes).prefix(Self.sampleBytes))
        while skipping.remaining > 0 {
            var n = Int(min(skipping.remaining, Int64(hi - lo)))
            // A member starting inside the block with a record proves the block shorter than declared.
            for mark in marks where mark.stream > skipping.blockStart && mark.stream >= stream(lo) && mark.stream < stream(lo + n) {
                let m = index(mark.stream)
                if hi - m < 7 {
                    n = m - lo          // wait for the bytes that tell
                    break
                }
                if WARCHeader.startsRecord(buffer + m, hi - m) {
                    batch.issues.append(InputIssue(file: file, offset: skipping.offset, offsetIsCompressed: skipping.compressed,
                        kind: "warc_length_mismatch",
                        message: "\(describe(skipping)) is shorter than its Content-Length of \(skipping.remaining) more bytes says: a record starts inside it; resuming there",
                        sample: sample))
                    lo = m
                    loIsLineStart = true
                    phase = .seek(quiet: true)
                    return
                }
            }
            // In a plain file, a record header after a blank line inside the block does the same
            // (the bytes skipped here are gone, so this is the only chance to find it).
            if n > 0, !input.isCompressed, let m = embeddedRecordStart(from: max(lo, index(skipping.blockStart)), to: lo + n) {
                if hi - m < 7 { n = m - lo } else {
                    batch.issues.append(InputIssue(file: file, offset: skipping.offset, offsetIsCompressed: skipping.compressed,
                        kind: "warc_length_mismatch",
                        message: "\(describe(skipping)) is shorter than its Content-Length of \(skipping.remaining) more bytes says: a record starts inside it; resuming there",
                        sample: sample))
                    lo = m
                    loIsLineStart = true
                    phase = .seek(quiet: true)
                    return
                }
            }
            if n > 0 {
                lo += n
                skipping.remaining -= Int64(n)
                continue
            }
            switch try fill(needed: true) {
            case .data, .rangeDone: continue
            case .damage(let damage):
                afterDamage(damage, lost: 0, into: &batch)
            case .end:
                batch.issues.append(InputIssue(file: file, offset: skipping.offset, offsetIsCompressed: skipping.compressed,
                    kind: "truncated_input", message: "the input ends inside the block of \(describe(skipping))", sample: sample))
                lo = hi
                finished = true
            }
            return
        }
        // The look past the end.
        var dataEnds = false
        var pendingDamage: InputIssue?
        while hi - lo < Self.lookahead {
            let event = try fill()
            if case .data = event { continue }
            if case .damage(let damage) = event {
                if damages(damage, frameOf: skipping.start) {
                    afterDamage(damage, lost: 0, into: &batch)
                    return
                }
                pendingDamage = damage
            }
            dataEnds = true
            break
        }
        let check = trailer(at: lo, dataEnds: dataEnds)
        switch check {
        case .record(let next), .garbage(let next):
            let at = batch.bytes.count
            batch.bytes.append(contentsOf: skipping.kept)
            batch.records.append(RawRecord(range: at..<batch.bytes.count, offset: skipping.offset, line: nil))
            verifyFirst = false
            lo = next
            loIsLineStart = true
            if case .garbage = check { phase = .seek(quiet: false) } else { phase = .record(verify: false) }
        case .mismatch:
            batch.issues.append(InputIssue(file: file, offset: skipping.offset, offsetIsCompressed: skipping.compressed,
                kind: "warc_length_mismatch",
                message: "\(describe(skipping)) does not end where its Content-Length says; resuming at the next record",
                sample: sample))
            resync(from: lo, quiet: true)
        }
        if reachedRangeEnd {
            finished = true
        } else if let pendingDamage {
            afterDamage(pendingDamage, lost: Int64(hi - lo), into: &batch)
        } else if dataEnds, case .record = phase {
            phase = .seek(quiet: false)
        }
    }

    /// Whether `damage` is to the frame holding stream offset `s` (so to a record starting there).
    private func damages(_ damage: InputIssue, frameOf s: Int64) -> Bool {
        guard input.isCompressed, damage.offsetIsCompressed, let frame = frame(containing: s) else { return false }
        return frame.file == damage.offset
    }

    private func describe(_ skipping: Skipping) -> String {
        skipping.compressed ? "the record in the gzip member at compressed byte \(skipping.offset)" : "the record at byte \(skipping.offset)"
    }

    // MARK: - Record ends

    private enum Trailer {
        /// The record ends at the block's end; the next record (or the end of the data) is at the index.
        case record(Int)
        /// The record ends properly but what follows at the index is not a record.
        case garbage(Int)
        /// The block does not end where a record ends: the Content-Length is wrong.
        case mismatch
    }

    /// Checks the bytes after a block ending at buffer index `e`: up to 8 CR/LF, then "WARC/1."
    /// or the end of the contiguous data (`dataEnds`). Two line breaks with something else
    /// after them end the record, and that something is garbage.
    private func trailer(at e: Int, dataEnds: Bool) -> Trailer {
        var k = e
        var breaks = 0
        while k < hi, k - e < 8, buffer[k] == 0x0D || buffer[k] == 0x0A {
            if buffer[k] == 0x0A { breaks += 1 }
            k += 1
        }
        if k >= hi && dataEnds { return .record(k) }
        if hi - k >= 7 ? WARCHeader.startsRecord(buffer + k, hi - k) : (dataEnds && startsLikeRecord(k)) { return .record(k) }
        return breaks >= 2 ? .garbage(k) : .mismatch
    }

    /// Whether the few bytes left at the end of the data could begin "WARC/".
    private func startsLikeRecord(_ k: Int) -> Bool {
        let magic: [UInt8] = Array("WARC/".utf8)
        return (k..<hi).allSatisfy { buffer[$0] == magic[min($0 - k, 4)] }
    }

    /// A frame start in buffer[from..<to] whose bytes begin a record, if any (only compressed
    /// inputs have frames).
    private func earlyRecordStart(from: Int, to: Int) -> Int? {
        guard input.isCompressed, from < to else { return nil }
        let lower = stream(from), upper = stream(to)
        for mark in marks where mark.stream > lower && mark.stream < upper {
            let m = index(mark.stream)
            if hi - m >= 7, WARCHeader.startsRecord(buffer + m, hi - m) { return m }
        }
        return nil
    }

    /// A record start in buffer[from..<to] that follows a blank line ("\r\n\r\n" or "\n\n"),
    /// as the record after a block that ended early would: the evidence a plain or
    /// single-stream file has that a Content-Length was too long.
    private func embeddedRecordStart(from: Int, to: Int) -> Int? {
        var k = from + 2
        while k < to, let found = memchr(buffer + k, 0x57, to - k) {
            let w = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if buffer[w - 1] == 0x0A && (buffer[w - 2] == 0x0A || (w - 3 >= from && buffer[w - 2] == 0x0D && buffer[w - 3] == 0x0A)),
               hi - w < 7 || WARCHeader.startsRecord(buffer + w, hi - w) {
                return w
            }
            k = w + 1
        }
        return nil
    }

    /// Reports a record whose block does not end where its Content-Length says and resumes the
    /// search for records at `resumeAt` (inside the bad record, so that a record it swallowed is found).
    private func mismatch(at start: Int64, header: WARCHeader, resumeAt: Int, shorterThan: Bool, _ batch: inout RawRecordBatch) {
        let why = shorterThan ? "is shorter than its Content-Length of \(header.contentLength) bytes says (a record starts inside it)"
                              : "does not end where its Content-Length of \(header.contentLength) bytes says"
        batch.issues.append(issue(at: start, kind: "warc_length_mismatch", "\(place(start)) \(why); resuming at the next record",
                                  sample: sample(from: lo)))
        resync(from: resumeAt, quiet: true)
    }

    private func truncated(at start: Int64, header: WARCHeader, _ batch: inout RawRecordBatch) {
        batch.issues.append(issue(at: start, kind: "truncated_input",
                                  "the input ends inside the block of \(place(start)) (\(hi - lo - header.length) of \(header.contentLength) bytes)",
                                  sample: sample(from: lo), length: Int64(hi - lo)))
        lo = hi
        finished = true
    }

    private func resync(from i: Int, quiet: Bool) {
        lo = i
        loIsLineStart = i > 0 && buffer[i - 1] == 0x0A
        skippedFrom = nil
        phase = .seek(quiet: quiet)
    }

    /// Whether `n` bytes at `p` equal `lowercase` in any ASCII letter case.
    private func equalsIgnoringCase(_ p: UnsafePointer<UInt8>, _ n: Int, _ lowercase: [UInt8]) -> Bool {
        guard n == lowercase.count else { return false }
        for k in 0..<n where p[k] | (isASCIILetter(p[k]) ? 0x20 : 0) != lowercase[k] { return false }
        return true
    }
}
