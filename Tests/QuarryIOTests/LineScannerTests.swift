// Tests of LineScanner (Formats/LineScanner.swift) and of how JSONLReader splits plain files
// into byte ranges and opens a scanner on each (Formats/JSONLReader.swift).
//
// Why: the scanner decides which records a run sees. A record lost or read twice at a range
// boundary, a wrong offset or line number in a reject, or a huge line buffered whole would all
// go unnoticed in end-to-end runs. The reference is a plain, slow twin (`naiveLines`: split
// the whole file at every LF) and the property is the Hadoop rule: over all ranges
// [k*S, (k+1)*S) of a file, every record is produced exactly once, in order, by the range its
// first byte is in, with the right offset, and with its line number when the range starts at 0.
// Scripted sources (ByteStreamTestSupport.swift) control how the bytes arrive and where damage
// falls, so buffer boundaries land everywhere.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

/// Random JSONL-like text: short and long lines, empty and whitespace-only lines, CRLF
/// endings, leading blanks, multi-byte characters, and sometimes no final newline.
func randomLineFile(lines: Int, longest: Int, seed: UInt64) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    let pieces: [[UInt8]] = ["a", "b", "z", "0", "9", " ", "\t", "{", "}", "\"", ":", "é", "字", "😀", "text", "\\n", "\r"]
        .map { Array($0.utf8) }
    func content(_ length: Int) -> [UInt8] {
        var out: [UInt8] = Array("{\"t\":\"".utf8)
        while out.count < length { out += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        return out
    }
    var out: [UInt8] = []
    for _ in 0..<lines {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0, 1: break                                              // empty line
        case 2, 3:                                                    // whitespace only
            for _ in 0..<Int.random(in: 1...6, using: &rng) { out.append([0x20, 0x09, 0x0D][Int.random(in: 0..<3, using: &rng)]) }
        case 4, 5: out += content(Int.random(in: 1...60, using: &rng)) + [0x0D]   // CRLF
        case 6: out += Array("   ".utf8) + content(Int.random(in: 1...40, using: &rng))   // leading blanks
        case 7: out += content(Int.random(in: longest / 2...longest, using: &rng))        // long
        default: out += content(Int.random(in: 1...80, using: &rng))
        }
        out.append(0x0A)
    }
    if Bool.random(using: &rng) {
        out += content(Int.random(in: 1...(longest / 2), using: &rng))   // a last line without newline
    }
    return out
}

/// What reading every split of `path` should give: the naive records and oversized-record
/// issues, each placed in the range that owns its first byte (no line numbers there unless
/// the range starts at 0).
func expectedForRanges(_ data: [UInt8], ranges: [Range<Int64>], maxRecordBytes: Int) -> (records: [ScannedRecord], issues: [ScannedIssue]) {
    let naive = naiveLines(data, maxRecordBytes: maxRecordBytes)
    func owner(_ offset: Int64) -> Range<Int64> { ranges.first { $0.contains(offset) }! }
    let records = naive.records.map { r -> ScannedRecord in
        var r = r
        if owner(r.offset).lowerBound > 0 { r.line = nil }
        return r
    }
    let issues = naive.oversized.map { i -> ScannedIssue in
        var i = i
        if owner(i.offset).lowerBound > 0 { i.line = nil }
        return i
    }
    return (records, issues)
}

/// Reads `path` the way a run does: JSONLReader's splits for `splitBytes`, one scanner per split.
func readSplits(_ path: String, size: Int64, splitBytes: Int, maxRecordBytes: Int) throws
    -> (ranges: [Range<Int64>], perRange: [ScanResult])
{
    var options = JSONLReader.Options()
    options.splitBytes = splitBytes
    options.maxRecordBytes = maxRecordBytes
    let reader = try JSONLReader(options: options)
    let splits = reader.splits(path: path, size: size)
    let ranges = splits ?? [0..<size]
    var results: [ScanResult] = []
    for (k, range) in ranges.enumerated() {
        let split = InputSplit(path: path, name: "test.jsonl", start: range.lowerBound, end: splits == nil ? nil : range.upperBound,
                               part: k, parts: ranges.count)
        results.append(try scanAll(reader.openScanner(split)))
    }
    return (ranges, results)
}

