// Line-level clean-up of the chosen content, after the block selection (MainContent.swift):
// short lines a page repeats are placeholders, and short copyright notices are
// page furniture even inside the content container (documentation title pages, article
// footers). Both are the kind of line FineWeb's and C4's line filters remove downstream;
// doing it here keeps the extracted text clean for every later stage.

extension MainContentSelector {
    /// Short paragraphs that come back three times or more in the kept text are placeholders
    /// ("continued after the advertisement", "read more"), not content.
    func dropRepeatedLines(_ page: PageModel, _ keep: inout [Bool]) {
        var seen: [ArraySlice<UInt8>: Int] = [:]
        let candidates = page.blocks.indices.filter { keep[$0] && page.blocks[$0].kind == .paragraph && page.blocks[$0].chars < 80 }
        for i in candidates { seen[page.text[Int(page.blocks[i].text.lowerBound)..<Int(page.blocks[i].text.upperBound)], default: 0] += 1 }
        for i in candidates where seen[page.text[Int(page.blocks[i].text.lowerBound)..<Int(page.blocks[i].text.upperBound)]]! >= 3 {
            keep[i] = false
        }
    }

    /// Short paragraphs (under 200 characters) that open with a copyright mark or say "all
    /// rights reserved": notices, not content. Precision mode only.
    func dropLegalLines(_ page: PageModel, _ keep: inout [Bool]) {
        for (i, block) in page.blocks.enumerated() where keep[i] && block.kind == .paragraph && block.chars < 200 {
            let text = page.text[Int(block.text.lowerBound)..<Int(block.text.upperBound)]
            if Self.isLegalNotice(text) { keep[i] = false }
        }
    }

    /// "© 2024 …", "Copyright © …", "Copyright (c) …", "Copyright 2010 …", or any line holding
    /// "all rights reserved" (ASCII case ignored).
    static func isLegalNotice(_ text: ArraySlice<UInt8>) -> Bool {
        var t = text.drop { $0 == 0x20 }
        if t.starts(with: copyrightSign) { return true }
        if startsIgnoringCase(t, copyright) {
            t = t.dropFirst(copyright.count).drop { $0 == 0x20 }
            if t.starts(with: copyrightSign) || startsIgnoringCase(t, openC) || (t.first.map { $0 &- 0x30 < 10 } ?? false) {
                return true
            }
        }
        var i = text.startIndex
        while i + allRightsReserved.count <= text.endIndex {
            if text[i] | 0x20 == 0x61, startsIgnoringCase(text[i...], allRightsReserved) { return true }
            i += 1
        }
        return false
    }

    private static let copyrightSign: [UInt8] = [0xC2, 0xA9]
    private static let copyright = Array("copyright".utf8), openC = Array("(c)".utf8)
    private static let allRightsReserved = Array("all rights reserved".utf8)

    /// Whether `bytes` starts with the lower-case ASCII `word`, in any case.
    private static func startsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count else { return false }
        return zip(bytes.prefix(word.count), word).allSatisfy { ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) == $1 }
    }
}
