// PERSON, Chinese names (PersonDetector.swift): a common surname (PersonCues.chineseSurnames,
// compound surnames) and one or two given-name characters, read before an honorific (王伟先生),
// after a label (姓名：王伟) or a greeting word, or alone under a closing line; the span is the
// name without honorific or label.

extension PersonDetector {
    // MARK: Chinese names

    func isCompound(_ a: UInt32?, _ b: UInt32?) -> Bool {
        guard let a, let b else { return false }
        return compoundSurnames.contains(UInt64(a) << 24 | UInt64(b))
    }

    func givenOK(_ c: UInt32?) -> Bool {
        guard let c else { return false }
        return !zhNotGiven.contains(c)
    }

    func beforeHonorific(_ t: UnsafeBufferPointer<UInt8>, cueStart s: Int, cueEnd: Int) -> (start: Int, end: Int)? {
        // 小姐姐 ("big sister", slang) is no honorific.
        if let next = PIIBytes.ideograph(t, cueEnd), next == 0xE5A7_90 { return nil }
        let c1 = PIIBytes.ideograph(t, s - 3), c2 = PIIBytes.ideograph(t, s - 6), c3 = PIIBytes.ideograph(t, s - 9), c4 = PIIBytes.ideograph(t, s - 12)
        guard c1 != nil else { return nil }
        if let c2, let c1, zhRoleWords.contains(UInt64(c2) << 24 | UInt64(c1)) { return nil }
        if let c3, let c2, zhRoleWords.contains(UInt64(c3) << 24 | UInt64(c2)) { return nil }
        if isCompound(c4, c3), givenOK(c2), givenOK(c1) { return (s - 12, s) }
        if isCompound(c3, c2), givenOK(c1) { return (s - 9, s) }
        if let c3, surnames.contains(c3), !zhParticles.contains(c3), givenOK(c2), givenOK(c1),
           let c2, !zhParticles.contains(c2) {
            return (s - 9, s)
        }
        if let c2, surnames.contains(c2), givenOK(c1) { return (s - 6, s) }
        if reportSurnameOnly, let c1, surnames.contains(c1) { return (s - 3, s) }
        return nil
    }

    static let followWords: [UInt32] = PersonDetector.packChars("电手地性年邮先女小联身职公单部你您（")

    func afterLabel(_ t: UnsafeBufferPointer<UInt8>, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = skipBlanks(t, cueEnd)
        guard j < t.count else { return nil }
        if t[j] == 0x3A { j += 1 }
        else if t[j] == 0xEF, j + 2 < t.count, t[j + 1] == 0xBC, t[j + 2] == 0x9A { j += 3 }
        else { return nil }
        return chineseName(t, at: skipBlanks(t, j))
    }

    /// A Chinese name starting at `j`: a surname (or compound surname) and one or two given
    /// characters, ending where the ideographs end or where a following field starts.
    func chineseName(_ t: UnsafeBufferPointer<UInt8>, at j: Int) -> (start: Int, end: Int)? {
        var chars: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0)
        var count = 0
        var k = j
        while count < 5, let c = PIIBytes.ideograph(t, k) {
            switch count {
            case 0: chars.0 = c
            case 1: chars.1 = c
            case 2: chars.2 = c
            case 3: chars.3 = c
            default: chars.4 = c
            }
            count += 1
            k += 3
        }
        guard count >= 2 else { return nil }
        let at = { (x: Int) -> UInt32 in [chars.0, chars.1, chars.2, chars.3, chars.4][x] }
        let compound = isCompound(chars.0, chars.1)
        guard compound || surnames.contains(chars.0) else { return nil }
        let maxLen = compound ? 4 : 3
        var len = min(count, maxLen)
        if count > maxLen || (count == maxLen && !compound && PersonDetector.followWords.contains(at(2))) {
            // More ideographs follow: the name ends where the next field or honorific starts.
            len = 0
            for l in stride(from: min(maxLen, count - 1), through: compound ? 3 : 2, by: -1)
            where PersonDetector.followWords.contains(at(l)) { len = l; break }
            guard len > 0 else { return nil }
        }
        for x in (compound ? 2 : 1)..<len where !givenOK(at(x)) { return nil }
        return (j, j + 3 * len)
    }

    /// 顺祝商祺\n王伟: the name alone on one of the next two lines.
    func afterChineseClosing(_ t: UnsafeBufferPointer<UInt8>, cueEnd: Int) -> (start: Int, end: Int)? {
        var j = cueEnd
        // Optional punctuation (！，。) then line breaks.
        if j + 2 < t.count, t[j] == 0xEF || t[j] == 0xE3 { j += 3 }
        j = skipBlanks(t, j)
        var lines = 0
        while j < t.count, t[j] == 0x0A || t[j] == 0x0D || t[j] == 0x20 {
            if t[j] == 0x0A { lines += 1 }
            j += 1
        }
        guard lines >= 1, lines <= 3, let name = chineseName(t, at: j) else { return nil }
        let after = skipBlanks(t, name.end)
        guard after >= t.count || t[after] == 0x0A || t[after] == 0x0D else { return nil }
        return name
    }

    /// "王伟，你好": the name right before the comma.
    func beforeGreeting(_ t: UnsafeBufferPointer<UInt8>, cueStart s: Int) -> (start: Int, end: Int)? {
        // The comma: full-width "，" (EF BC 8C) or ASCII.
        var e = s
        if e >= 3, t[e - 3] == 0xEF, t[e - 2] == 0xBC, t[e - 1] == 0x8C { e -= 3 }
        else if e >= 1, t[e - 1] == 0x2C { e -= 1 }
        else { return nil }
        // The name starts at a line start or after punctuation; 2–4 ideographs.
        for len in 2...4 {
            let start = e - 3 * len
            guard start >= 0, PIIBytes.ideograph(t, start) != nil else { return nil }
            if start == 0 || PIIBytes.ideograph(t, start - 3) == nil, let name = chineseName(t, at: start), name.end == e {
                return name
            }
        }
        return nil
    }
}
