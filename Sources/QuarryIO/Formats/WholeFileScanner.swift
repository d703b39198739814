// WholeFileScanner: one input file (decompressed as its extension says) as one raw record,
// for readers whose documents are whole files (html_files_v1, text_v1). A file longer than
// the limit is never buffered past it: it is read to the end only to learn its length, and
// set aside as `record_too_large` with its first bytes. A damaged compressed file is the
// decompressor's issue and is not read on (half a page is not the page).
import QuarryCore

/// Reads a file as one record.
final class WholeFileScanner: RecordScanner {
    private let split: InputSplit
    private let maxBytes: Int
    private var done = false

    init(split: InputSplit, maxBytes: Int) {
        self.split = split
        self.maxBytes = maxBytes
    }

    func next() throws -> RawRecordBatch? {
        guard !done else { return nil }
        done = true
        var batch = RawRecordBatch(file: split.path, name: split.name)
        let source = try Compression.auto.openSource(path: split.path)
        var bytes: [UInt8] = []
        var length: Int64 = 0
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        reading: while true {
            switch try source.read(into: buffer) {
            case .bytes(let n):
                length += Int64(n)
                let room = maxBytes + 1 - bytes.count
                if room > 0 { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<min(n, room)])) }
            case .damaged(var issue):
                issue.message += "; the file is not read"
                issue.sample = Array(bytes.prefix(WARCScanner.sampleBytes))
                batch.issues.append(issue)
                batch.fileBytesConsumed = source.fileOffset
                return batch
            case .end:
                break reading
            }
        }
        batch.fileBytesConsumed = source.fileOffset
        if length > Int64(maxBytes) {
            batch.issues.append(InputIssue(file: split.path, offset: 0, kind: "record_too_large",
                message: "the file of \(length) bytes is longer than the limit of \(maxBytes) bytes",
                sample: Array(bytes.prefix(WARCScanner.sampleBytes)), length: length))
            return batch
        }
        batch.bytes = bytes
        batch.records = [RawRecord(range: 0..<bytes.count, offset: 0, line: 1)]
        return batch
    }
}
