// The context cues the PERSON detector looks for, per language (English, German, French,
// Spanish, Chinese), and the letter classes it needs to read a name: titles ("Mr.", "Herr",
// "Mme", "Sra."), salutations ("Dear", "Sehr geehrte", "Cher", "Estimado"), signature-block
// closings ("Best regards,", "Mit freundlichen Grüßen", "Cordialement,", "Saludos,"),
// self-introductions ("my name is", "je m'appelle", "ich heiße", "me llamo"), bylines
// ("written by", "Author:"), form fields ("Name:", "Nom :", "Nombre:") and the Chinese
// honorifics (先生, 女士, …) and labels (姓名：, 联系人：, …) with the common Chinese surnames.
//
// The single-character surname table is the 399-entry list faker 40.63.0 ships in
// faker/providers/person/zh_CN (the usual 百家姓 frequency list); the compound surnames are
// the classical ones still in use. Words that look like names after a cue but are not
// ("Dear Sir", "Hello World", "Liebe Grüße", "Cher client", month and weekday names) are in
// `notNames`. Also holds `LatinLetter`, the Latin-1 Supplement / Latin Extended-A letter and
// case test the street-address detector shares.

/// What a cue is and how the name after (or before) it must look.
enum PersonCueKind: UInt8 {
    /// "Mr.", "Frau", "Mme": the name follows at once, anywhere in a sentence.
    case title
    /// "Dear", "Hallo", "Cher": the name follows and ends before `,` `!` `:` or a line end.
    case salutation
    /// "Best regards": the name stands alone on the next line (or after a comma on the same line).
    case closing
    /// "my name is", "je m'appelle": the name follows.
    case intro
    /// "written by", "Author:": the name follows.
    case byline
    /// "Name:", "Nom :": a form field at the start of a line; the name is the whole value.
    case field
    /// "Lebenslauf", "Curriculum Vitae", 简历: a CV heading at the start of a line; the name
    /// follows on the same line or alone on the next.
    case heading
    /// 先生, 女士: the Chinese name precedes the honorific.
    case zhHonorific
    /// 姓名：, 联系人：: the Chinese name follows the label and its colon.
    case zhLabel
    /// 亲爱的, 尊敬的, 同事: the Chinese name follows directly.
    case zhBefore
    /// 顺祝商祺, 此致敬礼: the Chinese name stands alone on a following line.
    case zhClosing
    /// 你好 after "name，": the Chinese name precedes the comma.
    case zhGreeted
}