@Suite struct LineScannerRangeTests {
    /// Checks one split size: every record once, in order, from its owning range.
    func checkSplitSize(_ data: [UInt8], path: String, splitBytes: Int, maxRecordBytes: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let (ranges, perRange) = try readSplits(path, size: Int64(data.count), splitBytes: splitBytes, maxRecordBytes: maxRecordBytes)
        let expected = expectedForRanges(data, ranges: ranges, maxRecordBytes: maxRecordBytes)
        var records: [ScannedRecord] = []
        var issues: [ScannedIssue] = []
        var misplaced: [String] = []
        for (range, result) in zip(ranges, perRange) {
            for r in result.records where !range.contains(r.offset) { misplaced.append("record \(r) read by range \(range)") }
            records += result.records
            issues += result.issues
        }
        let ok = records == expected.records && issues == expected.issues && misplaced.isEmpty
        if !ok {
            let firstDifference = zip(records, expected.records).first { $0 != $1 }
            Issue.record("""
                split size \(splitBytes) (\(ranges.count) ranges): \(records.count) records, expected \(expected.records.count); \
                first difference \(firstDifference.map { "got \($0.0), expected \($0.1)" } ?? "none (count)"); \
                issues \(issues) expected \(expected.issues); misplaced \(misplaced.prefix(3))
                """, sourceLocation: sourceLocation)
        }
        return ok
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func everySplitSizeOfASmallFileReadsEachRecordOnce(_ seed: UInt64) throws {
        let dir = TemporaryDirectory("quarry-scan")
        let data = randomLineFile(lines: 50, longest: 220, seed: seed)
        let path = try dir.write("small.jsonl", data)
        #expect(data.count > 1000)
        for splitBytes in 1...(data.count + 1) {
            if try !checkSplitSize(data, path: path, splitBytes: splitBytes, maxRecordBytes: 150) { break }
        }
    }

    @Test func randomSplitSizesOfALargerFile() throws {
        let dir = TemporaryDirectory("quarry-scan")
        let data = randomLineFile(lines: 6000, longest: 20_000, seed: 77)
        let path = try dir.write("large.jsonl", data)
        var rng = SplitMix64(seed: 5)
        var sizes = [999, 1000, 4096, 65_536, data.count - 1, data.count, 0]
        for _ in 0..<25 { sizes.append(Int(exp(Double.random(in: log(1000.0)...log(Double(data.count)), using: &rng)))) }
        for splitBytes in sizes {
            if try !checkSplitSize(data, path: path, splitBytes: splitBytes, maxRecordBytes: 8_000) { break }
        }
    }

    /// Ranges and lines that straddle the scanner's 1 MiB read buffer.
    @Test func rangesCrossingTheReadBuffer() throws {
        let dir = TemporaryDirectory("quarry-scan")
        let data = randomLineFile(lines: 900, longest: 200_000, seed: 31)
        #expect(data.count > 2 << 20)
        let path = try dir.write("buffers.jsonl", data)
        for splitBytes in [0, 700_001, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 1_300_000, 2_000_000] {
            _ = try checkSplitSize(data, path: path, splitBytes: splitBytes, maxRecordBytes: 64 << 10)
        }
    }

    @Test func splitsCoverThePlainFileInFixedSteps() throws {
        var options = JSONLReader.Options()
        options.splitBytes = 100
        let reader = try JSONLReader(options: options)
        #expect(reader.splits(path: "a.jsonl", size: 100) == nil, "a file of one split size is one task")
        #expect(reader.splits(path: "a.jsonl", size: 101) == [0..<100, 100..<101])
        #expect(reader.splits(path: "a.jsonl", size: 350) == [0..<100, 100..<200, 200..<300, 300..<350])
        #expect(reader.splits(path: "a.jsonl.gz", size: 350) == nil, "compressed files are never split")
        #expect(reader.splits(path: "a.jsonl.zst", size: 350) == nil)
        #expect(reader.splits(path: "a.jsonl.bz2", size: 350) == nil)
        options.splitBytes = 0
        #expect(try JSONLReader(options: options).splits(path: "a.jsonl", size: 1 << 40) == nil, "0 never splits")
    }

    /// The same property with the bytes arriving in random chunks and ranges starting anywhere.
    @Test func anyChunkingAndAnyRangeGiveTheNaiveRecords() throws {
        var rng = SplitMix64(seed: 2024)
        for round in 0..<300 {
            let data = randomLineFile(lines: 40, longest: 300, seed: UInt64(round) + 1000)
            let start = Bool.random(using: &rng) ? 0 : Int.random(in: 0...data.count, using: &rng)
            let end: Int? = Bool.random(using: &rng) ? nil : Int.random(in: start...data.count, using: &rng)
            let maxChunk = [1, 7, 13, 64, 1000][Int.random(in: 0..<5, using: &rng)]
            let chunks = (0..<17).map { _ in Int.random(in: 1...maxChunk, using: &rng) }
            let source = ScriptedSource(Array(data[max(0, start - 1)...]), chunks: chunks)
            let scanner = LineScanner(source: source, file: "f", name: "n", start: Int64(start), end: end.map(Int64.init),
                                      limits: .init(maxRecordBytes: 200))
            let result = try scanAll(scanner)
            let range = Int64(start)..<Int64(end ?? data.count)
            let naive = naiveLines(data, maxRecordBytes: 200)
            let expectedRecords = naive.records.filter { range.contains($0.offset) }.map { r -> ScannedRecord in
                var r = r
                if start > 0 { r.line = nil }
                return r
            }
            let expectedIssues = naive.oversized.filter { range.contains($0.offset) }.map { i -> ScannedIssue in
                var i = i
                if start > 0 { i.line = nil }
                return i
            }
            let context = "round \(round): range \(start)..<\(end.map(String.init) ?? "end") of \(data.count), chunks \(chunks)"
            #expect(result.records == expectedRecords, "\(context)")
            #expect(result.issues == expectedIssues, "\(context)")
            if result.records != expectedRecords || result.issues != expectedIssues { break }
        }
    }
}

@Suite struct LineScannerRecordTests {
    func scan(_ bytes: [UInt8], chunks: [Int] = [Int.max], limits: LineScanner.Limits = .init()) throws -> ScanResult {
        try scanAll(LineScanner(source: ScriptedSource(bytes, chunks: chunks), file: "f.jsonl", name: "f.jsonl", limits: limits))
    }

