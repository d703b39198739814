// `quarry-bench classify MODEL|builtin FILE.jsonl...`: fastText prediction speed, one thread, CPU
// time (best of 3 rounds), in documents per CPU-second: the top label of every text with the
// given model (a .bin/.ftz file, or `builtin` for Quarry's language-ID model), and for a
// language-ID model the whole of language_id_v1's work (script counts, `und` rule, label
// mapping). The last line is JSON for scripts/bench/classify_bench.py.
import QuarryClassify
import QuarryCore

func benchmarkClassify(arguments: [String]) throws {
    guard arguments.count >= 2 else {
        print("usage: quarry-bench classify MODEL|builtin FILE.jsonl...")
        return
    }
    let path = arguments[0]
    let model = path == "builtin" ? try BuiltinLanguageModel.model() : try FastTextModelReader.read(path: path)
    let texts = try readDocuments(Array(arguments.dropFirst())).map { Array($0.text.utf8) }
    let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
    print("classify: \(texts.count) documents, \(format(megabytes)) MB of text, model \(path) "
          + "(\(model.dictionary.nlabels) labels, dim \(model.args.dim), \(model.args.loss.name)\(model.isQuantized ? ", quantized" : ""))")

    let predictor = FastTextPredictor(model: model)
    let (found, predictSeconds) = bestOfThree {
        var scratch = FastTextScratch(), count = 0
        for text in texts where text.withUnsafeBufferPointer({ predictor.predictTop($0, scratch: &scratch) }) != nil { count += 1 }
        return count
    }
    print("predict top label        \(format(predictSeconds, 3)) s CPU  \(format(Double(texts.count) / predictSeconds)) docs/s  "
          + "\(format(megabytes / predictSeconds)) MB/s  (\(found) predicted)")
    var identifySeconds = 0.0
    if path == "builtin" || model.labels.contains("en") {
        let identifier = LanguageIdentifier(model: model)
        let (undetermined, seconds) = bestOfThree {
            var scratch = FastTextScratch(), count = 0
            for text in texts where text.withUnsafeBufferPointer({ identifier.identify($0, scratch: &scratch) }).language == "und" { count += 1 }
            return count
        }
        identifySeconds = seconds
        print("language_id_v1 (all)     \(format(seconds, 3)) s CPU  \(format(Double(texts.count) / seconds)) docs/s  "
              + "\(format(megabytes / seconds)) MB/s  (\(undetermined) und)")
    }
    print("{\"documents\": \(texts.count), \"megabytes\": \(megabytes), \"predict_cpu_seconds\": \(predictSeconds), "
          + "\"identify_cpu_seconds\": \(identifySeconds)}")
}
