"""Golden token ids from Hugging Face tokenizers 0.23.3 for QuarryTokenizer's parity tests.

Trains a 32k byte-level BPE with tokenizers' own BpeTrainer (GPT-2 split = ByteLevel
use_regex, initial_alphabet = ByteLevel.alphabet(), special tokens <|endoftext|>,
<|im_start|>, <|im_end|>) on every third document of the extracted web sample, then builds
four configurations around the trained vocabulary and merges, each saved with
`Tokenizer.save` (the pretty tokenizer.json that Quarry's writer must reproduce):

  gpt2         the trained tokenizer as is
  llama3       Sequence[Split(Llama-3 regex, Isolated), ByteLevel(use_regex false)],
               ignore_merges true, Sequence[ByteLevel, TemplateProcessing("<|begin_of_text|> $A")],
               added tokens with lstrip / rstrip / single_word / normalized
  qwen2        NFC normalizer + the Qwen2 regex (single digits), a normalized added token
  gpt2_nfkc    NFKC normalizer + ByteLevel(add_prefix_space true), TemplateProcessing("$A <|endoftext|>")

and records, for every case, the ids with and without special tokens and the decoded text
with skip_special_tokens. Cases: up to two documents per language hint of the web sample
(first 6,000 characters, from the held-out two thirds), adversarial strings (10,000
spaces, emoji with joiners, combining marks, a 1 MB word, mixed scripts, \\r\\n runs, special
tokens inside text, NBSP / ideographic space / U+2028, controls), invalid UTF-8 (stored as
base64 bytes; tokenizers sees `bytes.decode('utf-8', 'replace')`, Quarry encodes with
replaceInvalidUTF8), and seeded random strings over a weighted alphabet of tricky code points.

Outputs (in OUT, default Tests/QuarryTokenizerTests/Fixtures/golden/):
  tokenizer-<config>.json.zst   the saved tokenizer.json files (zstd -19)
  cases.jsonl.zst               one line per case: {"name", "text" | "b64",
                                "ids": {config: [...]}, "special": {config: [...]},
                                "skip": {config: "decoded with skip_special_tokens"}}
  report.json                   counts, versions, training time

usage: scripts/setup-venv.sh scripts/reference/requirements-tokenizer.txt .venv-tokenizer tokenizers
       .venv-tokenizer/bin/python scripts/reference/tokenizer_golden.py \\
           [--docs .bench/extract/quarry-extract.jsonl.zst] [--web-sample ../shared/corpora/web-sample] [--out DIR]
(--docs is the extracted web sample, {"id", "text"} JSONL, plain or .zst; --web-sample gives
the language hints by id.)
"""
import argparse
import base64
import gzip
import json
import pathlib
import random
import subprocess
import time

import tokenizers
from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors, trainers

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
LLAMA3 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
QWEN2 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
VOCAB_SIZE = 32000
DOC_CHARS = 6000
DOCS_PER_LANGUAGE = 2