    @Test func recordsOffsetsAndLineNumbers() throws {
        let text = "a\n\n  \n\r\nb\r\n\t{\"x\": 1}\nc"
        let expected = [
            ScannedRecord(offset: 0, line: 1, bytes: Array("a".utf8)),
            ScannedRecord(offset: 8, line: 5, bytes: Array("b\r".utf8)),
            ScannedRecord(offset: 11, line: 6, bytes: Array("\t{\"x\": 1}".utf8)),
            ScannedRecord(offset: 21, line: 7, bytes: Array("c".utf8)),
        ]
        for chunks in [[Int.max], [1], [2, 3], [5]] {
            let result = try scan(Array(text.utf8), chunks: chunks)
            #expect(result.records == expected, "chunks \(chunks)")
            #expect(result.rawIssues.isEmpty)
            #expect(result.batches.allSatisfy { $0.file == "f.jsonl" && $0.name == "f.jsonl" })
        }
        #expect(try scan([]).batches.isEmpty, "an empty input has no batches")
        #expect(try scan(Array(" \n\t\r\n\n".utf8)).batches.isEmpty, "blank lines only: no batches")
        #expect(try scan(Array("x".utf8)).records == [ScannedRecord(offset: 0, line: 1, bytes: [0x78])], "a lone line without newline")
    }

