// Tests of WARCScanner (Formats/WARCScanner.swift), FrameReader (Compression/FrameReader.swift)
// and how warc_v1 splits files into ranges.
//
// Why: the scanner decides which records a run sees. The contract checked here: the same
// documents whatever the layout (.warc, .warc.gz with a member per record, one gzip stream);
// every kind of damage (a Content-Length too long or too short, a damaged or truncated gzip
// member, garbage between records, a header without Content-Length, a file cut short) is one
// issue of the right kind at the damaged record's offset — the gzip member's compressed
// offset for .warc.gz — and every intact record around it is still read; a record larger than
// the limit is never buffered whole; and over any byte ranges of a file, every record is read
// exactly once, by the range its member (or first byte) starts in. The expected records are
// known exactly because the tests build the archives record by record.
import Foundation
import QuarryCore
@testable import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct WARCScannerLayoutTests {
    @Test(arguments: ArchiveLayout.allCases)
    func everyLayoutGivesTheSameDocuments(_ layout: ArchiveLayout) throws {
        let dir = TemporaryDirectory("quarry-warc")
        let crawl = try SampleCrawl.make()
        let (path, offsets) = try writeArchive(crawl.records.map(\.bytes), layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)

        #expect(out.issues.isEmpty, "\(out.issues)")
        #expect(out.ids == crawl.records.map(\.documentID).filter { crawl.expectedTexts[$0] != nil })
        for document in out.documents {
            #expect(document.text == crawl.expectedTexts[document.id], "\(document.id)")
            #expect(document.metadata["charset"] == .string(crawl.expectedCharsets[document.id]!), "\(document.id)")
        }
        #expect(out.stats.dropped == ["http_status_not_ok": 2, "content_type_skipped": 1])
        for type in ["warcinfo", "request", "metadata", "revisit"] {
            #expect(out.stats.counters["skipped_\(type)"] == 1, "\(type)")
        }
        // Every record is a raw record, at its offset: the member's for .warc.gz, the
        // (decompressed) stream's otherwise.
        #expect(out.recordOffsets == offsets)
        #expect(out.funnelIn == 8)
    }

    @Test func lenientHeadersAreRead() throws {
        // Bare LF line ends, lower-case field names, extra spaces, a folded line, WARC/1.1.
        let html = "<html><body>lenient</body></html>"
        let block = "HTTP/1.0 200 OK\nContent-type:   text/html\n\n" + html
        let record = "WARC/1.1\nwarc-type: response\nWARC-Record-ID:<urn:uuid:lenient>\nX-Folded: a\n  b\n"
            + "warc-target-uri: https://l.example/\ncontent-length: \(block.utf8.count)\n\n" + block + "\n\n"
        let dir = TemporaryDirectory("quarry-warc")
        let path = try dir.write("lenient.warc", record + record.replacingOccurrences(of: "lenient>", with: "lenient2>"))
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issues.isEmpty, "\(out.issues)")
        #expect(out.ids == ["urn:uuid:lenient", "urn:uuid:lenient2"])
        #expect(out.documents.first?.text == html)
        #expect(out.documents.first?.metadata["url"] == .string("https://l.example/"))
    }

    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord])
    func recordsLargerThanTheBufferAreReadWhole(_ layout: ArchiveLayout) throws {
        let big = Array(("<html><body>" + String(repeating: "0123456789", count: 300_000) + "</body></html>").utf8)   // 3 MB
        let records = (0..<3).map { k in
            WARCRecordSpec(type: "response", id: "big-\(k)", uri: "https://big.example/\(k)",
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: k == 1 ? big : Array("<p>small</p>".utf8))).bytes
        }
        let dir = TemporaryDirectory("quarry-warc")
        let (path, _) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issues.isEmpty)
        #expect(out.ids == ["urn:uuid:big-0", "urn:uuid:big-1", "urn:uuid:big-2"])
        #expect(out.documents[1].text.utf8.count == big.count)
    }
}

