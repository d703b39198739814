#!/usr/bin/env python3
"""Reference word and sentence segments for Quarry's ICUWordTokenizer, from PyICU 2.17 (ICU's C++
BreakIterator on UTF-16 text; requirements-icu.txt says how to install it).

For each case (locale, text) writes the UTF-8 byte ranges of:
  words      the UAX #29 word segments (BreakIterator.createWordInstance(locale)) with blanks
             trimmed and blank segments left out;
  sentences  the sentence segments (createSentenceInstance(locale + "@ss=standard"), ICU's
             abbreviation suppressions) with blanks trimmed and blank segments left out.
Blanks are Unicode White_Space (icu.Char.isUWhiteSpace) plus U+200B, U+2060 and U+FEFF, as
Quarry defines them (Sources/CICU/cicu_break.c).

The texts: sentences written for the test, one per script ICU segments by dictionary, and
excerpts of documents of the web sample (shared/corpora/web-sample; Debian documentation under
free licences) extracted by Quarry (the `text` of `quarry extract`'s output, the file given as
EXTRACTED; ids below).

  /tmp/venv-icu/bin/python scripts/reference/icu_segments.py EXTRACTED.jsonl \
      Tests/QuarryTextTests/Fixtures/icu-segments.json
"""

import json
import sys

import icu

WRITTEN = [
    ("zh", "我们现在口头上常说的大模型，实际上特指大模型的其中一类。"),
    ("zh", "今天天气很好。我们去公园吧！你觉得呢？好的"),
    ("ja", "私は東京大学で自然言語処理を研究しています。カタカナのコンピューターも使います。"),
    ("ja", "今日は晴れです。公園に行きましょう！どう思いますか？はい"),
    ("th", "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ"),
    ("lo", "ພາສາລາວເປັນພາສາທີ່ສວຍງາມ"),
    ("km", "ភាសាខ្មែរជាភាសាផ្លូវការ"),
    ("my", "မြန်မာဘာသာစကားသည်လှပသည်"),
    ("ko", "한국어는 띄어쓰기를 합니다. 그렇죠?"),
    ("en", "I can't pay $3.14 for e-mail, ok? U.S.A. is 10,000.5 km wide; user@example.com said \"hi\"."),
    ("en", "Mr. Smith went to Washington. He arrived at 5 p.m. yesterday! Did he? Yes."),
    ("en", "  leading and\ttrailing\u00a0blanks \u200b zero\u2060width\ufeff \u3000 ideographic  \n"),
    ("en", "Emoji 👍🏽 and family 👨\u200d👩\u200d👧 flags 🇫🇷🇩🇪, combining e\u0301 and a lone \u0301 mark."),
    ("zh", "中文English混合123，还有日本語のテキストและภาษาไทย。"),
]

# (id suffix of the web-sample document, locale, characters kept from the start)
EXCERPTS = [
    ("25cbd1b77c63", "zh", 700),   # installation-guide-amd64 zh_CN ch08s02
    ("79b6711c53a4", "zh", 700),   # debian-handbook zh-TW sect.common-procedures
    ("d29319172f06", "ja", 700),   # installation-guide-amd64 ja ch04s04
    ("1e6467251932", "ja", 700),   # installation-guide-amd64 ja ch05s02
    ("e26bdf59a3ea", "ko", 500),   # installation-guide-amd64 ko ch07s03
]

EXTRA_BLANKS = {0x200B, 0x2060, 0xFEFF}


def is_blank(ch):
    return ord(ch) in EXTRA_BLANKS or icu.Char.isUWhiteSpace(ch)


def utf8_ranges(text, iterator):
    """The segments of `iterator` over `text`, blank-trimmed and non-blank, as UTF-8 byte ranges."""
    iterator.setText(text)
    u16 = text.encode("utf-16-le")
    # UTF-16 index -> code point index, for the boundaries ICU returns.
    starts = []
    for i, ch in enumerate(text):
        starts.extend([i] * (2 if ord(ch) > 0xFFFF else 1))
    starts.append(len(text))
    byte_at = [0]
    for ch in text:
        byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
    out = []
    start = iterator.first()
    for end in iterator:
        s, e = starts[start], starts[end]
        while s < e and is_blank(text[s]):
            s += 1
        while e > s and is_blank(text[e - 1]):
            e -= 1
        if s < e:
            out.append([byte_at[s], byte_at[e]])
        start = end
    assert len(u16) == 2 * (len(starts) - 1)
    return out


def case(locale, text, origin):
    words = icu.BreakIterator.createWordInstance(icu.Locale(locale))
    sentences = icu.BreakIterator.createSentenceInstance(icu.Locale(locale + "@ss=standard"))
    return {"origin": origin, "locale": locale, "text": text,
            "words": utf8_ranges(text, words), "sentences": utf8_ranges(text, sentences)}


def main():
    extracted, output = sys.argv[1], sys.argv[2]
    docs = {}
    with open(extracted, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"][-12:]] = d["text"]
    cases = [case(locale, text, "written") for locale, text in WRITTEN]
    for suffix, locale, keep in EXCERPTS:
        cases.append(case(locale, docs[suffix][:keep], "web-sample " + suffix))
    fixture = {"icu_version": icu.ICU_VERSION, "pyicu_version": icu.VERSION,
               "unicode_version": icu.UNICODE_VERSION, "cases": cases}
    with open(output, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