enum PersonCues {
    /// (cue, kind, whether its first letter must be written uppercase). Cues are matched
    /// case-insensitively as whole words; titles and salutations are then required to be
    /// capitalized, because "miss", "dear", "frau" and "don" are ordinary lowercase words.
    static let entries: [(String, PersonCueKind, Bool)] = [
        // English titles
        ("mr", .title, true), ("mr.", .title, true), ("mrs", .title, true), ("mrs.", .title, true),
        ("ms", .title, true), ("ms.", .title, true), ("miss", .title, true), ("mx.", .title, true),
        ("dr", .title, true), ("dr.", .title, true), ("prof", .title, true), ("prof.", .title, true),
        ("professor", .title, true),
        // German titles
        ("herr", .title, true), ("herrn", .title, true), ("frau", .title, true),
        // French titles
        ("monsieur", .title, true), ("madame", .title, true), ("mademoiselle", .title, true),
        ("m.", .title, true), ("mme", .title, true), ("mme.", .title, true), ("mlle", .title, true),
        ("mlle.", .title, true),
        // Spanish (and Italian) titles
        ("sr.", .title, true), ("sra.", .title, true), ("srta.", .title, true),
        ("doña", .title, true), ("dña.", .title, true), ("señor", .title, true), ("señora", .title, true),
        ("sig.", .title, true), ("sig.ra", .title, true), ("dott.", .title, true),
        // Salutations
        ("dear", .salutation, true), ("hi", .salutation, true), ("hello", .salutation, true),
        ("hey", .salutation, true), ("sehr geehrte", .salutation, true), ("sehr geehrter", .salutation, true),
        ("liebe", .salutation, true), ("lieber", .salutation, true), ("hallo", .salutation, true),
        ("cher", .salutation, true), ("chère", .salutation, true), ("bonjour", .salutation, true),
        ("estimado", .salutation, true), ("estimada", .salutation, true), ("querido", .salutation, true),
        ("querida", .salutation, true), ("hola", .salutation, true),
        // Signature-block closings
        ("best regards", .closing, false), ("kind regards", .closing, false), ("warm regards", .closing, false),
        ("regards", .closing, false), ("best wishes", .closing, false), ("sincerely", .closing, false),
        ("yours sincerely", .closing, false), ("sincerely yours", .closing, false), ("yours truly", .closing, false),
        ("yours faithfully", .closing, false), ("cheers", .closing, false), ("thanks", .closing, false),
        ("thank you", .closing, false), ("best", .closing, true), ("all the best", .closing, false),
        ("many thanks", .closing, false), ("warmly", .closing, false), ("respectfully", .closing, false),
        ("mit freundlichen grüßen", .closing, false), ("mit freundlichen grüssen", .closing, false),
        ("freundliche grüße", .closing, false), ("viele grüße", .closing, false), ("beste grüße", .closing, false),
        ("liebe grüße", .closing, false), ("herzliche grüße", .closing, false), ("gruß", .closing, false),
        ("grüße", .closing, false), ("lg", .closing, true), ("mfg", .closing, true),
        ("cordialement", .closing, false), ("bien cordialement", .closing, false), ("bien à vous", .closing, false),
        ("salutations", .closing, false), ("amicalement", .closing, false), ("bisous", .closing, false),
        ("saludos", .closing, false), ("un saludo", .closing, false), ("atentamente", .closing, false),
        ("un abrazo", .closing, false), ("cordialmente", .closing, false), ("saludos cordiales", .closing, false),
        // Self-introductions
        ("my name is", .intro, false), ("my name's", .intro, false), ("je m'appelle", .intro, false),
        ("je m’appelle", .intro, false), ("je me nomme", .intro, false), ("ich heiße", .intro, false),
        ("ich heisse", .intro, false), ("mein name ist", .intro, false), ("me llamo", .intro, false),
        ("mi nombre es", .intro, false),
        // Colleagues and account holders named in running text
        ("my colleague", .intro, false), ("colleague", .intro, false), ("kollegin", .intro, false),
        ("kollege", .intro, false), ("collègue", .intro, false), ("compañera", .intro, false),
        ("compañero", .intro, false), ("account holder", .intro, false), ("ask for", .intro, false),
        ("demandez", .intro, false), ("preguntad por", .intro, false), ("preguntar por", .intro, false),
        // Bylines
        ("written by", .byline, false), ("posted by", .byline, false), ("submitted by", .byline, false),
        ("reported by", .byline, false), ("photo by", .byline, false), ("author:", .byline, false),
        ("autor:", .byline, false), ("auteur :", .byline, false), ("auteur:", .byline, false),
        ("verfasst von", .byline, false), ("geschrieben von", .byline, false), ("écrit par", .byline, false),
        ("publié par", .byline, false), ("escrito por", .byline, false), ("publicado por", .byline, false),
        // Form fields (followed by ':' — checked by the detector)
        ("name", .field, true), ("full name", .field, true), ("first name", .field, true),
        ("last name", .field, true), ("contact person", .field, true), ("vorname", .field, true),
        ("nachname", .field, true), ("ansprechpartner", .field, true), ("nom", .field, true),
        ("prénom", .field, true), ("nom complet", .field, true), ("nombre", .field, true),
        ("nombre completo", .field, true), ("apellidos", .field, true), ("persona de contacto", .field, true),
        // Message headers, payment and shipping forms (a label at the start of a line)
        ("from", .field, true), ("to", .field, true), ("cc", .field, true), ("von", .field, true),
        ("an", .field, true), ("de", .field, true), ("à", .field, true), ("para", .field, true),
        ("references", .field, true), ("referenzen", .field, true), ("références", .field, true),
        ("referencias", .field, true), ("beneficiary", .field, true), ("empfänger", .field, true),
        ("bénéficiaire", .field, true), ("beneficiario", .field, true), ("account holder", .field, true),
        ("kontoinhaber", .field, true), ("titulaire", .field, true), ("titular", .field, true),
        ("applicant", .field, true), ("antragsteller", .field, true), ("ship to", .field, true),
        ("deliver to", .field, true), ("lieferung an", .field, true), ("livraison", .field, true),
        ("envío a", .field, true), ("lieferadresse", .field, true), ("dirección de envío", .field, true),
        ("shipping address", .field, true), ("adresse de livraison", .field, true), ("attn", .field, true),
        ("attention", .field, true), ("contact", .field, true), ("kontakt", .field, true), ("contacto", .field, true),
        // CV headings
        ("lebenslauf", .heading, true), ("curriculum vitae", .heading, true), ("resume", .heading, true),
        ("résumé", .heading, true), ("cv", .heading, true), ("currículum", .heading, true), ("curriculum", .heading, true),
        ("简历", .heading, false), ("个人简历", .heading, false),
        // Chinese honorifics after the name, labels before it
        ("先生", .zhHonorific, false), ("女士", .zhHonorific, false), ("小姐", .zhHonorific, false),
        ("老师", .zhHonorific, false), ("教授", .zhHonorific, false), ("经理", .zhHonorific, false),
        ("博士", .zhHonorific, false), ("医生", .zhHonorific, false), ("律师", .zhHonorific, false),
        ("夫人", .zhHonorific, false), ("主任", .zhHonorific, false), ("同学", .zhHonorific, false),
        ("姓名", .zhLabel, false), ("联系人", .zhLabel, false), ("收件人", .zhLabel, false),
        ("收货人", .zhLabel, false), ("负责人", .zhLabel, false), ("申请人", .zhLabel, false),
        ("发件人", .zhLabel, false), ("寄件人", .zhLabel, false), ("经办人", .zhLabel, false),
        ("作者", .zhLabel, false), ("客户姓名", .zhLabel, false), ("患者", .zhLabel, false),
        ("户名", .zhLabel, false), ("收货信息", .zhLabel, false), ("证明人", .zhLabel, false),
        ("亲爱的", .zhBefore, false), ("尊敬的", .zhBefore, false), ("同事", .zhBefore, false),
        ("顺祝商祺", .zhClosing, false), ("此致敬礼", .zhClosing, false), ("祝好", .zhClosing, false),
        ("敬礼", .zhClosing, false), ("谢谢", .zhClosing, false), ("收款人", .zhLabel, false), ("你好", .zhGreeted, false), ("您好", .zhGreeted, false),
    ]

