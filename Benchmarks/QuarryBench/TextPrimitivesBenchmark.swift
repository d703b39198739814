// `quarry-bench text-primitives LOCALE=FILE.jsonl ...`: speed of two QuarryText primitives.
//
// 1. ICUWordTokenizer words and sentences on the `text` of each JSONL document, per locale:
//    MB of UTF-8 text per CPU-second of one thread, then the same work on T threads at once
//    (each thread segments every document; per-thread CPU time, so the figure is per core and
//    shows what the per-thread iterator caches cost or save under contention), and the cost of a
//    call on a tiny text (the per-call overhead: iterator lookup, UText setup, callback).
// 2. StableHash: GB/s of XXH64, XXH3-64 and XXH3-128 on a 1 MiB buffer, and ns per hash of
//    short inputs (8, 16, 64, 200 bytes: the sizes of words, n-grams and lines).
//
// Documents by language come from scripts/bench/text_by_language.py (the extracted web sample
// joined with the corpus's `lang_hint`). Timing uses the CPU time of the measuring thread.
import Foundation
import QuarryText

private func primitivesThreadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func primitivesTimed<T>(_ body: () -> T) -> (T, Double) {
    let start = primitivesThreadSeconds()
    let result = body()
    return (result, primitivesThreadSeconds() - start)
}

private func primitivesRounded(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

private func primitivesLoadTexts(_ path: String) throws -> [[UInt8]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.split(separator: 0x0A).compactMap { line in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let text = object["text"] as? String else { return nil }
        return Array(text.utf8)
    }
}

/// Words and sentences of every text, `rounds` times; returns (words, sentences).
private func primitivesSegmentAll(_ texts: [[UInt8]], _ tokenizer: ICUWordTokenizer, rounds: Int) -> (Int, Int) {
    var words: [Range<Int>] = [], sentences: [Range<Int>] = []
    var totals = (0, 0)
    for _ in 0..<rounds {
        for text in texts {
            words.removeAll(keepingCapacity: true)
            sentences.removeAll(keepingCapacity: true)
            text.withUnsafeBufferPointer {
                tokenizer.appendWords(of: $0, to: &words)
                tokenizer.appendSentences(of: $0, to: &sentences)
            }
            totals.0 += words.count
            totals.1 += sentences.count
        }
    }
    return totals
}

func benchmarkTextPrimitives(arguments: [String], threads: Int = 2) throws {
    print("ICUWordTokenizer, MB of text per CPU-second of one thread (best of 3)")
    for argument in arguments {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { print("expected LOCALE=FILE.jsonl, got \(argument)"); continue }
        let texts = try primitivesLoadTexts(parts[1])
        let tokenizer = ICUWordTokenizer(locale: parts[0])
        let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
        let rounds = max(1, Int(8 / max(megabytes, 0.01)))
        _ = primitivesSegmentAll(Array(texts.prefix(5)), tokenizer, rounds: 1)  // opens this thread's iterators
        var counts = (0, 0)
        let seconds = primitivesBest(of: 3) { let (c, s) = primitivesTimed { primitivesSegmentAll(texts, tokenizer, rounds: rounds) }; counts = c; return s }
        var ranges: [Range<Int>] = []
        func only(_ words: Bool) -> Double {
            primitivesBest(of: 3) {
                primitivesTimed {
                    for _ in 0..<rounds {
                        for text in texts {
                            ranges.removeAll(keepingCapacity: true)
                            text.withUnsafeBufferPointer {
                                if words { tokenizer.appendWords(of: $0, to: &ranges) } else { tokenizer.appendSentences(of: $0, to: &ranges) }
                            }
                        }
                    }
                }.1
            }
        }
        let wordSeconds = only(true), sentenceSeconds = only(false)
        let total = megabytes * Double(rounds)
        print("  \(parts[0]): \(texts.count) docs, \(primitivesRounded(megabytes, 2)) MB x \(rounds): "
              + "\(counts.0 / rounds) words, \(counts.1 / rounds) sentences; words \(primitivesRounded(total / wordSeconds)) MB/s, "
              + "sentences \(primitivesRounded(total / sentenceSeconds)) MB/s, both \(primitivesRounded(total / seconds)) MB/s")

        // The same work on `threads` threads at once: per-core MB/s from each thread's CPU time.
        let shared = texts
        let perThread = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
        defer { perThread.deallocate() }
        nonisolated(unsafe) let results = perThread
        let wallStart = Date()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let (_, s) = primitivesTimed { primitivesSegmentAll(shared, ICUWordTokenizer(locale: parts[0]), rounds: rounds) }
            results[t] = s
        }
        let wall = Date().timeIntervalSince(wallStart)
        let perCore = perThread.map { megabytes * Double(rounds) / $0 }
        print("    \(threads) threads: per core " + perCore.map { primitivesRounded($0) }.joined(separator: ", ")
              + " MB/s; together \(primitivesRounded(megabytes * Double(rounds * threads) / wall)) MB/s wall")
    }

    // Per-call overhead: a tiny text, many calls.
    let tiny = Array("Hello, world.".utf8)
    let tokenizer = ICUWordTokenizer(locale: "en")
    var ranges: [Range<Int>] = []
    let calls = 200_000
    let (_, tinySeconds) = primitivesTimed {
        tiny.withUnsafeBufferPointer { text in
            for _ in 0..<calls {
                ranges.removeAll(keepingCapacity: true)
                tokenizer.appendWords(of: text, to: &ranges)
            }
        }
    }
    print("  per call on a 13-byte text: \(primitivesRounded(tinySeconds / Double(calls) * 1e9, 0)) ns (words)")

    print("StableHash (best of 3)")
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var gen: UInt64 = 2_654_435_761
    for i in buffer.indices { buffer[i] = UInt8(gen >> 56); gen &*= 11_400_714_785_074_694_797 }
    buffer.withUnsafeBufferPointer { bytes in
        var sink: UInt64 = 0
        for kind in PrimitivesHashKind.allCases {
            var line = "  \(kind): "
            let long = primitivesBest(of: 3) { primitivesTimed { for _ in 0..<1000 { sink ^= kind.hash(bytes) } }.1 }
            line += "\(primitivesRounded(1000 * Double(bytes.count) / long / 1e9, 2)) GB/s on 1 MiB"
            for size in [8, 16, 64, 200] {
                let count = 5_000_000
                let seconds = primitivesBest(of: 3) {
                    primitivesTimed {
                        for i in 0..<count {
                            let start = (i &* 64) & (bytes.count - 256)
                            sink ^= kind.hash(UnsafeBufferPointer(start: bytes.baseAddress! + start, count: size))
                        }
                    }.1
                }
                line += "; \(size) B: \(primitivesRounded(seconds / Double(count) * 1e9)) ns"
            }
            print(line)
        }
        if sink == 42 { print("") }  // keeps the hashes from being optimized away
    }
}

private enum PrimitivesHashKind: CaseIterable, CustomStringConvertible {
    case xxh64, xxh3_64, xxh3_128

    var description: String {
        switch self {
        case .xxh64: "xxh64"
        case .xxh3_64: "xxh3_64"
        case .xxh3_128: "xxh3_128"
        }
    }

    @inline(__always) func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        switch self {
        case .xxh64: StableHash.xxh64(bytes, seed: 1)
        case .xxh3_64: StableHash.xxh3_64(bytes, seed: 1)
        case .xxh3_128: StableHash.xxh3_128(bytes, seed: 1).low
        }
    }
}

private func primitivesBest(of n: Int, _ body: () -> Double) -> Double {
    (0..<n).map { _ in body() }.min()!
}
