"""Writes spaCy's tokenizer data as Swift tables: Sources/QuarryText/RuleTokenizerTables.swift (character
classes and affix literals) and RuleTokenizerExceptionTables.swift (tokenizer exceptions and their patterns).

Quarry's RuleTokenizer (Sources/QuarryText/RuleTokenizer*.swift) reimplements the rule-based
tokenizer of spaCy's blank pipelines with hand-written byte scanners. The scanners need facts
from spaCy, which this script reads from the pinned spaCy in the reference virtual environment:

- one flag word per Unicode scalar, for each character class the affix expressions use
  (spacy/lang/char_classes.py: ALPHA, ALPHA_LOWER, ALPHA_UPPER, CONCAT_QUOTES, the icon class,
  the class before a suffix "."), plus Python's str.isspace, the regex classes \\w and \\d (the
  URL expression), Unicode category P* (spaCy's is_punct), the sentencizer's default punctuation
  and the single-character prefix and suffix literals. Every class is evaluated by Python's `re`
  on every code point, so quirks of the class strings (e.g. "|" and "(" inside a class) carry over;
- the literal strings of the prefix, suffix and infix alternatives (units, currencies, ...);
- the tokenizer exceptions of `en` and of the base language (`xx`), and for those the Tokenizer
  also matches across tokens (spacy/tokenizer.pyx add_special_case), their token pattern.

The script asserts that spaCy's compiled prefix/suffix/infix expressions are exactly the
alternatives the Swift scanners implement, so a spaCy upgrade that changes them fails here.

usage: .venv-ref/bin/python scripts/reference/spacy_tables.py [DIRECTORY]   (default: Sources/QuarryText)
(spacy==3.8.18; see scripts/reference/requirements-reference.txt)
"""
import re
import sys
import unicodedata
from importlib.metadata import version

import spacy
from spacy.lang import char_classes as cc
from spacy.lang import punctuation as base_punct
from spacy.lang.en import punctuation as en_punct
from spacy.pipeline.sentencizer import Sentencizer
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

SPACY_VERSION = "3.8.18"

# Flag bits, one per class; the generated Swift names them the same way.
FLAGS = [
    ("space", "Python str.isspace()"),
    ("alpha", "char_classes ALPHA, as the class [{a}]"),
    ("lower", "char_classes ALPHA_LOWER, as [{al}]"),
    ("upper", "char_classes ALPHA_UPPER, as [{au}]"),
    ("quote", "char_classes CONCAT_QUOTES, as [{q}]"),
    ("icon", "char_classes LIST_ICONS (Unicode So symbols and emoji)"),
    ("dotAfter", "the lookbehind class of the suffix \".\": [0-9{al}{e}{p}(?:{q})]"),
    ("punctuation", "Unicode general category P* (spaCy's is_punct)"),
    ("word", "Python re \\w"),
    ("digit", "Python re \\d"),
    ("sentenceEnd", "the sentencizer's default_punct_chars"),
    ("prefixChar", "a one-character prefix alternative (literal or icon)"),
    ("suffixChar", "a one-character suffix alternative (literal or icon)"),
]
BIT = {name: 1 << i for i, (name, _) in enumerate(FLAGS)}
META = set(".^$*+?{}[]|()")


def literal(entry: str) -> str:
    """The string an escaped-literal regex alternative matches; raises for anything else."""
    out, i = [], 0
    while i < len(entry):
        ch = entry[i]
        if ch == "\\":
            out.append(entry[i + 1])
            i += 2
            continue
        if ch in META:
            raise ValueError(f"not a literal: {entry!r}")
        out.append(ch)
        i += 1
    text = "".join(out)
    assert re.fullmatch(entry, text), entry
    return text


def is_literal(entry: str) -> bool:
    try:
        literal(entry)
        return True
    except ValueError:
        return False


def classes() -> dict:
    al, au, a, q, p = cc.ALPHA_LOWER, cc.ALPHA_UPPER, cc.ALPHA, cc.CONCAT_QUOTES, cc.PUNCT
    e = r"%²\-\+"
    return {
        "alpha": f"[{a}]",
        "lower": f"[{al}]",
        "upper": f"[{au}]",
        "quote": f"[{q}]",
        "icon": cc.LIST_ICONS[0],
        "dotAfter": "[0-9{al}{e}{p}(?:{q})]".format(al=al, e=e, p=p, q=q),
        "word": r"\w",
        "digit": r"\d",
    }


