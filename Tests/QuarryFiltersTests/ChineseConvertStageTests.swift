// chinese_convert_v1: annotations removed before conversion, the language selection, counters,
// options and their errors (a missing config fails when the stage is built), and the real page
// of ../shared/corpora/zh-dirty-page when it is present.
import Foundation
import QuarryCore
import QuarryFilters
import QuarryTestSupport
import Testing

func chineseConvert(_ configure: (inout ChineseConvertStage.Options) -> Void = { _ in }) throws -> ChineseConvertStage {
    var o = ChineseConvertStage.Options()
    configure(&o)
    return try ChineseConvertStage(options: o)
}

func runStage(_ stage: ChineseConvertStage, _ documents: [Document]) throws -> (DocumentBatch, StageStats) {
    var batch = DocumentBatch(documents: documents)
    var stats = StageStats()
    try stage.run(on: &batch, stats: &stats)
    return (batch, stats)
}

@Test func annotationsGoAndTraditionalBecomesSimplified() throws {
    let (batch, stats) = try runStage(try chineseConvert(), [
        Document(id: "a", text: "系統(tǒng)消息、評論與回復(fù)、訓(xùn)練"),
        Document(id: "b", text: "會員中心"),
        Document(id: "c", text: "卷積神經網絡(CNN)與大模型(Large Model),2024(2024)"),
        Document(id: "d", text: "already simplified: 会员中心"),
        Document(id: "e", text: ""),
    ])
    #expect(batch.documents.map(\.text) == [
        "系统消息、评论与回复、训练", "会员中心", "卷积神经网络(CNN)与大模型(Large Model),2024(2024)",
        "already simplified: 会员中心", "",
    ])
    #expect(stats.counters == ["changed_documents": 3, "converted_documents": 3, "annotated_documents": 1,
                               "pinyin_annotations_removed": 3, "skipped_language": 0])
    #expect(stats.documentsIn == 5 && stats.kept == 5 && stats.dropped.isEmpty)
}

@Test func annotationsGoBeforeConversionSoPhrasesConvertWhole() throws {
    // 乾隆 is a phrase OpenCC keeps; split by an annotation, 乾 alone would become 干.
    let (batch, _) = try runStage(try chineseConvert(), [Document(id: "a", text: "乾(qián)隆")])
    #expect(batch.documents[0].text == "乾隆")
}

@Test func directionAndAnnotationSwitches() throws {
    let s2t = try runStage(try chineseConvert { $0.config = "s2t" }, [Document(id: "a", text: "会员中心(huì)")])
    #expect(s2t.0.documents[0].text == "會員中心")  // after 心, an ideograph, (huì) is pinyin
    let keep = try runStage(try chineseConvert { $0.removePinyinAnnotations = false }, [Document(id: "a", text: "系統(tǒng)")])
    #expect(keep.0.documents[0].text == "系统(tǒng)")
    #expect(keep.1.counters["pinyin_annotations_removed"] == 0)
    let only = try runStage(try chineseConvert { $0.config = "none" }, [Document(id: "a", text: "系統(tǒng)")])
    #expect(only.0.documents[0].text == "系統")
    #expect(only.1.counters["converted_documents"] == 0 && only.1.counters["changed_documents"] == 1)
}

@Test func languagesSelectDocuments() throws {
    let documents = [
        Document(id: "zh", text: "會員", metadata: ["language": .string("zh")]),
        Document(id: "zh-Hant", text: "會員", metadata: ["language": .string("zh-Hant")]),
        Document(id: "cmn", text: "會員", metadata: ["language": .string("cmn_Hani")]),
        Document(id: "ja", text: "會員", metadata: ["language": .string("ja")]),
        Document(id: "none", text: "會員"),
        Document(id: "number", text: "會員", metadata: ["language": .number(JSONNumber(1))]),
    ]
    func converted(_ stage: ChineseConvertStage) throws -> [String] {
        let (batch, _) = try runStage(stage, documents)
        return batch.documents.filter { $0.text == "会员" }.map(\.id)
    }
    #expect(try converted(try chineseConvert()) == ["zh", "zh-Hant", "cmn", "none", "number"])
    #expect(try converted(try chineseConvert { $0.requireLanguage = true }) == ["zh", "zh-Hant", "cmn"])
    #expect(try converted(try chineseConvert { $0.languages = [] }) == documents.map(\.id))
    #expect(try converted(try chineseConvert { $0.languages = ["JA"] }) == ["ja", "none", "number"])
    let (_, stats) = try runStage(try chineseConvert(), documents)
    #expect(stats.counters["skipped_language"] == 1)
}