    /// Capitalized words that follow a cue but are not names (compared case-insensitively as
    /// whole words): generic addressees, pronouns and function words, roles, greetings'
    /// usual objects, months and weekdays in the five languages, and common code types
    /// ("Name: String").
    static let notNames: [String] = [
        // English addressees, roles and function words
        "sir", "sirs", "madam", "madame", "customer", "customers", "client", "clients", "all", "everyone",
        "everybody", "there", "world", "team", "friend", "friends", "colleague", "colleagues", "member",
        "members", "user", "users", "reader", "readers", "guest", "guests", "folks", "guys", "gang",
        "people", "mom", "mum", "dad", "mother", "father", "son", "daughter", "brother", "sister",
        "god", "lord", "editor", "editors", "admin", "administrator", "anonymous", "unknown", "staff",
        "support", "hiring", "manager", "recruiter", "applicant", "candidate", "student", "students",
        "parent", "parents", "partner", "partners", "participant", "participants", "subscriber",
        "subscribers", "visitor", "visitors", "owner", "webmaster", "moderator", "moderators",
        "president", "speaker", "chairman", "chair", "mayor", "minister", "secretary", "director",
        "professor", "doctor", "officer", "judge", "senator", "governor", "prime", "vice", "sales",
        "ambassador", "commissioner", "engineer", "developer", "consultant", "analyst", "author",
        "authors", "the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "these",
        "those", "to", "and", "or", "of", "in", "on", "at", "for", "with", "by", "from", "is", "it",
        "i", "we", "you", "he", "she", "they", "me", "us", "them", "who", "what", "new", "good", "great",
        "thanks", "thank", "please", "yes", "no", "ok", "okay", "sorry", "welcome", "again", "back",
        "ladies", "gentlemen", "sweetie", "honey", "darling", "love", "baby", "buddy", "mate", "dude",
        "kitty", "santa", "diary", "abby", "valued", "sir/madam", "community", "fans", "fan", "kids",
        "morning", "afternoon", "evening", "night", "today", "tomorrow", "yesterday", "right", "wrong",
        "string", "int", "text", "type", "value", "optional", "bool", "array", "object", "none", "null",
        "true", "false", "required", "example", "description", "file", "default", "string?", "list",
        "first", "last", "full", "date", "email", "phone", "address", "company", "title", "data",
        "google", "facebook", "twitter", "microsoft", "apple", "amazon", "wordpress", "home", "page",
        "news", "blog", "post", "posts", "comments", "comment", "reply", "here", "how", "why", "when",
        "where", "which", "not", "just", "also", "so", "if", "as", "be", "do", "can", "will",
        // German
        "damen", "herren", "kunde", "kunden", "kundin", "leser", "leserin", "leserinnen", "freunde",
        "freundin", "alle", "zusammen", "kollegen", "kolleginnen", "mitglieder", "grüße", "gruesse",
        "grüsse", "gruß", "mama", "papa", "oma", "opa", "sie", "ihr", "ihnen", "du", "dich", "der",
        "die", "das", "den", "dem", "des", "ein", "eine", "einer", "und", "oder", "mit", "von",
        "doktor", "präsident", "präsidentin", "ministerin", "kollegin", "nachbarin", "nachbar",
        "vorsitzende", "vorsitzender", "bürgermeister", "bürgermeisterin", "pfarrer", "gäste",
        "teilnehmer", "teilnehmerinnen", "eltern", "schüler", "studierende", "community",
        // French
        "client", "cliente", "clientes", "ami", "amie", "amis", "amies", "tous", "toutes", "collègue",
        "collègues", "lecteur", "lecteurs", "lectrice", "membre", "membres", "monsieur", "madame",
        "mademoiselle", "messieurs", "mesdames", "le", "la", "les", "un", "une", "et", "ou", "vous",
        "tout", "toi", "mon", "ma", "mes", "maman", "docteur", "président", "présidente", "ministre",
        "maire", "internaute", "internautes", "abonné", "abonnés", "parents", "élèves",
        // Spanish
        "amigo", "amiga", "amigos", "amigas", "todos", "todas", "señor", "señora", "señores", "señoras",
        "usuario", "usuarios", "usuaria", "miembros", "lector", "lectores", "compañeros", "compañero",
        "colegas", "el", "los", "las", "y", "o", "usted", "ustedes", "mundo", "cliente", "clientes",
        "presidente", "presidenta", "alcalde", "doctor", "doctora", "padres", "alumnos", "equipo",
        // Months and weekdays
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
        "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves",
        "viernes", "sábado", "domingo",
    ]

