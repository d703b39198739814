// pipelines/zh-web.yaml on the real page of ../shared/corpora/zh-dirty-page (when present): the
// output is the article body alone, in Simplified Chinese, without pinyin annotations. And
// boilerplate_lines_v1's domain rule through the binary: a footer repeated across one site's
// pages goes, the same line on another site where it is rare stays, for 1 or 3 workers alike.
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct ZhWebPipelineTests {
    static let repository = CommandLineTests.repository
    static let page = repository + "/../shared/corpora/zh-dirty-page/page.txt"

    /// A parenthesised pinyin reading such as "(tǒng)": letters only, one of them tone-marked.
    static func pinyinAnnotations(in text: String) -> [String] {
        let toned = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        for (i, s) in scalars.enumerated() where s == "(" {
            var j = i + 1
            while j < scalars.count, j - i <= 7, scalars[j].properties.isAlphabetic, scalars[j].isASCII || toned.contains(scalars[j]) { j += 1 }
            if j < scalars.count, scalars[j] == ")", scalars[(i + 1)..<j].contains(where: toned.contains) {
                found.append(String(String.UnicodeScalarView(scalars[i...j])))
            }
        }
        return found
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: page), "needs ../shared/corpora/zh-dirty-page/page.txt"))
    func theDirtyPageBecomesItsArticleBody() throws {
        let dir = TemporaryDirectory("quarry-zh-web")
        let output = dir.file("out.jsonl")
        let run = try QuarryBinary.run(["run", "pipelines/zh-web.yaml", "--output", output, "--fresh", "-q"], in: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let documents = try WebPipelineTests().documents(output)
        try #require(documents.count == 1)
        let text = documents[0]["text"] as! String

        // The body stays, converted to Simplified Chinese.
        for sentence in [
            "大模型,英文名叫Large Model,大型模型。早期的时候,也叫Foundation Model,基础模型。",
            "大模型是一个简称,完整的叫法,应该是“人工智能预训练大模型”。",
            "从本质来说,大模型,是包含超大规模参数(通常在十亿个以上)的神经网络模型。",
            "什么是大模型、大模型是怎么训练出来的及大模型作用", "什么是大模型\n", "大模型是如何训练出来的?", "预训练\n", "微调\n",
            "训练,又分为预训练(Pre-trained)和微调(Fine tuning)两个环节。",
            "例如金融大模型,可以用于风险管理、信用评估、交易监控、市场预测、合同审查、客户服务等。功能和作用很多很多,不再赘述。",
        ] {
            #expect(text.contains(sentence), "\(sentence)")
        }
        #expect(text.hasPrefix("什么是大模型、大模型是怎么训练出来的及大模型作用\n"), "\(text.prefix(200))")
        #expect(text.hasSuffix("功能和作用很多很多,不再赘述。"), "\(text.suffix(200))")
        for traditional in ["訓練", "數據", "網絡", "參數"] { #expect(!text.contains(traditional), "\(traditional)") }
        #expect(Self.pinyinAnnotations(in: text).isEmpty, "\(Self.pinyinAnnotations(in: text))")

        // Spam title and keyword list, navigation, image names, counters, footer and teasers go.
        for furniture in ["在线观看", "主站蜘蛛池模板", "聊天消息", "登录后你可以", "下载海量资料", "会员中心", "创作中心", "立即完善",
                          "不再提示", ".png", ".jpg", "次阅读", "来源:鲜枣课堂", "声明:", "举报投诉", "+关注", "浏览量", "3046",
                          "原文标题", "文章出处", "人收藏", "相关推荐", "热点推荐", "发表于", "深层神经网络模型训练", "flag-5"] {
            #expect(!text.contains(furniture), "\(furniture)")
        }
    }

    @Test func linesRepeatedAcrossASiteGoForAnyWorkerCount() throws {
        let dir = TemporaryDirectory("quarry-boilerplate-domain")
        var lines: [String] = []
        for i in 0..<60 {
            let site = i % 3 == 0 ? "https://blog.example.org/\(i)" : "https://news.example.com/story/\(i)"
            let footer = site.contains("news") || i == 0 ? "\nSend us your tips: the newsroom reads every message." : ""
            let text = "Story \(i) has a sentence of its own, number \(i), about the harbour." + footer
            lines.append(JSONWriter.text(of: ["id": .string("d\(i)"), "text": .string(text), "metadata": ["url": .string(site)]]))
        }
        try dir.write("input/a.jsonl", lines[..<25].joined(separator: "\n") + "\n")
        try dir.write("input/b.jsonl", lines[25...].joined(separator: "\n") + "\n")
        try dir.write("pipeline.yaml", """
            version: 1
            name: domain-lines
            input: { reader: jsonl_v1, paths: [\(dir.file("input"))] }
            stages: [boilerplate_lines_v1: {}]
            output: { writer: jsonl_writer_v1, directory: \(dir.file("unused")) }
            """)
        var outputs: [[[String: Any]]] = []
        for workers in ["1", "3"] {
            let output = dir.file("out-\(workers).jsonl")
            let run = try QuarryBinary.run(["run", dir.file("pipeline.yaml"), "--output", output, "--workers", workers, "-q"])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try WebPipelineTests().documents(output))
        }
        let texts = outputs[0].map { $0["text"] as! String }
        #expect(texts == outputs[1].map { $0["text"] as! String })
        #expect(texts.count == 60)
        #expect(texts.filter { $0.contains("newsroom") } == [texts[0]], "kept only on the blog, where it is rare")
        #expect(texts[1] == "Story 1 has a sentence of its own, number 1, about the harbour.")
    }
}