@Test func missingOrBrokenConfigsAreConfigErrors() throws {
    #expect(throws: ConfigError.self) { try chineseConvert { $0.config = "t2x" } }
    #expect(throws: ConfigError.self) { try chineseConvert { $0.config = "/nonexistent/t2s.json" } }
    #expect(throws: ConfigError.self) { try chineseConvert { $0.config = "none"; $0.removePinyinAnnotations = false } }
    #expect(throws: ConfigError.self) { try chineseConvert { $0.languages = ["zh", ""] } }
    let dir = TemporaryDirectory()
    let broken = try dir.write("broken.json", "{ not json")
    #expect(throws: ConfigError.self) { try chineseConvert { $0.config = broken } }
    // Decoding checks the config's presence already, with the option's name.
    do {
        _ = try ChineseConvertStage.Options(config: .mapping([(key: "config", value: .scalar("t2x"))]))
        Issue.record("a missing config decoded")
    } catch let error as ConfigError {
        #expect(error.message.contains("t2x") && error.message.contains("libopencc"))
    }
}

@Test func optionsDecode() throws {
    let o = try ChineseConvertStage.Options(config: .mapping([
        (key: "config", value: .scalar("tw2s")), (key: "remove_pinyin_annotations", value: .scalar("false")),
        (key: "languages", value: .sequence([.scalar("zh")])), (key: "require_language", value: .scalar("true")),
    ]))
    #expect(o.config == "tw2s" && !o.removePinyinAnnotations && o.languages == ["zh"] && o.requireLanguage)
    #expect(try ChineseConvertStage.Options(config: nil) == ChineseConvertStage.Options())
    #expect(throws: ConfigError.self) {
        try ChineseConvertStage.Options(config: .mapping([(key: "direction", value: .scalar("t2s"))]))
    }
    #expect(ChineseConvertStage.Options.fields.map(\.name) == ["config", "remove_pinyin_annotations", "languages",
                                                               "require_language"])
    #expect(ChineseConvertStage.id == "chinese_convert_v1" && ChineseConvertStage.id.isWellFormed)
}

/// ../shared/corpora/zh-dirty-page/page.txt beside the repository (never copied into it).
let dirtyPagePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpora/zh-dirty-page/page.txt").path

/// Parenthesised groups holding a tone-marked pinyin vowel.
func pinyinGroups(_ text: String) -> [String] {
    let toneVowels = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars)
    var out: [String] = [], current: String.UnicodeScalarView? = nil
    for c in text.unicodeScalars {
        if c == "(" || c == "（" { current = String.UnicodeScalarView() }
        else if c == ")" || c == "）" {
            if let g = current, g.contains(where: toneVowels.contains) { out.append(String(g)) }
            current = nil
        } else { current?.append(c) }
    }
    return out
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: dirtyPagePath)))
func dirtyPageLeavesNoPinyinAnnotation() throws {
    let page = try String(contentsOfFile: dirtyPagePath, encoding: .utf8)
    let annotations = pinyinGroups(page).count
    #expect(annotations > 500)
    let (batch, stats) = try runStage(try chineseConvert(), [Document(id: "page", text: page)])
    let text = batch.documents[0].text
    #expect(pinyinGroups(text).isEmpty)
    #expect(stats.counters["pinyin_annotations_removed"] == Int64(annotations))
    // Traditional became Simplified; the English in parentheses stayed.
    #expect(text.contains("系统消息") && text.contains("评论与回复") && text.contains("会员中心"))
    #expect(!text.contains("訓練") && text.contains("训练"))
    #expect(text.contains("卷积神经网络(CNN)") && text.contains("长短时记忆网络(LSTM)"))
    #expect(text.contains("(Large Language Model,"))
}
