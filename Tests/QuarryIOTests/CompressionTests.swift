// Tests of QuarryIO's byte streams (Compression/ByteSource.swift, Gzip.swift, Zstd.swift,
// Bzip2.swift, CompressedInput.swift) and of AtomicFile (Files/AtomicFile.swift).
//
// Why: every corpus file goes through these readers and every output through these writers.
// The contract checked here is the one ByteSource.swift and CompressedInput.swift state:
// byte-exact round trips at any level, buffer size and member count; concatenated files read as
// one stream; zero padding at the end is ignored; damage is reported once, at the compressed
// offset of the member / frame / stream it hit, and reading resumes with *all* of the intact
// members after it; a file that ends inside a member is `truncated_input` at that member's start.
// Compressed data is made with Quarry's own sinks (the gzip/zstd tools may be missing in CI)
// and, for bzip2, with the committed fixtures described in Fixtures/README.md. Expected bytes
// are always known exactly, because which members are intact is known.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

/// A codec and level to test.
struct Codec: Sendable, CustomTestStringConvertible {
    var compression: Compression
    var level: Int?

    var testDescription: String { "\(compression.rawValue) level \(level.map(String.init) ?? "default")" }
    var fileExtension: String { compression.fileExtension }
    /// The issue kind for damage in this codec's files.
    var corruptKind: String { Codec.corruptKind(compression) }
    /// Bytes a reader must see to recognise the start of a member / frame / stream.
    var magicLength: Int { Codec.magicLength(compression) }

    static func corruptKind(_ c: Compression) -> String {
        switch c {
        case .gzip: return "corrupt_gzip"
        case .zstd: return "corrupt_zstd"
        case .bzip2: return "corrupt_bzip2"
        default: return "?"
        }
    }

    static func magicLength(_ c: Compression) -> Int {
        switch c {
        case .gzip: return 3
        case .zstd: return 4
        case .bzip2: return 10
        default: return 0
        }
    }

    static let writable: [Codec] = [Codec(compression: .gzip), Codec(compression: .zstd)]
}

@Suite struct CompressionRoundTripTests {
    static let levels: [Codec] = [
        Codec(compression: .gzip, level: 0), Codec(compression: .gzip, level: 1), Codec(compression: .gzip, level: nil),
        Codec(compression: .gzip, level: 9),
        Codec(compression: .zstd, level: -5), Codec(compression: .zstd, level: 1), Codec(compression: .zstd, level: nil),
        Codec(compression: .zstd, level: 19),
    ]

    /// Sizes around the 256 KiB input window of CompressedInput and well past it.
    static let sizes = [0, 1, 255, (256 << 10) - 1, 256 << 10, (256 << 10) + 1, (3 << 20) + 17]

    @Test(arguments: levels)
    func singleMemberRoundTripsAtEverySize(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        for (k, size) in Self.sizes.enumerated() {
            let data = mixedBytes(size, seed: UInt64(size) &+ 11)
            let path = dir.file("single-\(k)\(codec.fileExtension)")
            try writeCompressed(data, to: path, level: codec.level)
            let fileSize = FileInfo.size(of: path)!
            for sizes in [[1 << 18], [65_536, 1, 100_003]] {
                let source = try Compression.auto.openSource(path: path)
                let read = try readAll(source, sizes: sizes)
                #expect(read.issues.isEmpty, "\(size) bytes: \(read.issues)")
                #expect(read.bytes.count == data.count, "\(size) bytes")
                #expect(read.bytes == data, "\(size) bytes read back differently")
                #expect(source.fileOffset == fileSize, "\(size) bytes: the whole file is consumed")
            }
        }
    }

    @Test(arguments: Codec.writable)
    func emptyInputWritesAnEmptyFileThatReadsAsNothing(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("empty\(codec.fileExtension)")
        let sink = try codec.compression.openSink(path: path)
        try sink.endFrame()
        try [UInt8]().withUnsafeBytes { try sink.write($0) }
        try sink.endFrame()
        try sink.commit()
        #expect(FileInfo.size(of: path) == 0, "no data, no member: an empty file")
        let read = try readFile(path)
        #expect(read.pieces.isEmpty)
    }

