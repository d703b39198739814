"""Golden merges and ids from Hugging Face tokenizers 0.23.3's BpeTrainer for QuarryTokenizer's
trainer tests (Sources/QuarryTokenizer/BPETrainer*.swift), and a full-size parity check.

Every training here is configured as ByteLevelBPETokenizer / `quarry tokenizer train` are:
BPE() model, initial_alphabet = ByteLevel.alphabet() (all 256 bytes), no prefix/suffix, no
limit_alphabet, train_from_iterator over documents (one sequence per document). Splits:
  gpt2    ByteLevel(add_prefix_space=False, use_regex=True)
  llama3  Sequence[Split(Regex(Llama-3 pattern), "isolated"), ByteLevel(add_prefix_space=False, use_regex=False)]
  none    ByteLevel(add_prefix_space=False, use_regex=False): every document is one word (the
          synthetic word-count cases, fed one document per word occurrence)

Subcommands:
  fixtures [--docs extract.jsonl] [--out Tests/QuarryTokenizerTests/Fixtures/train]
      writes corpus.jsonl (a ~200 KB deterministic sample of the extracted web text: every 17th
      document of at most 12,000 bytes, in file order, until 200,000 bytes), expected.json (one
      object per case: settings, "vocab" = the vocab keys by id, "merges" = [left id, right id]
      in rank order, "merge_steps" from the Python twin ref_bpe.py, and for the synthetic cases
      "words" = [[word, count], ...]) and the saved tokenizer.json of two cases
      (<case>.tokenizer.json) for the writer comparison.
  compare --input FILE.jsonl --quarry tokenizer.json --vocab-size N [--split gpt2|llama3]
          [--special-token S ...] [--min-frequency N] [--field text]
      trains tokenizers on the same documents and prints whether vocab and merges equal the
      Quarry-trained file, and tokenizers' training time (RAYON_NUM_THREADS sets its threads).

Environment (pinned; never a dependency of Quarry):
  scripts/setup-venv.sh scripts/reference/requirements-tokenizer.txt .venv-tokenizer tokenizers
  .venv-tokenizer/bin/python scripts/reference/bpe_train_golden.py fixtures --docs .bench/extract/quarry-extract.jsonl
(requirements-tokenizer.txt pins tokenizers==0.23.3; the script refuses any other version.)
The synthetic cases are also checked against ref_bpe.py's twin when --ref-bpe DIR is given
(/work/issue8-prep/hf in the issue-8 session); the script fails if the twin disagrees.
"""
import argparse
import io
import json
import os
import random
import sys
import time

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

PINNED = "0.23.3"
LLAMA3 = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
          r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def make_tokenizer(split):
    tok = Tokenizer(models.BPE())
    if split == "gpt2":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    elif split == "llama3":
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(LLAMA3), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    elif split == "none":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    else:
        raise SystemExit(f"unknown split {split}")
    tok.decoder = decoders.ByteLevel()
    return tok


def train(docs, split, vocab_size, specials, min_frequency):
    tok = make_tokenizer(split)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, min_frequency=min_frequency,
                                  show_progress=False, initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    start = time.time()
    tok.train_from_iterator(docs, trainer)
    return tok, time.time() - start


def vocab_and_merges(saved):
    """(keys by id, merges as [left id, right id]) of a saved tokenizer.json."""
    model = saved["model"]
    vocab = model["vocab"]
    keys = [None] * (max(vocab.values()) + 1)
    for key, i in vocab.items():
        keys[i] = key
    merges = []
    for m in model["merges"]:
        a, b = m if isinstance(m, list) else m.split(" ", 1)
        merges.append([vocab[a], vocab[b]])
    return keys, merges


def read_docs(path, field="text"):
    opener = open
    if path.endswith(".zst"):
        import zstandard
        def opener(p, mode):
            return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(p, "rb")), encoding="utf-8")
    with opener(path, "r") as f:
        return [json.loads(line) for line in f if line.strip()]


def synthetic_words(seed):
    """Random words over a tiny alphabet: many pairs tie, and merges such as (ab, c) and
    (a, bc) spell the same token, which exercises id reuse and duplicate merges."""
    rng = random.Random(seed)
    letters = "abc" if seed % 2 else "ab c"
    words = {}
    for _ in range(rng.randint(20, 60)):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        words[word] = words.get(word, 0) + rng.randint(1, 12)
    return words


