// IndexedDatasetWriter and IndexedDataset: header bytes against issue8-prep shards/FORMAT.md
// §1.2, round trips in every integer dtype, and damaged indexes refused with file and offset.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryShards

@Suite struct IndexedDatasetTests {
    /// Writes `documents` (one sequence each) and returns the prefix.
    func write(_ documents: [[UInt32]], dtype: TokenDType, in dir: TemporaryDirectory, name: String = "ds") throws -> String {
        let prefix = dir.file(name)
        var writer = try IndexedDatasetWriter(prefix: prefix, dtype: dtype)
        for d in documents { try writer.append(d) }
        try writer.finish()
        return prefix
    }

    @Test func headerBytesMatchTheFormat() throws {
        let dir = TemporaryDirectory()
        let prefix = try write([[464, 2068, 50256], [50256]], dtype: .uint16, in: dir)
        let idx = try readBytes(prefix + ".idx")
        var expected: [UInt8] = [0x4D, 0x4D, 0x49, 0x44, 0x49, 0x44, 0x58, 0x00, 0x00]   // MMIDIDX\0\0
        expected += [1, 0, 0, 0, 0, 0, 0, 0]                  // version 1, u64
        expected += [8]                                       // dtype code 8 = uint16
        expected += [2, 0, 0, 0, 0, 0, 0, 0]                  // sequence count 2
        expected += [3, 0, 0, 0, 0, 0, 0, 0]                  // document index count = documents + 1
        expected += [3, 0, 0, 0, 1, 0, 0, 0]                  // lengths i32 [3, 1]
        expected += [0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]   // byte pointers i64 [0, 6]
        expected += [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]   // [0, 1, 2]
        #expect(idx == expected)
        #expect(idx.count == IndexedDatasetFormat.indexSize(sequences: 2, documents: 2))
        // .bin: little-endian uint16, no header, no separators.
        #expect(try readBytes(prefix + ".bin") == [0xD0, 0x01, 0x14, 0x08, 0x50, 0xC4, 0x50, 0xC4])
        // FORMAT.md's example: 7 one-sequence documents make a 182-byte index.
        #expect(IndexedDatasetFormat.indexSize(sequences: 7, documents: 7) == 182)
    }

    @Test func dtypeRuleIsMegatrons() {
        #expect(TokenDType.forVocabulary(size: 50257) == .uint16)
        #expect(TokenDType.forVocabulary(size: 65499) == .uint16)
        #expect(TokenDType.forVocabulary(size: 65500) == .int32)
        #expect(TokenDType.forVocabulary(size: 128256) == .int32)
        #expect(TokenDType.uint16.rawValue == 8 && TokenDType.int32.rawValue == 4 && TokenDType.uint8.rawValue == 1)
        #expect(TokenDType.allCases.map(\.itemSize) == [1, 1, 2, 4, 8, 8, 4, 2])
        #expect(TokenDType(name: "int32") == .int32)
    }

