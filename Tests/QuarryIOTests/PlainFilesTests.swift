// Tests of html_files_v1 and text_v1 (Formats/HTMLFilesReader.swift, TextFilesReader.swift,
// WholeFileScanner.swift).
//
// Why: saved pages and text dumps come in every legacy charset; a reader that guesses wrong
// turns a corpus into mojibake without a single error. The texts are encoded by Python's codecs
// (LegacyText, an independent encoder), and the documents must spell them exactly, with the
// charset named in metadata; ids must be the files' relative names; a file over the cap must be
// set aside without being buffered, and a damaged .gz must be one issue, not half a document.
import Foundation
import QuarryCore
@testable import QuarryIO
import QuarryTestSupport
import Testing

/// Reads every file under `dir` with one of `reader`'s extensions, named relative to `dir`.
func readDirectory<R: DocumentReader>(_ reader: R, _ dir: TemporaryDirectory) throws -> ReaderOutput {
    let files = FileManager.default.enumerator(atPath: dir.path)!.compactMap { $0 as? String }
        .filter { name in R.fileExtensions.contains { name.hasSuffix($0) } }.sorted()
    var out = ReaderOutput()
    for name in files {
        let one = try readDocuments(reader, path: dir.file(name), name: name)
        out.documents += one.documents
        out.issues += one.issues
        out.stats.merge(one.stats)
    }
    return out
}

@Suite struct HTMLFilesReaderTests {
    @Test func legacyCharsetsAreDecoded() throws {
        let dir = TemporaryDirectory("quarry-html")
        try dir.write("site/fr.html", htmlPage(title: "fr", body: LegacyText.cp1252, metaCharset: "windows-1252"))
        let japanese = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body>".utf8)
            + LegacyText.shiftJIS + Array("</body></html>".utf8)
        try dir.write("site/ja/index.htm", japanese)
        try dir.write("site/ko.html", htmlPage(title: "ko", body: LegacyText.eucKR))
        try dir.write("site/ru.html", htmlPage(title: "ru", body: LegacyText.cp1251))
        try writeCompressed(htmlPage(title: "zh", body: LegacyText.gbk, metaCharset: "gb2312"), to: dir.file("site/zh.html.gz"))
        try dir.write("site/bom.xhtml", [0xEF, 0xBB, 0xBF] + Array("<html><body>Grüße</body></html>".utf8))
        try dir.write("site/empty.html", Array(" \n\t\n".utf8))
        try dir.write("site/notes.txt", "not html")

        var options = HTMLFilesReader.Options()
        options.defaultSource = "mirror"
        let out = try readDirectory(try HTMLFilesReader(options: options), dir)
        #expect(out.issues.isEmpty)
        #expect(out.ids == ["site/bom.xhtml", "site/fr.html", "site/ja/index.htm", "site/ko.html", "site/ru.html", "site/zh.html.gz"])
        func document(_ id: String) -> Document? { out.documents.first { $0.id == id } }
        func utf8(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        #expect(document("site/fr.html")?.text == utf8(htmlPage(title: "fr", body: Array(LegacyText.french.utf8), metaCharset: "windows-1252")))
        #expect(document("site/fr.html")?.metadata["charset"] == .string("windows-1252"))
        #expect(document("site/ja/index.htm")?.text.contains(LegacyText.japanese) == true)
        #expect(document("site/ja/index.htm")?.metadata["charset"] == .string("shift_jis"))
        #expect(document("site/ko.html")?.text.contains(LegacyText.korean) == true)
        #expect(document("site/ko.html")?.metadata["charset"] == .string("euc-kr"))
        #expect(document("site/ru.html")?.text.contains(LegacyText.russian) == true)
        #expect(document("site/ru.html")?.metadata["charset"] == .string("windows-1251"))
        #expect(document("site/zh.html.gz")?.text.contains(LegacyText.chinese) == true)
        #expect(document("site/zh.html.gz")?.metadata["charset"] == .string("gbk"))
        #expect(document("site/bom.xhtml")?.text == "<html><body>Grüße</body></html>")
        #expect(document("site/bom.xhtml")?.metadata["source_path"] == .string(dir.file("site/bom.xhtml")))
        #expect(Array(document("site/fr.html")!.metadata.keys) == ["charset", "source_path"])
        #expect(document("site/fr.html")?.source == "mirror")
        #expect(out.stats.dropped == ["empty_file": 1])
    }

    @Test func filesOverTheCapAndDamagedFilesAreIssues() throws {
        let dir = TemporaryDirectory("quarry-html")
        let big = Array(("<html><body>" + String(repeating: "big ", count: 100_000) + "</body></html>").utf8)
        try dir.write("big.html", big)
        try writeCompressed(big, to: dir.file("big.html.gz"))
        try writeCompressed(htmlPage(title: "t", body: Array(String(repeating: "text ", count: 5000).utf8)), to: dir.file("cut.html.gz"))
        let cut = try readBytes(dir.file("cut.html.gz"))
        try dir.write("cut.html.gz", Array(cut.prefix(cut.count / 2)))
        try dir.write("ok.html", "<p>ok</p>")
        var options = HTMLFilesReader.Options()
        options.maxFileBytes = 50_000
        let reader = try HTMLFilesReader(options: options)
        let out = try readDirectory(reader, dir)
        #expect(out.ids == ["ok.html"])
        #expect(out.issueKinds == ["record_too_large", "record_too_large", "truncated_input"])
        #expect(out.issues[0].length == Int64(big.count))
        #expect(out.issues[1].length == Int64(big.count))
        #expect(out.issues[0].sample.count == WARCScanner.sampleBytes)
        // Never buffered past the cap.
        let batch = try #require(try reader.openScanner(InputSplit(path: dir.file("big.html"), name: "big.html")).next())
        #expect(batch.bytes.isEmpty && batch.records.isEmpty)
        #expect(throws: ConfigError.self) { try HTMLFilesReader.Options(config: .mapping([("max_file_bytes", .scalar("-1"))])) }
    }
}

@Suite struct TextFilesReaderTests {
    static let text = "First paragraph, line one.\r\nLine two of it.\r\n\r\n   \r\nSecond paragraph — ünïcödé.\n\nThird, last line without newline"

