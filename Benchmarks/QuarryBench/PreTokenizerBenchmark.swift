// Pre-tokenizer scanner speed: MB of UTF-8 text per CPU-second of one thread for each split's
// PieceScanner over the "text" field of JSONL files (the issue-8 target is ≥ 60 MB/s for GPT-2
// and Llama-3 on web text), with the piece count so runs can be compared with the reference
// engines' counts (regex/SPEED.md in the issue-8 prep: 8,551,124 GPT-2 and 7,929,720 Llama-3
// pieces on the 4,814-document web sample).
//
//   quarry-bench pretokenize FILE.jsonl...      (registered in main.swift as
//   case "pretokenize": try benchmarkPreTokenize(arguments: arguments))
import QuarryCore
import QuarryTokenizer

func benchmarkPreTokenize(arguments: [String]) throws {
    let texts = try readDocuments(arguments).map { Array($0.text.utf8) }
    let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
    print("PieceScanner, \(texts.count) documents, \(format(megabytes, 2)) MB, one thread (best of 3)")
    for split in PreTokenizerSplit.allCases {
        let (pieces, seconds) = bestOfThree { scanAll(texts, split) }
        let padded = split.rawValue + String(repeating: " ", count: max(0, 8 - split.rawValue.count))
        print("  \(padded) \(pieces) pieces   \(format(seconds, 3)) s CPU   \(format(megabytes / seconds)) MB/s")
    }
}

/// The number of pieces of every text (the count keeps the work from being optimised away).
func scanAll(_ texts: [[UInt8]], _ split: PreTokenizerSplit) -> Int {
    var pieces = 0
    for text in texts {
        text.withUnsafeBufferPointer { buffer in
            var scanner = PieceScanner(split: split, text: buffer)
            while scanner.next() != nil { pieces += 1 }
        }
    }
    return pieces
}