@Suite struct WARCScannerDamageTests {
    /// The sample crawl's records, with record `index` replaced by `damaged`.
    func crawl(replacing index: Int, with damaged: (WARCRecordSpec) -> WARCRecordSpec) throws -> (records: [[UInt8]], crawl: SampleCrawl) {
        let crawl = try SampleCrawl.make()
        var specs = crawl.records
        specs[index] = damaged(specs[index])
        return (specs.map(\.bytes), crawl)
    }

    /// The ids warc_v1 should give for the sample crawl without the records at `lost`.
    func expectedIDs(_ crawl: SampleCrawl, without lost: Set<Int>) -> [String] {
        crawl.records.enumerated().filter { !lost.contains($0.offset) }.map(\.element.documentID)
            .filter { crawl.expectedTexts[$0] != nil }
    }

    @Test(arguments: ArchiveLayout.allCases)
    func aContentLengthTooLongLosesOnlyItsRecord(_ layout: ArchiveLayout) throws {
        // Record 6 (the resource) says it is 300 bytes longer than it is: its block runs
        // into records 7 and 8, which must still be read.
        let (records, crawl) = try crawl(replacing: 6) { var r = $0; r.declaredLength = r.block.count + 300; return r }
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["warc_length_mismatch"])
        #expect(out.issues.first?.offset == offsets[6])
        #expect(out.issues.first?.offsetIsCompressed == (layout == .memberPerRecord))
        #expect(out.ids == expectedIDs(crawl, without: [6]))
        #expect(out.stats.counters["skipped_revisit"] == 1)
    }

    @Test(arguments: ArchiveLayout.allCases)
    func aContentLengthPastTheEndOfTheFileLosesOnlyItsRecord(_ layout: ArchiveLayout) throws {
        // Record 3 claims a megabyte more than the whole file holds: the records after it
        // are still there to be found.
        let (records, crawl) = try crawl(replacing: 3) { var r = $0; r.declaredLength = r.block.count + 1_000_000; return r }
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["warc_length_mismatch"])
        #expect(out.issues.first?.offset == offsets[3])
        #expect(out.ids == expectedIDs(crawl, without: [3]))
    }

    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord])
    func aContentLengthOverTheLimitLosesOnlyItsRecord(_ layout: ArchiveLayout) throws {
        // Record 3 claims more than max_payload_bytes, so its block is read past, not held:
        // the records it claims must still be found (a single gzip stream cannot do this).
        let limit = 64 << 10
        let (records, crawl) = try crawl(replacing: 3) { var r = $0; r.declaredLength = 4 * (limit + HTTPHeaders.maxHeadBytes); return r }
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader { $0.maxPayloadBytes = limit }, path: path)
        #expect(out.issueKinds == ["warc_length_mismatch"])
        #expect(out.issues.first?.offset == offsets[3])
        #expect(out.ids == expectedIDs(crawl, without: [3]))
    }

    @Test(arguments: ArchiveLayout.allCases)
    func aContentLengthTooShortLosesOnlyItsRecord(_ layout: ArchiveLayout) throws {
        let (records, crawl) = try crawl(replacing: 8) { var r = $0; r.declaredLength = r.block.count - 10; return r }
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["warc_length_mismatch"])
        #expect(out.issues.first?.offset == offsets[8])
        #expect(out.ids == expectedIDs(crawl, without: [8]))
    }

    @Test(arguments: ArchiveLayout.allCases)
    func aHeaderWithoutContentLengthIsAnIssue(_ layout: ArchiveLayout) throws {
        var records = try SampleCrawl.make().records.map(\.bytes)
        let crawl = try SampleCrawl.make()
        let text = String(decoding: records[2], as: UTF8.self)
        records[2] = Array(text.replacingOccurrences(of: "Content-Length: ", with: "Content-Lenght: ").utf8)
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["invalid_warc_record"])
        #expect(out.issues.first?.offset == offsets[2])
        #expect(out.issues.first?.message.contains("no Content-Length") == true)
        #expect(out.ids == expectedIDs(crawl, without: [2]))
    }

    @Test func aDamagedMemberLosesOnlyItsRecord() throws {
        let crawl = try SampleCrawl.make()
        let dir = TemporaryDirectory("quarry-warc")
        let file = try writeMembers(crawl.records.map(\.bytes), to: dir.file("whole.warc.gz"))
        var bytes = try readBytes(file.path)
        // Member 9 keeps only its first half: the decoder runs into member 10's header.
        let r = file.range(9)
        bytes.removeSubrange((r.lowerBound + r.count / 2)..<r.upperBound)
        let path = try dir.write("damaged.warc.gz", bytes)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["corrupt_gzip"])
        #expect(out.issues.first?.offset == file.start(9))
        #expect(out.issues.first?.offsetIsCompressed == true)
        #expect(out.ids == expectedIDs(crawl, without: [9]))
    }

    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord, .singleStream])
    func aFileCutShortKeepsEveryCompleteRecord(_ layout: ArchiveLayout) throws {
        let crawl = try SampleCrawl.make()
        let dir = TemporaryDirectory("quarry-warc")
        let (whole, offsets) = try writeArchive(crawl.records.map(\.bytes), layout: layout, in: dir, name: "whole")
        var bytes = try readBytes(whole)
        // Cut inside the last response (record 10); for one gzip stream, near the end.
        let cut = layout == .singleStream ? bytes.count - 40 : Int(offsets[10]) + (Int(offsets[11]) - Int(offsets[10])) / 2
        bytes.removeSubrange(cut...)
        let path = try dir.write("cut" + layout.fileExtension, bytes)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["truncated_input"])
        if layout != .singleStream {
            #expect(out.issues.first?.offset == offsets[10])
            #expect(out.ids == expectedIDs(crawl, without: [10, 11]))
        } else {
            // One stream: the records before the cut are read; the last ones are lost with it.
            #expect(out.ids.count >= 3)
            #expect(out.ids == Array(expectedIDs(crawl, without: []).prefix(out.ids.count)))
        }
    }

    @Test func garbageBetweenMembersIsSkipped() throws {
        let crawl = try SampleCrawl.make()
        let dir = TemporaryDirectory("quarry-warc")
        let file = try writeMembers(crawl.records.map(\.bytes), to: dir.file("whole.warc.gz"))
        var bytes = try readBytes(file.path)
        let garbage = randomBytes(777, seed: 5).map { $0 == 0x1F ? 0x20 : $0 }
        bytes.insert(contentsOf: garbage, at: Int(file.start(6)))
        let path = try dir.write("garbage.warc.gz", bytes)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["corrupt_gzip"])
        #expect(out.issues.first?.offset == file.start(6))
        #expect(out.issues.first?.message.contains("777 bytes") == true)
        #expect(out.ids == expectedIDs(crawl, without: []))
    }

    @Test(arguments: [ArchiveLayout.plain, .singleStream])
    func garbageBetweenRecordsIsSkipped(_ layout: ArchiveLayout) throws {
        let crawl = try SampleCrawl.make()
        var records = crawl.records.map(\.bytes)
        records[5] += Array("this is not a record\r\nWARC is what it is not\r\n".utf8)
        records.insert(Array("junk before the first record\n".utf8), at: 0)
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records, layout: layout, in: dir)
        let out = try readDocuments(try warcReader(), path: path)
        #expect(out.issueKinds == ["invalid_warc_record", "invalid_warc_record"])
        #expect(out.issues.map(\.offset) == [0, offsets[7] - 46])
        #expect(out.issues.first?.sample == Array("junk before the first record\n".utf8))
        #expect(out.ids == expectedIDs(crawl, without: []))
    }

    @Test func damageAtEveryByteNeverLosesAnotherRecord() throws {
        // Flip one byte at many places of a per-record .warc.gz: at most the record whose
        // member holds the byte is lost, with at most one issue, and the scan ends.
        let crawl = try SampleCrawl.make()
        let dir = TemporaryDirectory("quarry-warc")
        let file = try writeMembers(crawl.records.map(\.bytes), to: dir.file("whole.warc.gz"))
        let original = try readBytes(file.path)
        let all = expectedIDs(crawl, without: [])
        for position in stride(from: 0, to: original.count, by: 97) {
            var bytes = original
            bytes[position] ^= 0x5A
            let path = try dir.write("flip.warc.gz", bytes)
            let out = try readDocuments(try warcReader(), path: path)
            let member = (0..<crawl.records.count).first { file.range($0).contains(position) }!
            #expect(out.issues.count <= 1, "byte \(position): \(out.issues)")
            #expect(Set(out.ids).isSuperset(of: expectedIDs(crawl, without: [member])), "byte \(position)")
            #expect(Set(out.ids).isSubset(of: Set(all)), "byte \(position)")
        }
    }
}

