// Character classes for DedupNormalization: whether a scalar is whitespace (Python's
// `str.isspace`), punctuation (datatrove's PUNCTUATION_SET), a decimal digit (\p{Nd}) or has a
// lower case (Python's `str.lower()`), and its lower case. One byte of flags per scalar of the
// Basic Multilingual Plane (64 KiB, built once from the tables); scalars above it are looked up
// by binary search, as they are rare in text.
import QuarryText

extension DedupNormalization {
    static let spaceClass: UInt8 = 1
    static let punctuationClass: UInt8 = 2
    static let digitClass: UInt8 = 4
    static let lowerClass: UInt8 = 8

    /// The class flags of `s`.
    @inline(__always)
    static func scalarClass(_ s: UInt32) -> UInt8 {
        if s < 0x10000 { return bmpClasses.withUnsafeBufferPointer { $0[Int(s)] } }
        return supplementaryClass(s)
    }

    /// Flags of U+0000…U+FFFF.
    static let bmpClasses: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for s in 0..<UInt32(0x10000) {
            if PythonText.isSpace(s) { table[Int(s)] |= spaceClass }
            if PunctuationClasses.isPunctuation(s) { table[Int(s)] |= punctuationClass }
        }
        var k = 0
        while k < digitRangeBounds.count {
            let (first, last) = (digitRangeBounds[k], digitRangeBounds[k + 1])
            k += 2
            guard first < 0x10000 else { break }
            for s in first...last { table[Int(s)] |= digitClass }
        }
        for s in PythonLowercaseTables.sources where s < 0x10000 { table[Int(s)] |= lowerClass }
        table[0x130] |= lowerClass
        return table
    }()

    static func supplementaryClass(_ s: UInt32) -> UInt8 {
        var c: UInt8 = 0
        if PunctuationClasses.isPunctuation(s) { c |= punctuationClass }
        if isDigitAbovePlane0(s) { c |= digitClass }
        if search(PythonLowercaseTables.sources, s) != nil { c |= lowerClass }
        return c
    }

    static func isDigitAbovePlane0(_ s: UInt32) -> Bool {
        // First range whose last is ≥ s.
        var low = 0, high = digitRangeBounds.count / 2
        while low < high {
            let mid = (low + high) >> 1
            if digitRangeBounds[2 * mid + 1] < s { low = mid + 1 } else { high = mid }
        }
        return low < digitRangeBounds.count / 2 && digitRangeBounds[2 * low] <= s
    }

    /// The single scalar `str.lower()` maps `s` to (`s` itself when there is none).
    static func lowerScalar(_ s: UInt32) -> UInt32 {
        guard let k = search(PythonLowercaseTables.sources, s) else { return s }
        return PythonLowercaseTables.targets[k]
    }

    /// The index of `value` in the sorted `table`.
    static func search(_ table: [UInt32], _ value: UInt32) -> Int? {
        var low = 0, high = table.count
        while low < high {
            let mid = (low + high) >> 1
            if table[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < table.count && table[low] == value ? low : nil
    }
}
