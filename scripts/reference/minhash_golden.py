"""Reference data for QuarryDedup's text normalization (Sources/QuarryDedup/DedupNormalization*.swift).

Quarry's MinHash and exact dedup normalize text as datatrove 0.10.1's `simplify_text`
(src/datatrove/utils/text.py) does: `str.lower()`, every run of decimal digits (with at most one
decimal separator inside) becomes "0", punctuation becomes a space, whitespace runs collapse to
one space and the ends are trimmed. Two subcommands:

  tables   writes Sources/QuarryDedup/DedupNormalizationTables.swift: the `regex` module's \\p{Nd}
           (the class datatrove's NUMBERS_PATTERN uses) as a sorted code-point table. Python's
           str.lower() comes from QuarryText's PythonLowercaseTables.swift, written by
           scripts/reference/python_unicode_tables.py lowercase.
  golden   writes Tests/QuarryDedupTests/Fixtures/simplify_text_golden.jsonl: adversarial strings
           and what `simplify_text` makes of them, one JSON object per line {"text", "expected"}.

Two settings differ from `simplify_text`'s defaults, on purpose, and the expected outputs are
made with them:
  - norm_unicode_diacritics=False: Quarry's normalization has no diacritics step (its options
    are lowercase, whitespace, punctuation, digits).
  - punctuation is datatrove's PUNCTUATION_SET (PUNCTUATION plus TERMINAL_PUNCTUATION, what
    QuarryText.PunctuationClasses holds), not PUNCTUATION alone, which `simplify_text`'s
    translation table covers: sentence ends of other scripts (the danda, the Arabic question
    mark, the Ethiopic full stop ...) are removed too. The script prints how many golden strings
    this changes.

usage (pinned reference venv: datatrove==0.10.1, regex==2026.11.19, Python 3.11.7; see
scripts/reference/requirements-reference.txt):
  .venv-ref/bin/python scripts/reference/minhash_golden.py tables > Sources/QuarryDedup/DedupNormalizationTables.swift
  .venv-ref/bin/python scripts/reference/minhash_golden.py golden > Tests/QuarryDedupTests/Fixtures/simplify_text_golden.jsonl
"""
import json
import sys
import unicodedata
from importlib.metadata import version

import regex
from datatrove.utils import text as dt_text
from datatrove.utils.text import PUNCTUATION_SET, TextNormConfig, simplify_text

EXPECTED_UNICODE = "14.0.0"
CONFIG = TextNormConfig(norm_unicode_diacritics=False)

