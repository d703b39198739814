// llm.c and nanoGPT export (FORMAT.md §3–4): the 256-int32 header (20240520, version 1, token
// count), EOT before each document for llm.c and after it for nanoGPT, llm.c shard rotation
// cutting documents as fineweb.py does, and ids above uint16 refused.
import Foundation
import Testing
import QuarryCore
import QuarryTestSupport
@testable import QuarryShards

@Suite struct ShardExportTests {
    func le32(_ b: [UInt8], _ i: Int) -> Int32 { Int32(bitPattern: UInt32(b[4 * i]) | UInt32(b[4 * i + 1]) << 8 | UInt32(b[4 * i + 2]) << 16 | UInt32(b[4 * i + 3]) << 24) }
    func u16(_ b: [UInt8], from start: Int) -> [UInt32] {
        stride(from: start, to: b.count, by: 2).map { UInt32(b[$0]) | UInt32(b[$0 + 1]) << 8 }
    }

    /// Quarry shards of three documents, EOS 50256 appended.
    func source(_ dir: TemporaryDirectory, ids: [[UInt32]] = [[464, 2068, 7586], [50255, 0], [13]]) throws -> ShardExport.Source {
        var writer = try IndexedDatasetWriter(prefix: dir.file("s"), dtype: .int32)
        for d in ids { try writer.append(d + [50256]) }
        try writer.finish()
        return .init(datasets: [try IndexedDataset(prefix: dir.file("s"))], endOfText: 50256, documentsEndWithEOT: true)
    }

    @Test func llmcHeaderAndEOTBeforeEachDocument() throws {
        let dir = TemporaryDirectory()
        let files = try ShardExport.export(try source(dir), format: .llmc, directory: dir.file("out"), split: "val")
        #expect(files == [dir.file("out/quarry_val_000000.bin")])
        let bytes = try readBytes(files[0])
        #expect(bytes.count == 1024 + 2 * 9)
        #expect(le32(bytes, 0) == 20240520 && le32(bytes, 1) == 1 && le32(bytes, 2) == 9)
        #expect((3..<256).allSatisfy { le32(bytes, $0) == 0 })
        #expect(u16(bytes, from: 1024) == [50256, 464, 2068, 7586, 50256, 50255, 0, 50256, 13])
        #expect(ShardExport.llmcHeader(tokens: 5).count == 1024)
    }

    @Test func llmcShardsCutDocumentsAtTheSize() throws {
        let dir = TemporaryDirectory()
        let files = try ShardExport.export(try source(dir), format: .llmc, directory: dir.path, split: "train", name: "web",
                                           shardTokens: 4)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["web_train_000000.bin", "web_train_000001.bin", "web_train_000002.bin"])
        let tokens = try files.flatMap { u16(try readBytes($0), from: 1024) }
        #expect(tokens == [50256, 464, 2068, 7586, 50256, 50255, 0, 50256, 13])
        #expect(le32(try readBytes(files[2]), 2) == 1)
    }

    @Test func nanoGPTFlatFileWithEOTAfterEachDocument() throws {
        let dir = TemporaryDirectory()
        let files = try ShardExport.export(try source(dir), format: .nanogpt, directory: dir.path, split: "train")
        #expect(files == [dir.file("train.bin")])
        #expect(u16(try readBytes(files[0]), from: 0) == [464, 2068, 7586, 50256, 50255, 0, 50256, 13, 50256])
        // Documents stored without EOS get it appended.
        var writer = try IndexedDatasetWriter(prefix: dir.file("bare"), dtype: .uint16)
        try writer.append([5, 6])
        try writer.finish()
        let bare = ShardExport.Source(datasets: [try IndexedDataset(prefix: dir.file("bare"))], endOfText: 9, documentsEndWithEOT: false)
        let out = try ShardExport.export(bare, format: .nanogpt, directory: dir.file("b"), split: "val")
        #expect(u16(try readBytes(out[0]), from: 0) == [5, 6, 9])
    }

    @Test func idsAboveUInt16AreRefused() throws {
        let dir = TemporaryDirectory()
        let big = try source(dir, ids: [[1, 70000]])
        for format in ShardExport.Format.allCases {
            #expect(throws: InputError.self) { _ = try ShardExport.export(big, format: format, directory: dir.file("x"), split: "train") }
        }
        var eot = big
        eot.endOfText = 128001
        #expect(throws: ConfigError.self) { _ = try ShardExport.export(eot, format: .llmc, directory: dir.file("y"), split: "train") }
    }
}
