// wikipedia_v1 end to end: the sample dump (samples/wikipedia, made by make_sample.py there)
// read as .xml and as multistream .xml.bz2 gives the same documents; namespaces and redirects
// are skipped and counted as drops; damage (a truncated file, malformed XML, a corrupt bzip2
// stream, an oversized page) is an issue at the right offset and every other page is kept;
// a dump of 20,000 generated pages streams in bounded memory.
@testable import QuarryHTML
import Foundation
import QuarryCore
import QuarryIO
import QuarryTestSupport
import Testing

enum WikipediaFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures/wikipedia").path
    static let samples = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/wikipedia").path
    static let sampleXML = samples + "/sample-pages.xml"
    static let sampleBZ2 = samples + "/sample-pages.xml.bz2"

    /// Titles of the sample's pages read with the default options, in dump order.
    static let defaultTitles = ["Ada Lovelace", "Rhine", "Pythagorean theorem", "\"Hello, World!\" program", "Photosynthesis",
                                "Mount Everest", "长城", "Oxygen"]
}

/// Everything one scan of a dump gave.
struct DumpRead {
    var documents: [Document] = []
    var stats = StageStats()
    var issues: [InputIssue] = []
    var records: [RawRecord] = []
    var batches = 0

    var titles: [String] { documents.map { $0.metadata["title"]?.stringValue ?? "?" } }
}

/// Scans and decodes a dump as the executor does (decode per batch, stats merged).
func readDump(_ path: String, batchBytes: Int? = nil, _ configure: (inout WikipediaReader.Options) -> Void = { _ in }) throws -> DumpRead {
    var options = WikipediaReader.Options()
    configure(&options)
    let reader = try WikipediaReader(options: options)
    let scanner = try reader.openScanner(InputSplit(path: path, name: (path as NSString).lastPathComponent))
    if let batchBytes, let dump = scanner as? WikipediaDumpScanner { dump.batchBytes = batchBytes }
    var result = DumpRead()
    while let batch = try scanner.next() {
        result.batches += 1
        result.issues += batch.issues
        result.records += batch.records
        var stats = StageStats()
        result.documents += reader.decode(batch, stats: &stats, issues: &result.issues)
        result.stats.merge(stats)
    }
    return result
}

/// Writes a dump of generated pages (and optional extra XML per page) to a file.
func writeDump(_ path: String, pages: Int, siteinfo: String? = nil, page: (Int) -> (title: String, ns: Int, text: String)) throws {
    var xml = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" xml:lang=\"en\">\n"
    xml += siteinfo ?? "  <siteinfo>\n    <dbname>testwiki</dbname>\n    <base>https://test.example.org/wiki/Main</base>\n  </siteinfo>\n"
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    for i in 0..<pages {
        let p = page(i)
        xml += """
              <page>
                <title>\(escapeXML(p.title))</title>
                <ns>\(p.ns)</ns>
                <id>\(i + 1)</id>
                <revision>
                  <id>\(1000 + i)</id>
                  <timestamp>2024-01-01T00:00:00Z</timestamp>
                  <model>wikitext</model>
                  <format>text/x-wiki</format>
                  <text bytes="\(p.text.utf8.count)" xml:space="preserve">\(escapeXML(p.text))</text>
                </revision>
              </page>

            """
        if xml.utf8.count > 1 << 20 {
            handle.write(Data(xml.utf8))
            xml = ""
        }
    }
    xml += "</mediawiki>\n"
    handle.write(Data(xml.utf8))
}

func escapeXML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