ADVERSARIAL = {
    "spaces_10000": " " * 10000,
    "spaces_10000_word": " " * 10000 + "word",
    "a_spaces_b": "a" + " " * 5000 + "b",
    "crlf_runs": "\r\n" * 300 + "x\r\n\r\n y \r\n\r\n\r\n",
    "newlines_spaces": "line\n\n\n   \n\t\n  next  \n",
    "emoji_zwj": "👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🧑🏿‍🚀" * 20,
    "combining": "e\u0301\u0301\u0301 a\u0308 A\u030a Å Å \u0301start n\u0303o",
    "mixed_scripts": "mixed 日本語テキスト русский текст العربية עברית हिन्दी ไทย 한국어 123456789 ١٢٣ ０１２",
    "word_1mb": "Donaudampfschiffahrtsgesellschaftskapitän" * 25000,
    "digits_1mb": "1234567890" * 1000,
    "specials_inside": "x<|endoftext|>y <|endoftext|><|im_start|>user\nhi<|im_end|> <|endoftext <|im_end|>",
    "contractions": "don't I'M we'LL 'S 'ſ they'Re it's",
    "whitespace_kinds": "\t\t  \n\n \u00a0\u3000 \u2028 \u2029 \u0085 z\u00a0word \u200b\u2060\ufeff end",
    "numbers": "1234567 12.5 3,000 ²³ ½ Ⅻ ① 2026-11-29",
    "controls": "\x00\x01\x7f\x1c\x1d\x1e\x1f x \ufffd",
    "empty": "",
    "one_char": "a",
    "one_space": " ",
    "lstrip_mask": "hello   <mask> world<mask>x \u3000<mask>",
    "rstrip_token": "a [[sep]]   b[[sep]]\u00a0\u00a0c",
    "single_word": "foo bar xfoo foox foo_ (foo) foo1 éfoo foo.",
    "normalized_token": "Ｈｅｌｌｏ ﬁx fix fix\u0301 Å Å",
    "compat_chars": "ﬁ ﬂ ① Ⅳ ｶﾀｶﾅ ㍿ ™ ℌ x²",
    "code": "def f(x):\n    return x ** 2  # comment\n\tif (a && b) { c++; }\n",
    "url_email": "https://example.com/a/b?c=d&e=f#g mail@example.org",
}

INVALID = {
    "invalid_lone_bytes": b"abc\xff\xfe def \x80\x81 ghi",
    "invalid_truncated": b"caf\xc3 na\xe2\x82 x\xf0\x9f\x98 end",
    "invalid_surrogate": b"sur\xed\xa0\x80rogate \xed\xbf\xbf",
    "invalid_overlong": b"over\xc0\xaflong \xe0\x80\xaf \xf0\x80\x80\xaf",
    "invalid_mixed": "naïve 日本 ".encode() + b"\xf4\x90\x80\x80 \xf8\x88\x80\x80\x80 " + "ok".encode(),
}

# Weighted alphabet of tricky code points for the random strings.
TRICKY = (["a", "b", "Z", "é", "ß", "ſ", "'", "s", "t", "l", "'s", " ", " ", " ", "\t", "\n", "\r", "\r\n", "\u00a0",
           "\u3000", "\u2028", "0", "7", "٣", "²", "½", ".", ",", "!", "?", "-", "_", "(", "\u0301", "\u0308", "\u200d",
           "\u200b", "\ufe0f", "👍", "🏽", "日", "本", "ア", "한", "ж", "ا", "\u05d0", "ก", "\u0e31", "Ǆ", "ǅ", "ʰ", "<|endoftext|>",
           "<|im_start|>", "<mask>", "[[sep]]", "foo", "ﬁ", "Ａ", "\x00", "\x7f", "\ufffd"])