    func reader(_ split: TextFilesReader.Split, maxFileBytes: Int = 64 << 20) throws -> TextFilesReader {
        var options = TextFilesReader.Options()
        options.split = split
        options.maxFileBytes = maxFileBytes
        return try TextFilesReader(options: options)
    }

    @Test func oneDocumentPerFile() throws {
        let dir = TemporaryDirectory("quarry-text")
        try dir.write("a.txt", Self.text)
        try dir.write("legacy/ru.txt", LegacyText.cp1251 + [0x0A] + LegacyText.cp1251)
        try writeCompressed(LegacyText.gbk + [0x0A] + LegacyText.gbk + [0x0A] + LegacyText.gbk, to: dir.file("legacy/zh.txt.gz"))
        try dir.write("legacy/ko.txt", LegacyText.eucKR)
        try dir.write("empty.txt", "\n\n  \n")
        let out = try readDirectory(try reader(.file), dir)
        #expect(out.issues.isEmpty)
        #expect(out.ids == ["a.txt", "legacy/ko.txt", "legacy/ru.txt", "legacy/zh.txt.gz"])
        #expect(out.documents[0].text == Self.text)
        #expect(out.documents[0].metadata["charset"] == .string("utf-8"))
        #expect(out.documents[1].text == LegacyText.korean)
        #expect(out.documents[1].metadata["charset"] == .string("euc-kr"))
        #expect(out.documents[2].text == LegacyText.russian + "\n" + LegacyText.russian)
        #expect(out.documents[2].metadata["charset"] == .string("windows-1251"))
        #expect(out.documents[3].text == [LegacyText.chinese, LegacyText.chinese, LegacyText.chinese].joined(separator: "\n"))
        #expect(["gbk", "gb18030"].map { JSONValue.string($0) }.contains(out.documents[3].metadata["charset"]!))
        #expect(out.stats.dropped == ["empty_file": 1])
    }

    @Test func paragraphsAndLines() throws {
        let dir = TemporaryDirectory("quarry-text")
        let path = try dir.write("a.txt", Self.text)
        let paragraphs = try readDocuments(try reader(.paragraph), path: path, name: "a.txt")
        #expect(paragraphs.ids == ["a.txt#L1", "a.txt#L5", "a.txt#L7"])
        #expect(paragraphs.documents.map(\.text) == ["First paragraph, line one.\r\nLine two of it.", "Second paragraph — ünïcödé.",
                                                     "Third, last line without newline"])
        #expect(paragraphs.documents[1].metadata["line"] == .int(5))
        #expect(Array(paragraphs.documents[1].metadata.keys) == ["charset", "source_path", "line"])
        let lines = try readDocuments(try reader(.line), path: path, name: "a.txt")
        #expect(lines.ids == ["a.txt#L1", "a.txt#L2", "a.txt#L5", "a.txt#L7"])
        #expect(lines.documents.map(\.text) == ["First paragraph, line one.", "Line two of it.", "Second paragraph — ünïcödé.",
                                                "Third, last line without newline"])
        let blank = try readDocuments(try reader(.line), path: try dir.write("blank.txt", "\r\n \r\n"), name: "blank.txt")
        #expect(blank.documents.isEmpty && blank.stats.dropped == ["empty_file": 1])
    }

    @Test func piecesMatchTheNaiveSplit() {
        // The plain twin: split on "\n", strip one "\r", group non-blank lines.
        var rng = SplitMix64(seed: 5)
        let parts = ["a", "é", " ", "\t", "\r\n", "\n", "字", "\n\n"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in parts[Int.random(in: 0..<parts.count, using: &rng)] }.joined()
            // Over bytes: in Characters, "\r\n" is one grapheme and would not split at "\n".
            var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
            if lines.last == [] { lines.removeLast() }
            let numbered = lines.enumerated().map { (line: $0.offset + 1, text: String(decoding: $0.element.last == 0x0D ? $0.element.dropLast() : $0.element[...], as: UTF8.self)) }
            let blank: (String) -> Bool = { $0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{0C}" } }
            let expectedLines = numbered.filter { !blank($0.text) }
            let got = TextFilesReader.pieces(of: text, paragraphs: false)
            #expect(got.map(\.line) == expectedLines.map(\.line), "\(text.debugDescription)")
            #expect(got.map(\.text) == expectedLines.map(\.text), "\(text.debugDescription)")
            var expectedParagraphs: [Int] = []
            var inParagraph = false
            for line in numbered {
                if blank(line.text) { inParagraph = false } else if !inParagraph { expectedParagraphs.append(line.line); inParagraph = true }
            }
            #expect(TextFilesReader.pieces(of: text, paragraphs: true).map(\.line) == expectedParagraphs, "\(text.debugDescription)")
        }
    }

    @Test func filesOverTheCapAreIssues() throws {
        let dir = TemporaryDirectory("quarry-text")
        let path = try dir.write("big.txt", String(repeating: "x", count: 5000))
        let out = try readDocuments(try reader(.line, maxFileBytes: 4000), path: path, name: "big.txt")
        #expect(out.documents.isEmpty)
        #expect(out.issueKinds == ["record_too_large"])
        #expect(out.issues.first?.length == 5000)
        #expect(out.funnelIn == 1)
    }
}
