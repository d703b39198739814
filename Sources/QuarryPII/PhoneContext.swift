// Context words around a phone-number candidate: words that announce a phone number ("Tel.",
// "Telefon", "电话", "WhatsApp") and words that announce some other number that looks like
// one (order, invoice and tracking numbers, ISBNs, prices, account and ID numbers). The PHONE
// detector looks at the nearest such word in a window before a candidate: a phone word lets a
// bare digit run count as a phone, an other-number word vetoes the candidate. The lists cover
// the languages of issue 6 (English, German, French, Spanish, Italian, Dutch, Chinese,
// Japanese, Korean, Portuguese, Russian); they are this project's own, in the spirit of
// Presidio's PhoneRecognizer context list ("phone", "number", "telephone", "cell", "mobile",
// "call", presidio-analyzer 2.2.366). The second half of the file holds the PHONE scanner's
// checks of the bytes around a candidate (signs, currencies, decimals, CJK neighbours,
// e-mail addresses), the rules 1 and 3-4 of PhoneDetector.swift's header.

/// The phone detector's context words and the lookup of the nearest one before a position.
public struct PhoneContext: Sendable {
    /// Words that announce a phone number.
    public static let phoneWords: [String] = [
        // English
        "tel", "tel.", "tele", "telephone", "phone", "phones", "ph", "call", "calls", "mobile", "mob",
        "cell", "cellphone", "fax", "hotline", "helpline", "whatsapp", "sms", "text me", "dial",
        "contact", "reach", "landline",
        // German
        "telefon", "telefonnummer", "rufnummer", "handy", "handynummer", "mobil", "mobilnummer",
        "mobiltelefon", "faxnummer", "telefax", "anrufen", "rufen", "ruf", "anruf", "erreichbar",
        "kontakt", "fon",
        // French
        "téléphone", "tél", "tél.", "telephone", "portable", "numéro de téléphone", "appelez",
        "appeler", "rappeler", "rappellera", "appelle",
        "joindre", "contacter",
        // Spanish, Portuguese, Italian, Dutch
        "teléfono", "telefono", "móvil", "movil", "celular", "llame", "llamar", "llamadme",
        "llámeme", "llámanos", "llamanos", "contacto",
        "cellulare", "chiamare", "contatto", "telefoon", "mobiel", "bel", "telemóvel", "whats",
        // Chinese, Japanese, Korean, Russian
        "电话", "手机", "联系电话", "联系方式", "联系", "传真", "来电", "致电", "热线", "座机", "微信",
        "電話", "携帯", "連絡先", "전화", "휴대폰", "연락처", "팩스", "телефон", "тел", "тел.", "моб",
        "факс", "звоните",
    ]

    /// Words that announce another kind of number that a phone pattern could match.
    public static let otherNumberWords: [String] = [
        // English
        "order", "order no", "order number", "invoice", "isbn", "issn", "doi", "tracking",
        "serial", "sku", "ref", "reference", "account", "acct", "id", "no.", "nr.", "nr", "n°", "№",
        "price", "usd", "eur", "patent", "iban", "bic", "swift", "routing", "card", "zip",
        "postcode", "ssn", "pid", "uid", "gid", "ticket", "receipt", "transaction", "credit",
        "visa", "mastercard", "amex", "parcel", "package", "shipment", "loyalty",
        // German
        "bestellnummer", "bestellung", "auftrag", "auftragsnummer", "rechnung", "rechnungsnummer",
        "kundennummer", "sendungsnummer", "artikelnummer", "steuernummer", "kontonummer", "konto",
        "blz", "preis", "betrag", "summe", "plz", "aktenzeichen", "vorgangsnummer", "karte",
        "kreditkarte", "paket", "sendung",
        // French, Spanish, Italian
        "commande", "facture", "prix", "montant", "référence", "carte", "colis", "pedido",
        "factura", "precio", "importe", "tarjeta", "paquete", "envío", "ordine", "fattura",
        "prezzo", "importo", "carta",
        // Chinese, Japanese, Korean, Russian
        "订单", "订单号", "单号", "编号", "运单", "快递", "价格", "金额", "账号", "卡号", "身份证",
        "邮编", "发票", "银行卡", "信用卡", "流水号", "序列号", "交易号", "凭证号", "注文番号", "価格", "주문번호", "заказ", "цена",
    ]