    /// Lowercase particles allowed between the capitalized words of a name ("Ludwig van
    /// Beethoven", "María de la Cruz", "Leonardo da Vinci").
    static let particles: [String] = [
        "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "des", "la", "le", "y",
        "ter", "ten", "zu", "dos", "das", "do", "bin", "ibn", "al", "e", "d'", "d’", "het", "'t",
    ]

    /// Common single-character Chinese surnames (faker 40.63.0 zh_CN last_names, 399 entries).
    static let chineseSurnames: String =
        "王李张刘陈杨黄吴赵周徐孙马朱胡林郭何高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔汤向常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由闫肖付邓"

    /// Two-character (compound) Chinese surnames.
    static let chineseCompoundSurnames: [String] = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒",
        "夏侯", "公孙", "轩辕", "端木", "独孤", "南宫", "西门", "东郭", "申屠", "呼延", "澹台", "万俟",
        "闻人", "赫连", "公冶", "太史", "钟离", "宗政", "濮阳", "淳于", "单于", "百里", "拓跋",
    ]

    /// Characters that, right before a surname-like character, are a verb, preposition or
    /// pronoun rather than part of the name ("向王伟先生" is 向 + 王伟): a three-character name
    /// is not taken when it would start with one of these.
    static let chineseParticles: String = "向于和与跟对给让被把是请由为在及找的了有位致叫问谢将同令称见去等从这那各诸众老小大我你他她们感"

    /// Characters that never stand in a given name next to an honorific (总经理, 们, 的).
    static let chineseNotGiven: String = "总副们的了位个是和及等为在有这那我你他她它年月日号时上下中里后前说问请谢给向对让各该本贵原新老小大"
}