def fixtures(args):
    docs = read_docs(args.docs)
    sample, total = [], 0
    for i, d in enumerate(docs):
        size = len(d["text"].encode("utf-8"))
        if i % 17 == 0 and 0 < size <= 12000:
            sample.append({"id": d["id"], "text": d["text"]})
            total += size
            if total >= 200_000:
                break
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for d in sample:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    texts = [d["text"] for d in sample]
    ref = None
    if args.ref_bpe:
        sys.path.insert(0, args.ref_bpe)
        import ref_bpe as ref

    cases = [
        dict(name="gpt2_1000", split="gpt2", vocab_size=1000, special_tokens=["<|endoftext|>", "<|pad|>"], min_frequency=0),
        dict(name="gpt2_2000_min25", split="gpt2", vocab_size=2000, special_tokens=["<|endoftext|>"], min_frequency=25),
        dict(name="llama3_1000", split="llama3", vocab_size=1000, special_tokens=["<|begin_of_text|>", "<|end_of_text|>"], min_frequency=0),
        # "ing" is a special token spelled in byte-level text: the merge that makes "ing" reuses
        # its id; "<pad token>" (a space) can never equal a merge.
        dict(name="llama3_2000_specials", split="llama3", vocab_size=2000,
             special_tokens=["<|endoftext|>", "<pad token>", "ing", "<|endoftext|>"], min_frequency=2),
    ]
    out = []
    for case in cases:
        tok, secs = train(texts, case["split"], case["vocab_size"], case["special_tokens"], case["min_frequency"])
        saved = json.loads(tok.to_str())
        keys, merges = vocab_and_merges(saved)
        record = dict(case, vocab=keys, merges=merges, hf_seconds=round(secs, 3))
        out.append(record)
        if case["name"] in ("gpt2_1000", "llama3_1000"):
            tok.save(os.path.join(args.out, case["name"] + ".tokenizer.json"))
        print(case["name"], "vocab", len(keys), "merges", len(merges), file=sys.stderr)
    duplicates = 0
    for seed in range(1, 13):
        words = synthetic_words(seed)
        feed = [w for w, c in sorted(words.items()) for _ in range(c)]
        # "ab" and "ca" are spelled in byte-level text: the merges that make them reuse their ids.
        specials = ["<s>", "ab"] if seed % 3 == 0 else (["ca"] if seed % 3 == 1 else [])
        vocab_size = len(specials) + 256 + 10 + seed * 3
        min_frequency = 4 if seed % 4 == 0 else 0
        tok, _ = train(feed, "none", vocab_size, specials, min_frequency)
        saved = json.loads(tok.to_str())
        keys, merges = vocab_and_merges(saved)
        record = dict(name=f"synthetic_{seed}", split="none", vocab_size=vocab_size, special_tokens=specials,
                      min_frequency=min_frequency, vocab=keys, merges=merges,
                      words=[[w, c] for w, c in sorted(words.items())])
        if ref:
            mapped = {ref.bl_map(w): c for w, c in words.items()}
            rv, rm, steps = ref.train_bpe(mapped, vocab_size, specials, min_frequency=min_frequency,
                                          initial_alphabet=set(ref.BYTE2CHAR.values()))
            hm = [(keys[a], keys[b]) for a, b in merges]
            if rv != saved["model"]["vocab"] or rm != hm:
                raise SystemExit(f"ref_bpe disagrees with tokenizers on synthetic_{seed}")
            record["merge_steps"] = steps
            duplicates += steps - len(merges)
        out.append(record)
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in out) + "\n]\n")
    print(f"{len(sample)} documents, {total} bytes; {len(out)} cases; duplicate merge steps in synthetic cases: "
          f"{duplicates if ref else 'unknown (no --ref-bpe)'}", file=sys.stderr)


def compare(args):
    docs = [d[args.field] for d in read_docs(args.input, args.field) if isinstance(d.get(args.field), str)]
    tok, secs = train(docs, args.split, args.vocab_size, args.special_token or [], args.min_frequency)
    hf = json.loads(tok.to_str())
    quarry = json.load(open(args.quarry, encoding="utf-8"))
    hm = [tuple(m) if isinstance(m, list) else tuple(m.split(" ", 1)) for m in hf["model"]["merges"]]
    qm = [tuple(m) if isinstance(m, list) else tuple(m.split(" ", 1)) for m in quarry["model"]["merges"]]
    first = next((i for i, (a, b) in enumerate(zip(hm, qm)) if a != b), None)
    report = {"tokenizers": tokenizers.__version__, "RAYON_NUM_THREADS": os.environ.get("RAYON_NUM_THREADS"),
              "documents": len(docs), "hf_train_s": round(secs, 2), "vocab_size": args.vocab_size,
              "hf_merges": len(hm), "quarry_merges": len(qm), "merges_equal": hm == qm, "first_merge_diff": first,
              "vocab_equal": hf["model"]["vocab"] == quarry["model"]["vocab"],
              "added_tokens_equal": hf["added_tokens"] == quarry["added_tokens"],
              "file_equal": tok.to_str(pretty=True) == open(args.quarry, encoding="utf-8").read()}
    print(json.dumps(report))
    if not (report["merges_equal"] and report["vocab_equal"]):
        sys.exit(1)


def main():
    if tokenizers.__version__ != PINNED:
        raise SystemExit(f"needs tokenizers=={PINNED}, found {tokenizers.__version__}")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fixtures")
    f.add_argument("--docs", default=".bench/extract/quarry-extract.jsonl.zst")
    f.add_argument("--out", default="Tests/QuarryTokenizerTests/Fixtures/train")
    f.add_argument("--ref-bpe", default=None, help="directory holding ref_bpe.py, to cross-check the synthetic cases")
    c = sub.add_parser("compare")
    c.add_argument("--input", required=True)
    c.add_argument("--quarry", required=True)
    c.add_argument("--vocab-size", type=int, required=True)
    c.add_argument("--split", default="gpt2", choices=["gpt2", "llama3"])
    c.add_argument("--special-token", action="append")
    c.add_argument("--min-frequency", type=int, default=0)
    c.add_argument("--field", default="text")
    args = parser.parse_args()
    fixtures(args) if args.command == "fixtures" else compare(args)


if __name__ == "__main__":
    main()