    private let cues: CueWords
    private let phoneCount: Int

    public init() {
        cues = CueWords(PhoneContext.phoneWords + PhoneContext.otherNumberWords)
        phoneCount = PhoneContext.phoneWords.count
    }

    /// What the nearest context word ending within `window` bytes before `position` says.
    public enum Cue: Sendable, Equatable {
        case none
        /// A phone word whose last byte is at `end - 1`.
        case phone(end: Int)
        /// An other-number word whose last byte is at `end - 1`.
        case other(end: Int)
    }

    /// The context word nearest to `position` (the one ending last) among those lying wholly
    /// within `text[position - window ..< position]`.
    public func nearest(in text: UnsafeBufferPointer<UInt8>, before position: Int, window: Int) -> Cue {
        let lo = max(0, position - window), hi = min(text.count, position)
        guard lo < hi else { return .none }
        var best = Cue.none
        var bestEnd = -1
        for i in lo..<hi {
            guard let m = cues.match(in: text, at: i), m.end <= hi, m.end > bestEnd else { continue }
            bestEnd = m.end
            best = m.cue < phoneCount ? .phone(end: m.end) : .other(end: m.end)
        }
        return best
    }
}

// MARK: the bytes around a candidate

extension PhoneScanner {
    /// The nearest context word before `start`. A word speaks for the first number after it
    /// only: the window ends at the last run of 3+ digits before `start` ("邮编291577。…会用
    /// 185…" is not vetoed by 邮编). A phone found shortly before counts as a phone word (lists),
    /// and so does an e-mail address just before or after ("a@b.fr ou 0290993525",
    /// "6067925037 | b@c.com"), the way signatures and CVs list contacts.
    func nearestCue(before start: Int, after end: Int, wordsOnly: Bool) -> PhoneContext.Cue {
        var lo = max(0, start - window)
        var run = 0
        var p = start - 1
        while p >= lo {
            if PIIBytes.isDigit(base[p]) {
                run += 1
                if run >= 3 { lo = p + run; break }
            } else {
                run = 0
            }
            p -= 1
        }
        let cue = context.nearest(in: text, before: start, window: start - lo)
        if lastPhoneEnd >= lo {
            switch cue {
            case .other(let e) where e > lastPhoneEnd: return cue
            default: return .phone(end: lastPhoneEnd)
            }
        }
        if cue != .none || wordsOnly { return cue }
        // An e-mail address: "@" before (after the last digit run) or soon after.
        var q = start - 1
        while q >= lo, q >= start - PhoneScanner.emailReach {
            if base[q] == UInt8(ascii: "@") { return .phone(end: q + 1) }
            q -= 1
        }
        var r = end
        run = 0
        while r < n, r < end + PhoneScanner.emailReach {
            let b = base[r]
            if b == UInt8(ascii: "@") { return .phone(end: start) }
            if b == 0x0A { break }
            if PIIBytes.isDigit(b) { run += 1; if run >= 3 { break } } else { run = 0 }
            r += 1
        }
        return .none
    }

    /// How far (bytes) an e-mail address's "@" may lie from a number for it to act as a cue.
    static let emailReach = 40

    /// Whether CJK (any non-ASCII) text touches the number, allowing up to three spaces,
    /// colons, bars or commas between ("黄峰 | 15542541013 |").
    func cjkAdjacent(start: Int, end: Int) -> Bool {
        func skippable(_ b: UInt8) -> Bool {
            b == 0x20 || b == UInt8(ascii: ":") || b == UInt8(ascii: "|") || b == UInt8(ascii: ",")
        }
        var i = start - 1
        var skipped = 0
        while i >= 0, skipped < 3, skippable(base[i]) { i -= 1; skipped += 1 }
        if i >= 0, base[i] >= 0x80 { return true }
        var j = end
        skipped = 0
        while j < n, skipped < 3, skippable(base[j]) { j += 1; skipped += 1 }
        return j < n && base[j] >= 0x80
    }

