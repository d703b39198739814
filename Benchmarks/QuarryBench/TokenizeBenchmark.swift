// `quarry-bench tokenize TOKENIZER FILE.jsonl... [--threads N]`: byte-level BPE encoding speed.
// One thread: CPU seconds of encoding every text with one TokenEncoder (best of 3 rounds, a
// fresh encoder each round so the word cache starts cold, reading and JSON parsing excluded).
// N threads: wall-clock seconds of the same work split into N interleaved parts, best of 3.
// The ids are summarised as a token count and the SHA-256 of the ids as little-endian uint32,
// so scripts/bench/tokenize_bench.py can check that the peers produced exactly the same ids.
// The last line is JSON for that script.
import Glibc
import QuarryCore
import QuarryTokenizer

func benchmarkTokenize(arguments: [String]) throws {
    var arguments = arguments
    var threads = 1
    if let i = arguments.firstIndex(of: "--threads") {
        threads = max(1, Int(arguments[i + 1]) ?? 1)
        arguments.removeSubrange(i...(i + 1))
    }
    guard arguments.count >= 2 else {
        print("usage: quarry-bench tokenize TOKENIZER FILE.jsonl... [--threads N]")
        return
    }
    let tokenizer = try Tokenizer.load(path: arguments[0])
    let texts = try readDocuments(Array(arguments.dropFirst())).map { Array($0.text.utf8) }
    let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
    print("tokenize: \(texts.count) documents, \(format(megabytes)) MB of text, \(tokenizer.idCount) ids")

    // Digest of the ids of every text, in order.
    var digest = SHA256(), tokens = 0
    var encoder = tokenizer.makeEncoder()
    var ids: [TokenID] = []
    for text in texts {
        ids.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
        tokens += ids.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids { withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) } }
        digest.update(bytes)
    }
    let sha = digest.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()

    let (_, oneThread) = bestOfThree {
        var encoder = tokenizer.makeEncoder()
        var ids: [TokenID] = [], count = 0
        for text in texts {
            ids.removeAll(keepingCapacity: true)
            text.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
            count += ids.count
        }
        return count
    }
    print("encode, 1 thread          \(format(oneThread, 3)) s CPU   \(format(megabytes / oneThread)) MB/s")

    var wall = Double.infinity
    for _ in 0..<3 {
        let start = wallSeconds()
        encodeInParallel(tokenizer: tokenizer, texts: texts, threads: threads)
        wall = min(wall, wallSeconds() - start)
    }
    print("encode, \(threads) threads         \(format(wall, 3)) s wall  \(format(megabytes / wall)) MB/s")
    print("{\"documents\": \(texts.count), \"megabytes\": \(megabytes), \"tokens\": \(tokens), \"sha256\": \"\(sha)\", "
          + "\"cpu_seconds_1\": \(oneThread), \"wall_seconds_n\": \(wall), \"threads\": \(threads)}")
}

private func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Encodes text i on thread i % threads, one encoder per thread.
private func encodeInParallel(tokenizer: Tokenizer, texts: [[UInt8]], threads: Int) {
    final class Work: @unchecked Sendable {
        let tokenizer: Tokenizer, texts: [[UInt8]], threads: Int
        init(_ tokenizer: Tokenizer, _ texts: [[UInt8]], _ threads: Int) { self.tokenizer = tokenizer; self.texts = texts; self.threads = threads }
    }
    let work = Work(tokenizer, texts, threads)
    var handles: [pthread_t] = []
    for part in 0..<threads {
        let context = Unmanaged.passRetained(Box((work, part))).toOpaque()
        var handle = pthread_t()
        pthread_create(&handle, nil, { raw in
            let box = Unmanaged<Box<(AnyObject, Int)>>.fromOpaque(raw!).takeRetainedValue()
            let work = box.value.0 as! Work
            var encoder = work.tokenizer.makeEncoder()
            var ids: [TokenID] = []
            var i = box.value.1
            while i < work.texts.count {
                ids.removeAll(keepingCapacity: true)
                work.texts[i].withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
                i += work.threads
            }
            return nil
        }, context)
        handles.append(handle)
    }
    for handle in handles { pthread_join(handle, nil) }
}

private final class Box<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
