"""Shared helpers of the extraction-quality evaluation scripts (scripts/eval/).

Paths, the page list (Benchmarks/extraction/eval-pages.jsonl), id <-> file-name mapping,
and the small script/stop-word language guesser used by select_pages.py for pages whose
lang_hint is missing or contradicted by the text.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("QUARRY_CORPUS", REPO.parent / "shared" / "corpora" / "web-sample"))
SCRATCH = Path(os.environ.get("QUARRY_EVAL_SCRATCH", "/work/eval-scratch"))
BENCH = REPO / "Benchmarks" / "extraction"
PAGES = BENCH / "eval-pages.jsonl"
TRUTH_BAGS = BENCH / "ground-truth.jsonl"

WEB_SOURCES = ("trafilatura", "readability", "postlight", "goose3", "resiliparse")


def group_of(source: str) -> str:
    return "web" if source in WEB_SOURCES else "docs"


def key_of(doc_id: str) -> str:
    """File-name stem of a page: the uuid of its WARC-Record-ID (``urn:uuid:<uuid>``)."""
    return doc_id.rsplit(":", 1)[-1].strip("<>")


def visible_text(html: str) -> str:
    """The page's full visible text: Resiliparse extract_plain_text, main_content=False (no
    alt texts, no form fields, no noscript), block structure kept as line breaks."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(html), main_content=False, alt_texts=False)


def read_html(page: dict, mode: str = "utf8", scratch: Path = SCRATCH) -> str | bytes:
    """The page's HTML: "utf8" = the corpus' decoded string (html-utf8/), "raw" = the original
    payload bytes (html/)."""
    if mode == "raw":
        return (scratch / "html" / page["file"]).read_bytes()
    return (scratch / "html-utf8" / page["file"]).read_text(encoding="utf-8")


def load_pages(path: Path = PAGES) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class PageIndex:
    """Maps every name a system may give a page to its key.

    Accepted: the full id (``urn:uuid:...``), the key (uuid), the HTML file name
    (``<key>.html``) or any path ending in it, with an optional ``#N`` suffix (Quarry's
    document ids are ``<relative file name>#<n>``), and ``<key>.txt``.
    """

    def __init__(self, pages: list[dict]):
        self.pages = pages
        self.by_key = {p["key"]: p for p in pages}
        self.by_url = {p["url"]: p["key"] for p in pages}
        self.alias: dict[str, str] = {}
        for p in pages:
            for name in (p["id"], p["key"], p["file"], Path(p["file"]).stem):
                self.alias[name] = p["key"]

    def resolve(self, name: str) -> str | None:
        name = name.strip()
        if name in self.alias:
            return self.alias[name]
        base = re.sub(r"#\d+$", "", name)
        base = base.replace("\\", "/").rsplit("/", 1)[-1]
        if base in self.alias:
            return self.alias[base]
        stem = re.sub(r"\.(html?|txt|json)$", "", base, flags=re.I)
        if stem in self.alias:
            return self.alias[stem]
        return self.alias.get(key_of(stem))


# ---------------------------------------------------------------------------------------
# Language: normalize lang_hint, and guess from the text when needed.

# Languages that occur in the corpus' lang_hints (primary subtags).
KNOWN_LANGS = {
    "ar", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "hr", "hu", "id", "it",
    "ja", "ko", "nb", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "vi", "zh",
}


def normalize_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    primary = hint.strip().lower().replace("_", "-").split("-")[0]
    primary = {"nb": "no", "nn": "no"}.get(primary, primary)
    return primary if primary in KNOWN_LANGS else None


# Frequent function words; enough to tell the Latin-script languages of the corpus apart.
_STOP = {
    "en": "the of and to in is that for it with as was on are be this by not or from have at which you",
    "de": "der die und das ist nicht mit den von zu sich des auf ein eine im dem für auch werden wird sie",
    "fr": "le la les et des est que une pour dans du en qui pas sur par au sont avec ce il vous",
    "es": "el la de que los las en del una por con para es se no al lo como más su",
    "pt": "o a os as de que do da em um uma para com não é no na dos se por",
    "it": "il la di che e è un una per non del della in con sono gli le da si lo",
    "nl": "de het een en van is dat niet op te zijn voor met er als ook aan",
    "pl": "i w nie się na że to z do jest o jak co ale po tak dla przez",
    "cs": "a v se na je že s z do to pro jako o ale by jsou při",
    "sv": "och att det som en på är av för med till den inte har om",
    "da": "og at det som en på er af for med til den ikke har de",
    "no": "og i det som en på er av for med til den ikke har de å jeg vi",
    "ro": "și în de la care cu nu pe un o este să din se mai",
    "tr": "ve bir bu için ile da de olarak gibi daha çok olan ne",
    "id": "dan yang di untuk dengan dari ini itu tidak pada akan ke",
    "vi": "và của là có các được cho không một những trong này",
    "hr": "i u je na se da za su od s iz ne koji kao",
    "fi": "ja on ei se että oli hän mutta kun tai ovat",
}
_STOP_SETS = {lang: set(words.split()) for lang, words in _STOP.items()}

_SCRIPT_RANGES = [
    ("ja-kana", 0x3040, 0x30FF),
    ("hangul", 0xAC00, 0xD7AF),
    ("han", 0x4E00, 0x9FFF),
    ("cyrillic", 0x0400, 0x04FF),
    ("greek", 0x0370, 0x03FF),
    ("arabic", 0x0600, 0x06FF),
]


def script_counts(text: str) -> Counter:
    c: Counter = Counter()
    for ch in text:
        cp = ord(ch)
        if ch.isalpha():
            for name, lo, hi in _SCRIPT_RANGES:
                if lo <= cp <= hi:
                    c[name] += 1
                    break
            else:
                if cp < 0x250:
                    c["latin"] += 1
    return c


def guess_lang(text: str) -> tuple[str | None, float]:
    """(language, confidence in [0, 1]) from the script mix and stop words; None if unsure."""
    sc = script_counts(text)
    total = sum(sc.values())
    if total < 50:
        return None, 0.0
    if sc["ja-kana"] > 0.05 * total:
        return "ja", sc["ja-kana"] / total
    if sc["hangul"] > 0.2 * total:
        return "ko", sc["hangul"] / total
    if sc["han"] > 0.2 * total:
        return "zh", sc["han"] / total
    if sc["cyrillic"] > 0.3 * total:
        return "ru", sc["cyrillic"] / total
    if sc["greek"] > 0.3 * total:
        return "el", sc["greek"] / total
    if sc["arabic"] > 0.3 * total:
        # Persian has a few letters Arabic lacks
        fa = sum(text.count(ch) for ch in "پچژگ")
        return ("fa" if fa > 0.01 * sc["arabic"] else "ar"), sc["arabic"] / total
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return None, 0.0
    hits = {lang: sum(1 for w in words if w in s) for lang, s in _STOP_SETS.items()}
    best = max(hits, key=hits.get)
    ranked = sorted(hits.values(), reverse=True)
    # at least 5 stop words, and twice as many as of any other language (da/no, cs/pl and
    # es/pt are close: a near tie is no guess)
    if ranked[0] < 5 or ranked[0] < 2 * ranked[1]:
        return None, 0.0
    return best, 1.0 - ranked[1] / ranked[0]


def stop_hits(text: str) -> dict[str, int]:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {lang: sum(1 for w in words if w in s) for lang, s in _STOP_SETS.items()}
