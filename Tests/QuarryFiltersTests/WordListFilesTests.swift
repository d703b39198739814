// WordListFiles and the generated BuiltinWordlists: list parsing (stripping, comments, empty
// lines), the byte-level entry scan agreeing with the String one, file errors naming the file,
// and the embedded lists equal to the files they were generated from (run
// scripts/generate-wordlists.py when this fails).
import Foundation
import QuarryCore
@testable import QuarryFilters
import QuarryTestSupport
import Testing

@Suite struct WordListFilesTests {
    static let wordlists = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/QuarryFilters/Wordlists").standardized

    @Test func entriesAreStrippedLinesWithoutCommentsOrBlanks() {
        let text = "# header\n  alpha \n\n\tbeta gamma\r\n#delta\n \u{00A0}x\nlast"
        #expect(WordListFiles.entries(of: text) == ["alpha", "beta gamma", "\u{00A0}x", "last"])
        #expect(WordListFiles.entries(of: "") == [])
    }

    /// The plain twin: split the bytes at line feeds, trim, drop blanks and comments.
    static func naiveEntries(_ text: String) -> [String] {
        let isSpace = { (b: UInt8) in b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        return Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
            guard let first = trimmed.first, first != 0x23 else { return nil }
            return String(decoding: Array(trimmed), as: UTF8.self)
        }
    }

    @Test func entriesAgreeWithPlainTwin() {
        var rng = SplitMix64(seed: 3)
        let pieces = ["a", "b", " ", "\t", "\n", "\r", "\r\n", "#", "é", "中", "\u{301}"]
        for _ in 0..<300 {
            let text = rng.string(from: pieces, count: rng.below(30))
            #expect(WordListFiles.entries(of: text) == Self.naiveEntries(text), "\(text.debugDescription)")
        }
        #expect(WordListFiles.entries(of: "one\r\ntwo\r\n") == ["one", "two"])
    }

    @Test func unreadableFilesAreConfigErrorsNamingThem() throws {
        let dir = TemporaryDirectory()
        let good = try dir.write("list.txt", "one\ntwo\n")
        #expect(try WordListFiles.entries(ofFiles: [good, good], option: "x") == ["one", "two", "one", "two"])
        for path in [dir.file("missing.txt"), dir.path, dir.file("list.txt.gz")] {
            do {
                _ = try WordListFiles.entries(ofFiles: [path], option: "spam_keywords_files")
                Issue.record("\(path) must not be readable as a list")
            } catch let error as ConfigError {
                #expect(error.file == path)
                #expect(error.message.contains("spam_keywords_files"))
            }
        }
    }

    @Test func embeddedListsMatchTheirFiles() throws {
        let ldnoobw = Self.wordlists.appendingPathComponent("ldnoobw")
        let files = try FileManager.default.contentsOfDirectory(atPath: ldnoobw.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 28)
        for file in files {
            let text = try String(contentsOf: ldnoobw.appendingPathComponent(file), encoding: .utf8)
            #expect(BuiltinWordlists.ldnoobw[String(file.dropLast(4))] == text, "\(file)")
        }
        let singles: [(String, String)] = [
            ("datatrove-url/banned_words.txt", BuiltinWordlists.datatroveBannedWords),
            ("datatrove-url/soft_banned_words.txt", BuiltinWordlists.datatroveSoftBannedWords),
            ("datatrove-url/banned_subwords.txt", BuiltinWordlists.datatroveBannedSubwords),
            ("spam/spam.txt", BuiltinWordlists.spamKeywords),
        ]
        for (path, embedded) in singles {
            #expect(try String(contentsOf: Self.wordlists.appendingPathComponent(path), encoding: .utf8) == embedded, "\(path)")
        }
    }
}