    @Test func standardEmptyMembersReadAsNothing() throws {
        let dir = TemporaryDirectory("quarry-io")
        // What `gzip` writes for empty input: header, an empty fixed block (03 00), CRC 0, size 0.
        let gzipEmpty: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
        // What `zstd` writes for empty input: magic, single-segment header with content size 0,
        // one empty last raw block.
        let zstdEmpty: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00]
        for (name, bytes) in [("e.gz", gzipEmpty), ("e.zst", zstdEmpty)] {
            let path = try dir.write(name, bytes + bytes)
            let read = try readFile(path)
            #expect(read.pieces.isEmpty, "\(name): \(read.issues)")
            // An empty member between two full ones.
            let full = dir.file("full-" + name)
            let file = try writeMembers([Array("abc\n".utf8)], to: full)
            let joined = try dir.write("joined-" + name, try readBytes(full) + bytes + (try readBytes(full)))
            let read2 = try readFile(joined)
            #expect(read2.issues.isEmpty, "\(name): \(read2.issues)")
            #expect(read2.bytes == file.data + file.data)
        }
    }

    @Test(arguments: Codec.writable)
    func manyMembersRoundTripAndStartWhereTheSinkSays(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        var rng = SplitMix64(seed: 99)
        let members = (0..<150).map { i in mixedBytes(Int.random(in: 1...4000, using: &rng), seed: UInt64(i)) }
        let path = dir.file("many\(codec.fileExtension)")
        let file = try writeMembers(members, to: path)
        let bytes = try readBytes(path)
        #expect(Int64(bytes.count) == file.bounds.last)
        let magic: [UInt8] = codec.compression == .gzip ? [0x1F, 0x8B, 0x08] : [0x28, 0xB5, 0x2F, 0xFD]
        for i in 0..<members.count {
            #expect(file.bounds[i] < file.bounds[i + 1], "member \(i) is not empty")
            #expect(Array(bytes[file.range(i)].prefix(magic.count)) == magic, "member \(i) starts with the magic")
        }
        let read = try readFile(path, sizes: [10_000])
        #expect(read.issues.isEmpty)
        #expect(read.bytes == file.data)
    }

    @Test(arguments: Codec.writable)
    func endFrameWithoutDataWritesNothing(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("frames\(codec.fileExtension)")
        let sink = try codec.compression.openSink(path: path)
        try Array("hello\n".utf8).withUnsafeBytes { try sink.write($0) }
        try sink.endFrame()
        let afterFirst = sink.fileBytes
        try sink.endFrame()
        try sink.endFrame()
        #expect(sink.fileBytes == afterFirst)
        try sink.commit()
        #expect(FileInfo.size(of: path) == afterFirst, "commit after endFrame adds nothing")
        #expect(try readFile(path).bytes == Array("hello\n".utf8))
    }

    @Test(arguments: Codec.writable)
    func tinyReadBuffersGiveTheSameBytes(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        // A 300 000-byte incompressible member makes the compressed input cross its 256 KiB window.
        let members = [mixedBytes(50_000, seed: 1), randomBytes(300_000, seed: 2), mixedBytes(10, seed: 3), mixedBytes(70_000, seed: 4)]
        let file = try writeMembers(members, to: dir.file("tiny\(codec.fileExtension)"))
        let big = try readFile(file.path, sizes: [1 << 20])
        #expect(big.bytes == file.data)
        let tiny = try readFile(file.path, sizes: [1, 2, 3, 4, 5, 6, 7])
        #expect(tiny.issues.isEmpty)
        #expect(tiny.bytes == file.data)
        let ones = try readFile(file.path, sizes: [1])
        #expect(ones.bytes == file.data)
    }

    @Test(arguments: Codec.writable)
    func concatenatedFilesReadAsOneStream(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let a = try writeMembers([memberText(0, lines: 300), memberText(1, lines: 10), memberText(2, lines: 2000)],
                                 to: dir.file("a\(codec.fileExtension)"))
        let b = try writeMembers([memberText(3, lines: 700)], to: dir.file("b\(codec.fileExtension)"))
        let joined = try dir.write("ab\(codec.fileExtension)", try readBytes(a.path) + (try readBytes(b.path)))
        for sizes in [[1 << 16], [3, 4, 5]] {
            let read = try readFile(joined, sizes: sizes)
            #expect(read.issues.isEmpty)
            #expect(read.bytes == a.data + b.data)
        }
        // The same file joined to itself three times.
        let triple = try dir.write("aaa\(codec.fileExtension)", Array(repeating: try readBytes(a.path), count: 3).flatMap { $0 })
        let read = try readFile(triple)
        #expect(read.issues.isEmpty)
        #expect(read.bytes == a.data + a.data + a.data)
    }

    @Test func plainSourceStartsAtItsOffset() throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = try dir.write("plain.txt", "0123456789")
        let source = try Compression.none.openSource(path: path, offset: 4)
        #expect(source.fileOffset == 4)
        let read = try readAll(source, sizes: [3])
        #expect(read.bytes == Array("456789".utf8))
        #expect(source.fileOffset == 10)
        // A compressed name read with `compression: none` is read as plain bytes.
        let gz = try dir.write("really-plain.gz", "not gzip\n")
        #expect(try readAll(Compression.none.openSource(path: gz)).bytes == Array("not gzip\n".utf8))
    }
}

