// html_files_v1: one document per HTML file (.html, .htm, .xhtml, and their .gz), for saved
// pages and site mirrors. The text is the page decoded to UTF-8 (the HTML itself: main-text
// extraction is html_extract_v1), its charset found as a browser would without an HTTP header
// (BOM, <meta charset> / http-equiv, then a guess from the bytes: Charsets.decodeHTML).
// Document id: the file's path relative to the common directory of the inputs
// ("site/about.html"). Metadata: `charset`, `source_path` (the path as given).
// Drops: `empty_file`. Issues: `record_too_large` (longer than max_file_bytes), and the
// decompressor's for damaged .gz files.
import QuarryCore
import QuarryText

/// Reads HTML files, one document each.
public struct HTMLFilesReader: DocumentReader {
    public struct Options: StageOptions {
        public var maxFileBytes = 16 << 20
        public var defaultSource: String?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("max_file_bytes", \.maxFileBytes,
                      doc: "Longest file read, in bytes (after decompression); longer files are set aside as record_too_large."),
                .init("default_source", \.defaultSource, doc: "The documents' `source`."),
            ]
        }

        public func validate() throws {
            guard maxFileBytes > 0, maxFileBytes <= 1 << 40 else { throw ConfigError("max_file_bytes must be between 1 and 1 TiB (1099511627776)") }
        }
    }

    public static let id: StageID = "html_files_v1"
    public static let summary = "Reads HTML files (.html, .htm, .xhtml, and .gz of them), one document per file, decoded to UTF-8."
    public static let fileExtensions = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz"]

    public let options: Options

    public init(options: Options) throws {
        self.options = options
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        WholeFileScanner(split: split, maxBytes: options.maxFileBytes)
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        raw.bytes.withUnsafeBufferPointer { bytes in
            raw.records.compactMap { record in
                let file = UnsafeBufferPointer(rebasing: bytes[record.range])
                guard file.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
                    stats.drop(reason: "empty_file")
                    return nil
                }
                let decoded = Charsets.decodeHTML(file, httpCharset: nil)
                if decoded.replacements > 0 {
                    stats.count("charset_replacement_documents")
                    stats.count("charset_replacements", by: Int64(decoded.replacements))
                }
                return Document(id: raw.name, text: decoded.text, source: options.defaultSource,
                                metadata: ["charset": .string(decoded.charset), "source_path": .string(raw.file)])
            }
        }
    }
}
