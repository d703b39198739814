// DomainLineCounts: documents per line per domain, repeats inside a document counted once, the
// cap per domain (first-seen lines kept), merging in order, the stored form (round trip, and
// refusal of other formats, versions, truncation), pruning, and the domain of a document.
import QuarryCore
@testable import QuarryFilters
import Testing

@Suite struct DomainLineCountsTests {
    @Test func countsDocumentsPerLineAndCapsEachDomain() {
        var counts = DomainLineCounts(maxLinesPerDomain: 3)
        counts.addDocument(domain: "a", lineHashes: [1, 2, 2, 1])
        counts.addDocument(domain: "a", lineHashes: [2, 3, 4, 5])
        counts.addDocument(domain: "b", lineHashes: [5])
        let a = counts.domains["a"]!
        #expect(a.documents == 2)
        #expect([1, 2, 3, 4, 5].map { a.documents(containing: $0) } == [1, 2, 1, 0, 0])
        #expect(a.hashes == [1, 2, 3])
        #expect(counts.domains["b"]!.documents(containing: 5) == 1)

        var later = DomainLineCounts(maxLinesPerDomain: 3)
        later.addDocument(domain: "a", lineHashes: [9, 3])
        later.addDocument(domain: "c", lineHashes: [7])
        counts.merge(later)
        #expect(counts.domains["a"]!.documents == 3)
        #expect(counts.domains["a"]!.documents(containing: 3) == 2)
        #expect(counts.domains["a"]!.documents(containing: 9) == 0, "the table of a is full")
        #expect(counts.domains["c"]!.documents(containing: 7) == 1)
    }

    @Test func theStoredFormRoundTripsAndRefusesOtherBytes() throws {
        var counts = DomainLineCounts(maxLinesPerDomain: 100)
        for i in 0..<50 { counts.addDocument(domain: "d\(i % 7)", lineHashes: [UInt64(i % 5), UInt64.max - UInt64(i % 3)]) }
        let bytes = counts.encoded()
        #expect(Array(bytes.prefix(4)) == Array("QLNC".utf8))
        #expect(try DomainLineCounts(encoded: bytes) == counts)
        #expect(try DomainLineCounts(encoded: bytes).encoded() == bytes)
        #expect(throws: InputError.self) { try DomainLineCounts(encoded: Array("XLNC".utf8) + bytes.dropFirst(4)) }
        #expect(throws: InputError.self) { try DomainLineCounts(encoded: Array(bytes.dropLast())) }
        #expect(throws: InputError.self) { try DomainLineCounts(encoded: bytes + [0]) }
        var otherVersion = bytes
        otherVersion[4] = 9
        #expect(throws: InputError.self) { try DomainLineCounts(encoded: otherVersion) }
        for cut in stride(from: 0, to: bytes.count, by: 7) { _ = try? DomainLineCounts(encoded: Array(bytes.prefix(cut))) }
    }

    @Test func pruningKeepsWhatTheSecondPassUses() {
        var counts = DomainLineCounts(maxLinesPerDomain: 100)
        for i in 0..<10 { counts.addDocument(domain: "big", lineHashes: [1, UInt64(100 + i)] + (i < 2 ? [2] : [])) }
        counts.addDocument(domain: "small", lineHashes: [1])
        counts.prune(minDocuments: 5, minLineDocuments: 3)
        #expect(Array(counts.domains.keys) == ["big"])
        #expect(counts.domains["big"]!.hashes == [1])
        #expect(counts.domains["big"]!.documents == 10)
    }

    @Test func theDomainIsTheURLsHostElseTheSource() {
        #expect(DomainLineCounts.domain(of: Document(id: "1", text: "", source: "crawl", metadata: ["url": .string("https://User@A.b:80/x")])) == "a.b")
        #expect(DomainLineCounts.domain(of: Document(id: "1", text: "", source: "crawl")) == "source:crawl")
        #expect(DomainLineCounts.domain(of: Document(id: "1", text: "")) == nil)
    }
}
