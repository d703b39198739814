// `quarry-bench extract`: HTML main-text extraction alone, on the pages of JSONL files (HTML
// under --text-key), one thread; documents/s and MB of HTML per CPU-second.
import QuarryCore
import QuarryHTML
import QuarryIO

func benchmarkExtraction(files: [String], textKey: String, show: Int) throws {
    var options = JSONLReader.Options()
    options.textKey = textKey
    let reader = try JSONLReader(options: options)
    var pages: [Document] = []
    for (i, file) in files.enumerated() {
        let scanner = try reader.openScanner(InputSplit(path: file, name: "f\(i)"))
        while let raw = try scanner.next() {
            var stats = StageStats()
            var issues: [InputIssue] = []
            pages += reader.decode(raw, stats: &stats, issues: &issues)
        }
    }
    let megabytes = Double(pages.reduce(0) { $0 + $1.byteCount }) / 1e6
    for favor in [HTMLExtractor.Favor.precision, .recall] {
        let extractor = HTMLExtractor(favor: favor)
        let (outputBytes, seconds) = measure { () -> Int in
            var n = 0
            for page in pages { n += extractor.extract(page.text).text.utf8.count }
            return n
        }
        print("extract (\(favor.rawValue)): \(pages.count) pages, \(format(megabytes)) MB HTML -> \(format(Double(outputBytes) / 1e6)) MB text; "
            + "\(format(Double(pages.count) / seconds)) docs/CPU-s, \(format(megabytes / seconds)) MB/CPU-s")
    }
    for page in pages.prefix(show) {
        let result = HTMLExtractor().extract(page.text)
        print("=== \(page.metadata["url"]?.stringValue ?? page.id) | title: \(result.title ?? "-") | lang: \(result.lang ?? "-")")
        print(result.text.prefix(1500))
    }
}
