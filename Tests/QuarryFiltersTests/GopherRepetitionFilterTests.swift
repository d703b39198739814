// gopher_repetition_v1 beyond the datatrove examples: each rule alone (the others switched off),
// the n-gram measures against naive string versions of datatrove's functions, options.
import QuarryCore
import QuarryFilters
import QuarryTestSupport
import Testing

func repetition(_ configure: (inout GopherRepetitionFilter.Options) -> Void) throws -> GopherRepetitionFilter {
    var options = GopherRepetitionFilter.Options()
    configure(&options)
    return try GopherRepetitionFilter(options: options)
}

/// Only the rules named in `keep` are on.
func onlyRule(_ configure: @escaping (inout GopherRepetitionFilter.Options) -> Void) throws -> GopherRepetitionFilter {
    try repetition { o in
        o.dupLineFrac = nil; o.dupParaFrac = nil; o.dupLineCharFrac = nil; o.dupParaCharFrac = nil
        o.topNGrams = NGramThresholds([]); o.dupNGrams = NGramThresholds([])
        configure(&o)
    }
}

@Test func eachRuleAloneHasItsReason() throws {
    let para = "A paragraph about the town and the river that runs through it."
    let doc = Document(id: "d", text: [para, para, "Something else entirely, written once.", para].joined(separator: "\n\n"))
    #expect(try onlyRule { $0.dupParaFrac = 0.3 }.decide(doc) == .drop(reason: "dup_para_frac"))
    #expect(try onlyRule { $0.dupParaCharFrac = 0.2 }.decide(doc) == .drop(reason: "dup_para_char_frac"))
    #expect(try onlyRule { $0.dupLineFrac = 0.3 }.decide(doc) == .drop(reason: "dup_line_frac"))
    #expect(try onlyRule { $0.dupLineCharFrac = 0.2 }.decide(doc) == .drop(reason: "dup_line_char_frac"))
    let grams = Document(id: "g", text: (0..<30).map { "alpha beta gamma delta epsilon zeta eta theta iota kappa w\($0)" }.joined(separator: " "))
    for n in 5...10 {
        #expect(try onlyRule { $0.dupNGrams = NGramThresholds([(n, 0.1)]) }.decide(grams) == .drop(reason: "duplicated_\(n)_n_grams"))
    }
    #expect(try onlyRule { $0.topNGrams = NGramThresholds([(4, 0.16)]) }.decide(grams) == .drop(reason: "top_4_gram"))
    #expect(try onlyRule { _ in }.decide(grams) == .keep)
}

/// datatrove's `find_top_duplicate` and `find_all_duplicate`, on strings, for comparison.
func naiveTop(_ words: [String], _ n: Int) -> Int {
    guard words.count >= n else { return 0 }
    var counts: [String: Int] = [:]
    var order: [String] = []
    for i in 0...(words.count - n) {
        let gram = words[i..<i + n].joined(separator: " ")
        if counts[gram] == nil { order.append(gram) }
        counts[gram, default: 0] += 1
    }
    let most = counts.values.max()!
    let top = order.first { counts[$0]! == most }!  // ties: the first seen, as Counter.most_common
    return top.unicodeScalars.count * counts[top]!
}

func naiveAllDuplicate(_ words: [String], _ n: Int) -> Int {
    var seen = Set<String>()
    var repeated = 0, i = 0
    while i < words.count - n + 1 {
        let gram = words[i..<i + n].joined()
        if seen.contains(gram) { repeated += gram.unicodeScalars.count; i += n } else { seen.insert(gram); i += 1 }
    }
    return repeated
}

@Test func nGramMeasuresMatchNaiveVersions() throws {
    var random = SplitMix64(seed: 7)
    let vocabulary = ["a", "ab", "b", "ba", "ü", "über", "x", "xy", "y", "yx", "é"]
    for _ in 0..<200 {
        let words = (0..<(random.below(40) + 1)).map { _ in vocabulary[random.below(vocabulary.count)] }
        let text = words.joined(separator: " ")
        let length = Double(text.unicodeScalars.count)
        for n in 2...6 {
            // The filter drops exactly when the naive fraction exceeds the threshold.
            let top = Double(naiveTop(words, n)) / length
            let all = Double(naiveAllDuplicate(words, n)) / length
            for threshold in [0.05, 0.2, 0.5] {
                let topFilter = try onlyRule { $0.topNGrams = NGramThresholds([(n, threshold)]) }
                #expect((topFilter.decide(Document(id: "r", text: text)) != .keep) == (top > threshold), "\(text) top \(n)")
                let dupFilter = try onlyRule { $0.dupNGrams = NGramThresholds([(n, threshold)]) }
                #expect((dupFilter.decide(Document(id: "r", text: text)) != .keep) == (all > threshold), "\(text) dup \(n)")
            }
        }
    }
}

@Test func nGramThresholdsReadFromConfig() throws {
    let value = try NGramThresholds(config: .mapping([("2", .scalar("0.25")), ("3", .scalar("0.2"))]))
    #expect(value == NGramThresholds([(2, 0.25), (3, 0.2)]))
    #expect(throws: ConfigError.self) { try NGramThresholds(config: .mapping([("two", .scalar("0.2"))])) }
    #expect(throws: ConfigError.self) { try repetition { $0.dupLineFrac = 2 } }
}

@Test func emptyTextIsDropped() throws {
    #expect(try repetition { _ in }.decide(Document(id: "e", text: "")) == .drop(reason: "empty"))
}