@Suite struct CompressionDamageTests {
    static let allCodecs: [Compression] = [.gzip, .zstd, .bzip2]

    /// A valid file of `compression` and its contents: written by our sinks, or the bzip2 fixture.
    func validFile(_ compression: Compression, in dir: TemporaryDirectory) throws -> (bytes: [UInt8], data: [UInt8]) {
        if compression == .bzip2 {
            return (try readBytes(fixturePath("two-streams.txt.bz2")), Bzip2Fixture.first + Bzip2Fixture.second)
        }
        let file = try writeMembers([memberText(0, lines: 500), memberText(1, lines: 500)], to: dir.file("valid" + compression.fileExtension))
        return (try readBytes(file.path), file.data)
    }

    @Test(arguments: allCodecs)
    func zeroPaddingAtTheEndIsIgnored(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let (bytes, data) = try validFile(compression, in: dir)
        for pad in [1, 2, 3, 4, 9, 10, 11, 511, 300_000] {
            let path = try dir.write("padded-\(pad)\(compression.fileExtension)", bytes + Array(repeating: 0, count: pad))
            let read = try readFile(path)
            #expect(read.issues.isEmpty, "\(pad) zero bytes: \(read.issues)")
            #expect(read.bytes == data, "\(pad) zero bytes")
        }
    }

    @Test(arguments: allCodecs)
    func garbageOnlyFileIsExactlyOneIssueThenEnd(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let garbage = Array(String(repeating: "This file is not compressed at all.\n", count: 300).utf8)
        let path = try dir.write("garbage\(compression.fileExtension)", garbage)
        let source = try Compression.auto.openSource(path: path)
        let read = try readAll(source)
        #expect(read.pieces.count == 1)
        let issue = try #require(read.issues.first)
        #expect(issue.kind == Codec.corruptKind(compression))
        #expect(issue.offset == 0)
        #expect(issue.offsetIsCompressed)
        #expect(issue.file == path)
        #expect(read.bytes.isEmpty)
        // End stays the end.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) == .end)
        #expect(source.fileOffset == Int64(garbage.count))
    }

    @Test(arguments: allCodecs)
    func garbageBeforeAndAfterTheDataIsOneIssueEach(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let (bytes, data) = try validFile(compression, in: dir)
        let head = Array(String(repeating: "junk ", count: 20).utf8)
        let tail = Array("trailing bytes that are not a member\n".utf8)
        let path = try dir.write("framed\(compression.fileExtension)", head + bytes + tail)
        let read = try readFile(path)
        let kind = Codec.corruptKind(compression)
        #expect(read.pieces.count == 3, "\(read.issues)")
        #expect(read.issues.map(\.kind) == [kind, kind])
        #expect(read.issues.map(\.offset) == [0, Int64(head.count + bytes.count)])
        #expect(read.segments == [[], data, []])
        // Garbage between two copies of the file: one issue where it starts, both copies intact.
        let middle = try dir.write("middle\(compression.fileExtension)", bytes + tail + bytes)
        let read2 = try readFile(middle)
        #expect(read2.issues.map(\.offset) == [Int64(bytes.count)])
        #expect(read2.issues.map(\.kind) == [kind])
        #expect(read2.segments == [data, data])
    }

    // MARK: Truncation

