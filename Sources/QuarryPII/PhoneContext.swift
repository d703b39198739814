// Context words around a phone-number candidate: words that announce a phone number ("Tel.",
// "Telefon", "电话", "WhatsApp") and words that announce some other number that looks like
// one (order, invoice and tracking numbers, ISBNs, prices, account and ID numbers). The PHONE
// detector looks at the nearest such word in a window before a candidate: a phone word lets a
// bare digit run count as a phone, an other-number word vetoes the candidate. The lists cover
// the languages of issue 6 (English, German, French, Spanish, Italian, Dutch, Chinese,
// Japanese, Korean, Portuguese, Russian); they are this project's own, in the spirit of
// Presidio's PhoneRecognizer context list ("phone", "number", "telephone", "cell", "mobile",
// "call", presidio-analyzer 2.2.366).

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
        "mobiltelefon", "faxnummer", "telefax", "anrufen", "erreichbar", "kontakt", "fon",
        // French
        "téléphone", "tél", "tél.", "telephone", "portable", "numéro de téléphone", "appelez",
        "joindre", "contacter",
        // Spanish, Portuguese, Italian, Dutch
        "teléfono", "telefono", "móvil", "movil", "celular", "llame", "llamar", "contacto",
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
        "postcode", "ssn", "pid", "uid", "gid", "ticket", "receipt", "transaction",
        // German
        "bestellnummer", "bestellung", "auftrag", "auftragsnummer", "rechnung", "rechnungsnummer",
        "kundennummer", "sendungsnummer", "artikelnummer", "steuernummer", "kontonummer", "konto",
        "blz", "preis", "betrag", "summe", "plz", "aktenzeichen", "vorgangsnummer",
        // French, Spanish, Italian
        "commande", "facture", "prix", "montant", "référence", "pedido", "factura", "precio",
        "importe", "ordine", "fattura", "prezzo", "importo",
        // Chinese, Japanese, Korean, Russian
        "订单", "订单号", "单号", "编号", "运单", "快递", "价格", "金额", "账号", "卡号", "身份证",
        "邮编", "qq", "注文番号", "価格", "주문번호", "заказ", "цена",
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