    @Test func roundTripsEveryIntegerDtype() throws {
        let dir = TemporaryDirectory()
        var rng = SplitMix64(seed: 7)
        for dtype in [TokenDType.uint8, .int16, .uint16, .int32, .int64] {
            let limit = UInt64(min(dtype.maximumID, 200_000))
            var docs: [[UInt32]] = []
            for i in 0..<50 {
                let n = i == 3 ? 0 : Int(rng.next() % 300)
                docs.append((0..<n).map { _ in UInt32(rng.next() % (limit + 1)) })
            }
            docs[1] = [UInt32(dtype.maximumID), 0]
            let prefix = try write(docs, dtype: dtype, in: dir, name: dtype.name)
            let ds = try IndexedDataset(prefix: prefix)
            #expect(ds.dtype == dtype)
            #expect(ds.count == docs.count && ds.sequenceCount == docs.count)
            #expect(ds.elementCount == docs.reduce(0) { $0 + $1.count })
            for (i, d) in docs.enumerated() {
                #expect(ds.tokens(of: i) == d)
                #expect(ds.length(of: i) == d.count)
                if !d.isEmpty { #expect(ds.token(d.count - 1, of: i) == d.last!) }
            }
        }
    }

    @Test func multiSequenceDocumentsAndMasks() throws {
        let dir = TemporaryDirectory()
        let prefix = dir.file("multi")
        var writer = try IndexedDatasetWriter(prefix: prefix, dtype: .uint16)
        try [5, 6, 7].withUnsafeBufferPointer { try writer.appendSequence($0) }
        try [8, 9, 0].withUnsafeBufferPointer { try writer.appendSequence($0) }
        writer.endDocument()
        try writer.append([10, 0])
        try writer.finish()
        let ds = try IndexedDataset(prefix: prefix)
        #expect(ds.count == 2 && ds.sequenceCount == 3)
        #expect(ds.sequences(of: 0) == 0..<2)
        #expect(ds.tokens(of: 0) == [5, 6, 7, 8, 9, 0])
        #expect(ds.tokens(ofSequence: 1) == [8, 9, 0])
        #expect(ds.tokens(of: 1) == [10, 0])

        var masks = try IndexedDatasetWriter(prefix: dir.file("mask"), dtype: .uint8)
        try [0, 0, 1, 1].withUnsafeBufferPointer { try masks.append(mask: $0) }
        try masks.finish()
        #expect(try IndexedDataset(prefix: dir.file("mask")).tokens(of: 0) == [0, 0, 1, 1])
        var wrong = try IndexedDatasetWriter(prefix: dir.file("wrong"), dtype: .uint16)
        #expect(throws: ConfigError.self) { try [1].withUnsafeBufferPointer { try wrong.append(mask: $0) } }
    }

    @Test func idsTooLargeForTheDtypeAreRefused() throws {
        let dir = TemporaryDirectory()
        var writer = try IndexedDatasetWriter(prefix: dir.file("small"), dtype: .uint16)
        let error = #expect(throws: ConfigError.self) { try writer.append([1, 65536]) }
        #expect(error?.message.contains("65536") == true)
    }

    @Test func nothingUnderFinalNamesBeforeFinish() throws {
        let dir = TemporaryDirectory()
        var writer: IndexedDatasetWriter? = try IndexedDatasetWriter(prefix: dir.file("x"), dtype: .uint16)
        try writer!.append([1, 2])
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.bin")) && !FileManager.default.fileExists(atPath: dir.file("x.idx")))
        try writer!.finish()
        writer = nil
        #expect(FileManager.default.fileExists(atPath: dir.file("x.bin")) && FileManager.default.fileExists(atPath: dir.file("x.idx")))
    }

    /// Opens a copy of a good data set whose index was changed by `damage`; returns the error.
    func damaged(_ damage: (inout [UInt8]) -> Void, bin: ((inout [UInt8]) -> Void)? = nil) throws -> InputError? {
        let dir = TemporaryDirectory()
        let prefix = try write([[1, 2, 3], [4], [5, 6]], dtype: .uint16, in: dir)
        var idx = try readBytes(prefix + ".idx")
        damage(&idx)
        try dir.write("ds.idx", idx)
        if let bin {
            var data = try readBytes(prefix + ".bin")
            bin(&data)
            try dir.write("ds.bin", data)
        }
        do {
            _ = try IndexedDataset(prefix: prefix)
            return nil
        } catch let error as InputError {
            return error
        }
    }

    @Test func damagedIndexesAreRefusedWithOffsets() throws {
        let cases: [(String, (inout [UInt8]) -> Void, Int64, String)] = [
            ("magic", { $0[0] = 0x4E }, 0, "magic"),
            ("legacy", { $0.replaceSubrange(0..<9, with: Array("TNTIDX".utf8) + [0, 0]) }, 0, "TNTIDX"),
            ("version", { $0[9] = 2 }, 9, "version 2"),
            ("dtype", { $0[17] = 9 }, 17, "dtype code 9"),
            ("short", { $0.removeLast($0.count - 20) }, 20, "header"),
            ("truncated", { $0.removeLast() }, 101, "needs exactly"),
            ("sequence count", { $0[18] = 4 }, 102, "needs exactly"),
            ("huge count", { $0[25] = 0x7F }, 18, "more than"),
            ("length", { $0[34] = 0xFF; $0[35] = 0xFF; $0[36] = 0xFF; $0[37] = 0xFF }, 34, "length -1"),
            ("pointer", { $0[34 + 12 + 8] = 4 }, 54, "starts at byte 4"),
            ("first document", { $0[70] = 1 }, 70, "start with 1"),
            ("document order", { $0[78] = 3; $0[86] = 1 }, 86, "must rise"),
            ("last document", { $0[94] = 2 }, 94, "expected the sequence count"),
        ]
        for (name, damage, offset, words) in cases {
            let error = try damaged(damage)
            #expect(error != nil, "\(name) accepted")
            #expect(error?.offset == offset, "\(name): \(String(describing: error))")
            #expect(error?.file.hasSuffix("ds.idx") == true, "\(name)")
            #expect(error?.message.contains(words) == true, "\(name): \(String(describing: error))")
        }
        let short = try damaged({ _ in }, bin: { $0.removeLast(2) })
        #expect(short?.file.hasSuffix("ds.bin") == true && short?.message.contains("ends after 10 bytes") == true)
        let long = try damaged({ _ in }, bin: { $0.append(0) })
        #expect(long?.file.hasSuffix("ds.bin") == true && long?.offset == 12)
        #expect(throws: InputError.self) { _ = try IndexedDataset(prefix: "/nonexistent/x") }
    }

    @Test func randomDamageNeverCrashes() throws {
        let dir = TemporaryDirectory()
        let prefix = try write([[1, 2, 3], [4], [5, 6]], dtype: .int32, in: dir)
        let good = try readBytes(prefix + ".idx")
        var rng = SplitMix64(seed: 11)
        var refused = 0
        for _ in 0..<500 {
            var idx = good
            for _ in 0..<(1 + Int(rng.next() % 3)) { idx[Int(rng.next() % UInt64(idx.count))] = UInt8(rng.next() & 0xFF) }
            try dir.write("ds.idx", idx)
            if let ds = try? IndexedDataset(prefix: prefix) {
                for d in 0..<ds.count { _ = ds.tokens(of: d) }
            } else {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test func prefixOfPaths() {
        #expect(IndexedDatasetFormat.prefix(of: "a/shard_00000.bin") == "a/shard_00000")
        #expect(IndexedDatasetFormat.prefix(of: "a/shard_00000.idx") == "a/shard_00000")
        #expect(IndexedDatasetFormat.prefix(of: "a/shard_00000") == "a/shard_00000")
    }
}
