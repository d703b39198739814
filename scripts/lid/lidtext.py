"""Text helpers for building Quarry's language-ID data (issue 7 item 3): locale -> label
normalisation, markup cleaning, script checks, sentence splitting.

Standard library only. Labels follow classify-contracts: ISO 639-1 when one exists else
639-3; zh is split into zh-Hans / zh-Hant by locale; sr is Cyrillic only (sr@latin and
sr_Latn are dropped); no/nb -> nb; pt_BR -> pt; en variants (en_GB, ...) -> en.
"""
import html
import re

# --- locale -> label ---------------------------------------------------------------------
LOCALE_RE = re.compile(r"^([a-z]{2,3})([_-][A-Za-z]{2,4})?([_-][A-Za-z0-9]{2,8})?(@[a-z]+)?$")
# Locale codes whose 639-1/639-3 form differs from what catalogues use.
LOCALE_ALIAS = {"no": "nb", "in": "id", "iw": "he", "ji": "yi", "pa_IN": "pa"}


def norm_lang(loc):
    """Catalogue/directory locale ('pt_BR', 'zh-TW', 'sr@latin', 'fa-IR') -> label or None."""
    if not loc:
        return None
    loc = loc.strip().split(".")[0].replace("-", "_")
    m = LOCALE_RE.match(loc)
    if not m:
        return None
    base = m.group(1).lower()
    region = (m.group(2) or "")[1:]
    script = (m.group(3) or "")[1:]
    mod = (m.group(4) or "")[1:]
    base = LOCALE_ALIAS.get(base, base)
    if base == "zh":
        if region.upper() in ("TW", "HK", "MO") or "hant" in (region.lower(), script.lower()):
            return "zh-Hant"
        return "zh-Hans"
    if base == "sr" and (mod == "latin" or "latn" in (region.lower(), script.lower())):
        return None  # Serbian is trained in Cyrillic only
    if mod and base != "ca":  # ca@valencia is still Catalan; other @variants (en@shaw, ...) dropped
        return None
    return base


# --- cleaning ----------------------------------------------------------------------------
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ACCEL = re.compile(r"(?<![\w&])[_&](?=\w)|\(&\w\)|\(_\w\)")
WS = re.compile(r"\s+")
# printf / Python / brace / shell placeholders: strings carrying them are mostly code.
FMT = re.compile(r"%(\([A-Za-z_][\w]*\))?[-+ #0']*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t|I64|I32|I)?"
                 r"[diouxXeEfFgGcrsaApn%]|%\d+\$|%<\w+>|%[A-Za-z]|\{[\w.:!\[\]]*\}|\$\{\w+\}|\$\w+|%[A-Z]+%|<\w+>:")
CODEY = re.compile(r"https?:|www\.|@|\\|[{}<>=]|::|->|\w\.\w+\(|/\w+/|\b\w+_\w+\b|\b[a-z]+[A-Z]\w+")


def clean_ui(s):
    """A translated UI string -> plain text (tags, entities, accelerators removed)."""
    s = html.unescape(TAG.sub(" ", s.replace("\\n", " ")))
    s = ACCEL.sub("", s)
    return WS.sub(" ", s).strip()


# --- scripts -----------------------------------------------------------------------------
SCRIPT_RANGES = {
    "Latn": "A-Za-z\u00C0-\u024F\u1E00-\u1EFF",
    "Cyrl": "\u0400-\u052F",
    "Grek": "\u0370-\u03FF\u1F00-\u1FFF",
    "Armn": "\u0530-\u058F",
    "Hebr": "\u0590-\u05FF",
    "Arab": "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF",
    "Deva": "\u0900-\u097F", "Beng": "\u0980-\u09FF", "Guru": "\u0A00-\u0A7F",
    "Gujr": "\u0A80-\u0AFF", "Orya": "\u0B00-\u0B7F", "Taml": "\u0B80-\u0BFF",
    "Telu": "\u0C00-\u0C7F", "Knda": "\u0C80-\u0CFF", "Mlym": "\u0D00-\u0D7F",
    "Sinh": "\u0D80-\u0DFF", "Thai": "\u0E00-\u0E7F", "Laoo": "\u0E80-\u0EFF",
    "Tibt": "\u0F00-\u0FFF", "Mymr": "\u1000-\u109F", "Geor": "\u10A0-\u10FF\u1C90-\u1CBF\u2D00-\u2D2F",
    "Ethi": "\u1200-\u139F", "Khmr": "\u1780-\u17FF", "Mong": "\u1800-\u18AF",
    "Hang": "\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F",
    "Kana": "\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F",
    "Hani": "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF",
}
SCRIPT_RE = {k: re.compile("[" + v + "]") for k, v in SCRIPT_RANGES.items()}
# Not letters: whitespace, digits, ASCII punctuation/symbols, general and CJK punctuation,
# full-width forms. Everything else (letters *and* combining marks of Indic scripts) counts.
NONLETTER = re.compile(r"[\s0-9!-/:-@\[-`{-~\u00A0-\u00BF\u00D7\u00F7\u2000-\u2BFF\u3000-\u303F\uFF00-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]")
# Scripts written without spaces between words (word/phrase buckets use character chunks).
NOSPACE_LANGS = {"zh-Hans", "zh-Hant", "ja", "th", "km", "lo", "my", "bo", "dz"}
NOSPACE = re.compile("[" + SCRIPT_RANGES["Thai"] + SCRIPT_RANGES["Laoo"] + SCRIPT_RANGES["Khmr"]
                     + SCRIPT_RANGES["Mymr"] + SCRIPT_RANGES["Kana"] + SCRIPT_RANGES["Hani"]
                     + SCRIPT_RANGES["Tibt"] + "]")