def expected_expressions():
    """The alternatives the Swift scanners implement, built the way spacy/lang/punctuation.py
    builds them; checked against the compiled expressions of the blank pipelines."""
    al, au, a, q, p = cc.ALPHA_LOWER, cc.ALPHA_UPPER, cc.ALPHA, cc.CONCAT_QUOTES, cc.PUNCT
    suffix_lookbehinds = [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        r"(?<=[0-9])(?:{c})".format(c=cc.CURRENCY),
        r"(?<=[0-9])(?:{u})".format(u=cc.UNITS),
        r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(al=al, e=r"%²\-\+", q=q, p=p),
        r"(?<=[{au}][{au}])\.".format(au=au),
    ]
    infix_tail = [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        r"(?<=[{al}{q}])\.(?=[{au}{q}])".format(al=al, au=au, q=q),
        r"(?<=[{a}]),(?=[{a}])".format(a=a),
    ]
    en_infixes = cc.LIST_ELLIPSES + cc.LIST_ICONS + infix_tail + [
        r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(a=a, h=cc.HYPHENS),
        r"(?<=[{a}0-9])[:<>=/](?=[{a}])".format(a=a),
    ]
    base_infixes = cc.LIST_ELLIPSES + cc.LIST_ICONS + infix_tail + [
        r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=a, h=cc.HYPHENS),
        r"(?<=[{a}0-9])[:<>=/](?=[{a}])".format(a=a),
    ]
    assert list(en_punct.TOKENIZER_INFIXES) == en_infixes
    assert list(base_punct.TOKENIZER_INFIXES) == base_infixes
    return suffix_lookbehinds, en_infixes, base_infixes


def check_pipeline(lang: str, infixes: list, suffix_lookbehinds: list):
    nlp = spacy.blank(lang)
    tok = nlp.tokenizer
    prefixes = [x for x in base_punct.TOKENIZER_PREFIXES if x.strip()]
    suffixes = [x for x in base_punct.TOKENIZER_SUFFIXES if x.strip()]
    assert tok.prefix_search.__self__.pattern == "|".join("^" + x for x in prefixes), lang
    assert tok.suffix_search.__self__.pattern == "|".join(x + "$" for x in suffixes), lang
    assert tok.infix_finditer.__self__.pattern == "|".join(x for x in infixes if x.strip()), lang
    assert tok.token_match is None, lang
    assert tok.url_match is not None and tok.url_match.__self__.pattern.startswith("(?u)^"), lang
    assert suffixes[-len(suffix_lookbehinds):] == suffix_lookbehinds
    return nlp, prefixes, suffixes


def prefix_literals(prefixes: list):
    """One-character literal prefixes and the multi-character ones (tried before them in Swift,
    which is right only when no earlier alternative can match where they do: checked)."""
    single, multi = set(), []
    specials = {r"\+(?![0-9])", r"\.\.+", cc.LIST_ICONS[0]}
    for i, entry in enumerate(prefixes):
        if entry in specials:
            continue
        text = literal(entry)
        if len(text) == 1:
            single.add(text)
            continue
        earlier = re.compile("|".join("^" + x for x in prefixes[:i]))
        if earlier.search(text):
            continue  # shadowed by an earlier alternative (e.g. "……" after "…")
        multi.append(text)
    for text in multi:
        assert text[0] not in single and text[0] not in "+.", text
    assert "+" not in single and "." not in single
    return single, multi


def suffix_literals(suffixes: list, n_lookbehinds: int):
    single, multi = set(), []
    for entry in suffixes[:-n_lookbehinds]:
        if entry in (r"\.\.+", cc.LIST_ICONS[0]):
            continue
        text = literal(entry)
        (single.add(text) if len(text) == 1 else multi.append(text))
    assert "." not in single and "+" not in single
    return single, multi


