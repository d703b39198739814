"""Golden decisions of datatrove's C4BadWordsFilter for c4_badwords_v1.

Runs datatrove 0.10.1's own C4BadWordsFilter (src/datatrove/pipeline/filters/c4_filters.py)
over synthetic test strings in each of its 28 languages and writes one JSON line per string:
{"lang": ..., "text": ..., "drop": true|false}. No network: datatrove's list download is
pointed at the lists committed in Sources/QuarryFilters/Wordlists/ldnoobw/ (the same files at
the same commits datatrove pins), so datatrove builds its regular expressions from them itself.

The strings put list words at word boundaries, inside longer words, next to punctuation,
digits, underscores, combining marks and emoji, in upper and title case, and next to the
characters whose lower case is special in Python (İ, the Kelvin sign, ẞ, final sigma,
full-width letters); plus text without list words. Generation is seeded, so the output is
the same on every run.

usage: .venv-ref/bin/python scripts/reference/badwords_golden.py \
           > Tests/QuarryFiltersTests/Fixtures/badwords-golden.jsonl
       .venv-ref/bin/python scripts/reference/badwords_golden.py --docs /work/parity/en-docs.jsonl \
           > /tmp/en-docs-badwords.jsonl     (decisions for a JSONL corpus: {"id", "drop"})
(datatrove==0.10.1, Python 3.11: scripts/reference/requirements-reference.txt)
"""
import argparse
import json
import pathlib
import random
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import c4_filters

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
LISTS = ROOT / "Sources" / "QuarryFilters" / "Wordlists" / "ldnoobw"
PER_LANGUAGE = 120


def local_list(url: str, **_kwargs) -> str:
    """Stands in for datatrove's download: the committed file of the language in `url`."""
    language = url.rsplit("/", 1)[1]
    assert url in (c4_filters._EN_BADWORDS_URL, c4_filters._BADWORDS_URL + language), url
    return str(LISTS / f"{language}.txt")


c4_filters.cached_asset_path_or_download = local_list


def make_filter() -> c4_filters.C4BadWordsFilter:
    return c4_filters.C4BadWordsFilter(keep_fraction=0.0, fail_on_missing_language=True, default_language="en")


def decide(badwords: c4_filters.C4BadWordsFilter, lang: str, text: str) -> bool:
    """True when datatrove drops the document."""
    result = badwords.filter(Document(text=text, id="x", metadata={"language": lang}))
    return result is not True


# Characters put next to list words: (text, what it tests).
NEIGHBOURS = [
    " ", "\n", ".", ",", "!", "-", "'", '"', "(", ")", "/", "#", "_", "0", "7", "a", "Z", "é",
    "ж", "中", "ا", "\u0301", "\u200b", "\u00a0", "🙂", "İ", "\u212a", "ẞ", "Σ", "ｘ", "ß", "ı",
]
FILLER = {
    "default": ["the", "house", "river", "green", "table", "music", "window", "paper", "light", "stone"],
    "ja": ["今日", "は", "天気", "が", "良い", "です", "東京", "学校", "ねこ", "カメラ"],
    "zh": ["今天", "天气", "很", "好", "我们", "学习", "中文", "北京", "朋友", "书"],
    "th": ["วันนี้", "อากาศ", "ดี", "มาก", "เรา", "ไป", "โรงเรียน", "หนังสือ", "น้ำ", "บ้าน"],
    "ru": ["дом", "река", "зелёный", "стол", "музыка", "окно", "бумага", "свет", "камень", "город"],
    "ar": ["بيت", "نهر", "أخضر", "طاولة", "موسيقى", "نافذة", "ورق", "ضوء", "حجر", "مدينة"],
    "fa": ["خانه", "رود", "سبز", "میز", "موسیقی", "پنجره", "کاغذ", "نور", "سنگ", "شهر"],
    "ko": ["집", "강", "녹색", "탁자", "음악", "창문", "종이", "빛", "돌", "도시"],
    "hi": ["ghar", "nadi", "hara", "mez", "sangeet", "khidki", "kagaz", "roshni", "patthar", "shahar"],
}


def list_words(lang: str) -> list[str]:
    with open(LISTS / f"{lang}.txt") as f:
        return sorted({line.strip() for line in f})


def variants(word: str, rng: random.Random) -> list[str]:
    forms = [word, word.upper(), word.title(), word.capitalize()]
    if len(word) > 2:
        i = rng.randrange(1, len(word))
        forms.append(word[:i] + word[i:].upper())
    return forms