# Adversarial inputs: case mappings that are not one-to-one, digits of other scripts, decimal
# separators, whitespace Python knows and some it does not, punctuation inside and between words.
STRINGS = [
    "",
    "   ",
    "Hello, World!",
    "  Leading and trailing  \n",
    "tabs\tand\nnewlines\r\nand\x0bvertical\x0cfeeds",
    "no\u00a0break\u2003em\u3000ideographic\u2028line\u2029para\u0085nel",
    "zero\u200bwidth\u2060joiner\ufeffbom are not spaces",
    "\x1cfile\x1dgroup\x1erecord\x1funit separators",
    "\x00nul \x07bell \x7fdel \x80c1 \x9fc1",
    "İstanbul'da IŞIK ılık",
    "DİYARBAKIR ve ISPARTA",
    "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ",
    "ΣΑ Σ ΑΣ ΑΣ' ΑΣ.Β Α'Σ",
    "Ὀδυσσεύς ΚΑΛΗΜΈΡΑ",
    "STRAẞE Straße MASSE",
    "ǅemal Ǆ ǈ ǋ",
    "Kelvin \u212a Ohm \u2126 Angstrom \u212b",
    "ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ",
    "Ⅻ Roman ⅻ Ⓐ circled",
    "Deseret 𐐀𐐁 Adlam 𞤀",
    "Cherokee ᎠᎡᎢ Georgian ᲐᲑᲒ",
    "Armenian ԱԲԳ ﬓ",
    "pi is 3.14 and e is 2,718",
    "1,000,000 people in 2024",
    "version 1.2.3-beta",
    "phone +1 (555) 123-4567",
    "Arabic-Indic ٣٫١٤ and ١٢٣،٤٥",
    "Devanagari १२३४ Bengali ১২৩ Thai ๑๒๓",
    "fullwidth １２３ mathematical 𝟏𝟐𝟑",
    "PUNCTUATION holds fullwidth one: １ x１y １.５",
    "superscript ² fraction ½ roman Ⅻ are not Nd",
    "12⎖34 and 5⎗6 and 7⎘8",
    "a1b2c3 x9.y 9.",
    ".5 and 5. and 5..5",
    "“Quoted” «guillemets» „low“ ‘single’",
    "em—dash en–dash hyphen-minus ‐hyphen",
    "中文，标点。「引号」【括号】《书名》！？",
    "我们现在口头上常说的大模型，就是大语言模型。",
    "日本語のテキスト、句読点。カタカナ！",
    "ภาษาไทย ๆ ฯ",
    "हिन्दी वाक्य। दूसरा॥",
    "عربي؟ نعم، لا؛",
    "ኢትዮጵያ። ሰላም፣",
    "‼ ⁇ ⁈ ⁉ ‽",
    "combining e\u0301 vs \u00e9 and A\u030a",
    "emoji 👍🏽 family 👨‍👩‍👧 flags 🇫🇷",
    "soft\u00adhyphen and ZWNJ\u200c",
    "https://Example.COM/Path?Query=1&b=2#frag",
    "email Foo.Bar@Example.org",
    "don't U.S.A. e.g. i.e.",
    "Mixed CASE WiTh 123 NUMBERS and __under__scores",
    "!!!???...",
    "...Ἀθῆναι ΑΘΗΝΑΙ",
]


def ranges_of(points: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1][1] == p - 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def swift_array(name: str, doc: str, values: list[int], per_row: int = 10) -> str:
    rows = ["        " + ", ".join(f"0x{v:04X}" for v in values[i : i + per_row]) + "," for i in range(0, len(values), per_row)]
    return f"    /// {doc}\n    static let {name}: [UInt32] = [\n" + "\n".join(rows) + "\n    ]\n"


def tables() -> None:
    if unicodedata.unidata_version != EXPECTED_UNICODE:
        sys.exit(f"expected Unicode {EXPECTED_UNICODE} (Python 3.11), found {unicodedata.unidata_version}")
    digit = regex.compile(r"\p{Nd}")
    digits = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and digit.match(chr(cp))]
    digit_ranges = ranges_of(digits)
    print(f"// Generated by scripts/reference/minhash_golden.py tables from Python {sys.version.split()[0]}'s")
    print(f"// Unicode {unicodedata.unidata_version} database: the regex {version('regex')} module's \\p{{Nd}}.")
    print("// Do not edit by hand; regenerate with the command in the script's docstring.")
    print()
    print("extension DedupNormalization {")
    print(swift_array("digitRangeBounds",
                      f"Decimal digits (\\p{{Nd}}): {len(digit_ranges)} inclusive ranges as first, last pairs, sorted.",
                      [v for r in digit_ranges for v in r], per_row=8))
    print("}")


def golden() -> None:
    stock = [simplify_text(s, CONFIG) for s in STRINGS]
    dt_text.PUNCTUATION_TRANS = str.maketrans("".join(sorted(PUNCTUATION_SET)), " " * len(PUNCTUATION_SET))
    changed = 0
    for s, before in zip(STRINGS, stock):
        expected = simplify_text(s, CONFIG)
        changed += expected != before
        print(json.dumps({"text": s, "expected": expected}, ensure_ascii=False))
    print(f"{len(STRINGS)} strings; {changed} differ from simplify_text's own PUNCTUATION table", file=sys.stderr)


if __name__ == "__main__":
    {"tables": tables, "golden": golden}[sys.argv[1]]()