/// Case and letter tests for Latin letters outside ASCII, decoded from UTF-8 only where a
/// capital has to be recognized (Latin-1 Supplement U+00C0–U+00FF and Latin Extended-A
/// U+0100–U+017F; everything else non-ASCII is "not a Latin letter").
enum LatinLetter {
    /// The scalar of a two-byte UTF-8 sequence at `i` in U+0080–U+07FF, or nil.
    @inline(__always)
    static func twoByteScalar(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
        guard i + 1 < text.count else { return nil }
        let b0 = text[i], b1 = text[i + 1]
        guard b0 & 0xE0 == 0xC0, b1 & 0xC0 == 0x80 else { return nil }
        return UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F)
    }

    /// Whether `u` (U+00C0–U+017F) is an uppercase letter.
    static func isUpperScalar(_ u: UInt32) -> Bool {
        switch u {
        case 0xC0...0xDE: return u != 0xD7
        case 0x100...0x137: return u & 1 == 0
        case 0x139...0x148: return u & 1 == 1
        case 0x14A...0x177: return u & 1 == 0
        case 0x178: return true
        case 0x179...0x17E: return u & 1 == 1
        default: return false
        }
    }

    static func isLetterScalar(_ u: UInt32) -> Bool {
        (0xC0...0x17F).contains(u) && u != 0xD7 && u != 0xF7
    }

    /// The letter starting at `i`: (byte length, uppercase?) for ASCII letters and the Latin
    /// letters above, nil for anything else.
    @inline(__always)
    static func letter(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (length: Int, upper: Bool)? {
        guard i < text.count else { return nil }
        let b = text[i]
        if b < 0x80 { return PIIBytes.isLetter(b) ? (1, PIIBytes.isUpper(b)) : nil }
        guard let u = twoByteScalar(text, i), isLetterScalar(u) else { return nil }
        return (2, isUpperScalar(u))
    }

    /// Whether the character ending just before `i` is a Latin letter (ASCII or two-byte).
    static func letterBefore(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i > 0 else { return false }
        if text[i - 1] < 0x80 { return PIIBytes.isLetter(text[i - 1]) }
        guard i >= 2 else { return false }
        return letter(text, i - 2)?.length == 2
    }
}
