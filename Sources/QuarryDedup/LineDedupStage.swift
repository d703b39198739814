// line_dedup_v1: removes the lines that repeat across the documents of the corpus (boilerplate
// footers, cookie banners, "all rights reserved" notices), as CCNet does (Wenzek et al. 2019,
// "CCNet: Extracting high quality monolingual datasets from web crawl data", §3.1: hash each
// normalized paragraph, i.e. "\n"-separated line, and remove those found elsewhere).
//
// First pass (CorpusPass.swift): each line is normalized (LineHashNormalizer: lower case, digits
// to 0, punctuation and accents gone, whitespace collapsed) and hashed (XXH3-64); the counts
// (LineHashCounts) record per hash how many documents contain the line and which document had
// it first, in a table bounded by `max_memory` (lossy counting when it fills; the stored counts
// keep only the lines that will be removed). Second pass: a line counted in more than
// `max_occurrences` documents is removed, except, with `keep_first`, from the first document
// that has it (CCNet removes every copy: `keep_first: false`). A document that lost lines and
// has fewer than `min_doc_words` words left (or no text at all) is dropped as
// `line_dedup_too_short`; a document that lost nothing is passed on byte for byte.
//
// "The first document" is recognized by its `holder`, XXH3-64 of its text seeded with the
// XXH3-64 of its id: the executor hands `count(_:into:)` documents without their batch, so
// their CorpusKey is not known there. First is the first in corpus order (merges are in order);
// two documents with the same id and the same text are the same to this stage (both keep the
// line: exact_dedup_v1 removes such copies). After a prune, a line's entry may have been made
// again from a later document, which then keeps it: one copy is kept all the same.
//
// Stats: counters `lines_in` (lines hashed), `lines_removed`, `bytes_removed`,
// `changed_documents`; the first batch of the first task also records `count_table_prunes`,
// `count_error_bound` (F of LineHashCounts: lines in up to max_occurrences + F documents may
// have been missed; 0 when counts are exact) and `repeated_lines` (hashes that are removed).
// Histogram `fraction_lines_removed` per document with hashed lines.
import QuarryCore
import QuarryText

/// Removes lines repeated across the corpus, counted in a first pass.
public struct LineDedupStage: CorpusCountingStage {
    public struct Options: StageOptions, Equatable {
        public var maxOccurrences = 1
        public var keepFirst = true
        public var perDocument = true
        public var minLineChars = 10
        public var minDocWords = 5
        public var maxMemory = 1 << 30

        public init() {}

        public static var fields: [OptionField<Options>] {
            [
                .init("max_occurrences", \.maxOccurrences,
                      doc: "k: a line found in more than k documents is removed (1: found in two or more)."),
                .init("keep_first", \.keepFirst,
                      doc: "Keep a removed line in the first document (in input order) that has it; false removes every copy, as CCNet does."),
                .init("per_document", \.perDocument,
                      doc: "Count a line once per document containing it (true), or every occurrence (false). Per document, a line repeated within one page (a list of 'Read more') is not taken for a line repeated across the corpus."),
                .init("min_line_chars", \.minLineChars,
                      doc: "Lines shorter than this, in Unicode scalars after normalization, are never counted or removed: short headings and list numbers ('Introduction', '1.') recur across documents that share no boilerplate."),
                .init("min_doc_words", \.minDocWords,
                      doc: "A document that lost lines is dropped when fewer words are left (whitespace-separated; each Han, Hiragana or Katakana character is a word); one left with no text is always dropped."),
                .init("max_memory", \.maxMemory,
                      doc: "Most bytes each count table of the first pass uses (about 51 bytes per distinct line); a full table forgets its least frequent lines (lossy counting), so only lines in more than max_occurrences + the reported error bound documents are sure to be found."),
            ]
        }

        public func validate() throws {
            if maxOccurrences < 1 { throw ConfigError("max_occurrences must be at least 1, found \(maxOccurrences)") }
            if minLineChars < 0 { throw ConfigError("min_line_chars must be 0 or more, found \(minLineChars)") }
            if minDocWords < 0 { throw ConfigError("min_doc_words must be 0 or more, found \(minDocWords)") }
            if maxMemory < 1024 { throw ConfigError("max_memory must be at least 1024 bytes, found \(maxMemory)") }
        }
    }

    public static let id: StageID = "line_dedup_v1"
    public static let summary = "Removes lines repeated in more than k documents of the corpus (CCNet's paragraph dedup: "
        + "normalized line hashes counted in a first pass), keeping the first copy; drops documents left too short."

    /// Drop reason of a document left too short.
    public static let tooShortReason = "line_dedup_too_short"

    public let options: Options
    /// The first pass's counts, only the lines to remove; nil until prepared (nothing is removed).
    public private(set) var counts: LineHashCounts?

    public init(options: Options) throws {
        try options.validate()
        self.options = options
    }

