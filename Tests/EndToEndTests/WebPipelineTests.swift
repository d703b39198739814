// The shipped web-extract and wikipedia pipelines on their samples (samples/warc,
// samples/wikipedia), and `quarry extract`: pages decoded from their charsets, furniture gone,
// metadata filled, records skipped on purpose (a 404, an image) counted as the reader's drops
// and not as bad input, so --max-errors 0 does not stop the run.
import Foundation
import QuarryIO
import QuarryTestSupport
import Testing

@Suite struct WebPipelineTests {
    static let repository = CommandLineTests.repository

    /// The documents of a JSONL output directory or file, in order.
    func documents(_ path: String) throws -> [[String: Any]] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let files = isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.contains(".jsonl") }.sorted().map { path + "/" + $0 }
            : [path]
        var out: [[String: Any]] = []
        for file in files {
            let source = try Compression.of(path: file).openSource(path: file)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) { bytes += buffer[0..<n] }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                out.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])
            }
        }
        return out
    }

    func stats(_ runDirectory: String, _ dir: TemporaryDirectory) throws -> [String: Any] {
        let json = dir.file("stats.json")
        let result = try QuarryBinary.run(["stats", runDirectory, "--json", json])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    }

    @Test func webExtractDecodesCharsetsAndDropsFurniture() throws {
        let dir = TemporaryDirectory("quarry-web")
        let run = try QuarryBinary.run(["run", "pipelines/web-extract.yaml", "--output", dir.file("out"), "--fresh",
                                        "--max-errors", "0", "-q"], in: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let docs = try documents(dir.file("out"))
        #expect(docs.count == 5)
        let charsets = docs.map { ($0["metadata"] as! [String: Any])["charset"] as? String ?? "" }
        #expect(charsets == ["utf-8", "windows-1251", "shift_jis", "windows-1252", "utf-8"])
        let texts = docs.map { $0["text"] as! String }
        #expect(texts[0].hasPrefix("Harrowby opens its new riverside library\n"))
        #expect(texts[1].contains("фестиваль яблок"))
        #expect(texts[2].contains("駅舎が図書館"))
        #expect(texts[3].contains("Günther") && texts[3].contains("heißt"))
        #expect(texts[4].contains("spool_dir = /srv/quillprint/spool"))
        for furniture in ["cookies", "By Maren Holt", "All rights reserved", "Read also", "Footbridge", "Главная", "ホーム", "Kategorien", "Impressum"] {
            #expect(!texts.joined().contains(furniture), "\(furniture)")
        }
        let first = docs[0]["metadata"] as! [String: Any]
        #expect(first["url"] as? String == "https://herald.harrowby.example/news/riverside-library")
        #expect(first["warc_date"] as? String == "2026-10-05T08:01:00Z")
        #expect(first["warc_record_id"] as? String == "urn:uuid:5a3c0e2e-0001-4002-8000-000000000001")
        #expect(first["content_type"] as? String == "text/html")

        let report = try stats(dir.file("out"), dir)
        let funnel = report["funnel"] as! [[String: Any]]
        #expect(funnel[0]["stage"] as? String == "warc_v1")
        let dropped = funnel[0]["dropped"] as! [String: Int]
        #expect(dropped == ["http_status_not_ok": 1, "content_type_skipped": 1])
        let bad = (report["bad_records"] as! [String: Any])["by_kind"] as! [String: Int]
        #expect(bad.isEmpty)
    }

    @Test func wikipediaPipelineReadsTheSampleDump() throws {
        let dir = TemporaryDirectory("quarry-wiki")
        let run = try QuarryBinary.run(["run", "pipelines/wikipedia.yaml", "--output", dir.file("out"), "--fresh", "-q"],
                                       in: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let docs = try documents(dir.file("out"))
        // The 8 articles; the redirect, the talk page and the template page are not documents.
        let titles = docs.map { ($0["metadata"] as! [String: Any])["title"] as? String ?? "" }
        #expect(titles.count == 8)
        #expect(titles.contains("长城") && titles.contains("Ada Lovelace"))
        #expect(!titles.contains("Lovelace") && !titles.contains("Talk:Rhine") && !titles.contains("Template:Infobox river"))
        for doc in docs {
            let metadata = doc["metadata"] as! [String: Any]
            for key in ["title", "page_id", "revision_id", "timestamp"] { #expect(metadata[key] != nil, "\(key)") }
            // One sample page quotes markup inside <nowiki>, which must come out as written.
            let text = (doc["text"] as! String).replacingOccurrences(of: "written like [[link]] and {{template}}", with: "")
            #expect(!text.contains("{{") && !text.contains("[[") && !text.contains("'''") && !text.contains("<ref"),
                    "\(metadata["title"] ?? "")")
        }
    }

    @Test func extractCommandReadsHTMLFiles() throws {
        let dir = TemporaryDirectory("quarry-extract")
        let page = "<html><head><meta charset=\"windows-1251\"><title>t</title></head><body><nav><a href=/>Домой</a></nav>"
            + "<article><p>" + String(repeating: "Это предложение о погоде в горах. ", count: 8) + "</p></article></body></html>"
        let bytes = try #require(page.data(using: .windowsCP1251))
        try FileManager.default.createDirectory(atPath: dir.file("pages"), withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: dir.file("pages/a.html")))
        let run = try QuarryBinary.run(["extract", "--input", dir.file("pages"), "--output", dir.file("out.jsonl"), "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let docs = try documents(dir.file("out.jsonl"))
        #expect(docs.count == 1)
        #expect((docs.first?["text"] as? String)?.hasPrefix("Это предложение о погоде") == true)
        #expect((docs.first?["metadata"] as? [String: Any])?["charset"] as? String == "windows-1251")
    }
}