def flag_ranges(prefix_single: set, suffix_single: set):
    compiled = {name: re.compile(pattern) for name, pattern in classes().items()}
    sentence = set(Sentencizer.default_punct_chars)
    assert all(len(c) == 1 for c in sentence)
    starts, flags, previous = [], [], None
    for cp in range(0x110000):
        ch = chr(cp)
        f = 0
        if ch.isspace():
            f |= BIT["space"]
        for name, regex in compiled.items():
            if regex.fullmatch(ch):
                f |= BIT[name]
        if unicodedata.category(ch).startswith("P"):
            f |= BIT["punctuation"]
        if ch in sentence:
            f |= BIT["sentenceEnd"]
        if ch in prefix_single or f & BIT["icon"]:
            f |= BIT["prefixChar"]
        if ch in suffix_single or f & BIT["icon"]:
            f |= BIT["suffixChar"]
        if f != previous:
            starts.append(cp)
            flags.append(f)
            previous = f
    # Classes the scanners build as unions of flags: checked here.
    al, au, a, q = cc.ALPHA_LOWER, cc.ALPHA_UPPER, cc.ALPHA, cc.CONCAT_QUOTES
    unions = [(f"[{al}{q}]", ["lower", "quote"], False), (f"[{au}{q}]", ["upper", "quote"], False),
              (f"[{a}0-9]", ["alpha"], True)]
    for pattern, names, ascii_digits in unions:
        regex = re.compile(pattern)
        for cp in range(0x110000):
            ch = chr(cp)
            want = any(compiled[n].fullmatch(ch) for n in names) or (ascii_digits and "0" <= ch <= "9")
            assert bool(regex.fullmatch(ch)) == want, (pattern[:20], hex(cp))
    return starts, flags


def exceptions_and_patterns(nlp):
    """Rules as (string, piece byte lengths); matcher patterns as (rule index, token byte lengths)
    for the rules spaCy's tokenizer also looks for across tokens (faster_heuristics: rules with a
    prefix, suffix, infix or space), each pattern being the rule's tokenization without rules."""
    tok = nlp.tokenizer
    bare = Tokenizer(nlp.vocab, rules={}, prefix_search=tok.prefix_search,
                     suffix_search=tok.suffix_search, infix_finditer=tok.infix_finditer,
                     token_match=tok.token_match, url_match=tok.url_match)
    assert tok.faster_heuristics
    rules, patterns = [], []
    for index, (text, substrings) in enumerate(sorted(tok.rules.items())):
        pieces = [spec[ORTH] for spec in substrings]
        assert "".join(pieces) == text and "\x00" not in text and "\x01" not in text
        rules.append((text, [len(x.encode()) for x in pieces]))
        # RuleTokenizer relies on this: a rule's pieces are never merged further.
        assert [t.text for t in nlp(text)] == pieces, text
        if tok.find_prefix(text) or tok.find_infix(text) or tok.find_suffix(text) or " " in text:
            parts = [t.text for t in bare(text)]
            assert "".join(parts) == text
            patterns.append((index, [len(x.encode()) for x in parts]))
    return rules, patterns