@Suite struct WARCScannerLimitTests {
    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord])
    func aPayloadOverTheLimitIsSetAsideWithoutBeingBuffered(_ layout: ArchiveLayout) throws {
        let huge = Array(("<html><body>" + String(repeating: "x", count: 400_000) + "</body></html>").utf8)
        let image = [UInt8](repeating: 0xFF, count: 300_000)
        let records = [
            WARCRecordSpec(type: "response", id: "ok-1", uri: "https://x.example/1",
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: Array("<p>one</p>".utf8))),
            WARCRecordSpec(type: "response", id: "huge", uri: "https://x.example/huge",
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: huge)),
            WARCRecordSpec(type: "response", id: "image", uri: "https://x.example/huge.jpg",
                           block: httpResponse(headers: [("Content-Type", "image/jpeg")], body: image)),
            WARCRecordSpec(type: "metadata", id: "meta", uri: "https://x.example/huge",
                           block: [UInt8](repeating: 0x41, count: 200_000)),
            WARCRecordSpec(type: "response", id: "ok-2", uri: "https://x.example/2",
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: Array("<p>two</p>".utf8))),
        ]
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(records.map(\.bytes), layout: layout, in: dir)
        let reader = try warcReader { $0.maxPayloadBytes = 10_000 }
        let out = try readDocuments(reader, path: path)
        #expect(out.ids == ["urn:uuid:ok-1", "urn:uuid:ok-2"])
        #expect(out.issueKinds == ["record_too_large"])
        #expect(out.issues.first?.offset == offsets[1])
        #expect(out.issues.first?.length == Int64(records[1].block.count))
        #expect(out.issues.first?.sample.count == WARCScanner.sampleBytes)
        // The image is dropped for its type, not set aside for its size.
        #expect(out.stats.dropped == ["content_type_skipped": 1])
        #expect(out.stats.counters["skipped_metadata"] == 1)
        // Nothing buffered past the head kept for the HTTP header and sample.
        let largest = out.batches.flatMap { b in b.records.map(\.range.count) }.max()!
        #expect(largest < 10_000 + HTTPHeaders.maxHeadBytes + 1024)
    }

    @Test func aPayloadThatInflatesPastTheLimitIsSetAside() throws {
        let bomb = try gzipBytes([UInt8](repeating: 0x20, count: 2_000_000))
        let records = [
            WARCRecordSpec(type: "response", id: "bomb", uri: "https://x.example/bomb",
                           block: httpResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: bomb)),
            WARCRecordSpec(type: "response", id: "ok", uri: "https://x.example/ok",
                           block: httpResponse(headers: [("Content-Type", "text/html")], body: Array("<p>ok</p>".utf8))),
        ]
        let dir = TemporaryDirectory("quarry-warc")
        let (path, _) = try writeArchive(records.map(\.bytes), layout: .memberPerRecord, in: dir)
        let out = try readDocuments(try warcReader { $0.maxPayloadBytes = 100_000 }, path: path)
        #expect(out.issueKinds == ["record_too_large"])
        #expect(out.ids == ["urn:uuid:ok"])
    }
}

