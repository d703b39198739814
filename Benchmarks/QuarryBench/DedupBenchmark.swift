// `quarry-bench dedup-signatures FILE.jsonl...`: MinHash signature speed, one thread, CPU time
// (best of 3 rounds). Signatures as minhash_dedup_v1 computes them by default: 112 permutations
// (14 bands × 8 rows), 5-word shingles, every normalization, language from the document's
// `language` metadata or else from its script. Rows, each in MB of text and documents per
// CPU-second:
//   words        word segmentation alone (WordTokenizers; ICU when the text has CJK bytes)
//   shingles     segmentation + normalization + XXH3-64 of each shingle
//   signatures   the whole signature (shingles, sort/unique, permutations)
//   permutations the permutation kernel alone on the precomputed distinct shingle hashes,
//                128-bit multiply (the one MinHasher uses) and the 32-bit-limb variant
//   exact hash   ExactTextHash with exact_dedup_v1's default normalization (whitespace only)
import QuarryCore
@_spi(Benchmark) import QuarryDedup
import QuarryIO
import QuarryText

func benchmarkDedupSignatures(files: [String]) throws {
    let documents = try readDocuments(files)
    let texts = documents.map { Array($0.text.utf8) }
    let languages: [String?] = documents.map { $0.metadata["language"]?.stringValue }
    let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
    let hasher = MinHasher(permutations: 112, seed: 1, ngram: 5, unit: .words, normalization: .all)
    print("dedup-signatures: \(texts.count) documents, \(format(megabytes)) MB of text; one thread, best of 3")

    func report(_ name: String, _ body: () -> Int) {
        let (result, best) = bestOfThree(body)
        let padded = name + String(repeating: " ", count: max(0, 28 - name.count))
        print("\(padded) \(format(best, 3)) s CPU  \(format(megabytes / best)) MB/s  \(format(Double(texts.count) / best, 0)) docs/s  (\(result))")
    }

    report("words") {
        var words: [Range<Int>] = [], total = 0
        for (text, language) in zip(texts, languages) {
            words.removeAll(keepingCapacity: true)
            text.withUnsafeBufferPointer { bytes in
                let code = language ?? (bytes.contains { $0 >= 0xE3 && $0 <= 0xE9 } ? "zh" : "und")
                WordTokenizers.forLanguage(code).appendWords(of: bytes, to: &words)
            }
            total += words.count
        }
        return total
    }
    report("shingles") {
        var hashes: [UInt64] = [], total = 0
        for (text, language) in zip(texts, languages) {
            hashes.removeAll(keepingCapacity: true)
            text.withUnsafeBufferPointer { hasher.shingler.appendHashes(of: $0, language: language, to: &hashes) }
            total += hashes.count
        }
        return total
    }
    var signature = [UInt64](repeating: 0, count: hasher.permutations)
    report("signatures") {
        var total = 0
        for (text, language) in zip(texts, languages) {
            total += text.withUnsafeBufferPointer { bytes in
                signature.withUnsafeMutableBufferPointer { hasher.signature(ofUTF8: bytes, language: language, into: $0) }
            }
        }
        return total
    }

    // The kernel alone, on each document's distinct shingle hashes.
    let sets = documents.map { hasher.shingleHashes(of: $0.text, language: $0.metadata["language"]?.stringValue) }
    let shingles = sets.reduce(0) { $0 + $1.count }
    print("  \(shingles) distinct shingles, \(format(Double(shingles) / Double(texts.count))) per document")
    let a = hasher.multipliers, b = hasher.offsets
    let aLow = a.map { $0 & 0xFFFF_FFFF }, aHigh = a.map { $0 >> 32 }
    for (name, variant) in [("permutations", 0), ("  shingle-outer loop", 1), ("  32-bit limbs", 2)] {
        report(name) {
            var check = 0
            for set in sets where !set.isEmpty {
                set.withUnsafeBufferPointer { h in
                    signature.withUnsafeMutableBufferPointer { out in
                        if variant == 2 {
                            aLow.withUnsafeBufferPointer { a0 in aHigh.withUnsafeBufferPointer { a1 in b.withUnsafeBufferPointer { pb in
                                MinHashKernel.signatureLimbs(h, aLow: a0, aHigh: a1, b: pb, into: out)
                            } } }
                        } else {
                            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
                                if variant == 0 {
                                    MinHashKernel.signature(h, a: pa, b: pb, into: out)
                                } else {
                                    MinHashKernel.signatureShingleOuter(h, a: pa, b: pb, into: out)
                                }
                            } }
                        }
                    }
                }
                check &+= Int(truncatingIfNeeded: signature[0] & 0xFFFF)
            }
            return check
        }
    }
    let exact = ExactTextHash(normalization: DedupNormalization(lowercase: false, whitespace: true, punctuation: false, digits: false))
    report("exact hash (whitespace)") {
        var check: UInt64 = 0
        for text in documents { check ^= exact.hash(text.text).low }
        return Int(truncatingIfNeeded: check & 0xFFFF)
    }
    let full = ExactTextHash(normalization: .all)
    report("exact hash (all)") {
        var check: UInt64 = 0
        for text in documents { check ^= full.hash(text.text).low }
        return Int(truncatingIfNeeded: check & 0xFFFF)
    }
}
