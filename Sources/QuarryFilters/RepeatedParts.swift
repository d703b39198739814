// The measurements behind the repetition rules (Gopher's, and FineWeb's duplicate-line ratio):
// counting parts (paragraphs and lines, split by QuarryText.Paragraphs as datatrove splits them)
// that repeat an earlier part, and the two n-gram measures of datatrove 0.10.1
// gopher_repetition_filter.py (`find_top_duplicate`, `find_all_duplicate`). Parts are compared by XXH3-64, n-grams by QuarryText.NGramHasher,
// counted in QuarryText's open-addressing tables.
import QuarryText

enum RepeatedParts {
    /// datatrove's `find_duplicates`: how many parts repeat an earlier part, and their total
    /// length in characters.
    static func duplicates(_ p: UnsafePointer<UInt8>, _ parts: [Range<Int>]) -> (count: Int, characters: Int) {
        var seen = HashSet64(capacity: parts.count)
        var count = 0, characters = 0
        for part in parts where !seen.insert(StableHash.xxh3_64(UnsafeBufferPointer(start: p + part.lowerBound, count: part.count))) {
            count += 1
            characters += PythonText.length(p, part)
        }
        return (count, characters)
    }

    /// datatrove's `find_top_duplicate`: characters (joining spaces included) of the most
    /// frequent n-gram times its count; among equally frequent n-grams, the first seen.
    static func topNGramCharacters(_ grams: inout NGramHasher, n: Int, table counts: inout HashCounter64) -> Int {
        let positions = grams.count - n + 1
        guard positions > 0 else { return 0 }
        counts.reset(capacity: positions)
        var best = (count: Int32(0), first: Int32(0))
        for i in 0..<positions {
            let entry = counts.add(grams.spacedHash(i, n), at: i)
            if entry.count > best.count || (entry.count == best.count && entry.first < best.first) { best = entry }
        }
        let first = Int(best.first)
        return (grams.characters(first, n) + n - 1) * Int(best.count)
    }

    /// datatrove's `find_all_duplicate`: scanning n-grams (words joined without separator)
    /// left to right, the characters of each one already seen; after a repeat the scan jumps
    /// past it, and the n-grams it jumps over are not remembered.
    static func duplicateNGramCharacters(_ grams: inout NGramHasher, n: Int, table seen: inout HashSet64) -> Int {
        let positions = grams.count - n + 1
        guard positions > 0 else { return 0 }
        seen.reset(capacity: positions)
        var repeated = 0
        var i = 0
        while i < positions {
            if seen.insert(grams.joinedHash(i, n)) {
                i += 1
            } else {
                repeated += grams.characters(i, n)
                i += n
            }
        }
        return repeated
    }
}