@Suite struct WARCSplitTests {
    /// Many records of varied sizes; some payloads hold a line reading "WARC/1.0" (a page
    /// about WARC), which a range starting inside them must not take for a record.
    static func manyRecords(count: Int, seed: UInt64) -> [WARCRecordSpec] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { k in
            let size = Int.random(in: 10...3000, using: &rng)
            var body = "<html><body><pre>\n" + String(decoding: memberText(k, lines: size / 40 + 1), as: UTF8.self)
            if k % 7 == 3 { body += "\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\nnot a record\n" }
            body += "</pre></body></html>"
            let type = k % 5 == 0 ? "request" : "response"
            return WARCRecordSpec(type: type, id: "rec-\(k)", uri: "https://s.example/\(k)",
                                  block: type == "request" ? Array("GET /\(k) HTTP/1.1\r\n\r\n".utf8)
                                                           : httpResponse(headers: [("Content-Type", "text/html")], body: Array(body.utf8)))
        }
    }

    @Test(arguments: [ArchiveLayout.plain, .memberPerRecord])
    func everyRecordIsReadOnceWhateverTheRanges(_ layout: ArchiveLayout) throws {
        let specs = Self.manyRecords(count: 120, seed: 42)
        let dir = TemporaryDirectory("quarry-warc")
        let (path, offsets) = try writeArchive(specs.map(\.bytes), layout: layout, in: dir)
        let size = FileInfo.size(of: path)!
        let whole = try readDocuments(try warcReader(), path: path)
        #expect(whole.issues.isEmpty)
        #expect(whole.ids.count == specs.filter { $0.type == "response" }.count)
        #expect(whole.recordOffsets == offsets)
        for step in [Int64(1), 97, 500, 1337, 4096, 20_000, size - 1] {
            let ranges = stride(from: Int64(0), to: size, by: Int(step)).map { $0..<min($0 + step, size) }
            let out = try readDocuments(try warcReader(), path: path, ranges: ranges)
            #expect(out.issues.isEmpty, "step \(step): \(out.issues.prefix(3))")
            #expect(out.ids == whole.ids, "step \(step)")
            #expect(out.recordOffsets == offsets, "step \(step)")
            #expect(out.stats.counters == whole.stats.counters, "step \(step)")
        }
    }

    @Test func damageIsStillRecoveredInsideRanges() throws {
        let specs = Self.manyRecords(count: 60, seed: 7)
        let dir = TemporaryDirectory("quarry-warc")
        let file = try writeMembers(specs.map(\.bytes), to: dir.file("whole.warc.gz"))
        var bytes = try readBytes(file.path)
        let r = file.range(30)
        bytes.removeSubrange((r.lowerBound + r.count / 2)..<r.upperBound)   // member 30 damaged
        let path = try dir.write("damaged.warc.gz", bytes)
        let size = Int64(bytes.count)
        let whole = try readDocuments(try warcReader(), path: path)
        #expect(whole.issueKinds == ["corrupt_gzip"])
        for step in [Int64(333), 2000, 7777] {
            let ranges = stride(from: Int64(0), to: size, by: Int(step)).map { $0..<min($0 + step, size) }
            let out = try readDocuments(try warcReader(), path: path, ranges: ranges)
            #expect(out.ids == whole.ids, "step \(step)")
            #expect(out.issues.count <= 1, "step \(step): \(out.issues)")
        }
    }

    @Test func oneGzipStreamIsReadByTheFirstRange() throws {
        let specs = Self.manyRecords(count: 40, seed: 3)
        let dir = TemporaryDirectory("quarry-warc")
        let (path, _) = try writeArchive(specs.map(\.bytes), layout: .singleStream, in: dir)
        let size = FileInfo.size(of: path)!
        let whole = try readDocuments(try warcReader(), path: path)
        let ranges = stride(from: Int64(0), to: size, by: 1000).map { $0..<min($0 + 1000, size) }
        let out = try readDocuments(try warcReader(), path: path, ranges: ranges)
        #expect(out.ids == whole.ids)
        #expect(out.issues.isEmpty)
    }

    @Test func largeFilesAreSplitByTheReader() throws {
        let reader = try warcReader { $0.splitBytes = 1000 }
        #expect(reader.splits(path: "a.warc.gz", size: 2500) == [0..<1000, 1000..<2000, 2000..<2500])
        #expect(reader.splits(path: "a.warc", size: 2500)?.count == 3)
        #expect(reader.splits(path: "a.warc.gz", size: 1000) == nil)
        #expect(try warcReader { $0.splitBytes = 0 }.splits(path: "a.warc.gz", size: 1 << 40) == nil)
        #expect(try warcReader().splits(path: "a.warc.gz", size: 300 << 20)?.count == 2)
    }
}

