"""Golden data for QuarryTokenizer's pre-tokenizer scanners (Sources/QuarryTokenizer/
PreTokenizerScanner*.swift), made by the engines Quarry must agree with. Three subcommands, each
writing into Tests/QuarryTokenizerTests/Fixtures/pretokenize/:

  classes  classes.onig.txt: the class of every code point as Oniguruma inside tokenizers 0.23.3
           sees it (\\p{L} \\p{N} \\s \\p{M} \\p{Lu} \\p{Ll} \\p{Lt} \\p{Lm} \\p{Lo}, asked with
           Split(Regex(class), "removed") over all 1,112,064 scalar values), as "XXXX..YYYY bits"
           runs with the bits of QuarryTokenizer.CharacterClass (letter 1, number 2,
           whitespace 4, upper 8 = Lu|Lt|Lm|Lo|M, lower 16 = Ll|Lm|Lo|M, mark 32; runs without
           bits are left out). The test compares Quarry's generated table with it.
  pieces   pieces.jsonl: adversarial strings plus the first ~2,000 bytes of web documents in 25
           scripts (up to 2 documents per script, from DATA), and the document ends where tiktoken's
           cl100k differs from Llama-3. One JSON object per line: "name", the text ("text", or
           "head" + "unit" * "count" + "tail" for the long ones) and "starts": for each split,
           base64 of a bitmap with bit k (byte k >> 3, bit k & 7) set where a piece starts at
           UTF-8 byte k.
  corpus   corpus-digest.json: for every document of DATA (JSONL, field "text") in file order and
           each split, the piece count and a SHA-256 of the piece end offsets (UTF-8 bytes from
           the document start, 4 bytes little-endian each, then FF FF FF FF after each document). The test behind QUARRY_PRETOKENIZE_CORPUS=DATA recomputes it.

Engines: gpt2, llama3, qwen2, o200k through tokenizers' `pre_tokenizers.Split(Regex(pattern),
"isolated")` (Oniguruma, Unicode 16.0; gpt2 is also checked against `ByteLevel(use_regex=True)`);
cl100k (tiktoken 0.14.0's possessive rewrite) through the `regex` module, because Oniguruma reads
its `\\p{N}{1,3}+` as `(?:\\p{N}{1,3})+`. `regex` is Unicode 17.0: texts holding a code point
whose L/N/\\s class changed after 16.0 get no cl100k entry. Piece offsets from tokenizers are
code-point offsets (converted to bytes here). Invalid UTF-8 cannot reach either engine (they
take str), so it is covered by the Swift property tests only.

usage (pinned: tokenizers==0.23.3, regex==2026.11.19, unicodedata2==16.0.0, Python 3.11.7; see
scripts/reference/requirements-pretokenize.txt):
  python3.11 -m venv /tmp/venv-pretok && /tmp/venv-pretok/bin/pip install -r scripts/reference/requirements-pretokenize.txt
  /tmp/venv-pretok/bin/python scripts/reference/pretokenize_golden.py classes
  /tmp/venv-pretok/bin/python scripts/reference/pretokenize_golden.py pieces /work/issue8-prep/data/extract.jsonl
  /tmp/venv-pretok/bin/python scripts/reference/pretokenize_golden.py corpus /work/issue8-prep/data/extract.jsonl
"""
import array
import base64
import collections
import hashlib
import json
import os
import sys

import regex
import tokenizers
import unicodedata2
from tokenizers import Regex, pre_tokenizers

assert tokenizers.__version__ == "0.23.3", tokenizers.__version__
assert unicodedata2.unidata_version == "16.0.0", unicodedata2.unidata_version

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "Tests", "QuarryTokenizerTests", "Fixtures", "pretokenize")