# Expected script per label (default Latn).
LANG_SCRIPT = {
    "ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl", "bg": "Cyrl", "mk": "Cyrl", "sr": "Cyrl", "kk": "Cyrl",
    "ky": "Cyrl", "mn": "Cyrl", "tg": "Cyrl", "tt": "Cyrl", "ba": "Cyrl", "cv": "Cyrl", "os": "Cyrl",
    "el": "Grek", "hy": "Armn", "he": "Hebr", "yi": "Hebr",
    "ar": "Arab", "fa": "Arab", "ur": "Arab", "ug": "Arab", "ps": "Arab", "sd": "Arab", "ks": "Arab",
    "ckb": "Arab",
    "hi": "Deva", "mr": "Deva", "ne": "Deva", "sa": "Deva", "mai": "Deva", "kok": "Deva", "brx": "Deva",
    "bn": "Beng", "as": "Beng", "mni": "Beng", "pa": "Guru", "gu": "Gujr", "or": "Orya", "ta": "Taml",
    "te": "Telu", "kn": "Knda", "ml": "Mlym", "si": "Sinh", "th": "Thai", "lo": "Laoo", "bo": "Tibt",
    "dz": "Tibt", "my": "Mymr", "ka": "Geor", "am": "Ethi", "ti": "Ethi", "km": "Khmr",
    "ko": "Hang", "ja": "Jpan", "zh-Hans": "Hani", "zh-Hant": "Hani",
}
# ISO 15924 code written by language_id_v1 for each label (Jpan for ja, Kore for ko).
LABEL_SCRIPT_15924 = {"ja": "Jpan", "ko": "Kore", "zh-Hans": "Hans", "zh-Hant": "Hant"}


def letters(s):
    return len(s) - len(NONLETTER.findall(s))


def script_ok(lang, s, share=0.7):
    """True when at least `share` (fraction, 0-1) of the letters of s are in lang's script.
    ja: kana + kanji, and at least one kana (kanji-only strings cannot be told from Chinese);
    zh: Han and no kana; ko: Hangul >= 0.5 (mixed-script UI is common)."""
    n = letters(s)
    if n == 0:
        return False
    sc = LANG_SCRIPT.get(lang, "Latn")
    if sc == "Jpan":
        kana = len(SCRIPT_RE["Kana"].findall(s))
        return kana > 0 and kana + len(SCRIPT_RE["Hani"].findall(s)) >= share * n
    if sc == "Hani":
        return not SCRIPT_RE["Kana"].search(s) and len(SCRIPT_RE["Hani"].findall(s)) >= share * n
    if sc == "Hang":
        return len(SCRIPT_RE["Hang"].findall(s)) >= 0.5 * n
    return len(SCRIPT_RE[sc].findall(s)) >= share * n


def word_count(s):
    return len(s.split())


def is_sentence_like(s):
    """>= 4 words, or >= 10 characters of a script written without spaces."""
    return word_count(s) >= 4 or len(NOSPACE.findall(s)) >= 10


def mostly_text(s):
    """At least half of the characters are letters (or Indic marks), no placeholders or code."""
    if not s or letters(s) < 0.5 * len(s) or letters(s) < 2:
        return False
    if FMT.search(s) or CODEY.search(s):
        return False
    return True


def key(s):
    """Deduplication key: case-folded, whitespace-collapsed, trailing punctuation dropped."""
    return WS.sub(" ", s.casefold()).strip().rstrip(".:!?。！？…").strip()


# --- sentence splitting (prose) ----------------------------------------------------------
SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[\"'«„(\[]?[A-Z\u00C0-\u024F\u0370-\u052F\u0590-\u06FF\u0900-\u0DFF])"
                   r"|(?<=[。！？])|(?<=[।॥])\s+")


def sentences(text, max_chars=400):
    """Paragraphs separated by blank lines -> sentences of >= 4 words (or 10 no-space chars),
    at most max_chars characters, at least 60 % letters."""
    for para in re.split(r"\n\s*\n", text):
        para = WS.sub(" ", para).strip()
        if not para:
            continue
        for s in SPLIT.split(para):
            s = s.strip() if s else ""
            if not s or len(s) > max_chars or not is_sentence_like(s):
                continue
            if letters(s) < 0.6 * len(s):
                continue
            yield s