@Suite struct FrameReaderTests {
    /// A .warc.gz whose members are records, plus a member that continues a record (does not
    /// start with "WARC/"), an empty member, and stored (level 0) members whose raw bytes
    /// hold a false gzip magic number.
    func makeFile(_ dir: TemporaryDirectory) throws -> MemberFile {
        var members = WARCSplitTests.manyRecords(count: 12, seed: 9).map(\.bytes)
        members.insert(Array("continuation of the record before".utf8), at: 4)
        members.insert(Array("WARC/1.0 with \u{1F}\u{8B}\u{08}\u{00} inside".utf8), at: 8)
        return try writeMembers(members, to: dir.file("frames.warc.gz"), level: 0)
    }

    @Test func seekFindsTheFirstRecordMemberAtOrAfterAnyOffset() throws {
        let dir = TemporaryDirectory("quarry-warc")
        let file = try makeFile(dir)
        let starts = (0..<file.members.count).filter { file.members[$0].starts(with: Array("WARC/".utf8)) }.map { file.start($0) }
        let size = file.bounds.last!
        for offset in stride(from: Int64(0), to: size, by: 7) {
            let reader = try FrameReader.open(path: file.path, offset: offset) as! FrameReader
            let found = try reader.seekToFrame(beginningWith: Array("WARC/".utf8))
            let expected = starts.first { $0 >= offset }
            #expect(found == (expected != nil), "offset \(offset)")
            // With a limit, a record member at or past it belongs to the next range: not found.
            if let expected {
                let bounded = try FrameReader.open(path: file.path, offset: offset) as! FrameReader
                #expect(try !bounded.seekToFrame(beginningWith: Array("WARC/".utf8), before: expected), "offset \(offset)")
                let wider = try FrameReader.open(path: file.path, offset: offset) as! FrameReader
                #expect(try wider.seekToFrame(beginningWith: Array("WARC/".utf8), before: expected + 1), "offset \(offset)")
            }
            if let expected, found {
                #expect(reader.fileOffset == expected, "offset \(offset)")
                // Reading from there starts with that member.
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
                defer { buffer.deallocate() }
                #expect(try reader.read(into: buffer) == .frame(start: expected))
            }
        }
    }

