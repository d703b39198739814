// text_v1: plain text files (.txt, and .txt.gz / .zst / .bz2), decoded to UTF-8 whatever
// their charset (BOM, else UTF-8 when the bytes are, else a guess among the legacy charsets:
// Charsets.decodeText). `split` makes one document per file (default), per paragraph (runs of
// non-blank lines; blank lines separate them), or per non-blank line. The whole file is
// decoded at once, so the charset is guessed from all of it, and is capped by max_file_bytes.
// Document id: the file's path relative to the common directory of the inputs, plus
// "#L<n>" (the 1-based number of the document's first line) for paragraphs and lines.
// Metadata: `charset`, `source_path` (the path as given), and `line` for paragraphs and lines.
// Drops: `empty_file` (no text at all). Issues: `record_too_large`, and the decompressor's.
import QuarryCore
import QuarryText

/// Reads text files as documents.
public struct TextFilesReader: DocumentReader {
    public enum Split: String, OptionEnum, Sendable {
        case file, paragraph, line
    }

    public struct Options: StageOptions {
        public var split = Split.file
        public var maxFileBytes = 64 << 20
        public var defaultSource: String?

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("split", \.split, doc: "One document per file, per paragraph (blank lines separate), or per non-blank line."),
                .init("max_file_bytes", \.maxFileBytes,
                      doc: "Longest file read, in bytes (after decompression); longer files are set aside as record_too_large."),
                .init("default_source", \.defaultSource, doc: "The documents' `source`."),
            ]
        }

        public func validate() throws {
            guard maxFileBytes > 0, maxFileBytes <= 1 << 40 else { throw ConfigError("max_file_bytes must be between 1 and 1 TiB (1099511627776)") }
        }
    }

    public static let id: StageID = "text_v1"
    public static let summary = "Reads text files (.txt, .txt.gz, .txt.zst, .txt.bz2) in any charset: a document per file, paragraph or line."
    public static let fileExtensions = [".txt", ".txt.gz", ".txt.zst", ".txt.bz2"]

    public let options: Options

    public init(options: Options) throws {
        self.options = options
    }

    public func openScanner(_ split: InputSplit) throws -> any RecordScanner {
        WholeFileScanner(split: split, maxBytes: options.maxFileBytes)
    }

    public func decode(_ raw: RawRecordBatch, stats: inout StageStats, issues: inout [InputIssue]) -> [Document] {
        var documents: [Document] = []
        raw.bytes.withUnsafeBufferPointer { bytes in
            for record in raw.records {
                let decoded = Charsets.decodeText(UnsafeBufferPointer(rebasing: bytes[record.range]))
                if decoded.replacements > 0 {
                    stats.count("charset_replacement_documents")
                    stats.count("charset_replacements", by: Int64(decoded.replacements))
                }
                let before = documents.count
                let metadata: JSONObject = ["charset": .string(decoded.charset), "source_path": .string(raw.file)]
                if options.split == .file {
                    if Self.hasText(decoded.text.utf8[...]) {
                        documents.append(Document(id: raw.name, text: decoded.text, source: options.defaultSource, metadata: metadata))
                    }
                } else {
                    for piece in Self.pieces(of: decoded.text, paragraphs: options.split == .paragraph) {
                        var pieceMetadata = metadata
                        pieceMetadata["line"] = .int(piece.line)
                        documents.append(Document(id: "\(raw.name)#L\(piece.line)", text: piece.text, source: options.defaultSource,
                                                  metadata: pieceMetadata))
                    }
                }
                if documents.count == before { stats.drop(reason: "empty_file") }
            }
        }
        return documents
    }

    /// The paragraphs (runs of non-blank lines) or non-blank lines of `text`, each with the
    /// number of its first line. Line ends (LF or CRLF) inside a paragraph are kept; the last
    /// one is not.
    static func pieces(of text: String, paragraphs: Bool) -> [(line: Int, text: String)] {
        let utf8 = text.utf8
        var out: [(line: Int, text: String)] = []
        var lineNumber = 0
        var pieceStart: String.Index?
        var pieceLine = 0
        var pieceEnd = utf8.startIndex
        func flush() {
            if let start = pieceStart {
                out.append((pieceLine, String(Substring(utf8[start..<pieceEnd]))))
                pieceStart = nil
            }
        }
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            lineNumber += 1
            let newline = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var lineEnd = newline
            if lineEnd > lineStart, utf8[utf8.index(before: lineEnd)] == 0x0D { lineEnd = utf8.index(before: lineEnd) }
            if hasText(utf8[lineStart..<lineEnd]) {
                if pieceStart == nil {
                    pieceStart = lineStart
                    pieceLine = lineNumber
                }
                pieceEnd = lineEnd
                if !paragraphs { flush() }
            } else {
                flush()
            }
            lineStart = newline < utf8.endIndex ? utf8.index(after: newline) : utf8.endIndex
        }
        flush()
        return out
    }

    /// Whether the bytes hold anything but spaces, tabs and line ends.
    static func hasText(_ bytes: Substring.UTF8View) -> Bool {
        bytes.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
    }
}