# The exact strings of Sources/QuarryTokenizer/PreTokenizerSplit.swift.
PATTERNS = {
    "gpt2": r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""",
    "llama3": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
    "cl100k": r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
    "qwen2": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
    "o200k": "|".join([
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""", r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""", r"""\s*[\r\n]+""", r"""\s+(?!\S)""", r"""\s+"""]),
}
SPLITS = list(PATTERNS)
HF = {name: pre_tokenizers.Split(Regex(p), behavior="isolated") for name, p in PATTERNS.items() if name != "cl100k"}
BYTE_LEVEL = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
CL100K = regex.compile(PATTERNS["cl100k"])
WHITE_SPACE = {*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
               0x2028, 0x2029, 0x202F, 0x205F, 0x3000}
RX_L, RX_N, RX_S = regex.compile(r"\p{L}"), regex.compile(r"\p{N}"), regex.compile(r"\s")


def same_in_unicode16(ch):
    """True if the `regex` module (Unicode 17.0) classes ch as Unicode 16.0 does."""
    cat = unicodedata2.category(ch)
    return (bool(RX_L.fullmatch(ch)) == (cat[0] == "L") and bool(RX_N.fullmatch(ch)) == (cat[0] == "N")
            and bool(RX_S.fullmatch(ch)) == (ord(ch) in WHITE_SPACE))


def byte_offsets(text):
    """offsets[k] = UTF-8 byte offset of code point k (and of the end, k = len)."""
    out, b = [0], 0
    for ch in text:
        b += len(ch.encode("utf-8"))
        out.append(b)
    return out


def piece_ends(split, text, offsets):
    """Byte offsets where the pieces of `text` end."""
    if split == "cl100k":
        ends, b = [], 0
        for piece in CL100K.findall(text):
            b += len(piece.encode("utf-8"))
            ends.append(b)
        assert b == offsets[-1], "cl100k pieces do not cover the text"
        return ends
    spans = HF[split].pre_tokenize_str(text)
    ends = [offsets[e] for _, (s, e) in spans]
    assert [s for _, (s, e) in spans] == [0] + [e for _, (s, e) in spans][:-1], split
    if split == "gpt2":
        assert [span for _, span in BYTE_LEVEL.pre_tokenize_str(text)] == [span for _, span in spans]
    return ends


def bitmap(ends, n):
    bits = bytearray((n + 7) // 8)
    for start in [0] + ends[:-1]:
        if start < n:
            bits[start >> 3] |= 1 << (start & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


ADVERSARIAL = [
    ("10k spaces", {"head": "", "unit": " ", "count": 10000, "tail": ""}),
    ("10k spaces then a word", {"head": "", "unit": " ", "count": 10000, "tail": "x"}),
    ("20k-letter word", {"head": "", "unit": "a", "count": 20000, "tail": ""}),
    ("crlf runs", {"head": "x", "unit": "\r\n", "count": 300, "tail": " \r\n  y\r\n"}),
    ("spaces then word", "     hello"),
    ("tabs and crlf", "a\t\t\tb\r\n\r\n\r\nc \r\n \r\n  d\n\n\n"),
    ("trailing newline and spaces", "x\n  "), ("trailing spaces", "x   "), ("mixed ws end", "a \n \n  "),
    ("ws before punct", "a   !!\n\nb"), ("nbsp", "a\u00a0\u00a0b \u00a0c\u00a0"),
    ("nbsp newlines at end", "\u00a0\n\u00a0\n\u00a0"),
    ("zwsp bom", "a\u200bb \u200b c\ufeffd"), ("u2028 u2029 nel mvs", "a\u2028b\u2029c\u0085d\u180ee\u2028\u2028 f\u0085"),
    ("1c-1f", "a\x1c\x1d b\x1f"),
    ("emoji zwj", "👨\u200d👩\u200d👧\u200d👦 family 🏳️\u200d🌈 flag 👍🏽ok 🧑🏿\u200d💻x"),
    ("combining marks", "e\u0301te\u0301 \u0301a Z\u0351\u0361a\u0300\u0301\u0302 \u0915\u094d\u0937 \u0301\u0301abc \u0300A\u0300b"),
    ("numbers", "123456789 ١٢٣٤٥٦٧ ０１２３４ ½²³ ⅫⅣ ①②③④ 12.345,6 1,000,000"),
    ("contractions", "I'M YOU'LL he's 'S 'LL 'Re 'ſ 'ſx it'sx ''s don't DON'T we've 'VE 'd 'D 'Ll 'lL"),
    ("apostrophes", "rock'n'roll l'été ’s x'\n's '"),
    ("cjk", "日本語のテキスト。中文文本，한국어 텍스트"), ("thai", "ภาษาไทยไม่มีช่องว่าง ระหว่างคำ"),
    ("mixed scripts", "Русский текст and English, العربية עברית हिन्दी ελληνικά 日本 x١y"),
    ("case words", "HelloWorld CamelCase ABCdef DON'T Don't McDonald's İstanbul ǅemal ʰello Aʰb"),
    ("slash", "a/b// c/\n/ //\r\n/x"), ("lone cr", "a\rb\r\r c"),
    ("unicode 16 letters", "\u1c89\u1c8a \U00010d4a\U00010d50 x"),
    ("unicode 17 canary", "\ua7ce\ua7cf x\u0295y"),
    ("variation selectors", "a\ufe0f b\U000e0100c \U000e0001"),
    ("controls", "\x00a\x01 \x7f\x80\x9f b"),
    ("surrogate-free replacement", "a\ufffd\ufffdb \ufffd1"),
]


def load_docs(path):
    with open(path, "rb") as f:
        for line in f:
            yield json.loads(line)["text"]


def script_of(text):
    counts = collections.Counter()
    for ch in text[:4000]:
        if unicodedata2.category(ch)[0] == "L":
            counts[unicodedata2.name(ch, "?").split()[0]] += 1
    return counts.most_common(1)[0][0] if counts else "NONE"


def truncate(text, limit):
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def sample_documents(path):
    per_script, out = collections.Counter(), []
    tails = []
    for k, text in enumerate(load_docs(path)):
        script = script_of(text)
        if per_script[script] < 2:
            per_script[script] += 1
            out.append((f"web#{k} {script}", truncate(text, 2000)))
        tail = text[-300:]
        if len(tails) < 4:
            offsets = byte_offsets(tail)
            if piece_ends("cl100k", tail, offsets) != piece_ends("llama3", tail, offsets):
                tails.append((f"web#{k} end", tail))
    return out + tails


def command_pieces(path):
    cases = list(ADVERSARIAL) + sample_documents(path)
    lines = []
    for name, spec in cases:
        record = {"name": name}
        if isinstance(spec, dict):
            record.update(spec)
            text = spec["head"] + spec["unit"] * spec["count"] + spec["tail"]
        else:
            record["text"] = text = spec
        offsets = byte_offsets(text)
        starts = {}
        for split in SPLITS:
            if split == "cl100k" and not all(same_in_unicode16(ch) for ch in set(text)):
                continue
            starts[split] = bitmap(piece_ends(split, text, offsets), offsets[-1])
        record["starts"] = starts
        lines.append(json.dumps(record, ensure_ascii=False))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "pieces.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(len(lines), "cases")


def command_classes():
    scalars = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    everything = "".join(map(chr, scalars))

    def members(cls):
        removed = set(scalars)
        for piece, _ in pre_tokenizers.Split(Regex(cls), behavior="removed").pre_tokenize_str(everything):
            removed.difference_update(map(ord, piece))
        return removed

    sets = {name: members(cls) for name, cls in [
        ("L", r"\p{L}"), ("N", r"\p{N}"), ("s", r"\s"), ("M", r"\p{M}"), ("Lu", r"\p{Lu}"),
        ("Ll", r"\p{Ll}"), ("Lt", r"\p{Lt}"), ("Lm", r"\p{Lm}"), ("Lo", r"\p{Lo}")]}
    upper = sets["Lu"] | sets["Lt"] | sets["Lm"] | sets["Lo"] | sets["M"]
    lower = sets["Ll"] | sets["Lm"] | sets["Lo"] | sets["M"]
    bits = [0] * 0x110000
    for bit, members_ in ((1, sets["L"]), (2, sets["N"]), (4, sets["s"]), (8, upper), (16, lower), (32, sets["M"])):
        for c in members_:
            bits[c] |= bit
    lines, start = [], 0
    for c in range(1, 0x110001):
        if c == 0x110000 or bits[c] != bits[start]:
            if bits[start]:
                lines.append(f"{start:04X}..{c - 1:04X} {bits[start]}")
            start = c
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "classes.onig.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(len(lines), "runs;", {k: len(v) for k, v in sets.items()})


def command_corpus(path):
    digests = {}
    for split in SPLITS:
        digest, pieces, documents, size = hashlib.sha256(), 0, 0, 0
        for text in load_docs(path):
            offsets = byte_offsets(text)
            ends = piece_ends(split, text, offsets)
            digest.update(array.array("I", ends + [0xFFFFFFFF]).tobytes())
            pieces += len(ends)
            documents += 1
            size += offsets[-1]
        digests[split] = {"documents": documents, "bytes": size, "pieces": pieces, "sha256": digest.hexdigest()}
        print(split, digests[split], flush=True)
    with open(os.path.join(OUT, "corpus-digest.json"), "w") as f:
        json.dump({"data": os.path.basename(path), "splits": digests}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "classes":
        command_classes()
    elif command == "pieces":
        command_pieces(sys.argv[2])
    elif command == "corpus":
        command_corpus(sys.argv[2])
    else:
        sys.exit(__doc__)