    @Test func framesAreReportedBeforeTheirBytes() throws {
        let dir = TemporaryDirectory("quarry-warc")
        let file = try makeFile(dir)
        for size in [1, 7, 4096, 1 << 20] {
            let reader = try FrameReader.open(path: file.path)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            var frames: [Int64] = []
            var data: [[UInt8]] = []
            loop: while true {
                switch try reader.read(into: buffer) {
                case .frame(let start):
                    frames.append(start)
                    data.append([])
                case .bytes(let n): data[data.count - 1] += buffer[0..<n]
                case .damaged(let issue): Issue.record("\(issue)")
                case .end: break loop
                }
            }
            #expect(frames == Array(file.bounds.dropLast()), "buffer \(size)")
            #expect(data == file.members, "buffer \(size)")
        }
    }

    @Test func openSourceAtAnOffsetReportsThePartialMemberAsDamage() throws {
        // Why WARCScanner does not use `Compression.gzip.openSource(path:offset:)` for ranges:
        // from inside a member it reports the rest of that member as corrupt_gzip (and can take
        // a false magic number in compressed data for a member), where a range must skip it
        // quietly (it belongs to the range before) and verify what it starts at.
        let dir = TemporaryDirectory("quarry-warc")
        let file = try writeMembers(WARCSplitTests.manyRecords(count: 6, seed: 1).map(\.bytes), to: dir.file("m.warc.gz"))
        let offset = file.start(2) + 5
        let read = try readAll(Compression.gzip.openSource(path: file.path, offset: offset))
        #expect(read.issues.first?.kind == "corrupt_gzip")
        #expect(read.issues.first?.offset == offset)
        #expect(read.bytes == file.data(3..<6))
    }
}

