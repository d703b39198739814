// Street-type words and address parts for the STREET_ADDRESS detector, per language and
// address form. English street suffixes follow the USPS Publication 28 names that faker
// 40.63.0 uses for en_US/en_GB `street_suffix` (faker/providers/address/en_US) plus their
// common abbreviations; German and Dutch suffixes follow de_DE/nl_NL `street_suffixes`; the
// Spanish and Italian street types that precede the name follow es_ES `street_prefixes` and
// it_IT `street_suffixes`, the French ones fr_FR `street_prefixes` plus the usual French
// "types de voie" (rue, avenue, boulevard, impasse, allée, quai, …). Chinese street and unit
// characters (路, 街, 号, 室, …) are listed in `StreetAddressDetector`.

enum StreetWords {
    /// English street types that end a street name ("Main Street", "Elm St."). These make an
    /// address on their own after "number Name".
    static let englishStrong: [String] = [
        "street", "st", "st.", "avenue", "ave", "ave.", "av.", "road", "rd", "rd.", "lane", "ln", "ln.",
        "drive", "dr", "dr.", "boulevard", "blvd", "blvd.", "court", "ct", "ct.", "place", "pl", "pl.",
        "terrace", "ter", "ter.", "way", "circle", "cir", "cir.", "parkway", "pkwy", "pkwy.", "highway",
        "hwy", "hwy.", "square", "sq", "sq.", "crescent", "cres", "close", "grove", "gardens", "mews",
        "row", "trail", "trl", "loop", "alley", "plaza", "pike", "turnpike", "walk", "hill", "rise",
        "expressway", "expy", "freeway", "fwy", "causeway", "esplanade", "embankment", "wharf", "quay",
        "parade", "broadway", "strasse", "straße", "marg", "ganj", "nagar", "chowk", "zila",
    ]

    /// English street types that are also ordinary words ("Lake", "View", "Park"): accepted
    /// only when the address ends its line or clause (comma, line break, end, unit).
    static let englishWeak: [String] = [
        "branch", "bridge", "brook", "brooks", "burg", "burgs", "bypass", "camp", "canyon", "cape",
        "center", "centers", "circles", "cliff", "cliffs", "club", "common", "corner", "corners",
        "course", "courts", "cove", "coves", "creek", "crest", "crossing", "crossroad", "curve", "dale",
        "dam", "divide", "drives", "estate", "estates", "extension", "extensions", "fall", "falls",
        "ferry", "field", "fields", "flat", "flats", "ford", "fords", "forest", "forge", "forges",
        "fork", "forks", "fort", "garden", "gateway", "glen", "glens", "green", "greens", "groves",
        "harbor", "harbors", "haven", "heights", "hills", "hollow", "inlet", "island", "islands",
        "isle", "junction", "junctions", "key", "keys", "knoll", "knolls", "lake", "lakes", "land",
        "landing", "light", "lights", "loaf", "lock", "locks", "lodge", "mall", "manor", "manors",
        "meadow", "meadows", "mill", "mills", "mission", "motorway", "mount", "mountain", "mountains",
        "neck", "orchard", "oval", "overpass", "park", "parks", "parkways", "pass", "passage", "path",
        "pine", "pines", "plain", "plains", "point", "points", "port", "ports", "prairie", "radial",
        "ramp", "ranch", "rapid", "rapids", "rest", "ridge", "ridges", "river", "roads", "route", "rue",
        "run", "shoal", "shoals", "shore", "shores", "skyway", "spring", "springs", "spur", "spurs",
        "squares", "station", "stravenue", "stream", "streets", "summit", "throughway", "trace",
        "track", "trafficway", "tunnel", "underpass", "union", "unions", "valley", "valleys", "via",
        "viaduct", "view", "views", "village", "villages", "ville", "vista", "walks", "wall", "ways",
        "well", "wells",
    ]

    /// Compass directions after (or before) an English street name ("Pennsylvania Avenue NW").
    static let directions: [String] = [
        "n", "s", "e", "w", "ne", "nw", "se", "sw", "n.", "s.", "e.", "w.", "n.e.", "n.w.", "s.e.", "s.w.",
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    ]

    /// Unit designators after (or, in British use, before) the street line, each followed by a
    /// number or letter: "Apt. 4B", "Suite 200", "Flat 3", "Piso 3", "Appartamento 17".
    static let units: [String] = [
        "apt", "apt.", "apartment", "suite", "ste", "ste.", "unit", "flat", "studio", "room", "rm",
        "rm.", "floor", "fl", "fl.", "bldg", "bldg.", "building", "#", "no.", "piso", "puerta", "planta",
        "esc.", "escalera", "appartamento", "app.", "piano", "scala", "interno", "int.", "étage",
        "bâtiment", "bât.", "wohnung", "whg.", "stock", "og",
    ]

    /// German and Dutch street words that end a (usually compound) street name: "Hauptstraße",
    /// "Kerkstraat", "Röhrichtweg"; or stand after an adjective: "Berliner Str.".
    static let germanicSuffixes: [String] = [
        "straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "damm", "ufer", "chaussee", "pfad",
        "steig", "stieg", "markt", "graben", "wall", "kai", "promenade", "ring",
        "straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "baan", "dreef", "steeg", "hof",
        "boulevard", "pad", "park",
    ]