@Suite struct WikipediaReaderTests {
    @Test func readsTheSampleDump() throws {
        let read = try readDump(WikipediaFixtures.sampleXML)
        #expect(read.issues.isEmpty)
        #expect(read.titles == WikipediaFixtures.defaultTitles)
        #expect(read.stats.dropped == ["skipped_namespace": 2, "skipped_redirect": 1])

        let ada = try #require(read.documents.first)
        #expect(ada.id == "enwiki/974")
        #expect(ada.source == "wikipedia")
        #expect(ada.metadata["page_id"] == .int(974))
        #expect(ada.metadata["revision_id"] == .int(1204481001))
        #expect(ada.metadata["timestamp"] == "2024-02-11T09:12:44Z")
        #expect(ada.metadata["url"] == "https://en.wikipedia.org/wiki/Ada_Lovelace")
        #expect(ada.metadata["namespace"] == nil)
        #expect(ada.text.hasPrefix("Augusta Ada King, Countess of Lovelace (née Byron; 10 December 1815 – 27 November 1852) was an English mathematician and writer, chiefly known for her work on Charles Babbage's proposed mechanical general-purpose computer, the Analytical Engine. She was"))
        #expect(ada.text.contains("\n\nEarly life\nLovelace was the only legitimate child of the poet Lord Byron and the reformer Anne Isabella Byron. Byron separated"))
        #expect(ada.text.contains("left England forever. Four months later"))        // one paragraph over two lines
        #expect(ada.text.contains("Her notes set out the following ideas:\nthe machine could act upon things other than numbers;\n"))
        #expect(ada.text.contains("Legacy\nThat brain of mine is something more than merely mortal; as time will show.\n\nThe computer language Ada, created"))
        for gone in ["Infobox", "cite", "Toole", "thumb", "aged seventeen", "See also", "Women in computing", "References",
                     "External links", "BBC", "Category", "1815 births", "DEFAULTSORT", "{{", "}}", "[[", "]]", "<ref", "'''", "talk page"] {
            #expect(!ada.text.contains(gone), "\(gone)")
        }
        #expect(ada.text.hasSuffix("held every year on the second Tuesday of October."))

        let rhine = read.documents[1]
        #expect(rhine.text.hasPrefix("The Rhine (Rhein; Rhin; Rijn) is one of the major rivers in Europe."))
        #expect(rhine.text.contains("The Rhine is about 1233 km long. It is the second-longest river in Central and Western Europe (after the Danube), at about 1230 km, with an average discharge of about 2900 m3/s."))
        for gone in ["Tributary", "Neckar", "wikitable", "Lorelei", "Rhine Falls near", "Commission for the Protection", "Rhein]]", "de:"] {
            #expect(!rhine.text.contains(gone), "\(gone)")
        }

        let math = read.documents[2]
        #expect(math.text.contains("the lengths of the sides a, b and the hypotenuse c, sometimes called the Pythagorean equation:\na^2 + b^2 = c^2 .\n"))
        #expect(math.text.contains("algebraic proofs, using (a+b)^2 = c^2 + 4\\cdot\\tfrac{1}{2}ab;"))
        #expect(math.text.contains("such that a2 + b2 = c2. The smallest is (3,\u{A0}4,\u{A0}5)."))
        #expect(math.text.contains("Converse\nIf the sides satisfy"))

        let hello = read.documents[3]
        #expect(hello.metadata["url"] == "https://en.wikipedia.org/wiki/%22Hello,_World!%22_program")
        #expect(hello.text.contains("internal memorandum:\n\nmain( ) {\n        printf(\"hello, world\\n\");\n}\n\nIn Python the whole program is print(\"Hello, World!\"); in a shell one can type echo 'Hello, World!'."))
        #expect(hello.text.contains("Wiki markup itself is written like [[link]] and {{template}}."))
        #expect(hello.text.contains("more than one line:\nHello, World!\nWelcome to the program."))

        let photo = read.documents[4]
        #expect(photo.text.hasPrefix("Photosynthesis is a system of biological processes by which photosynthetic organisms, such as most plants"))
        #expect(photo.text.contains("efficiency of 3–6%. By comparison"))
        #expect(photo.text.contains("approximately 6–20%\u{A0}for mass-produced panels — and above 40%"))
        #expect(photo.text.contains("Light-dependent reactions\ntake place in the thylakoid membranes.\nCalvin cycle\ntakes place in the stroma."))
        #expect(!photo.text.contains("NOTOC") && !photo.text.contains("Further reading") && !photo.text.contains("Blankenship"))

        let everest = read.documents[5]
        #expect(everest.text.contains("Chomolungma (ཇོ་མོ་གླང་མ), and its official Chinese transcription is 珠穆朗玛峰."))
        #expect(everest.text.contains("As of 2023, more than 6,000 people"))
        #expect(everest.text.contains("by Edmund Hillary and Tenzing Norgay.\n") || everest.text.hasSuffix("Tenzing Norgay."))

        let wall = read.documents[6]
        #expect(wall.id == "enwiki/5012233")
        #expect(wall.metadata["url"] == "https://en.wikipedia.org/wiki/%E9%95%BF%E5%9F%8E")
        #expect(wall.text == """
            长城（Great Wall of China）是中国古代的军事防御工程，是一道高大、坚固而且连绵不断的长垣，用以限隔敌骑的行动。长城东西绵延上万华里，因此又称作万里长城。

            历史
            现存的长城遗迹主要为始建于14世纪的明朝长城，西起嘉峪关，东至辽东虎山，全长8851.8公里。
            秦朝长城
            汉朝长城
            """)
    }

    @Test func multistreamBzip2GivesTheSameDocuments() throws {
        let compressed = try readBytes(WikipediaFixtures.sampleBZ2)
        // Several concatenated bzip2 streams, as in the real multistream dumps.
        let streams = (0..<(compressed.count - 3)).filter { compressed[$0] == 0x42 && compressed[$0 + 1] == 0x5A && compressed[$0 + 2] == 0x68 }
        #expect(streams.count >= 4)
        let plain = try readDump(WikipediaFixtures.sampleXML)
        let bz2 = try readDump(WikipediaFixtures.sampleBZ2)
        #expect(bz2.issues.isEmpty)
        #expect(bz2.documents == plain.documents)
        #expect(bz2.stats == plain.stats)
        #expect(bz2.records.map(\.offset) == plain.records.map(\.offset))
    }

    @Test func recordOffsetsPointAtPageStartTags() throws {
        let bytes = try readBytes(WikipediaFixtures.sampleXML)
        let read = try readDump(WikipediaFixtures.sampleXML)
        let pages = read.records.filter { $0.offset > 0 }
        #expect(pages.count == 11)
        for record in pages {
            #expect(Array(bytes[Int(record.offset)..<Int(record.offset) + 6]) == Array("<page>".utf8))
        }
    }

    @Test func namespacesAndRedirectsAreOptions() throws {
        let read = try readDump(WikipediaFixtures.sampleXML) {
            $0.namespaces = [0, 1]
            $0.skipRedirects = false
            $0.source = "enwiki-2024"
        }
        #expect(read.titles.contains("Talk:Rhine"))
        #expect(read.titles.contains("Lovelace"))
        #expect(read.stats.dropped == ["skipped_namespace": 1])
        let talk = try #require(read.documents.first { $0.metadata["title"] == "Talk:Rhine" })
        #expect(talk.metadata["namespace"] == .int(1))
        #expect(talk.source == "enwiki-2024")
        #expect(talk.text.hasPrefix("Length of the Rhine\nShould the infobox give 1,233 km or 1,320 km? Flussfreund (talk) 10:02, 19 November 2023 (UTC)"))
        let redirect = try #require(read.documents.first { $0.metadata["title"] == "Lovelace" })
        #expect(redirect.metadata["redirect_to"] == "Ada Lovelace")
        #expect(redirect.text == "REDIRECT Ada Lovelace")

        // The template page's text is all template: nothing is left of it.
        let templates = try readDump(WikipediaFixtures.sampleXML) { $0.namespaces = [10] }
        #expect(templates.documents.isEmpty)
        #expect(templates.stats.dropped == ["skipped_namespace": 10, "empty_text": 1])
    }

    @Test func optionsShapeTheText() throws {
        let plain = try readDump(WikipediaFixtures.sampleXML) {
            $0.keepHeadings = false
            $0.keepLists = false
            $0.keepTables = true
        }
        let rhine = try #require(plain.documents.first { $0.metadata["title"] == "Rhine" })
        #expect(!rhine.text.contains("\nCourse\n"))
        #expect(rhine.text.contains("Main tributaries\nTributary\nSide\nLength (km)\nMouth\nAare\nleft\n295\nKoblenz\nNeckar"))
        #expect(rhine.text.contains("Moselle\nleft\n544\nKoblenz"))
        let ada = try #require(plain.documents.first)
        #expect(!ada.text.contains("punched cards"))
        #expect(ada.text.contains("Her notes set out the following ideas:\n\nThat brain"))

        let all = try readDump(WikipediaFixtures.sampleXML)
        let short = all.documents.filter { $0.text.unicodeScalars.count < 1000 }
        #expect(short.count >= 2)
        let long = try readDump(WikipediaFixtures.sampleXML) { $0.minTextChars = 1000 }
        #expect(long.stats.dropped["too_short"] == Int64(short.count))
        #expect(long.documents.count + short.count == all.documents.count)
        #expect(long.documents.allSatisfy { $0.text.unicodeScalars.count >= 1000 })
    }

    @Test func aTruncatedDumpKeepsThePagesBeforeTheCut() throws {
        let path = WikipediaFixtures.fixtures + "/truncated-pages.xml"
        let bytes = try readBytes(path)
        let read = try readDump(path)
        #expect(read.titles == Array(WikipediaFixtures.defaultTitles.prefix(4)))
        #expect(read.stats.dropped == ["skipped_namespace": 1, "skipped_redirect": 1])
        let issue = try #require(read.issues.first)
        #expect(read.issues.count == 1)
        #expect(issue.kind == "truncated_input")
        #expect(issue.file == path)
        // At the page the file ends in (Photosynthesis), with libxml2's position in the message.
        #expect(Array(bytes[Int(issue.offset)..<Int(issue.offset) + 6]) == Array("<page>".utf8))
        #expect(String(decoding: bytes[Int(issue.offset)...].prefix(60), as: UTF8.self).contains("Photosynthesis"))
        #expect(issue.message.contains("line ") && issue.message.contains("Photosynthesis"))
        #expect(issue.line != nil)
    }

    @Test func aTruncatedMultistreamFileKeepsItsWholeStreams() throws {
        let path = WikipediaFixtures.fixtures + "/truncated-pages.xml.bz2"
        let read = try readDump(path)
        #expect(read.titles == Array(WikipediaFixtures.defaultTitles.prefix(4)))
        #expect(read.issues.map(\.kind) == ["truncated_input"])
        #expect(read.issues.first?.offsetIsCompressed == true)
    }

    @Test func malformedXMLCostsOnlyItsPage() throws {
        let path = WikipediaFixtures.fixtures + "/malformed-pages.xml"
        let bytes = try readBytes(path)
        let read = try readDump(path)
        var expected = WikipediaFixtures.defaultTitles
        expected.remove(at: 2)
        #expect(read.titles == expected)
        let issue = try #require(read.issues.first)
        #expect(read.issues.count == 1)
        #expect(issue.kind == "malformed_xml")
        #expect(String(decoding: bytes[Int(issue.offset)...].prefix(60), as: UTF8.self).contains("<page>\n    <titl>Pythagorean"))
        #expect(issue.message.contains("mismatch"))
        #expect(issue.line == Int64(String(decoding: bytes[..<Int(issue.offset)], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count + 1))
        // The pages after the damage keep their exact offsets.
        for record in read.records where record.offset > issue.offset {
            #expect(Array(bytes[Int(record.offset)..<Int(record.offset) + 6]) == Array("<page>".utf8))
        }
    }

    @Test func aCorruptBzip2StreamCostsOnlyItsPages() throws {
        var compressed = try readBytes(WikipediaFixtures.sampleBZ2)
        let starts = (0..<(compressed.count - 3)).filter { compressed[$0] == 0x42 && compressed[$0 + 1] == 0x5A && compressed[$0 + 2] == 0x68 }
        // Damage the middle of the second page stream (pages 5 to 8).
        let damaged = (starts[2] + starts[3]) / 2
        for k in damaged..<(damaged + 16) { compressed[k] ^= 0x5A }
        let dir = TemporaryDirectory("quarry-wiki")
        let path = try dir.write("corrupt.xml.bz2", compressed)
        let read = try readDump(path)
        #expect(read.titles == ["Ada Lovelace", "Rhine", "Pythagorean theorem", "\"Hello, World!\" program", "长城", "Oxygen"])
        #expect(read.issues.map(\.kind) == ["corrupt_bzip2"])
        let issue = try #require(read.issues.first)
        #expect(issue.offsetIsCompressed)
        #expect(issue.offset == Int64(starts[2]))
    }

    @Test func garbageBetweenPagesCostsNoPage() throws {
        var bytes = try readBytes(WikipediaFixtures.sampleXML)
        let secondPage = try #require(firstRange(of: Array("  <page>\n    <title>Rhine".utf8), in: bytes))
        bytes.insert(contentsOf: Array("<<oops & >\n".utf8), at: secondPage)
        let dir = TemporaryDirectory("quarry-wiki")
        let path = try dir.write("junk.xml", bytes)
        let read = try readDump(path)
        #expect(read.titles == WikipediaFixtures.defaultTitles)
        let issue = try #require(read.issues.first)
        #expect(read.issues.count == 1)
        #expect(issue.kind == "malformed_xml")
        #expect(issue.message.hasSuffix("no page lost"))
        #expect(abs(issue.offset - Int64(secondPage)) < 8)
    }

    /// Corrupts the sample at random places (an inserted `<`, `&`, NUL, a stray tag, or a
    /// deleted stretch): every scan ends, and damage costs the damaged page and no other (two
    /// when a deletion joins pages), reported as an issue. Damage that leaves well-formed XML
    /// (a few letters cut from a title) is not detectable and gives a changed page.
    @Test(arguments: 0..<4)
    func randomCorruptionCostsAtMostTheDamagedPage(seed: UInt64) throws {
        let clean = try readBytes(WikipediaFixtures.sampleXML)
        let expected = WikipediaFixtures.defaultTitles
        var random = SplitMix64(seed: 0xC0FFEE &+ seed)
        let dir = TemporaryDirectory("quarry-wiki")
        for round in 0..<60 {
            var bytes = clean
            let at = random.below(bytes.count)
            let breakers: [[UInt8]] = [Array("<".utf8), Array("&".utf8), [0], Array("</page>".utf8), Array("<page>".utf8)]
            let deletion = random.below(4) == 0
            if deletion {
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(40)))
            } else {
                bytes.insert(contentsOf: breakers[random.below(breakers.count)], at: at)
            }
            let path = try dir.write("corrupt-\(round).xml", bytes)
            let read = try readDump(path)
            let context = "seed \(seed) round \(round): \(deletion ? "deleted" : "inserted") at byte \(at); titles \(read.titles); issues \(read.issues.map(\.message))"
            let lost = expected.count - read.documents.count
            #expect(lost <= (deletion ? 2 : 1), "\(context)")
            // A deletion can turn a talk page into an article (`<ns>1</ns>` → `<ns></ns>`).
            #expect(lost >= (deletion ? -1 : 0), "\(context)")
            #expect(read.titles.filter { !expected.contains($0) }.count <= 1, "\(context)")
            #expect(read.titles.allSatisfy { !$0.isEmpty }, "\(context)")
            if lost > 0 { #expect(!read.issues.isEmpty, "\(context)") }
            #expect(read.issues.count <= 3, "\(context)")
        }
    }

    @Test func oversizedPagesAreIssuesAtTheirOffset() throws {
        let bytes = try readBytes(WikipediaFixtures.sampleXML)
        // Wikitext sizes in the sample: Ada Lovelace 3836, Rhine 2994, Photosynthesis 2472,
        // "Hello, World!" program 2390 bytes, the others less.
        let read = try readDump(WikipediaFixtures.sampleXML) { $0.maxPageBytes = 2400 }
        let tooLarge = read.issues.filter { $0.kind == "record_too_large" }
        #expect(read.issues.count == 3 && tooLarge.count == 3)
        #expect(read.titles == ["Pythagorean theorem", "\"Hello, World!\" program", "Mount Everest", "长城", "Oxygen"])
        #expect(tooLarge.map(\.length) == [3836, 2994, 2472])
        for issue in tooLarge {
            #expect(Array(bytes[Int(issue.offset)..<Int(issue.offset) + 6]) == Array("<page>".utf8))
            #expect(issue.sample.count == min(Int(issue.length ?? 0), WikipediaDumpScanner.sampleBytes))
            #expect(issue.message.contains("more than max_page_bytes (2400)"))
        }
        #expect(tooLarge.first?.message.contains("'Ada Lovelace' (id 974)") == true)
    }

    @Test func localizedNamespaceNamesComeFromTheSiteinfo() throws {
        let siteinfo = """
              <siteinfo>
                <dbname>dewiki</dbname>
                <base>https://de.wikipedia.org/wiki/Wikipedia:Hauptseite</base>
                <namespaces>
                  <namespace key="-2" case="first-letter">Medium</namespace>
                  <namespace key="0" case="first-letter" />
                  <namespace key="6" case="first-letter">Datei</namespace>
                  <namespace key="14" case="first-letter">Kategorie</namespace>
                </namespaces>
              </siteinfo>

            """
        let dir = TemporaryDirectory("quarry-wiki")
        let path = dir.file("dewiki.xml")
        try writeDump(path, pages: 1, siteinfo: siteinfo) { _ in
            ("Bodensee", 0, "[[Datei:Bodensee.jpg|mini|Der [[See]]]]Der '''Bodensee''' liegt am [[Alpen|Nordrand der Alpen]].\n[[Medium:Ton.ogg]]\n[[Kategorie:See]]\n[[File:x.jpg]][[Category:Lake]]")
        }
        let read = try readDump(path)
        #expect(read.documents.map(\.text) == ["Der Bodensee liegt am Nordrand der Alpen."])
        #expect(read.documents.first?.id == "dewiki/1")
        #expect(read.documents.first?.metadata["url"] == "https://de.wikipedia.org/wiki/Bodensee")
    }

    @Test func historyDumpsKeepTheLastRevisionAndOtherModelsAreSkipped() throws {
        let xml = """
            <mediawiki version="0.11">
              <page>
                <title>Evolving</title><ns>0</ns><id>7</id>
                <revision><id>1</id><timestamp>2001-01-01T00:00:00Z</timestamp><model>wikitext</model><text>First version.</text></revision>
                <revision><id>2</id><timestamp>2002-02-02T00:00:00Z</timestamp><model>wikitext</model><text>Second version.</text></revision>
              </page>
              <page>
                <title>Style.css</title><ns>0</ns><id>8</id>
                <revision><id>3</id><timestamp>2003-03-03T00:00:00Z</timestamp><model>css</model><text>body { color: red }</text></revision>
              </page>
              <page>
                <title>Blank</title><ns>0</ns><id>9</id>
                <revision><id>4</id><timestamp>2003-03-03T00:00:00Z</timestamp><model>wikitext</model><text bytes="0" /></revision>
              </page>
              <page>
                <title>Old redirect</title><ns>0</ns><id>10</id>
                <revision><id>5</id><timestamp>2003-03-03T00:00:00Z</timestamp><text>#redirect [[Evolving]]</text></revision>
              </page>
            </mediawiki>
            """
        let dir = TemporaryDirectory("quarry-wiki")
        let path = try dir.write("history-dump.xml", xml)
        let read = try readDump(path)
        #expect(read.documents.map(\.text) == ["Second version."])
        #expect(read.documents.first?.metadata["revision_id"] == .int(2))
        #expect(read.documents.first?.metadata["url"] == nil)
        // Without a <dbname>, ids use the file's name.
        #expect(read.documents.first?.id == "history-dump/7")
        #expect(read.stats.dropped == ["skipped_content_model": 1, "empty_text": 1, "skipped_redirect": 1])
    }

    @Test func optionsAreValidated() throws {
        #expect(throws: ConfigError.self) { try WikipediaReader.Options(config: .mapping([(key: "namespace", value: .sequence([.scalar("0")]))])) }
        #expect(throws: ConfigError.self) { try WikipediaReader.Options(config: .mapping([(key: "max_page_bytes", value: .scalar("0"))])) }
        #expect(throws: ConfigError.self) { try WikipediaReader.Options(config: .mapping([(key: "namespaces", value: .sequence([]))])) }
        let options = try WikipediaReader.Options(config: .mapping([(key: "namespaces", value: .sequence([.scalar("0"), .scalar("14")])),
                                                                    (key: "keep_tables", value: .scalar("true"))]))
        #expect(options.namespaces == [0, 14])
        #expect(options.keepTables)
        #expect(options.keepHeadings && options.keepLists && options.skipRedirects)
        #expect(options.maxPageBytes == 8 << 20 && options.minTextChars == 0 && options.source == "wikipedia")
        #expect(WikipediaReader.id == "wikipedia_v1")
        #expect(WikipediaReader.fileExtensions.contains(".xml.bz2"))
    }

    /// The structural bounds: one batch and one page of libxml2 nodes at a time. Resident
    /// memory is measured on a child process in EndToEndTests/MemoryBoundTests, where no other
    /// test shares the process.
    @Test func aLargeDumpStreamsOnePageAtATime() throws {
        let dir = TemporaryDirectory("quarry-wiki")
        let path = dir.file("large.xml")
        let paragraph = "The '''river''' flows past [[Town|the town]] and {{convert|12|km}} of [[meadow]]s.<ref>{{cite web|title=x}}</ref> "
        try writeDump(path, pages: 8_000) { i in
            ("Page \(i)", i % 10 == 0 ? 1 : 0,
             "{{Infobox|name=Page \(i)}}\n" + String(repeating: paragraph, count: 20 + i % 30) + "\n== Section ==\nMore text \(i).\n[[Category:Pages]]")
        }
        let size = try #require(FileInfo.size(of: path))
        #expect(size > 20_000_000)

        let reader = try WikipediaReader(options: .init())
        let scanner = try #require(try reader.openScanner(InputSplit(path: path, name: "large.xml")) as? WikipediaDumpScanner)
        var documents = 0
        var dropped: Int64 = 0
        var largestBatch = 0
        var mostNodes = 0
        while let batch = try scanner.next() {
            #expect(batch.issues.isEmpty)
            largestBatch = max(largestBatch, batch.bytes.count)
            mostNodes = max(mostNodes, scanner.retainedNodeCount)
            var stats = StageStats()
            var issues: [InputIssue] = []
            let decoded = reader.decode(batch, stats: &stats, issues: &issues)
            #expect(issues.isEmpty)
            documents += decoded.count
            dropped += stats.droppedTotal
        }
        #expect(documents == 7_200)
        #expect(dropped == 800)
        // The scanner holds one batch (about 1 MiB) and a 1 MiB window; libxml2 holds the
        // current page's nodes, never the pages before.
        #expect(largestBatch < 2 << 20)
        #expect(mostNodes < 40, "libxml2 held \(mostNodes) nodes")
    }
}

/// Where `needle` first occurs in `haystack`.
func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
}