    @Test(arguments: Codec.writable)
    func truncatedLastMemberGivesTheIntactPrefixThenTruncatedInput(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let members = [memberText(0, lines: 400), randomBytes(20_000, seed: 5), memberText(2, lines: 300), memberText(3, lines: 900)]
        let file = try writeMembers(members, to: dir.file("whole\(codec.fileExtension)"))
        let bytes = try readBytes(file.path)
        let last = file.range(3)
        let intact = file.data(0..<3)
        // Every cut that leaves at least the magic of the last member, sampled evenly, plus the ends.
        var cuts = Set(stride(from: last.lowerBound + codec.magicLength, to: last.upperBound, by: max(1, last.count / 60)))
        for k in [codec.magicLength, codec.magicLength + 1, 10, 11, 20] { cuts.insert(last.lowerBound + k) }
        for k in 1...12 { cuts.insert(last.upperBound - k) }
        for cut in cuts.sorted() {
            let path = try dir.write("cut\(codec.fileExtension)", Array(bytes[..<cut]))
            let read = try readFile(path, sizes: [4096])
            #expect(read.issues.count == 1, "cut at \(cut): \(read.issues)")
            guard let issue = read.issues.first else { continue }
            #expect(issue.kind == "truncated_input", "cut at \(cut)")
            #expect(issue.offset == file.start(3), "cut at \(cut): the truncated member starts at \(file.start(3))")
            #expect(issue.offsetIsCompressed)
            #expect(read.pieces.last == .damage(issue), "cut at \(cut): the issue is the last event")
            let got = read.bytes
            #expect(got.count >= intact.count && got == Array(file.data.prefix(got.count)),
                    "cut at \(cut): \(got.count) bytes read, not the intact \(intact.count) plus a prefix of the last member")
        }
    }

    /// A file may end after only the first byte or two of a member (a download cut short).
    /// That is a member the file ends inside: `truncated_input`, like any later cut.
    @Test(arguments: [Compression.gzip, .zstd, .bzip2])
    func fileEndingInsideAMembersMagicIsTruncatedInput(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let bytes: [UInt8]
        let data: [UInt8]
        let lastStart: Int
        if compression == .bzip2 {
            bytes = try readBytes(fixturePath("two-streams.txt.bz2"))
            lastStart = Bzip2Fixture.streamStarts(bytes)[1]
            data = Bzip2Fixture.first
        } else {
            let file = try writeMembers([memberText(0, lines: 100), memberText(1, lines: 100)], to: dir.file("two" + compression.fileExtension))
            bytes = try readBytes(file.path)
            lastStart = Int(file.start(1))
            data = file.members[0]
        }
        for k in 1..<Codec.magicLength(compression) {
            let path = try dir.write("cut-\(k)\(compression.fileExtension)", Array(bytes[..<(lastStart + k)]))
            let read = try readFile(path)
            #expect(read.bytes == data, "\(k) bytes of the last member")
            #expect(read.issues.map(\.kind) == ["truncated_input"], "\(k) bytes of the last member: \(read.issues.map(\.message))")
            #expect(read.issues.map(\.offset) == [Int64(lastStart)], "\(k) bytes of the last member")
        }
    }

    @Test func truncatedBzip2FixtureGivesTheFirstStreamThenTruncatedInput() throws {
        let path = fixturePath("truncated.txt.bz2")
        let full = try readBytes(fixturePath("two-streams.txt.bz2"))
        let secondStart = Bzip2Fixture.streamStarts(full)[1]
        for sizes in [[1 << 16], [1, 2, 3, 5, 7]] {
            let read = try readFile(path, sizes: sizes)
            #expect(read.issues.count == 1, "\(read.issues)")
            let issue = try #require(read.issues.first)
            #expect(issue.kind == "truncated_input")
            #expect(issue.offset == Int64(secondStart))
            #expect(issue.offsetIsCompressed)
            #expect(read.pieces.last == .damage(issue))
            let all = Bzip2Fixture.first + Bzip2Fixture.second
            #expect(read.bytes.count >= Bzip2Fixture.first.count && read.bytes == Array(all.prefix(read.bytes.count)))
        }
    }

    // MARK: Damaged members

    /// Ways to damage member `i` of a file so that the reader sees it at once.
    enum Damage: String, CaseIterable, Sendable {
        /// The member's magic is overwritten: the reader cannot find it at all.
        case magic
        /// The magic is intact but the header or first block is invalid (gzip: block type 3,
        /// reserved; zstd: the frame header's reserved bit).
        case header
    }

    func damage(_ bytes: inout [UInt8], member start: Int, _ damage: Damage, _ compression: Compression) {
        switch (damage, compression) {
        case (.magic, _): bytes[start + 1] = 0x00
        case (.header, .gzip): bytes[start + 10] |= 0x06
        case (.header, _): bytes[start + 4] |= 0x08
        }
    }

    static let damageCases: [(Compression, Damage)] = [(.gzip, .magic), (.gzip, .header), (.zstd, .magic), (.zstd, .header)]

    @Test(arguments: damageCases)
    func damagedMiddleMemberCostsOnlyThatMember(_ compression: Compression, _ kind: Damage) throws {
        let dir = TemporaryDirectory("quarry-io")
        let members = (0..<5).map { memberText($0, lines: 200 + 50 * $0) }
        let file = try writeMembers(members, to: dir.file("five" + compression.fileExtension))
        let original = try readBytes(file.path)
        let issueKind = Codec.corruptKind(compression)

        var one = original
        damage(&one, member: Int(file.start(2)), kind, compression)
        for sizes in [[1 << 16], [1, 2, 3, 4, 5, 6, 7]] {
            let read = try readFile(try dir.write("one" + compression.fileExtension, one), sizes: sizes)
            #expect(read.issues.map(\.kind) == [issueKind])
            #expect(read.issues.map(\.offset) == [file.start(2)])
            #expect(read.issues.allSatisfy { $0.offsetIsCompressed })
            #expect(read.segments == [file.data(0..<2), file.data(3..<5)])
        }

        // Two damaged members next to each other are one damaged stretch: one issue.
        var adjacent = original
        damage(&adjacent, member: Int(file.start(1)), kind, compression)
        damage(&adjacent, member: Int(file.start(2)), kind, compression)
        let read2 = try readFile(try dir.write("adjacent" + compression.fileExtension, adjacent))
        #expect(read2.issues.map(\.offset) == [file.start(1)])
        #expect(read2.segments == [file.data(0..<1), file.data(3..<5)])

        // Two damaged members with an intact one between them: two issues.
        var apart = original
        damage(&apart, member: Int(file.start(1)), kind, compression)
        damage(&apart, member: Int(file.start(3)), kind, compression)
        let read3 = try readFile(try dir.write("apart" + compression.fileExtension, apart))
        #expect(read3.issues.map(\.offset) == [file.start(1), file.start(3)])
        #expect(read3.issues.map(\.kind) == [issueKind, issueKind])
        #expect(read3.segments == [file.data(0..<1), file.data(2..<3), file.data(4..<5)])

        // The first member damaged, and the last.
        var first = original
        damage(&first, member: 0, kind, compression)
        let read4 = try readFile(try dir.write("first" + compression.fileExtension, first))
        #expect(read4.issues.map(\.offset) == [0])
        #expect(read4.segments == [[], file.data(1..<5)])
        var last = original
        damage(&last, member: Int(file.start(4)), kind, compression)
        let read5 = try readFile(try dir.write("last" + compression.fileExtension, last))
        #expect(read5.issues.map(\.offset) == [file.start(4)])
        #expect(read5.issues.map(\.kind) == [issueKind])
        #expect(read5.segments == [file.data(0..<4), []])
    }

    /// What reading a file whose member 2 (of 0...4) was damaged must give: nothing at all
    /// changed (damage the format cannot notice, such as gzip's mtime), all bytes and one issue
    /// inside member 2, or the members before it, exactly one issue at member 2's start, and
    /// then every member after it in full.
    /// Returns a description of what went wrong, or nil.
    func checkMember2Damage(_ bytes: [UInt8], _ file: MemberFile, _ codec: Codec, in dir: TemporaryDirectory) throws -> String? {
        let path = try dir.write("damaged" + codec.fileExtension, bytes)
        let read = try readFile(path)
        if read.issues.isEmpty {
            return read.bytes == file.data ? nil : "wrong bytes and no issue"
        }
        // Nothing lost (e.g. zstd's checksum flag cleared: the 4 checksum bytes are then junk
        // after the frame): one issue of this codec inside member 2 is all there may be.
        if read.bytes == file.data, read.issues.count == 1, read.issues[0].kind == codec.corruptKind,
           file.range(2).contains(Int(read.issues[0].offset)) {
            return nil
        }
        let segments = read.segments
        var problems: [String] = []
        if read.issues.count != 1 { problems.append("\(read.issues.count) issues \(read.issues.map { "\($0.kind)@\($0.offset)" })") }
        if read.issues[0].kind != codec.corruptKind { problems.append("kind \(read.issues[0].kind)") }
        if read.issues[0].offset != file.start(2) { problems.append("offset \(read.issues[0].offset), not \(file.start(2))") }
        if !segments[0].starts(with: file.data(0..<2)) { problems.append("members 0-1 not read in full before the issue") }
        if segments.count >= 2 && segments[1] != file.data(3..<5) {
            let lost = file.data(3..<5).count - segments[1].count
            problems.append("after the issue \(segments[1].count) bytes instead of members 3-4 (\(lost) bytes lost)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// One damaged byte anywhere in the compressed data of a middle member (its blocks and
    /// trailer). Whatever the decoder makes of the damaged member, damage must never cost an
    /// intact member after it.
    @Test(arguments: Codec.writable)
    func anyDamagedDataByteInAMemberNeverCostsTheMembersAfterIt(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let file = try writeMembers((0..<5).map { memberText($0, lines: 600) }, to: dir.file("five" + codec.fileExtension))
        let original = try readBytes(file.path)
        let target = file.range(2)
        // Past the header: gzip's is 10 bytes; zstd's frame header is at most 18.
        let first = target.lowerBound + (codec.compression == .gzip ? 10 : 18)
        let positions = Array(stride(from: first, to: target.upperBound, by: max(1, (target.upperBound - first) / 400)))
        var failures: [String] = []
        for (n, position) in positions.enumerated() {
            var bytes = original
            bytes[position] ^= n % 2 == 0 ? 0xFF : 0x01
            if let problem = try checkMember2Damage(bytes, file, codec, in: dir) {
                failures.append("byte \(position - target.lowerBound) of member 2: \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(positions.count) damaged bytes went wrong; first: \(failures.prefix(8))")
    }

    /// Every single-bit (and whole-byte) change in the first 40 bytes of a middle member: its
    /// magic, its header (gzip: flags, mtime, extra flags, OS; zstd: frame header descriptor,
    /// window, block header) and the start of its data. A flag that makes the decoder skip or
    /// read a header field must not carry it past the member's end and cost the next member.
    @Test(arguments: Codec.writable)
    func anyDamagedHeaderBitInAMemberNeverCostsTheMembersAfterIt(_ codec: Codec) throws {
        let dir = TemporaryDirectory("quarry-io")
        let file = try writeMembers((0..<5).map { memberText($0, lines: 600) }, to: dir.file("five" + codec.fileExtension))
        let original = try readBytes(file.path)
        let target = file.range(2)
        var failures: [String] = []
        var tried = 0
        for position in target.lowerBound..<(target.lowerBound + 40) {
            for mask: UInt8 in [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF] {
                var bytes = original
                bytes[position] ^= mask
                tried += 1
                if let problem = try checkMember2Damage(bytes, file, codec, in: dir) {
                    failures.append("byte \(position - target.lowerBound) of member 2 ^ 0x\(String(mask, radix: 16)): \(problem)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(tried) damaged header bits went wrong; first: \(failures.prefix(8))")
    }

    // MARK: bzip2

    @Test func bzip2MultistreamFixtureReadsFully() throws {
        let path = fixturePath("two-streams.txt.bz2")
        let bytes = try readBytes(path)
        #expect(Bzip2Fixture.streamStarts(bytes).count == 2, "the fixture holds two streams")
        #expect(Bzip2Fixture.streamStarts(bytes).first == 0)
        for sizes in [[1 << 16], [1, 2, 3, 4, 5, 6, 7], [48_000]] {
            let source = try Compression.auto.openSource(path: path)
            let read = try readAll(source, sizes: sizes)
            #expect(read.issues.isEmpty)
            #expect(read.bytes == Bzip2Fixture.first + Bzip2Fixture.second)
            #expect(source.fileOffset == Int64(bytes.count))
        }
        // Joined to itself, it is four streams.
        let dir = TemporaryDirectory("quarry-io")
        let joined = try dir.write("twice.txt.bz2", bytes + bytes)
        let read = try readFile(joined)
        #expect(read.issues.isEmpty)
        #expect(read.bytes == Bzip2Fixture.first + Bzip2Fixture.second + Bzip2Fixture.first + Bzip2Fixture.second)
    }

    @Test func bzip2DamagedMiddleStreamCostsOnlyThatStream() throws {
        let dir = TemporaryDirectory("quarry-io")
        let bytes = try readBytes(fixturePath("two-streams.txt.bz2"))
        let split = Bzip2Fixture.streamStarts(bytes)[1]
        let s1 = Array(bytes[..<split]), s2 = Array(bytes[split...])
        let first = Bzip2Fixture.first

        // The second stream's header level byte is invalid ("BZh0"): not a stream at all.
        var badHeader = s2
        badHeader[3] = 0x30
        let read1 = try readFile(try dir.write("header.bz2", s1 + badHeader + s1))
        #expect(read1.issues.map(\.kind) == ["corrupt_bzip2"])
        #expect(read1.issues.map(\.offset) == [Int64(s1.count)])
        #expect(read1.segments == [first, first])

        // A damaged byte in the middle of the second stream's block.
        for position in [s2.count / 3, s2.count / 2, s2.count - 20] {
            var damaged = s2
            damaged[position] ^= 0xFF
            let read = try readFile(try dir.write("block.bz2", s1 + damaged + s1))
            #expect(read.issues.map(\.kind) == ["corrupt_bzip2"], "byte \(position)")
            #expect(read.issues.map(\.offset) == [Int64(s1.count)], "byte \(position)")
            let segments = read.segments
            #expect(segments.count == 2 && segments[0].starts(with: first), "byte \(position)")
            #expect(segments.count == 2 && segments[1] == first, "byte \(position): the third stream is read in full")
        }
    }
}

@Suite struct AtomicFileTests {
    static let outputs: [Compression] = [.none, .gzip, .zstd]

    @Test(arguments: outputs)
    func outputAppearsUnderItsFinalNameOnlyOnCommit(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("out.jsonl" + compression.fileExtension)
        let temporary = AtomicFile.temporaryPath(for: path)
        #expect(temporary == path + ".tmp")
        let sink = try compression.openSink(path: path)
        let data = mixedBytes(3 << 20, seed: 8)   // more than AtomicFile's 1 MiB buffer
        try data.withUnsafeBytes { try sink.write($0) }
        #expect(!FileInfo.exists(path), "no final file before commit")
        #expect(FileInfo.exists(temporary), "the temporary file exists while writing")
        try sink.commit()
        #expect(FileInfo.exists(path))
        #expect(!FileInfo.exists(temporary), "no temporary file after commit")
        #expect(FileInfo.size(of: path) == sink.fileBytes, "fileBytes is the size of the file written")
        #expect(try readFile(path).bytes == data)
        // A later abort does not undo a commit.
        sink.abort()
        #expect(FileInfo.exists(path))
    }

    @Test(arguments: outputs)
    func abortLeavesNoFileAtAll(_ compression: Compression) throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("out.jsonl" + compression.fileExtension)
        let sink = try compression.openSink(path: path)
        try mixedBytes(2 << 20, seed: 9).withUnsafeBytes { try sink.write($0) }
        sink.abort()
        #expect(!FileInfo.exists(path))
        #expect(!FileInfo.exists(AtomicFile.temporaryPath(for: path)))
        sink.abort()   // twice is harmless
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func anAbandonedFileRemovesItsTemporaryFile() throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("abandoned.txt")
        do {
            let file = try AtomicFile(path: path)
            try Array("partial".utf8).withUnsafeBytes { try file.write($0) }
            #expect(FileInfo.exists(file.temporaryPath))
        }
        #expect(!FileInfo.exists(path))
        #expect(!FileInfo.exists(AtomicFile.temporaryPath(for: path)))
    }

    @Test func commitReplacesAnExistingFileAndCreatesParents() throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("a/b/c/out.txt")
        let old = try dir.write("a/b/c/out.txt", "old contents that are longer than the new ones\n")
        #expect(old == path)
        let file = try AtomicFile(path: path)
        #expect(try readBytes(path) == Array("old contents that are longer than the new ones\n".utf8), "the old file stays until commit")
        // Writes below, at and above the 1 MiB buffer, in an awkward order.
        let pieces = [Array("new\n".utf8), mixedBytes((1 << 20) - 4, seed: 1), mixedBytes(1 << 20, seed: 2), [0x0A], mixedBytes((1 << 20) + 3, seed: 3)]
        for piece in pieces { try piece.withUnsafeBytes { try file.write($0) } }
        #expect(file.bytesWritten == Int64(pieces.map(\.count).reduce(0, +)))
        try file.commit()
        #expect(try readBytes(path) == pieces.flatMap { $0 })
        let fresh = dir.file("x/y/new.txt")
        let created = try AtomicFile(path: fresh)
        try created.commit()
        #expect(FileInfo.size(of: fresh) == 0)
    }

    @Test func bzip2OutputIsRefusedAndLeavesNothing() throws {
        let dir = TemporaryDirectory("quarry-io")
        let path = dir.file("out.jsonl.bz2")
        #expect(throws: ConfigError.self) { _ = try Compression.auto.openSink(path: path) }
        #expect(throws: ConfigError.self) { _ = try Compression.bzip2.openSink(path: dir.file("other.jsonl")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

@Suite struct CompressionOptionTests {
    /// Out-of-range levels are configuration errors and leave no file behind. Each runs in its
    /// own process (an exit test), so that a crash on this path fails this test alone.
    @Test(arguments: [(Compression.gzip, -1), (.gzip, 10), (.gzip, 100), (.zstd, 23), (.zstd, -200_000)])
    func levelOutOfRangeIsAConfigError(_ compression: Compression, _ level: Int) async throws {
        await #expect(processExitsWith: .success) { [name = compression.rawValue as String, level = level as Int] in
            let compression = Compression(rawValue: name)!
            let dir = TemporaryDirectory("quarry-io-level")
            let path = dir.file("out" + compression.fileExtension)
            var thrown: Error?
            do { _ = try compression.openSink(path: path, level: level) } catch { thrown = error }
            precondition(thrown is ConfigError, "expected a ConfigError, got \(String(describing: thrown))")
            precondition(!FileInfo.exists(path) && !FileInfo.exists(path + ".tmp"), "a file was left behind")
        }
    }

    @Test(arguments: [(Compression.gzip, 0), (.gzip, 9), (.zstd, -1), (.zstd, 22)])
    func levelsAtTheEndsOfTheRangeWork(_ compression: Compression, _ level: Int) throws {
        let dir = TemporaryDirectory("quarry-io")
        let data = mixedBytes(100_000, seed: 4)
        let path = dir.file("edge" + compression.fileExtension)
        try writeCompressed(data, to: path, level: level)
        #expect(try readFile(path).bytes == data)
    }

    @Test func compressionComesFromTheFileName() {
        let cases: [(String, Compression)] = [
            ("a.jsonl.gz", .gzip), ("x.gz", .gzip), ("dir.gz/file.jsonl", .none),
            ("a.jsonl.zst", .zstd), ("a.jsonl.zstd", .zstd), ("a.tar.zst", .zstd),
            ("enwiki.xml.bz2", .bzip2), ("a.bz2", .bzip2),
            ("a.jsonl", .none), ("a.gz.jsonl", .none), ("a.tgz", .none), ("a.zip", .none), ("gz", .none), ("", .none),
        ]
        for (path, expected) in cases {
            #expect(Compression.of(path: path) == expected, "\(path)")
            #expect(Compression.auto.resolved(for: path) == expected, "\(path)")
        }
        #expect(Compression.gzip.resolved(for: "a.jsonl") == .gzip)
        #expect(Compression.none.resolved(for: "a.jsonl.gz") == Compression.none)
        #expect(Compression.gzip.fileExtension == ".gz")
        #expect(Compression.zstd.fileExtension == ".zst")
        #expect(Compression.bzip2.fileExtension == ".bz2")
        #expect(Compression.none.fileExtension == "")
    }
}
