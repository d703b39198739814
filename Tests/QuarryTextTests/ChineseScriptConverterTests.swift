// ChineseScriptConverter (OpenCC through COpenCC): known conversions, a round trip, the pieces
// (the text cut after ASCII non-letters, NUL bytes passed around OpenCC) against one OpenCC
// call on the whole text, config lookup and its errors, and sharing one converter among threads.
import Foundation
import QuarryTestSupport
@testable import QuarryText
import Testing

@Test(arguments: [
    ("系統", "系统"), ("訓練", "训练"), ("會員中心", "会员中心"), ("評論與回復", "评论与回复"),
    ("大模型是怎麼訓練出來的", "大模型是怎么训练出来的"), ("頭髮", "头发"), ("發財", "发财"),
    ("乾燥", "干燥"), ("乾隆", "乾隆"),  // phrases decide: 乾 stays in the emperor's name
])
func traditionalToSimplified(traditional: String, simplified: String) throws {
    let converter = try ChineseScriptConverter(config: "t2s")
    #expect(try converter.convert(traditional) ?? traditional == simplified)
}

@Test func simplifiedToTraditionalAndBack() throws {
    let s2t = try ChineseScriptConverter(config: "s2t"), t2s = try ChineseScriptConverter(config: "t2s")
    let simplified = "大模型是怎么训练出来的？预训练需要海量数据，还要清洗、去重和分类。会员中心"
    let traditional = try #require(try s2t.convert(simplified))
    #expect(traditional == "大模型是怎麼訓練出來的？預訓練需要海量數據，還要清洗、去重和分類。會員中心")
    #expect(try t2s.convert(traditional) == simplified)
}

@Test func regionalConfigsOpenAndConvert() throws {
    #expect(try ChineseScriptConverter(config: "s2tw").convert("软件") == "軟件")
    #expect(try ChineseScriptConverter(config: "s2twp").convert("软件") == "軟體")  // with Taiwan phrases
    #expect(try ChineseScriptConverter(config: "tw2s.json").convert("軟體") == "软体")
    for name in ChineseScriptConverter.configNames {
        _ = try ChineseScriptConverter(config: name)
    }
}

@Test func textWithoutChineseIsUnchanged() throws {
    let converter = try ChineseScriptConverter(config: "t2s")
    #expect(try converter.convert("") == nil)
    #expect(try converter.convert("plain ASCII, café, naïve — and ü") == nil)
    #expect(try converter.convert("已经是简体的文字。") == nil)
}

@Test func nulBytesAndNoncharactersSurvive() throws {
    let converter = try ChineseScriptConverter(config: "t2s")
    #expect(try converter.convert("系統\u{0}訓練\u{0}") == "系统\u{0}训练\u{0}")
    #expect(try converter.convert("\u{0}會員\u{FFFF}中心😀𠀀") == "\u{0}会员\u{FFFF}中心😀𠀀")
}

/// One OpenCC call on the whole text (without NUL), the plain twin of the piece-wise path.
func wholeText(_ converter: ChineseScriptConverter, _ text: String) throws -> String {
    try converter.convert(text, pieceBytes: Int.max) ?? text
}

@Test func piecesGiveTheWholeTextResult() throws {
    let converter = try ChineseScriptConverter(config: "tw2sp")
    let pieces = ["系統", "訓練", "會員", "中心", "SQL", "注入", "攻擊", "U", "盤", "隨身碟", "軟體", "PN", "結",
                  " ", ",", "。", "1", "a", "\n", "頭髮", "乾", "隆", "後", "臺", "網路", "記憶體"]
    var rng = SplitMix64(seed: 11)
    for round in 0..<300 {
        let text = rng.string(from: pieces, count: 1 + rng.below(40))
        let expected = try wholeText(converter, text)
        for pieceBytes in [1, 3, 7, 64] {
            let result = try converter.convert(text, pieceBytes: pieceBytes) ?? text
            #expect(result == expected, "round \(round), pieces of \(pieceBytes): \(text)")
        }
    }
    // The IT phrases with ASCII letters are converted whole even when pieces are tiny.
    #expect(try converter.convert("SQL注入攻擊, U盤", pieceBytes: 1) == "SQL注入攻击, U盘")
    #expect(try wholeText(converter, "SQL注入攻擊, U盤") == "SQL注入攻击, U盘")
}

