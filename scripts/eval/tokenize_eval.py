"""The word tokenizer of the extraction-quality evaluation (shared by make_truth_bags.py
and score.py, so the ground-truth bags and the scored outputs are cut the same way).

Definition (this docstring is the specification; a reimplementation must match it):

1. Normalize the text with Unicode NFKC (full-width Latin becomes ASCII, half-width
   katakana becomes full-width, ligatures are split, compatibility jamo stay as they are),
   then lower-case it with Python's ``str.lower()`` (full Unicode lower-casing).
2. A character is a *word character* when its Unicode general category is a letter or a
   number: ``Lu Ll Lt Lm Lo Nd Nl No``. Everything else (punctuation, symbols, spaces,
   controls, combining marks ``M*``, connector punctuation such as ``_``) separates tokens.
   (After NFKC most accented Latin/Greek/Cyrillic letters are precomposed, so combining
   marks rarely occur in this corpus.)
3. A word character of the Han, Hiragana, Katakana or Hangul scripts (code point ranges
   in ``_CJK_RANGES`` below, e.g. U+4E00-9FFF, U+3040-309F, U+30A0-30FF, U+AC00-D7AF;
   including the prolonged sound mark U+30FC and the iteration mark U+3005, which are
   ``Lm``) is a token by itself: Chinese, Japanese and Korean are scored by characters,
   since they are written without spaces between words (Korean is, but scoring it by
   syllable blocks like Chinese and Japanese keeps the three comparable).
4. Every other maximal run of word characters is one token. A run stops at a CJK character
   (``abc漢字`` gives ``abc``, ``漢``, ``字``).

Examples: ``"Don't stop-me, NOW 2.5%"`` gives ``don t stop me now 2 5``;
``"Ｑｕａｒｒｙ"`` gives ``quarry``; ``"東京タワー is tall"`` gives ``東 京 タ ワ ー is tall``.

Scoring compares bags (multisets) of these tokens: order and line breaks do not matter.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from typing import Iterable

# Han, Hiragana, Katakana and Hangul blocks (inclusive ranges). Only characters in these
# ranges whose category is L* or N* become one-character tokens; punctuation inside the
# blocks (e.g. U+30FB KATAKANA MIDDLE DOT, U+3001 IDEOGRAPHIC COMMA) stays a separator.
_CJK_RANGES = [
    (0x1100, 0x11FF),    # Hangul Jamo
    (0x2E80, 0x2FDF),    # CJK Radicals Supplement, Kangxi Radicals
    (0x3005, 0x3007),    # 々 〆 〇 (iteration mark, closing mark, ideographic zero)
    (0x3021, 0x3029),    # Hangzhou numerals
    (0x3031, 0x3035),    # kana repeat marks
    (0x3038, 0x303C),    # Han-related marks
    (0x3040, 0x309F),    # Hiragana
    (0x30A0, 0x30FF),    # Katakana
    (0x3130, 0x318F),    # Hangul Compatibility Jamo
    (0x31F0, 0x31FF),    # Katakana Phonetic Extensions
    (0x3400, 0x4DBF),    # CJK Extension A
    (0x4E00, 0x9FFF),    # CJK Unified Ideographs
    (0xA960, 0xA97F),    # Hangul Jamo Extended-A
    (0xAC00, 0xD7AF),    # Hangul Syllables
    (0xD7B0, 0xD7FF),    # Hangul Jamo Extended-B
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),    # half-width Katakana (NFKC maps these to full width anyway)
    (0xFFA0, 0xFFDC),    # half-width Hangul
    (0x1AFF0, 0x1B16F),  # Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana Ext.
    (0x20000, 0x2FA1F),  # CJK Extensions B-F, Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # CJK Extensions G-H
]
_CJK_STARTS = [a for a, _ in _CJK_RANGES]


def is_cjk(ch: str) -> bool:
    """True when ch lies in one of the Han/Hiragana/Katakana/Hangul ranges."""
    cp = ord(ch)
    i = bisect.bisect_right(_CJK_STARTS, cp) - 1
    return i >= 0 and cp <= _CJK_RANGES[i][1]


_word_cache: dict[str, int] = {}


def _kind(ch: str) -> int:
    """0 = separator, 1 = word character, 2 = CJK word character (a token by itself)."""
    k = _word_cache.get(ch)
    if k is None:
        cat = unicodedata.category(ch)
        if cat[0] in "LN":
            k = 2 if is_cjk(ch) else 1
        else:
            k = 0
        _word_cache[ch] = k
    return k


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokenize(text: str) -> list[str]:
    """Tokens of text, in order (see the module docstring for the definition)."""
    text = normalize(text)
    out: list[str] = []
    start = -1
    for i, ch in enumerate(text):
        k = _kind(ch)
        if k == 1:
            if start < 0:
                start = i
            continue
        if start >= 0:
            out.append(text[start:i])
            start = -1
        if k == 2:
            out.append(ch)
    if start >= 0:
        out.append(text[start:])
    return out


def bag(text: str) -> Counter:
    """Multiset of the tokens of text."""
    return Counter(tokenize(text))


def overlap(pred: Counter, truth: Counter) -> int:
    """Size of the multiset intersection."""
    if len(pred) > len(truth):
        pred, truth = truth, pred
    return sum(min(c, truth.get(t, 0)) for t, c in pred.items())


def _self_test() -> None:
    assert tokenize("Don't stop-me, NOW 2.5%") == ["don", "t", "stop", "me", "now", "2", "5"]
    assert tokenize("Ｑｕａｒｒｙ") == ["quarry"]
    assert tokenize("東京タワー is tall") == ["東", "京", "タ", "ワ", "ー", "is", "tall"]
    assert tokenize("abc漢字def") == ["abc", "漢", "字", "def"]
    assert tokenize("한국어 텍스트") == ["한", "국", "어", "텍", "스", "트"]
    assert tokenize("ﾃｽﾄ・テスト") == ["テ", "ス", "ト", "テ", "ス", "ト"]
    assert tokenize("Größe STRASSE ÉCOLE") == ["größe", "strasse", "école"]
    assert tokenize("Привет, мир_2") == ["привет", "мир", "2"]
    assert tokenize("") == []
    assert overlap(Counter("aab"), Counter("abbc")) == 2


if __name__ == "__main__":
    import sys

    _self_test()
    if len(sys.argv) > 1:
        for path in sys.argv[1:]:
            with open(path, encoding="utf-8") as f:
                print(path, len(tokenize(f.read())))
    else:
        print("tokenize_eval: self-test passed")
