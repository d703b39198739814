// LineScanner: cuts a byte stream into newline-terminated records (JSONL, text lines) in
// batches. It reads a byte range of a file the Hadoop way (a record belongs to the range its
// first byte is in), keeps memory bounded (a record longer than the limit is skipped without
// being buffered and reported with its offset), and turns stream damage into issues while
// keeping every intact record around it.
import Glibc
import QuarryCore

/// Splits a ByteSource into line records.
public final class LineScanner: RecordScanner {
    public struct Limits: Sendable {
        /// Longest record kept, in bytes; longer ones become `record_too_large` issues.
        public var maxRecordBytes: Int
        /// A batch is cut once it holds this many bytes.
        public var batchBytes: Int
        /// ... or this many records.
        public var batchRecords: Int

        public init(maxRecordBytes: Int = 16 << 20, batchBytes: Int = 1 << 20, batchRecords: Int = 4096) {
            self.maxRecordBytes = maxRecordBytes
            self.batchBytes = batchBytes
            self.batchRecords = batchRecords
        }
    }

    /// Bytes of a bad record kept as its sample.
    static let sampleBytes = 4096

    private let source: any ByteSource
    private let file: String
    private let name: String
    private let limits: Limits
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var lo = 0
    private var hi = 0
    /// Offset in the decompressed stream of buffer[0].
    private var bufferOffset: Int64
    /// Number of the line starting at `lo`, when known.
    private var line: Int64?
    private let rangeEnd: Int64?
    private var skippingPartialFirstLine: Bool
    private var oversized: Oversized?
    private var finished = false

    /// - Parameters:
    ///   - source: the stream; for a range starting at `start > 0` it must begin at `start - 1`.
    ///   - start: offset of the range in the stream (0 for whole files).
    ///   - end: end of the range, or nil to read to the end.
    public init(source: any ByteSource, file: String, name: String, start: Int64 = 0, end: Int64? = nil,
                limits: Limits = Limits()) {
        self.source = source
        self.file = file
        self.name = name
        self.limits = limits
        capacity = max(1 << 20, min(limits.batchBytes, 8 << 20))
        buffer = .allocate(capacity: capacity)
        bufferOffset = max(0, start - 1)
        skippingPartialFirstLine = start > 0
        line = start > 0 ? nil : 1
        rangeEnd = end
    }

    deinit { buffer.deallocate() }

    public func next() throws -> RawRecordBatch? {
        if finished { return nil }
        var batch = RawRecordBatch(file: file, name: name)
        batch.bytes.reserveCapacity(limits.batchBytes + limits.batchBytes / 4)
        while !finished, batch.bytes.count < limits.batchBytes, batch.records.count < limits.batchRecords {
            if let newline = memchr(buffer + lo, 0x0A, hi - lo) {
                let end = UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - buffer
                take(lo..<end, into: &batch)
                lo = end + 1
                if let l = line { line = l + 1 }
                continue
            }
            try fill(&batch)
        }
        batch.fileBytesConsumed = source.fileOffset
        if batch.records.isEmpty && batch.issues.isEmpty && finished { return nil }
        return batch
    }

    /// Handles one complete line (without its newline) at buffer[range].
    private func take(_ range: Range<Int>, into batch: inout RawRecordBatch) {
        let offset = bufferOffset + Int64(range.lowerBound)
        if var big = oversized {
            oversized = nil
            big.keepSample(buffer + range.lowerBound, range.count)
            let length = big.length + Int64(range.count)
            batch.issues.append(InputIssue(file: file, offset: big.offset, line: big.line, kind: "record_too_large",
                message: "a record of \(length) bytes is longer than the limit of \(limits.maxRecordBytes) bytes",
                sample: big.sample, length: length))
            return
        }
        if skippingPartialFirstLine {
            skippingPartialFirstLine = false
            return
        }
        if let rangeEnd, offset >= rangeEnd {
            finished = true
            return
        }
        // Size first, then blankness: the same line gets the same verdict however it arrived.
        if range.count > limits.maxRecordBytes {
            batch.issues.append(InputIssue(file: file, offset: offset, line: line, kind: "record_too_large",
                message: "a record of \(range.count) bytes is longer than the limit of \(limits.maxRecordBytes) bytes",
                sample: Array(UnsafeBufferPointer(start: buffer + range.lowerBound, count: min(range.count, Self.sampleBytes))),
                length: Int64(range.count)))
            return
        }
        var start = range.lowerBound
        while start < range.upperBound, isSpace(buffer[start]) { start += 1 }
        if start == range.upperBound { return }
        let at = batch.bytes.count
        batch.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count))
        batch.records.append(RawRecord(range: at..<(at + range.count), offset: offset, line: line))
    }

    /// Reads more input after the incomplete line at [lo, hi).
    private func fill(_ batch: inout RawRecordBatch) throws {
        let pending = hi - lo
        if oversized == nil, pending > limits.maxRecordBytes, !skippingPartialFirstLine {
            let offset = bufferOffset + Int64(lo)
            if let rangeEnd, offset >= rangeEnd {
                finished = true
                return
            }
            oversized = Oversized(offset: offset, line: line)
        }
        if oversized != nil || (skippingPartialFirstLine && pending > limits.maxRecordBytes) {
            oversized?.keepSample(buffer + lo, pending)
            oversized?.length += Int64(pending)
            bufferOffset += Int64(hi)
            lo = 0
            hi = 0
        } else if lo > 0 {
            if pending > 0 { buffer.update(from: buffer + lo, count: pending) }
            bufferOffset += Int64(lo)
            hi = pending
            lo = 0
        }
        if hi == capacity { grow() }
        let event = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + hi, count: capacity - hi))
        switch event {
        case .bytes(let n):
            hi += n
        case .damaged(var issue):
            let lost = Int64(hi - lo) + (oversized?.length ?? 0)
            if lost > 0 { issue.message += "; the incomplete record before the damage (\(lost) bytes) is dropped" }
            batch.issues.append(issue)
            bufferOffset += Int64(hi)
            lo = 0
            hi = 0
            line = nil
            oversized = nil
            skippingPartialFirstLine = false
        case .end:
            if hi > lo || oversized != nil { take(lo..<hi, into: &batch) }
            lo = hi
            finished = true
        }
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: hi)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    @inline(__always)
    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
}

/// A record longer than the limit, being skipped: where it starts, its first bytes, its length so far.
private struct Oversized {
    var offset: Int64
    var line: Int64?
    var sample: [UInt8] = []
    var length: Int64 = 0

    /// Keeps bytes of the record in the sample while it is shorter than `LineScanner.sampleBytes`.
    mutating func keepSample(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        let room = LineScanner.sampleBytes - sample.count
        if room > 0 { sample.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(room, count))) }
    }
}