WEIGHTS = [8, 4, 3, 3, 1, 1, 2, 2, 2, 2, 1, 12, 4, 3, 1, 3, 1, 2, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2, 1,
           1, 1, 1, 1, 1, 2, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def read_docs(path):
    raw = pathlib.Path(path).read_bytes()
    if str(path).endswith(".zst"):
        raw = subprocess.run(["zstd", "-dc"], input=raw, capture_output=True, check=True).stdout
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def language_hints(web_sample):
    hints = {}
    for shard in sorted(pathlib.Path(web_sample).glob("web-sample-*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                hints[d["id"]] = (d.get("lang_hint") or "none").lower()
    return hints


def train(texts):
    tok = Tokenizer(tokenizers.models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    return tok


def configure(base_json, kind):
    tok = Tokenizer.from_str(base_json)
    if kind == "gpt2":
        return tok
    if kind == "llama3":
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(LLAMA3), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False)])
        tok.add_special_tokens([AddedToken("<|begin_of_text|>", special=True, normalized=False),
                                AddedToken("<mask>", special=True, lstrip=True, normalized=False)])
        tok.add_tokens([AddedToken("[[sep]]", rstrip=True, normalized=False),
                        AddedToken("foo", single_word=True, normalized=True)])
        bos = tok.token_to_id("<|begin_of_text|>")
        tok.post_processor = processors.Sequence([
            processors.ByteLevel(trim_offsets=False),
            processors.TemplateProcessing(single="<|begin_of_text|> $A", pair="<|begin_of_text|> $A <|begin_of_text|>:1 $B:1",
                                          special_tokens=[("<|begin_of_text|>", bos)])])
        data = json.loads(tok.to_str())
        data["model"]["ignore_merges"] = True
        return Tokenizer.from_str(json.dumps(data))
    if kind == "qwen2":
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
        tok.add_tokens([AddedToken("fix\u0301", normalized=True)])
        return tok
    if kind == "gpt2_nfkc":
        tok.normalizer = normalizers.NFKC()
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)
        tok.add_tokens([AddedToken("ﬁx", normalized=True), AddedToken("<mask>", lstrip=True, rstrip=True, normalized=False)])
        tok.post_processor = processors.TemplateProcessing(single="$A <|endoftext|>", pair="$A <|endoftext|> $B:1 <|endoftext|>:1",
                                                           special_tokens=[("<|endoftext|>", 0)])
        return tok
    raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", default=str(ROOT / ".bench/extract/quarry-extract.jsonl.zst"))
    ap.add_argument("--web-sample", default=str(ROOT.parent / "shared/corpora/web-sample"))
    ap.add_argument("--out", default=str(ROOT / "Tests/QuarryTokenizerTests/Fixtures/golden"))
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    docs = read_docs(args.docs)
    hints = language_hints(args.web_sample)
    training = [d["text"] for i, d in enumerate(docs) if i % 3 == 0]
    t0 = time.time()
    base = train(training)
    train_seconds = time.time() - t0
    base_json = base.to_str()

    cases = []
    per_language = {}
    for i, d in enumerate(docs):
        if i % 3 == 0:
            continue
        language = hints.get(d["id"], "none")
        if per_language.get(language, 0) >= DOCS_PER_LANGUAGE:
            continue
        per_language[language] = per_language.get(language, 0) + 1
        cases.append({"name": f"doc_{language}_{per_language[language]}", "text": d["text"][:DOC_CHARS]})
    for name, text in ADVERSARIAL.items():
        cases.append({"name": name, "text": text})
    for name, raw in INVALID.items():
        cases.append({"name": name, "b64": base64.b64encode(raw).decode(), "text": raw.decode("utf-8", "replace")})
    rng = random.Random(8)
    for k in range(200):
        n = rng.randrange(1, 40)
        cases.append({"name": f"random_{k}", "text": "".join(rng.choices(TRICKY, WEIGHTS, k=n))})

    configs = ["gpt2", "llama3", "qwen2", "gpt2_nfkc"]
    report = {"tokenizers": tokenizers.__version__, "vocab_size": VOCAB_SIZE, "training_docs": len(training),
              "training_bytes": sum(len(t.encode()) for t in training), "train_seconds": round(train_seconds, 2),
              "cases": len(cases), "languages": sorted(per_language), "configs": {}}
    for kind in configs:
        tok = configure(base_json, kind)
        path = out / f"tokenizer-{kind}.json"
        tok.save(str(path))
        subprocess.run(["zstd", "-q", "-19", "-f", "--rm", str(path), "-o", str(path) + ".zst"], check=True)
        for case in cases:
            enc = tok.encode(case["text"], add_special_tokens=False).ids
            case.setdefault("ids", {})[kind] = enc
            case.setdefault("special", {})[kind] = tok.encode(case["text"], add_special_tokens=True).ids
            case.setdefault("skip", {})[kind] = tok.decode(enc, skip_special_tokens=True)
        report["configs"][kind] = {"vocab": tok.get_vocab_size()}
    for case in cases:
        if "b64" in case:
            del case["text"]
    lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases).encode()
    packed = subprocess.run(["zstd", "-q", "-19", "-c"], input=lines, capture_output=True, check=True).stdout
    (out / "cases.jsonl.zst").write_bytes(packed)
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