    @Test func aRangeStartingMidFileHasNoLineNumbersAndSkipsThePartialLine() throws {
        let text = Array("first line\nsecond\nthird\n".utf8)
        // The range starts inside "first line": the source starts one byte before it.
        let inside = LineScanner(source: ScriptedSource(Array(text[4...])), file: "f", name: "f", start: 5, end: nil)
        #expect(try scanAll(inside).records == [ScannedRecord(offset: 11, line: nil, bytes: Array("second".utf8)),
                                                ScannedRecord(offset: 18, line: nil, bytes: Array("third".utf8))])
        // The range starts exactly at "second": the byte before is the newline.
        let exact = LineScanner(source: ScriptedSource(Array(text[10...])), file: "f", name: "f", start: 11, end: 18)
        #expect(try scanAll(exact).records == [ScannedRecord(offset: 11, line: nil, bytes: Array("second".utf8))])
        // A range inside one line owns nothing.
        let none = LineScanner(source: ScriptedSource(Array(text[1...])), file: "f", name: "f", start: 2, end: 9)
        #expect(try scanAll(none).batches.isEmpty)
    }

    static let chunkings: [[Int]] = [[Int.max], [1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [64], [4096], [99, 100, 101]]

    @Test(arguments: chunkings)
    func oversizedLinesAreOneIssueEachAndTheirNeighboursSurvive(_ chunks: [Int]) throws {
        let lines: [[UInt8]] = [
            Array("short".utf8), Array(repeating: 0x61, count: 99), Array(repeating: 0x62, count: 100),
            Array(repeating: 0x63, count: 101), Array("x".utf8), Array(repeating: 0x64, count: 5000), [],
            Array(repeating: 0x65, count: 100_000), Array("last".utf8),
        ]
        let data: [UInt8] = lines.flatMap { $0 + [UInt8(0x0A)] }
        let result = try scan(data, chunks: chunks, limits: .init(maxRecordBytes: 100))
        let naive = naiveLines(data, maxRecordBytes: 100)
        #expect(result.records == naive.records)
        #expect(result.records.map { String(decoding: $0.bytes.prefix(5), as: UTF8.self) } == ["short", "aaaaa", "bbbbb", "x", "last"])
        #expect(result.issues == naive.oversized)
        #expect(result.issues.map(\.length) == [101, 5000, 100_000])
        #expect(result.issues.map(\.offset) == [207, 311, 5313])
        #expect(result.issues.map(\.line) == [4, 6, 8])
        #expect(result.rawIssues.allSatisfy { $0.kind == "record_too_large" && $0.file == "f.jsonl" && !$0.offsetIsCompressed })
        #expect(result.batches.allSatisfy { $0.bytes.count < 1000 }, "oversized records never enter a batch")
    }

    /// The sample of an oversized record is its first bytes (at most 4096): no more than the
    /// record, and nothing that is not part of it, however the bytes arrived.
    @Test(arguments: chunkings)
    func anOversizedRecordsSampleIsTheStartOfTheRecord(_ chunks: [Int]) throws {
        let long1 = Array(repeating: UInt8(ascii: "L"), count: 150)
        let long2 = (0..<9000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let tail = Array(repeating: UInt8(ascii: "T"), count: 120)   // the last line, no newline
        let data = Array("ok\n".utf8) + long1 + [0x0A] + Array("ok\n".utf8) + long2 + [0x0A] + tail
        let result = try scan(data, chunks: chunks, limits: .init(maxRecordBytes: 100))
        #expect(result.records.map(\.bytes) == [Array("ok".utf8), Array("ok".utf8)])
        let issues = result.rawIssues
        #expect(issues.map(\.length) == [150, 9000, 120])
        #expect(issues.map(\.offset) == [3, 157, 9158])
        let samples = issues.map(\.sample)
        #expect(samples.map(\.count) == [150, 4096, 120], "chunks \(chunks)")
        if samples.count == 3 {
            for (k, expected) in [long1, Array(long2.prefix(4096)), tail].enumerated() {
                let sample = samples[k]
                let firstWrong = (0..<min(sample.count, expected.count)).first { sample[$0] != expected[$0] } ?? min(sample.count, expected.count)
                let same = sample == expected
                #expect(same, "chunks \(chunks): sample \(k) has \(sample.count) bytes, expected the record's first \(expected.count); they differ from byte \(firstWrong)")
            }
        }
    }

    /// A whitespace-only line is skipped; whether it is also longer than the limit must not
    /// depend on where the reads happen to cut the input.
    @Test func aLongBlankLineIsTreatedTheSameHoweverTheBytesArrive() throws {
        let data = Array("a\n".utf8) + Array(repeating: 0x20, count: 500) + Array("\nb\n".utf8)
        let whole = try scan(data, limits: .init(maxRecordBytes: 100))
        #expect(whole.records.map(\.bytes) == [[0x61], [0x62]])
        for chunks in [[1], [7], [64], [300]] {
            let chunked = try scan(data, chunks: chunks, limits: .init(maxRecordBytes: 100))
            #expect(chunked.records == whole.records, "chunks \(chunks)")
            #expect(chunked.issues == whole.issues, "chunks \(chunks): \(chunked.issues) vs \(whole.issues) when read at once")
        }
    }

    @Test(arguments: [(100, 1_000_000, 4096), (1000, 500, 7), (1000, 1, 1000), (1000, 1_000_000, 1), (1000, 64, 3)])
    func batchesRespectTheirLimits(_ maxRecordBytes: Int, _ batchBytes: Int, _ batchRecords: Int) throws {
        let dir = TemporaryDirectory("quarry-scan")
        let data = randomLineFile(lines: 3000, longest: 400, seed: 8)
        let path = try dir.write("batches.jsonl", data)
        let limits = LineScanner.Limits(maxRecordBytes: maxRecordBytes, batchBytes: batchBytes, batchRecords: batchRecords)
        let scanner = LineScanner(source: try Compression.none.openSource(path: path), file: path, name: "batches.jsonl", limits: limits)
        let result = try scanAll(scanner)
        #expect(try scanner.next() == nil, "nil stays nil")
        let naive = naiveLines(data, maxRecordBytes: maxRecordBytes)
        #expect(result.records == naive.records)
        #expect(result.issues == naive.oversized)
        var consumed: Int64 = 0
        for (k, batch) in result.batches.enumerated() {
            let isLast = k == result.batches.count - 1
            #expect(batch.records.count <= batchRecords, "batch \(k)")
            // Ranges tile the batch's bytes in order.
            var at = 0
            for r in batch.records {
                #expect(r.range.lowerBound == at, "batch \(k)")
                at = r.range.upperBound
            }
            #expect(at == batch.bytes.count, "batch \(k)")
            // The batch was under its byte limit before its last record went in.
            if let last = batch.records.last {
                #expect(batch.bytes.count - last.range.count < batchBytes, "batch \(k)")
            }
            if !isLast {
                #expect(batch.records.count == batchRecords || batch.bytes.count >= batchBytes, "batch \(k) was cut early")
            }
            #expect(batch.fileBytesConsumed >= consumed, "batch \(k)")
            consumed = batch.fileBytesConsumed
        }
        #expect(consumed == Int64(data.count), "the last batch has consumed the whole file")
    }

    /// The memory bound: a 30 MB line with a 1 MiB limit is reported, never held.
    @Test func aThirtyMegabyteLineIsSkippedWithoutBeingBuffered() throws {
        let length = 30_000_000
        let source = GeneratedSource(head: Array("{\"a\":1}\n".utf8), filler: UInt8(ascii: "x"), count: length,
                                     tail: Array("\n{\"b\":2}\n".utf8))
        let scanner = LineScanner(source: source, file: "big.jsonl", name: "big.jsonl", limits: .init(maxRecordBytes: 1 << 20))
        var records: [ScannedRecord] = []
        var issues: [InputIssue] = []
        var largestBatch = 0
        while let batch = try scanner.next() {
            largestBatch = max(largestBatch, batch.bytes.count, batch.bytes.capacity > 4 << 20 ? batch.bytes.capacity : 0)
            records += batch.records.map { ScannedRecord(offset: $0.offset, line: $0.line, bytes: Array(batch.bytes[$0.range])) }
            issues += batch.issues
        }
        #expect(records == [ScannedRecord(offset: 0, line: 1, bytes: Array("{\"a\":1}".utf8)),
                            ScannedRecord(offset: Int64(8 + length + 1), line: 3, bytes: Array("{\"b\":2}".utf8))])
        #expect(issues.count == 1)
        #expect(issues.first?.kind == "record_too_large")
        #expect(issues.first?.offset == 8)
        #expect(issues.first?.line == 2)
        #expect(issues.first?.length == Int64(length))
        #expect(issues.first?.sample == Array(repeating: UInt8(ascii: "x"), count: 4096))
        #expect(largestBatch < 1 << 20, "no batch holds the long line")
        #expect(source.largestRequest <= 2 << 20, "the scanner's buffer stays within twice the limit (asked for \(source.largestRequest) bytes)")
    }

    @Test func aThirtyMegabyteLineInARealFileIsSkipped() throws {
        let dir = TemporaryDirectory("quarry-scan")
        let path = dir.file("big.jsonl")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data("{\"text\":\"a\"}\n".utf8))
        let block = Data(repeating: UInt8(ascii: "y"), count: 1_000_000)
        for _ in 0..<30 { handle.write(block) }
        handle.write(Data("\n{\"text\":\"b\"}".utf8))
        try handle.close()
        var options = JSONLReader.Options()
        options.maxRecordBytes = 1 << 20
        let scanner = try JSONLReader(options: options).openScanner(InputSplit(path: path, name: "big.jsonl"))
        let result = try scanAll(scanner)
        #expect(result.records.map(\.bytes) == [Array("{\"text\":\"a\"}".utf8), Array("{\"text\":\"b\"}".utf8)])
        #expect(result.records.map(\.line) == [1, 3])
        #expect(result.issues == [ScannedIssue(kind: "record_too_large", offset: 13, line: 2, length: 30_000_000)])
        #expect(result.batches.allSatisfy { $0.bytes.count < 1 << 20 })
    }
}