@Test func pieceEndsFollowCutBytes() {
    let bytes = Array("ab系統, cd訓練.".utf8)
    bytes.withUnsafeBufferPointer { b in
        let s = b.baseAddress!
        #expect(ChineseScriptConverter.pieceEnd(s, from: 0, count: b.count, limit: 100) == b.count)
        // No cut byte in the first 4 bytes: the piece runs to just after the ','.
        #expect(ChineseScriptConverter.pieceEnd(s, from: 0, count: b.count, limit: 4) == 9)
        // Within 12 bytes the last cut byte is the space (index 9).
        #expect(ChineseScriptConverter.pieceEnd(s, from: 0, count: b.count, limit: 12) == 10)
    }
    #expect(ChineseScriptConverter.isCutByte(UInt8(ascii: " ")) && ChineseScriptConverter.isCutByte(UInt8(ascii: "7")))
    #expect(!ChineseScriptConverter.isCutByte(UInt8(ascii: "Q")) && !ChineseScriptConverter.isCutByte(0xE8))
}

@Test func configsResolveToTheDataDirectory() throws {
    let path = try ChineseScriptConverter.resolve("t2s")
    #expect(path.hasSuffix("/opencc/t2s.json") && path.hasPrefix("/"))
    #expect(try ChineseScriptConverter.resolve("t2s.json") == path)
    #expect(try ChineseScriptConverter.resolve(path) == path)
    #expect(try ChineseScriptConverter(config: path).configPath == path)
}

@Test func missingConfigsAreNamedErrors() throws {
    #expect(throws: ChineseConversionError.configNotFound(
        config: "t2x", searched: ChineseScriptConverter.dataDirectories.map { $0 + "/t2x.json" })) {
        try ChineseScriptConverter(config: "t2x")
    }
    #expect(throws: ChineseConversionError.self) { try ChineseScriptConverter(config: "") }
    #expect(throws: ChineseConversionError.configNotFound(config: "/nonexistent/t2s.json",
                                                          searched: ["/nonexistent/t2s.json"])) {
        try ChineseScriptConverter(config: "/nonexistent/t2s.json")
    }
    let message = "\(ChineseConversionError.configNotFound(config: "t2x", searched: ["/usr/share/opencc/t2x.json"]))"
    #expect(message.contains("t2x") && message.contains("libopencc") && message.contains("tw2s"))
}

@Test func brokenConfigsFailToOpen() throws {
    let dir = TemporaryDirectory()
    let notJSON = try dir.write("broken.json", "{ this is not json")
    let missingDictionary = try dir.write("nodict.json", """
        {"name": "x", "segmentation": {"type": "mmseg", "dict": {"type": "ocd2", "file": "Missing.ocd2"}},
         "conversion_chain": [{"dict": {"type": "ocd2", "file": "Missing.ocd2"}}]}
        """)
    for path in [notJSON, missingDictionary] {
        do {
            _ = try ChineseScriptConverter(config: path)
            Issue.record("\(path) opened")
        } catch {
            guard case .openFailed(let failedPath, let message) = error else {
                Issue.record("unexpected \(error)")
                continue
            }
            #expect(failedPath == path)
            #expect(!message.isEmpty)
        }
    }
}

@Test func oneConverterServesManyThreads() async throws {
    let converter = try ChineseScriptConverter(config: "t2s")
    let text = String(repeating: "大模型是怎麼訓練出來的？預訓練需要海量數據。會員中心，評論與回復。\n", count: 200)
    let expected = try wholeText(converter, text)
    let results = try await withThrowingTaskGroup(of: Bool.self) { group in
        for _ in 0..<8 {
            group.addTask { try (0..<20).allSatisfy { _ in try converter.convert(text) == expected } }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.count == 8 && results.allSatisfy { $0 })
}