    /// The identity of a document for `keep_first` (see the header).
    public static func holder(of document: Document) -> UInt64 {
        StableHash.xxh3_64(document.text, seed: StableHash.xxh3_64(document.id, seed: 0))
    }

    // MARK: - First pass

    public func makeCounts() -> LineHashCounts { LineHashCounts(maxMemory: options.maxMemory) }

    public func count(_ documents: [Document], into counts: inout LineHashCounts) {
        var lines: [Range<Int>] = []
        var hashes: [UInt64] = []
        var scratch: [UInt8] = []
        for document in documents {
            counts.countDocument()
            hashes.removeAll(keepingCapacity: true)
            withUTF8Bytes(of: document.text) { b in
                guard let p = b.baseAddress else { return }
                LineDedupText.lines(b, into: &lines)
                for line in lines {
                    if let hash = LineHashNormalizer.lineHash(p, line, minScalars: options.minLineChars, scratch: &scratch) {
                        hashes.append(hash)
                    }
                }
            }
            guard !hashes.isEmpty else { continue }
            if options.perDocument {
                // Once per document; sorted, so the table sees the same sequence of additions
                // whatever order the lines come in.
                hashes.sort()
                var unique = 0
                for i in hashes.indices where i == 0 || hashes[i] != hashes[i - 1] {
                    hashes[unique] = hashes[i]
                    unique += 1
                }
                hashes.removeLast(hashes.count - unique)
            }
            let holder = options.keepFirst ? Self.holder(of: document) : 0
            for hash in hashes { counts.add(hash, holder: holder) }
        }
    }

    public func finished(_ counts: LineHashCounts) -> LineHashCounts { counts.keeping(countAbove: options.maxOccurrences) }

    public func decodeCounts(_ bytes: [UInt8]) throws -> LineHashCounts { try LineHashCounts(encoded: bytes) }

    public func prepared(with counts: LineHashCounts) throws -> LineDedupStage {
        var copy = self
        copy.counts = counts.keeping(countAbove: options.maxOccurrences)
        return copy
    }

    // MARK: - Second pass

    public func process(_ batch: inout DocumentBatch, stats: inout StageStats) throws {
        guard let counts else { return }
        if batch.task == 0 && batch.sequence == 0 {
            stats.count("count_table_prunes", by: Int64(counts.prunes))
            stats.count("count_error_bound", by: Int64(counts.errorBound))
            stats.count("repeated_lines", by: Int64(counts.count))
        }
        var tooShort: [Bool] = []
        tooShort.reserveCapacity(batch.documents.count)
        var work = Work()
        for index in batch.documents.indices {
            tooShort.append(clean(&batch.documents[index], counts: counts, work: &work, stats: &stats))
        }
        var position = 0
        batch.drop { _ in
            defer { position += 1 }
            return tooShort[position] ? Self.tooShortReason : nil
        }
    }

    /// Buffers reused across the documents of a batch.
    struct Work {
        var lines: [Range<Int>] = []
        var removed: [Bool] = []
        var scratch: [UInt8] = []
    }

    /// Removes the repeated lines of one document; true when it is left too short.
    func clean(_ document: inout Document, counts: LineHashCounts, work: inout Work, stats: inout StageStats) -> Bool {
        let holder = options.keepFirst ? Self.holder(of: document) : 0
        var hashed = 0
        var removedLines = 0
        var removedBytes = 0
        var rebuilt: [UInt8]?
        withUTF8Bytes(of: document.text) { b in
            guard let p = b.baseAddress else { return }
            LineDedupText.lines(b, into: &work.lines)
            work.removed.removeAll(keepingCapacity: true)
            for line in work.lines {
                var remove = false
                if let hash = LineHashNormalizer.lineHash(p, line, minScalars: options.minLineChars, scratch: &work.scratch) {
                    hashed += 1
                    if let entry = counts.entry(hash) {
                        remove = !(options.keepFirst && entry.holder == holder)
                    }
                }
                work.removed.append(remove)
                if remove {
                    removedLines += 1
                    removedBytes += line.count
                }
            }
            if removedLines > 0 { rebuilt = LineDedupText.rebuild(b, lines: work.lines, removed: work.removed) }
        }
        stats.count("lines_in", by: Int64(hashed))
        if hashed > 0 {
            stats.observe("fraction_lines_removed", Double(removedLines) / Double(hashed), layout: .linear(0, 1, buckets: 20))
        }
        guard let rebuilt else { return false }
        stats.count("lines_removed", by: Int64(removedLines))
        stats.count("bytes_removed", by: Int64(removedBytes))
        stats.count("changed_documents")
        let words = rebuilt.withUnsafeBufferPointer { LineDedupText.wordCount($0) }
        document.text = String(decoding: rebuilt, as: UTF8.self)
        document.encodedText = nil
        return words == 0 || words < options.minDocWords
    }
}