@Suite struct LineScannerDamageTests {
    func issue(_ offset: Int64, _ kind: String = "corrupt_gzip") -> InputIssue {
        InputIssue(file: "f.gz", offset: offset, offsetIsCompressed: true, kind: kind, message: "damaged")
    }

    @Test(arguments: [[Int.max], [1], [3], [1, 5, 2]])
    func damageDropsOnlyThePartialRecordBeforeIt(_ chunks: [Int]) throws {
        let source = ScriptedSource([.bytes(Array("one\ntw".utf8)), .damage(issue(500)), .bytes(Array("three\nfour".utf8))], chunks: chunks)
        let result = try scanAll(LineScanner(source: source, file: "f.gz", name: "f.gz"))
        #expect(result.records == [ScannedRecord(offset: 0, line: 1, bytes: Array("one".utf8)),
                                   ScannedRecord(offset: 6, line: nil, bytes: Array("three".utf8)),
                                   ScannedRecord(offset: 12, line: nil, bytes: Array("four".utf8))])
        let issues = result.rawIssues
        #expect(issues.count == 1)
        #expect(issues.first?.kind == "corrupt_gzip")
        #expect(issues.first?.offset == 500)
        #expect(issues.first?.offsetIsCompressed == true)
        #expect(issues.first?.message.hasPrefix("damaged") == true)
        #expect(issues.first?.message.contains("(2 bytes)") == true, "\(issues.first?.message ?? "")")
    }

    @Test func damageAtARecordBoundaryLosesNothing() throws {
        let source = ScriptedSource([.bytes(Array("one\n".utf8)), .damage(issue(9)), .bytes(Array("two\n".utf8)),
                                     .damage(issue(20, "truncated_input"))])
        let result = try scanAll(LineScanner(source: source, file: "f.gz", name: "f.gz"))
        #expect(result.records.map(\.bytes) == [Array("one".utf8), Array("two".utf8)])
        #expect(result.rawIssues.map(\.kind) == ["corrupt_gzip", "truncated_input"])
        #expect(result.rawIssues.map(\.message) == ["damaged", "damaged"], "nothing was dropped, so the message is unchanged")
    }

    @Test(arguments: [[Int.max], [1], [7]])
    func damageInsideAnOversizedRecordReplacesItsIssue(_ chunks: [Int]) throws {
        let long = Array(repeating: UInt8(ascii: "z"), count: 300)
        let source = ScriptedSource([.bytes(Array("ok\n".utf8) + long), .damage(issue(77)), .bytes(Array("after\n".utf8))], chunks: chunks)
        let result = try scanAll(LineScanner(source: source, file: "f.gz", name: "f.gz", limits: .init(maxRecordBytes: 100)))
        #expect(result.records.map(\.bytes) == [Array("ok".utf8), Array("after".utf8)])
        #expect(result.rawIssues.map(\.kind) == ["corrupt_gzip"], "the damaged record is not also reported as too large")
        #expect(result.rawIssues.first?.message.contains("(300 bytes)") == true, "\(result.rawIssues.first?.message ?? "")")
    }

    /// A JSONL file whose writer ended a gzip member / zstd frame after every 50 lines, with one
    /// member damaged: through JSONLReader, exactly the records of the other members are read.
    @Test(arguments: [Compression.gzip, .zstd])
    func aDamagedMemberOfAJSONLFileCostsOnlyItsRecords(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-scan")
        let members: [[UInt8]] = (0..<6).map { m in
            (0..<50).flatMap { l in Array("{\"id\":\"m\(m)-\(l)\",\"text\":\"line \(l) of member \(m)\"}\n".utf8) }
        }
        let file = try writeMembers(members, to: dir.file("docs.jsonl" + compression.fileExtension))
        var bytes = try readBytes(file.path)
        bytes[Int(file.start(3)) + 1] = 0   // member 3's magic
        try writeFile(file.path, bytes)
        let scanner = try JSONLReader(options: .init()).openScanner(InputSplit(path: file.path, name: "docs.jsonl"))
        let result = try scanAll(scanner)
        let before = naiveLines(file.data(0..<3)).records
        let after = naiveLines(file.data(4..<6)).records.map {
            ScannedRecord(offset: $0.offset + Int64(file.data(0..<3).count), line: nil, bytes: $0.bytes)
        }
        #expect(result.records == before + after)
        #expect(result.records.count == 250)
        #expect(result.rawIssues.map(\.kind) == [Codec.corruptKind(compression)])
        #expect(result.rawIssues.map(\.offset) == [file.start(3)])
        #expect(result.rawIssues.first?.offsetIsCompressed == true)
        #expect(result.rawIssues.first?.file == file.path)
        #expect(result.batches.last?.fileBytesConsumed == Int64(bytes.count))
    }
}