    /// Rule 1, the bytes around the candidate.
    func boundariesAllow(start: Int, end: Int, international: Bool) -> Bool {
        if start > 0 {
            let before = base[start - 1]
            if international {
                // "+49 …" may follow any punctuation except another sign, "#" or "$".
                if before == UInt8(ascii: "#") || before == UInt8(ascii: "+") || before == UInt8(ascii: "$") { return false }
            } else {
                switch before {
                case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "#"),
                     UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: "\\"), UInt8(ascii: "="),
                     UInt8(ascii: "&"), UInt8(ascii: "%"):
                    return false
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    // 1,234,567 and times (09:14:02.946218) continue a number on the left.
                    if start > 1, PIIBytes.isDigit(base[start - 2]) { return false }
                default: break
                }
            }
        }
        if end < n {
            let c = base[end]
            if PIIBytes.isLetter(c) {
                let ext = (c | 0x20) == UInt8(ascii: "x") && end + 1 < n && PIIBytes.isDigit(base[end + 1])
                if !ext && !PIIBytes.hasPrefix(text, at: end, lowercased: PhoneScanner.ext) { return false }
            }
            if c == UInt8(ascii: "%") { return false }
            if c == UInt8(ascii: ",") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") {
                if end + 1 < n, PIIBytes.isDigit(base[end + 1]) { return false }
            }
        }
        if !international, mixedTokenNear(start: start, end: end) { return false }
        return !currencyNear(start: start, end: end)
    }

    /// Whether the word one or two spaces before or after the candidate mixes ASCII letters
    /// and digits ("D869 0109 0831 2D23" in a key fingerprint, hex dumps, part numbers).
    func mixedTokenNear(start: Int, end: Int) -> Bool {
        func mixed(_ lo: Int, _ hi: Int) -> Bool {
            var letters = false, digits = false
            for i in lo..<hi {
                if PIIBytes.isDigit(base[i]) { digits = true } else if PIIBytes.isLetter(base[i]) { letters = true }
            }
            return letters && digits
        }
        var i = start
        var spaces = 0
        while i > 0, spaces < 2, base[i - 1] == 0x20 { i -= 1; spaces += 1 }
        if spaces > 0 {
            var lo = i
            while lo > 0, i - lo < 12, PIIBytes.isAlnum(base[lo - 1]) { lo -= 1 }
            if lo < i, mixed(lo, i) { return true }
        }
        var j = end
        spaces = 0
        while j < n, spaces < 2, base[j] == 0x20 { j += 1; spaces += 1 }
        if spaces > 0 {
            var hi = j
            while hi < n, hi - j < 12, PIIBytes.isAlnum(base[hi]) { hi += 1 }
            // An extension ("x276") is no part number.
            let ext = base[j] | 0x20 == UInt8(ascii: "x") || PIIBytes.hasPrefix(text, at: j, lowercased: PhoneScanner.ext)
            if hi > j, !ext, mixed(j, hi) { return true }
        }
        return false
    }

    /// A currency sign or code within one space before or after.
    func currencyNear(start: Int, end: Int) -> Bool {
        var i = start
        if i > 0, base[i - 1] == 0x20 { i -= 1 }
        if i > 0 {
            let c = base[i - 1]
            if c == UInt8(ascii: "$") { return true }
            if i >= 2, base[i - 2] == 0xC2, c == 0xA3 || c == 0xA5 { return true }  // £ ¥
            if i >= 3, base[i - 3] == 0xE2, base[i - 2] == 0x82 { return true }  // € ₹ ₽ ₩ (U+20A0…)
        }
        var j = end
        if j < n, base[j] == 0x20 { j += 1 }
        guard j < n else { return false }
        let c = base[j]
        if c == UInt8(ascii: "$") { return true }
        if c == 0xC2, j + 1 < n, base[j + 1] == 0xA3 || base[j + 1] == 0xA5 { return true }
        if c == 0xE2, j + 1 < n, base[j + 1] == 0x82 { return true }
        for code in PhoneScanner.currencyAfter where PIIBytes.hasPrefix(text, at: j, lowercased: code) {
            if !PIIBytes.alnumAt(text, j + code.count) || code[0] >= 0x80 { return true }
        }
        return false
    }

    static let ext: [UInt8] = Array("ext".utf8)

    static let currencyAfter: [[UInt8]] = ["eur", "usd", "gbp", "chf", "cny", "rmb", "jpy", "元", "円", "원", "руб", "€"]
        .map { Array($0.utf8) }

}