def generated(lang: str, rng: random.Random) -> list[str]:
    words = list_words(lang)
    filler = FILLER.get(lang, FILLER["default"])
    out = []
    while len(out) < PER_LANGUAGE:
        kind = rng.randrange(7)
        word = rng.choice(words)
        form = rng.choice(variants(word, rng))
        left, right = rng.choice(NEIGHBOURS), rng.choice(NEIGHBOURS)
        sentence = " ".join(rng.choices(filler, k=rng.randrange(0, 6)))
        if kind == 0:  # inside a sentence, at word boundaries or not
            out.append(f"{sentence}{left}{form}{right}{' '.join(rng.choices(filler, k=3))}")
        elif kind == 1:  # at the very start or end of the text
            out.append(f"{form}{right}{sentence}" if rng.random() < 0.5 else f"{sentence}{left}{form}")
        elif kind == 2:  # glued to a filler word
            out.append(f"{rng.choice(filler)}{form}{rng.choice(['', rng.choice(filler)])}")
        elif kind == 3:  # the word alone, maybe with a character before or after
            out.append(rng.choice([form, left + form, form + right, left + form + right]))
        elif kind == 4:  # a word of the list cut short or lengthened
            cut = form[: max(1, len(form) - 1)] if rng.random() < 0.5 else form + form[-1]
            out.append(f"{sentence} {cut} {sentence}")
        elif kind == 5:  # no list word at all
            out.append(" ".join(rng.choices(filler, k=rng.randrange(1, 12))) + rng.choice(["", ".", "!", "\n"]))
        else:  # two words of the list with a neighbour between them
            other = rng.choice(words)
            out.append(f"{form}{left}{other}{right}")
    return out


HAND_WRITTEN = [
    ("en", ""), ("en", " "), ("en", "\n\n"), ("en", "A perfectly clean sentence."),
    ("en", "The fuck."), ("en", "FUCK!"), ("en", "fucking"), ("en", "motherfuck"), ("en", "_fuck_"),
    ("en", "2 girls 1 cup"), ("en", "2 GIRLS 1 CUP."), ("en", "2 girls 1 cups"), ("en", "watch 2  girls 1 cup"),
    ("en", "a\u212aill"), ("en", "fuc\u212a"), ("en", "FUC\u212a off"), ("en", "d\u0130ck"), ("en", "dİck"),
    ("en", "ass"), ("en", "assassin"), ("en", "glass"), ("en", "class ass class"), ("en", "ass_"),
    ("en", "ass\u0301"), ("en", "éass"), ("en", "ass🙂"), ("en", "🖕"), ("en", "a🖕b"), ("en", "x 🖕 y"),
    ("en", "sexy"), ("en", "Sex-y"), ("en", "sex\ntoy"), ("en", "sex toy"), ("en", "SEX TOY"),
    ("en", "ｓｅｘ"), ("en", "Ｓｅｘ"), ("en", "sex\u00a0"), ("en", "sex\u200b"), ("en", "3sex"), ("en", "sex3"),
    ("de", "Das ist MILF."), ("de", "milf"), ("es", "Mierda"), ("es", "mierda"), ("tr", "ÇINGENE"),
    ("ja", "女の子が好き"), ("ja", "SMプレイ"), ("ja", "グロ画像"), ("zh", "性别"), ("zh", "版本13.2"),
    ("zh", "卖B"), ("zh", "卖b"), ("th", "กูไป"), ("th", "หนังสือ"), ("fr", "MALPT"), ("fr", "malpt"),
    ("tlh", "QI'yaH"), ("tlh", "qi'yah"), ("ru", "ΟΔΟΣ блядь"), ("ru", "БЛЯДЬ"), ("ko", "씨발"),
    ("fr-CA-u-sd-caqc", "tabarnak"), ("fil", "putang ina mo"), ("hi", "teri maa ki behenchod"),
]


def fixture() -> None:
    badwords = make_filter()
    for lang, text in HAND_WRITTEN:
        print(json.dumps({"lang": lang, "text": text, "drop": decide(badwords, lang, text)}, ensure_ascii=False))
    rng = random.Random(20240604)
    for lang in c4_filters._BADWORDS_LANGS:
        for text in generated(lang, rng):
            print(json.dumps({"lang": lang, "text": text, "drop": decide(badwords, lang, text)}, ensure_ascii=False))


def corpus(path: str) -> None:
    badwords = make_filter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            lang = (doc.get("metadata") or {}).get("language", "en")
            print(json.dumps({"id": doc["id"], "drop": decide(badwords, lang, doc["text"])}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", help="a JSONL corpus: print decisions for its documents instead")
    args = parser.parse_args()
    corpus(args.docs) if args.docs else fixture()
    sys.stdout.flush()
