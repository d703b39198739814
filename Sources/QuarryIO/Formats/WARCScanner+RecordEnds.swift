// WARCScanner, continued: blocks longer than the limit (read past, never buffered, with the
// record's end still checked) and the end of a record (the trailer after a block, evidence
// that a Content-Length was wrong, and how the scan resumes after it). See WARCScanner.swift
// for the contract.
import Glibc
import QuarryCore

extension WARCScanner {
    /// Reads past the rest of a long block, then checks that the record ends there.
    func skip(_ skipping: Skipping, _ batch: inout RawRecordBatch) throws {
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
    func damages(_ damage: InputIssue, frameOf s: Int64) -> Bool {
        guard input.isCompressed, damage.offsetIsCompressed, let frame = frame(containing: s) else { return false }
        return frame.file == damage.offset
    }

    func describe(_ skipping: Skipping) -> String {
        skipping.compressed ? "the record in the gzip member at compressed byte \(skipping.offset)" : "the record at byte \(skipping.offset)"
    }

    // MARK: - Record ends

    enum Trailer {
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
    func trailer(at e: Int, dataEnds: Bool) -> Trailer {
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
    func startsLikeRecord(_ k: Int) -> Bool {
        let magic: [UInt8] = Array("WARC/".utf8)
        return (k..<hi).allSatisfy { buffer[$0] == magic[min($0 - k, 4)] }
    }

    /// A frame start in buffer[from..<to] whose bytes begin a record, if any (only compressed
    /// inputs have frames).
    func earlyRecordStart(from: Int, to: Int) -> Int? {
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
    func embeddedRecordStart(from: Int, to: Int) -> Int? {
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
    func mismatch(at start: Int64, header: WARCHeader, resumeAt: Int, shorterThan: Bool, _ batch: inout RawRecordBatch) {
        let why = shorterThan ? "is shorter than its Content-Length of \(header.contentLength) bytes says (a record starts inside it)"
                              : "does not end where its Content-Length of \(header.contentLength) bytes says"
        batch.issues.append(issue(at: start, kind: "warc_length_mismatch", "\(place(start)) \(why); resuming at the next record",
                                  sample: sample(from: lo)))
        resync(from: resumeAt, quiet: true)
    }

    func truncated(at start: Int64, header: WARCHeader, _ batch: inout RawRecordBatch) {
        batch.issues.append(issue(at: start, kind: "truncated_input",
                                  "the input ends inside the block of \(place(start)) (\(hi - lo - header.length) of \(header.contentLength) bytes)",
                                  sample: sample(from: lo), length: Int64(hi - lo)))
        lo = hi
        finished = true
    }

    func resync(from i: Int, quiet: Bool) {
        lo = i
        loIsLineStart = i > 0 && buffer[i - 1] == 0x0A
        skippedFrom = nil
        phase = .seek(quiet: quiet)
    }

    /// Whether `n` bytes at `p` equal `lowercase` in any ASCII letter case.
    func equalsIgnoringCase(_ p: UnsafePointer<UInt8>, _ n: Int, _ lowercase: [UInt8]) -> Bool {
        guard n == lowercase.count else { return false }
        for k in 0..<n where p[k] | (isASCIILetter(p[k]) ? 0x20 : 0) != lowercase[k] { return false }
        return true
    }
}