    /// Words ending in a Germanic suffix that are not street names ("Spring 2023", "Notepad 3").
    static let germanicFalseFriends: [String] = [
        "spring", "string", "during", "bring", "ring", "offering", "engineering", "morning", "evening",
        "notepad", "keypad", "trackpad", "launchpad", "touchpad", "gamepad", "ipad", "park", "hof", "pad",
        "wall", "graben", "kai", "boulevard", "weg", "platz", "markt", "firewall", "paywall", "steig",
        "jurassic", "central", "listenplatz", "tabellenplatz", "startplatz", "bahnhof", "friedhof", "arbeitsplatz", "parkplatz", "spielplatz",
    ]

    /// German prepositional street names: "Am Markt 3", "An der Kirche 5", "Zur Post 1".
    static let germanPrepositions: [String] = [
        "am", "an der", "an den", "auf der", "auf dem", "im", "in der", "in den", "zum", "zur", "unter den",
        "hinter der", "vor dem", "beim",
    ]

    /// Nouns that follow "Am"/"Im" and a number without being an address ("Im Jahr 2023").
    static let germanPrepositionFalseFriends: [String] = [
        "jahr", "jahre", "ende", "anfang", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonntag", "wochenende", "abend", "morgen", "tag", "kapitel", "beispiel", "vergleich",
        "durchschnitt", "moment", "grunde", "rahmen", "januar", "februar", "märz", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "dezember", "vorjahr", "schnitt", "alter",
        "zeitraum", "bereich", "fall", "folgenden", "mittel", "jahrgang", "artikel", "absatz", "paragraph",
        "band", "heft", "teil", "level", "stufe", "platz",
    ]

    /// Spanish, Italian and Catalan street types written before the name: "Calle Mayor 5",
    /// "Via Roma 10", "C/ Alcalá 45".
    static let romancePrefixes: [String] = [
        "calle", "c/", "c.", "avenida", "avda.", "avda", "av.", "plaza", "pza.", "paseo", "pº", "camino",
        "carrera", "carretera", "ctra.", "ronda", "travesía", "travesia", "rambla", "glorieta",
        "urbanización", "urb.", "callejón", "cañada", "alameda", "acceso", "pasaje", "cuesta",
        "pasadizo", "vial", "via", "vía", "bulevar", "costanilla", "plazuela", "carrer", "passeig",
        "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "strada", "borgo", "contrada",
        "rotonda", "incrocio", "stretto", "canale", "lungomare", "lungotevere", "località", "salita",
        "vico", "praça", "rua", "avenue", "rue",
        // Portuguese (faker 40.63.0 pt_BR street_prefixes)
        "aeroporto", "área", "avenida", "campo", "chácara", "colônia", "condomínio", "conjunto", "distrito",
        "esplanada", "estação", "estrada", "favela", "fazenda", "feira", "jardim", "ladeira", "lago", "lagoa",
        "loteamento", "morro", "núcleo", "parque", "passarela", "pátio", "praia", "quadra", "recanto",
        "residencial", "rodovia", "setor", "sítio", "travessa", "trecho", "trevo", "vale", "vereda",
        "viaduto", "viela", "vila",
    ]

    /// French street types after the house number: "12 rue de la Paix", "3, boulevard Saint-Germain".
    static let frenchTypes: [String] = [
        "rue", "avenue", "av.", "ave", "boulevard", "bd", "bd.", "bld", "blvd", "place", "pl.", "chemin",
        "ch.", "impasse", "imp.", "allée", "allee", "quai", "route", "rte", "cours", "square",
        "passage", "voie", "rond-point", "faubourg", "fbg", "sentier", "esplanade", "promenade",
        "résidence", "lotissement", "hameau", "cité", "villa", "parvis", "montée", "traverse", "ruelle",
        "carrefour", "chaussée", "galerie", "mail", "port", "rampe", "venelle",
    ]

    /// Lowercase linking words inside French, Spanish and Italian street names.
    static let nameParticles: [String] = [
        "de", "du", "des", "de la", "d'", "d’", "l'", "l’", "la", "le", "les", "aux", "au", "del", "de los",
        "de las", "los", "las", "el", "y", "i", "di", "della", "delle", "dei", "degli", "dello", "da", "do",
        "dos", "das", "van", "von", "der", "den", "sur", "en", "lès", "sous",
    ]

    /// Capitalized words between a house number and an English street type that show a
    /// headline or list rather than an address ("10 Best Park Avenue Restaurants").
    static let headlineWords: [String] = [
        "best", "top", "things", "ways", "tips", "reasons", "great", "easy", "simple", "steps", "days",
        "years", "hours", "minutes", "times", "people", "men", "women", "of", "the", "a", "and", "to",
        "in", "on", "for", "with", "star", "stars", "points", "page", "pages", "chapter", "part", "kilometer", "kilometers", "km",
        "miles", "mile", "meter", "meters", "metres", "feet", "foot", "acres", "hectares", "inch", "inches",
    ]

    /// Lowercase words allowed right after an English street line in running text
    /// ("123 Main Street in Springfield").
    static let englishFollowers: [String] = [
        "in", "at", "on", "near", "and", "or", "is", "was", "between", "where", "which", "that", "has",
        "had", "will", "to", "from", "with", "for", "off", "opposite", "across", "behind", "next",
    ]
}
