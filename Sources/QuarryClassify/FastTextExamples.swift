// A supervised training set held in memory for FastTextTrainer: every text's UTF-8 bytes in
// one flat buffer with end offsets, and every example's labels as ids into a table of interned
// label names (bare names such as `en` or `finance`; the model adds fastText's `__label__`
// prefix). An example may have several labels (fastText's multi-label lines); softmax, hs and
// ns training draw one of them per visit, ova trains on all of them (`FastText::supervised` in
// facebookresearch/fastText src/fasttext.cc @1142dc4).

/// Texts with their labels, as a fastText training file holds them, without the file.
public struct FastTextExamples: Sendable {
    /// All texts, back to back.
    public private(set) var bytes: [UInt8] = []
    /// Text `i` is `bytes[textEnds[i - 1] ..< textEnds[i]]` (0 for i = 0).
    public private(set) var textEnds: [Int] = []
    /// Interned label names, bare (no `__label__`), in order of first appearance.
    public private(set) var labelNames: [String] = []
    /// Labels of example `i` are `labelIds[labelEnds[i - 1] ..< labelEnds[i]]`.
    public private(set) var labelIds: [Int32] = []
    public private(set) var labelEnds: [Int] = []
    private var labelIndex: [String: Int32] = [:]

    public init() {}

    public var count: Int { textEnds.count }
    public var isEmpty: Bool { textEnds.isEmpty }

    /// Adds one example. `labels` are bare names; a name given with the `__label__` prefix has
    /// it removed, so both spellings mean the same label. Repeated labels are kept once.
    public mutating func append(text: UnsafeBufferPointer<UInt8>, labels: [String]) {
        bytes.append(contentsOf: text)
        textEnds.append(bytes.count)
        let start = labelIds.count
        for name in labels {
            let id = intern(Self.bareLabel(name))
            if !labelIds[start...].contains(id) { labelIds.append(id) }
        }
        labelEnds.append(labelIds.count)
    }

    public mutating func append(text: String, labels: [String]) {
        var text = text
        text.withUTF8 { append(text: $0, labels: labels) }
    }

    /// Adds one line of a fastText training file: every token starting with `__label__` is a
    /// label (wherever it stands, as `Dictionary::getLine` reads it), the other tokens are the
    /// text, joined by single spaces (every separator byte splits tokens the same way).
    public mutating func append(fastTextLine line: UnsafeBufferPointer<UInt8>) {
        var labels: [String] = []
        var text: [UInt8] = []
        var i = 0
        while i < line.count {
            if FastTextDictionary.isSeparator(line[i]) { i += 1; continue }
            let start = i
            while i < line.count && !FastTextDictionary.isSeparator(line[i]) { i += 1 }
            let token = UnsafeBufferPointer(rebasing: line[start..<i])
            if token.starts(with: FastTextDictionary.labelPrefix) {
                labels.append(String(decoding: token, as: UTF8.self))
            } else {
                if !text.isEmpty { text.append(0x20) }
                text.append(contentsOf: token)
            }
        }
        text.withUnsafeBufferPointer { append(text: $0, labels: labels) }
    }

    public mutating func append(fastTextLine line: String) {
        var line = line
        line.withUTF8 { append(fastTextLine: $0) }
    }

    /// The byte range of text `i` in `bytes`.
    @inline(__always)
    public func textRange(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : textEnds[i - 1]) ..< textEnds[i]
    }

    /// The range of example `i`'s labels in `labelIds`.
    @inline(__always)
    public func labelRange(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : labelEnds[i - 1]) ..< labelEnds[i]
    }

    /// Text `i` as a string (for tests and messages; training reads `bytes`).
    public func text(_ i: Int) -> String {
        String(decoding: bytes[textRange(i)], as: UTF8.self)
    }

    /// The bare label names of example `i`.
    public func labels(_ i: Int) -> [String] {
        labelIds[labelRange(i)].map { labelNames[Int($0)] }
    }

    private mutating func intern(_ name: String) -> Int32 {
        if let id = labelIndex[name] { return id }
        let id = Int32(labelNames.count)
        labelNames.append(name)
        labelIndex[name] = id
        return id
    }

    static func bareLabel(_ name: String) -> String {
        name.hasPrefix("__label__") ? String(name.dropFirst(9)) : name
    }
}