/// Frames of bytes handed out in small pieces, to put buffer boundaries everywhere.
final class ChoppedFrames: FrameReading {
    private var events: [FrameEvent] = []
    private var pending: [UInt8] = []
    private var sizes: [Int]
    private var k = 0
    private(set) var fileOffset: Int64 = 0
    let isCompressed: Bool

    init(frames: [[UInt8]], starts: [Int64]?, sizes: [Int]) {
        self.sizes = sizes
        isCompressed = starts != nil
        for (i, frame) in frames.enumerated() {
            if let starts { events.append(.frame(start: starts[i])) }
            events.append(.bytes(frame.count))
            pending += frame
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> FrameEvent {
        while let first = events.first {
            switch first {
            case .bytes(let n) where n == 0:
                events.removeFirst()
            case .bytes(let n):
                let take = min(n, buffer.count, sizes[k % sizes.count])
                k += 1
                for j in 0..<take { buffer[j] = pending[j] }
                pending.removeFirst(take)
                events[0] = .bytes(n - take)
                fileOffset += Int64(take)
                return .bytes(take)
            default:
                return events.removeFirst()
            }
        }
        return .end
    }
}

@Suite struct WARCScannerChunkingTests {
    @Test(arguments: [[1], [1, 2, 3, 5, 8, 13], [7, 4096, 1]])
    func bufferBoundariesAnywhereGiveTheSameRecords(_ sizes: [Int]) throws {
        let crawl = try SampleCrawl.make()
        var records = crawl.records.map(\.bytes)
        records[3] = WARCRecordSpec(type: "metadata", id: "long", block: [UInt8](repeating: 0x61, count: 3000)).bytes
        let starts = records.indices.map { Int64($0 * 1000) }
        let config = WARCScanner.Configuration(blockTypes: ["response", "resource"], maxBlockBytes: 2000, headBytes: 100)
        func scan(_ input: any FrameReading) throws -> [ScannedRecord] {
            let scanner = WARCScanner(input: input, file: "f", name: "f", config: config)
            let result = try scanAll(scanner)
            #expect(result.rawIssues.isEmpty, "\(result.rawIssues)")
            return result.records
        }
        let whole = try scan(ChoppedFrames(frames: [records.flatMap { $0 }], starts: nil, sizes: [1 << 30]))
        #expect(whole.count == records.count)
        #expect(try scan(ChoppedFrames(frames: [records.flatMap { $0 }], starts: nil, sizes: sizes)) == whole)
        let framed = try scan(ChoppedFrames(frames: records, starts: starts, sizes: sizes))
        #expect(framed.map(\.offset) == starts)
        #expect(framed.map(\.bytes.count) == whole.map(\.bytes.count))
    }
}
