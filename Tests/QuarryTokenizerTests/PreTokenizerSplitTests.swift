// PreTokenizerSplit recognises exactly the pattern strings it implements.
import Foundation
import Testing
@testable import QuarryTokenizer

@Suite struct PreTokenizerSplitTests {
    @Test func patternsRoundTrip() {
        for split in PreTokenizerSplit.allCases { #expect(PreTokenizerSplit(pattern: split.pattern) == split) }
        #expect(Set(PreTokenizerSplit.allCases.map(\.pattern)).count == PreTokenizerSplit.allCases.count)
        #expect(PreTokenizerSplit(pattern: #"\s+"#) == nil)
        // Qwen2 differs from Llama-3 by single digits only.
        #expect(PreTokenizerSplit.qwen2.pattern == PreTokenizerSplit.llama3.pattern.replacingOccurrences(of: #"\p{N}{1,3}"#, with: #"\p{N}"#))
    }
}