def swift_string(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch.isprintable() and not ch.isspace() or ch == " ":
            out.append(ch)
        else:
            out.append("\\u{%X}" % ord(ch))
    return '"' + "".join(out) + '"'


def swift_ints(values, per_line=12, fmt="0x{:X}") -> str:
    rows = [", ".join(fmt.format(v) for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return "\n".join("        " + row + "," for row in rows)


def swift_rules(name: str, doc: str, rules) -> str:
    # One "text\u{1}piece byte lengths" string per rule.
    entries = [swift_string(text + "\x01" + ",".join(map(str, lengths))) for text, lengths in rules]
    rows = ["        " + ", ".join(entries[i:i + 6]) + "," for i in range(0, len(entries), 6)]
    return f"    /// {doc}\n    static let {name}: [String] = [\n" + "\n".join(rows) + "\n    ]\n"


def swift_patterns(name: str, doc: str, patterns) -> str:
    flat = []
    for index, lengths in patterns:
        flat += [index, len(lengths)] + lengths
    return f"    /// {doc}\n    static let {name}: [UInt16] = [\n{swift_ints(flat, 20, '{}')}\n    ]\n"


def main() -> None:
    assert version("spacy") == SPACY_VERSION, version("spacy")
    suffix_lookbehinds, en_infixes, base_infixes = expected_expressions()
    en, prefixes, suffixes = check_pipeline("en", en_infixes, suffix_lookbehinds)
    xx, _, _ = check_pipeline("xx", base_infixes, suffix_lookbehinds)
    pre_single, pre_multi = prefix_literals(prefixes)
    suf_single, suf_multi = suffix_literals(suffixes, len(suffix_lookbehinds))
    starts, flags = flag_ranges(pre_single, suf_single)
    en_rules, en_patterns = exceptions_and_patterns(en)
    xx_rules, xx_patterns = exceptions_and_patterns(xx)
    hyphens = [literal(h) for h in cc.HYPHENS.split("|")]
    units = cc.UNITS.split("|")
    currencies = [literal(c) for c in cc.CURRENCY.split("|")]
    assert all(is_literal(u) for u in units)

    header = [
        f"// Generated by scripts/reference/spacy_tables.py from spaCy {SPACY_VERSION} — do not edit.",
        "//   .venv-ref/bin/python scripts/reference/spacy_tables.py",
        "// Facts read from spacy/lang/char_classes.py, spacy/lang/punctuation.py,",
        "// spacy/lang/tokenizer_exceptions.py, spacy/lang/en/tokenizer_exceptions.py and",
        "// spacy/pipeline/sentencizer.pyx; the scanners that use them: RuleTokenizer*.swift.",
        "",
    ]
    out = list(header)
    w = out.append
    w("/// Character-class bits of a Unicode scalar (RuleTokenizerTables.flagStarts / flagValues).")
    w("struct RuleCharFlags: OptionSet, Sendable {")
    w("    let rawValue: UInt16")
    for name, doc in FLAGS:
        w(f"    /// {doc}")
        w(f"    static let {name} = RuleCharFlags(rawValue: 0x{BIT[name]:X})")
    w("}")
    w("")
    w("enum RuleTokenizerTables {")
    w(f"    /// First scalar of each run of scalars sharing one flag word ({len(starts)} runs).")
    w(f"    static let flagStarts: [UInt32] = [\n{swift_ints(starts)}\n    ]")
    w("    /// The flag word of each run (RuleCharFlags raw values).")
    w(f"    static let flagValues: [UInt16] = [\n{swift_ints(flags)}\n    ]")
    w("    /// Prefix literals longer than one character, tried before the one-character ones.")
    w(f"    static let prefixStrings: [String] = [{', '.join(swift_string(x) for x in pre_multi)}]")
    w("    /// Suffix literals longer than one character.")
    w(f"    static let suffixStrings: [String] = [{', '.join(swift_string(x) for x in suf_multi)}]")
    w("    /// Suffixes split off after an ASCII digit: currencies, then units (char_classes).")
    w(f"    static let currencyStrings: [String] = [{', '.join(swift_string(x) for x in currencies)}]")
    w(f"    static let unitStrings: [String] = [\n        {', '.join(swift_string(x) for x in units)},\n    ]")
    w("    /// The hyphen alternatives of the infix expression, in the expression's order.")
    w(f"    static let hyphenStrings: [String] = [{', '.join(swift_string(x) for x in hyphens)}]")
    w("}")
    exceptions = list(header)
    e = exceptions.append
    e("extension RuleTokenizerTables {")
    e(swift_rules("englishRules", f"spacy.blank(\"en\") tokenizer rules ({len(en_rules)}), sorted: "
                  "\"text\\u{1}piece byte lengths\".", en_rules))
    e(swift_rules("baseRules", f"spacy.blank(\"xx\") (base language) tokenizer rules ({len(xx_rules)}).", xx_rules))
    e(swift_patterns("englishPatterns", f"Cross-token patterns of the English rules ({len(en_patterns)}): "
                     "rule index, token count, token byte lengths.", en_patterns))
    e(swift_patterns("basePatterns", f"Cross-token patterns of the base rules ({len(xx_patterns)}).", xx_patterns))
    e("}")
    directory = sys.argv[1] if len(sys.argv) > 1 else "Sources/QuarryText"
    for name, lines in (("RuleTokenizerTables.swift", out), ("RuleTokenizerExceptionTables.swift", exceptions)):
        with open(f"{directory}/{name}", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
