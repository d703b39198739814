// Word lists the pseudonym generator draws fake values from (PIIPseudonyms.swift): given names
// and family names common across the supported languages (en, de, fr, es, it, nl), Chinese
// family names and given-name characters, street names and street-type words. The lists are
// generic, written here; a fake is chosen by a keyed hash, so their order matters for output
// stability: append, never reorder.

enum PIIFakeNames {
    static let given: [String] = [
        "Alex", "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Grace", "Hugo", "Ines",
        "Jan", "Julia", "Karl", "Laura", "Lucas", "Maria", "Marc", "Nina", "Oscar", "Paula",
        "Pierre", "Rosa", "Sam", "Sofia", "Tom", "Lena", "Victor", "Emma", "Louis", "Carmen",
        "Jonas", "Chloe", "Pablo", "Marta", "Noah", "Alice", "Leon", "Sara", "Hannah", "Diego",
    ]

    static let family: [String] = [
        "Smith", "Miller", "Garcia", "Martin", "Schmidt", "Bernard", "Rossi", "Jansen", "Lopez", "Weber",
        "Dubois", "Moreau", "Fischer", "Wagner", "Brown", "Taylor", "Romero", "Navarro", "Bianchi", "Visser",
        "Keller", "Laurent", "Meyer", "Ortega", "Clark", "Hoffmann", "Richard", "Torres", "Ricci", "Bakker",
        "Wilson", "Becker", "Petit", "Ramos", "Walker", "Wolf", "Girard", "Molina", "Greco", "Smit",
    ]

    static let chineseFamily: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
    ]

    static let chineseGiven: [String] = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "英", "华", "文", "玲", "斌", "宇", "浩", "凯",
    ]

    static let street: [String] = [
        "Oak", "Maple", "Cedar", "Lake", "Hill", "Park", "River", "Linden", "Birken", "Rosen",
        "Garten", "Mill", "Church", "Station", "Spring", "Willow", "Forest", "Meadow", "Castle", "Harbor",
    ]

    static let chineseStreet: [String] = ["和平", "建设", "人民", "解放", "中山", "新华", "文化", "胜利", "光明", "长江"]

    /// Street-type words kept as they are when an address is faked, so the fake reads like the
    /// original (`Main Street` → `Cedar Street`, `Hauptstraße` keeps its form).
    static let streetTypes: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd",
        "court", "ct", "place", "pl", "way", "square", "sq", "terrace", "apt", "suite", "unit", "floor",
        "str", "straße", "strasse", "weg", "platz", "allee", "gasse", "ring", "damm",
        "rue", "avenue", "chemin", "impasse", "allée", "quai", "place", "bis",
        "calle", "avenida", "paseo", "plaza", "camino", "carrera", "via", "viale", "piazza", "corso",
        "straat", "laan", "weg", "plein", "gracht", "nw", "ne", "sw", "se", "n", "s", "e", "w",
    ]
}
